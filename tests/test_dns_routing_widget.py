"""The DNS walk-through widget, driven by setting control values (no browser)."""

import matplotlib
import pytest

matplotlib.use("Agg")

from course.widgets.dns_routing import DnsRoutingView, show_dns_routing  # noqa: E402


@pytest.fixture
def view():
    return DnsRoutingView(queries=200)


def test_weighted_view_shows_the_whole_walk_the_answer_and_a_chart(view):
    assert "root" in view.html and "TLD .com" in view.html and "Route 53" in view.html
    assert "Route 53 answers:" in view._answer.value and "of 4 in total" in view._answer.value
    assert view.chart_png.startswith(b"\x89PNG")
    assert sum(view.distribution.counts.values()) == 200


def test_stepping_back_hides_the_answer_until_the_last_step(view):
    view._prev.click()
    assert view._step.value == 4 and "Step through to the end" in view._answer.value
    assert view._steps_html.value.count("<tr") == 1 + 4  # header + four steps
    view._next.click()
    assert "Route 53 answers:" in view._answer.value


def test_failover_health_toggle_switches_to_the_secondary(view):
    view._policy.value = "failover"
    assert "primary main is healthy" in view._answer.value
    view._health["main"].value = False
    assert "198.51.100.10" in view._answer.value and "→ secondary standby" in view._answer.value
    assert view.chart_png == b""


def test_latency_answer_follows_the_resolver_region_and_says_the_table_is_illustrative(view):
    view._policy.value = "latency"
    assert "Seoul one" in view._answer.value and "illustrative" in view._note.value
    view._from.value = "eu-west-1"
    assert "Ireland one" in view._answer.value


def test_weight_edit_changes_the_distribution(view):
    view._weights.value = "blue=0, green=5"
    assert view.distribution.counts == {"blue": 0, "green": 200}


@pytest.mark.parametrize("text,message", [("blue=300, green=1", "record blue: weight 300 must be"),
                                          ("blue three", "could not read 'blue three'"),
                                          ("red=2", "no weighted record 'red'")])
def test_bad_weights_show_a_clear_message_and_keep_the_last_answer(view, text, message):
    before = view.resolution
    view._weights.value = text
    assert message in view.status and "⚠" in view._status.value
    assert view.resolution is before
    view._weights.value = "blue=1, green=1"
    assert view.status == ""


def test_static_stand_in_carries_the_walk_and_the_chart():
    shown = show_dns_routing("weighted")
    bundle = shown._repr_mimebundle_()
    assert "Route 53 answers:" in bundle["text/html"] and "data:image/png;base64," in bundle["text/html"]
