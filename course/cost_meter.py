"""What a set of AWS resources costs per hour and per month at list prices, line by line.

Pure: it prices an `Inventory` (plain counts and sizes; `labs.cost_state` reads one from the
sandbox through the API) with the course's sourced price files: ``ec2_prices.toml``
(instances, EBS, public IPv4), ``vpc_prices.toml`` (NAT gateway), ``storage_classes.toml``
(S3), ``rds_prices.toml`` (RDS) and ``cost_meter_prices.toml`` (load balancers, DynamoDB).
Every line carries its price's source and date and whether it was read on an AWS page.

Simplifications, shown with the bill: a month is 730 hours; load balancer capacity units,
data transfer, NAT data processing and DynamoDB on-demand requests are not metered; an EBS
snapshot is priced at its volume's full size (AWS bills only the changed blocks); S3 requests
are priced at S3 Standard's rates.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from course import ec2_pricing, vpc_prices
from course.i18n import text
from course.storage_classes import GB_IN_KB, class_figure, load_data

HOURS_PER_MONTH = 730
UNVERIFIED_MARK = "†"

# The bill's lines and messages in the chapter's language; service, type and class names stay
# as the console and the API write them (EC2 t3.micro, EBS gp3, S3 STANDARD_IA).
TEXT = {
    "en": {
        "cite": "{source} (checked {checked}{dated})",
        "cite_dated": "; source dated {date}",
        "no_region": "no prices for Region {region} in the course's price data; the cost meter has prices for "
                     "{have} only. Price the same resources there with price_region={first} (list prices "
                     "differ by Region).",
        "negative_size": "S3 object size must be 0 or more bytes, got {size}",
        "negative_requests": "request count for {op} must be 0 or more, got {n}",
        "negative_hours": "hours must be 0 or more, got {hours}",
        "bad_top": "top: n must be 1 or more, got {n}",
        "ec2": "EC2 {itype} x {n} running",
        "ec2_missing": "EC2 instance type {itype} (x{n}): no On-Demand price in the course's data",
        "spot_missing": "EC2 Spot {itype} (x{n}): Spot prices change with supply and demand, not priced",
        "ebs": "EBS {vtype} volumes, {gb} GiB",
        "ebs_missing": "EBS {vtype} volumes ({gb} GiB): no price in the course's data",
        "snapshots": "EBS snapshots x {n}, {gb} GiB (priced at full volume size)",
        "ipv4": "public IPv4 addresses x {n} ({eip} Elastic IP, {auto} auto-assigned)",
        "nat": "NAT gateways x {n} (hours only; data processed not metered)",
        "lb": "{lbtype} load balancers x {n} (hours only)",
        "lb_missing": "{lbtype} load balancer (x{n}): no price in the course's data",
        "s3": "S3 {sc}: {n} object(s), {gb} GB billed",
        "s3_monitoring": "S3 Intelligent-Tiering monitoring, {n} object(s)",
        "rds": "RDS {cls}, {az}",
        "rds_multi_az": "Multi-AZ (primary + standby)",
        "rds_single_az": "Single-AZ",
        "rds_missing": "RDS {cls}: no price in the course's data",
        "rds_storage": "RDS storage, {gb} GB",
        "dynamodb_units": "DynamoDB {name}: {units} {what}",
        "dynamodb_storage": "DynamoDB {name}: {gb} GB stored",
        "requests_put": "S3 PUT/COPY/POST/LIST requests x {n}",
        "requests_get": "S3 GET and other requests x {n}",
        "early": "S3 minimum storage duration charges",
    },
    "ko": {
        "cite": "{source} ({checked} 확인{dated})",
        "cite_dated": ", 출처 날짜 {date}",
        "no_region": "과정의 가격 데이터에 리전 {region}의 가격이 없습니다. 비용 미터에는 {have}의 가격만 "
                     "있습니다. 같은 리소스를 price_region={first}(으)로 계산해 보세요 (정가는 리전마다 다릅니다).",
        "negative_size": "S3 객체 크기는 0바이트 이상이어야 하는데 {size}이(가) 왔습니다",
        "negative_requests": "{op}의 요청 수는 0 이상이어야 하는데 {n}이(가) 왔습니다",
        "negative_hours": "시간은 0 이상이어야 하는데 {hours}이(가) 왔습니다",
        "bad_top": "top: n은 1 이상이어야 하는데 {n}이(가) 왔습니다",
        "ec2": "EC2 {itype} x {n} 실행 중",
        "ec2_missing": "EC2 인스턴스 유형 {itype} (x{n}): 과정 데이터에 온디맨드 가격 없음",
        "spot_missing": "EC2 스팟 {itype} (x{n}): 스팟 가격은 수요와 공급에 따라 바뀌므로 계산하지 않음",
        "ebs": "EBS {vtype} 볼륨, {gb} GiB",
        "ebs_missing": "EBS {vtype} 볼륨 ({gb} GiB): 과정 데이터에 가격 없음",
        "snapshots": "EBS 스냅샷 x {n}, {gb} GiB (볼륨 전체 크기로 계산)",
        "ipv4": "퍼블릭 IPv4 주소 x {n} (탄력적 IP {eip}개, 자동 할당 {auto}개)",
        "nat": "NAT 게이트웨이 x {n} (시간 요금만, 데이터 처리 요금은 계산하지 않음)",
        "lb": "{lbtype} 로드 밸런서 x {n} (시간 요금만)",
        "lb_missing": "{lbtype} 로드 밸런서 (x{n}): 과정 데이터에 가격 없음",
        "s3": "S3 {sc}: 객체 {n}개, 청구 {gb} GB",
        "s3_monitoring": "S3 Intelligent-Tiering 모니터링, 객체 {n}개",
        "rds": "RDS {cls}, {az}",
        "rds_multi_az": "다중 AZ (기본 + 대기)",
        "rds_single_az": "단일 AZ",
        "rds_missing": "RDS {cls}: 과정 데이터에 가격 없음",
        "rds_storage": "RDS 스토리지, {gb} GB",
        "dynamodb_units": "DynamoDB {name}: {what} {units}개",
        "dynamodb_storage": "DynamoDB {name}: 저장된 데이터 {gb} GB",
        "requests_put": "S3 PUT/COPY/POST/LIST 요청 x {n}",
        "requests_get": "S3 GET 및 기타 요청 x {n}",
        "early": "S3 최소 스토리지 기간 요금",
    },
}


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)


class CostMeterError(ValueError):
    """A request the meter cannot price (a Region without prices, a negative quantity)."""


@dataclass(frozen=True)
class Rate:
    """One sourced price."""

    value: float
    unit: str
    source: str
    checked: str
    verified: bool
    source_date: str = ""

    def cite(self) -> str:
        """Source and dates, then † when unverified."""
        dated = _t("cite_dated", date=self.source_date) if self.source_date else ""
        return _t("cite", source=self.source, checked=self.checked, dated=dated) + (
            "" if self.verified else " " + UNVERIFIED_MARK)


def _rate(entry: dict) -> Rate:
    return Rate(float(entry["value"]), entry.get("unit", ""), entry["source"], str(entry["checked"]),
                bool(entry["verified"]), str(entry.get("source_date", "")))


@cache
def _extra() -> dict:
    return tomllib.loads(resources.files("course").joinpath("data/cost_meter_prices.toml").read_text("utf-8"))


@cache
def _rds() -> dict:
    return tomllib.loads(resources.files("course").joinpath("data/rds_prices.toml").read_text("utf-8"))


def priced_regions() -> tuple[str, ...]:
    """Regions for which every price file the meter reads has prices."""
    regions = set(load_data()["prices"]) & set(ec2_pricing.load_prices()["on_demand"])
    regions &= {_extra()["meta"]["region"], _rds()["meta"]["region"], "us-east-1"}  # vpc_prices: us-east-1 only
    return tuple(sorted(regions))


def check_region(region: str) -> str:
    """``region`` if the meter has prices for it.

    Raises:
        CostMeterError: naming the Region and the Regions that have prices.
    """
    have = priced_regions()
    if region not in have:
        raise CostMeterError(_t("no_region", region=repr(region), have=", ".join(have), first=repr(have[0])))
    return region


# ------------------------------------------------------------------------------ what is priced
@dataclass(frozen=True)
class StoredObject:
    """One S3 object version: its storage class and size in bytes."""

    storage_class: str
    size_bytes: int


@dataclass(frozen=True)
class Database:
    """An RDS DB instance: class, allocated GB, Multi-AZ, and whether it is running."""

    instance_class: str
    storage_gb: float
    multi_az: bool = False
    running: bool = True


@dataclass(frozen=True)
class Table:
    """A DynamoDB table: capacity mode, provisioned units and size."""

    name: str
    billing_mode: str = "PAY_PER_REQUEST"
    read_units: int = 0
    write_units: int = 0
    size_bytes: int = 0


@dataclass(frozen=True)
class Inventory:
    """The resources to price. Counts and sizes only; `labs.cost_state.read_inventory` fills it."""

    running_instances: tuple[str, ...] = ()      # instance types, one per running instance
    volumes: tuple[tuple[str, float], ...] = ()  # (volume type, GiB)
    snapshots_gb: tuple[float, ...] = ()
    elastic_ips: int = 0
    other_public_ipv4: int = 0                   # auto-assigned public IPv4 on instances
    nat_gateways: int = 0
    load_balancers: tuple[str, ...] = ()         # "application" / "network"
    s3_objects: tuple[StoredObject, ...] = ()
    databases: tuple[Database, ...] = ()
    tables: tuple[Table, ...] = ()
    spot_instances: tuple[str, ...] = ()         # Spot prices move; these are named, not priced


@dataclass(frozen=True)
class Line:
    """One line of the bill: ``quantity`` of something at ``rate``, costing ``hourly_usd``."""

    key: str
    label: str
    quantity: float
    unit: str
    hourly_usd: float
    rate: Rate

    @property
    def monthly_usd(self) -> float:
        return self.hourly_usd * HOURS_PER_MONTH


@dataclass(frozen=True)
class Bill:
    """What the inventory costs per hour, itemised; ``missing`` names what has no price."""

    region: str
    lines: tuple[Line, ...]
    missing: tuple[str, ...] = ()

    @property
    def hourly_usd(self) -> float:
        return sum(line.hourly_usd for line in self.lines)

    @property
    def monthly_usd(self) -> float:
        return self.hourly_usd * HOURS_PER_MONTH

    @property
    def verified(self) -> bool:
        return all(line.rate.verified for line in self.lines)


def _per_hour_of_month(r: Rate) -> float:
    return r.value / HOURS_PER_MONTH


def _count(items) -> dict:
    out: dict = {}
    for x in items:
        out[x] = out.get(x, 0) + 1
    return out


def s3_billable_kb(storage_class: str, size_bytes: int) -> tuple[float, float]:
    """(KB billed at the class's rate, KB billed at S3 Standard's rate) for one object.

    Minimum billable size (128 KB in the IA classes and Glacier Instant Retrieval) and the
    archive classes' per-object overhead (GLACIER, DEEP_ARCHIVE: 32 KB at the class rate plus
    8 KB at Standard's) come from ``storage_classes.toml``.
    """
    if size_bytes < 0:
        raise CostMeterError(_t("negative_size", size=size_bytes))
    kb = size_bytes / 1024
    minimum = class_figure(storage_class, "min_billable_kb").value
    return (max(kb, minimum) + class_figure(storage_class, "overhead_kb_at_class_rate").value,
            class_figure(storage_class, "overhead_kb_at_standard_rate").value)


def s3_rate(storage_class: str, name: str, region: str) -> Rate:
    """An S3 price of ``storage_classes.toml`` as a `Rate`."""
    return _rate(load_data()["prices"][check_region(region)][storage_class][name])


def price(inventory: Inventory, region: str = "us-east-1") -> Bill:
    """Price ``inventory`` at ``region``'s list prices.

    Raises:
        CostMeterError: the Region has no prices (the message lists those that do).
    """
    check_region(region)
    lines: list[Line] = []
    missing: list[str] = []

    for itype, n in sorted(_count(inventory.running_instances).items()):
        try:
            r = _from_ec2(ec2_pricing.on_demand_price(itype, region))
        except ValueError:
            missing.append(_t("ec2_missing", itype=itype, n=n))
            continue
        lines.append(Line(f"ec2:{itype}", _t("ec2", itype=itype, n=n), n, "instances", n * r.value, r))

    for itype, n in sorted(_count(inventory.spot_instances).items()):
        missing.append(_t("spot_missing", itype=itype, n=n))

    by_type: dict[str, float] = {}
    for vtype, gb in inventory.volumes:
        by_type[vtype] = by_type.get(vtype, 0.0) + gb
    for vtype, gb in sorted(by_type.items()):
        try:
            r = _from_ec2(ec2_pricing.ebs_price(vtype, region))
        except ValueError:
            missing.append(_t("ebs_missing", vtype=vtype, gb=f"{gb:g}"))
            continue
        lines.append(Line(f"ebs:{vtype}", _t("ebs", vtype=vtype, gb=f"{gb:g}"), gb, "GB-month",
                          gb * _per_hour_of_month(r), r))
    if inventory.snapshots_gb:
        gb = sum(inventory.snapshots_gb)
        r = _from_ec2(ec2_pricing.ebs_price("snapshot_standard", region))
        lines.append(Line("ebs:snapshots", _t("snapshots", n=len(inventory.snapshots_gb), gb=f"{gb:g}"),
                          gb, "GB-month", gb * _per_hour_of_month(r), r))

    ipv4 = inventory.elastic_ips + inventory.other_public_ipv4
    if ipv4:
        r = _from_ec2(ec2_pricing.public_ipv4_hourly())
        lines.append(Line("ipv4", _t("ipv4", n=ipv4, eip=inventory.elastic_ips, auto=inventory.other_public_ipv4),
                          ipv4, "addresses", ipv4 * r.value, r))
    if inventory.nat_gateways:
        p = vpc_prices.load_prices()["nat_gateway_hour"]
        r = Rate(p.value, p.unit, p.source, str(p.checked), p.verified, str(p.source_date or ""))
        n = inventory.nat_gateways
        lines.append(Line("nat", _t("nat", n=n), n, "gateways", n * r.value, r))
    for lbtype, n in sorted(_count(inventory.load_balancers).items()):
        entry = _extra()["load_balancer_hour"].get(lbtype)
        if entry is None:
            missing.append(_t("lb_missing", lbtype=lbtype, n=n))
            continue
        r = _rate(entry)
        lines.append(Line(f"elb:{lbtype}", _t("lb", lbtype=lbtype, n=n), n, "load balancers", n * r.value, r))

    lines += _s3_lines(inventory.s3_objects, region)

    for db in inventory.databases:
        if db.running:
            entry = _rds()["prices"]["instance_hour"].get(db.instance_class)
            if entry is None:
                missing.append(_t("rds_missing", cls=db.instance_class))
            else:
                r, copies = _rate(entry), 2 if db.multi_az else 1
                az = _t("rds_multi_az") if db.multi_az else _t("rds_single_az")
                lines.append(Line(f"rds:{db.instance_class}", _t("rds", cls=db.instance_class, az=az), copies,
                                  "instances", copies * r.value, r))
        r = _rate(_rds()["prices"]["storage_gb_month"]["gp3"])
        gb = db.storage_gb * (2 if db.multi_az else 1)
        lines.append(Line(f"rds:storage:{db.instance_class}", _t("rds_storage", gb=f"{gb:g}"), gb, "GB-month",
                          gb * _per_hour_of_month(r), r))

    ddb = _extra()["dynamodb"]
    for t in inventory.tables:
        if t.billing_mode == "PROVISIONED":
            for units, name, what in ((t.read_units, "read_capacity_unit_hour", "RCU"),
                                      (t.write_units, "write_capacity_unit_hour", "WCU")):
                if units:
                    r = _rate(ddb[name])
                    lines.append(Line(f"dynamodb:{t.name}:{what}", _t("dynamodb_units", name=t.name, units=units,
                                                                       what=what),
                                      units, what, units * r.value, r))
        if t.size_bytes:
            r, gb = _rate(ddb["storage_gb_month"]), t.size_bytes / 1024 ** 3
            lines.append(Line(f"dynamodb:{t.name}:storage", _t("dynamodb_storage", name=t.name, gb=f"{gb:.6g}"), gb,
                              "GB-month", gb * _per_hour_of_month(r), r))
    return Bill(region, tuple(lines), tuple(missing))


def _from_ec2(p) -> Rate:
    return Rate(float(p.value), p.unit, p.source, p.checked, p.verified, p.source_date)


def _s3_lines(objects: tuple[StoredObject, ...], region: str) -> list[Line]:
    class_kb: dict[str, float] = {}
    counts: dict[str, int] = {}
    for o in objects:
        at_class, at_standard = s3_billable_kb(o.storage_class, o.size_bytes)
        class_kb[o.storage_class] = class_kb.get(o.storage_class, 0.0) + at_class
        counts[o.storage_class] = counts.get(o.storage_class, 0) + 1
        if at_standard:
            class_kb["STANDARD"] = class_kb.get("STANDARD", 0.0) + at_standard
    lines = []
    for sc, kb in sorted(class_kb.items()):
        r, gb = s3_rate(sc, "storage_gb_month", region), kb / GB_IN_KB
        n = counts.get(sc, 0)
        lines.append(Line(f"s3:{sc}", _t("s3", sc=sc, n=n, gb=f"{gb:.6g}"), gb, "GB-month",
                          gb * _per_hour_of_month(r), r))
    big_it = sum(1 for o in objects if o.storage_class == "INTELLIGENT_TIERING" and o.size_bytes >= 128 * 1024)
    if big_it:
        r = s3_rate("INTELLIGENT_TIERING", "monitoring_per_1000_objects_month", region)
        lines.append(Line("s3:it-monitoring", _t("s3_monitoring", n=big_it), big_it,
                          "objects", big_it / 1000 * _per_hour_of_month(r), r))
    return lines


# ------------------------------------------------------------------------------ one-off charges
@dataclass(frozen=True)
class Charge:
    """A one-off charge (requests made, an early deletion), not a rate."""

    key: str
    label: str
    usd: float
    rate: Rate


FREE_REQUESTS = ("Delete", "AbortMultipartUpload")
PUT_TIER = ("Put", "Copy", "Post", "List", "Create", "Upload", "Complete", "Restore")


def request_tier(operation: str) -> str | None:
    """``"put"`` (PUT, COPY, POST, LIST), ``"get"`` (GET and all other) or None (free: DELETE, abort).

    >>> request_tier("ListObjectsV2"), request_tier("GetObject"), request_tier("DeleteObject")
    ('put', 'get', None)
    """
    if operation.startswith(FREE_REQUESTS):
        return None
    return "put" if operation.startswith(PUT_TIER) else "get"


def request_charges(counts: dict[str, int], region: str = "us-east-1") -> list[Charge]:
    """S3 requests by operation name, priced at S3 Standard's request rates."""
    tiers = {"put": 0, "get": 0}
    for op, n in counts.items():
        if n < 0:
            raise CostMeterError(_t("negative_requests", op=op, n=n))
        tier = request_tier(op)
        if tier:
            tiers[tier] += n
    out = []
    for tier, n in tiers.items():
        if n:
            r = s3_rate("STANDARD", f"{tier}_per_1000", region)
            out.append(Charge(f"s3:requests:{tier}", _t(f"requests_{tier}", n=n), n / 1000 * r.value, r))
    return out


