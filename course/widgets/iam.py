"""Policy evaluator widget: edit policies and a request, see the verdict and its trace."""

from __future__ import annotations

import html
import json

import ipywidgets as w

from course import i18n
from course.iam import CaseError, PolicyError, decode_context, evaluate_case, load_scenarios
from course.iam.policy import decode_json

_COLORS = {"Allow": "#1b7f3b", "ExplicitDeny": "#b3261e", "ImplicitDeny": "#8a5a00", "Refused": "#6a1b9a"}
# (case key, is a list of policies); the editor's title is TEXT[lang][key].
_EDITORS = (
    ("identity_policies", True),
    ("resource_policy", False),
    ("permissions_boundary", False),
    ("session_policy", False),
    ("scps", True),
    ("rcps", True),
)
TEXT = {
    "en": {
        "identity_policies": "Identity-based policies (JSON list)",
        "resource_policy": "Resource-based policy",
        "permissions_boundary": "Permissions boundary",
        "session_policy": "Session policy",
        "scps": "SCPs, one per level, root first (JSON list)",
        "rcps": "RCPs, one per level, root first (JSON list)",
        "scenario": "Scenario",
        "own": "(write your own)",
        "principal": "Principal",
        "action": "Action",
        "resource": "Resource",
        "context": "Context",
        "same_account": "same account",
        "request": "Request",
        "policies": "Policies",
        "expected": "Expected: {outcome} · source: {link}",
        "docs": "AWS docs: {page} ↗",
        "no_trace": "No trace: fix the input named above and the evaluator runs again.",
        "verdict": "{outcome}",
        "Allow": "Allow",
        "ExplicitDeny": "ExplicitDeny",
        "ImplicitDeny": "ImplicitDeny",
        "Refused": "Refused",
        "edited": "✎ You have edited this scenario: the verdict below is for your version. As written, "
                  "it gives {expected} (pick it again from the list to start over).",
    },
    "ko": {
        "identity_policies": "자격 증명 기반 정책(Identity-based policies, JSON 목록)",
        "resource_policy": "리소스 기반 정책(Resource-based policy)",
        "permissions_boundary": "권한 경계(Permissions boundary)",
        "session_policy": "세션 정책(Session policy)",
        "scps": "SCP, 수준마다 하나, 루트부터 (JSON 목록)",
        "rcps": "RCP, 수준마다 하나, 루트부터 (JSON 목록)",
        "scenario": "시나리오",
        "own": "(직접 작성)",
        "principal": "보안 주체",
        "action": "작업",
        "resource": "리소스",
        "context": "컨텍스트",
        "same_account": "같은 계정",
        "request": "요청",
        "policies": "정책",
        "expected": "예상 결과: {outcome} · 출처: {link}",
        "docs": "AWS 문서: {page} ↗",
        "no_trace": "추적 없음: 위에 표시된 입력을 고치면 평가기가 다시 실행됩니다.",
        "verdict": "{outcome}",
        "Allow": "허용 (Allow)",
        "ExplicitDeny": "명시적 거부 (ExplicitDeny)",
        "ImplicitDeny": "암시적 거부 (ImplicitDeny)",
        "Refused": "AWS 규칙으로 거절 (Refused)",
        "edited": "✎ 이 시나리오를 고쳤습니다. 아래 판정은 고친 내용에 대한 것입니다. 원래 시나리오의 결과는 "
                  "{expected}입니다(목록에서 다시 고르면 처음부터 시작합니다).",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


_LINK_STYLE = "color:#0b57d0;text-decoration:underline;white-space:nowrap"
# Dark text on a light ground: the trace is the lesson, so it must read as well as prose.
_TRACE_STYLE = ("margin:4px 0;padding:8px 10px;max-height:320px;overflow:auto;color:#1f1f1f;"
                "background:#f6f8fa;border:1px solid #d0d7de;border-radius:4px;font-size:12px;"
                "line-height:1.45;white-space:pre-wrap;overflow-wrap:normal")
_NO_TRACE_STYLE = "margin:4px 0;padding:8px 10px;color:#444;border:1px dashed #b3261e"
_ERROR_BORDER = "2px solid #b3261e"


def _dump(value) -> str:
    return "" if value in (None, []) else json.dumps(value, indent=2, ensure_ascii=False)


def _doc_link(url: str) -> str:
    """A link to an AWS documentation page, labelled by its page name so it never wraps."""
    page = url.rsplit("/", 1)[-1].removesuffix(".html").replace(".html#", "#")
    return (f'<a href="{html.escape(url)}" target="_blank" rel="noopener" '
            f'title="{html.escape(url)}" style="{_LINK_STYLE}">{html.escape(_t("docs", page=page))}</a>')


def _trace_html(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if line.startswith("Rule: https://"):
            lines.append("Rule: " + _doc_link(line.removeprefix("Rule: ")))
        else:
            lines.append(html.escape(line))
    return f'<pre style="{_TRACE_STYLE}">' + "\n".join(lines) + "</pre>"


def _title(scenario: dict) -> str:
    """The scenario's title in the chapter's language."""
    return scenario["title_ko"] if i18n.language() == "ko" else scenario["title"]


def _explanation(scenario: dict) -> str:
    """The scenario's explanation in the chapter's language (English where no Korean is written)."""
    return scenario.get(f"explanation_{i18n.language()}", scenario["explanation"])


class PolicyEvaluator(w.VBox):
    """Edit policies and a request; shows the verdict in large type and the full trace.

    Read-only results: :attr:`decision` (a ``course.iam.Decision`` or ``None``) and
    :attr:`error` (the status message when the input is invalid, else ``None``).
    """

    def __init__(self, scenario: str | None = None):
        self._scenarios = {s["id"]: s for s in load_scenarios()}
        self._scenario = w.Dropdown(
            description=_t("scenario"),
            options=[(_t("own"), "")] + [(_title(s), sid) for sid, s in self._scenarios.items()],
            value="", layout=w.Layout(width="95%"))
        self._lesson = w.HTML()
        self._principal = w.Text(description=_t("principal"), continuous_update=False,
                                 value="arn:aws:iam::111122223333:user/alice",
                                 layout=w.Layout(width="95%"))
        self._action = w.Text(description=_t("action"), value="s3:GetObject",
                              continuous_update=False)
        self._resource = w.Text(description=_t("resource"), continuous_update=False,
                                value="arn:aws:s3:::reports/2026/q1.csv",
                                layout=w.Layout(width="95%"))
        self._context = w.Textarea(description=_t("context"), value="{}",
                                   continuous_update=False, layout=w.Layout(width="95%"))
        self._same_account = w.Checkbox(description=_t("same_account"), value=True)
        self._editors = {key: w.Textarea(continuous_update=False,
                                         layout=w.Layout(width="95%", height="140px"))
                         for key, _ in _EDITORS}
        self._verdict = w.HTML()
        self._status = w.HTML()
        self._trace = w.HTML(layout=w.Layout(width="95%"))
        self._decision = None
        self._error = None
        self._loaded: tuple[dict, str] | None = None  # (scenario, its case as loaded)

        self._accordion = editors = w.Accordion(
            children=[self._editors[k] for k, _ in _EDITORS])
        for i, (key, _) in enumerate(_EDITORS):
            editors.set_title(i, _t(key))
        request = w.VBox([w.HTML(f"<b>{_t('request')}</b>"), self._principal, self._action,
                          self._resource, self._context, self._same_account])
        super().__init__([self._scenario, self._lesson, request,
                          w.HTML(f"<b>{_t('policies')}</b>"), editors,
                          self._verdict, self._status, self._trace])

        self._scenario.observe(self._load_scenario, names="value")
        for control in (self._principal, self._action, self._resource, self._context,
                        self._same_account, *self._editors.values()):
            control.observe(self._on_change, names="value")
        self._loading = False
        if scenario:
            self._scenario.value = scenario
        else:
            self._update()

    @property
    def decision(self):
        """The last :class:`course.iam.Decision`, or ``None`` while the input is invalid."""
        return self._decision

    @property
    def error(self) -> str | None:
        """The message shown in the status line, or ``None``."""
        return self._error

    @property
    def trace(self) -> str:
        """The trace as plain text, or ``""`` while the input is invalid."""
        return self._decision.explain() if self._decision else ""

    def _on_change(self, _change) -> None:
        if not self._loading:
            self._update()

    def _load_scenario(self, change) -> None:
        scenario = self._scenarios.get(change["new"])
        if scenario is None:
            self._loaded = None
            self._lesson.value = ""
            return
        case = scenario["case"]
        req = case["request"]
        self._loading = True  # one evaluation after all controls are set, not one per control
        try:
            self._principal.value = req["principal_arn"]
            self._action.value = req["action"]
            self._resource.value = req["resource"]
            self._context.value = json.dumps(req.get("context") or {}, indent=2)
            self._same_account.value = case.get("same_account", True)
            for key, _ in _EDITORS:
                self._editors[key].value = _dump(case.get(key))
        finally:
            self._loading = False
        self._loaded = (scenario, self._case_key())
        self._update()

    def _case_key(self) -> str:
        """The controls' case as canonical JSON ("" while invalid): equal means unedited."""
        try:
            return json.dumps(self._case(), sort_keys=True)
        except ValueError:
            return ""

    def _show_lesson(self) -> None:
        """The scenario's header; once edited, it no longer claims the scenario's verdict."""
        if self._loaded is None:
            return
        scenario, as_loaded = self._loaded
        edited = self._case_key() != as_loaded
        outcome = _t(scenario["expected"])
        link = _doc_link(scenario["source"])
        expected = (f"<b style='color:#8a5a00'>{html.escape(_t('edited', expected=outcome))}</b> · {link}"
                    if edited else _t("expected", outcome=html.escape(outcome), link=link))
        self._lesson.value = (
            f"<p><b>{html.escape(_title(scenario))}</b>"
            f"<br>{html.escape(_explanation(scenario))}<br><small>{expected}</small></p>")

    def _case(self) -> dict:
        case = {"request": {
            "principal_arn": self._principal.value.strip(),
            "action": self._action.value.strip(),
            "resource": self._resource.value.strip(),
            "context": decode_context(self._context.value)},
            "same_account": self._same_account.value}
        for key, is_list in _EDITORS:
            value = decode_json(self._editors[key].value, key)
            if is_list and value is not None and not isinstance(value, list):
                value = [value]  # one policy typed without the surrounding [ ]
            case[key] = value if value is not None else ([] if is_list else None)
        return case

    def _faulty_control(self, err: ValueError):
        """The control the learner must fix, read from the error's fields."""
        if isinstance(err, PolicyError):
            return self._editors.get(err.policy.split("[", 1)[0])
        field = err.field if isinstance(err, CaseError) else str(err)
        for prefix, control in (("request.principal_arn", self._principal),
                                ("principal_arn", self._principal),
                                ("request.action", self._action),
                                ("request.resource", self._resource),
                                ("request context", self._context),
                                ("request.context", self._context)):
            if field.startswith(prefix):
                return control
        return self._editors.get(field.split("[", 1)[0])

    def _mark(self, faulty) -> None:
        for control in (self._principal, self._action, self._resource, self._context,
                        *self._editors.values()):
            control.layout.border = _ERROR_BORDER if control is faulty else None
        if faulty in self._editors.values():
            self._accordion.selected_index = list(self._editors.values()).index(faulty)

    def _update(self) -> None:
        self._show_lesson()
        try:
            decision = evaluate_case(self._case())
        except ValueError as err:  # PolicyError, CaseError, a bad principal ARN
            self._decision = None
            self._error = str(err)
            self._mark(self._faulty_control(err))
            self._verdict.value = "<div style='font-size:2em;color:#666'>—</div>"
            self._status.value = (f"<span style='color:#b3261e'>⚠ {html.escape(str(err))}"
                                  "</span>")
            # A trace left from the last valid input would explain a verdict no longer shown.
            self._trace.value = f"<div style='{_NO_TRACE_STYLE}'>{html.escape(_t('no_trace'))}</div>"
            return
        self._decision = decision
        self._error = None
        self._mark(None)
        color = _COLORS[decision.outcome]
        self._verdict.value = (
            f"<div style='font-size:2.4em;font-weight:bold;color:{color}'>"
            f"{html.escape(_t(decision.outcome))}"
            f"</div><div>{html.escape(decision.reason)}</div>")
        self._status.value = ""
        self._trace.value = _trace_html(decision.explain())
