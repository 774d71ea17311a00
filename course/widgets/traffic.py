"""The security group vs network ACL evaluator: a packet, the rules, and the verdict rule by rule."""

from __future__ import annotations

import html

import ipywidgets as w

from course import i18n
from course import traffic as logic
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import status_html, table_html

TEXT = {
    "en": {
        "preset": "Scenario",
        "custom": "(your own rules)",
        "source": "Source IP",
        "destination": "Destination IP",
        "protocol": "Protocol",
        "port": "Port",
        "source_port": "Source port",
        "direction": "Request",
        "dir_in": "arrives at the instance (in)",
        "dir_out": "leaves the instance (out)",
        "peer_groups": "Peer's SGs",
        "peer_hint": "sg-… ids of the other end, comma-separated",
        "nacl_in": "Network ACL, inbound rules: number allow|deny protocol ports CIDR",
        "nacl_out": "Network ACL, outbound rules",
        "sg_in": "Security groups, inbound rules: sg-id protocol ports source",
        "sg_out": "Security groups, outbound rules: sg-id protocol ports destination",
        "allowed": "✓ Allowed: the request gets in and its response gets back.",
        "blocked": "✗ Blocked: {step}, decided by {rule}.",
        "request": "Request",
        "response": "Response",
        "col_rule": "rule",
        "col_text": "as written",
        "col_result": "result",
        "col_why": "why",
        "matched": "match",
        "missed": "no match",
        "not_reached": "not reached",
        "stateful": "Stateful: no rule is checked for the response.",
        "not_reached_step": "Not reached.",
        "static_note": "A static copy of the evaluator (run the notebook to edit the rules).",
        "rules_title": "Rules of this scenario",
    },
    "ko": {
        "preset": "시나리오",
        "custom": "(직접 만든 규칙)",
        "source": "소스 IP",
        "destination": "대상 IP",
        "protocol": "프로토콜",
        "port": "포트",
        "source_port": "소스 포트",
        "direction": "요청",
        "dir_in": "인스턴스에 도착 (인바운드)",
        "dir_out": "인스턴스에서 나감 (아웃바운드)",
        "peer_groups": "상대편 보안 그룹",
        "peer_hint": "상대편의 sg-… ID, 쉼표로 구분",
        "nacl_in": "네트워크 ACL 인바운드 규칙: 번호 allow|deny 프로토콜 포트 CIDR",
        "nacl_out": "네트워크 ACL 아웃바운드 규칙",
        "sg_in": "보안 그룹 인바운드 규칙: sg-id 프로토콜 포트 소스",
        "sg_out": "보안 그룹 아웃바운드 규칙: sg-id 프로토콜 포트 대상",
        "allowed": "✓ 허용: 요청이 들어가고 응답이 돌아옵니다.",
        "blocked": "✗ 차단: {step}, {rule}에서 결정됨.",
        "request": "요청",
        "response": "응답",
        "col_rule": "규칙",
        "col_text": "쓴 그대로",
        "col_result": "결과",
        "col_why": "이유",
        "matched": "일치",
        "missed": "불일치",
        "not_reached": "도달하지 않음",
        "stateful": "상태 저장(stateful): 응답에는 규칙을 확인하지 않습니다.",
        "not_reached_step": "도달하지 않음.",
        "static_note": "평가기의 정적 사본입니다 (규칙을 고치려면 노트북을 실행하세요).",
        "rules_title": "이 시나리오의 규칙",
    },
}

_ALLOW_ROW = "#dcfce7"
_DENY_ROW = "#fde2e1"
_GREY = "#888"


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