def early_deletion_usd(storage_class: str, size_bytes: int, days_held: float, region: str = "us-east-1") -> float:
    """The minimum-duration charge for an object leaving ``storage_class`` after ``days_held`` days.

    S3 bills the days left of the class's minimum (30 for the IA classes, 90 for Glacier
    Instant and Flexible Retrieval, 180 for Deep Archive) at the class's storage rate; a month
    here is 30 days.
    """
    minimum = class_figure(storage_class, "min_storage_days").value
    left = max(0.0, minimum - days_held)
    if not left:
        return 0.0
    at_class, _ = s3_billable_kb(storage_class, size_bytes)
    r = s3_rate(storage_class, "storage_gb_month", region)
    return at_class / GB_IN_KB * r.value * left / 30


# ------------------------------------------------------------------------------ the running total
@dataclass
class Ledger:
    """What has been spent so far: each line's hourly rate times the hours it ran, plus charges."""

    totals: dict[str, float] = field(default_factory=dict)
    labels: dict[str, str] = field(default_factory=dict)
    verified: dict[str, bool] = field(default_factory=dict)
    hours: float = 0.0

    def add_hours(self, bill: Bill, hours: float) -> None:
        """Run ``bill`` for ``hours`` hours."""
        if hours < 0:
            raise CostMeterError(_t("negative_hours", hours=hours))
        for line in bill.lines:
            self._add(line.key, line.label, line.hourly_usd * hours, line.rate.verified)
        self.hours += hours

    def add_charge(self, charge: Charge) -> None:
        """Add a one-off charge."""
        self._add(charge.key, charge.label, charge.usd, charge.rate.verified)

    def _add(self, key, label, usd, verified):
        self.totals[key] = self.totals.get(key, 0.0) + usd
        self.labels[key] = label
        self.verified[key] = self.verified.get(key, True) and verified

    @property
    def total_usd(self) -> float:
        return sum(self.totals.values())

    def top(self, n: int) -> list[tuple[str, float, bool]]:
        """The ``n`` costliest lines so far as (label, USD, verified)."""
        if n < 1:
            raise CostMeterError(_t("bad_top", n=n))
        ranked = sorted(self.totals, key=lambda k: -self.totals[k])[:n]
        return [(self.labels[k], self.totals[k], self.verified[k]) for k in ranked]
