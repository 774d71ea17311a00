"""How a DNS query for a Route 53 name is resolved, and which record a routing policy picks.

Route 53 answers a query from the records that share its name and type. Those records
share one routing policy, which decides the answer (Route 53 Developer Guide, "Choosing
a routing policy", https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html):

- simple: the one record; all its values, in random order (round robin);
- weighted: a record drawn with probability weight / sum of weights (weights 0-255);
- latency: the record in the Region with the lowest latency from the resolver;
- failover: the PRIMARY while it is healthy, else the SECONDARY;
- geolocation: the record for the resolver's country, else its continent, else the default.

Unhealthy records are skipped; if every record of a group is unhealthy, Route 53 answers as
if all were healthy ("How Amazon Route 53 chooses records when health checking is configured").
Latency here comes from `LATENCY_MS`, a small illustrative table, not from measurements:
Route 53 uses its own latency data, which changes over time.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from course import i18n
from course.dns_records import (MAX_WEIGHT, POLICIES, RECORD_TYPES, REGIONS, Record, RecordError,  # noqa: F401
                                in_zone, normal_name, problems, validate)

# Illustrative round-trip times in ms between resolvers near one Region and another Region.
# Made up to be plausible (same Region ~5 ms, across the Pacific ~150 ms); NOT measured.
_RTT = {
    ("ap-northeast-2", "ap-northeast-1"): 35, ("ap-northeast-2", "ap-southeast-1"): 75,
    ("ap-northeast-2", "us-east-1"): 180, ("ap-northeast-2", "eu-west-1"): 250,
    ("ap-northeast-1", "ap-southeast-1"): 70, ("ap-northeast-1", "us-east-1"): 160,
    ("ap-northeast-1", "eu-west-1"): 230, ("ap-southeast-1", "us-east-1"): 220,
    ("ap-southeast-1", "eu-west-1"): 170, ("us-east-1", "eu-west-1"): 75,
}
LATENCY_MS = {(a, b): 5 if a == b else _RTT.get((a, b), _RTT.get((b, a))) for a in REGIONS for b in REGIONS}
REGION_NAMES = {"ap-northeast-2": "Seoul", "ap-northeast-1": "Tokyo", "ap-southeast-1": "Singapore",
                "us-east-1": "N. Virginia", "eu-west-1": "Ireland"}
# Where a resolver near each Region sits, for geolocation: (country, continent).
REGION_LOCATION = {"ap-northeast-2": ("KR", "AS"), "ap-northeast-1": ("JP", "AS"),
                   "ap-southeast-1": ("SG", "AS"), "us-east-1": ("US", "NA"), "eu-west-1": ("IE", "EU")}

# Illustrative name servers in Route 53's naming pattern; each hosted zone gets four.
DEFAULT_NAME_SERVERS = ("ns-1234.awsdns-26.org", "ns-567.awsdns-06.net",
                        "ns-89.awsdns-11.com", "ns-1900.awsdns-45.co.uk")

TEXT = {
    "en": {
        "ask_stub": "Your device (stub resolver) asks its recursive resolver: {name} {type}?",
        "ask_root": "The recursive resolver asks a root name server.",
        "ans_root": "Referral: ask the .{tld} TLD name servers.",
        "ask_tld": "It asks a .{tld} TLD name server.",
        "ans_tld": "Referral: {zone} is served by {ns} (and three more).",
        "ask_auth": "It asks the Route 53 name server {ns}.",
        "ans_auth": "Answer: {name} {type} {values} (TTL {ttl} s).",
        "ans_none": "No answer: {why}",
        "ans_stub": "The resolver answers your device and caches the answer for {ttl} s.",
        "ans_stub_none": "The resolver passes the empty answer back to your device.",
        "who_stub": "stub resolver", "who_recursive": "recursive resolver", "who_root": "root",
        "who_tld": "TLD .{tld}", "who_auth": "Route 53",
        "nxdomain": "{name} is not in the hosted zone {zone} (NXDOMAIN).",
        "no_records": "the zone has no {type} record named {name}.",
        "simple": "simple: the only {name} {type} record; all its values, in random order.",
        "weighted": "weighted: {id} has weight {w} of {total} in total ({share:.0%}); this query drew {id}.",
        "weighted_zero": "weighted: every weight is 0, so each record is equally likely; this query drew {id}.",
        "weighted_zero_fallback": ("weighted: every record with a weight above 0 is unhealthy, so Route 53 "
                                   "considers the weight-0 records; this query drew {id}."),
        "latency": ("latency: from {origin} the lowest-latency record is the {place} one "
                    "({region}, {ms} ms in the course's illustrative table)."),
        "latency_skip": "{region} is unhealthy and skipped. ",
        "failover_primary": "failover: primary {id} is healthy → primary.",
        "failover_open": "failover: no record is healthy, so the primary {id} answers.",
        "failover_secondary": "failover: primary {pid} is unhealthy → secondary {id}.",
        "geo_country": "geolocation: the resolver is in country {code} → record {id}.",
        "geo_continent": "geolocation: no record for country {country}; continent {code} → record {id}.",
        "geo_default": "geolocation: no record for {country} or {continent} → the default record {id}.",
        "geo_none": "geolocation: no record for {country} or {continent}, and no default record.",
        "all_unhealthy": "Every record is unhealthy, so Route 53 answers as if all were healthy. ",
        "bad_count": "the number of queries must be a whole number of 1 or more, not {value!r}",
        "not_weighted": "{name} {type} has no weighted records",
    },
    "ko": {
        "ask_stub": "내 기기(스텁 리졸버)가 재귀 리졸버에게 묻습니다: {name} {type}?",
        "ask_root": "재귀 리졸버가 루트 네임 서버에 묻습니다.",
        "ans_root": "위임(referral): .{tld} TLD 네임 서버에 물어보세요.",
        "ask_tld": ".{tld} TLD 네임 서버에 묻습니다.",
        "ans_tld": "위임: {zone}은(는) {ns}(외 3개)가 서비스합니다.",
        "ask_auth": "Route 53 네임 서버 {ns}에 묻습니다.",
        "ans_auth": "응답: {name} {type} {values} (TTL {ttl}초).",
        "ans_none": "응답 없음: {why}",
        "ans_stub": "리졸버가 내 기기에 응답하고, 그 응답을 {ttl}초 동안 캐시합니다.",
        "ans_stub_none": "리졸버가 빈 응답을 내 기기에 그대로 전달합니다.",
        "who_stub": "스텁 리졸버",
        "who_recursive": "재귀 리졸버",
        "who_root": "루트",
        "who_tld": "TLD .{tld}",
        "who_auth": "Route 53",
        "nxdomain": "{name}은(는) 호스팅 영역 {zone}에 없습니다(NXDOMAIN).",
        "no_records": "영역에 이름이 {name}인 {type} 레코드가 없습니다.",
        "simple": "단순: 하나뿐인 {name} {type} 레코드입니다. 모든 값을 무작위 순서로 돌려줍니다.",
        "weighted": "가중치 기반: {id}의 가중치는 전체 {total} 중 {w}({share:.0%})입니다. 이번 쿼리에서는 {id}이(가) 뽑혔습니다.",
        "weighted_zero": "가중치 기반: 모든 가중치가 0이므로 레코드마다 확률이 같습니다. 이번 쿼리에서는 {id}이(가) 뽑혔습니다.",
        "weighted_zero_fallback": "가중치 기반: 가중치가 0보다 큰 레코드가 모두 비정상이어서 Route 53이 가중치 0인 레코드를 고려합니다. 이번 쿼리에서는 {id}이(가) 뽑혔습니다.",
        "latency": "지연 시간: {origin}에서 지연 시간이 가장 낮은 레코드는 {place} 레코드입니다({region}, 강의용 예시 표에서 {ms} ms).",
        "latency_skip": "{region}은(는) 비정상이라 건너뜁니다. ",
        "failover_primary": "장애 조치: 기본(primary) {id}이(가) 정상 → 기본 레코드.",
        "failover_open": "장애 조치: 정상인 레코드가 없어서 기본 레코드 {id}이(가) 응답합니다.",
        "failover_secondary": "장애 조치: 기본 {pid}이(가) 비정상 → 보조(secondary) {id}.",
        "geo_country": "지리 위치: 리졸버가 국가 {code}에 있음 → 레코드 {id}.",
        "geo_continent": "지리 위치: 국가 {country}의 레코드가 없음. 대륙 {code} → 레코드 {id}.",
        "geo_default": "지리 위치: {country}에도 {continent}에도 레코드가 없음 → 기본 레코드 {id}.",
        "geo_none": "지리 위치: {country}에도 {continent}에도 레코드가 없고, 기본 레코드도 없습니다.",
        "all_unhealthy": "모든 레코드가 비정상이므로 Route 53은 모두 정상인 것처럼 응답합니다. ",
        "bad_count": "쿼리 수는 1 이상의 정수여야 합니다. {value!r}은(는) 안 됩니다",
        "not_weighted": "{name} {type}에는 가중치 기반 레코드가 없습니다",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


@dataclass(frozen=True)
class Query:
    """A DNS question, asked by a resolver near ``from_region`` (which also fixes its country)."""

    name: str
    type: str = "A"
    from_region: str = "ap-northeast-2"
    seed: int | None = 0


@dataclass(frozen=True)
class Decision:
    """The record Route 53's routing policy picked (None: no answer) and why."""

    record: Record | None
    reason: str

    @property
    def values(self) -> tuple[str, ...]:
        return self.record.values if self.record else ()


