"""Sourced prices for CloudWatch, Budgets and Cost Explorer, and a CloudWatch bill estimate.

The numbers live in ``course/data/monitoring_prices.toml`` with a source URL, the day they
were checked and whether they were read on AWS's own page (``verified``). They are us-east-1
list prices of the first tier; the estimate says which of its numbers are unverified.

>>> cloudwatch_estimate(custom_metrics=25, alarm_metrics=12, log_gb=8).total
6.2
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from importlib import resources

from course.i18n import localized, text

TEXT = {
    "en": {
        "custom_metrics": "custom metrics",
        "alarm_metrics": "alarm metrics",
        "log_data": "log data ingested (GB)",
        "negative": "{name} = {value}: must be zero or more",
        "above_tier": "custom_metrics = {n}: above {limit} metrics the price per metric steps down, and this "
                      "estimate only knows the first tier",
    },
    "ko": {
        "custom_metrics": "사용자 지정 지표",
        "alarm_metrics": "경보 지표",
        "log_data": "수집된 로그 데이터 (GB)",
        "negative": "{name} = {value}: 0 이상이어야 합니다",
        "above_tier": "custom_metrics = {n}: 지표가 {limit}개를 넘으면 지표당 가격이 내려가는데, 이 추정은 "
                      "첫 구간의 가격만 압니다",
    },
}


class PriceDataError(ValueError):
    """The price file is malformed; the message names the entry."""


@dataclass(frozen=True)
class Price:
    """One figure; ``unit`` is in the chapter's language (English where the file has no Korean)."""

    value: float | int | dt.date
    unit_en: str
    source: str
    checked: dt.date
    verified: bool
    source_date: dt.date | None = None
    note: str = ""
    unit_ko: str = ""

    @property
    def unit(self) -> str:
        return localized(self.unit_en, self.unit_ko)


@dataclass(frozen=True)
class Line:
    """One row of an estimate: usage, the free part, and what is billed."""

    item: str
    used: float
    free: float
    unit_price: float
    verified: bool

    @property
    def billed(self) -> float:
        return max(0.0, self.used - self.free)

    @property
    def cost(self) -> float:
        return round(self.billed * self.unit_price, 4)


@dataclass(frozen=True)
class Estimate:
    lines: tuple[Line, ...]

    @property
    def total(self) -> float:
        return round(sum(line.cost for line in self.lines), 2)

    @property
    def all_verified(self) -> bool:
        return all(line.verified for line in self.lines)


def load_prices(text: str | None = None) -> dict[str, dict[str, Price]]:
    """``{section: {name: Price}}`` from the packaged file, or from ``text`` (for tests).

    Raises:
        PriceDataError: an entry lacks a field or its source is not an https URL.
    """
    if text is None:
        text = (resources.files("course") / "data" / "monitoring_prices.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    out: dict[str, dict[str, Price]] = {}
    for section, entries in data.items():
        if section == "meta":
            continue
        out[section] = {}
        for name, raw in entries.items():
            where = f"[{section}] {name}"
            if not isinstance(raw, dict):
                raise PriceDataError(f"{where}: expected an inline table with value, unit, source, checked, verified")
            missing = [k for k in ("value", "unit", "source", "checked", "verified") if k not in raw]
            if missing:
                raise PriceDataError(f"{where}: missing {', '.join(missing)}")
            if not str(raw["source"]).startswith("https://"):
                raise PriceDataError(f"{where}: source must be an https URL, got {raw['source']!r}")
            if not isinstance(raw["checked"], dt.date):
                raise PriceDataError(f"{where}: checked must be a date like 2026-12-02")
            if not isinstance(raw["verified"], bool):
                raise PriceDataError(f"{where}: verified must be true or false")
            out[section][name] = Price(raw["value"], raw["unit"], raw["source"], raw["checked"],
                                       raw["verified"], raw.get("source_date"), raw.get("note", ""),
                                       raw.get("unit_ko", ""))
    return out


def cloudwatch_estimate(custom_metrics: int, alarm_metrics: int, log_gb: float,
                        prices: dict[str, dict[str, Price]] | None = None) -> Estimate:
    """A month of CloudWatch in us-east-1 after the free tier: metrics, alarms, log ingestion.

    Leaves out API requests, dashboards and log storage. The free 5 GB of log data is set
    against ingestion only.

    Raises:
        ValueError: a count is negative, or metrics exceed the first price tier.
    """
    p = prices or load_prices()
    cw, free = p["cloudwatch"], p["cloudwatch_free"]
    for name, value in (("custom_metrics", custom_metrics), ("alarm_metrics", alarm_metrics), ("log_gb", log_gb)):
        if value < 0:
            raise ValueError(text(TEXT, "negative", name=name, value=value))
    limit = cw["first_tier_metrics"].value
    if custom_metrics > limit:
        raise ValueError(text(TEXT, "above_tier", n=custom_metrics, limit=f"{limit:,}"))
    return Estimate((
        Line(text(TEXT, "custom_metrics"), custom_metrics, free["metrics"].value, cw["custom_metric_month"].value,
             cw["custom_metric_month"].verified and free["metrics"].verified),
        Line(text(TEXT, "alarm_metrics"), alarm_metrics, free["alarm_metrics"].value, cw["alarm_metric_month"].value,
             cw["alarm_metric_month"].verified and free["alarm_metrics"].verified),
        Line(text(TEXT, "log_data"), log_gb, free["logs_gb"].value, cw["logs_ingest_gb"].value,
             cw["logs_ingest_gb"].verified and free["logs_gb"].verified),
    ))
