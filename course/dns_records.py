"""Route 53 records and the rules Route 53 enforces on them, checked before anything is answered.

A record set is a name, a type, values and, for every routing policy but simple, a set
identifier and the policy's own field (weight, Region, failover role, location). Records of one
name and type form a group that shares one routing policy (Route 53 Developer Guide, "Values
specific for weighted records" and the other "Values specific for ..." pages). moto stores most
records AWS refuses (a CNAME at the apex, a weight of 300), so the course checks them here.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from course import i18n

POLICIES = ("simple", "weighted", "latency", "failover", "geolocation")
RECORD_TYPES = ("A", "AAAA", "CNAME", "MX", "TXT", "NS", "SOA")
MAX_WEIGHT = 255
# The Regions the course's latency table (course.dns_routing.LATENCY_MS) knows.
REGIONS = ("ap-northeast-2", "ap-northeast-1", "ap-southeast-1", "us-east-1", "eu-west-1")

TEXT = {
    "en": {
        # Every message names the record (or the name and type) that is wrong.
        "bad_policy": "record {rid}: routing policy {value!r} is not one of {allowed}",
        "bad_type": "record {rid}: type {value!r} is not one the course models ({allowed}); Route 53 has more",
        "bad_ttl": "record {rid}: TTL {value!r} must be a whole number of seconds, 0 or more",
        "no_values": "record {rid}: it has no value",
        "bad_weight": "record {rid}: weight {value!r} must be a whole number from 0 to 255",
        "needs_id": "record {rid}: a {policy} record needs a set identifier",
        "dup_id": "record {rid}: set identifier {value!r} is used twice for {name} {type}",
        "mixed": "{name} {type}: its records mix routing policies ({found}); they must share one",
        "simple_twice": "{name} {type}: a simple record set is one record (put several values in it), found {n}",
        "bad_failover": "record {rid}: failover must be PRIMARY or SECONDARY, not {value!r}",
        "failover_pair": "{name} {type}: a failover pair needs one PRIMARY and one SECONDARY, found {found}",
        "bad_region": "record {rid}: latency needs a Region, one of {allowed}; got {value!r}",
        "dup_region": "{name} {type}: two latency records for Region {value}",
        "bad_location": "record {rid}: geolocation needs a location: a country code, a continent code or '*'",
        "cname_apex": ("record {rid}: a CNAME cannot be at the zone apex {zone} (DNS forbids other records "
                       "beside a CNAME, and the apex must have SOA and NS); use an alias record"),
        "outside_zone": "record {rid}: {name} is not inside the zone {zone}",
    },
    "ko": {
        "bad_policy": "레코드 {rid}: 라우팅 정책 {value!r}은(는) {allowed} 중 하나가 아닙니다",
        "bad_type": "레코드 {rid}: 유형 {value!r}은(는) 이 강의가 다루는 유형({allowed})이 아닙니다. Route 53에는 유형이 더 있습니다",
        "bad_ttl": "레코드 {rid}: TTL {value!r}은(는) 0 이상의 정수(초)여야 합니다",
        "no_values": "레코드 {rid}: 값이 없습니다",
        "bad_weight": "레코드 {rid}: 가중치 {value!r}은(는) 0에서 255 사이의 정수여야 합니다",
        "needs_id": "레코드 {rid}: {policy} 레코드에는 레코드 ID(set identifier)가 필요합니다",
        "dup_id": "레코드 {rid}: 레코드 ID {value!r}이(가) {name} {type}에 두 번 쓰였습니다",
        "mixed": "{name} {type}: 레코드들의 라우팅 정책이 섞여 있습니다({found}). 모두 하나의 정책을 써야 합니다",
        "simple_twice": "{name} {type}: 단순 레코드 세트는 레코드 하나입니다(값 여러 개를 그 안에 넣으세요). {n}개가 있습니다",
        "bad_failover": "레코드 {rid}: 장애 조치(failover)는 PRIMARY나 SECONDARY여야 합니다. {value!r}은(는) 안 됩니다",
        "failover_pair": "{name} {type}: 장애 조치 쌍에는 PRIMARY 하나와 SECONDARY 하나가 필요합니다. 찾은 것: {found}",
        "bad_region": "레코드 {rid}: 지연 시간 레코드에는 리전이 필요합니다({allowed} 중 하나). 받은 값: {value!r}",
        "dup_region": "{name} {type}: 리전 {value}에 지연 시간 레코드가 두 개 있습니다",
        "bad_location": "레코드 {rid}: 지리 위치 레코드에는 위치가 필요합니다. 국가 코드, 대륙 코드 또는 '*'",
        "cname_apex": "레코드 {rid}: CNAME은 영역 apex {zone}에 둘 수 없습니다(DNS는 CNAME 옆에 다른 레코드를 허용하지 않는데, apex에는 SOA와 NS가 있어야 합니다). 별칭(alias) 레코드를 쓰세요",
        "outside_zone": "레코드 {rid}: {name}은(는) 영역 {zone} 안에 있지 않습니다",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


class RecordError(ValueError):
    """Records that Route 53 would refuse; ``problems`` lists every one, each naming its record."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class Record:
    """One Route 53 record (a "resource record set"): name, type, values and routing fields.

    ``location`` is for geolocation: a country code ("KR"), a continent code ("AS") or "*"
    for the default record. ``healthy`` stands for the state of the record's health check.
    """

    name: str
    values: tuple[str, ...]
    type: str = "A"
    ttl: int = 300
    policy: str = "simple"
    set_id: str | None = None
    weight: int | None = None
    region: str | None = None
    failover: str | None = None
    location: str | None = None
    healthy: bool = True

    @property
    def label(self) -> str:
        """The set identifier, or the name for a simple record."""
        return self.set_id or self.name