@dataclass(frozen=True)
class Step:
    """One message of the walk: who asks whom, and what comes back."""

    asker: str
    server: str
    question: str
    answer: str


@dataclass(frozen=True)
class Resolution:
    steps: tuple[Step, ...]
    decision: Decision


@dataclass(frozen=True)
class Distribution:
    """What N weighted queries returned: counts per set identifier and the expected share of each."""

    queries: int
    counts: dict[str, int] = field(default_factory=dict)
    expected: dict[str, float] = field(default_factory=dict)


def _group(records: list[Record], name: str, rtype: str) -> list[Record]:
    return [r for r in records if normal_name(r.name) == normal_name(name) and r.type == rtype]


def _draw(candidates: list[Record], rng: random.Random) -> Record:
    total = sum(r.weight for r in candidates)
    if total == 0:
        return rng.choice(candidates)
    point = rng.uniform(0, total)
    for r in candidates:
        point -= r.weight
        if point < 0:
            return r
    return candidates[-1]


def choose(records: list[Record], query: Query, rng: random.Random | None = None) -> Decision:
    """The record Route 53 answers ``query`` with, by the group's routing policy, and the reason.

    Raises:
        RecordError: the records are invalid (see `problems`).
    """
    validate(records)
    group = _group(records, query.name, query.type)
    if not group:
        return Decision(None, _t("no_records", name=normal_name(query.name), type=query.type))
    rng = rng or random.Random(query.seed)
    prefix = ""
    live = [r for r in group if r.healthy]
    if not live:
        # Route 53 fails open: with nothing healthy it answers as if everything were.
        prefix, live = _t("all_unhealthy"), group
    policy = group[0].policy
    if policy == "simple":
        return Decision(group[0], prefix + _t("simple", name=normal_name(query.name), type=query.type))
    if policy == "weighted":
        return _choose_weighted(group, live, rng, prefix)
    if policy == "latency":
        return _choose_latency(group, live, query.from_region, prefix)
    if policy == "failover":
        primary = next(r for r in group if r.failover == "PRIMARY")
        if primary.healthy:
            return Decision(primary, prefix + _t("failover_primary", id=primary.label))
        if primary in live:
            return Decision(primary, prefix + _t("failover_open", id=primary.label))
        secondary = next(r for r in live if r.failover == "SECONDARY")
        return Decision(secondary, prefix + _t("failover_secondary", pid=primary.label, id=secondary.label))
    return _choose_geolocation(live, query.from_region, prefix)


