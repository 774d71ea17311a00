"""Read an IAM credential report (CSV) and point out the risky rows.

`iam.get_credential_report()` returns the report as CSV bytes: one row per IAM user plus
the root user, whose name is ``<root_account>``. Columns are documented in the IAM User
Guide (https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html).
Boolean columns hold ``true``/``false``; some hold ``N/A`` or ``not_supported`` instead
(for example ``password_enabled`` of the root user), which this module reads as ``None``.

>>> rows = parse_credential_report(
...     "user,arn,password_enabled,mfa_active,access_key_1_active,access_key_2_active\\n"
...     "mina,arn:aws:iam::123456789012:user/mina,true,false,false,false\\n")
>>> [f.problem for f in findings(rows)]
['console password without MFA']
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

ROOT = "<root_account>"
REQUIRED = ("user", "arn", "password_enabled", "mfa_active", "access_key_1_active", "access_key_2_active")


class CredentialReportError(ValueError):
    """The text is not a credential report; the message says which line or column."""


@dataclass(frozen=True)
class CredentialRow:
    """One identity of the report. ``None`` means the report said N/A or not_supported."""

    user: str
    arn: str
    password_enabled: bool | None
    mfa_active: bool | None
    access_keys_active: tuple[bool | None, bool | None]

    @property
    def is_root(self) -> bool:
        return self.user == ROOT


@dataclass(frozen=True)
class Finding:
    """A row that breaks an IAM best practice, and what to do about it."""

    user: str
    problem: str
    fix: str


def _flag(value: str, column: str, line: int) -> bool | None:
    value = value.strip().lower()
    if value == "true":
        return True
    if value == "false":
        return False
    if value in ("n/a", "not_supported", "no_information", ""):
        return None
    raise CredentialReportError(f"line {line}, column {column!r}: expected true or false, got {value!r}")


def parse_credential_report(content: str | bytes) -> tuple[CredentialRow, ...]:
    """The rows of a credential report, as returned in ``get_credential_report()["Content"]``.

    Raises:
        CredentialReportError: the header lacks a required column, or a cell is not a flag.
    """
    if isinstance(content, bytes):
        content = content.decode("utf-8")
    reader = csv.DictReader(io.StringIO(content))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise CredentialReportError(f"line 1: the header has no column {', '.join(map(repr, missing))}")
    rows = []
    for line, raw in enumerate(reader, start=2):
        rows.append(CredentialRow(
            user=raw["user"],
            arn=raw["arn"],
            password_enabled=_flag(raw["password_enabled"], "password_enabled", line),
            mfa_active=_flag(raw["mfa_active"], "mfa_active", line),
            access_keys_active=(_flag(raw["access_key_1_active"], "access_key_1_active", line),
                                _flag(raw["access_key_2_active"], "access_key_2_active", line)),
        ))
    return tuple(rows)


def findings(rows: tuple[CredentialRow, ...] | list[CredentialRow]) -> list[Finding]:
    """What breaks AWS's IAM best practices in ``rows``, in report order."""
    out = []
    for row in rows:
        keys = sum(1 for k in row.access_keys_active if k)
        if row.is_root:
            if keys:
                out.append(Finding(row.user, "root user has an active access key",
                                   "delete it; the root user should have no access keys"))
            if row.mfa_active is False:
                out.append(Finding(row.user, "root user without MFA", "turn on MFA for the root user"))
            continue
        if row.password_enabled and row.mfa_active is False:
            out.append(Finding(row.user, "console password without MFA", "require MFA for this user"))
        if keys:
            out.append(Finding(row.user, f"{keys} active long-term access key{'s' if keys > 1 else ''}",
                               "prefer temporary credentials (a role or IAM Identity Center); "
                               "otherwise rotate it and delete it when unused"))
    return out
