"""Explanations computed by the course's logic speak the chapter's language.

A Korean chapter's IAM trace, route explanation, lifecycle event and storage-class formula
are Korean, with no English sentence left in them; the English ones stay as they were.
"""

from __future__ import annotations

import re

import pytest

from course import global_infrastructure, i18n, s3_lifecycle, storage_classes, vpc_routes
from course.iam import evaluate

HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Three English words in a row is a sentence left untranslated; AWS names (Allow, Deny,
# NotAction, STANDARD, GetCallerIdentity) stand alone or in pairs.
ENGLISH_RUN = re.compile(r"\b[A-Za-z]{2,}(?:[ ,]+[a-z]{2,}){2,}\b")


@pytest.fixture
def korean():
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def korean_only(text: str) -> None:
    assert HANGUL.search(text), f"no Korean in {text!r}"
    english = ENGLISH_RUN.findall(text)
    assert not english, f"English left in {text!r}: {english}"


ALICE = "arn:aws:iam::111122223333:user/alice"
ALLOW_GET = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject",
                                                      "Resource": "arn:aws:s3:::reports/*"}]}
DENY_LOGS = {"Version": "2012-10-17", "Statement": [{"Sid": "DenyLogs", "Effect": "Deny", "Action": "s3:*",
                                                      "Resource": "arn:aws:s3:::reports/logs/*",
                                                      "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]}
BOUNDARY = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "ec2:*", "Resource": "*"}]}


def _decisions():
    """An explicit deny with a condition, a permissions-boundary implicit deny, a fixed STS rule."""
    return [
        evaluate(ALICE, "s3:GetObject", "arn:aws:s3:::reports/logs/a.gz", identity_policies=[ALLOW_GET, DENY_LOGS],
                 context={"aws:SecureTransport": False}),
        evaluate(ALICE, "s3:GetObject", "arn:aws:s3:::reports/q1.csv", identity_policies=[ALLOW_GET],
                 permissions_boundary=BOUNDARY),
        evaluate("arn:aws:iam::111122223333:root", "sts:AssumeRole", "arn:aws:iam::111122223333:role/r"),
    ]


def test_a_korean_iam_trace_is_korean(korean):
    deny, boundary, refused = _decisions()
    assert deny.reason == "자격 증명 기반 정책의 명시적 거부(Deny)는 모든 Allow보다 우선합니다"
    assert boundary.reason == "권한 경계가 허용하지 않습니다 (암시적 거부)"
    assert [s.name for s in boundary.steps][:2] == ["명시적 거부", "리소스 제어 정책(RCP)"]
    for decision in (deny, boundary, refused):
        korean_only(decision.reason)
        for line in decision.explain().splitlines():
            if line.strip():
                korean_only(line)


def test_the_english_iam_trace_is_unchanged():
    deny, boundary, refused = _decisions()
    assert deny.reason == "an explicit Deny in the identity-based policy overrides every Allow"
    assert boundary.reason == "the permissions boundary does not allow it (implicit deny)"
    assert refused.reason.startswith("AWS refuses AssumeRole called with the root user's credentials")
    assert "Evaluation order:" in deny.explain() and "  1. Explicit deny: deny - " in deny.explain()
    assert "matches one of the values (OR)" in deny.explain()