def _choose_weighted(group: list[Record], live: list[Record], rng: random.Random, prefix: str) -> Decision:
    heavy = [r for r in live if r.weight > 0]
    if heavy:
        pick = _draw(heavy, rng)
        total = sum(r.weight for r in heavy)
        return Decision(pick, prefix + _t("weighted", id=pick.label, w=pick.weight, total=total,
                                          share=pick.weight / total))
    # Weight-0 records answer only when every weighted record above 0 is unhealthy, or all weights are 0.
    pick = rng.choice(live)
    key = "weighted_zero" if all(r.weight == 0 for r in group) else "weighted_zero_fallback"
    return Decision(pick, prefix + _t(key, id=pick.label))


def _choose_latency(group: list[Record], live: list[Record], origin: str, prefix: str) -> Decision:
    ranked = sorted(group, key=lambda r: LATENCY_MS[(origin, r.region)])
    pick = next(r for r in ranked if r in live)
    skipped = "".join(_t("latency_skip", region=r.region) for r in ranked[:ranked.index(pick)])
    return Decision(pick, prefix + skipped + _t(
        "latency", origin=f"{origin} ({REGION_NAMES[origin]})", place=REGION_NAMES[pick.region],
        region=pick.region, ms=LATENCY_MS[(origin, pick.region)]))


def _choose_geolocation(live: list[Record], origin: str, prefix: str) -> Decision:
    country, continent = REGION_LOCATION[origin]
    by_location = {r.location: r for r in live}
    if country in by_location:
        return Decision(by_location[country], prefix + _t("geo_country", code=country, id=by_location[country].label))
    if continent in by_location:
        rec = by_location[continent]
        return Decision(rec, prefix + _t("geo_continent", country=country, code=continent, id=rec.label))
    if "*" in by_location:
        rec = by_location["*"]
        return Decision(rec, prefix + _t("geo_default", country=country, continent=continent, id=rec.label))
    return Decision(None, prefix + _t("geo_none", country=country, continent=continent))


