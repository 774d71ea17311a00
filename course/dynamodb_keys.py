"""DynamoDB key design: how items spread over key values, and what each access pattern costs.

Give it items (plain dicts), a `KeyDesign` (the table's partition key, an optional sort
key, optional global secondary indexes) and `AccessPattern`s ("orders of customer C03 in
May 2026"). `explore` returns the spread of items and requests over partition-key values,
the hot values, and for every pattern the cheapest operation DynamoDB offers for it:
GetItem, Query on the table or on a GSI, or a Scan with a filter.

DynamoDB's physical partitions are internal: it hashes the partition-key value to choose
one and splits partitions as they grow. What this module shows is the distribution of
key *values* that drives them: all items (and all requests) for one value land in the
same place, so a value holding a large share of either is a hot key.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from numbers import Number

from course.i18n import language, localized
from course.i18n import text as _text

OPERATORS = ("=", "begins_with", "between")
# A value holding this share of the items or requests is called hot.
DEFAULT_HOT_SHARE = 0.25


class KeyDesignError(ValueError):
    """Bad items, key design or access pattern; the message names what and where."""


@dataclass(frozen=True)
class Index:
    """A global secondary index: its own partition key and optional sort key."""

    name: str
    partition_key: str
    sort_key: str | None = None


@dataclass(frozen=True)
class KeyDesign:
    """The table's primary key and its global secondary indexes."""

    partition_key: str
    sort_key: str | None = None
    gsis: tuple[Index, ...] = ()


@dataclass(frozen=True)
class Condition:
    """``attribute op values``: ``=`` and ``begins_with`` take one value, ``between`` two."""

    attribute: str
    op: str
    values: tuple

    def matches(self, item: dict) -> bool:
        if self.attribute not in item:
            return False
        v = item[self.attribute]
        try:
            if self.op == "=":
                return v == self.values[0]
            if self.op == "begins_with":
                return isinstance(v, str) and v.startswith(self.values[0])
            return self.values[0] <= v <= self.values[1]
        except TypeError:  # a number compared with a string never matches, as in DynamoDB
            return False

    def text(self) -> str:
        if self.op == "between":
            return f"{self.attribute} between {self.values[0]!r} and {self.values[1]!r}"
        return f"{self.attribute} {self.op} {self.values[0]!r}"


@dataclass(frozen=True)
class AccessPattern:
    """A question the application asks, as conditions that must all hold."""

    name: str
    conditions: tuple[Condition, ...]
    per_second: float = 1.0


@dataclass(frozen=True)
class Plan:
    """How DynamoDB answers one access pattern with a given design."""

    pattern: AccessPattern
    operation: str                  # "GetItem", "Query" or "Scan"
    index: str | None               # a GSI's name, or None for the table
    key_conditions: tuple[Condition, ...]
    filters: tuple[Condition, ...]
    items_read: int
    items_returned: int
    warning: str = ""

    @property
    def target(self) -> str:
        return f"GSI {self.index}" if self.index else "table"

    def key_condition_text(self) -> str:
        return " AND ".join(_expression(c, f"k{i}") for i, c in enumerate(self.key_conditions))

    def filter_text(self) -> str:
        return " AND ".join(_expression(c, f"f{i}") for i, c in enumerate(self.filters))


@dataclass(frozen=True)
class Spread:
    """Items and requests per partition-key value of the table or of one GSI."""

    index: str | None
    attribute: str
    items: tuple[tuple[object, int], ...]       # (value, item count), most items first
    requests: tuple[tuple[object, float], ...]  # (value, requests/s), busiest first
    hot_items: tuple[object, ...]
    hot_requests: tuple[object, ...]
    unindexed: int = 0                          # items without this index's key (sparse GSI)

    @property
    def total_items(self) -> int:
        return sum(n for _, n in self.items)


