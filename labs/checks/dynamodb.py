"""Checks of a DynamoDB key design in the sandbox: each access pattern must be a Query.

A check cannot see which calls the learner's own code made (grading runs the tests in another
process), so it judges the *design*: it reads the keys of the table and of its global and local
secondary indexes with DescribeTable, picks the table or index whose keys answer the pattern with
a key condition, runs that Query itself, and compares the items returned with the expected ones.
A pattern no key can answer would need a Scan, and fails::

    from labs.checks import dynamodb as check
    from labs.checks.result import require
    pattern = check.AccessPattern("a customer's tickets, newest first", "customer_id", "C-101",
                                  sort="created_at", descending=True)
    require(check.access_pattern("kit-tickets", pattern, ["T-8", "T-4"], id_attribute="ticket_id"))
"""

from __future__ import annotations

from dataclasses import dataclass

from labs.checks.result import CheckResult, failed, passed, require

__all__ = ["require", "TEXT", "AccessPattern", "key_for", "access_pattern", "time_to_live"]

_CHAPTER = "22-dynamodb-and-other-databases.ipynb § "
_SEE = {
    "design": _CHAPTER + "Designing keys for access patterns",
    "query": _CHAPTER + "Query or Scan",
    "indexes": _CHAPTER + "Secondary indexes: GSI and LSI",
    "keys": _CHAPTER + "Partition keys and sort keys",
    "ttl": _CHAPTER + "Try it: a table, items and queries",
}

TEXT = {
    "en": {
        "table_missing": "table {table_name!r} not found (tables there: {there})",
        "table_hint": "create the table with the exact name the task gives",
        "needs_scan": ("access pattern {pattern!r} needs a Scan: no key has partition key {partition!r}{sort_part}; "
                       "keys there: {there}"),
        "needs_scan_hint": ("a Scan reads the whole table; give the table, or a global secondary index, the keys "
                            "this pattern asks by"),
        "sort_part": " and sort key {sort!r}",
        "query_error": "access pattern {pattern!r}: the Query on {target} failed: {error}",
        "query_error_hint": "a key attribute's type (S or N) must match the values the items hold",
        "not_projected": "access pattern {pattern!r}: {target} does not return {id_attribute!r} (projection {there})",
        "not_projected_hint": "an index returns only the attributes it projects; project the ones the pattern needs",
        "wrong_items": ("access pattern {pattern!r}: the Query on {target} returned {there}, expected {want}"),
        "wrong_items_hint": ("items whose primary key is the same overwrite each other, and only items that hold "
                             "an index's key attributes appear in that index; check the keys and the items you wrote"),
        "pattern_ok": "access pattern {pattern!r}: a Query on {target} returns {want}",
        "ttl_off": "table {table_name!r}: time to live is {there}, expected enabled on {attribute!r}",
        "ttl_attr": "table {table_name!r}: time to live uses attribute {there}, expected {attribute!r}",
        "ttl_hint": "time to live is turned on per table, naming the attribute that holds each item's expiry time",
        "ttl_ok": "table {table_name!r}: time to live is enabled on {attribute!r}",
        "the_table": "the table",
        "the_index": "{kind} {index!r}",
    },
    "ko": {
        "table_missing": "테이블 {table_name!r}이(가) 없습니다 (있는 테이블: {there})",
        "table_hint": "과제가 정한 이름 그대로 테이블을 만드세요",
        "needs_scan": ("액세스 패턴 {pattern!r}에는 스캔이 필요합니다. 파티션 키가 {partition!r}{sort_part}인 키가 없습니다. "
                       "있는 키: {there}"),
        "needs_scan_hint": ("스캔은 테이블 전체를 읽습니다. 이 패턴이 묻는 키를 테이블이나 글로벌 보조 인덱스에 "
                            "주세요"),
        "sort_part": ", 정렬 키가 {sort!r}",
        "query_error": "액세스 패턴 {pattern!r}: {target}에 대한 쿼리가 실패했습니다: {error}",
        "query_error_hint": "키 속성의 유형(S 또는 N)이 항목에 든 값과 맞아야 합니다",
        "not_projected": "액세스 패턴 {pattern!r}: {target}이(가) {id_attribute!r}을(를) 돌려주지 않습니다 (프로젝션 {there})",
        "not_projected_hint": "인덱스는 프로젝션한 속성만 돌려줍니다. 패턴에 필요한 속성을 프로젝션하세요",
        "wrong_items": "액세스 패턴 {pattern!r}: {target}에 대한 쿼리가 {there}을(를) 돌려주었습니다. 기대값은 {want}입니다",
        "wrong_items_hint": ("기본 키가 같은 항목은 서로 덮어쓰고, 인덱스의 키 속성이 있는 항목만 그 인덱스에 "
                             "들어갑니다. 키와 써 넣은 항목을 확인하세요"),
        "pattern_ok": "액세스 패턴 {pattern!r}: {target}에 대한 쿼리가 {want}을(를) 돌려줍니다",
        "ttl_off": "테이블 {table_name!r}: TTL이 {there} 상태입니다. {attribute!r}에 대해 켜져 있어야 합니다",
        "ttl_attr": "테이블 {table_name!r}: TTL이 속성 {there}을(를) 씁니다. 기대값은 {attribute!r}입니다",
        "ttl_hint": "TTL은 테이블마다 켜며, 각 항목의 만료 시각이 든 속성을 지정합니다",
        "ttl_ok": "테이블 {table_name!r}: {attribute!r}에 대해 TTL이 켜져 있습니다",
        "the_table": "테이블",
        "the_index": "{kind} {index!r}",
    },
}


