"""PolicyEvaluator widget, driven by setting control values (no browser)."""

import json

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
    assert "font-size:2.4em" in view._verdict.value and "허용" in view._verdict.value
    assert view._trace.value.startswith("Allow:")


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
    assert "resource_policy line 2 column" in view.error
    assert "resource_policy line 2 column" in view._status.value
    assert view._editors["identity_policies"].value == ALLOW_READ  # nothing else is touched
    view._editors["resource_policy"].value = ""
    assert view.decision.outcome == "Allow" and view._status.value == ""


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
    assert scenario["title_ko"] in view._lesson.value


@pytest.mark.parametrize("scenario", [pytest.param(s, id=s["id"]) for s in load_scenarios()])
def test_every_scenario_loads_with_its_expected_verdict(scenario):
    view = PolicyEvaluator(scenario=scenario["id"])
    assert view.decision.outcome == scenario["expected"]


def test_results_are_read_only(view):
    with pytest.raises(AttributeError):
        view.decision = None