def test_a_korean_route_explanation_is_korean(korean):
    rt = {"RouteTableId": "rtb-1", "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}]}
    reason = vpc_routes.exposure(rt).reason
    korean_only(reason)
    assert "인터넷 게이트웨이" in reason and "nat-1" in reason
    korean_only(vpc_routes.exposure({"RouteTableId": "rtb-2", "Routes": []}).reason)
    with pytest.raises(vpc_routes.RouteError, match="포함하는 라우트가 없습니다"):
        vpc_routes.lookup("8.8.8.8", {"Routes": []})


def test_the_english_route_explanation_is_unchanged():
    rt = {"RouteTableId": "rtb-1", "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]}
    assert vpc_routes.exposure(rt).reason == "rtb-1 sends 0.0.0.0/0 to internet gateway igw-1"


RULES = {"Rules": [{"ID": "archive", "Status": "Enabled", "Filter": {},
                    "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}], "Expiration": {"Days": 200}}]}


def test_korean_lifecycle_events_are_korean(korean):
    events = s3_lifecycle.simulate_lifecycle(RULES, [{"Key": "log.gz", "Size": 1024 ** 3}], days=300).events
    summaries = [e.summary for e in events]
    assert summaries[1] == "전환(transition) STANDARD → GLACIER"
    for words in summaries:
        korean_only(words)


def test_english_lifecycle_events_are_unchanged():
    events = s3_lifecycle.simulate_lifecycle(RULES, [{"Key": "log.gz", "Size": 1024 ** 3}], days=300).events
    assert [e.summary for e in events] == ["uploaded into STANDARD (one PUT request)",
                                           "transition STANDARD → GLACIER", "expired (deleted) from GLACIER"]


WORKLOAD = storage_classes.Workload(objects=1000, object_size_kb=1, months_kept=1, delete_after_days=10,
                                    via_lifecycle=True)


def test_a_korean_storage_class_explanation_is_korean(korean):
    estimate = storage_classes.estimate("STANDARD_IA", WORKLOAD)
    for line in estimate.lines:
        korean_only(storage_classes.item_words(line.item))
        korean_only(line.formula)
    excluded = dict(storage_classes.compare(WORKLOAD, storage_classes.Constraints(
        millisecond_access=True, survive_az_loss=True)).excluded)
    for reason in excluded.values():
        korean_only(reason)
    assert excluded["GLACIER"].startswith("첫 바이트를 밀리초 안에")
    for sc in storage_classes.CLASS_IDS:
        korean_only(storage_classes.class_use(sc))


def test_the_english_storage_class_explanation_is_unchanged():
    lines = {line.item: line for line in storage_classes.estimate("STANDARD_IA", WORKLOAD).lines}
    assert lines["early-deletion charge"].formula.startswith("deleted after 10 days but the minimum is 30 days")
    assert storage_classes.item_words("storage") == "storage"
    assert storage_classes.class_use("STANDARD").startswith("Frequently accessed data")


def test_korean_infrastructure_counts_use_korean_units(korean):
    assert global_infrastructure.figure("regions").wording == "리전 38개"
    assert global_infrastructure.figure("services").wording == "서비스 200개 이상"
    korean_only(global_infrastructure.sentence("azs_per_region_min"))


def test_english_infrastructure_counts_are_unchanged():
    assert global_infrastructure.figure("services").wording == "more than 200 services"
    assert global_infrastructure.figure("azs_per_region_min").wording == "at least 3 Availability Zones per Region"


BAD_EFFECT = {"Version": "2012-10-17", "Statement": [{"Effect": "allow", "Action": "s3:GetObject", "Resource": "*"}]}
NO_ACTION = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Resource": "*"}]}


def test_a_korean_policy_error_explains_in_korean_and_keeps_aws_wording(korean):
    from course.iam import PolicyError, parse_policy
    with pytest.raises(PolicyError) as bad:
        parse_policy(BAD_EFFECT, "identity_policies[0]")
    korean_only(bad.value.rule)
    assert str(bad.value).startswith("identity_policies[0] Statement[0].Effect: Effect는 ")
    with pytest.raises(PolicyError) as missing:
        parse_policy(NO_ACTION, "identity_policies[0]")
    # AWS's own message stays as AWS writes it, with the Korean explanation beside it.
    assert missing.value.rule.startswith("Policy statement must contain actions. (")
    assert HANGUL.search(missing.value.rule)


def test_english_policy_errors_are_unchanged():
    from course.iam import PolicyError, parse_policy
    with pytest.raises(PolicyError, match=r'Effect must be "Allow" or "Deny" \(case-sensitive\), not \'allow\''):
        parse_policy(BAD_EFFECT, "identity_policies[0]")
    with pytest.raises(PolicyError, match=r"must be a JSON object \(\{\.\.\.\}\)$"):
        parse_policy([], "identity_policies[0]")


PUBLIC_READ = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
                                                        "Resource": "arn:aws:s3:::site/*"}]}


def test_the_s3_access_verdicts_speak_korean(korean):
    from course import s3_access
    bpa = s3_access.BlockPublicAccess()
    korean_only(s3_access.put_policy_refusal(PUBLIC_READ, bpa))
    verdict = s3_access.decide("anonymous", "s3:GetObject", "arn:aws:s3:::site/index.html",
                               bucket_policy=PUBLIC_READ, bpa=bpa)
    korean_only(verdict.reason)
    for note in verdict.notes:
        korean_only(note)


def test_a_lab_check_message_embeds_the_route_explanation_in_its_own_language():
    # Checks run in English; their Korean message must still carry the Korean explanation.
    from labs.checks.result import failed
    rt = {"RouteTableId": "rtb-1", "Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]}
    reason = vpc_routes.exposure(rt).reason
    table = {"en": {"public": "subnet-1 is public ({reason})"}, "ko": {"public": "subnet-1은(는) 퍼블릭입니다 ({reason})"}}
    result = failed("db subnet", table, "public", reason=reason)
    assert result.message == "subnet-1 is public (rtb-1 sends 0.0.0.0/0 to internet gateway igw-1)"
    korean_only(result.message_ko)
    assert "인터넷 게이트웨이 igw-1" in result.message_ko


def test_an_iam_reason_computed_in_english_can_be_said_in_korean():
    # Lab checks run in English and put the reason into their Korean message too.
    from course import s3_access
    deny = {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                                                    "Resource": "arn:aws:s3:::site/*"}]}
    verdict = s3_access.decide("anonymous", "s3:GetObject", "arn:aws:s3:::site/a", bucket_policy=deny)
    assert verdict.reason == ("an explicit Deny in the resource-based policy overrides every Allow "
                              "(resource_policy, Statement[0])")
    korean = verdict.reason.in_language("ko")
    korean_only(korean)
    assert korean.startswith("리소스 기반 정책의 명시적 거부(Deny)")
