"""The key-design explorer's view, driven by setting control values (no browser)."""

import matplotlib
import pytest

matplotlib.use("Agg")

from course import dynamodb_keys as logic  # noqa: E402
from course.widgets.dynamodb_keys import (KeyDesignExplorer, format_gsis, parse_gsis,  # noqa: E402
                                          show_dynamodb_keys, spread_figure)

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture
def view():
    return KeyDesignExplorer("orders")


def test_the_good_design_needs_no_scan_and_shows_the_hot_customer(view):
    assert view.exploration is not None and not view.exploration.scans
    assert "none needs a Scan" in view._status.value
    assert "hot by items: C01" in view._spreads.value
    assert view.chart_png.startswith(PNG_MAGIC)
    assert "Query" in view.table_html and "GSI by-status" in view.table_html


def test_choosing_the_order_id_design_turns_three_patterns_into_scans(view):
    view._design.value = "order id only"
    assert view._pk.value == "order_id" and view._sk.value == "" and view._gsis.value == ""
    assert "3 of 4 patterns need a Scan" in view._status.value
    assert view.table_html.count("Scan reads all 40 items") == 3
    assert "GetItem" in view.table_html


def test_editing_the_gsis_changes_the_plan(view):
    view._design.value = "order id only"
    view._gsis.value = "by-customer = customer_id / ordered_at"
    plans = {p.pattern.name: p for p in view.exploration.plans}
    assert plans["All orders of customer C03"].operation == "Query"
    assert plans["All orders of customer C03"].index == "by-customer"
    assert "1 of 4 patterns need a Scan" in view._status.value


def test_a_pattern_on_a_missing_attribute_is_named_and_the_last_table_dims(view):
    good = view.table_html
    view._patterns.value = "Red ones: colour = red"
    assert view.exploration is None
    assert "access pattern 'Red ones' uses the attribute 'colour', which no item has" in view.status
    assert "opacity:0.35" in view.table_html and "All pending orders" in good
    view._patterns.value = "Pending: status = PENDING"
    assert view.exploration is not None and view.status == ""


def test_a_key_attribute_missing_from_items_is_named(view):
    view._sk.value = "total_with_tax"
    assert "item 0 has no 'total_with_tax', the table's sort key" in view.status


def test_switching_data_sets_loads_its_designs_and_patterns(view):
    view._sample.value = "readings"
    assert view._design.value == "sensor + time" and "sensor_id = S2" in view._patterns.value
    assert view.exploration.table.attribute == "sensor_id"


def test_gsi_text_round_trips_and_bad_text_is_quoted():
    gsis = (logic.Index("a-idx", "x", "y"), logic.Index("b-idx", "z"))
    assert parse_gsis(format_gsis(gsis)) == gsis
    with pytest.raises(logic.KeyDesignError, match="cannot read 'no equals sign'"):
        parse_gsis("no equals sign")


def test_the_chart_marks_hot_values_in_red():
    spread = logic.explore(logic.SAMPLES["orders"].items, logic.KeyDesign("customer_id", "ordered_at")).table
    fig = spread_figure(spread)
    bars = fig.axes[0].patches
    assert len(bars) == len(spread.items)
    red = [b for b in bars if matplotlib.colors.to_hex(b.get_facecolor()) == "#d13212"]
    assert len(red) == 1 and bars[0].get_height() == 20


def test_without_a_kernel_a_static_chart_and_table_stand_in():
    bundle = show_dynamodb_keys("orders", "order id only")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith('<img src="data:image/png;base64,')
    assert "Scan reads all 40 items" in bundle["text/html"]
