"""Evaluate Condition clauses against the request context.

Rules followed (IAM User Guide, as of 2026-11-27):

* A key absent from the context does not match, so the condition is false; for a negated
  operator (``StringNotLike``...) it is true; ``...IfExists`` is true; ``Null`` tests
  presence (reference_policies_elements_condition_operators.html).
* Several values for one key are OR'd; for a negated operator they are NOR'd; several keys
  and several operators are AND'd (reference_policies_multi-value-conditions.html).
* ``ForAllValues`` is true when every request value matches some policy value, and also
  when the key is absent or empty; ``ForAnyValue`` needs at least one match and is false
  when the key is absent (reference_policies_condition-single-vs-multi-valued-context-keys.html).
* Policy variables work in String, ARN and Bool values (Version 2012-10-17 only).

The context is never extended: keys the request did not carry stay absent.
"""

from __future__ import annotations

import base64
import binascii
import ipaddress
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from .matching import UnresolvedVariable, expand, joined, lookup, pieces_regex
from .policy import ConditionClause
from .words import words

_VARIABLE_FAMILIES = {"string", "arn", "bool"}


@dataclass(frozen=True)
class ConditionResult:
    """One clause's verdict, for the trace."""

    operator: str
    key: str
    policy_values: tuple[str, ...]
    request_value: object          # str, list of str, or None when absent
    matched: bool
    note: str


def evaluate_clause(clause: ConditionClause, context: dict, version: str) -> ConditionResult:
    """Evaluate one ``operator: {key: values}`` clause.

    >>> from course.iam.policy import parse_policy
    >>> s = parse_policy({"Version": "2012-10-17", "Statement": {"Effect": "Allow",
    ...     "Action": "s3:*", "Resource": "*",
    ...     "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}}, "p").statements[0]
    >>> evaluate_clause(s.conditions[0], {"aws:SourceIp": "203.0.113.7"}, "2012-10-17").matched
    True
    """
    raw = lookup(context, clause.key)
    values = _as_list(raw)
    done = lambda ok, note: ConditionResult(clause.operator, clause.key, clause.values,
                                            raw, ok, note)

    if clause.base == "Null":
        absent = values is None or len(values) == 0
        want = [v.lower() == "true" for v in clause.values]
        ok = any(absent == w for w in want)
        return done(ok, words("key_absent_or_present", state=words("absent") if absent else words("present")))

    if values is None or (len(values) == 0 and clause.qualifier is None):
        if clause.qualifier == "ForAllValues":
            return done(True, words("forall_empty"))
        if clause.qualifier == "ForAnyValue":
            return done(clause.if_exists, words("forany_absent")
                        + (words("ifexists_true") if clause.if_exists else ""))
        if clause.if_exists:
            return done(True, words("ifexists_absent"))
        if clause.negated:
            return done(True, words("negated_absent"))
        return done(False, words("key_absent"))
    if len(values) == 0:
        ok = clause.qualifier == "ForAllValues"
        return done(ok, words("no_values", qualifier=clause.qualifier, ok=ok))

    try:
        patterns = _policy_values(clause, context, version)
    except UnresolvedVariable as err:
        return done(False, words("cond_unresolved", variable=err.variable))

    def positive(v: str) -> bool:
        return any(_compare(clause, v, p) for p in patterns)

    def per_value(v: str) -> bool:
        return not positive(v) if clause.negated else positive(v)

    if clause.qualifier == "ForAllValues":
        ok = all(per_value(v) for v in values)
        note = (words("every_matches_none") if clause.negated else words("every_matches_one")) if ok \
            else words("some_fails")
    elif clause.qualifier == "ForAnyValue":
        ok = any(per_value(v) for v in values)
        note = words("one_satisfies") if ok else words("none_satisfies")
    else:
        hit = any(positive(v) for v in values)
        ok = not hit if clause.negated else hit
        if clause.negated:
            note = words("nor_ok") if ok else words("nor_fails")
        else:
            note = words("or_ok") if ok else words("or_fails")
    return done(ok, note)