@dataclass(frozen=True)
class Exploration:
    design: KeyDesign
    spreads: tuple[Spread, ...]                 # the table first, then each GSI
    plans: tuple[Plan, ...]
    hot_share: float = DEFAULT_HOT_SHARE

    @property
    def table(self) -> Spread:
        return self.spreads[0]

    @property
    def scans(self) -> tuple[Plan, ...]:
        return tuple(p for p in self.plans if p.operation == "Scan")


# ---------------------------------------------------------------- validation

# What the key designer says about a design or a pattern, per language.
TEXT = {
    "en": {
        "no_items": "there are no items: give at least one item (a dict of attributes)",
        "not_dict": "item {n} is a {kind}, not a dict of attributes",
        "no_pk": "the table needs a partition key attribute",
        "sk_is_pk": "the sort key {attr!r} is also the partition key; choose another attribute",
        "gsi_name": "GSI name {name!r}: use 3-255 letters, digits, '_', '-' or '.'",
        "gsi_twice": "two GSIs are named {name!r}",
        "gsi_no_pk": "GSI {name!r} needs a partition key attribute",
        "partition": "partition",
        "sort": "sort",
        "item_no_key": "item {n} has no {attr!r}, the table's {role} key: every item needs the whole primary key",
        "same_key": "items {a} and {b} have the same primary key ({shown}); DynamoDB would keep only the last one. Add a sort key that tells them apart",
        "gsi_no_attr": "GSI {name!r}: no item has the attribute {attr!r}",
        "no_conditions": "access pattern {name!r} has no conditions",
        "negative_rate": "access pattern {name!r}: requests per second must be >= 0",
        "unknown_attr": "access pattern {name!r} uses the attribute {attr!r}, which no item has",
        "unknown_op": "access pattern {name!r}: unknown operator {op!r} (use {ops})",
        "begins_numbers": "access pattern {name!r}: begins_with works on strings, but {attr!r} holds numbers; use 'between' for a range",
        "value_count": "access pattern {name!r}: {op} on {attr!r} takes {n} value(s)",
        "key_type": "item {n}: key attribute {attr!r} is a {kind}; a key must be a string, a number or bytes",
        "mixed_type": "key attribute {attr!r} is a {k1} in item {n1} but a {k2} in item {n2}; a key attribute has one type",
        "type_S": "string",
        "type_N": "number",
        "type_B": "binary",
        "filter_cost": "the Query reads {read} item(s) and the filter drops {dropped}: you pay for every item read",
        "scan_cost": "Scan reads all {n} items to return {m}; its cost grows with the table, not the answer. {suggest}",
        "no_key": "No key serves it: add an attribute you can look up by equality and index it.",
        "and_sort": " and sort key {attr!r}",
        "suggest": "A GSI with partition key {attr!r}{sk} would serve it with a Query.",
        "no_colon": "{line!r}: write 'name: attribute = value, ...'",
        "no_name": "{line!r}: the pattern needs a name before ':'",
        "cannot_read": "pattern {name!r}: cannot read {part!r}; use 'attr = v', 'attr begins_with v' or 'attr between a .. b'",
        "between_form": "pattern {name!r}: write 'between' as '{attr} between a .. b'",
        "not_number": "pattern {name!r}: {attr!r} holds numbers, but {raw!r} is not a number",
        "pattern_empty": "pattern {name!r} has no conditions",
    },
    "ko": {
        "no_items": "항목이 없습니다: 항목(속성 dict)을 하나 이상 주세요",
        "not_dict": "항목 {n}은(는) {kind}이고, 속성 dict가 아닙니다",
        "no_pk": "테이블에는 파티션 키 속성이 필요합니다",
        "sk_is_pk": "정렬 키 {attr!r}이(가) 파티션 키와 같습니다. 다른 속성을 고르세요",
        "gsi_name": "GSI 이름 {name!r}: 영문자, 숫자, '_', '-', '.'로 3~255자를 쓰세요",
        "gsi_twice": "이름이 {name!r}인 GSI가 두 개입니다",
        "gsi_no_pk": "GSI {name!r}에는 파티션 키 속성이 필요합니다",
        "partition": "파티션",
        "sort": "정렬",
        "item_no_key": "항목 {n}에 테이블의 {role} 키인 {attr!r}이(가) 없습니다: 모든 항목에는 기본 키 전체가 있어야 합니다",
        "same_key": "항목 {a}와(과) {b}의 기본 키가 같습니다 ({shown}). DynamoDB는 마지막 것만 남깁니다. 둘을 구별하는 정렬 키를 추가하세요",
        "gsi_no_attr": "GSI {name!r}: 속성 {attr!r}을(를) 가진 항목이 없습니다",
        "no_conditions": "액세스 패턴 {name!r}에 조건이 없습니다",
        "negative_rate": "액세스 패턴 {name!r}: 초당 요청 수는 0 이상이어야 합니다",
        "unknown_attr": "액세스 패턴 {name!r}이(가) 어떤 항목에도 없는 속성 {attr!r}을(를) 씁니다",
        "unknown_op": "액세스 패턴 {name!r}: 알 수 없는 연산자 {op!r} ({ops} 중 하나를 쓰세요)",
        "begins_numbers": "액세스 패턴 {name!r}: begins_with는 문자열에만 쓰는데 {attr!r}에는 숫자가 들어 있습니다. 범위에는 'between'을 쓰세요",
        "value_count": "액세스 패턴 {name!r}: {attr!r}에 대한 {op}에는 값이 {n}개 필요합니다",
        "key_type": "항목 {n}: 키 속성 {attr!r}이(가) {kind}입니다. 키는 문자열, 숫자, 바이트 중 하나여야 합니다",
        "mixed_type": "키 속성 {attr!r}이(가) 항목 {n1}에서는 {k1}, 항목 {n2}에서는 {k2}입니다. 키 속성의 유형은 하나여야 합니다",
        "type_S": "문자열",
        "type_N": "숫자",
        "type_B": "바이너리",
        "filter_cost": "Query가 항목 {read}개를 읽고 필터가 {dropped}개를 버립니다: 읽은 항목마다 비용을 냅니다",
        "scan_cost": "Scan은 {m}개를 돌려주려고 항목 {n}개를 모두 읽습니다. 비용이 답이 아니라 테이블 크기에 따라 늘어납니다. {suggest}",
        "no_key": "이 패턴에 맞는 키가 없습니다: 같음(=)으로 찾을 수 있는 속성을 추가하고 인덱싱하세요.",
        "and_sort": ", 정렬 키 {attr!r}",
        "suggest": "파티션 키 {attr!r}{sk}인 GSI가 있으면 Query로 처리할 수 있습니다.",
        "no_colon": "{line!r}: '이름: 속성 = 값, ...' 형식으로 쓰세요",
        "no_name": "{line!r}: ':' 앞에 패턴 이름이 필요합니다",
        "cannot_read": "패턴 {name!r}: {part!r}을(를) 읽을 수 없습니다. 'attr = v', 'attr begins_with v', 'attr between a .. b' 중 하나로 쓰세요",
        "between_form": "패턴 {name!r}: 'between'은 '{attr} between a .. b'로 쓰세요",
        "not_number": "패턴 {name!r}: {attr!r}에는 숫자가 들어 있는데 {raw!r}은(는) 숫자가 아닙니다",
        "pattern_empty": "패턴 {name!r}에 조건이 없습니다",
    },
}


