"""Which AWS services are global, Regional or zonal, from a sourced table.

>>> scope_of("iam").scope
'global'
>>> sort_services(["s3", "iam", "ec2"])
{'global': ['iam'], 'regional': ['s3'], 'zonal': ['ec2']}
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from importlib import resources

from course.i18n import localized, text

SCOPES = ("global", "regional", "zonal")
TEXT = {
    "en": {"unknown": "{service} is not in the table; known: {known}"},
    "ko": {"unknown": "{service}은(는) 표에 없습니다. 표에 있는 것: {known}"},
}


class UnknownServiceError(ValueError):
    """The service is not in the table; the message lists the ones that are."""


@dataclass(frozen=True)
class ServiceScope:
    """One row; ``name`` and ``note`` are in the chapter's language (English where no Korean is given)."""

    key: str
    name_en: str
    scope: str
    note_en: str
    source: str
    checked: dt.date
    name_ko: str = ""
    note_ko: str = ""

    @property
    def name(self) -> str:
        return localized(self.name_en, self.name_ko)

    @property
    def note(self) -> str:
        return localized(self.note_en, self.note_ko)


def load_scopes(text: str | None = None) -> dict[str, ServiceScope]:
    """The table, keyed by short name (``"s3"``), from the packaged file or ``text``.

    Raises:
        ValueError: a row has a scope other than global, regional or zonal, or lacks a field.
    """
    if text is None:
        text = (resources.files("course") / "data" / "service_scope.toml").read_text(encoding="utf-8")
    out = {}
    for key, row in tomllib.loads(text).get("services", {}).items():
        missing = [k for k in ("name", "scope", "note", "source", "checked") if k not in row]
        if missing:
            raise ValueError(f"services.{key}: missing {', '.join(missing)}")
        if row["scope"] not in SCOPES:
            raise ValueError(f"services.{key}: scope {row['scope']!r} is not one of {', '.join(SCOPES)}")
        out[key] = ServiceScope(key, row["name"], row["scope"], row["note"], row["source"], row["checked"],
                                row.get("name_ko", ""), row.get("note_ko", ""))
    return out


def scope_of(service: str, table: dict[str, ServiceScope] | None = None) -> ServiceScope:
    """The row for ``service`` (short name, any case, e.g. ``"Route53"``).

    Raises:
        UnknownServiceError: not in the table.
    """
    table = table or load_scopes()
    key = service.strip().lower().replace(" ", "").replace("-", "").replace("_", "")
    if key not in table:
        raise UnknownServiceError(text(TEXT, "unknown", service=repr(service), known=", ".join(sorted(table))))
    return table[key]


def sort_services(services: list[str], table: dict[str, ServiceScope] | None = None) -> dict[str, list[str]]:
    """``services`` sorted into global, regional and zonal, in the order given.

    Raises:
        UnknownServiceError: one of them is not in the table (named in the message).
    """
    table = table or load_scopes()
    out: dict[str, list[str]] = {s: [] for s in SCOPES}
    for service in services:
        out[scope_of(service, table).scope].append(service)
    return out
