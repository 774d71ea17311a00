"""PolicyEvaluator widget, driven by setting control values (no browser)."""

import json
import re
from pathlib import Path

import ipywidgets as w
import nbformat
import pytest

from course.iam import load_scenarios
from course.widgets.iam import PolicyEvaluator

ALLOW_READ = json.dumps([{"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}])


@pytest.fixture
def view():
    return PolicyEvaluator()


def test_starts_with_implicit_deny(view):
    assert view.decision.outcome == "ImplicitDeny"
    assert "ImplicitDeny" in view._verdict.value and view.error is None


def test_editing_identity_policy_allows(view):
    view._editors["identity_policies"].value = ALLOW_READ
    assert view.decision.outcome == "Allow"
    assert "font-size:2.4em" in view._verdict.value and ">Allow<" in view._verdict.value
    assert "허용" not in view._verdict.value  # an English chapter shows English only
    assert view.trace.startswith("Allow:")
    assert view._trace.value.startswith("<pre") and "Allow: an identity-based" in view._trace.value


def test_single_policy_without_brackets_is_accepted(view):
    view._editors["identity_policies"].value = json.dumps(json.loads(ALLOW_READ)[0])
    assert view.decision.outcome == "Allow"


def test_request_form_changes_verdict(view):
    view._editors["identity_policies"].value = ALLOW_READ
    view._resource.value = "arn:aws:s3:::reports"
    assert view.decision.outcome == "ImplicitDeny"


def test_context_keys_feed_conditions(view):
    view._editors["identity_policies"].value = json.dumps([{"Version": "2012-10-17", "Statement": {
        "Effect": "Allow", "Action": "s3:*", "Resource": "*",
        "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}}}])
    assert view.decision.outcome == "ImplicitDeny"
    view._context.value = '{"aws:MultiFactorAuthPresent": "true"}'
    assert view.decision.outcome == "Allow"


def test_bad_json_shows_location_and_keeps_inputs(view):
    view._editors["identity_policies"].value = ALLOW_READ
    view._editors["resource_policy"].value = '{"Version": "2012-10-17",\n "Statement": [}'
    assert view.decision is None
    assert "resource_policy, line 2 column" in view.error
    assert "resource_policy, line 2 column" in view._status.value
    assert view._editors["identity_policies"].value == ALLOW_READ  # nothing else is touched
    view._editors["resource_policy"].value = ""
    assert view.decision.outcome == "Allow" and view._status.value == ""


# (control, bad value, how the message starts, the message may say "policy")
BAD_INPUTS = [
    pytest.param("identity_policies", '[{"Version": "2012-10-17", "Statement": [}]',
                 "identity_policies, line 1 column", True, id="identity-policy-json"),
    pytest.param("session_policy", '{"Version": "2012-10-17",\n "Statement": [}',
                 "session_policy, line 2 column", True, id="session-policy-json"),
    pytest.param("scps", '[{"Version": "2012-10-17", "Statement": {"Effect": "allow", '
                 '"Action": "*", "Resource": "*"}}]', "scps[0] Statement[0].Effect", True,
                 id="scp-malformed"),
    pytest.param("_context", '{"aws:MultiFactorAuthPresent": tru',
                 "request context, line 1 column 32: Expecting value", False,
                 id="context-json"),
    pytest.param("_context", '["aws:SourceIp"]', "request context: must be a JSON object",
                 False, id="context-not-object"),
    pytest.param("_context", '{"aws:SourceIp": {"ip": "203.0.113.7"}}',
                 "request.context.aws:SourceIp", False, id="context-value-object"),
    pytest.param("_principal", "alice", "principal_arn 'alice'", False, id="principal-not-arn"),
    pytest.param("_action", "  ", "request.action: required", False, id="action-empty"),
    pytest.param("_resource", "", "request.resource: required", False, id="resource-empty"),
]


def _control(view, name):
    return getattr(view, name) if name.startswith("_") else view._editors[name]


@pytest.mark.parametrize("name, bad, starts, may_say_policy", BAD_INPUTS)
def test_bad_input_is_named_and_clears_the_stale_trace(name, bad, starts, may_say_policy):
    view = PolicyEvaluator(scenario="notaction-surprise")
    good = _control(view, name).value
    assert view.decision.outcome == "Allow" and "Evaluation order" in view._trace.value
    _control(view, name).value = bad
    assert view.decision is None and view.trace == ""
    assert view.error.startswith(starts), view.error
    assert may_say_policy or "policy" not in view.error.lower()
    assert html_text(starts) in view._status.value
    assert "—" in view._verdict.value and "Allow" not in view._verdict.value
    assert "Evaluation order" not in view._trace.value and "No trace" in view._trace.value
    assert _control(view, name).layout.border  # the box to fix is outlined, no other
    others = [c for c in (view._principal, view._action, view._resource, view._context,
                          *view._editors.values()) if c is not _control(view, name)]
    assert not any(c.layout.border for c in others)
    _control(view, name).value = good
    assert view.decision.outcome == "Allow" and view.error is None
    assert "Evaluation order" in view._trace.value and not _control(view, name).layout.border


def html_text(text):
    return text.replace("'", "&#x27;").replace('"', "&quot;")


def test_bad_policy_opens_its_editor(view):
    view._editors["permissions_boundary"].value = "{"
    assert view._accordion.selected_index == list(view._editors).index("permissions_boundary")


def test_trace_is_readable_html_not_a_disabled_box(view):
    view._scenario.value = "explicit-deny-wins"
    assert isinstance(view._trace, w.HTML)
    pre = view._trace.value
    assert pre.startswith("<pre") and "color:#1f1f1f" in pre
    assert view.trace.splitlines()[0] in pre  # same text as Decision.explain()
    rule = re.search(r'Rule: <a href="(https://docs\.aws\.amazon\.com/[^"]+)" target="_blank"',
                     pre)
    assert rule and rule.group(1) == view.decision.doc


def test_lesson_source_is_a_link_that_does_not_wrap(view):
    scenario = next(s for s in load_scenarios() if s["id"] == "notaction-surprise")
    view._scenario.value = scenario["id"]
    link = re.search(r'<a href="([^"]+)" target="_blank"[^>]*style="([^"]+)">([^<]+)</a>',
                     view._lesson.value)
    assert link and link.group(1) == scenario["source"]
    assert "white-space:nowrap" in link.group(2) and "text-decoration:underline" in link.group(2)
    assert "reference_policies_elements_notaction" in link.group(3)
    assert "https://" not in link.group(3)  # a long URL as link text would wrap mid-URL


def test_notebook_names_scenarios_as_the_dropdown_shows_them(view):
    notebook = Path(__file__).parents[1] / "course" / "05-iam-policy-evaluation.ipynb"
    text = "\n".join(c.source for c in nbformat.read(notebook, as_version=4).cells
                     if c.cell_type == "markdown")
    named = re.findall(r"choose \*\*(.+?)\*\* in the Scenario dropdown", text)
    labels = [label for label, _ in view._scenario.options]
    assert named, "the chapter should point at a scenario by its dropdown title"
    for title in named:
        assert title in labels, title
    ids = {s["id"] for s in load_scenarios()}
    assert not [i for i in ids if f"`{i}`" in text]  # ids are not what the learner sees


def test_malformed_policy_names_statement(view):
    view._editors["permissions_boundary"].value = json.dumps(
        {"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "*", "Resource": "*"}]})
    assert "permissions_boundary Statement[0].Effect" in view.error


def test_bad_principal_shows_in_status(view):
    view._principal.value = "alice"
    assert view.decision is None and "principal_arn 'alice'" in view.error


def test_scenario_dropdown_loads_everything_in_one_click(view):
    scenario = next(s for s in load_scenarios() if s["id"] == "cross-account-both-sides")
    view._scenario.value = "cross-account-both-sides"
    assert view._principal.value == scenario["case"]["request"]["principal_arn"]
    assert view._same_account.value is False
    assert json.loads(view._editors["resource_policy"].value) == scenario["case"]["resource_policy"]
    assert view.decision.outcome == scenario["expected"] == "Allow"
    assert scenario["title"] in view._lesson.value and scenario["title_ko"] not in view._lesson.value


@pytest.mark.parametrize("scenario", [pytest.param(s, id=s["id"]) for s in load_scenarios()])
def test_every_scenario_loads_with_its_expected_verdict(scenario):
    view = PolicyEvaluator(scenario=scenario["id"])
    assert view.decision.outcome == scenario["expected"]


def test_results_are_read_only(view):
    with pytest.raises(AttributeError):
        view.decision = None


def test_refused_verdict_has_its_own_colour_and_words():
    # AWS refuses AssumeRole with root user credentials: neither an explicit nor an implicit deny.
    view = PolicyEvaluator(scenario="root-cannot-assume-role")
    assert view.decision.outcome == "Refused"
    assert "Refused" in view._verdict.value and "#6a1b9a" in view._verdict.value


def test_in_a_korean_chapter_the_evaluator_speaks_korean():
    from course import i18n
    try:
        i18n.set_language("ko")
        view = PolicyEvaluator("explicit-deny-wins")
        assert "명시적 거부 (ExplicitDeny)" in view._verdict.value
        assert view._accordion.get_title(0).startswith("자격 증명 기반 정책(Identity-based policies")
        assert view._scenario.description == "시나리오" and "예상 결과:" in view._lesson.value
        assert "명시적 거부(explicit deny)는 모든 허용을 이긴다" in view._lesson.value
        view._editors["identity_policies"].value = "[{"
        assert "추적 없음" in view._trace.value
    finally:
        i18n.set_language("en")


def test_lesson_header_stops_claiming_the_scenario_verdict_after_an_edit():
    # It once read "Expected: ImplicitDeny" beside an Allow verdict for the learner's edit.
    view = PolicyEvaluator(scenario="default-implicit-deny")
    assert view.decision.outcome == "ImplicitDeny"
    assert "Expected: ImplicitDeny" in view._lesson.value and "edited" not in view._lesson.value
    view._editors["identity_policies"].value = json.dumps([{"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}])
    assert view.decision.outcome == "Allow"
    assert "Expected: ImplicitDeny" not in view._lesson.value
    assert "You have edited this scenario" in view._lesson.value and "ImplicitDeny" in view._lesson.value
    # Back to the text as loaded: the header is the scenario's again.
    view._editors["identity_policies"].value = ""
    assert view.decision.outcome == "ImplicitDeny" and "Expected: ImplicitDeny" in view._lesson.value


def test_an_invalid_edit_also_counts_as_an_edit():
    view = PolicyEvaluator(scenario="default-implicit-deny")
    view._principal.value = "alice"
    assert view.decision is None and "You have edited this scenario" in view._lesson.value