def _t(key: str, **values) -> str:
    return _text(TEXT, key, **values)


def validate(items: list[dict], design: KeyDesign, patterns=()) -> None:
    """Raise `KeyDesignError` naming the first problem in ``items``, ``design`` or ``patterns``."""
    if not items:
        raise KeyDesignError(_t("no_items"))
    for n, item in enumerate(items):
        if not isinstance(item, dict):
            raise KeyDesignError(_t("not_dict", n=n, kind=type(item).__name__))
    if not design.partition_key:
        raise KeyDesignError(_t("no_pk"))
    if design.sort_key == design.partition_key:
        raise KeyDesignError(_t("sk_is_pk", attr=design.sort_key))
    names = [g.name for g in design.gsis]
    for g in design.gsis:
        if not g.name or not re.fullmatch(r"[A-Za-z0-9_.-]{3,255}", g.name):
            raise KeyDesignError(_t("gsi_name", name=g.name))
        if names.count(g.name) > 1:
            raise KeyDesignError(_t("gsi_twice", name=g.name))
        if not g.partition_key:
            raise KeyDesignError(_t("gsi_no_pk", name=g.name))
    # Every item must carry the table's key; a GSI key may be missing (the index is then sparse).
    for attr in filter(None, (design.partition_key, design.sort_key)):
        for n, item in enumerate(items):
            if attr not in item:
                role = _t("partition" if attr == design.partition_key else "sort")
                raise KeyDesignError(_t("item_no_key", n=n, attr=attr, role=role))
    key_attrs = {design.partition_key, design.sort_key} | {a for g in design.gsis
                                                            for a in (g.partition_key, g.sort_key)}
    for attr in filter(None, key_attrs):
        _check_key_type(items, attr)
    seen: dict[tuple, int] = {}
    for n, item in enumerate(items):
        key = (item[design.partition_key], item.get(design.sort_key) if design.sort_key else None)
        if key in seen:
            shown = f"{design.partition_key}={key[0]!r}" + (f", {design.sort_key}={key[1]!r}" if design.sort_key else "")
            raise KeyDesignError(_t("same_key", a=seen[key], b=n, shown=shown))
        seen[key] = n
    present = set().union(*(item.keys() for item in items))
    for g in design.gsis:
        for attr in filter(None, (g.partition_key, g.sort_key)):
            if attr not in present:
                raise KeyDesignError(_t("gsi_no_attr", name=g.name, attr=attr))
    for p in patterns:
        if not p.conditions:
            raise KeyDesignError(_t("no_conditions", name=p.name))
        if p.per_second < 0:
            raise KeyDesignError(_t("negative_rate", name=p.name))
        for c in p.conditions:
            if c.attribute not in present:
                raise KeyDesignError(_t("unknown_attr", name=p.name, attr=c.attribute))
            if c.op not in OPERATORS:
                raise KeyDesignError(_t("unknown_op", name=p.name, op=c.op, ops=", ".join(OPERATORS)))
            if c.op == "begins_with" and _is_numeric(items, c.attribute):
                # DynamoDB rejects begins_with on a number key, and as a filter it never matches.
                raise KeyDesignError(_t("begins_numbers", name=p.name, attr=c.attribute))
            if len(c.values) != (2 if c.op == "between" else 1):
                raise KeyDesignError(_t("value_count", name=p.name, op=c.op, attr=c.attribute,
                                        n=2 if c.op == "between" else 1))


