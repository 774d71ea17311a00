"""The counts of AWS's global footprint (Regions, Availability Zones, services), with sources.

The numbers live in ``course/data/global_infrastructure.toml``; every one carries the AWS
page it comes from, the day it was checked and, where the page speaks for an older date,
that date. Chapters quote them through `wording` and `sentence`, so a count is never
printed without its date::

    >>> figure("regions").value
    38
    >>> figure("services").wording
    'more than 200 services'
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from importlib import resources

from course import i18n

BOUNDS = ("exact", "more_than", "at_least")
TEXT = {
    "en": {
        "exact": "{value} {unit}",
        "more_than": "more than {value} {unit}",
        "at_least": "at least {value} {unit}",
        "sentence": "{wording} as of {day} (source: {source}, checked {checked})",
        "unverified": "; not confirmed on AWS's own page, treat as approximate",
        "day": "{d} {month} {year}",
    },
    "ko": {
        "exact": "{unit} {value}개",
        "more_than": "{unit} {value}개 이상",
        "at_least": "{unit} 최소 {value}개",
        "sentence": "{day} 기준 {wording} (출처: {source}, 확인일 {checked})",
        "unverified": "; AWS 공식 페이지에서 확인하지 못했으므로 대략적인 값으로 보세요",
        "day": "{year}년 {month}월 {d}일",
    },
}
REQUIRED = ("value", "unit", "bound", "source", "checked", "verified", "note")


class FigureError(ValueError):
    """The data file is malformed, or a figure was asked for that it doesn't hold."""


@dataclass(frozen=True)
class Figure:
    key: str
    value: int
    unit: str
    bound: str
    source: str
    checked: dt.date
    verified: bool
    note_en: str
    source_date: dt.date | None = None
    unit_ko: str = ""
    note_ko: str = ""

    @property
    def note(self) -> str:
        """What the figure counts and where it comes from, in the chapter's language."""
        return i18n.localized(self.note_en, self.note_ko)

    @property
    def as_of(self) -> dt.date:
        """The date the figure speaks for: the source's date if known, else the check date."""
        return self.source_date or self.checked

    @property
    def wording(self) -> str:
        """The figure as a phrase: ``'38 Regions'``, ``'more than 200 services'``."""
        unit = i18n.localized(self.unit, self.unit_ko)
        return i18n.text(TEXT, self.bound, value=f"{self.value:,}", unit=unit)


def load_figures(text: str | None = None) -> dict[str, Figure]:
    """Every figure of the data file (or of ``text``, a TOML string), by key.

    Raises:
        FigureError: the TOML is invalid or a figure lacks a field or has a wrong type;
            the message names the figure and the field.
    """
    if text is None:
        text = (resources.files("course") / "data" / "global_infrastructure.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise FigureError(f"global_infrastructure.toml: not valid TOML: {e}") from None
    rows = data.get("figures")
    if not rows:
        raise FigureError("global_infrastructure.toml: no [figures.*] tables")
    return {key: _figure(key, row) for key, row in rows.items()}


def figure(key: str, figures: dict[str, Figure] | None = None) -> Figure:
    """The figure called ``key`` (e.g. ``"regions"``).

    Raises:
        FigureError: there is no such figure; the message lists the ones there are.
    """
    figures = load_figures() if figures is None else figures
    try:
        return figures[key]
    except KeyError:
        raise FigureError(f"no figure {key!r}; known: {', '.join(sorted(figures))}") from None


def sentence(key: str, figures: dict[str, Figure] | None = None) -> str:
    """One line for a chapter: the figure, its date, its source, and a warning if unverified.

    >>> sentence("regions").startswith("38 Regions as of 2 September 2025 (source: https://docs.aws")
    True
    """
    f = figure(key, figures)
    line = i18n.text(TEXT, "sentence", wording=f.wording, day=_day(f.as_of), source=f.source,
                     checked=f.checked.isoformat())
    return line if f.verified else line + i18n.text(TEXT, "unverified")


def _figure(key: str, row: dict) -> Figure:
    missing = [k for k in REQUIRED if k not in row]
    if missing:
        raise FigureError(f"figure {key!r}: missing {', '.join(missing)}")
    checks = {"value": int, "unit": str, "bound": str, "source": str,
              "checked": dt.date, "verified": bool, "note": str}
    for field, kind in checks.items():
        # bool is an int in Python: a count written `true` must still be refused.
        if not isinstance(row[field], kind) or (kind is int and isinstance(row[field], bool)):
            raise FigureError(f"figure {key!r}: {field} must be {kind.__name__}, got {row[field]!r}")
    if row["bound"] not in BOUNDS:
        raise FigureError(f"figure {key!r}: bound must be one of {', '.join(BOUNDS)}, got {row['bound']!r}")
    if row["value"] <= 0:
        raise FigureError(f"figure {key!r}: value must be positive, got {row['value']}")
    if not row["source"].startswith("https://"):
        raise FigureError(f"figure {key!r}: source must be an https URL, got {row['source']!r}")
    for field in ("unit_ko", "note_ko"):
        if not isinstance(row.get(field, ""), str):
            raise FigureError(f"figure {key!r}: {field} must be str, got {row[field]!r}")
    source_date = row.get("source_date")
    if source_date is not None and not isinstance(source_date, dt.date):
        raise FigureError(f"figure {key!r}: source_date must be a date, got {source_date!r}")
    if source_date is not None and source_date > row["checked"]:
        raise FigureError(f"figure {key!r}: source_date {source_date} is after checked {row['checked']}")
    return Figure(key=key, value=row["value"], unit=row["unit"], bound=row["bound"],
                  source=row["source"], checked=row["checked"], verified=row["verified"],
                  note_en=" ".join(row["note"].split()), source_date=source_date,
                  unit_ko=row.get("unit_ko", ""), note_ko=" ".join(row.get("note_ko", "").split()))


def _day(d: dt.date) -> str:
    return i18n.text(TEXT, "day", d=d.day, month=d.strftime("%B") if i18n.language() == "en" else d.month, year=d.year)
