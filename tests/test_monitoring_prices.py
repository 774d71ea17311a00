"""Monitoring prices: every figure is sourced, and the CloudWatch estimate is worked by hand."""

import datetime as dt

import pytest

from course.monitoring_prices import PriceDataError, cloudwatch_estimate, load_prices

PRICES = load_prices()


@pytest.mark.parametrize("section, name", [(s, n) for s in PRICES for n in PRICES[s]], ids=lambda x: str(x))
def test_every_figure_has_a_source_a_check_date_and_a_verified_mark(section, name):
    price = PRICES[section][name]
    assert price.source.startswith("https://aws.amazon.com/") or price.source.startswith("https://docs.aws.amazon.com/")
    assert price.checked == dt.date(2026, 12, 2)
    assert price.verified or price.note, f"[{section}] {name}: an unverified figure says where it came from"


def test_25_metrics_12_alarms_8_gb_of_logs():
    # (25 - 10) x $0.30 = $4.50; (12 - 10) x $0.10 = $0.20; (8 - 5) GB x $0.50 = $1.50; total $6.20
    est = cloudwatch_estimate(custom_metrics=25, alarm_metrics=12, log_gb=8)
    assert [line.cost for line in est.lines] == [4.5, 0.2, 1.5]
    assert est.total == 6.2
    assert not est.all_verified  # the rate table could not be read on AWS's page


def test_usage_inside_the_free_tier_costs_nothing():
    est = cloudwatch_estimate(custom_metrics=10, alarm_metrics=3, log_gb=4.9)
    assert est.total == 0 and all(line.billed == 0 for line in est.lines)


@pytest.mark.parametrize("kwargs, words", [
    pytest.param({"custom_metrics": -1, "alarm_metrics": 0, "log_gb": 0}, "custom_metrics = -1: must be zero or more", id="negative"),
    pytest.param({"custom_metrics": 10_001, "alarm_metrics": 0, "log_gb": 0}, "above 10,000 metrics", id="past-first-tier"),
])
def test_bad_usage_is_refused_with_the_reason(kwargs, words):
    with pytest.raises(ValueError, match=words):
        cloudwatch_estimate(**kwargs)


def test_a_figure_without_a_source_is_named():
    with pytest.raises(PriceDataError, match=r"\[cloudwatch\] x: missing source"):
        load_prices('[cloudwatch]\nx = { value = 1, unit = "u", checked = 2026-12-02, verified = true }\n')


def test_a_plain_http_source_is_refused():
    with pytest.raises(PriceDataError, match="source must be an https URL"):
        load_prices('[b]\nx = { value = 1, unit = "u", source = "http://x", checked = 2026-12-02, verified = true }\n')


def test_the_free_tier_change_is_dated():
    assert PRICES["free_tier"]["changed_on"].value == dt.date(2025, 7, 15)
