"""Evaluate a request written as one plain dict, and load the scenario library."""

from __future__ import annotations

import json
from importlib import resources

from .decision import Decision
from .evaluation import evaluate

CASE_KEYS = ("request", "identity_policies", "resource_policy", "permissions_boundary",
             "scps", "rcps", "session_policy", "same_account")
REQUEST_KEYS = ("principal_arn", "action", "resource", "context", "session_issuer_arn")


class CaseError(ValueError):
    """A case that is not in the documented shape.

    Attributes:
        field: the key or input at fault, e.g. ``request.action`` or ``request context``.
        rule: what is wrong. line, column: 1-based position of a JSON syntax error, else ``None``.
    """

    def __init__(self, field: str, rule: str, *, line: int | None = None,
                 column: int | None = None):
        self.field = field
        self.rule = rule
        self.line = line
        self.column = column
        where = field if line is None else f"{field}, line {line} column {column}"
        super().__init__(f"{where}: {rule}")


def decode_context(text: str) -> dict:
    """Decode a request context typed as JSON text; blank text means no keys.

    >>> decode_context('{"aws:SourceIp": "203.0.113.7"}')
    {'aws:SourceIp': '203.0.113.7'}

    Raises:
        CaseError: ``field`` is ``"request context"``, with the line and column of a JSON
            syntax error, or the text is JSON but not an object.
    """
    if not text.strip():
        return {}
    try:
        value = json.loads(text)
    except json.JSONDecodeError as err:
        raise CaseError("request context", err.msg, line=err.lineno,
                        column=err.colno) from None
    if not isinstance(value, dict):
        raise CaseError("request context", 'must be a JSON object of context keys, e.g. '
                        '{"aws:SourceIp": "203.0.113.7"}')
    return value


def evaluate_case(case: dict) -> Decision:
    """Evaluate ``{"request": {...}, "identity_policies": [...], ...}``.

    Keys besides ``request`` are optional: ``identity_policies`` (list),
    ``resource_policy``, ``permissions_boundary``, ``session_policy`` (a policy or
    ``null``), ``scps`` and ``rcps`` (lists of levels, root first) and ``same_account``
    (default ``true``). ``request`` has ``principal_arn``, ``action``, ``resource`` and an
    optional ``context`` (the complete request context; lists for multivalued keys).

    Raises:
        CaseError: the dict is not in that shape. PolicyError: a policy is malformed.
    """
    if not isinstance(case, dict):
        raise CaseError("case", "must be an object")
    for key in case:
        if key not in CASE_KEYS:
            raise CaseError(key, "unknown key; expected " + ", ".join(CASE_KEYS))
    req = case.get("request")
    if not isinstance(req, dict):
        raise CaseError("request", "required: {principal_arn, action, resource, context}")
    for key in req:
        if key not in REQUEST_KEYS:
            raise CaseError(f"request.{key}", "unknown key; expected "
                            + ", ".join(REQUEST_KEYS))
    for key in ("principal_arn", "action", "resource"):
        if not isinstance(req.get(key), str) or not req[key]:
            raise CaseError(f"request.{key}", "required, a non-empty string")
    context = req.get("context") or {}
    if not isinstance(context, dict):
        raise CaseError("request.context", "must be an object of context keys")
    for key, value in context.items():
        if isinstance(value, list):
            if not all(isinstance(v, (str, int, float, bool)) for v in value):
                raise CaseError(f"request.context.{key}", "a list may hold only plain values")
        elif not isinstance(value, (str, int, float, bool)):
            raise CaseError(f"request.context.{key}", "must be a string, number, boolean "
                            "or a list of them")
    for key in ("identity_policies", "scps", "rcps"):
        if not isinstance(case.get(key, []), list):
            raise CaseError(key, "must be a list")
    same = case.get("same_account", True)
    if not isinstance(same, bool):
        raise CaseError("same_account", "must be true or false")
    return evaluate(
        req["principal_arn"], req["action"], req["resource"], context=context,
        identity_policies=case.get("identity_policies") or [],
        resource_policy=case.get("resource_policy"),
        permissions_boundary=case.get("permissions_boundary"),
        scps=case.get("scps") or [], rcps=case.get("rcps") or [],
        session_policy=case.get("session_policy"), same_account=same,
        session_issuer_arn=req.get("session_issuer_arn"))


def load_scenarios() -> list[dict]:
    """The course's scenario library (``course/data/iam_scenarios.json``), in order."""
    text = resources.files("course").joinpath("data/iam_scenarios.json").read_text("utf-8")
    return json.loads(text)["scenarios"]


def scenario_title(scenario: dict) -> str:
    """A scenario's title in the chapter's language (``title_ko`` in a Korean chapter)."""
    from course.i18n import language
    return scenario.get("title_ko") or scenario["title"] if language() == "ko" else scenario["title"]
