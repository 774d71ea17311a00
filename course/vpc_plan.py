"""Plan a VPC's subnets, export the plan as boto3 calls, and read back what exists.

A plan is public, private and database subnets (서브넷) in two or three of
Seoul's four Availability Zones (가용 영역), laid out inside one VPC block. Each
finding says whether AWS *refuses* the call (the CIDR rules of :mod:`course.cidr`,
an AZ of another Region) or *accepts* it and it is only a warning: duplicate Name
tags (tags need not be unique) and database subnets in one AZ, which EC2 creates
but RDS's CreateDBSubnetGroup later refuses: a DB subnet group must cover at least
two AZs (https://docs.aws.amazon.com/AmazonRDS/latest/APIReference/API_CreateDBSubnetGroup.html,
checked 2026-11-27).
"""

from __future__ import annotations

import ipaddress
import json
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from course.cidr import (AWS_LARGEST_PREFIX, AWS_SMALLEST_PREFIX, REFUSED, WARNING, CidrError,
                         Violation, check_vpc_plan, parse)
from course.i18n import text as _text

REGION = "ap-northeast-2"
DEFAULT_AZS = ("ap-northeast-2a", "ap-northeast-2b", "ap-northeast-2c")
TIERS = ("public", "private", "database")
# Each tier gets room for four AZs, so adding an AZ later needs no renumbering.
SLOTS_PER_TIER = 4


class PlanError(ValueError):
    """A plan that cannot be laid out or edited; ``input`` and ``rule`` say why."""

    def __init__(self, message: str, *, input: object, rule: str):
        super().__init__(message)
        self.message = message
        self.input = input
        self.rule = rule


@dataclass(frozen=True)
class PlannedSubnet:
    """One subnet of a plan: name tag, block, AZ and tier."""

    name: str
    cidr: str
    az: str
    tier: str


@dataclass(frozen=True)
class VpcPlan:
    """A VPC block and the subnets planned inside it."""

    name: str
    cidr: str
    subnets: tuple[PlannedSubnet, ...]

    def subnet(self, name: str) -> PlannedSubnet:
        """The subnet with this name tag; ``KeyError`` if there is none."""
        for s in self.subnets:
            if s.name == name:
                return s
        raise KeyError(f"no subnet named {name!r} in plan {self.name!r}")


@dataclass(frozen=True)
class ExistingSubnet:
    """A subnet as ``describe_subnets`` reports it."""

    subnet_id: str
    cidr: str
    az: str
    name: str | None
    available_ips: int | None


@dataclass(frozen=True)
class ExistingVpc:
    """A VPC with its subnets, what AWS would refuse in it, and warnings."""

    vpc_id: str
    cidr: str
    cidrs: tuple[str, ...]
    name: str | None
    is_default: bool
    subnets: tuple[ExistingSubnet, ...]
    problems: tuple[Violation, ...]


