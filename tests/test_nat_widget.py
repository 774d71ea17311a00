"""The NAT view: controls in, the rewrites and the translation table out; bad input named."""

from course.widgets.nat import NatView, public_setting, show_nat


def test_pat_by_default_shows_ports_and_the_table():
    view = NatView()
    assert [after for _, after, _ in view.rows] == ["3.34.0.10:1024 → 93.184.216.34:443",
                                                    "3.34.0.10:1025 → 93.184.216.34:443",
                                                    "3.34.0.10:1026 → 93.184.216.34:443"]
    assert "3 packets, 0 dropped, 3 rows in the table." in view.html
    assert "Translation table" in view.html and "10.0.4.11:40001" in view.html


def test_switching_kind_brings_its_own_public_side():
    view = NatView()
    view._kind.value = "dynamic"
    assert view._public.value == "3.34.0.10"
    assert [after for _, after, _ in view.rows][1] == "dropped"  # a pool of one
    assert "1 dropped" in view.status
    view._kind.value = "static"
    assert view.rows[1][1].startswith("3.34.0.11:40001")


def test_a_bad_packet_shows_a_message_and_keeps_the_last_result_dimmed():
    view = NatView()
    good = list(view.rows)
    view._packets.value = "10.0.4.10:40001 -> 93.184.216.34"
    assert view.status.startswith("⚠") and "has no ':port'" in view.status
    assert view.rows == good and "opacity:0.35" in view.html


def test_a_static_pair_without_equals_is_named():
    view = NatView(kind="static", public="10.0.4.10 3.34.0.10")
    assert "write each static mapping as private=public" in view.status


def test_public_setting_reads_each_kind():
    assert public_setting("pat", " 3.34.0.10 ") == "3.34.0.10"
    assert public_setting("dynamic", "1.1.1.1, 2.2.2.2") == ["1.1.1.1", "2.2.2.2"]
    assert public_setting("static", "10.0.0.5=1.1.1.1") == {"10.0.0.5": "1.1.1.1"}


def test_the_stand_in_carries_the_tables():
    shown = show_nat()
    bundle = shown._repr_mimebundle_()
    assert "Translation table" in bundle["text/html"] and "3.34.0.10:1024" in bundle["text/html"]