def _check_key_type(items, attr):
    # DynamoDB key attributes are scalars of one declared type: string, number or binary.
    kinds = {}
    for n, item in enumerate(items):
        if attr not in item:
            continue
        kind = _scalar_type(item[attr])
        if kind is None:
            raise KeyDesignError(_t("key_type", n=n, attr=attr, kind=type(item[attr]).__name__))
        kinds.setdefault(kind, n)
    if len(kinds) > 1:
        (k1, n1), (k2, n2) = list(kinds.items())[:2]
        raise KeyDesignError(_t("mixed_type", attr=attr, k1=_t(f"type_{k1}"), n1=n1, k2=_t(f"type_{k2}"), n2=n2))


def _scalar_type(v) -> str | None:
    if isinstance(v, bool):
        return None
    if isinstance(v, str):
        return "S"
    if isinstance(v, (Number, Decimal)):
        return "N"
    if isinstance(v, (bytes, bytearray)):
        return "B"
    return None


# ---------------------------------------------------------------- the explorer

def explore(items: list[dict], design: KeyDesign, patterns=(), hot_share: float = DEFAULT_HOT_SHARE) -> Exploration:
    """The spread of items and requests over key values, and a plan for each access pattern.

    Raises:
        KeyDesignError: bad items, design or pattern (see `validate`).
    """
    if not 0 < hot_share <= 1:
        raise KeyDesignError(f"hot share must be between 0 and 1, not {hot_share}")
    patterns = tuple(patterns)
    validate(items, design, patterns)
    plans = tuple(plan_pattern(items, design, p) for p in patterns)
    spreads = [_spread(items, None, design.partition_key, plans, hot_share)]
    spreads += [_spread(items, g.name, g.partition_key, plans, hot_share) for g in design.gsis]
    return Exploration(design, tuple(spreads), plans, hot_share)