def template(vpc_cidr: str = "10.0.0.0/16", azs: int | Sequence[str] = 2, prefix: int = 24, *,
             prefixes: Mapping[str, int] | None = None, name: str = "course-vpc") -> VpcPlan:
    """A three-tier plan: one public, private and database subnet per AZ.

    Tiers come in address order, each in a group of four equal slots (one per
    possible AZ); subnet ``k`` of a tier goes in slot ``k``.

    Args:
        vpc_cidr: the VPC block.
        azs: 2 or 3 (AZs a, b, c of ap-northeast-2), or a list of AZ names.
        prefix: subnet prefix for every tier, unless ``prefixes`` names one.
        prefixes: per-tier prefix, e.g. ``{"database": 27}``.
        name: the VPC's Name tag.
    Raises:
        CidrError: ``vpc_cidr`` is not a block.
        PlanError: a wrong AZ count, or the subnets don't fit in the VPC.

    >>> [s.cidr for s in template("10.0.0.0/16", 2).subnets][:3]
    ['10.0.0.0/24', '10.0.1.0/24', '10.0.4.0/24']
    """
    vpc = parse(vpc_cidr)
    zones = _zones(azs)
    sizes = {tier: (prefixes or {}).get(tier, prefix) for tier in TIERS}
    cursor = int(vpc.network_address)
    end = int(vpc.broadcast_address) + 1
    subnets = []
    for tier in TIERS:
        p = sizes[tier]
        if not isinstance(p, int) or not vpc.prefixlen + 2 <= p <= 32:
            raise PlanError(f"{tier} subnets of /{p} don't fit four to a group in {vpc}; "
                            + _prefix_advice(vpc), input=p, rule="no-room")
        group = 2 ** (32 - p) * SLOTS_PER_TIER
        cursor = -(-cursor // group) * group  # align the group to its own size
        if cursor + group > end:
            raise PlanError(f"{vpc} has no room left for the {tier} tier (/{p} subnets); use a "
                            f"larger VPC block or longer prefixes", input=vpc_cidr, rule="no-room")
        for k, zone in enumerate(zones):
            block = ipaddress.IPv4Network((cursor + k * 2 ** (32 - p), p))
            subnets.append(PlannedSubnet(f"{tier}-{zone[-1]}", str(block), zone, tier))
        cursor += group
    return VpcPlan(name, str(vpc), tuple(subnets))


def replace_subnet(plan: VpcPlan, name: str, *, cidr: str | None = None, az: str | None = None,
                   new_name: str | None = None) -> VpcPlan:
    """A copy of the plan with one subnet's block, AZ or name changed.

    Raises:
        KeyError: no subnet has that name.
        CidrError: ``cidr`` is not a block (rules are left to :func:`problems`).
    """
    old = plan.subnet(name)
    changed = replace(old, cidr=str(parse(cidr)) if cidr is not None else old.cidr,
                      az=az if az is not None else old.az,
                      name=new_name if new_name is not None else old.name)
    return replace(plan, subnets=tuple(changed if s is old else s for s in plan.subnets))


def add_subnet(plan: VpcPlan, name: str, cidr: str, az: str, tier: str = "private") -> VpcPlan:
    """A copy of the plan with one more subnet (``CidrError`` if ``cidr`` is not a block)."""
    new = PlannedSubnet(name, str(parse(cidr)), az, tier)
    return replace(plan, subnets=plan.subnets + (new,))


def remove_subnet(plan: VpcPlan, name: str) -> VpcPlan:
    """A copy of the plan without the named subnet (``KeyError`` if absent)."""
    gone = plan.subnet(name)
    return replace(plan, subnets=tuple(s for s in plan.subnets if s is not gone))


# What the planner says about a plan, per language.
TEXT = {
    "en": {
        "subnet": "subnet '{name}'",
        "dup_name": "{label}: another subnet is already named '{name}'; AWS accepts this (tags need not be unique), but people and scripts that find subnets by name can't tell them apart",
        "dup_short": "name used twice",
        "az_region": "{label}: AZ '{az}' is not in {region}",
        "az_region_refuse": "{label}: AZ '{az}' is not in {region}; AWS would refuse it",
        "az_short": "AZ not in {region}",
        "db_tier": "tier 'database'",
        "db_one_az": "database subnets are all in one AZ; AWS creates them, but CreateDBSubnetGroup will refuse a DB subnet group of them: it needs subnets in at least two AZs",
        "host_bits": "{subject}: moto stored '{cidr}' as given; AWS would have stored its canonical form {canonical}",
        "host_bits_short": "host bits set (AWS: {canonical})",
    },
    "ko": {
        "subnet": "서브넷 '{name}'",
        "dup_name": "{label}: 이름이 '{name}'인 서브넷이 이미 있습니다. AWS는 받아들이지만(태그는 유일하지 않아도 됨), 이름으로 서브넷을 찾는 사람과 스크립트는 둘을 구별할 수 없습니다",
        "dup_short": "이름이 두 번 쓰임",
        "az_region": "{label}: AZ '{az}'은(는) {region}에 없습니다",
        "az_region_refuse": "{label}: AZ '{az}'은(는) {region}에 없습니다. AWS는 거부합니다",
        "az_short": "AZ가 {region}에 없음",
        "db_tier": "계층 'database'",
        "db_one_az": "데이터베이스 서브넷이 모두 한 AZ에 있습니다. AWS는 만들어 주지만, CreateDBSubnetGroup은 이들로 된 DB 서브넷 그룹을 거부합니다: AZ 두 개 이상의 서브넷이 필요합니다",
        "host_bits": "{subject}: moto는 '{cidr}'을(를) 받은 그대로 저장했습니다. AWS라면 정규 형태 {canonical}로 저장했을 것입니다",
        "host_bits_short": "호스트 비트가 켜져 있음 (AWS: {canonical})",
    },
}


def _t(key: str, **values) -> str:
    return _text(TEXT, key, **values)


def problems(plan: VpcPlan, region: str = REGION) -> list[Violation]:
    """Everything wrong with the plan, all at once; each finding's ``severity`` says how wrong.

    Refused by AWS: the CIDR rules of :func:`course.cidr.check_vpc_plan` and AZs
    outside ``region``. Warnings (AWS accepts them): duplicate Name tags, and
    database subnets in fewer than two AZs.

    >>> problems(template())
    []
    """
    names = _unique([s.name for s in plan.subnets])
    found = check_vpc_plan(plan.cidr, dict(zip(names, (s.cidr for s in plan.subnets))))
    labels = {i: _t("subnet", name=n) for i, n in enumerate(names)}
    seen: set[str] = set()
    for i, s in enumerate(plan.subnets):
        if s.name in seen:
            found.append(Violation(labels[i], s.cidr, "duplicate-name",
                                   _t("dup_name", label=labels[i], name=s.name), i,
                                   short=_t("dup_short"), severity=WARNING))
        seen.add(s.name)
        if not _in_region(s.az, region):
            found.append(Violation(labels[i], s.cidr, "az-region",
                                   _t("az_region", label=labels[i], az=s.az, region=region), i,
                                   short=_t("az_short", region=region)))
    db_zones = {s.az for s in plan.subnets if s.tier == "database"}
    if len(db_zones) == 1:
        found.append(Violation(_t("db_tier"), "", "db-subnet-group-azs", _t("db_one_az"), severity=WARNING))
    return found


def to_boto3(plan: VpcPlan, client: str = "ec2") -> str:
    """Python source that creates the plan with boto3 (create_vpc, then create_subnet).

    Every resource gets a ``Name`` tag; subnets also get a ``Tier`` tag. The
    source starts with comments listing what AWS would refuse and, apart, the warnings.

    >>> 'AvailabilityZone="ap-northeast-2a"' in to_boto3(template())
    True
    """
    lines = [f"# VPC {_q(plan.name)}: {plan.cidr}, {len(plan.subnets)} subnets"]
    issues = problems(plan)
    heads = {REFUSED: "# AWS would refuse these calls (moto may accept some of them):",
             WARNING: "# AWS accepts these, but take note:"}
    for severity, head in heads.items():
        mine = [v for v in issues if v.severity == severity]
        if mine:
            lines.append(head)
        # Joined first: a name with a newline must not end the comment. Wrapped at
        # spaces only, so no block or name is cut in two.
        for v in mine:
            lines += textwrap.wrap(" ".join(v.message.splitlines()), 79, initial_indent="#   - ",
                                   subsequent_indent="#     ", break_long_words=False,
                                   break_on_hyphens=False)
    lines += [
        f"vpc = {client}.create_vpc(",
        f"    CidrBlock={_q(plan.cidr)},",
        *_tag_lines("vpc", Name=plan.name),
        ")",
        'vpc_id = vpc["Vpc"]["VpcId"]',
        "subnet_ids = {}",
    ]
    for s in plan.subnets:
        lines += [
            f"subnet_ids[{_q(s.name)}] = {client}.create_subnet(",
            "    VpcId=vpc_id,",
            f"    CidrBlock={_q(s.cidr)},",
            f"    AvailabilityZone={_q(s.az)},",
            *_tag_lines("subnet", Name=s.name, Tier=s.tier),
            ')["Subnet"]["SubnetId"]',
        ]
    return "\n".join(lines) + "\n"


def read_vpcs(ec2) -> list[ExistingVpc]:
    """The VPCs and subnets an EC2 client can see, with what AWS would refuse or rewrite.

    Works on a real or a moto client. moto accepts some things AWS refuses
    (a /29 subnet, an AZ of another Region, a VPC block with host bits set);
    those appear in each VPC's ``problems``.
    """
    region = ec2.meta.region_name
    vpcs = [v for page in ec2.get_paginator("describe_vpcs").paginate() for v in page["Vpcs"]]
    subnets = [s for page in ec2.get_paginator("describe_subnets").paginate()
               for s in page["Subnets"]]
    found = []
    for v in sorted(vpcs, key=lambda v: (not v.get("IsDefault", False), v["VpcId"])):
        raw_cidrs = [a["CidrBlock"] for a in v.get("CidrBlockAssociationSet", [])
                     if a.get("CidrBlockState", {}).get("State", "associated") == "associated"]
        mine = sorted((_existing_subnet(s) for s in subnets if s["VpcId"] == v["VpcId"]),
                      key=lambda s: ipaddress.IPv4Network(s.cidr, strict=False))
        found.append(ExistingVpc(
            vpc_id=v["VpcId"], cidr=v["CidrBlock"], cidrs=tuple(raw_cidrs or [v["CidrBlock"]]),
            name=_name(v), is_default=bool(v.get("IsDefault")), subnets=tuple(mine),
            problems=tuple(_existing_problems(raw_cidrs or [v["CidrBlock"]], mine, region))))
    return found


def _existing_problems(vpc_cidrs: list[str], subnets: list[ExistingSubnet],
                       region: str) -> list[Violation]:
    found: list[Violation] = []
    vpc_canon = [_canonical(c, "VPC", None, found) for c in vpc_cidrs]
    names = _unique([s.name or s.subnet_id for s in subnets])
    labels = {i: _t("subnet", name=n) for i, n in enumerate(names)}
    sub_canon = [_canonical(s.cidr, labels[i], i, found) for i, s in enumerate(subnets)]
    found += check_vpc_plan(vpc_canon, dict(zip(names, sub_canon)))
    for i, s in enumerate(subnets):
        if not _in_region(s.az, region):
            found.append(Violation(labels[i], s.cidr, "az-region",
                                   _t("az_region_refuse", label=labels[i], az=s.az, region=region), i,
                                   short=_t("az_short", region=region)))
    return found


def _canonical(cidr: str, subject: str, position: int | None, found: list[Violation]) -> str:
    # AWS rewrites 10.1.0.1/16 to 10.1.0.0/16 on create; moto stores it as given.
    try:
        return str(parse(cidr))
    except CidrError as err:
        if err.rule != "host-bits":
            raise
        found.append(Violation(subject, cidr, "host-bits",
                               _t("host_bits", subject=subject, cidr=cidr, canonical=err.suggestion), position,
                               short=_t("host_bits_short", canonical=err.suggestion), severity=WARNING))
        return err.suggestion


def _unique(names: Sequence[str]) -> list[str]:
    # check_vpc_plan takes a name -> block mapping; a repeated name must not hide a subnet.
    out: list[str] = []
    for n in names:
        label, k = n, 2
        while label in out:
            label, k = f"{n} ({k})", k + 1
        out.append(label)
    return out


def _existing_subnet(s: Mapping) -> ExistingSubnet:
    return ExistingSubnet(s["SubnetId"], s["CidrBlock"], s.get("AvailabilityZone", ""),
                          _name(s), s.get("AvailableIpAddressCount"))


def _name(resource: Mapping) -> str | None:
    return next((t["Value"] for t in resource.get("Tags", []) if t["Key"] == "Name"), None)


def _zones(azs: int | Sequence[str]) -> tuple[str, ...]:
    if isinstance(azs, int) and not isinstance(azs, bool):
        if azs not in (2, 3):
            raise PlanError(f"a plan here spans 2 or 3 AZs, not {azs}", input=azs, rule="az-count")
        return DEFAULT_AZS[:azs]
    zones = tuple(azs)
    if not 1 <= len(zones) <= SLOTS_PER_TIER or len(set(zones)) != len(zones):
        raise PlanError(f"give 1 to {SLOTS_PER_TIER} different AZ names, not {list(zones)}",
                        input=azs, rule="az-count")
    return zones


def _in_region(az: str, region: str) -> bool:
    # An AZ name is its Region's name plus one letter: ap-northeast-2a.
    return az[:-1] == region and az[-1:].isalpha()


def _tag_lines(resource_type: str, **tags: str) -> list[str]:
    # One tag a line keeps the printed export short enough not to wrap mid-token.
    return [f'    TagSpecifications=[{{"ResourceType": {_q(resource_type)}, "Tags": [',
            *(f'        {{"Key": {_q(k)}, "Value": {_q(v)}}},' for k, v in tags.items()),
            "    ]}],"]


def _prefix_advice(vpc: ipaddress.IPv4Network) -> str:
    # AWS's legal subnet range, cut to the prefixes that fit four to a group.
    low = max(vpc.prefixlen + 2, AWS_LARGEST_PREFIX)
    if low > AWS_SMALLEST_PREFIX:
        return (f"AWS subnets are /{AWS_LARGEST_PREFIX} to /{AWS_SMALLEST_PREFIX} and none of them "
                f"fit; use a VPC block of /{AWS_SMALLEST_PREFIX - 2} or larger")
    return f"use a prefix from /{low} to /{AWS_SMALLEST_PREFIX}"


def _q(text: str) -> str:
    # A JSON string is a valid Python literal, and matches the AWS docs' quoting.
    return json.dumps(text, ensure_ascii=False)
