"""Who manages which layer: on-premises, IaaS, PaaS and SaaS, layer by layer.

The layers run from the building up to your data. In every model you remain
responsible for your data and for who may reach it: AWS's shared responsibility
model calls the provider's part "security *of* the cloud" and yours "security
*in* the cloud" (https://aws.amazon.com/compliance/shared-responsibility-model/)::

    >>> who_manages("IaaS", "Operating system")
    'you'
    >>> who_manages("PaaS", "Operating system")
    'provider'
"""

from __future__ import annotations

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
        raise ValueError(f"unknown service model {model!r}; choose one of {', '.join(MODELS)}")
    if layer not in LAYERS:
        raise ValueError(f"unknown layer {layer!r}; the layers are: {'; '.join(LAYERS)}")
    return "provider" if LAYERS.index(layer) < _PROVIDER_LAYERS[model] else "you"


def your_layers(model: str) -> tuple[str, ...]:
    """The layers you still manage in ``model``, bottom to top."""
    return tuple(layer for layer in LAYERS if who_manages(model, layer) == "you")