def resolve(records: list[Record], query: Query, zone: str,
            name_servers: tuple[str, ...] = DEFAULT_NAME_SERVERS) -> Resolution:
    """The walk from your device to Route 53 and back for ``query``, with the record chosen.

    The recursive resolver starts with an empty cache, so it asks root, TLD and Route 53 in turn.

    Raises:
        RecordError: the records are invalid for ``zone`` (see `problems`).
    """
    validate(records, zone)
    name, zone_n = normal_name(query.name), normal_name(zone)
    tld = zone_n.rsplit(".", 1)[-1]
    ns = name_servers[0]
    steps = [
        Step(_t("who_stub"), _t("who_recursive"), _t("ask_stub", name=name, type=query.type), ""),
        Step(_t("who_recursive"), _t("who_root"), _t("ask_root"), _t("ans_root", tld=tld)),
        Step(_t("who_recursive"), _t("who_tld", tld=tld), _t("ask_tld", tld=tld),
             _t("ans_tld", zone=zone_n, ns=ns)),
    ]
    if not in_zone(name, zone_n):
        decision = Decision(None, _t("nxdomain", name=name, zone=zone_n))
    else:
        decision = choose(records, query)
    if decision.record:
        answer = _t("ans_auth", name=name, type=query.type, values=", ".join(decision.values),
                    ttl=decision.record.ttl)
        back = _t("ans_stub", ttl=decision.record.ttl)
    else:
        answer, back = _t("ans_none", why=decision.reason), _t("ans_stub_none")
    steps.append(Step(_t("who_recursive"), _t("who_auth"), _t("ask_auth", ns=ns), answer))
    steps.append(Step(_t("who_recursive"), _t("who_stub"), back, ""))
    return Resolution(tuple(steps), decision)


def weighted_counts(records: list[Record], name: str, queries: int = 1000, seed: int = 0,
                    rtype: str = "A") -> Distribution:
    """Answers to ``queries`` weighted queries for ``name`` (same ``seed``, same counts) and expected shares.

    Raises:
        RecordError: invalid records, no weighted records for ``name``, or a bad ``queries``.
    """
    if not isinstance(queries, int) or isinstance(queries, bool) or queries < 1:
        raise RecordError([_t("bad_count", value=queries)])
    validate(records)
    group = [r for r in _group(records, name, rtype) if r.policy == "weighted"]
    if not group:
        raise RecordError([_t("not_weighted", name=normal_name(name), type=rtype)])
    rng = random.Random(seed)
    query = Query(name, rtype, seed=None)
    counts = Counter(choose(records, query, rng).record.label for _ in range(queries))
    live = [r for r in group if r.healthy] or group
    heavy = [r for r in live if r.weight > 0]
    total = sum(r.weight for r in heavy)
    expected = {r.label: (r.weight / total if r in heavy else 0.0) if heavy else
                (1 / len(live) if r in live else 0.0) for r in group}
    return Distribution(queries, {r.label: counts.get(r.label, 0) for r in group}, expected)


def example_records(policy: str) -> list[Record]:
    """A small record set for ``policy``, under example.com, used by the chapter and the widget."""
    name = "www.example.com"
    examples = {
        "simple": [Record(name, ("192.0.2.10", "192.0.2.11"))],
        "weighted": [Record(name, ("192.0.2.10",), policy="weighted", set_id="blue", weight=3),
                     Record(name, ("192.0.2.20",), policy="weighted", set_id="green", weight=1)],
        "latency": [Record(name, ("192.0.2.10",), policy="latency", set_id="seoul", region="ap-northeast-2"),
                    Record(name, ("198.51.100.10",), policy="latency", set_id="virginia", region="us-east-1"),
                    Record(name, ("203.0.113.10",), policy="latency", set_id="ireland", region="eu-west-1")],
        "failover": [Record(name, ("192.0.2.10",), policy="failover", set_id="main", failover="PRIMARY"),
                     Record(name, ("198.51.100.10",), policy="failover", set_id="standby", failover="SECONDARY")],
        "geolocation": [Record(name, ("192.0.2.10",), policy="geolocation", set_id="korea", location="KR"),
                        Record(name, ("192.0.2.20",), policy="geolocation", set_id="asia", location="AS"),
                        Record(name, ("198.51.100.10",), policy="geolocation", set_id="default", location="*")],
    }
    if policy not in examples:
        raise ValueError(f"no example for routing policy {policy!r}; choose one of {', '.join(POLICIES)}")
    return examples[policy]