@dataclass(frozen=True)
class AccessPattern:
    """A question the application asks: equality on one attribute, optionally ordered or
    narrowed by a second (a prefix with ``begins_with``).

    A pattern with ``sort`` needs a key whose partition key is ``partition`` and whose sort key
    is ``sort``; without ``sort``, any key with that partition key answers it.
    """

    name: str
    partition: str
    value: str | int
    sort: str | None = None
    begins_with: str | None = None
    descending: bool = False

    def __post_init__(self):
        if self.begins_with is not None and self.sort is None:
            raise ValueError(f"access pattern {self.name!r}: begins_with narrows the sort key, so name sort= too")


@dataclass(frozen=True)
class Key:
    """A key the table offers: the table's own primary key (index None), a GSI's or an LSI's."""

    index: str | None
    partition: str
    sort: str | None
    projection: str = "ALL"
    projected: tuple[str, ...] = ()
    kind: str = "GSI"


def key_for(pattern: AccessPattern, keys: list[Key]) -> Key | None:
    """The first key (the table's first, then its indexes) that answers ``pattern`` with a Query, or None."""
    for key in keys:
        if key.partition == pattern.partition and (pattern.sort is None or key.sort == pattern.sort):
            return key
    return None


def access_pattern(table: str, pattern: AccessPattern, expected: list[str], *,
                   id_attribute: str = "id") -> CheckResult:
    """Check that ``pattern`` is answered by a Query on ``table`` or one of its indexes (GSI or LSI), returning
    the items whose ``id_attribute`` values are ``expected`` (in order, when the pattern has a sort key)."""
    name = "access_pattern"
    ddb = _ddb()
    described = _describe(name, ddb, table)
    if isinstance(described, CheckResult):
        return described
    keys, types = described
    key = key_for(pattern, keys)
    if key is None:
        there = [_show(k) for k in keys]
        sort_part = TEXT["en"]["sort_part"].format(sort=pattern.sort) if pattern.sort else ""
        result = failed(name, TEXT, "needs_scan", found=there, expected=(pattern.partition, pattern.sort),
                        hint="needs_scan_hint", see=_SEE["design"], pattern=pattern.name,
                        partition=pattern.partition, sort_part=sort_part, there=there)
        if pattern.sort:  # the Korean sentence has its own words for the sort key
            result = _with_korean(result, "needs_scan", pattern=pattern.name, partition=pattern.partition,
                                  sort_part=TEXT["ko"]["sort_part"].format(sort=pattern.sort), there=there)
        return result
    target_en, target_ko = _target(key)
    request = _query(table, key, pattern, types)
    items: list[dict] = []
    try:
        while True:
            page = ddb.query(**request)
            items += page.get("Items", [])
            if "LastEvaluatedKey" not in page:
                break
            request["ExclusiveStartKey"] = page["LastEvaluatedKey"]
    except _client_error() as err:
        error = err.response.get("Error", {}).get("Message", str(err))
        return _both(failed(name, TEXT, "query_error", found=error, expected=expected, hint="query_error_hint",
                            see=_SEE["keys"], pattern=pattern.name, target=target_en, error=error),
                     "query_error", target_ko, pattern=pattern.name, error=error)
    if any(id_attribute not in item for item in items):
        there = key.projection
        return _both(failed(name, TEXT, "not_projected", found=there, expected=id_attribute,
                            hint="not_projected_hint", see=_SEE["indexes"], pattern=pattern.name,
                            target=target_en, id_attribute=id_attribute, there=there),
                     "not_projected", target_ko, pattern=pattern.name, id_attribute=id_attribute, there=there)
    found = [_plain(item[id_attribute]) for item in items]
    ordered = pattern.sort is not None
    if (found if ordered else sorted(found)) != (list(expected) if ordered else sorted(expected)):
        return _both(failed(name, TEXT, "wrong_items", found=found, expected=list(expected),
                            hint="wrong_items_hint", see=_SEE["keys"], pattern=pattern.name, target=target_en,
                            there=found, want=list(expected)),
                     "wrong_items", target_ko, pattern=pattern.name, there=found, want=list(expected))
    return _both(passed(name, TEXT, "pattern_ok", found=found, expected=list(expected), pattern=pattern.name,
                        target=target_en, want=list(expected)),
                 "pattern_ok", target_ko, pattern=pattern.name, want=list(expected))


