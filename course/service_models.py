"""Who manages which layer: on-premises, IaaS, PaaS and SaaS, layer by layer.

The layers run from the building up to your data. In every model you remain
responsible for your data and for who may reach it: AWS's shared responsibility
model calls the provider's part "security *of* the cloud" and yours "security
*in* the cloud" (https://aws.amazon.com/compliance/shared-responsibility-model/)::

    >>> who_manages("IaaS", "Operating system")
    'you'
    >>> who_manages("PaaS", "Operating system")
    'provider'

Layers are named in the notebook's language (`layer_name`); `who_manages` takes a layer's
English name or its name in any catalogue language.
"""

from __future__ import annotations

from course.i18n import text

# Bottom to top.
LAYERS = (
    "Facilities, power, cooling",
    "Physical servers, storage, network",
    "Virtualization (hypervisor)",
    "Operating system",
    "Runtime and middleware",
    "Application",
    "Your data and who can access it",
)
MODELS = ("On-premises", "IaaS", "PaaS", "SaaS")
# How many layers, from the bottom, the provider runs in each model.
_PROVIDER_LAYERS = {"On-premises": 0, "IaaS": 3, "PaaS": 5, "SaaS": 6}
# The English names are the keys; the Korean ones are what the Korean chapter prints.
LAYER_NAMES = {
    "en": {layer: layer for layer in LAYERS},
    "ko": {
        "Facilities, power, cooling": "시설, 전력, 냉각",
        "Physical servers, storage, network": "물리 서버, 스토리지, 네트워크",
        "Virtualization (hypervisor)": "가상화 (하이퍼바이저)",
        "Operating system": "운영 체제",
        "Runtime and middleware": "런타임과 미들웨어",
        "Application": "애플리케이션",
        "Your data and who can access it": "데이터와 접근 권한",
    },
}
ERRORS = {
    "en": {"model": "unknown service model {model!r}; choose one of {models}",
           "layer": "unknown layer {layer!r}; the layers are: {layers}"},
    "ko": {"model": "알 수 없는 서비스 모델 {model!r}: {models} 중 하나를 고르세요",
           "layer": "알 수 없는 계층 {layer!r}: 계층은 {layers} 입니다"},
}
EXAMPLES = {
    "On-premises": "your own data centre",
    "IaaS": "Amazon EC2",
    "PaaS": "AWS Elastic Beanstalk",
    "SaaS": "web mail, online office",
}


def who_manages(model: str, layer: str) -> str:
    """``"provider"`` or ``"you"`` for one layer of one service model.

    Raises:
        ValueError: ``model`` or ``layer`` is not one of `MODELS` / `LAYERS`.
    """
    if model not in _PROVIDER_LAYERS:
        raise ValueError(text(ERRORS, "model", model=model, models=", ".join(MODELS)))
    key = _layer_key(layer)
    if key is None:
        raise ValueError(text(ERRORS, "layer", layer=layer, layers="; ".join(layer_name(k) for k in LAYERS)))
    return "provider" if LAYERS.index(key) < _PROVIDER_LAYERS[model] else "you"


def layer_name(layer: str) -> str:
    """The name of ``layer`` (an English name from `LAYERS`) in the notebook's language."""
    return text(LAYER_NAMES, layer)


def your_layers(model: str) -> tuple[str, ...]:
    """The names (in the notebook's language) of the layers you still manage in ``model``, bottom to top."""
    return tuple(layer_name(layer) for layer in LAYERS if who_manages(model, layer) == "you")


def _layer_key(layer: str) -> str | None:
    for names in LAYER_NAMES.values():
        for key, name in names.items():
            if layer == name:
                return key
    return None
