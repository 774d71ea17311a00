"""VPC networking prices (NAT gateway, endpoints, transit gateway …) and monthly estimates.

The figures live in ``course/data/vpc_prices.toml``, each with its source URL, the date it
was checked and whether it could be read on AWS's own pages (``verified``). Estimates carry
that flag along, so a view can mark a total built on an unverified price.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from course.i18n import localized

FIELDS = ("label", "value", "unit", "source", "checked", "verified")


class PriceError(ValueError):
    """A price file or a request for a price that can't be used; the message says which."""


@dataclass(frozen=True)
class Price:
    """One figure: ``value`` in USD per ``unit``, with where and when it was read.

    ``label`` and ``unit`` are in the chapter's language (English where the file has no Korean).
    """

    key: str
    label_en: str
    value: float
    unit_en: str
    source: str
    checked: dt.date
    verified: bool
    source_date: str | None = None
    aws_page: str | None = None
    note: str | None = None
    label_ko: str = ""
    unit_ko: str = ""

    @property
    def label(self) -> str:
        return localized(self.label_en, self.label_ko)

    @property
    def unit(self) -> str:
        return localized(self.unit_en, self.unit_ko)


@dataclass(frozen=True)
class Line:
    """One line of an estimate: quantity × price."""

    price: Price
    quantity: float
    usd: float


@dataclass(frozen=True)
class Estimate:
    """A monthly (or any) total, its lines, and whether every price in it is verified."""

    lines: tuple[Line, ...]
    total_usd: float
    verified: bool


def load_prices(text: str | None = None, where: str = "vpc_prices.toml") -> dict[str, Price]:
    """Every price in the data file (or in ``text``), checked field by field.

    Raises:
        PriceError: the file is not TOML, or a price lacks a field or has a bad value
            (the message names the price and the field).
    """
    if text is None:
        text = resources.files("course").joinpath("data/vpc_prices.toml").read_text("utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise PriceError(f"{where}: not valid TOML: {e}") from None
    rows = data.get("price")
    if not isinstance(rows, dict) or not rows:
        raise PriceError(f"{where}: no [price.<key>] tables")
    return {key: _price(key, row, where) for key, row in rows.items()}


def hours_per_month() -> int:
    """The hours in a month the estimates use (730, as AWS's pricing examples do)."""
    text = resources.files("course").joinpath("data/vpc_prices.toml").read_text("utf-8")
    return tomllib.loads(text)["meta"]["hours_per_month"]


def estimate(quantities: Mapping[str, float], prices: Mapping[str, Price] | None = None) -> Estimate:
    """The cost of ``quantities`` (price key → hours, GB, …), line by line.

    Raises:
        PriceError: an unknown price key (the message lists the known ones) or a negative
            or non-numeric quantity.

    >>> e = estimate({"nat_gateway_hour": 730, "nat_gateway_gb": 100})
    >>> round(e.total_usd, 2), e.verified
    (37.35, False)
    """
    table = prices if prices is not None else load_prices()
    lines = []
    for key, qty in quantities.items():
        if key not in table:
            raise PriceError(f"no price {key!r}; known prices: {', '.join(sorted(table))}")
        if isinstance(qty, bool) or not isinstance(qty, (int, float)) or qty < 0:
            raise PriceError(f"quantity for {key!r} is {qty!r}; give a number ≥ 0")
        lines.append(Line(table[key], qty, qty * table[key].value))
    return Estimate(tuple(lines), sum(line.usd for line in lines), all(line.price.verified for line in lines))


def _price(key: str, row: object, where: str) -> Price:
    at = f"{where}, price '{key}'"
    if not isinstance(row, dict):
        raise PriceError(f"{at}: expected a table")
    missing = [f for f in FIELDS if f not in row]
    if missing:
        raise PriceError(f"{at}: missing {', '.join(missing)}")
    value = row["value"]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
        raise PriceError(f"{at}: value {value!r} is not a number ≥ 0")
    if not isinstance(row["verified"], bool):
        raise PriceError(f"{at}: verified must be true or false, not {row['verified']!r}")
    if not isinstance(row["checked"], dt.date):
        raise PriceError(f"{at}: checked must be a date such as 2026-12-02, not {row['checked']!r}")
    if not str(row["source"]).startswith("https://"):
        raise PriceError(f"{at}: source {row['source']!r} is not an https URL")
    if not row["verified"] and "source_date" not in row:
        raise PriceError(f"{at}: an unverified price needs source_date (when its copy was written, "
                         "or \"undated\")")
    source_date = row.get("source_date")
    return Price(key, row["label"], float(value), row["unit"], row["source"], row["checked"],
                 row["verified"], None if source_date is None else str(source_date),
                 row.get("aws_page"), row.get("note"), row.get("label_ko", ""), row.get("unit_ko", ""))
