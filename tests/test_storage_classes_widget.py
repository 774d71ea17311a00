"""The storage-class widget, driven by setting control values (no browser)."""

import asyncio
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
    assert "aws.amazon.com" in view._why.value and "checked 2026-11-27" in view._why.value
    assert "source dated 2025" in view._why.value  # copied prices show how old the copy is


def test_why_panel_shows_the_upload_requests(view):
    view._pick.value = "GLACIER"
    assert "uploads" in view._why.value and "PUT requests to upload (one per object)" in view._why.value


def test_status_line_says_when_prices_were_checked_and_how_old_their_sources_are(view):
    assert "us-east-1 prices checked 2026-11-27, from sources dated 2025" in view.status


def test_note_names_every_unverified_class_property():
    # The note once said all class properties were verified while the data marked
    # several Express One Zone and Reduced Redundancy figures unverified.
    from course.storage_classes import unverified_properties
    from course.widgets.storage_classes import PROPERTY_WORDS, unverified_note
    note = unverified_note()
    unverified = unverified_properties()
    assert {"EXPRESS_ONEZONE", "REDUCED_REDUNDANCY"} <= set(unverified)
    for sc, names in unverified.items():
        part = note.split(f"{sc}: ")[1].split(";")[0]
        for name in names:
            assert PROPERTY_WORDS.get(name, name) in part, (sc, name)
    assert "class properties (durability, minimum days and sizes) and the lifecycle rules are verified" not in note


def test_unverified_prices_get_one_note_and_a_dagger_each(view):
    note = view._note.value
    assert "unverified" in note and "drawn by script" in note and "https://aws.amazon.com/s3/pricing/" in note
    rows = {r.split("</b>")[0]: r for r in view._table.value.split("<tr><td><b>")[1:]}
    assert "†" in rows["STANDARD"] and "†" not in rows["EXPRESS_ONEZONE"]  # Express One Zone's prices are verified
    assert "color:#b00" not in view._table.value and "UNVERIFIED" not in view._why.value
    assert "†" in view._why.value


def test_bad_input_shows_message_and_keeps_running(view):
    view._objects.value = -5
    assert view.comparison is None and "objects must be a number >= 0" in view.status
    view._objects.value = 10
    assert view.comparison is not None and "✓" in view.status


def test_bad_input_marks_the_last_table_stale_and_hides_the_plot(view):
    good = view._table.value
    view._objects.value = -5
    assert view.stale and view._table.value.startswith('<p style="color:#b00')
    assert "Showing the last valid input" in view._table.value and "Showing the last valid input" in view._why.value
    assert good in view._table.value and "opacity:0.35" in view._table.value
    assert view._plot.layout.display == "none" and view.plotted_classes == ()
    view._objects.value = 10
    assert not view.stale and "last valid" not in view._table.value and "last valid" not in view._why.value
    assert view._plot.layout.display is None and view.plotted_classes


def test_only_regions_with_prices_are_offered_and_each_one_works(view):
    # The dropdown once offered ap-northeast-2, which could only ever say "no prices for Region".
    from course.storage_classes import priced_regions
    assert tuple(view._region.options) == priced_regions() and "ap-northeast-2" not in view._region.options
    for region in view._region.options:
        view._region.value = region
        assert view.comparison is not None and not view.stale, view.status
    assert "ap-northeast-2" in view._region_note.value and "us-east-1" in view._region_note.value


def test_a_region_without_prices_is_still_a_clear_error_in_the_logic():
    from course.storage_classes import StorageClassError, Workload, compare
    with pytest.raises(StorageClassError, match="no prices for Region 'ap-northeast-2'"):
        compare(Workload(objects=1, object_size_kb=1, months_kept=1, region="ap-northeast-2"))


def test_cheap_classes_are_not_squashed_by_express_one_zone(view):
    # No reads: Express One Zone costs ~10x the cheapest class. On a linear axis it set the
    # scale and the seven cheaper curves ended in the bottom sixth of the plot.
    view._gb_read.value = 0
    view._gets.value = 0
    heights = view.curve_heights
    assert max(heights, key=heights.get) == "EXPRESS_ONEZONE"
    cheap = [h for sc, h in heights.items() if sc != "EXPRESS_ONEZONE"]
    assert min(cheap) >= 0.25, heights
    assert max(cheap) - min(cheap) >= 0.15, f"the cheap classes are drawn apart: {heights}"


PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("control, value", [
    pytest.param("_months", 24, id="months-kept"),
    pytest.param("_size_kb", 4.0, id="object-size"),
    pytest.param("_ms", True, id="millisecond-constraint"),
    pytest.param("_az", True, id="az-constraint"),
])
def test_plot_is_redrawn_when_an_input_changes(view, control, value):
    before = view.plot_png
    getattr(view, control).value = value
    assert view.plot_png.startswith(PNG_MAGIC) and view.plot_png != before


@pytest.mark.parametrize("control, gone", [
    pytest.param("_ms", {"GLACIER", "DEEP_ARCHIVE"}, id="millisecond-drops-archives"),
    pytest.param("_az", {"ONEZONE_IA", "EXPRESS_ONEZONE"}, id="az-loss-drops-one-zone"),
])
def test_excluded_classes_are_not_drawn(view, control, gone):
    assert gone <= set(view.plotted_classes)
    getattr(view, control).value = True
    assert not gone & set(view.plotted_classes)
    assert set(view.plotted_classes) == {e.storage_class for e in view.comparison.ranked}


def test_plot_follows_months_kept(view):
    view._months.value = 24
    assert all(len(c) == 24 for c in view.curves.values())


def test_debounced_update_redraws_the_plot():
    """In a running event loop the redraw happens in a call_later callback (the path a kernel takes)."""
    async def drive():
        v = StorageClassesView(debounce_seconds=0.01)
        before = v.plot_png
        v._months.value = 36
        assert v.plot_png == before  # not yet: the update is scheduled
        while v._pending is not None:
            await asyncio.sleep(0.02)
        return before, v

    before, v = asyncio.run(drive())
    assert v.plot_png != before and all(len(c) == 36 for c in v.curves.values())


def _label_px(text: str) -> float:
    """Width of ``text`` in JupyterLab's 13 px widget font (DejaVu Sans, what Chromium falls back to)."""
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties
    w, _, _ = RendererAgg(10, 10, 72).get_text_width_height_descent(
        text, FontProperties(family="DejaVu Sans", size=13), ismath=False)
    return w


def _px(css: str) -> float:
    assert css.endswith("px"), css
    return float(css[:-2])


def test_no_input_label_or_box_is_cut(view):
    labelled = [view._objects, view._size_kb, view._months, view._region, view._gets, view._puts,
                view._gb_read, view._delete_after]
    for c in labelled:
        label = _px(c.style.description_width)
        assert label >= _label_px(c.description) + 8, c.description  # 8 px: the label's right margin
        assert _px(c.layout.width) - label >= 110, c.description
    for c in (view._ms, view._az, view._legacy):
        assert c.indent is False and c.layout.width == "auto", c.description
    assert view._rules.description == ""  # labelled by a heading instead of a narrow description


def test_plot_has_one_rising_curve_per_ranked_class(view):
    view._months.value = 6
    assert set(view.curves) == {e.storage_class for e in view.comparison.ranked}
    assert all(len(c) == 6 and c == sorted(c) for c in view.curves.values())


def test_lifecycle_timeline_follows_rules(view):
    view._size_kb.value = 1024.0
    view._lc_days.value = 400
    assert [s for _, _, s in view.timeline.segments("object")] == ["STANDARD", "STANDARD_IA", "GLACIER", "deleted"]
    assert "day 30: transition STANDARD → STANDARD_IA" in view._lc_view.value
    assert "day 365: expired (deleted) from GLACIER" in view._lc_view.value and "→ -" not in view._lc_view.value


def test_numbers_read_naturally(view):
    view._objects.value = 1
    view._size_kb.value = 1024.0 * 1024
    view._pick.value = "STANDARD"
    assert "1 object × 1,048,576 KB" in view._why.value
    assert "e+" not in view._why.value and "1 objects" not in view._lc_status.value


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
    assert "Showing the last valid rules" in view._lc_view.value and "STANDARD_IA" in view._lc_view.value
