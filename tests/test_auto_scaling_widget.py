"""The Auto Scaling view, driven by setting control values (no browser)."""

import matplotlib
import pytest

matplotlib.use("Agg")

from course import ec2_pricing  # noqa: E402
from course.auto_scaling import TargetTracking, load_curve, simulate  # noqa: E402
from course.widgets.auto_scaling import AutoScalingView, show_auto_scaling  # noqa: E402

PNG = b"\x89PNG"


@pytest.fixture
def view():
    return AutoScalingView(debounce_seconds=0, region="us-east-1", instance_type="m5.large")


def test_initial_view_matches_the_logic_and_the_sourced_price(view):
    price = ec2_pricing.on_demand_hourly_usd("m5.large", "us-east-1")
    expected = simulate(load_curve("daily peak", step_minutes=10), min_size=1, max_size=10, desired=2,
                        hourly_usd=price, step_minutes=10,
                        policy=TargetTracking(50, 100, warmup_minutes=5, scale_in_wait_minutes=15))
    assert view.simulation.total_cost_usd == pytest.approx(expected.total_cost_usd)
    assert view.status.startswith("✓") and f"${expected.total_cost_usd:,.2f}" in view.status
    assert f"${price:g}" in view.summary and "karpenter" in view.summary  # the price names its source
    assert view.plot_png.startswith(PNG)


def test_unverified_price_is_marked_and_explained(view):
    assert not ec2_pricing.on_demand_price("m5.large", "us-east-1").verified
    assert "†" in view.status and "unverified" in view.summary


def test_min_above_max_shows_the_rule_and_keeps_the_last_plot_dimmed(view):
    view._min.value = 12
    assert view.simulation is None and view.stale
    assert "min size 12 is larger than max size 10" in view.status
    assert view._plot.layout.opacity == "0.35" and view.plot_png.startswith(PNG)
    view._min.value = 1
    assert view.simulation is not None and not view.stale and view.status.startswith("✓")


def test_desired_outside_the_range_is_named(view):
    view._desired.value = 20
    assert "desired capacity 20 is outside min 1 … max 10" in view.status


def test_changing_region_offers_only_priced_types(view):
    view._region.value = "ap-northeast-2"
    assert tuple(view._itype.options) == ec2_pricing.priced_types()["ap-northeast-2"]
    assert "ap-northeast-2" in view.summary and view.status.startswith("✓")


def test_a_higher_target_runs_fewer_instances_and_costs_less(view):
    cost_at_50 = view.simulation.total_cost_usd
    view._target.value = 80
    assert view.simulation.total_cost_usd < cost_at_50
    assert view.simulation.policy.target_percent == 80


def test_failure_and_schedule_show_up_in_the_events(view):
    view._failure.value = True
    assert any("failed" in e for e in view.simulation.events)
    view._scheduled_min.value = 6
    view._scheduled_hours.value = (8, 20)
    running = view.simulation.series("running")
    assert min(running[8 * 6:20 * 6]) >= 6  # 10-minute steps: 08:00-20:00 holds at least 6
    assert "scheduled min up" in view._events.value


def test_static_stand_in_carries_status_and_plot():
    shown = show_auto_scaling(debounce_seconds=0)
    bundle = shown._repr_mimebundle_()
    assert "image/png" in bundle and "data:image/png;base64," in bundle["text/html"]
    assert "✓" in bundle["text/html"]
