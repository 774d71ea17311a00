"""Round-robin over healthy servers, worked by hand, and the redundancy view."""

import pytest

from course.load_balancing import spread
from course.widgets.load_balancing import LoadBalancerView, show_load_balancer


def test_requests_go_round_robin_to_healthy_servers_only():
    s = spread(5, {"a": True, "b": False, "c": True})
    assert s.order == ("a", "c", "a", "c", "a")
    assert s.per_server == {"a": 3, "b": 0, "c": 2} and s.failed == 0


def test_fewer_requests_than_servers_still_counts_every_healthy_server():
    view = LoadBalancerView(requests=1)
    assert "All 1 requests served by 3 healthy server(s)." in view.output.value


def test_with_no_healthy_server_every_request_fails():
    s = spread(4, {"a": False, "b": False})
    assert s.failed == 4 and s.served == 0 and s.order == (None,) * 4


def test_bad_input_is_named():
    with pytest.raises(ValueError, match="requests can't be negative, got -1"):
        spread(-1, {"a": True})
    with pytest.raises(ValueError, match="at least one server"):
        spread(3, {})


def test_failing_one_server_moves_its_share_to_the_others():
    view = LoadBalancerView(requests=9)
    assert "All 9 requests served by 3 healthy server(s)." in view.output.value
    view.health["web-3"].value = False
    assert "All 9 requests served by 2 healthy server(s)." in view.output.value
    view.health["web-1"].value = False
    view.health["web-2"].value = False
    assert "9 of 9 requests failed" in view.output.value and "#fde2e1" in view.output.value


def test_without_a_kernel_the_table_stands_in():
    bundle = show_load_balancer()._repr_mimebundle_()
    assert "web-1" in bundle["text/html"]
