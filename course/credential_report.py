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

from course.i18n import text

ROOT = "<root_account>"
TEXT = {
    "en": {
        "bad_flag": "line {line}, column {column}: expected true or false, got {value}",
        "no_column": "line 1: the header has no column {columns}",
        "root_key": "root user has an active access key",
        "root_key_fix": "delete it; the root user should have no access keys",
        "root_mfa": "root user without MFA",
        "root_mfa_fix": "turn on MFA for the root user",
        "password_mfa": "console password without MFA",
        "password_mfa_fix": "require MFA for this user",
        "keys_one": "{n} active long-term access key",
        "keys_many": "{n} active long-term access keys",
        "keys_fix": "prefer temporary credentials (a role or IAM Identity Center); otherwise rotate it and "
                    "delete it when unused",
    },
    "ko": {
        "bad_flag": "{line}행, 열 {column}: true나 false가 와야 하는데 {value}이(가) 왔습니다",
        "no_column": "1행: 헤더에 열 {columns}이(가) 없습니다",
        "root_key": "루트 사용자에게 활성 액세스 키가 있음",
        "root_key_fix": "키를 삭제하세요. 루트 사용자에게는 액세스 키가 없어야 합니다",
        "root_mfa": "MFA가 없는 루트 사용자",
        "root_mfa_fix": "루트 사용자의 MFA를 켜세요",
        "password_mfa": "MFA 없는 콘솔 암호",
        "password_mfa_fix": "이 사용자에게 MFA를 요구하세요",
        "keys_one": "활성 장기 액세스 키 {n}개",
        "keys_many": "활성 장기 액세스 키 {n}개",
        "keys_fix": "임시 자격 증명(역할 또는 IAM Identity Center)을 쓰세요. 그럴 수 없다면 키를 교체하고 "
                    "쓰지 않을 때는 삭제하세요",
    },
}
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
    raise CredentialReportError(text(TEXT, "bad_flag", line=line, column=repr(column), value=repr(value)))


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
        raise CredentialReportError(text(TEXT, "no_column", columns=", ".join(map(repr, missing))))
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
                out.append(Finding(row.user, text(TEXT, "root_key"), text(TEXT, "root_key_fix")))
            if row.mfa_active is False:
                out.append(Finding(row.user, text(TEXT, "root_mfa"), text(TEXT, "root_mfa_fix")))
            continue
        if row.password_enabled and row.mfa_active is False:
            out.append(Finding(row.user, text(TEXT, "password_mfa"), text(TEXT, "password_mfa_fix")))
        if keys:
            out.append(Finding(row.user, text(TEXT, "keys_one" if keys == 1 else "keys_many", n=keys),
                               text(TEXT, "keys_fix")))
    return out
