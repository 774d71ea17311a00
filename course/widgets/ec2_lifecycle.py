"""EC2 lifecycle state machine: press an action, see the state diagram, the consequences and what is billed."""

from __future__ import annotations

import base64
import html

import ipywidgets as W

from course.diagrams import png
from course.ec2_lifecycle import ACTIONS, Instance, LifecycleError, Setup, Transition, apply, hourly_charges, run
from course.ec2_pricing import UNVERIFIED_MARK
from course.figures.ec2 import lifecycle_figure
from course.i18n import text
from course.widgets.fallback import with_fallback

TEXT = {
    "en": {
        "root_device": "root device",
        "ebs": "EBS",
        "instance_store": "instance store",
        "hibernation": "hibernation enabled",
        "eip": "Elastic IP",
        "store": "instance store volumes",
        "data": "EBS data volume",
        "reset": "reset",
        "setup_note": "These settings take effect at launch; changing one resets the instance.",
        "start_status": "Not launched yet. Press launch.",
        "done": "✓ {action}: {path}. Now {state}.",
        "refused": "✗ {action} refused: {reason}",
        "aspect": "what",
        "effect": "what happened",
        "charges": "Charges per hour in this state ({itype}, {region})",
        "nothing_billed": "nothing is billed now.",
        "total": "total",
        "dagger_note": f"{UNVERIFIED_MARK} unverified price: AWS's price pages could not be read; see the chapter.",
        "walkthrough": "A walk-through: launch, reboot, stop, start, terminate",
    },
    "ko": {
        "root_device": "루트 디바이스",
        "ebs": "EBS",
        "instance_store": "인스턴스 스토어",
        "hibernation": "최대 절전 모드 활성화",
        "eip": "탄력적 IP",
        "store": "인스턴스 스토어 볼륨",
        "data": "EBS 데이터 볼륨",
        "reset": "초기화",
        "setup_note": "이 설정은 시작(launch)할 때 적용됩니다. 하나를 바꾸면 인스턴스가 초기화됩니다.",
        "start_status": "아직 시작하지 않았습니다. launch를 누르세요.",
        "done": "✓ {action}: {path}. 이제 {state}.",
        "refused": "✗ {action} 거부됨: {reason}",
        "aspect": "항목",
        "effect": "일어난 일",
        "charges": "이 상태의 시간당 요금 ({itype}, {region})",
        "nothing_billed": "지금은 청구되는 것이 없습니다.",
        "total": "합계",
        "dagger_note": "† 미확인 요금: AWS 요금 페이지를 읽을 수 없었습니다. 본문을 보세요.",
        "walkthrough": "따라 해 보기: launch, reboot, stop, start, terminate",
    },
}


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)


def effects_html(step: Transition) -> str:
    """The consequences of one transition as an HTML table."""
    rows = "".join(f"<tr><td style='padding:2px 6px;vertical-align:top'><b>{html.escape(e.aspect)}</b></td>"
                   f"<td style='padding:2px 6px'>{html.escape(e.words)}</td></tr>" for e in step.effects)
    return (f"<table style='border-collapse:collapse'><tr><th style='text-align:left'>{_t('aspect')}</th>"
            f"<th style='text-align:left'>{_t('effect')}</th></tr>{rows}</table>")


def charges_html(inst: Instance, instance_type: str, region: str) -> str:
    """What the instance costs per hour as it rests, line by line."""
    lines = hourly_charges(inst, instance_type, region)
    head = f"<p><b>{html.escape(_t('charges', itype=instance_type, region=region))}</b></p>"
    if not lines:
        return head + f"<p>{_t('nothing_billed')}</p>"
    rows = "".join(f"<tr><td style='padding:1px 6px'>{html.escape(c.item)}</td>"
                   f"<td style='padding:1px 6px;text-align:right'>${c.usd_per_hour:.5f}"
                   f"{'' if c.verified else ' ' + UNVERIFIED_MARK}</td></tr>" for c in lines)
    total = sum(c.usd_per_hour for c in lines)
    rows += (f"<tr><td style='padding:1px 6px'><b>{_t('total')}</b></td>"
             f"<td style='padding:1px 6px;text-align:right'><b>${total:.5f}</b></td></tr>")
    return head + f"<table>{rows}</table><p style='color:#555;font-size:85%'>{_t('dagger_note')}</p>"


