"""VPC prices: every figure is sourced and dated; estimates add up and carry the flag."""

import datetime as dt

import pytest

from course.vpc_prices import PriceError, estimate, hours_per_month, load_prices

GOOD = """
[price.a]
label = "A"
value = 0.5
unit = "USD per hour"
source = "https://example.org/a"
checked = 2026-12-02
verified = true
"""


def test_every_price_in_the_file_is_sourced_and_dated():
    prices = load_prices()
    assert {"nat_gateway_hour", "nat_gateway_gb", "interface_endpoint_hour", "gateway_endpoint_hour",
            "transit_gateway_attachment_hour"} <= set(prices)
    for p in prices.values():
        assert p.source.startswith("https://") and p.checked == dt.date(2026, 12, 2)
        assert p.verified or p.source_date, f"{p.key}: an unverified price says when its copy was written"


def test_an_estimate_is_quantity_times_price_line_by_line():
    e = estimate({"nat_gateway_hour": 730, "nat_gateway_gb": 100})
    assert [round(line.usd, 4) for line in e.lines] == [32.85, 4.5]
    assert round(e.total_usd, 2) == 37.35 and e.verified is False
    assert estimate({"gateway_endpoint_hour": 730}).total_usd == 0 and hours_per_month() == 730


def test_a_verified_estimate_says_so():
    prices = load_prices(GOOD)
    e = estimate({"a": 10}, prices)
    assert e.total_usd == 5.0 and e.verified is True


@pytest.mark.parametrize("quantities, words", [
    pytest.param({"nat_gatway_hour": 1}, "no price 'nat_gatway_hour'; known prices: ", id="typo"),
    pytest.param({"nat_gateway_hour": -1}, "give a number ≥ 0", id="negative"),
    pytest.param({"nat_gateway_hour": "730"}, "give a number ≥ 0", id="text"),
])
def test_bad_quantities_are_named(quantities, words):
    with pytest.raises(PriceError, match=words):
        estimate(quantities)


@pytest.mark.parametrize("edit, words", [
    pytest.param(("value = 0.5", "value = -1"), "value -1 is not a number", id="negative-value"),
    pytest.param(('source = "https://example.org/a"', 'source = "example.org"'), "not an https URL", id="no-url"),
    pytest.param(("verified = true", "verified = false"), "needs source_date", id="unverified-undated"),
    pytest.param(("checked = 2026-12-02", 'checked = "yesterday"'), "checked must be a date", id="checked-text"),
    pytest.param(('label = "A"\n', ""), "price 'a': missing label", id="missing-field"),
    pytest.param(("[price.a]", "[price.a"), "not valid TOML", id="not-toml"),
])
def test_a_bad_price_file_names_the_price_and_field(edit, words):
    with pytest.raises(PriceError, match=words):
        load_prices(GOOD.replace(*edit), "x.toml")