def _as_list(raw) -> list[str] | None:
    if raw is None:
        return None
    if isinstance(raw, (list, tuple)):
        return [_text(v) for v in raw]
    return [_text(raw)]


def _text(v) -> str:
    if isinstance(v, bool):
        return "true" if v else "false"
    return str(v)


def _policy_values(clause: ConditionClause, context: dict, version: str) -> list:
    if clause.family not in _VARIABLE_FAMILIES:
        return [[(v, False)] for v in clause.values]
    return [expand(v, context, version) for v in clause.values]


def _compare(clause: ConditionClause, value: str, pieces) -> bool:
    base, family = clause.base, clause.family
    if family == "string":
        if base in ("StringLike", "StringNotLike"):
            return pieces_regex(pieces).fullmatch(value) is not None
        text = joined(pieces)
        if "IgnoreCase" in base:
            return value.casefold() == text.casefold()
        return value == text
    if family == "arn":
        return _arn_like(value, pieces)
    if family == "bool":
        return value.lower() == joined(pieces).lower()
    text = joined(pieces)
    if family == "numeric":
        a, b = _number(value), _number(text)
        return a is not None and b is not None and _order(base, a, b)
    if family == "date":
        a, b = _date(value), _date(text)
        return a is not None and b is not None and _order(base, a, b)
    if family == "binary":
        return _bytes(value) == _bytes(text)
    if family == "ip":
        address, network = _address(value), _network(text)
        return address is not None and network is not None and address in network
    raise AssertionError(family)


@lru_cache(maxsize=1024)
def _network(text: str):
    # An address without a prefix means /32 (IP address condition operators).
    try:
        return ipaddress.ip_network(text.strip(), strict=False)
    except ValueError:
        return None


@lru_cache(maxsize=1024)
def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _order(base: str, a, b) -> bool:
    for suffix, test in (("GreaterThanEquals", a >= b), ("LessThanEquals", a <= b),
                         ("GreaterThan", a > b), ("LessThan", a < b)):
        if base.endswith(suffix):
            return test
    return a == b  # Equals and NotEquals (the negation is applied by the caller)


def _arn_like(value: str, pieces) -> bool:
    # ArnLike checks each of the six colon-delimited parts separately: a * never
    # spans a colon (unlike StringLike).
    pattern_parts = _split_pieces(pieces)
    value_parts = value.split(":", 5)
    if len(pattern_parts) != len(value_parts):
        return False
    return all(pieces_regex(p).fullmatch(v) is not None
               for p, v in zip(pattern_parts, value_parts))


def _split_pieces(pieces) -> list:
    parts: list[list] = [[]]
    for text, literal in pieces:
        if literal:
            parts[-1].append((text, True))
            continue
        chunks = text.split(":")
        for j, chunk in enumerate(chunks):
            if j:
                if len(parts) < 6:
                    parts.append([])
                else:
                    parts[-1].append((":", True))
            parts[-1].append((chunk, False))
    return parts


def _number(text: str):
    try:
        return Decimal(text.strip())
    except (InvalidOperation, AttributeError):
        return None


def _date(text: str):
    text = text.strip()
    if text.lstrip("-").isdigit() and len(text) > 4:
        return datetime.fromtimestamp(int(text), tz=timezone.utc)  # epoch (UNIX) time
    iso = text.replace("Z", "+00:00").replace("z", "+00:00")
    if len(iso) == 4 and iso.isdigit():
        iso += "-01-01"
    elif len(iso) == 7:
        iso += "-01"
    try:
        d = datetime.fromisoformat(iso)
    except ValueError:
        return None
    return d if d.tzinfo else d.replace(tzinfo=timezone.utc)


def _bytes(text: str) -> bytes:
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return text.encode()
