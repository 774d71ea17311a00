"""On-premises versus cloud: cumulative costs worked by hand, bad input named, the view follows."""

import pytest

from course.cost_compare import Prices, compare, demand_curve
from course.widgets.cost_compare import CostCompareView, show_cost_compare

PRICES = Prices(purchase_per_server=60, running_per_server_month=2, cloud_per_server_month=5)


def test_a_spike_every_third_month():
    assert demand_curve(6, base=1, peak=4, spike_every=3) == (1, 1, 4, 1, 1, 4)
    assert demand_curve(3, base=2, peak=9, spike_every=0) == (2, 2, 2)


def test_on_premises_buys_for_the_peak_and_runs_every_server_every_month():
    c = compare((1, 1, 4), PRICES)
    # bought 4 servers: 4*60 = 240 up front, then 4*2 = 8 a month
    assert c.servers_bought == 4
    assert c.onprem == (248, 256, 264)
    # cloud: 5 per server-month used: 5, 5, 20
    assert c.cloud == (5, 10, 30)
    assert c.cheaper_at_end == "cloud" and c.onprem_cheaper_from is None


def test_a_steady_load_makes_buying_cheaper_from_the_break_even_month():
    # 4 servers always: on-prem 240 + 8m, cloud 20m; equal at m = 20, on-prem cheaper after
    c = compare(demand_curve(36, base=4, peak=4, spike_every=0), PRICES)
    assert c.onprem[19] == c.cloud[19] == 400
    assert c.onprem_cheaper_from == 20
    assert c.cheaper_at_end == "on-premises"


def test_spiky_demand_favours_the_cloud_over_three_years():
    c = compare(demand_curve(36, base=2, peak=10, spike_every=6), PRICES)
    assert c.cheaper_at_end == "cloud"
    assert c.cloud[-1] == (30 * 2 + 6 * 10) * 5


@pytest.mark.parametrize("call, words", [
    (lambda: demand_curve(0, 1, 1, 0), "months must be at least 1, got 0"),
    (lambda: demand_curve(3, -1, 1, 0), "can't be negative"),
    (lambda: demand_curve(3, 5, 2, 1), r"peak \(2\) must be at least base \(5\)"),
    (lambda: compare(()), "demand is empty"),
    (lambda: compare((1, -2)), "month 2 needs -2"),
    (lambda: compare((1,), Prices(cloud_per_server_month=-1)), "price cloud_per_server_month can't be negative"),
])
def test_bad_input_is_named(call, words):
    with pytest.raises(ValueError, match=words):
        call()


def test_the_view_follows_the_sliders_and_reports_bad_input():
    view = CostCompareView(months=36, base=2, peak=10, spike_every=6, prices=PRICES)
    assert "the cloud is cheaper" in view.status.value
    first_chart = view.image.value
    view.peak.value = 2          # no spike left: a steady load of 2
    assert "buying wins from month 20 on" in view.status.value
    assert view.image.value != first_chart
    view.base.value = 5          # now base > peak
    assert "✗ peak (2) must be at least base (5)" in view.status.value


def test_without_a_kernel_a_chart_and_the_verdict_stand_in():
    bundle = show_cost_compare()._repr_mimebundle_()
    assert "image/png" in bundle and "cost" in bundle["text/html"]