class TrafficEvaluator(w.VBox):
    """Edit a packet and the rules; the verdict follows every change.

    Read-only results: ``result`` (the last `logic.RoundTrip`, None while the input is
    bad), ``status`` (the last error message, or ''), ``verdict`` (the verdict HTML).
    """

    def __init__(self, scenario: str = "web", *, packet: logic.Packet | None = None,
                 acl: logic.NetworkAcl | None = None, groups=None):
        presets = logic.scenarios()
        if packet is None and scenario not in presets:
            raise KeyError(f"no scenario {scenario!r}; pick one of {', '.join(presets)}")
        self._presets = presets
        options = [(s.title, k) for k, s in presets.items()] + [(_t("custom"), "custom")]
        short = {"layout": w.Layout(width="260px"), "style": {"description_width": "100px"}}
        self._preset = w.Dropdown(options=options, value=scenario if packet is None else "custom",
                                  description=_t("preset"), layout=w.Layout(width="560px"),
                                  style={"description_width": "100px"})
        self._source = w.Text(description=_t("source"), continuous_update=False, **short)
        self._destination = w.Text(description=_t("destination"), continuous_update=False, **short)
        self._protocol = w.Dropdown(options=list(logic.PACKET_PROTOCOLS),
                                    description=_t("protocol"), **short)
        self._port = w.IntText(description=_t("port"), **short)
        self._source_port = w.IntText(description=_t("source_port"), **short)
        self._direction = w.Dropdown(options=[(_t("dir_in"), "in"), (_t("dir_out"), "out")],
                                     description=_t("direction"), **short)
        self._peer_groups = w.Text(description=_t("peer_groups"), placeholder=_t("peer_hint"),
                                   continuous_update=False, **short)
        area = {"layout": w.Layout(width="48%", height="110px"), "continuous_update": False}
        self._nacl_in = w.Textarea(**area)
        self._nacl_out = w.Textarea(**area)
        self._sg_in = w.Textarea(**area)
        self._sg_out = w.Textarea(**area)
        self._verdict = w.HTML()
        self._status = w.HTML()
        self._status_text = ""
        self._result: logic.RoundTrip | None = None
        self._loading = False
        self._inputs = [self._source, self._destination, self._protocol, self._port,
                        self._source_port, self._direction, self._peer_groups,
                        self._nacl_in, self._nacl_out, self._sg_in, self._sg_out]
        for control in self._inputs:
            control.observe(self._on_edit, names="value")
        self._preset.observe(self._on_preset, names="value")

        def labelled(text, control):
            return w.VBox([w.HTML(f"<b>{html.escape(text)}</b>"), control],
                          layout=w.Layout(width="49%"))

        for c in (self._nacl_in, self._nacl_out, self._sg_in, self._sg_out):
            c.layout.width = "98%"
        super().__init__([
            self._preset,
            w.HBox([self._source, self._destination, self._direction]),
            w.HBox([self._protocol, self._port, self._source_port]),
            self._peer_groups,
            w.HBox([labelled(_t("nacl_in"), self._nacl_in), labelled(_t("nacl_out"), self._nacl_out)]),
            w.HBox([labelled(_t("sg_in"), self._sg_in), labelled(_t("sg_out"), self._sg_out)]),
            self._status, self._verdict])
        if packet is not None:
            self.load(packet, acl or logic.default_network_acl(), groups or [])
        else:
            self._on_preset(None)

    result = property(lambda self: self._result, doc="The last round trip, or None.")
    status = property(lambda self: self._status_text, doc="The last error message, or ''.")
    verdict = property(lambda self: self._verdict.value, doc="The verdict as HTML.")

    def load(self, packet: logic.Packet, acl: logic.NetworkAcl, groups) -> None:
        """Show this packet and these rules (the sandbox's, for one) and evaluate them."""
        self._loading = True
        try:
            self._source.value, self._destination.value = packet.source, packet.destination
            self._protocol.value = packet.protocol
            self._port.value = packet.port or 0
            self._source_port.value = packet.source_port or 0
            self._direction.value = packet.direction
            self._peer_groups.value = ", ".join(packet.peer_groups)
            self._nacl_in.value = logic.acl_lines(acl, "in")
            self._nacl_out.value = logic.acl_lines(acl, "out")
            self._sg_in.value = logic.sg_lines(groups, "in")
            self._sg_out.value = logic.sg_lines(groups, "out")
        finally:
            self._loading = False
        self._evaluate()

    def _on_preset(self, _change):
        key = self._preset.value
        if key in self._presets:
            s = self._presets[key]
            self.load(s.packet, s.acl, s.groups)

    def _on_edit(self, _change):
        if self._loading:
            return
        if self._preset.value != "custom":
            self._loading = True
            try:
                self._preset.value = "custom"
            finally:
                self._loading = False
        self._evaluate()

    def _packet(self) -> logic.Packet:
        peers = tuple(p.strip() for p in self._peer_groups.value.split(",") if p.strip())
        ported = self._protocol.value in logic.PORTED
        return logic.Packet(self._source.value, self._destination.value, self._protocol.value,
                            self._port.value if ported else None, self._direction.value,
                            self._source_port.value if ported else None, peers)

    def _evaluate(self):
        try:
            acl = logic.acl_from_lines(self._nacl_in.value, self._nacl_out.value)
            groups = logic.groups_from_lines(self._sg_in.value, self._sg_out.value)
            self._result = logic.round_trip(self._packet(), acl, groups)
        except logic.RuleError as err:
            self._result = None
            self._status_text = err.message
            self._status.value = status_html(err.message)
            self._verdict.value = ""
            return
        self._status_text = ""
        self._status.value = ""
        self._verdict.value = verdict_html(self._result)