def time_to_live(table: str, attribute: str) -> CheckResult:
    """Check that time to live is enabled on ``table`` with expiry attribute ``attribute``."""
    name = "time_to_live"
    ddb = _ddb()
    try:
        ttl = ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
    except _client_error():
        there = _tables(ddb)
        return failed(name, TEXT, "table_missing", found=there, expected=table, hint="table_hint",
                      see=_SEE["design"], table_name=table, there=there)
    status = ttl.get("TimeToLiveStatus", "DISABLED")
    if status not in ("ENABLED", "ENABLING"):
        return failed(name, TEXT, "ttl_off", found=status, expected="ENABLED", hint="ttl_hint", see=_SEE["ttl"],
                      table_name=table, there=status, attribute=attribute)
    there = ttl.get("AttributeName")
    if there != attribute:
        return failed(name, TEXT, "ttl_attr", found=there, expected=attribute, hint="ttl_hint", see=_SEE["ttl"],
                      table_name=table, there=there, attribute=attribute)
    return passed(name, TEXT, "ttl_ok", found=there, expected=attribute, table_name=table, attribute=attribute)


# --- helpers -----------------------------------------------------------------


def _ddb():
    from labs.sandbox import check_client

    return check_client("dynamodb")


def _client_error():
    from botocore.exceptions import ClientError

    return ClientError


def _tables(ddb) -> list[str]:
    names: list[str] = []
    for page in ddb.get_paginator("list_tables").paginate():
        names += page.get("TableNames", [])
    return sorted(names)


def _key(schema: list[dict], index: str | None, projection: dict | None = None, kind: str = "GSI") -> Key:
    roles = {k["KeyType"]: k["AttributeName"] for k in schema}
    projection = projection or {"ProjectionType": "ALL"}
    return Key(index, roles.get("HASH"), roles.get("RANGE"), projection.get("ProjectionType", "ALL"),
               tuple(projection.get("NonKeyAttributes", ())), kind)


def _describe(name: str, ddb, table: str) -> tuple[list[Key], dict[str, str]] | CheckResult:
    try:
        described = ddb.describe_table(TableName=table)["Table"]
    except _client_error():
        there = _tables(ddb)
        return failed(name, TEXT, "table_missing", found=there, expected=table, hint="table_hint",
                      see=_SEE["design"], table_name=table, there=there)
    keys = [_key(described["KeySchema"], None)]
    keys += [_key(g["KeySchema"], g["IndexName"], g.get("Projection"), "LSI")
             for g in described.get("LocalSecondaryIndexes", [])]
    keys += [_key(g["KeySchema"], g["IndexName"], g.get("Projection"), "GSI")
             for g in described.get("GlobalSecondaryIndexes", [])]
    types = {a["AttributeName"]: a["AttributeType"] for a in described.get("AttributeDefinitions", [])}
    return keys, types


def _show(key: Key) -> str:
    where = "table" if key.index is None else f"{key.kind} {key.index}"
    return f"{where} ({key.partition}{', ' + key.sort if key.sort else ''})"


def _target(key: Key) -> tuple[str, str]:
    if key.index is None:
        return TEXT["en"]["the_table"], TEXT["ko"]["the_table"]
    return (TEXT["en"]["the_index"].format(kind=key.kind, index=key.index),
            TEXT["ko"]["the_index"].format(kind=key.kind, index=key.index))


def _typed(value, kind: str) -> dict:
    return {kind: str(value)} if kind in ("S", "N") else {"S": str(value)}


def _query(table: str, key: Key, pattern: AccessPattern, types: dict[str, str]) -> dict:
    names = {"#p": key.partition}
    values = {":p": _typed(pattern.value, types.get(key.partition, "S"))}
    condition = "#p = :p"
    if pattern.begins_with is not None and key.sort:
        names["#s"] = key.sort
        values[":s"] = _typed(pattern.begins_with, types.get(key.sort, "S"))
        condition += " AND begins_with(#s, :s)"
    request = {"TableName": table, "KeyConditionExpression": condition, "ExpressionAttributeNames": names,
               "ExpressionAttributeValues": values, "ScanIndexForward": not pattern.descending}
    if key.index is not None:
        request["IndexName"] = key.index
    return request


def _plain(value: dict):
    kind, raw = next(iter(value.items()))
    return raw


def _both(result: CheckResult, key: str, target_ko: str, **values) -> CheckResult:
    """Put the Korean name of the table or index into the Korean message."""
    return _with_korean(result, key, target=target_ko, **values)


def _with_korean(result: CheckResult, key: str, **values) -> CheckResult:
    from dataclasses import replace

    return replace(result, message_ko=TEXT["ko"][key].format(**values))
