"""Purchase options, worked by hand for a t3.micro in us-east-1.

Hand-worked with the data file's figures: On-Demand $0.0104/h, a 730-hour month, and the
illustrative discounts 28% (Compute SP 1 yr), 37% (RI 1 yr), 57% (RI 3 yr), 65% (Spot).
`test_the_hand_worked_figures_are_still_the_data` fails first if the data changes.
"""

import pytest

from course import ec2_pricing
from course.purchase_options import ProfileError, UsageProfile, compare_options


def micro(**kw):
    return UsageProfile(**({"instance_type": "t3.micro", "region": "us-east-1"} | kw))


def test_the_hand_worked_figures_are_still_the_data():
    assert ec2_pricing.on_demand_hourly_usd("t3.micro", "us-east-1") == 0.0104
    assert ec2_pricing.hours_per_month().value == 730
    assert [ec2_pricing.discount(n).value for n in ("compute_savings_plan_1yr", "reserved_instance_1yr",
                                                    "reserved_instance_3yr", "spot_typical")] == [0.28, 0.37, 0.57, 0.65]


def test_always_on_for_a_year_without_commitment_is_on_demand_only():
    c = compare_options(micro())
    od = c.option("on_demand")
    assert od.monthly_usd == pytest.approx(7.592)          # 0.0104 × 730
    assert od.total_usd == pytest.approx(91.104)           # × 12
    assert not c.option("savings_plan").available and "1- or 3-year commitment" in c.option("savings_plan").reasoning
    assert not c.option("spot").available and "cannot be" in c.option("spot").reasoning
    assert c.cheapest.key == "on_demand"


def test_always_on_with_a_one_year_commitment_favours_the_ri():
    c = compare_options(micro(commitment_years=1))
    ri, sp = c.option("reserved_instance"), c.option("savings_plan")
    assert ri.hourly_usd == pytest.approx(0.006552)        # 0.0104 × 0.63
    assert ri.monthly_usd == pytest.approx(4.78296)        # × 730
    assert ri.total_usd == pytest.approx(57.39552)         # × 12
    assert sp.monthly_usd == pytest.approx(5.46624)        # 0.0104 × 0.72 × 730
    assert sp.total_usd == pytest.approx(65.59488)
    assert c.cheapest.key == "reserved_instance"
    assert "break-even is 63%" in ri.reasoning


def test_eight_hours_a_day_makes_a_commitment_dearer_than_on_demand():
    c = compare_options(micro(hours_per_day=8, commitment_years=1))
    od, ri = c.option("on_demand"), c.option("reserved_instance")
    assert od.monthly_usd == pytest.approx(0.0104 * 730 / 3)   # 243.3 h
    assert ri.monthly_usd == pytest.approx(4.78296)           # billed every hour regardless
    assert ri.total_usd > od.total_usd and c.cheapest.key == "on_demand"
    assert "costs more than On-Demand" in ri.reasoning and "33% of the hours" in ri.reasoning


def test_a_six_month_project_still_pays_a_whole_year():
    c = compare_options(micro(months=6, commitment_years=1))
    ri = c.option("reserved_instance")
    assert ri.billed_months == 12 and ri.total_usd == pytest.approx(57.39552)
    assert c.option("on_demand").total_usd == pytest.approx(45.552)   # 7.592 × 6
    assert "pay for 6 months you do not need" in ri.reasoning


def test_eighteen_months_buy_two_one_year_terms_and_three_years_is_one_term():
    assert compare_options(micro(months=18, commitment_years=1)).option("reserved_instance").billed_months == 24
    three = compare_options(micro(months=36, commitment_years=3)).option("reserved_instance")
    assert three.billed_months == 36 and three.hourly_usd == pytest.approx(0.004472)   # 0.0104 × 0.43


def test_interruptible_work_can_use_spot():
    c = compare_options(micro(interruptible=True))
    spot = c.option("spot")
    assert spot.available and spot.hourly_usd == pytest.approx(0.00364)   # 0.0104 × 0.35
    assert spot.total_usd == pytest.approx(31.8864)                        # × 730 × 12
    assert "two-minute notice" in spot.reasoning and not spot.verified
    assert c.cheapest.key == "spot"


def test_seoul_is_the_default_region():
    c = compare_options(UsageProfile(instance_type="t3.micro"))
    assert c.option("on_demand").monthly_usd == pytest.approx(0.013 * 730)


@pytest.mark.parametrize("kw, field, words", [
    ({"hours_per_day": 0}, "hours_per_day", "above 0 and at most 24"),
    ({"hours_per_day": 25}, "hours_per_day", "above 0 and at most 24"),
    ({"months": 0}, "months", "whole number from 1 to 60"),
    ({"months": 1.5}, "months", "whole number from 1 to 60"),
    ({"commitment_years": 2}, "commitment_years", "0, 1 or 3 years"),
    ({"instance_type": "r7i.large", "region": "ap-northeast-2"}, "instance_type", "'r7i.large' in Region 'ap-northeast-2'"),
])
def test_bad_profiles_name_the_field(kw, field, words):
    with pytest.raises(ProfileError, match=words) as e:
        UsageProfile(**({"instance_type": "t3.micro", "region": "us-east-1"} | kw))
    assert e.value.field == field
