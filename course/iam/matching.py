"""Match Action, Resource and Principal elements, and expand policy variables.

Sources (checked 2026-11-27):
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html
https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .policy import VERSION_2012, PrincipalSpec

_VARIABLE = re.compile(r"\$\{([^}]*)\}")
_SPECIAL = {"*": "*", "?": "?", "$": "$"}


class UnresolvedVariable(Exception):
    """A ``${key}`` whose key is not in the request context and has no default."""

    def __init__(self, variable: str):
        self.variable = variable
        super().__init__(variable)


def expand(text: str, context: dict, version: str) -> list[tuple[str, bool]]:
    """Substitute policy variables; return pieces as (text, is_literal).

    Only Version 2012-10-17 knows variables; under 2008-10-17 ``${aws:username}``
    is plain text. Values from the context and the ``${*}``, ``${?}``, ``${$}``
    specials are literal: a ``*`` that came from a variable is not a wildcard.

    Raises:
        UnresolvedVariable: the key is absent and the variable has no ``'default'``.

    >>> expand("home/${aws:username}/*", {"aws:username": "alice"}, "2012-10-17")
    [('home/', False), ('alice', True), ('/*', False)]
    """
    if version != VERSION_2012 or "${" not in text:
        return [(text, False)]
    pieces: list[tuple[str, bool]] = []
    pos = 0
    for m in _VARIABLE.finditer(text):
        if m.start() > pos:
            pieces.append((text[pos:m.start()], False))
        pieces.append((_resolve(m.group(1), context, m.group(0)), True))
        pos = m.end()
    if pos < len(text):
        pieces.append((text[pos:], False))
    return pieces


def _resolve(inner: str, context: dict, whole: str) -> str:
    if inner in _SPECIAL:
        return _SPECIAL[inner]
    key, default = inner, None
    # Default values: ${aws:username, 'anonymous'} (comma, space, single quotes).
    m = re.fullmatch(r"\s*([^,]+?)\s*,\s*'([^']*)'\s*", inner)
    if m:
        key, default = m.group(1), m.group(2)
    value = lookup(context, key.strip())
    if value is None or isinstance(value, list):
        # Multivalued keys cannot be used as policy variables.
        if default is not None:
            return default
        raise UnresolvedVariable(whole)
    return value


def lookup(context: dict, key: str):
    """Value of a context key, matching the key name without case; ``None`` if absent."""
    if key in context:
        return context[key]
    lowered = key.lower()
    for k, v in context.items():
        if k.lower() == lowered:
            return v
    return None


def joined(pieces: list[tuple[str, bool]]) -> str:
    return "".join(text for text, _ in pieces)


@lru_cache(maxsize=4096)
def _glob_regex(pattern: str, ignore_case: bool) -> re.Pattern:
    body = "".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in pattern)
    return re.compile(body, re.IGNORECASE | re.DOTALL if ignore_case else re.DOTALL)


def pieces_regex(pieces: list[tuple[str, bool]], *, ignore_case: bool = False,
                 arn_segments: bool = False) -> re.Pattern:
    """Regex for a wildcard pattern; literal pieces never act as wildcards."""
    out = []
    for text, literal in pieces:
        if literal:
            out.append(re.escape(text))
            continue
        for j, c in enumerate(text):
            if c == "*":
                # A * at the end of an ARN segment may match beyond the colon; inside a
                # segment it stays within it (Resource element: wildcards in ARNs).
                at_end = j + 1 == len(text) or text[j + 1] == ":"
                out.append(".*" if not arn_segments or at_end else "[^:]*")
            elif c == "?":
                out.append(".")
            else:
                out.append(re.escape(c))
    flags = re.DOTALL | (re.IGNORECASE if ignore_case else 0)
    return re.compile("".join(out), flags)


def action_matches(pattern: str, action: str) -> bool:
    """Action names match without case; ``*`` and ``?`` are wildcards.

    >>> action_matches("s3:Get*", "S3:getobject")
    True
    """
    return _glob_regex(pattern, True).fullmatch(action) is not None


@lru_cache(maxsize=4096)
def _resource_regex(pattern: str) -> re.Pattern:
    return pieces_regex([(pattern, False)], arn_segments=True)


def resource_matches(pattern: str, arn: str, context: dict, version: str) -> bool:
    """ARNs match with case. ``arn:aws:s3:::bucket/*`` does not match ``arn:aws:s3:::bucket``.

    Raises:
        UnresolvedVariable: from :func:`expand`.

    >>> resource_matches("arn:aws:s3:::reports/*", "arn:aws:s3:::reports", {}, "2012-10-17")
    False
    """
    if pattern == "*":
        return True
    pieces = expand(pattern, context, version)
    if len(pieces) == 1 and not pieces[0][1]:
        return _resource_regex(pattern).fullmatch(arn) is not None
    return pieces_regex(pieces, arn_segments=True).fullmatch(arn) is not None


# ---------------------------------------------------------------- principals

@dataclass(frozen=True)
class Caller:
    """Who sent the request, derived from ``principal_arn`` (never from the context)."""

    arn: str
    type: str            # user, role, role-session, federated-session, root, service, anonymous
    account: str | None
    role_arn: str | None = None      # the role behind a role session
    issuer_arn: str | None = None    # the role or IAM user that issued the session

    @property
    def is_session(self) -> bool:
        return self.type in ("role-session", "federated-session")


_IAM_ARN = re.compile(r"arn:(?P<part>[\w-]+):(?P<svc>iam|sts)::(?P<acct>\d{12}):(?P<res>.+)")


def parse_caller(principal_arn: str, issuer_arn: str | None = None) -> Caller:
    """Classify the request's principal.

    >>> parse_caller("arn:aws:sts::111122223333:assumed-role/Dev/alice").role_arn
    'arn:aws:iam::111122223333:role/Dev'
    """
    if principal_arn in ("*", "anonymous"):
        return Caller(principal_arn, "anonymous", None)
    if principal_arn.endswith(".amazonaws.com") and ":" not in principal_arn:
        return Caller(principal_arn, "service", None)
    m = _IAM_ARN.fullmatch(principal_arn)
    if not m:
        raise ValueError(
            f"principal_arn {principal_arn!r} is not an IAM or STS principal ARN such as "
            "arn:aws:iam::111122223333:user/alice, a service principal such as "
            "ec2.amazonaws.com, or 'anonymous'")
    part, svc, acct, res = m.group("part", "svc", "acct", "res")
    if svc == "iam" and res == "root":
        return Caller(principal_arn, "root", acct)
    if svc == "iam" and res.startswith("user/"):
        return Caller(principal_arn, "user", acct)
    if svc == "iam" and res.startswith("role/"):
        return Caller(principal_arn, "role", acct, role_arn=principal_arn)
    if svc == "sts" and res.startswith("assumed-role/") and res.count("/") >= 2:
        role_name = res.split("/")[1]
        role_arn = f"arn:{part}:iam::{acct}:role/{role_name}"
        return Caller(principal_arn, "role-session", acct, role_arn=role_arn,
                      issuer_arn=issuer_arn or role_arn)
    if svc == "sts" and res.startswith("federated-user/"):
        return Caller(principal_arn, "federated-session", acct, issuer_arn=issuer_arn)
    raise ValueError(f"principal_arn {principal_arn!r}: unsupported principal type {res!r}")


def _account_of(ident: str) -> str | None:
    if re.fullmatch(r"\d{12}", ident):
        return ident
    m = re.fullmatch(r"arn:[\w-]+:iam::(\d{12}):root", ident)
    return m.group(1) if m else None


def _same_role(ident: str, role_arn: str | None) -> bool:
    # A role ARN with a path (role/team/Dev) still names role Dev of that account.
    if not role_arn:
        return False
    m = re.fullmatch(r"arn:([\w-]+):iam::(\d{12}):role/(?:.*/)?([^/]+)", ident)
    r = re.fullmatch(r"arn:([\w-]+):iam::(\d{12}):role/(?:.*/)?([^/]+)", role_arn)
    return bool(m and r and m.groups() == r.groups())


