"""The EC2 price table: lookups, sources on every figure, clear errors for missing prices."""

import pytest

from course import ec2_pricing as p


def test_on_demand_lookup_reads_the_data_file():
    assert p.on_demand_hourly_usd("t3.micro", "us-east-1") == 0.0104
    assert p.on_demand_hourly_usd("m7g.large", "us-east-1") == 0.0816
    assert p.on_demand_hourly_usd("t3.micro") == 0.013  # default Region is Seoul


def test_missing_price_names_type_and_region_and_lists_what_exists():
    with pytest.raises(ValueError) as err:
        p.on_demand_hourly_usd("r7i.large", "ap-northeast-2")
    msg = str(err.value)
    assert "'r7i.large'" in msg and "'ap-northeast-2'" in msg
    assert "us-east-1: t3.micro" in msg and "r7i.large" in msg.split("prices exist for")[1]


def test_unknown_region_is_an_error_too():
    with pytest.raises(ValueError, match="'eu-west-9'"):
        p.on_demand_hourly_usd("t3.micro", "eu-west-9")


def test_every_figure_has_source_checked_date_and_verified_flag():
    data = p.load_prices()
    entries = [e for region in data["on_demand"].values() for e in region.values()]
    entries += list(data["discounts"].values()) + list(data["maxima"].values())
    entries += list(data["public_ipv4"].values())
    entries += [e for region in data["ebs"].values() for e in region.values()]
    entries.append(data["meta"]["hours_per_month"])
    for e in entries:
        assert e["source"].startswith("https://"), e
        assert e["checked"] == "2026-12-02", e
        assert isinstance(e["verified"], bool), e
        # Figures not read on an AWS page say how old their source is, or are marked assumptions.
        if not e["verified"] and "github.com" in e["source"]:
            assert e.get("source_date"), e


def test_discounts_are_fractions_below_the_aws_maxima():
    spot, sp = p.maximum("spot").value, p.maximum("savings_plans").value
    assert p.discount("spot_typical").value < spot
    for name in ("compute_savings_plan_1yr", "compute_savings_plan_3yr",
                 "reserved_instance_1yr", "reserved_instance_3yr"):
        d = p.discount(name)
        assert 0 < d.value < sp and d.kind == "assumption" and not d.verified
    assert p.discount("reserved_instance_3yr").value > p.discount("reserved_instance_1yr").value


def test_unknown_discount_is_a_clear_error():
    with pytest.raises(ValueError, match="no discount 'lifetime'"):
        p.discount("lifetime")


def test_cite_marks_unverified_with_dagger():
    assert p.on_demand_price("t3.micro", "us-east-1").cite().endswith("†")
    assert "†" not in p.maximum("spot").cite()
    assert "source dated 2026-01-19" in p.on_demand_price("c7i.large", "us-east-1").cite()


def test_public_ipv4_and_ebs():
    assert p.public_ipv4_hourly().value == 0.005
    assert p.public_ipv4_charged_since().value == "2024-02-01" and p.public_ipv4_charged_since().verified
    assert p.ebs_price("gp3", "us-east-1").value == 0.08
    assert p.ebs_price("gp3", "us-east-1").value < p.ebs_price("gp2", "us-east-1").value
    with pytest.raises(ValueError, match="'io2'.*'ap-northeast-2'"):
        p.ebs_price("io2", "ap-northeast-2")


def test_priced_types_lists_both_regions():
    types = p.priced_types()
    assert "c7i.large" in types["us-east-1"] and "t3.large" in types["ap-northeast-2"]
    assert p.hours_per_month().value == 730
