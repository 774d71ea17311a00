"""The SG/NACL evaluator widget, driven by setting control values (no browser)."""

import re

import pytest

from course import traffic as logic
from course.widgets.traffic import TrafficEvaluator, show_traffic, static_html, verdict_html


@pytest.fixture
def view():
    return TrafficEvaluator("web")


def test_web_preset_is_allowed_and_marks_the_deciding_rules(view):
    assert view.result.allowed and view.status == ""
    assert "✓ Allowed" in view.verdict
    # The deciding NACL rule's row is green; later rules are greyed "not reached".
    green = re.findall(r'<tr style="background:#dcfce7"><td[^>]*>([^<]+)</td>', view.verdict)
    assert green == ["110", "sg-web #2", "100"]
    assert "allowed without checking outbound rules" in view.verdict


def test_h5_preset_then_swapped(view):
    view._preset.value = "h5"
    assert view.result.allowed and view.result.steps[0].decided_by == "100"
    assert "not reached: an earlier rule matched" in view.verdict
    view._preset.value = "h5-swapped"
    assert not view.result.allowed
    assert "✗ Blocked: request inbound through the network ACL, decided by 100." in view.verdict
    assert '<tr style="background:#fde2e1">' in view.verdict  # the deny row is red


def test_editing_the_rules_swaps_the_h5_order_by_hand(view):
    view._preset.value = "h5"
    view._nacl_in.value = "100 deny all all 203.0.113.0/24\n200 allow all all 0.0.0.0/0"
    assert view._preset.value == "custom"
    assert not view.result.allowed and view.result.steps[0].decided_by == "100"
    view._source.value = "198.51.100.7"  # outside the denied block: rule 200 lets it in
    assert view.result.allowed and view.result.steps[0].decided_by == "200"


def test_forgotten_ephemeral_ports_then_fixed(view):
    view._preset.value = "ephemeral"
    assert "✗ Blocked: response outbound through the network ACL, decided by *." in view.verdict
    assert "stateless" in view.verdict
    view._nacl_out.value += "\n120 allow tcp 1024-65535 0.0.0.0/0"
    assert view.result.allowed and view.result.steps[3].decided_by == "120"


def test_packet_controls(view):
    view._port.value = 22
    assert not view.result.allowed and view.result.blocked_at.decided_by == "*"
    view._port.value = 443
    view._protocol.value = "udp"
    assert "protocol udp is not tcp" in view.verdict


def test_bad_rules_show_a_message_not_a_traceback(view):
    view._nacl_in.value = "100 allow tcp 80 0.0.0.0/0\n40000 allow tcp 443 0.0.0.0/0"
    assert view.result is None and view.verdict == ""
    assert view.status == ("NACL inbound line 2 ('40000 allow tcp 443 0.0.0.0/0'): "
                           "rule number 40000 is outside 1–32766")
    assert "⚠" in view._status.value and "Traceback" not in view._status.value
    view._nacl_in.value = "100 allow tcp 443 0.0.0.0/0"
    assert view.status == "" and view.result is not None
    view._sg_in.value = "sg-web tcpp 443 0.0.0.0/0"
    assert "unknown protocol 'tcpp'" in view.status
    view._sg_in.value = "sg-web tcp 443 0.0.0.0/0"
    view._source.value = "not-an-ip"
    assert view.status == "packet: source 'not-an-ip' is not an IP address"
    view._source.value = "203.0.113.10"
    view._port.value = 70000
    assert view.status == "packet: port 70000 is outside 0–65535" and view.verdict == ""


def test_loading_your_own_rules():
    acl = logic.new_network_acl()
    view = TrafficEvaluator(packet=logic.Packet("203.0.113.10", "10.0.1.10", "tcp", 443),
                            acl=acl, groups=[logic.new_security_group("sg-mine")])
    assert view._preset.value == "custom" and view._nacl_in.value == ""
    assert view._sg_out.value == "sg-mine all all 0.0.0.0/0"
    assert view.result.blocked_at.decided_by == "*"


def test_show_traffic_has_a_static_stand_in():
    shown = show_traffic("h5")
    bundle = shown._repr_mimebundle_()
    assert "text/html" in bundle and "application/vnd.jupyter.widget-view+json" in bundle
    assert "static copy" in bundle["text/html"] and "100 allow all all 0.0.0.0/0" in bundle["text/html"]
    assert shown.result.allowed  # the wrapper reaches the live widget
    mine = show_traffic(packet=logic.Packet("203.0.113.10", "10.0.1.10", "tcp", 22),
                        acl=logic.default_network_acl(), groups=[logic.default_security_group()])
    assert "✗ Blocked" in mine._repr_mimebundle_()["text/html"]


def test_static_html_of_every_preset():
    for key in logic.scenarios():
        page = static_html(key)
        assert ("✓ Allowed" in page) != ("✗ Blocked" in page), key


def test_verdict_html_escapes():
    s = logic.scenarios()["web"]
    page = verdict_html(logic.round_trip(s.packet, s.acl, s.groups))
    assert "→" in page and "<script" not in page


def test_an_unknown_scenario_is_named():
    with pytest.raises(KeyError, match="no scenario 'web-server'; pick one of web, h5"):
        TrafficEvaluator("web-server")