def normal_name(name: str) -> str:
    """``name`` as DNS compares it: no trailing dot, lower case."""
    return name.strip().rstrip(".").lower()


def in_zone(name: str, zone: str) -> bool:
    """Whether ``name`` is ``zone`` itself or a name under it."""
    name, zone = normal_name(name), normal_name(zone)
    return name == zone or name.endswith("." + zone)


def problems(records: list[Record], zone: str | None = None) -> list[str]:
    """Every reason Route 53 would refuse ``records`` (in ``zone``, if given), each naming its record."""
    found: list[str] = []
    groups: dict[tuple[str, str], list[Record]] = {}
    for r in records:
        rid = r.label
        if r.policy not in POLICIES:
            found.append(_t("bad_policy", rid=rid, value=r.policy, allowed=", ".join(POLICIES)))
        if r.type not in RECORD_TYPES:
            found.append(_t("bad_type", rid=rid, value=r.type, allowed=", ".join(RECORD_TYPES)))
        if not isinstance(r.ttl, int) or isinstance(r.ttl, bool) or r.ttl < 0:
            found.append(_t("bad_ttl", rid=rid, value=r.ttl))
        if not r.values:
            found.append(_t("no_values", rid=rid))
        if r.policy != "simple" and not r.set_id:
            found.append(_t("needs_id", rid=rid, policy=r.policy))
        if r.policy == "weighted" and (not isinstance(r.weight, int) or isinstance(r.weight, bool)
                                       or not 0 <= r.weight <= MAX_WEIGHT):
            found.append(_t("bad_weight", rid=rid, value=r.weight))
        if r.policy == "failover" and r.failover not in ("PRIMARY", "SECONDARY"):
            found.append(_t("bad_failover", rid=rid, value=r.failover))
        if r.policy == "latency" and r.region not in REGIONS:
            found.append(_t("bad_region", rid=rid, value=r.region, allowed=", ".join(REGIONS)))
        if r.policy == "geolocation" and not r.location:
            found.append(_t("bad_location", rid=rid))
        if zone is not None:
            if not in_zone(r.name, zone):
                found.append(_t("outside_zone", rid=rid, name=r.name, zone=zone))
            elif r.type == "CNAME" and normal_name(r.name) == normal_name(zone):
                found.append(_t("cname_apex", rid=rid, zone=zone))
        groups.setdefault((normal_name(r.name), r.type), []).append(r)
    for (name, rtype), group in groups.items():
        policies = sorted({r.policy for r in group})
        if len(policies) > 1:
            found.append(_t("mixed", name=name, type=rtype, found=", ".join(policies)))
            continue
        ids = Counter(r.set_id for r in group if r.set_id)
        found += [_t("dup_id", rid=i, value=i, name=name, type=rtype) for i, n in ids.items() if n > 1]
        if policies == ["simple"] and len(group) > 1:
            found.append(_t("simple_twice", name=name, type=rtype, n=len(group)))
        if policies == ["failover"]:
            roles = sorted(r.failover or "?" for r in group)
            if roles != ["PRIMARY", "SECONDARY"]:
                found.append(_t("failover_pair", name=name, type=rtype, found=", ".join(roles) or "none"))
        if policies == ["latency"]:
            regions = Counter(r.region for r in group)
            found += [_t("dup_region", name=name, type=rtype, value=g) for g, n in regions.items() if n > 1]
    return found


def validate(records: list[Record], zone: str | None = None) -> None:
    """Raise `RecordError` listing every problem of ``records``; return None if Route 53 would accept them."""
    found = problems(records, zone)
    if found:
        raise RecordError(found)
