"""EC2 prices from ``course/data/ec2_prices.toml``: On-Demand rates, illustrative discounts, other charges.

Every number carries its source, the day it was checked and whether it could be read on an
AWS page (`Price.verified`); widgets mark unverified ones with † (`UNVERIFIED_MARK`).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

DEFAULT_REGION = "ap-northeast-2"
UNVERIFIED_MARK = "†"


@dataclass(frozen=True)
class Price:
    """One sourced figure from the data file."""

    value: float | str
    unit: str
    source: str
    checked: str
    verified: bool
    source_date: str = ""
    note: str = ""
    kind: str = "price"

    def cite(self) -> str:
        """Source and dates, followed by † when unverified."""
        dated = f" (source dated {self.source_date})" if self.source_date else ""
        mark = "" if self.verified else f" {UNVERIFIED_MARK}"
        return f"{self.source}{dated}, checked {self.checked}{mark}"


@cache
def load_prices() -> dict:
    """The parsed data file (cached; treat it as read-only)."""
    text = resources.files("course").joinpath("data/ec2_prices.toml").read_text("utf-8")
    return tomllib.loads(text)


def _price(entry: dict) -> Price:
    return Price(entry["value"], entry.get("unit", ""), entry["source"], entry["checked"], entry["verified"],
                 entry.get("source_date", ""), entry.get("note", ""), entry.get("kind", "price"))


def priced_types() -> dict[str, tuple[str, ...]]:
    """Instance types with an On-Demand price, per Region: ``{"us-east-1": ("t3.micro", ...), ...}``."""
    return {region: tuple(types) for region, types in load_prices()["on_demand"].items()}


def on_demand_price(instance_type: str, region: str = DEFAULT_REGION) -> Price:
    """The sourced On-Demand Linux price of ``instance_type`` in ``region``.

    Raises:
        ValueError: no price for that type in that Region; the message names both and lists
            the types and Regions that have data.
    """
    table = load_prices()["on_demand"]
    entry = table.get(region, {}).get(instance_type)
    if entry is None:
        have = "; ".join(f"{r}: {', '.join(types)}" for r, types in table.items())
        raise ValueError(f"no On-Demand price for {instance_type!r} in Region {region!r} in the course's "
                         f"price data; prices exist for {have}")
    return _price(entry)


def on_demand_hourly_usd(instance_type: str, region: str = DEFAULT_REGION) -> float:
    """On-Demand Linux price in USD per hour, e.g. ``on_demand_hourly_usd("t3.micro", "us-east-1") == 0.0104``.

    Raises:
        ValueError: no price for that type in that Region (the message lists what has data).
    """
    return float(on_demand_price(instance_type, region).value)


def discount(name: str) -> Price:
    """An illustrative discount off On-Demand, e.g. ``discount("reserved_instance_1yr")``."""
    table = load_prices()["discounts"]
    if name not in table:
        raise ValueError(f"no discount {name!r}; known: {', '.join(table)}")
    return _price(table[name])


def maximum(name: str) -> Price:
    """AWS's stated "up to" discount for ``"savings_plans"`` or ``"spot"``."""
    return _price(load_prices()["maxima"][name])


def hours_per_month() -> Price:
    """Hours in a billing month as the AWS Pricing Calculator counts them (730)."""
    return _price(load_prices()["meta"]["hours_per_month"])


def public_ipv4_hourly() -> Price:
    """The charge per public IPv4 address per hour."""
    return _price(load_prices()["public_ipv4"]["per_hour"])


def public_ipv4_charged_since() -> Price:
    """The date AWS began charging for every public IPv4 address."""
    return _price(load_prices()["public_ipv4"]["charged_since"])


def ebs_price(volume_type: str, region: str = DEFAULT_REGION) -> Price:
    """EBS storage price per GB-month (``volume_type`` also ``"snapshot_standard"``).

    Raises:
        ValueError: no price for that volume type in that Region.
    """
    table = load_prices()["ebs"]
    entry = table.get(region, {}).get(volume_type)
    if entry is None:
        have = "; ".join(f"{r}: {', '.join(t)}" for r, t in table.items())
        raise ValueError(f"no EBS price for {volume_type!r} in Region {region!r}; prices exist for {have}")
    return _price(entry)
