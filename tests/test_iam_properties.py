"""Properties of the evaluator that must hold for any policies (Hypothesis)."""

import copy
import ipaddress

from hypothesis import given, settings
from hypothesis import strategies as st

from course.iam import evaluate_case

A, B = "111122223333", "444455556666"
PRINCIPALS = [f"arn:aws:iam::{A}:user/alice", f"arn:aws:sts::{A}:assumed-role/Dev/s1",
              f"arn:aws:sts::{A}:federated-user/carol", f"arn:aws:iam::{A}:root",
              f"arn:aws:iam::{B}:user/bob"]
ACTIONS = ["s3:GetObject", "s3:PutObject", "s3:ListBucket", "ec2:RunInstances"]
RESOURCES = ["arn:aws:s3:::reports/2026/q1.csv", "arn:aws:s3:::reports", "*"]
ACTION_PATTERNS = ["s3:GetObject", "s3:PutObject", "s3:*", "s3:Get*", "ec2:*", "*", "iam:*"]
RESOURCE_PATTERNS = ["arn:aws:s3:::reports/*", "arn:aws:s3:::reports", "*", "arn:aws:s3:::other/*"]
CONDITIONS = st.one_of(
    st.none(),
    st.just({"Bool": {"aws:MultiFactorAuthPresent": "true"}}),
    st.just({"BoolIfExists": {"aws:MultiFactorAuthPresent": "false"}}),
    st.just({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}),
    st.just({"StringNotEquals": {"aws:PrincipalTag/team": "blue"}}),
    st.just({"ForAllValues:StringEquals": {"aws:TagKeys": ["env"]}}),
)
PRINCIPAL_SPECS = st.sampled_from(["*", {"AWS": A}, {"AWS": B}, {"AWS": PRINCIPALS[0]},
                                   {"AWS": f"arn:aws:iam::{A}:role/Dev"}, {"AWS": PRINCIPALS[1]}])


@st.composite
def statements(draw, effect=None, principal=False, rcp=False):
    s = {"Effect": effect or draw(st.sampled_from(["Allow", "Deny"]))}
    if draw(st.booleans()):
        s["Action"] = draw(st.lists(st.sampled_from(ACTION_PATTERNS), min_size=1, max_size=2))
    else:
        s["NotAction"] = draw(st.sampled_from(ACTION_PATTERNS))
    s["Resource"] = draw(st.lists(st.sampled_from(RESOURCE_PATTERNS), min_size=1, max_size=2))
    if principal:
        s["Principal"] = "*" if rcp else draw(PRINCIPAL_SPECS)
    cond = draw(CONDITIONS)
    if cond:
        s["Condition"] = cond
    if rcp and s["Effect"] == "Allow":
        s.update({"Action": "*", "Resource": "*"})
        s.pop("NotAction", None)
    return s


def policies(**kw):
    return st.builds(lambda ss: {"Version": "2012-10-17", "Statement": ss},
                     st.lists(statements(**kw), min_size=1, max_size=3))


CONTEXTS = st.fixed_dictionaries({}, optional={
    "aws:MultiFactorAuthPresent": st.sampled_from(["true", "false"]),
    "aws:SourceIp": st.sampled_from(["203.0.113.7", "198.51.100.1"]),
    "aws:PrincipalTag/team": st.sampled_from(["blue", "red"]),
    "aws:TagKeys": st.lists(st.sampled_from(["env", "owner"]), max_size=2),
})


@st.composite
def cases(draw):
    principal = draw(st.sampled_from(PRINCIPALS))
    return {
        "request": {"principal_arn": principal, "action": draw(st.sampled_from(ACTIONS)),
                    "resource": draw(st.sampled_from(RESOURCES)), "context": draw(CONTEXTS),
                    "session_issuer_arn": f"arn:aws:iam::{A}:user/carol"},
        "identity_policies": draw(st.lists(policies(), max_size=2)),
        "resource_policy": draw(st.one_of(st.none(), policies(principal=True))),
        "permissions_boundary": draw(st.one_of(st.none(), policies())),
        "scps": draw(st.lists(policies(), max_size=2)),
        "rcps": draw(st.lists(policies(principal=True, rcp=True), max_size=1)),
        "session_policy": draw(st.one_of(st.none(), policies())),
        "same_account": principal.split(":")[4] == A,
    }


