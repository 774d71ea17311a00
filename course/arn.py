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

from course.iam.matching import resource_matches

_PARTITION = re.compile(r"aws(-[a-z]+)*")
_SERVICE = re.compile(r"[a-z0-9-]+")
# Region codes start with two letters (us-east-1, us-gov-west-1) or, in the European Sovereign
# Cloud, four (eusc-de-east-1; botocore partitions.json).
_REGION = re.compile(r"[a-z]{2,4}(-[a-z]+)+-\d+")
_ACCOUNT = re.compile(r"\d{12}|aws")


class ArnError(ValueError):
    """Not a valid ARN; ``segment`` names the part that is wrong."""

    def __init__(self, arn: str, segment: str, rule: str):
        self.arn, self.segment, self.rule = arn, segment, rule
        super().__init__(f"{arn!r}: {segment} {rule}")


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
        raise ArnError(text, "prefix", "must be 'arn' (an ARN starts with 'arn:')")
    if len(parts) < 6:
        raise ArnError(text, "structure", f"has {len(parts)} colon-separated parts; an ARN has at least 6 "
                       "(arn:partition:service:region:account-id:resource)")
    _, partition, service, region, account, resource = parts
    if not _PARTITION.fullmatch(partition):
        raise ArnError(text, "partition", f"{partition!r} is not a partition such as aws, aws-cn, aws-us-gov or aws-eusc")
    if not _SERVICE.fullmatch(service):
        raise ArnError(text, "service", f"{service!r} is not a service namespace such as s3 or iam")
    if region and not _REGION.fullmatch(region):
        raise ArnError(text, "region", f"{region!r} is not a Region code such as ap-northeast-2")
    if account and not _ACCOUNT.fullmatch(account):
        raise ArnError(text, "account", f"{account!r} is not a 12-digit account ID (or 'aws' for AWS-owned)")
    if not resource:
        raise ArnError(text, "resource", "is empty")
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
            raise ArnError(pattern, "structure", "a Resource pattern is '*' or arn:partition:service:region:account:resource")
        if "*" in parts[2] or "?" in parts[2]:
            raise ArnError(pattern, "service", "may not contain a wildcard")
    return resource_matches(pattern, arn, {}, "2012-10-17")