def verdict_html(trip: logic.RoundTrip) -> str:
    """The verdict of ``trip``: a headline, then each step with its rules, the deciding one marked."""
    blocked = trip.blocked_at
    if blocked is None:
        head = f'<div style="color:#1a7f37;font-weight:bold">{html.escape(_t("allowed"))}</div>'
    else:
        head = (f'<div style="color:#b42318;font-weight:bold">'
                f'{html.escape(_t("blocked", step=blocked.title, rule=blocked.decided_by or "-"))}</div>')
    parts = [head]
    for n, step in enumerate(trip.steps, 1):
        mark = {True: "✓", False: "✗", None: "–"}[step.allowed]
        colour = {True: "#1a7f37", False: "#b42318", None: _GREY}[step.allowed]
        title = f"{n}. {step.title}: {step.packet.describe()}"
        parts.append(f'<div style="margin-top:8px;color:{colour}"><b>{mark} {html.escape(title)}</b>'
                     f"<br>{html.escape(step.reason)}</div>")
        if step.checks:
            rows, styles = [], []
            for c in step.checks:
                result = _t("matched") if c.matched else (_t("missed") if c.reached else _t("not_reached"))
                rows.append([c.label, c.text, result, c.why])
                decided = c.label == step.decided_by and c.matched
                styles.append((_ALLOW_ROW if c.action == "allow" else _DENY_ROW) if decided
                              else ("" if c.reached else "#f4f4f4"))
            parts.append(table_html([_t("col_rule"), _t("col_text"), _t("col_result"), _t("col_why")],
                                    rows, styles, wrap=(3,)))
    return "".join(parts)


def static_html(scenario: str = "web") -> str:
    """A kernel-free copy: the scenario's rules and its verdict."""
    s = logic.scenarios()[scenario]
    trip = logic.round_trip(s.packet, s.acl, s.groups)
    rules = "\n".join([f"# {_t('nacl_in')}", logic.acl_lines(s.acl, "in"),
                       f"# {_t('nacl_out')}", logic.acl_lines(s.acl, "out"),
                       f"# {_t('sg_in')}", logic.sg_lines(s.groups, "in"),
                       f"# {_t('sg_out')}", logic.sg_lines(s.groups, "out")])
    return (f"<p><i>{html.escape(_t('static_note'))}</i></p><p><b>{html.escape(s.title)}</b></p>"
            f"<details><summary>{html.escape(_t('rules_title'))}</summary>"
            f"<pre>{html.escape(rules)}</pre></details>" + verdict_html(trip))


def show_traffic(scenario: str = "web", *, packet: logic.Packet | None = None,
                 acl: logic.NetworkAcl | None = None, groups=None):
    """The evaluator on a preset ``scenario``, or on your own ``packet``, ``acl`` and ``groups``."""
    view = TrafficEvaluator(scenario, packet=packet, acl=acl, groups=groups)
    fallback = view.verdict if packet is not None else static_html(scenario)
    return with_fallback(view, html=fallback or html.escape(view.status))
