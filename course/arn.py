"""Amazon Resource Names: take one apart, and test whether a policy's ARN pattern matches it.

The general forms (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html)::

    arn:partition:service:region:account-id:resource-id
    arn:partition:service:region:account-id:resource-type/resource-id
    arn:partition:service:region:account-id:resource-type:resource-id

Region, account or both are empty for some resources (IAM is global; S3 bucket names are, by
default, unique in the partition). In a policy's ``Resource``, ``*`` and ``?`` may appear inside any
segment except the service; a ``*`` that ends a segment may match across colons.

>>> parse_arn("arn:aws:iam::123456789012:user/mina").resource_id
'mina'
>>> arn_matches("arn:aws:s3:::reports/*", "arn:aws:s3:::reports/2026/q1.csv")
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from course.i18n import text as _text
from course.iam.matching import resource_matches

_PARTITION = re.compile(r"aws(-[a-z]+)*")
_SERVICE = re.compile(r"[a-z0-9-]+")
# Region codes start with two letters (us-east-1, us-gov-west-1) or, in the European Sovereign
# Cloud, four (eusc-de-east-1; botocore partitions.json).
_REGION = re.compile(r"[a-z]{2,4}(-[a-z]+)+-\d+")
_ACCOUNT = re.compile(r"\d{12}|aws")

TEXT = {
    "en": {
        "error": "{arn}: {segment} {rule}",
        "prefix": "prefix",
        "structure": "structure",
        "partition": "partition",
        "service": "service",
        "region": "region",
        "account": "account",
        "resource": "resource",
        "rule_prefix": "must be 'arn' (an ARN starts with 'arn:')",
        "rule_parts": "has {n} colon-separated parts; an ARN has at least 6 "
                      "(arn:partition:service:region:account-id:resource)",
        "rule_partition": "{value} is not a partition such as aws, aws-cn, aws-us-gov or aws-eusc",
        "rule_service": "{value} is not a service namespace such as s3 or iam",
        "rule_region": "{value} is not a Region code such as ap-northeast-2",
        "rule_account": "{value} is not a 12-digit account ID (or 'aws' for AWS-owned)",
        "rule_empty": "is empty",
        "rule_pattern": "a Resource pattern is '*' or arn:partition:service:region:account:resource",
        "rule_wildcard": "may not contain a wildcard",
    },
    "ko": {
        "error": "{arn}의 {segment}: {rule}",
        "prefix": "접두사",
        "structure": "구조",
        "partition": "파티션",
        "service": "서비스",
        "region": "리전",
        "account": "계정",
        "resource": "리소스",
        "rule_prefix": "'arn'이어야 합니다 (ARN은 'arn:'으로 시작합니다)",
        "rule_parts": "콜론으로 나눈 부분이 {n}개입니다. ARN에는 적어도 6개가 있습니다 "
                      "(arn:partition:service:region:account-id:resource)",
        "rule_partition": "{value}은(는) aws, aws-cn, aws-us-gov, aws-eusc 같은 파티션이 아닙니다",
        "rule_service": "{value}은(는) s3나 iam 같은 서비스 네임스페이스가 아닙니다",
        "rule_region": "{value}은(는) ap-northeast-2 같은 리전 코드가 아닙니다",
        "rule_account": "{value}은(는) 12자리 계정 ID(AWS 소유 리소스라면 'aws')가 아닙니다",
        "rule_empty": "비어 있습니다",
        "rule_pattern": "Resource 패턴은 '*' 또는 arn:partition:service:region:account:resource 형식입니다",
        "rule_wildcard": "와일드카드를 쓸 수 없습니다",
    },
}


class ArnError(ValueError):
    """Not a valid ARN; ``segment`` names the part that is wrong (prefix, structure, partition, ...)."""

    def __init__(self, arn: str, segment: str, rule: str):
        self.arn, self.segment, self.rule = arn, segment, rule
        super().__init__(_text(TEXT, "error", arn=repr(arn), segment=_text(TEXT, segment), rule=rule))


def _rule(key: str, **values) -> str:
    return _text(TEXT, f"rule_{key}", **values)


@dataclass(frozen=True)
class Arn:
    partition: str
    service: str
    region: str
    account: str
    resource: str

    @property
    def resource_type(self) -> str:
        """The part of the resource before the first ``/`` or ``:`` ("" if it has none).

        S3 buckets and objects have no type: in ``arn:aws:s3:::reports/q1.csv`` the
        resource is bucket ``reports`` and key ``q1.csv``.
        """
        if self.service == "s3" and not self.region and not self.account:
            return ""
        m = re.match(r"([^/:]+)[/:]", self.resource)
        return m.group(1) if m else ""

    @property
    def resource_id(self) -> str:
        """The resource without its type: ``mina`` in ``user/mina``, all of ``reports`` for a bucket."""
        return self.resource[len(self.resource_type) + 1:] if self.resource_type else self.resource

    @property
    def is_global(self) -> bool:
        """True when the ARN names no Region (IAM users, S3 buckets, CloudFront…)."""
        return self.region == ""

    def __str__(self) -> str:
        return ":".join(("arn", self.partition, self.service, self.region, self.account, self.resource))


def parse_arn(text: str) -> Arn:
    """The six parts of ``text``.

    Raises:
        ArnError: the text does not start with ``arn:``, has fewer than six parts, or a
            part breaks its rule (the error names the part).
    """
    parts = text.split(":", 5)
    if parts[0] != "arn":
        raise ArnError(text, "prefix", _rule("prefix"))
    if len(parts) < 6:
        raise ArnError(text, "structure", _rule("parts", n=len(parts)))
    _, partition, service, region, account, resource = parts
    if not _PARTITION.fullmatch(partition):
        raise ArnError(text, "partition", _rule("partition", value=repr(partition)))
    if not _SERVICE.fullmatch(service):
        raise ArnError(text, "service", _rule("service", value=repr(service)))
    if region and not _REGION.fullmatch(region):
        raise ArnError(text, "region", _rule("region", value=repr(region)))
    if account and not _ACCOUNT.fullmatch(account):
        raise ArnError(text, "account", _rule("account", value=repr(account)))
    if not resource:
        raise ArnError(text, "resource", _rule("empty"))
    return Arn(partition, service, region, account, resource)


def arn_matches(pattern: str, arn: str) -> bool:
    """Whether a policy ``Resource`` pattern matches ``arn``, as IAM matches them (case-sensitive).

    Raises:
        ArnError: ``arn`` is not a valid ARN, or ``pattern`` has a wildcard in its service
            segment, which IAM does not allow.
    """
    parse_arn(arn)
    if pattern != "*":
        parts = pattern.split(":", 5)
        if len(parts) < 6 or parts[0] != "arn":
            raise ArnError(pattern, "structure", _rule("pattern"))
        if "*" in parts[2] or "?" in parts[2]:
            raise ArnError(pattern, "service", _rule("wildcard"))
    return resource_matches(pattern, arn, {}, "2012-10-17")
