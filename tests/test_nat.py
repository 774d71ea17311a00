"""NAT logic: static, dynamic and port translation, worked by hand."""

import pytest

from course.nat import NatError, Packet, outbound, inbound, packet

SERVER = "93.184.216.34:443"


def test_a_packet_reads_from_text_and_prints_back():
    p = packet("10.0.1.5:40001 -> 93.184.216.34:443")
    assert (p.src.ip, p.src.port, p.dst.ip, p.dst.port) == ("10.0.1.5", 40001, "93.184.216.34", 443)
    assert str(p) == "10.0.1.5:40001 → 93.184.216.34:443"
    assert packet(str(p)) == p


@pytest.mark.parametrize("bad, words", [
    pytest.param("10.0.1.5:40001", "source ip:port -> destination", id="no-arrow"),
    pytest.param("10.0.1.5 -> 1.2.3.4:80", "source '10.0.1.5' has no ':port'", id="no-port"),
    pytest.param("10.0.1.500:1 -> 1.2.3.4:80", "source address '10.0.1.500' is not an IPv4", id="bad-octet"),
    pytest.param("10.0.1.5:70000 -> 1.2.3.4:80", "destination|source port '70000'", id="port-range"),
    pytest.param(42, "is not text", id="not-text"),
])
def test_a_bad_packet_is_named(bad, words):
    with pytest.raises(NatError, match=words):
        packet(bad)


def test_pat_gives_each_flow_its_own_port_and_reuses_it():
    rewrites, table = outbound("pat", [f"10.0.4.10:40001 -> {SERVER}", f"10.0.4.11:40001 -> {SERVER}",
                                       f"10.0.4.10:40001 -> {SERVER}"], "3.34.0.10")
    assert [str(r.after.src) for r in rewrites] == ["3.34.0.10:1024", "3.34.0.10:1025", "3.34.0.10:1024"]
    assert all(str(r.after.dst) == SERVER for r in rewrites)
    assert len(table.entries) == 2 and "same flow" in rewrites[2].note


def test_pat_maps_a_reply_back_and_drops_what_nobody_asked_for():
    _, table = outbound("pat", [f"10.0.4.10:40001 -> {SERVER}", f"10.0.4.11:40001 -> {SERVER}"], "3.34.0.10")
    back = inbound(table, f"{SERVER} -> 3.34.0.10:1025")
    assert str(back.after.dst) == "10.0.4.11:40001"
    assert inbound(table, "198.51.100.7:5555 -> 3.34.0.10:1025").after is None  # right port, wrong sender
    assert inbound(table, f"{SERVER} -> 3.34.0.10:2000").after is None           # no such flow


def test_static_nat_keeps_ports_and_lets_the_internet_in():
    rewrites, table = outbound("static", [f"10.0.0.5:51000 -> {SERVER}", f"10.0.0.6:51000 -> {SERVER}"],
                               {"10.0.0.5": "3.34.0.10"})
    assert str(rewrites[0].after.src) == "3.34.0.10:51000"
    assert rewrites[1].after is None and "no public address" in rewrites[1].note
    unsolicited = inbound(table, "198.51.100.7:5555 -> 3.34.0.10:22")
    assert str(unsolicited.after.dst) == "10.0.0.5:22"


def test_dynamic_nat_lends_pool_addresses_until_the_pool_runs_out():
    rewrites, table = outbound("dynamic", [f"10.0.0.{n}:1000 -> {SERVER}" for n in (5, 6, 5, 7)],
                               ["3.34.0.10", "3.34.0.11"])
    assert [r.after.src.ip if r.after else None for r in rewrites] == ["3.34.0.10", "3.34.0.11", "3.34.0.10", None]
    assert "pool used up (2 addresses)" in rewrites[3].note
    assert {t.inside.ip for t in table.entries} == {"10.0.0.5", "10.0.0.6"}


@pytest.mark.parametrize("kind, public, words", [
    pytest.param("masquerade", "3.34.0.10", "not one of static, dynamic, pat", id="unknown-kind"),
    pytest.param("pat", ["3.34.0.10"], "PAT shares one public address", id="pat-list"),
    pytest.param("static", "3.34.0.10", "static NAT needs a mapping", id="static-text"),
    pytest.param("dynamic", "3.34.0.10", "dynamic NAT needs a pool", id="dynamic-text"),
    pytest.param("static", {"10.0.0.5": "1.1.1.1", "10.0.0.6": "1.1.1.1"}, "used twice", id="static-shared"),
])
def test_bad_settings_say_what_is_wrong(kind, public, words):
    with pytest.raises(NatError, match=words):
        outbound(kind, [f"10.0.0.5:1 -> {SERVER}"], public)


def test_packets_may_be_given_as_objects():
    p = packet(f"10.0.0.5:1 -> {SERVER}")
    rewrites, _ = outbound("pat", [p], "3.34.0.10", first_port=40000)
    assert isinstance(rewrites[0].after, Packet) and rewrites[0].after.src.port == 40000
