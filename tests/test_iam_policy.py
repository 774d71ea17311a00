"""Malformed policies are rejected with the policy, statement, element and rule named."""

import pytest

from course.iam import PolicyError, evaluate_case, parse_policy

GOOD = {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}


def doc(*statements, **top):
    return {"Version": "2012-10-17", "Statement": list(statements), **top}


def stmt(**changes):
    s = dict(GOOD)
    for key, value in changes.items():
        if value is None:
            s.pop(key, None)
        else:
            s[key] = value
    return s


@pytest.mark.parametrize("source, kind, statement, element, words", [
    pytest.param(doc(GOOD, stmt(Effect="allow")), "identity", 1, "Effect", "case-sensitive",
                 id="effect-wrong-case"),
    pytest.param(doc(stmt(Effect="Permit")), "identity", 0, "Effect", '"Allow" or "Deny"',
                 id="effect-unknown"),
    pytest.param(doc(stmt(Effect=None)), "identity", 0, "Effect", "missing required element Effect",
                 id="effect-missing"),
    pytest.param(doc(GOOD, GOOD, stmt(Resource=None)), "identity", 2, "Resource",
                 "Policy statement must contain resources.", id="resource-missing"),
    pytest.param(doc(stmt(Action=None)), "identity", 0, "Action",
                 "Policy statement must contain actions.", id="action-missing"),
    pytest.param(doc(stmt(Actions="s3:*")), "identity", 0, "Actions", "unknown element 'Actions'",
                 id="unknown-statement-element"),
    pytest.param(doc(stmt(Condition={"StringEqualz": {"aws:username": "alice"}})), "identity", 0,
                 "Condition", "unknown condition operator 'StringEqualz'", id="unknown-operator"),
    pytest.param(doc(stmt(Condition={"ForSomeValues:StringEquals": {"aws:TagKeys": "a"}})),
                 "identity", 0, "Condition", "ForSomeValues", id="unknown-set-operator"),
    pytest.param(doc(stmt(Condition={"NullIfExists": {"aws:TokenIssueTime": "true"}})), "identity",
                 0, "Condition", "IfExists cannot be added to the Null", id="null-ifexists"),
    pytest.param(doc(stmt(Principal="*")), "identity", 0, "Principal",
                 "Has prohibited field Principal", id="principal-in-identity-policy"),
    pytest.param(doc(GOOD), "resource", 0, "Principal", "Missing required field Principal",
                 id="principal-missing-in-bucket-policy"),
    pytest.param(doc({"Effect": "Allow", "Principal": {"AWS": "111122223333"},
                      "Action": "sts:AssumeRole", "Resource": "*"}), "trust", 0, "Resource",
                 "Has prohibited field Resource.", id="resource-in-trust-policy"),
    pytest.param(doc(stmt(Action="GetObject")), "identity", 0, "Action",
                 "prefaced by a vendor", id="action-without-service"),
    pytest.param(doc(stmt(Action="s3:GetObject", NotAction="s3:PutObject")), "identity", 0,
                 "Action", "not both", id="action-and-notaction"),
    pytest.param(doc(stmt(Sid="A"), stmt(Sid="A")), "identity", None, "Sid",
                 "Statement IDs (SID) in a single policy must be unique.", id="duplicate-sid"),
    pytest.param(doc(stmt(Principal={"AWS": "arn:aws:iam::111122223333:user/*"})), "resource", 0,
                 "Principal", "wildcard", id="partial-wildcard-principal"),
    pytest.param(doc({"Effect": "Allow", "NotPrincipal": {"AWS": "111122223333"}, "Action": "s3:*",
                      "Resource": "*"}), "resource", 0, "NotPrincipal",
                 'must be used with "Effect":"Deny"', id="notprincipal-with-allow"),
    pytest.param(doc({"Effect": "Allow", "Principal": "*", "Action": "s3:*", "Resource": "*"}),
                 "rcp", 0, "Effect", "RCPFullAWSAccess", id="rcp-custom-allow"),
    pytest.param(doc(stmt(Condition={"StringEquals": {"aws:username": {"a": 1}}})), "identity", 0,
                 "Condition", "values must be strings", id="condition-value-object"),
])
def test_malformed_statement_is_named(source, kind, statement, element, words):
    with pytest.raises(PolicyError) as err:
        parse_policy(source, "identity_policies[3]", kind)
    e = err.value
    assert e.policy == "identity_policies[3]"
    assert e.statement == statement
    assert e.element == element
    assert words in str(e)
    assert "identity_policies[3]" in str(e)
    if statement is not None:
        assert f"Statement[{statement}]" in str(e)


def test_bad_json_reports_line_and_column():
    text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}'
    with pytest.raises(PolicyError) as err:
        parse_policy(text, "resource_policy", "resource")
    assert (err.value.line, err.value.column) == (4, 24)
    assert "resource_policy, line 4 column 24" in str(err.value)
    assert "Syntax errors in policy." in str(err.value)


@pytest.mark.parametrize("source, words", [
    pytest.param({"Version": "2012-10-18", "Statement": [GOOD]}, "Version '2012-10-18' is not valid",
                 id="version-unknown"),
    pytest.param({"Version": "2012-10-17"}, "missing required element Statement",
                 id="statement-missing"),
    pytest.param({"Version": "2012-10-17", "Statement": []}, "non-empty", id="statement-empty"),
    pytest.param({"Version": "2012-10-17", "Statements": [GOOD]}, "unknown top-level element",
                 id="unknown-top-element"),
    pytest.param([GOOD], "must be a JSON object", id="document-is-a-list"),
])
def test_malformed_document_is_named(source, words):
    """Document-level checks come before any statement check."""
    with pytest.raises(PolicyError) as err:
        parse_policy(source, "permissions_boundary", "boundary")
    assert words in str(err.value)
    assert err.value.statement is None
    assert str(err.value).startswith("permissions_boundary")


def test_version_checked_before_statements():
    """A bad Version is reported even when a statement is also broken."""
    with pytest.raises(PolicyError) as err:
        parse_policy({"Version": "1.0", "Statement": [stmt(Effect="nope")]}, "p")
    assert err.value.element == "Version"


def test_policy_error_is_a_value_error():
    with pytest.raises(ValueError):
        parse_policy("{", "p")


def test_evaluate_case_names_the_policy_in_the_case():
    """A malformed SCP deep in a case is reported by its place in the case."""
    case = {"request": {"principal_arn": "arn:aws:iam::111122223333:user/alice",
                        "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/a"},
            "identity_policies": [doc(GOOD)],
            "scps": [doc(stmt(Resource="*")), doc(stmt(Resource="*", Effect="Allowz"))]}
    with pytest.raises(PolicyError) as err:
        evaluate_case(case)
    assert err.value.policy == "scps[1]"
    assert err.value.statement == 0 and err.value.element == "Effect"


def test_missing_version_defaults_to_2008():
    p = parse_policy({"Statement": GOOD}, "p")
    assert p.version == "2008-10-17"


def test_parsed_statement_fields():
    p = parse_policy(doc(stmt(Sid="ReadReports", Condition={
        "ForAnyValue:StringLikeIfExists": {"aws:TagKeys": ["a*", "b"]}})), "p")
    s = p.statements[0]
    c = s.conditions[0]
    assert (s.sid, s.label) == ("ReadReports", "Statement[0] (ReadReports)")
    assert (c.qualifier, c.base, c.if_exists, c.values) == ("ForAnyValue", "StringLike", True,
                                                            ("a*", "b"))