def plan_pattern(items: list[dict], design: KeyDesign, pattern: AccessPattern) -> Plan:
    """The cheapest way to answer ``pattern``: GetItem, then a Query without a filter
    (table first), then the Query reading the fewest items, else a Scan with a filter."""
    answer = [i for i in items if all(c.matches(i) for c in pattern.conditions)]
    candidates = []
    for index, pk, sk in [(None, design.partition_key, design.sort_key)] + \
                         [(g.name, g.partition_key, g.sort_key) for g in design.gsis]:
        key, rest = _key_conditions(pattern.conditions, pk, sk)
        if not key:
            continue
        read = [i for i in items if all(c.matches(i) for c in key)]
        whole_key = index is None and len(key) == (2 if sk else 1) and all(c.op == "=" for c in key)
        op = "GetItem" if whole_key and not rest else "Query"
        candidates.append(Plan(pattern, op, index, tuple(key), tuple(rest), len(read), len(answer)))
    if candidates:
        # GetItem, then no filter, then fewest items read; table before GSIs on ties.
        order = {id(p): n for n, p in enumerate(candidates)}
        best = min(candidates, key=lambda p: (p.operation != "GetItem", bool(p.filters), p.items_read, order[id(p)]))
        if best.filters:
            best = _with_warning(best, _t("filter_cost", read=best.items_read,
                                          dropped=best.items_read - best.items_returned))
        return best
    return Plan(pattern, "Scan", None, (), tuple(pattern.conditions), len(items), len(answer),
                warning=_t("scan_cost", n=len(items), m=len(answer), suggest=suggest_gsi(pattern)))


def suggest_gsi(pattern: AccessPattern) -> str:
    """A sentence proposing a GSI that would turn ``pattern`` into a Query."""
    eq = [c for c in pattern.conditions if c.op == "="]
    if not eq:
        return _t("no_key")
    rng = [c for c in pattern.conditions if c is not eq[0]]
    sk = _t("and_sort", attr=rng[0].attribute) if rng else ""
    return _t("suggest", attr=eq[0].attribute, sk=sk)


def _key_conditions(conditions, pk, sk):
    # A Query needs equality on the partition key and allows one condition on the sort key.
    key = [c for c in conditions if c.attribute == pk and c.op == "="][:1]
    if not key:
        return [], list(conditions)
    if sk:
        on_sk = [c for c in conditions if c.attribute == sk]
        key += on_sk[:1]
    rest = [c for c in conditions if c not in key]
    return key, rest


def _with_warning(plan: Plan, warning: str) -> Plan:
    return Plan(plan.pattern, plan.operation, plan.index, plan.key_conditions, plan.filters,
                plan.items_read, plan.items_returned, warning)


