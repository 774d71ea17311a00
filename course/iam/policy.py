"""Parse and validate IAM policy JSON into plain dataclasses.

Checks run in the order that gives the most useful message first: JSON syntax, then the
top-level elements and ``Version``, then each statement in order (``Statement[0]``, ...).
Every problem raises :class:`PolicyError`, which names the policy, the statement, the
element and the rule; nothing is silently dropped.

Sources (as of 2026-11-27):
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_version.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from .words import words

VERSION_2012 = "2012-10-17"
VERSION_2008 = "2008-10-17"
# A policy without Version is read as 2008-10-17, where ${...} is literal text
# (IAM JSON policy elements: Version).
DEFAULT_VERSION = VERSION_2008

TOP_ELEMENTS = ("Version", "Id", "Statement")
STATEMENT_ELEMENTS = (
    "Sid", "Effect", "Principal", "NotPrincipal", "Action", "NotAction",
    "Resource", "NotResource", "Condition",
)

#: Policy kinds and the policy type each stands for in the IAM User Guide.
KINDS = {
    "identity": "identity-based policy",
    "resource": "resource-based policy",
    "trust": "role trust policy",
    "key": "KMS key policy",
    "boundary": "permissions boundary",
    "scp": "service control policy (SCP)",
    "rcp": "resource control policy (RCP)",
    "session": "session policy",
}
# Policies attached to a resource name who they apply to; the others must not.
_NEEDS_PRINCIPAL = {"resource", "trust", "key", "rcp"}
# A role trust policy has no Resource: the role it is attached to is the resource.
_NO_RESOURCE = {"trust"}

BASE_OPERATORS = {
    "StringEquals": "string", "StringNotEquals": "string",
    "StringEqualsIgnoreCase": "string", "StringNotEqualsIgnoreCase": "string",
    "StringLike": "string", "StringNotLike": "string",
    "NumericEquals": "numeric", "NumericNotEquals": "numeric",
    "NumericLessThan": "numeric", "NumericLessThanEquals": "numeric",
    "NumericGreaterThan": "numeric", "NumericGreaterThanEquals": "numeric",
    "DateEquals": "date", "DateNotEquals": "date",
    "DateLessThan": "date", "DateLessThanEquals": "date",
    "DateGreaterThan": "date", "DateGreaterThanEquals": "date",
    "Bool": "bool",
    "BinaryEquals": "binary",
    "IpAddress": "ip", "NotIpAddress": "ip",
    "ArnEquals": "arn", "ArnLike": "arn", "ArnNotEquals": "arn", "ArnNotLike": "arn",
    "Null": "null",
}
NEGATED_OPERATORS = {
    "StringNotEquals", "StringNotEqualsIgnoreCase", "StringNotLike", "NumericNotEquals",
    "DateNotEquals", "NotIpAddress", "ArnNotEquals", "ArnNotLike",
}
SET_QUALIFIERS = ("ForAnyValue", "ForAllValues")


class PolicyError(ValueError):
    """A policy document that IAM would reject, with where and why.

    Attributes:
        policy: the policy's name in the case, e.g. ``identity_policies[0]``.
        statement: index of the statement (``Statement[i]``) or ``None`` for the document.
        element: the policy element at fault (``Effect``, ``Condition``...) or ``None``.
        rule: the rule broken, in AWS's wording where it has one.
        line, column: 1-based position of a JSON syntax error, else ``None``.
    """

    def __init__(self, policy: str, rule: str, *, statement: int | None = None,
                 element: str | None = None, line: int | None = None,
                 column: int | None = None):
        self.policy = policy
        self.statement = statement
        self.element = element
        self.rule = rule
        self.line = line
        self.column = column
        super().__init__(self.location + ": " + rule)

    @property
    def location(self) -> str:
        """Where the problem is, e.g. ``identity_policies[0] Statement[1].Effect``."""
        where = self.policy
        if self.line is not None:
            where += words("err_line", line=self.line, column=self.column)
        if self.statement is not None:
            where += f" Statement[{self.statement}]"
            if self.element:
                where += f".{self.element}"
        elif self.element:
            where += f" {self.element}"
        return where


@dataclass(frozen=True)
class ConditionClause:
    """One ``operator: {key: values}`` pair of a Condition block."""

    operator: str          # as written, e.g. "ForAnyValue:StringLikeIfExists"
    base: str              # "StringLike"
    family: str            # "string", "numeric", ...
    qualifier: str | None  # "ForAnyValue", "ForAllValues" or None
    if_exists: bool
    negated: bool
    key: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class PrincipalSpec:
    """A Principal or NotPrincipal element: ``*`` or a map of kind -> values."""

    everyone: bool
    entries: tuple[tuple[str, str], ...] = ()  # ("AWS", "arn:..."), ("Service", "...")


@dataclass(frozen=True)
class Statement:
    index: int
    sid: str | None
    effect: str
    actions: tuple[str, ...] | None
    not_actions: tuple[str, ...] | None
    resources: tuple[str, ...] | None
    not_resources: tuple[str, ...] | None
    principal: PrincipalSpec | None
    not_principal: PrincipalSpec | None
    conditions: tuple[ConditionClause, ...] = ()

    @property
    def label(self) -> str:
        """``Statement[2]`` plus the Sid when there is one."""
        return f"Statement[{self.index}]" + (f" ({self.sid})" if self.sid else "")


@dataclass(frozen=True)
class Policy:
    name: str
    kind: str
    version: str
    statements: tuple[Statement, ...]
    id: str | None = None
    document: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def kind_label(self) -> str:
        return words(f"kind_{self.kind}")


def parse_policy(source: str | dict, name: str, kind: str = "identity") -> Policy:
    """Parse one policy document and check it against the IAM policy grammar.

    Args:
        source: the JSON text, or an already-decoded dict.
        name: how errors and traces name the policy, e.g. ``"identity_policies[0]"``.
        kind: one of :data:`KINDS` (decides whether Principal/Resource are required).

    Returns:
        A :class:`Policy`.

    Raises:
        PolicyError: bad JSON, unknown element or operator, wrong Effect, missing Resource...

    >>> p = parse_policy('{"Version": "2012-10-17", "Statement": {"Effect": "Allow",'
    ...                  ' "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}}', "p")
    >>> p.statements[0].actions
    ('s3:GetObject',)
    """
    if kind not in KINDS:
        raise ValueError(f"unknown policy kind {kind!r}; expected one of {sorted(KINDS)}")
    doc = _decode(source, name)
    if not isinstance(doc, dict):
        raise PolicyError(name, words("err_not_object", shape="{...}"))
    for key in doc:
        if key not in TOP_ELEMENTS:
            raise PolicyError(name, words("err_top_element", key=repr(key), allowed=", ".join(TOP_ELEMENTS)), element=key)
    version = doc.get("Version", DEFAULT_VERSION)
    if version not in (VERSION_2012, VERSION_2008):
        raise PolicyError(name, words("err_version", version=repr(version), current=VERSION_2012, old=VERSION_2008), element="Version")
    if "Statement" not in doc:
        raise PolicyError(name, words("err_no_statement"), element="Statement")
    raw = doc["Statement"]
    raw_list = [raw] if isinstance(raw, dict) else raw
    if not isinstance(raw_list, list) or not raw_list:
        raise PolicyError(name, words("err_statement_list"),
                          element="Statement")
    statements = tuple(_parse_statement(s, i, name, kind) for i, s in enumerate(raw_list))
    sids = [s.sid for s in statements if s.sid]
    if len(sids) != len(set(sids)):
        raise PolicyError(name, words("err_sid_unique"),
                          element="Sid")
    return Policy(name=name, kind=kind, version=version, statements=statements,
                  id=doc.get("Id"), document=doc)


def decode_json(text: str, name: str) -> Any:
    """Decode one editor's JSON text; empty text means "none" (``None``).

    Raises:
        PolicyError: with the line and column of the syntax error.
    """
    if not text.strip():
        return None
    return _decode(text, name)


def _decode(source: str | dict, name: str) -> Any:
    if isinstance(source, (dict, list)):
        return source
    if not isinstance(source, str):
        raise PolicyError(name, words("err_source", got=type(source).__name__))
    try:
        return json.loads(source)
    except json.JSONDecodeError as err:
        raise PolicyError(name, words("err_syntax", msg=err.msg),
                          line=err.lineno, column=err.colno) from None


def _parse_statement(raw: Any, i: int, name: str, kind: str) -> Statement:
    def fail(rule: str, element: str | None = None) -> PolicyError:
        return PolicyError(name, rule, statement=i, element=element)

    if not isinstance(raw, dict):
        raise fail(words("err_statement_object"))
    for key in raw:
        if key not in STATEMENT_ELEMENTS:
            raise fail(words("err_element", key=repr(key), allowed=", ".join(STATEMENT_ELEMENTS)), key)
    if "Effect" not in raw:
        raise fail(words("err_no_effect"), "Effect")
    effect = raw["Effect"]
    if effect not in ("Allow", "Deny"):
        # Effect is case-sensitive: "allow" is rejected like "Allowz".
        raise fail(words("err_effect", effect=repr(effect)),
                   "Effect")
    sid = raw.get("Sid")
    if sid is not None and not isinstance(sid, str):
        raise fail(words("err_sid"), "Sid")

    actions, not_actions = _pair(raw, "Action", "NotAction", fail)
    if actions is None and not_actions is None:
        raise fail(words("err_no_actions"), "Action")
    for a in (actions or not_actions):
        if a != "*" and ":" not in a:
            raise fail(words("err_vendor", action=repr(a)), "Action" if actions else "NotAction")

    resources, not_resources = _pair(raw, "Resource", "NotResource", fail)
    if kind in _NO_RESOURCE:
        if resources is not None or not_resources is not None:
            raise fail(words("err_no_resource_allowed"), "Resource")
    elif resources is None and not_resources is None:
        raise fail(words("err_no_resources"), "Resource")

    principal = not_principal = None
    if "Principal" in raw and "NotPrincipal" in raw:
        raise fail(words("err_both", yes="Principal", no="NotPrincipal"), "Principal")
    if kind in _NEEDS_PRINCIPAL:
        if "Principal" not in raw and "NotPrincipal" not in raw:
            raise fail(words("err_needs_principal", kind=words(f"kind_{kind}")), "Principal")
    elif "Principal" in raw or "NotPrincipal" in raw:
        element = "Principal" if "Principal" in raw else "NotPrincipal"
        raise fail(words("err_prohibited_principal", element=element, kind=words(f"kind_{kind}")), element)
    if "Principal" in raw:
        principal = _parse_principal(raw["Principal"], fail, "Principal")
    if "NotPrincipal" in raw:
        not_principal = _parse_principal(raw["NotPrincipal"], fail, "NotPrincipal")
    if not_principal is not None:
        if effect != "Deny":
            raise fail(words("err_notprincipal_allow"), "NotPrincipal")
        if kind in ("trust", "rcp"):
            raise fail(words("err_notprincipal_kind", kind=words(f"kind_{kind}")), "NotPrincipal")
    if kind == "rcp":
        if not (principal and principal.everyone):
            # RCP syntax: the Principal element only supports "*".
            raise fail(words("err_rcp_principal"), "Principal")
        if effect == "Allow" and (actions != ("*",) or resources != ("*",)):
            raise fail(words("err_rcp_allow"),
                       "Effect")

    conditions = _parse_conditions(raw.get("Condition"), fail) if "Condition" in raw else ()
    return Statement(index=i, sid=sid, effect=effect, actions=actions,
                     not_actions=not_actions, resources=resources,
                     not_resources=not_resources, principal=principal,
                     not_principal=not_principal, conditions=conditions)


def _pair(raw: dict, yes: str, no: str, fail) -> tuple:
    if yes in raw and no in raw:
        raise fail(words("err_both", yes=yes, no=no), yes)
    out = []
    for key in (yes, no):
        if key not in raw:
            out.append(None)
            continue
        out.append(_strings(raw[key], key, fail))
    return tuple(out)


def _strings(value: Any, element: str, fail) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items or not all(isinstance(v, str) for v in items):
        raise fail(words("err_strings", element=element), element)
    if any(v == "" for v in items):
        raise fail(words("err_empty_string", element=element), element)
    return tuple(items)


def _parse_principal(value: Any, fail, element: str) -> PrincipalSpec:
    if value == "*":
        return PrincipalSpec(everyone=True)
    if not isinstance(value, dict) or not value:
        raise fail(words("err_principal_shape", element=element), element)
    entries = []
    for kind, ids in value.items():
        if kind not in ("AWS", "Service", "Federated", "CanonicalUser"):
            raise fail(words("err_principal_type", kind=repr(kind)), element)
        for ident in _strings(ids, element, fail):
            if ident == "*" and kind == "AWS":
                return PrincipalSpec(everyone=True)
            if "*" in ident or "?" in ident:
                # Principal element: wildcards cannot match part of a name or ARN.
                raise fail(words("err_principal_wildcard", ident=repr(ident)), element)
            entries.append((kind, ident))
    return PrincipalSpec(everyone=False, entries=tuple(entries))


def split_operator(operator: str) -> tuple[str | None, str, bool]:
    """Split ``ForAnyValue:StringLikeIfExists`` into (qualifier, base, if_exists)."""
    qualifier = None
    rest = operator
    if ":" in operator:
        qualifier, rest = operator.split(":", 1)
    if_exists = rest.endswith("IfExists")
    base = rest[: -len("IfExists")] if if_exists else rest
    return qualifier, base, if_exists


def _parse_conditions(block: Any, fail) -> tuple[ConditionClause, ...]:
    if not isinstance(block, dict) or not block:
        raise fail(words("err_condition_shape", shape="{operator: {key: value}}"), "Condition")
    clauses = []
    for operator, keys in block.items():
        qualifier, base, if_exists = split_operator(operator)
        if qualifier is not None and qualifier not in SET_QUALIFIERS:
            raise fail(words("err_set_operator", qualifier=repr(qualifier), operator=repr(operator)), "Condition")
        if base not in BASE_OPERATORS:
            raise fail(words("err_operator", operator=repr(operator)), "Condition")
        if base == "Null" and if_exists:
            raise fail(words("err_null_ifexists"), "Condition")
        if not isinstance(keys, dict) or not keys:
            raise fail(words("err_keys", operator=operator), "Condition")
        for key, values in keys.items():
            vals = values if isinstance(values, list) else [values]
            if not vals or not all(isinstance(v, (str, int, float, bool)) for v in vals):
                raise fail(words("err_values", operator=operator, key=key),
                           "Condition")
            clauses.append(ConditionClause(
                operator=operator, base=base, family=BASE_OPERATORS[base],
                qualifier=qualifier, if_exists=if_exists, negated=base in NEGATED_OPERATORS,
                key=key, values=tuple(_text(v) for v in vals)))
    return tuple(clauses)


def _text(value: Any) -> str:
    # JSON true/false in a policy compare as the strings "true"/"false".
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
