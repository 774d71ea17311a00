"""The Decision trace, the case shape and the scenario library."""

import re

import pytest

from course.iam import CaseError, decode_context, evaluate, evaluate_case, load_scenarios

A = "111122223333"
ALICE = f"arn:aws:iam::{A}:user/alice"
OBJ = "arn:aws:s3:::reports/2026/q1.csv"
ISSUE_CASE = {
    "request": {"principal_arn": ALICE, "action": "s3:GetObject", "resource": OBJ,
                "context": {"aws:SourceIp": "203.0.113.7", "aws:MultiFactorAuthPresent": "true"}},
    "identity_policies": [{"Version": "2012-10-17", "Statement": [
        {"Sid": "ReadReports", "Effect": "Allow", "Action": "s3:GetObject",
         "Resource": "arn:aws:s3:::reports/*",
         "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                       "Bool": {"aws:MultiFactorAuthPresent": "true"}}},
        {"Sid": "NoDeletes", "Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]}],
    "resource_policy": None, "permissions_boundary": None,
    "scps": [], "rcps": [], "session_policy": None, "same_account": True}


def test_issue_shape_is_accepted_and_allowed():
    d = evaluate_case(ISSUE_CASE)
    assert d.outcome == "Allow"
    assert d.decided_by == ("identity_policies[0]", "Statement[0] (ReadReports)")


def test_trace_records_each_element_and_condition():
    d = evaluate_case(ISSUE_CASE)
    read, no_deletes = d.statement("identity_policies[0]", 0), d.statement("identity_policies[0]", 1)
    assert (read.action, read.resource, read.principal, read.applies) == (True, True, None, True)
    assert [(c.operator, c.key, c.matched) for c in read.conditions] == [
        ("IpAddress", "aws:SourceIp", True), ("Bool", "aws:MultiFactorAuthPresent", True)]
    assert (no_deletes.action, no_deletes.applies) == (False, False)


def test_trace_shows_which_condition_failed():
    case = dict(ISSUE_CASE, request=dict(ISSUE_CASE["request"], context={"aws:SourceIp": "203.0.113.7"}))
    d = evaluate_case(case)
    read = d.statement("identity_policies[0]", 0)
    assert d.outcome == "ImplicitDeny"
    assert [c.matched for c in read.conditions] == [True, False]
    assert read.conditions[1].request_value is None
    assert "absent" in read.conditions[1].note


def test_steps_follow_documented_order():
    d = evaluate_case({**ISSUE_CASE, "scps": [{"Version": "2012-10-17", "Statement": {
        "Effect": "Allow", "Action": "*", "Resource": "*"}}]})
    assert [s.name for s in d.steps] == ["Explicit deny", "RCPs", "SCPs",
                                         "Resource-based policy", "Identity-based policies"]


def test_explain_is_readable_text():
    text = evaluate_case(ISSUE_CASE).explain()
    assert text.splitlines()[0].startswith("Allow:")
    assert "identity_policies[0] (identity-based policy)" in text
    assert "Statement[1] (NoDeletes) Deny: Action ✗" in text
    assert "IpAddress aws:SourceIp ['203.0.113.0/24'] vs '203.0.113.7': ✓" in text


def test_principal_trace_says_how_the_caller_was_named():
    d = evaluate(f"arn:aws:sts::{A}:assumed-role/Dev/s1", "s3:GetObject", OBJ,
                 resource_policy={"Version": "2012-10-17", "Statement": {
                     "Effect": "Allow", "Principal": {"AWS": f"arn:aws:iam::{A}:role/Dev"},
                     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}})
    t = d.statement("resource_policy", 0)
    assert (t.principal, t.principal_as, d.outcome) == (True, "role", "Allow")


def test_policies_out_of_effect_are_marked():
    d = evaluate(ALICE, "s3:GetObject", OBJ, identity_policies=[{"Version": "2012-10-17",
                 "Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}}],
                 session_policy={"Version": "2012-10-17", "Statement": {
                     "Effect": "Deny", "Action": "*", "Resource": "*"}})
    # An IAM user has no session; the session policy cannot deny it.
    assert d.outcome == "Allow"
    session = [p for p in d.policies if p.name == "session_policy"][0]
    assert session.in_effect is False and "session" in session.note


def test_policy_text_is_accepted_as_json():
    d = evaluate(ALICE, "s3:GetObject", OBJ, identity_policies=[
        '{"Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",'
        ' "Resource": "*"}}'])
    assert d.allowed


def test_context_is_never_extended():
    """aws:username is not invented from the principal ARN: the variable stays unresolved."""
    d = evaluate(ALICE, "s3:GetObject", "arn:aws:s3:::home/alice/x", identity_policies=[{
        "Version": "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
                                               "Resource": "arn:aws:s3:::home/${aws:username}/*"}}])
    assert d.outcome == "ImplicitDeny"
    assert "${aws:username}" in d.statement("identity_policies[0]", 0).note


@pytest.mark.parametrize("case, field", [
    pytest.param({"identity_policies": []}, "request", id="request-missing"),
    pytest.param({"request": {"action": "s3:GetObject", "resource": OBJ}}, "request.principal_arn",
                 id="principal-missing"),
    pytest.param({"request": {"principal_arn": ALICE, "action": "s3:GetObject", "resource": OBJ},
                  "identity_policy": []}, "identity_policy", id="unknown-case-key"),
    pytest.param({"request": {"principal_arn": ALICE, "action": "s3:GetObject", "resource": OBJ,
                              "context": {"aws:SourceIp": {"ip": "1.2.3.4"}}}},
                 "request.context.aws:SourceIp", id="context-value-object"),
    pytest.param({"request": {"principal_arn": ALICE, "action": "s3:GetObject", "resource": OBJ},
                  "same_account": "yes"}, "same_account", id="same-account-not-bool"),
    pytest.param({"request": {"principal_arn": ALICE, "action": "s3:GetObject", "resource": OBJ},
                  "scps": {"Version": "2012-10-17"}}, "scps", id="scps-not-a-list"),
])
def test_case_shape_errors_name_the_field(case, field):
    with pytest.raises(CaseError) as err:
        evaluate_case(case)
    assert err.value.field == field
    assert str(err.value).startswith(field)


@pytest.mark.parametrize("text, expected", [
    pytest.param("", {}, id="blank-is-no-keys"),
    pytest.param('{"aws:SourceIp": "203.0.113.7"}', {"aws:SourceIp": "203.0.113.7"}, id="object"),
])
def test_decode_context_accepts(text, expected):
    assert decode_context(text) == expected


@pytest.mark.parametrize("text, position, words", [
    pytest.param('{"aws:MultiFactorAuthPresent": tru', (1, 32), "Expecting value",
                 id="bad-literal"),
    pytest.param('{\n  "aws:SourceIp": "203.0.113.7",\n}', (3, 1), "double quotes",
                 id="trailing-comma"),
    pytest.param('["aws:SourceIp"]', (None, None), "must be a JSON object", id="not-an-object"),
])
def test_decode_context_errors_name_the_context_not_a_policy(text, position, words):
    with pytest.raises(CaseError) as err:
        decode_context(text)
    assert err.value.field == "request context"
    assert (err.value.line, err.value.column) == position
    assert words in str(err.value) and "policy" not in str(err.value)
    if position[0] is not None:
        assert str(err.value).startswith(f"request context, line {position[0]} column {position[1]}")


def test_bad_principal_arn_is_a_value_error():
    with pytest.raises(ValueError, match="principal_arn 'alice'"):
        evaluate("alice", "s3:GetObject", OBJ)


SCENARIOS = load_scenarios()


def test_scenario_library_has_the_course_lessons():
    ids = {s["id"] for s in SCENARIOS}
    assert len(SCENARIOS) >= 15 and len(ids) == len(SCENARIOS)
    for needed in ("explicit-deny-wins", "missing-mfa", "scp-blocks-ec2", "boundary-caps-admin",
                   "root-cannot-assume-role", "cross-account-both-sides", "notaction-surprise", "listbucket-on-bucket-arn",
                   "bucket-star-not-bucket"):
        assert needed in ids
    for s in SCENARIOS:
        assert s["title"] and s["title_ko"] and s["explanation"]
        assert s["source"].startswith("https://docs.aws.amazon.com/")
        assert re.fullmatch(r"2026-1[12]-\d{2}", s["checked"]) and "as_of" not in s


def test_root_user_lesson_names_what_stops_the_root_user():
    # It once said "only an explicit deny (or an SCP or RCP) can stop it".
    text = next(s for s in SCENARIOS if s["id"] == "root-user")["explanation"]
    assert "Only an explicit deny" not in text
    for limit in ("explicit deny", "SCP", "RCP", "KMS key policy", "AssumeRole"):
        assert limit in text, limit


@pytest.mark.parametrize("principal", ["arn:aws:iam::111122223333:root", "anonymous"])
def test_assume_role_is_refused_for_root_and_anonymous_whatever_the_trust_policy(principal):
    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*",
                                                     "Action": "sts:AssumeRole"}]}
    d = evaluate(principal, "sts:AssumeRole", "arn:aws:iam::111122223333:role/Admin", resource_policy=trust)
    assert d.outcome == "Refused" and not d.allowed
    assert d.doc == "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html"
    assert d.steps[-1].name == "Fixed AWS rule"
    assert ("root user" in d.reason) == (principal != "anonymous")


@pytest.mark.parametrize("scenario", [pytest.param(s, id=s["id"]) for s in SCENARIOS])
def test_scenario_expected_outcome(scenario):
    assert evaluate_case(scenario["case"]).outcome == scenario["expected"]


def test_trace_labels_not_action_and_not_resource_by_their_own_names():
    # A NotAction statement was labelled "Action ✗": the learner looked for an Action element.
    d = evaluate(f"arn:aws:iam::{A}:user/alice", "s3:GetObject", OBJ, identity_policies=[
        {"Version": "2012-10-17", "Statement": [
            {"Sid": "AllButIam", "Effect": "Allow", "NotAction": "iam:*", "Resource": "*"},
            {"Sid": "NoS3Reads", "Effect": "Deny", "NotAction": "s3:Get*", "NotResource": "arn:aws:s3:::other/*"},
        ]}])
    first, second = d.statement("identity_policies[0]", 0), d.statement("identity_policies[0]", 1)
    assert first.summary().startswith("Statement[0] (AllButIam) Allow: NotAction ✓ (not listed), Resource ✓")
    assert "NotAction ✗ (listed), NotResource ✓ (not listed) -> does not apply" in second.summary()
    assert "Action ✗" not in d.explain().replace("NotAction ✗", "")
    assert d.outcome == "Allow"