def _spread(items, index, attr, plans, hot_share) -> Spread:
    counts = Counter(i[attr] for i in items if attr in i)
    requests: Counter = Counter()
    # Requests go to the value each pattern names. A Scan is left out: it walks every
    # partition in turn and carries its own warning.
    for p in plans:
        if p.operation != "Scan" and p.index == index:
            requests[p.key_conditions[0].values[0]] += p.pattern.per_second
    total_items = sum(counts.values())
    total_requests = sum(requests.values())
    # Ties in value order; the values of one key attribute share one type, so they compare.
    by_items = tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    by_requests = tuple(sorted(requests.items(), key=lambda kv: (-kv[1], kv[0])))
    hot_items = _hot([n for _, n in by_items], [v for v, _ in by_items], hot_share)
    hot_requests = _hot([r for _, r in by_requests], [v for v, _ in by_requests], hot_share)
    return Spread(index, attr, by_items, by_requests, hot_items, hot_requests,
                  unindexed=len(items) - total_items)


def _hot(amounts, values, hot_share) -> tuple:
    # Hot: at least hot_share of the total, and more than an even split would give. Four
    # values at 25 % each are evenly spread, not hot; one value alone has nothing to spread.
    total = sum(amounts)
    if len(values) < 2 or not total:
        return ()
    even = 1 / len(values)
    return tuple(v for v, a in zip(values, amounts) if a / total >= hot_share and a / total > even)


# ---------------------------------------------------------------- reading patterns

_CONDITION = re.compile(r"^\s*([A-Za-z_][\w.-]*)\s*(=|begins_with|between)\s*(.+?)\s*$")


def parse_pattern(line: str, items: list[dict] | None = None) -> AccessPattern:
    """An access pattern from one line ``name: attr = v, attr begins_with p, attr between a .. b``.

    The name ends at the first ``:``, so a name cannot contain one.

    A value is read as a number when ``items`` hold that attribute as a number.

    Raises:
        KeyDesignError: the line does not follow that form (the message quotes it).
    """
    if ":" not in line:
        raise KeyDesignError(_t("no_colon", line=line.strip()))
    name, _, body = line.partition(":")
    name = name.strip()
    if not name:
        raise KeyDesignError(_t("no_name", line=line.strip()))
    conditions = []
    for part in filter(str.strip, body.split(",")):
        m = _CONDITION.match(part)
        if not m:
            raise KeyDesignError(_t("cannot_read", name=name, part=part.strip()))
        attr, op, raw = m.groups()
        if op == "between":
            lo, sep, hi = raw.partition("..")
            if not sep or not lo.strip() or not hi.strip():
                raise KeyDesignError(_t("between_form", name=name, attr=attr))
            values = (lo.strip(), hi.strip())
        else:
            values = (raw.strip(),)
        if items is not None and _is_numeric(items, attr):
            try:
                values = tuple(_number(v) for v in values)
            except ValueError:
                raise KeyDesignError(_t("not_number", name=name, attr=attr, raw=raw.strip())) from None
        conditions.append(Condition(attr, op, values))
    if not conditions:
        raise KeyDesignError(_t("pattern_empty", name=name))
    return AccessPattern(name, tuple(conditions))


def parse_patterns(text: str, items: list[dict] | None = None) -> tuple[AccessPattern, ...]:
    """One pattern per non-empty line (see `parse_pattern`); ``#`` starts a comment line."""
    return tuple(parse_pattern(line, items) for line in text.splitlines()
                 if line.strip() and not line.strip().startswith("#"))


def _is_numeric(items, attr) -> bool:
    values = [i[attr] for i in items if attr in i]
    return bool(values) and all(_scalar_type(v) == "N" for v in values)


def _number(text: str):
    return int(text) if re.fullmatch(r"[+-]?\d+", text) else float(text)


# ---------------------------------------------------------------- boto3 requests

