"""The purchase-option widget, driven by setting control values (no browser)."""

import matplotlib
import pytest

matplotlib.use("Agg")

from course.purchase_options import UsageProfile  # noqa: E402
from course.widgets.purchase_options import PurchaseOptionsView, show_purchase_options  # noqa: E402


@pytest.fixture
def view():
    return PurchaseOptionsView(UsageProfile("t3.micro", "us-east-1"))


def test_starts_with_on_demand_cheapest_when_nothing_else_applies(view):
    assert view.comparison.cheapest.key == "on_demand"
    assert "cheapest is On-Demand at $91.10 over 12 months" in view.status
    assert "<s>Spot</s>" in view._table.value and "not available" in view._table.value
    assert view.plot_png.startswith(b"\x89PNG")


def test_commitment_and_interruptible_change_the_winner(view):
    view._commitment.value = 1
    assert view.comparison.cheapest.key == "reserved_instance"
    assert "$57.40 †" in view._table.value
    view._interruptible.value = True
    assert view.comparison.cheapest.key == "spot" and "two-minute notice" in view._table.value


def test_part_time_use_shows_why_a_commitment_loses(view):
    view._commitment.value = 1
    view._hours.value = 8
    assert view.comparison.cheapest.key == "on_demand"
    assert "costs more than On-Demand" in view._table.value


def test_region_change_keeps_a_type_that_exists_and_replaces_one_that_does_not(view):
    view._region.value = "ap-northeast-2"
    assert view._type.value == "t3.micro" and "ap-northeast-2" in view.status
    view._region.value = "us-east-1"
    view._type.value = "r7i.large"
    view._region.value = "ap-northeast-2"
    assert view._type.value in view._type.options and view.comparison is not None


def test_bad_input_shows_a_message_and_dims_the_last_table(view):
    view._months.value = 0
    assert view.comparison is None and "months must be a whole number from 1 to 60" in view.status
    assert "opacity:0.35" in view._table.value and "color:#b00" in view._status.value
    view._months.value = 6
    assert view.comparison is not None and "✓" in view.status


def test_note_explains_the_dagger_and_the_aws_maxima(view):
    note = view.children[-1].value
    assert "illustrative" in note and "up to 72%" in note and "up to 90%" in note


def test_static_stand_in_has_table_and_chart():
    shown = show_purchase_options(instance_type="t3.large", region="ap-northeast-2", hours_per_day=24, months=12)
    bundle = shown._repr_mimebundle_()
    assert "On-Demand" in bundle["text/html"] and "data:image/png;base64," in bundle["text/html"]
    assert "application/vnd.jupyter.widget-view+json" in bundle
