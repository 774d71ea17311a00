"""Who can do what to an S3 object: a bucket policy, the caller's own policies and Block Public Access.

The course's IAM evaluator (`course.iam`) decides each request; this module adds what S3
puts around it: the three kinds of caller (a user in the bucket owner's account, a user
in another account, anyone on the internet), whether a bucket policy is *public*, and the
four Block Public Access settings. ACLs are left out: new buckets disable them (Object
Ownership "bucket owner enforced"), and AWS recommends keeping them off.

Sources (checked 2026-12-02):
- Blocking public access, "The meaning of 'public'":
  https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
  and the same list in AWS's SDK reference for PublicAccessBlockConfiguration
  (https://docs.aws.amazon.com/sdkfornet/v3/apidocs/items/S3/TPublicAccessBlockConfiguration.html).
- RestrictPublicBuckets: "only AWS service principals and authorized users within the bucket
  owner's account"; cross-account access through a public policy is blocked, including
  grants in it to specific accounts (PublicAccessBlockConfiguration, S3 API reference).
- Policy evaluation logic, cross-account requests:
  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic-cross-account.html

Simplifications: a statement counts as non-public when it names its principals without a
wildcard, or when a positive condition (StringEquals, ArnEquals, IpAddress, ... without
IfExists) pins one of the keys AWS lists to fixed values. Negated operators and ...IfExists
pin nothing: they also match requests that lack the key or carry any other value. AWS's own
check also looks at the width of `aws:SourceIp` ranges, which this module treats as public
only for /0. Keys AWS's list does not name (aws:PrincipalOrgID, for one) count as public
here, which may be stricter than AWS.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from course import i18n
from course.iam import EXPLICIT_DENY, Decision, PolicyError, evaluate, parse_policy

# Condition keys that, pinned to fixed values, make a statement non-public (AWS's list).
NON_PUBLIC_KEYS = frozenset(k.lower() for k in (
    "aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOwner", "aws:SourceAccount",
    "aws:userid", "aws:SourceIp", "s3:x-amz-server-side-encryption-aws-kms-key-id",
    "s3:DataAccessPointArn", "s3:DataAccessPointAccount"))
# Operators that can pin a key; "Not..." and "...IfExists" forms can't (see the docstring).
_PINNING = ("stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike", "ipaddress")
OWNER_ACCOUNT = "111122223333"
OTHER_ACCOUNT = "444455556666"
CALLERS = {
    "alice (same account)": f"arn:aws:iam::{OWNER_ACCOUNT}:user/alice",
    "bob (another account)": f"arn:aws:iam::{OTHER_ACCOUNT}:user/bob",
    "anyone (anonymous)": "anonymous",
}


@dataclass(frozen=True)
class BlockPublicAccess:
    """The four settings; all on for a new bucket since April 2023."""

    block_public_acls: bool = True
    ignore_public_acls: bool = True
    block_public_policy: bool = True
    restrict_public_buckets: bool = True


TEXT = {
    "en": {
        "refused": "S3 refuses to save this bucket policy (AccessDenied): it is public and BlockPublicPolicy is on.",
        "restricted": ("Block Public Access (RestrictPublicBuckets): the bucket policy is public, so only the "
                       "owner's account and AWS services may use it."),
        "restricted_hint": ("Turn RestrictPublicBuckets off, or make the policy non-public (name the principals, "
                            "or pin a key such as aws:SourceVpce to fixed values)."),
        "public": "The bucket policy is public: anyone on the internet can use what it allows.",
        "decided_by": "{reason} ({policy}, {statement})",
    },
    "ko": {
        "refused": ("S3는 이 버킷 정책의 저장을 거부합니다(AccessDenied): 정책이 퍼블릭이고 "
                    "BlockPublicPolicy가 켜져 있습니다."),
        "restricted": ("퍼블릭 액세스 차단(Block Public Access, RestrictPublicBuckets): 버킷 정책이 퍼블릭이므로 "
                       "소유자 계정과 AWS 서비스만 이 정책을 쓸 수 있습니다."),
        "restricted_hint": ("RestrictPublicBuckets를 끄거나, 정책을 퍼블릭이 아니게 만드세요(보안 주체를 지정하거나, "
                            "aws:SourceVpce 같은 키를 고정된 값으로 묶으세요)."),
        "public": "버킷 정책이 퍼블릭입니다: 인터넷의 누구나 이 정책이 허용하는 작업을 할 수 있습니다.",
        "decided_by": "{reason} ({policy}, {statement})",
    },
}


@dataclass(frozen=True)
class AccessVerdict:
    """Whether one caller may do one action on one resource, and why."""

    caller: str
    allowed: bool
    reason: str
    decision: Decision | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def _as_policy(policy, name: str = "bucket policy", kind: str = "resource") -> dict | None:
    if policy is None or (isinstance(policy, str) and not policy.strip()) or policy == {}:
        return None
    parse_policy(policy, name, kind)  # raises PolicyError that says where the fault is
    return json.loads(policy) if isinstance(policy, str) else policy


def _listify(value) -> list:
    return value if isinstance(value, list) else [value]


def statement_is_public(statement: dict) -> bool:
    """True when an Allow statement grants to everyone with nothing pinning who or where."""
    if statement.get("Effect") != "Allow":
        return False
    if "Principal" not in statement:  # parse_policy refuses an Allow with NotPrincipal, as IAM does
        return False
    principal = statement["Principal"]
    named = [principal] if principal == "*" else [v for vs in principal.values() for v in _listify(vs)]
    if not any("*" in str(p) for p in named):
        return False
    for operator, pairs in statement.get("Condition", {}).items():
        qualifier, _, base = operator.lower().rpartition(":")
        if base not in _PINNING or qualifier == "forallvalues":  # ForAllValues is true for no values
            continue
        if any("*" in str(v) or "?" in str(v) for vs in pairs.values() for v in _listify(vs)) \
                and base in ("stringlike", "arnlike"):
            continue
        for key, values in pairs.items():
            if key.lower() not in NON_PUBLIC_KEYS:
                continue
            values = _listify(values)
            if key.lower() == "aws:sourceip" and any(str(v).endswith("/0") for v in values):
                continue
            if not any("*" in str(v) or "${" in str(v) for v in values):
                return False
    return True


def policy_is_public(policy) -> bool:
    """True when any Allow statement of a bucket policy is public (see `statement_is_public`).

    Raises:
        PolicyError: the policy is malformed or not JSON.
    """
    doc = _as_policy(policy)
    return doc is not None and any(statement_is_public(s) for s in _listify(doc.get("Statement", [])))


def put_policy_refusal(policy, bpa: BlockPublicAccess) -> str | None:
    """Why PutBucketPolicy would be refused under ``bpa``, or None when S3 would save it."""
    if bpa.block_public_policy and policy_is_public(policy):
        return i18n.text(TEXT, "refused")
    return None


def decide(caller: str, action: str, resource: str, *, bucket_policy=None, caller_policies=(),
           bpa: BlockPublicAccess = BlockPublicAccess(), bucket_account: str = OWNER_ACCOUNT) -> AccessVerdict:
    """The verdict for ``caller`` (an ARN or "anonymous") doing ``action`` on ``resource``.

    ``bucket_policy`` is the policy the bucket *has* (a public one could have been saved
    before BlockPublicPolicy was turned on); ``caller_policies`` are the caller's own
    identity-based policies, in the caller's account.

    Raises:
        PolicyError: a policy is malformed or not JSON.
    """
    policy = _as_policy(bucket_policy)
    identity = [p for p in (_as_policy(p, f"caller policy {i + 1}", "identity")
                            for i, p in enumerate(caller_policies)) if p is not None]
    anonymous = caller == "anonymous"
    account = None if anonymous else caller.split(":")[4]
    outsider = anonymous or account != bucket_account
    notes = []
    if bpa.restrict_public_buckets and outsider and policy_is_public(policy):
        return AccessVerdict(caller, False, i18n.text(TEXT, "restricted"), None,
                             (i18n.text(TEXT, "restricted_hint"),))
    if policy is not None and policy_is_public(policy) and not bpa.restrict_public_buckets:
        notes.append(i18n.text(TEXT, "public"))
    decision = evaluate(caller, action, resource, resource_policy=policy,
                        identity_policies=[] if anonymous else identity, same_account=not outsider)
    allowed = decision.outcome == "Allow"
    reason = decision.reason if decision.outcome != EXPLICIT_DENY or not decision.decided_by else (
        i18n.phrase(TEXT, "decided_by", reason=decision.reason, policy=decision.decided_by[0],
                    statement=decision.decided_by[1]))
    return AccessVerdict(caller, allowed, reason, decision, tuple(notes))


def who_can(action: str, resource: str, *, bucket_policy=None, alice_policies=(), bob_policies=(),
            bpa: BlockPublicAccess = BlockPublicAccess()) -> dict[str, AccessVerdict]:
    """The verdict for each of the three callers in `CALLERS`."""
    own = {"alice (same account)": alice_policies, "bob (another account)": bob_policies,
           "anyone (anonymous)": ()}
    return {label: decide(arn, action, resource, bucket_policy=bucket_policy, caller_policies=own[label], bpa=bpa)
            for label, arn in CALLERS.items()}


__all__ = ["AccessVerdict", "BlockPublicAccess", "CALLERS", "PolicyError", "decide", "policy_is_public",
           "put_policy_refusal", "statement_is_public", "who_can"]