def to_attribute_value(value) -> dict:
    """``value`` in DynamoDB's wire format, e.g. ``"C03"`` -> ``{"S": "C03"}``."""
    if isinstance(value, bool):
        return {"BOOL": value}
    if value is None:
        return {"NULL": True}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, (Number, Decimal)):
        return {"N": str(value)}
    if isinstance(value, (bytes, bytearray)):
        return {"B": bytes(value)}
    if isinstance(value, (list, tuple)):
        return {"L": [to_attribute_value(v) for v in value]}
    if isinstance(value, dict):
        return {"M": {k: to_attribute_value(v) for k, v in value.items()}}
    raise KeyDesignError(f"cannot store a {type(value).__name__} in DynamoDB: {value!r}")


def create_table_request(table: str, design: KeyDesign, items: list[dict]) -> dict:
    """Keyword arguments for ``dynamodb.create_table``: on-demand, every GSI projecting all attributes."""
    validate(items, design)

    def schema(pk, sk):
        return [{"AttributeName": pk, "KeyType": "HASH"}] + \
               ([{"AttributeName": sk, "KeyType": "RANGE"}] if sk else [])

    attrs = dict.fromkeys(a for a in (design.partition_key, design.sort_key,
                                      *[x for g in design.gsis for x in (g.partition_key, g.sort_key)]) if a)
    types = {a: next(_scalar_type(i[a]) for i in items if a in i) for a in attrs}
    request = {"TableName": table, "BillingMode": "PAY_PER_REQUEST",
               "AttributeDefinitions": [{"AttributeName": a, "AttributeType": t} for a, t in types.items()],
               "KeySchema": schema(design.partition_key, design.sort_key)}
    if design.gsis:
        request["GlobalSecondaryIndexes"] = [{"IndexName": g.name, "KeySchema": schema(g.partition_key, g.sort_key),
                                              "Projection": {"ProjectionType": "ALL"}} for g in design.gsis]
    return request


def request_for(plan: Plan, table: str) -> tuple[str, dict]:
    """The low-level client method and keyword arguments that run ``plan`` on ``table``.

    Attribute names go through placeholders (``#k0``): words such as ``status`` are
    reserved in DynamoDB expressions.
    """
    names, values = {}, {}
    for prefix, conditions in (("k", plan.key_conditions), ("f", plan.filters)):
        for i, c in enumerate(conditions):
            names[f"#{prefix}{i}"] = c.attribute
            for j, v in enumerate(c.values):
                values[f":{prefix}{i}_{j}"] = to_attribute_value(v)
    if plan.operation == "GetItem":
        return "get_item", {"TableName": table,
                            "Key": {c.attribute: to_attribute_value(c.values[0]) for c in plan.key_conditions}}
    kwargs: dict = {"TableName": table, "ExpressionAttributeNames": names, "ExpressionAttributeValues": values}
    if plan.index:
        kwargs["IndexName"] = plan.index
    if plan.filters:
        kwargs["FilterExpression"] = plan.filter_text()
    if plan.operation == "Query":
        kwargs["KeyConditionExpression"] = plan.key_condition_text()
        return "query", kwargs
    return "scan", kwargs


def _expression(c: Condition, ref: str) -> str:
    if c.op == "=":
        return f"#{ref} = :{ref}_0"
    if c.op == "begins_with":
        return f"begins_with(#{ref}, :{ref}_0)"
    return f"#{ref} BETWEEN :{ref}_0 AND :{ref}_1"


# ---------------------------------------------------------------- sample data

def sample_orders() -> list[dict]:
    """40 orders of 8 customers; customer C01 (a reseller) places half of them."""
    statuses = ["DELIVERED", "DELIVERED", "DELIVERED", "SHIPPED", "PENDING"]
    orders = []
    for n in range(40):
        customer = "C01" if n % 2 == 0 else f"C0{2 + (n // 2) % 7}"
        month = 4 + n % 3                       # April, May, June 2026
        day = 1 + (n * 7) % 28
        orders.append({"customer_id": customer, "order_id": f"O-{1001 + n}",
                       "ordered_at": f"2026-{month:02d}-{day:02d}T{8 + n % 10:02d}:{(n * 13) % 60:02d}:00Z",
                       "status": statuses[n % 5], "total": 12 + (n * 37) % 180})
    return orders