TARGETS = ["identity_policies", "resource_policy", "permissions_boundary", "scps", "rcps",
           "session_policy"]


def _add(case, target, statement):
    case = copy.deepcopy(case)
    value = case[target]
    if isinstance(value, list):
        if not value:
            value.append({"Version": "2012-10-17", "Statement": []})
        value[-1]["Statement"].append(statement)
    elif value is None:
        case[target] = {"Version": "2012-10-17", "Statement": [statement]}
    else:
        value["Statement"].append(statement)
    return case


@settings(max_examples=150, deadline=None)
@given(cases(), st.sampled_from(TARGETS), st.data())
def test_adding_a_deny_never_turns_a_deny_into_allow(case, target, data):
    needs_principal = target in ("resource_policy", "rcps")
    deny = data.draw(statements(effect="Deny", principal=needs_principal, rcp=target == "rcps"))
    before = evaluate_case(case).outcome
    after = evaluate_case(_add(case, target, deny)).outcome
    if before != "Allow":
        assert after != "Allow"
    if before == "ExplicitDeny":
        assert after == "ExplicitDeny"


@settings(max_examples=150, deadline=None)
@given(cases(), st.data())
def test_adding_an_identity_allow_never_turns_allow_into_deny(case, data):
    allow = data.draw(statements(effect="Allow"))
    before = evaluate_case(case).outcome
    after = evaluate_case(_add(case, "identity_policies", allow)).outcome
    if before == "Allow":
        assert after == "Allow"


@settings(max_examples=100, deadline=None)
@given(cases())
def test_unconditional_deny_in_identity_policy_denies_iam_principals(case):
    case = _add(case, "identity_policies", {"Effect": "Deny", "Action": "*", "Resource": "*"})
    decision = evaluate_case(case)
    if case["request"]["principal_arn"].endswith(":root"):
        assert decision.outcome != "ExplicitDeny" or decision.decided_by[0] != "identity_policies[0]"
    else:
        assert decision.outcome == "ExplicitDeny"


@settings(max_examples=100, deadline=None)
@given(cases())
def test_every_decision_has_a_reason_and_a_trace(case):
    d = evaluate_case(case)
    assert d.outcome in ("Allow", "ExplicitDeny", "ImplicitDeny", "Refused")
    assert d.reason and d.doc.startswith("https://docs.aws.amazon.com/")
    text = d.explain()
    assert text.startswith(d.outcome)
    if d.outcome == "ExplicitDeny":
        assert d.decided_by is not None


@settings(max_examples=100, deadline=None)
@given(st.ip_addresses(v=4), st.integers(min_value=8, max_value=32), st.ip_addresses(v=4))
def test_ip_address_condition_agrees_with_ipaddress(base, prefix, source):
    network = ipaddress.ip_network(f"{base}/{prefix}", strict=False)
    case = {"request": {"principal_arn": PRINCIPALS[0], "action": "s3:GetObject",
                        "resource": RESOURCES[0], "context": {"aws:SourceIp": str(source)}},
            "identity_policies": [{"Version": "2012-10-17", "Statement": {
                "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*",
                "Condition": {"IpAddress": {"aws:SourceIp": str(network)}}}}]}
    assert (evaluate_case(case).outcome == "Allow") == (source in network)


@settings(max_examples=100, deadline=None)
@given(cases(), st.sampled_from(["arn:aws:iam::111122223333:root", "arn:aws:iam::444455556666:root",
                                 "anonymous"]))
def test_assume_role_with_root_or_no_credentials_is_refused_whatever_the_policies(case, caller):
    # STS API Reference, AssumeRole: call it with the credentials of an IAM user or role.
    case = copy.deepcopy(case)
    case["request"].update(principal_arn=caller, action="sts:AssumeRole",
                           resource="arn:aws:iam::111122223333:role/Admin")
    case["resource_policy"] = {"Version": "2012-10-17", "Statement": [  # a trust policy that trusts everyone
        {"Effect": "Allow", "Principal": "*", "Action": "sts:AssumeRole"}]}
    assert evaluate_case(case).outcome == "Refused"
