"""The storage-class widget, driven by setting control values (no browser)."""

import json

import matplotlib
import pytest

matplotlib.use("Agg")

from course.widgets.storage_classes import StorageClassesView  # noqa: E402


@pytest.fixture
def view():
    return StorageClassesView(debounce_seconds=0)


def test_initial_view_ranks_classes_and_marks_cheapest(view):
    assert view.comparison.cheapest is not None
    assert "★ cheapest" in view._table.value
    assert view.comparison.cheapest.storage_class in view.status


def test_constraint_greys_out_glacier_with_reason(view):
    view._ms.value = True
    assert "GLACIER" in dict(view.comparison.excluded)
    assert "<s>GLACIER</s>" in view._table.value and "no millisecond" in view._table.value


def test_az_constraint_excludes_one_zone(view):
    view._az.value = True
    assert {"ONEZONE_IA", "EXPRESS_ONEZONE"} <= set(dict(view.comparison.excluded))


def test_why_panel_lists_every_charge_with_source_and_date(view):
    view._pick.value = "DEEP_ARCHIVE"
    assert view.selected.storage_class == "DEEP_ARCHIVE"
    for item in ("storage", "per-object overhead", "early-deletion charge", "transitions"):
        assert item in view._why.value
    assert "aws.amazon.com" in view._why.value and "as of 2026-11-27" in view._why.value


def test_unverified_prices_are_flagged(view):
    assert "unverified" in view._table.value
    assert "UNVERIFIED" in view._why.value


def test_bad_input_shows_message_and_keeps_running(view):
    view._objects.value = -5
    assert view.comparison is None and "objects must be a number >= 0" in view.status
    view._objects.value = 10
    assert view.comparison is not None and "✓" in view.status


def test_region_without_prices_is_reported(view):
    view._region.value = "ap-northeast-2"
    assert "ap-northeast-2" in view.status and view.comparison is None


def test_plot_has_one_rising_curve_per_ranked_class(view):
    view._months.value = 6
    assert set(view.curves) == {e.storage_class for e in view.comparison.ranked}
    assert all(len(c) == 6 and c == sorted(c) for c in view.curves.values())


def test_lifecycle_timeline_follows_rules(view):
    view._size_kb.value = 1024.0
    view._lc_days.value = 400
    assert [s for _, _, s in view.timeline.segments("object")] == ["STANDARD", "STANDARD_IA", "GLACIER", "deleted"]
    assert "day 30: transition STANDARD → STANDARD_IA" in view._lc_view.value


def test_invalid_rule_is_reported_in_lifecycle_status(view):
    rules = {"Rules": [{"ID": "x", "Status": "Enabled", "Filter": {},
                        "Transitions": [{"Days": 5, "StorageClass": "STANDARD_IA"}]}]}
    view._rules.value = json.dumps(rules)
    assert view.timeline is None
    assert "greater than or equal to 30" in view._lc_status.value
    assert view.comparison is not None


def test_broken_json_is_reported(view):
    view._rules.value = "{not json"
    assert view.timeline is None and "⚠" in view._lc_status.value