class LifecycleView(W.VBox):
    """Buttons for the actions, the state diagram, the consequences and the hourly charges.

    Attributes:
        instance: the instance as it rests now.
        last: the last transition (None before the first action or after a refusal).
        status: the status line's text.
        diagram_png: the state diagram as PNG bytes.
    """

    def __init__(self, instance_type: str = "t3.micro", region: str = "ap-northeast-2"):
        self.instance_type, self.region = instance_type, region
        self._root = W.ToggleButtons(options=[(_t("ebs"), "ebs"), (_t("instance_store"), "instance-store")],
                                     value="ebs", description=_t("root_device"))
        self._hibernation = W.Checkbox(False, description=_t("hibernation"), indent=False)
        self._eip = W.Checkbox(False, description=_t("eip"), indent=False)
        self._store = W.Checkbox(False, description=_t("store"), indent=False)
        self._data = W.Checkbox(True, description=_t("data"), indent=False)
        self.buttons = {a: W.Button(description=a, layout=W.Layout(width="95px")) for a in ACTIONS}
        for a, b in self.buttons.items():
            b.on_click(lambda _b, a=a: self.act(a))
        self._reset = W.Button(description=_t("reset"), button_style="warning", layout=W.Layout(width="80px"))
        self._reset.on_click(lambda _b: self.reset())
        for c in (self._root, self._hibernation, self._eip, self._store, self._data):
            c.observe(lambda _change: self.reset(), names="value")
        self._status = W.HTML()
        self._diagram = W.Image(format="png", layout=W.Layout(max_width="720px"))
        self._effects = W.HTML()
        self._charges = W.HTML()
        setup_box = W.VBox([W.HBox([self._root]), W.HBox([self._hibernation, self._eip, self._store, self._data]),
                            W.HTML(f"<i style='color:#555'>{_t('setup_note')}</i>")])
        super().__init__([setup_box, W.HBox(list(self.buttons.values()) + [self._reset]), self._status,
                          self._diagram, W.HBox([self._effects, self._charges],
                                                layout=W.Layout(flex_flow="row wrap"))])
        self.reset()

    def setup(self) -> Setup:
        return Setup(root_device=self._root.value, hibernation_enabled=self._hibernation.value,
                     elastic_ip=self._eip.value, instance_store=self._store.value, data_volume=self._data.value)

    def reset(self) -> None:
        """Back to "not launched" with the current settings."""
        self.instance, self.last = Instance(self.setup()), None
        self.status = _t("start_status")
        self._status.value = f"<p>{html.escape(self.status)}</p>"
        self._effects.value = ""
        self._show()

    def act(self, action: str) -> None:
        """Apply ``action``; a refused action leaves the instance as it was and says why."""
        try:
            step = apply(self.instance, action)
        except LifecycleError as e:
            self.last = None
            self.status = _t("refused", action=action, reason=str(e))
            self._status.value = f"<p style='color:#b00'>{html.escape(self.status)}</p>"
            return
        self.instance, self.last = step.after, step
        self.status = _t("done", action=action, path=" → ".join(step.path), state=step.after.state)
        self._status.value = f"<p style='color:#1a7f37'>{html.escape(self.status)}</p>"
        self._effects.value = effects_html(step)
        self._show()

    def _show(self) -> None:
        self.diagram_png = png(lifecycle_figure(self.instance.state))
        self._diagram.value = self.diagram_png
        self._charges.value = charges_html(self.instance, self.instance_type, self.region)


def walkthrough_html(instance_type: str = "t3.micro", region: str = "ap-northeast-2") -> str:
    """A static walk-through of the common actions, for pages rendered without a kernel."""
    inst, steps = run(["launch", "reboot", "stop", "start", "terminate"])
    parts = [f"<h4>{_t('walkthrough')}</h4>"]
    for step in steps:
        parts.append(f"<p><b>{step.action}</b>: {' → '.join(step.path)}</p>{effects_html(step)}")
    parts.append(charges_html(inst, instance_type, region))
    return "".join(parts)


def show_ec2_lifecycle(instance_type: str = "t3.micro", region: str = "ap-northeast-2"):
    """The lifecycle widget, with the state diagram and a walk-through as a static stand-in."""
    view = LifecycleView(instance_type, region)
    diagram = base64.b64encode(png(lifecycle_figure())).decode("ascii")
    static = (f"<img src='data:image/png;base64,{diagram}' style='max-width:720px'>"
              + walkthrough_html(instance_type, region))
    return with_fallback(view, html=static)