def principal_match(spec: PrincipalSpec, caller: Caller) -> str | None:
    """How a Principal element names the caller, or ``None`` if it does not.

    Returns one of ``"everyone"`` (``*``), ``"exact"`` (the caller's own ARN),
    ``"role"`` (the role behind a role session), ``"issuer"`` (the IAM user behind a
    federated session), ``"account"`` (the account: delegates to identity policies),
    ``"service"``.
    """
    if spec.everyone:
        return "everyone"
    best = None
    rank = {"exact": 0, "role": 1, "issuer": 2, "service": 0, "account": 3}
    for kind, ident in spec.entries:
        found = None
        if kind == "Service" and caller.type == "service" and ident == caller.arn:
            found = "service"
        elif kind == "AWS" and caller.type not in ("service", "anonymous"):
            if ident == caller.arn:
                found = "exact"
            elif caller.type in ("role-session", "role") and _same_role(ident, caller.role_arn):
                found = "role"
            elif caller.type == "federated-session" and ident == caller.issuer_arn:
                found = "issuer"
            elif _account_of(ident) is not None and _account_of(ident) == caller.account:
                found = "account"
        if found and (best is None or rank[found] < rank[best]):
            best = found
    return best


def not_principal_excludes(spec: PrincipalSpec, caller: Caller) -> bool:
    """Whether NotPrincipal lists the caller, so the statement does not apply to it.

    AWS checks every principal the request carries: the session, the role behind it and
    the account. The caller is excluded only when all of them are listed (NotPrincipal
    element: list the account ARN too).
    """
    if spec.everyone:
        return True
    if caller.type in ("service", "anonymous"):
        return caller.type == "service" and ("Service", caller.arn) in spec.entries
    idents = {ident for kind, ident in spec.entries if kind == "AWS"}
    needed = [caller.arn]
    if caller.type == "role-session" and caller.role_arn:
        needed.append(caller.role_arn)
    if caller.account and caller.type != "root":
        needed.append(f"arn:aws:iam::{caller.account}:root")

    def listed(arn: str) -> bool:
        if arn in idents:
            return True
        acct = _account_of(arn)
        if acct and acct in idents:
            return True
        return any(_same_role(i, arn) for i in idents) if ":role/" in arn else False

    return all(listed(a) for a in needed)