def sample_readings() -> list[dict]:
    """48 temperature readings of 4 sensors on 2026-05-01, one every 2 hours per sensor."""
    readings = []
    for n in range(48):
        sensor = f"S{1 + n % 4}"
        minute = (n // 4) * 120 + 7 * (n % 4)
        readings.append({"sensor_id": sensor, "ts": f"2026-05-01T{minute // 60:02d}:{minute % 60:02d}:00Z",
                         "celsius": 18 + (n * 7) % 15, "site": "Seoul" if n % 4 < 3 else "Busan"})
    return readings


@dataclass(frozen=True)
class Sample:
    """A data set with a few key designs to compare and the questions asked of it.

    ``title``, ``patterns`` and `design_label` speak the chapter's language; the keys of
    ``designs`` stay the English names code uses.
    """

    title_en: str
    items: list = field(repr=False)
    designs: dict = field(repr=False)
    patterns_en: str = ""
    title_ko: str = ""
    patterns_ko: str = ""
    designs_ko: dict = field(default_factory=dict, repr=False)

    @property
    def title(self) -> str:
        return localized(self.title_en, self.title_ko)

    @property
    def patterns(self) -> str:
        """The access patterns, one a line (``name: conditions``), named in the chapter's language."""
        return localized(self.patterns_en, self.patterns_ko)

    def design_label(self, name: str) -> str:
        """How the design ``name`` (a key of ``designs``) is shown."""
        return self.designs_ko.get(name, name) if language() == "ko" else name


SAMPLES = {
    "orders": Sample(
        "Shop orders (40)", sample_orders(),
        {"customer + time, GSIs by order and by status":
             KeyDesign("customer_id", "ordered_at", (Index("by-order", "order_id"),
                                                     Index("by-status", "status", "ordered_at"))),
         "order id only": KeyDesign("order_id"),
         "status + time": KeyDesign("status", "ordered_at")},
        "All orders of customer C03: customer_id = C03\n"
        "Orders of customer C03 in May 2026: customer_id = C03, ordered_at begins_with 2026-05\n"
        "Order O-1007: order_id = O-1007\n"
        "All pending orders: status = PENDING\n",
        "쇼핑몰 주문 (40)",
        "고객 C03의 모든 주문: customer_id = C03\n"
        "고객 C03의 2026년 5월 주문: customer_id = C03, ordered_at begins_with 2026-05\n"
        "주문 O-1007: order_id = O-1007\n"
        "대기 중인 모든 주문: status = PENDING\n",
        {"customer + time, GSIs by order and by status": "고객 + 시각, 주문별·상태별 GSI",
         "order id only": "주문 ID만", "status + time": "상태 + 시각"}),
    "readings": Sample(
        "Sensor readings (48)", sample_readings(),
        {"sensor + time": KeyDesign("sensor_id", "ts"),
         "site + time": KeyDesign("site", "ts", (Index("by-sensor", "sensor_id", "ts"),))},
        "Readings of sensor S2: sensor_id = S2\n"
        "Sensor S2 from 6 to 9 am: sensor_id = S2, ts between 2026-05-01T06:00 .. 2026-05-01T09:00\n"
        "Readings at or above 30 C: celsius between 30 .. 100\n",
        "센서 측정값 (48)",
        "센서 S2의 측정값: sensor_id = S2\n"
        "오전 6시~9시의 센서 S2: sensor_id = S2, ts between 2026-05-01T06:00 .. 2026-05-01T09:00\n"
        "30 C 이상인 측정값: celsius between 30 .. 100\n",
        {"sensor + time": "센서 + 시각", "site + time": "사이트 + 시각"}),
}
