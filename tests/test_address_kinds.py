"""Public or private: the classifier's logic against hand-checked addresses, and its view."""

import ipaddress

import pytest
from hypothesis import given, strategies as st

from course.address_kinds import KINDS, SPECIAL_BLOCKS, classify, classify_many
from course.cidr import CidrError
from course.widgets.address_kinds import AddressKindsView, show_address_kinds, split_addresses


@pytest.mark.parametrize("address, kind, block", [
    pytest.param("10.255.255.255", "private", "10.0.0.0/8", id="last-of-10/8"),
    pytest.param("172.16.0.0", "private", "172.16.0.0/12", id="first-of-172.16/12"),
    pytest.param("172.31.255.255", "private", "172.16.0.0/12", id="default-vpc-range-is-private"),
    pytest.param("172.32.0.1", "public", None, id="just-past-172.16/12"),
    pytest.param("172.15.255.255", "public", None, id="just-before-172.16/12"),
    pytest.param("192.168.0.1", "private", "192.168.0.0/16", id="home-router"),
    pytest.param("192.169.0.1", "public", None, id="just-past-192.168/16"),
    pytest.param("127.250.128.39", "loopback", "127.0.0.0/8", id="moto-elastic-ip"),
    pytest.param("169.254.169.254", "link-local", "169.254.0.0/16", id="instance-metadata"),
    pytest.param("100.64.0.1", "shared", "100.64.0.0/10", id="carrier-grade-nat"),
    pytest.param("203.0.113.7", "documentation", "203.0.113.0/24", id="documentation"),
    pytest.param("255.255.255.255", "broadcast", "255.255.255.255/32", id="broadcast-before-240/4"),
    pytest.param("240.0.0.1", "reserved", "240.0.0.0/4", id="class-e"),
    pytest.param("8.8.8.8", "public", None, id="public-dns"),
])
def test_hand_checked_addresses(address, kind, block):
    found = classify(address)
    assert (found.kind, found.block) == (kind, block)
    assert found.internet_routable == (kind == "public")


def test_spaces_around_an_address_are_ignored():
    assert classify("  10.0.0.7 \n").address == "10.0.0.7"


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_private_means_inside_an_rfc1918_block_as_ipaddress_says(n):
    ip = ipaddress.IPv4Address(n)
    rfc1918 = any(ip in ipaddress.IPv4Network(b) for b in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))
    assert (classify(str(ip)).kind == "private") == rfc1918


@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_public_means_outside_every_special_block(n):
    ip = ipaddress.IPv4Address(n)
    special = any(ip in ipaddress.IPv4Network(b) for b, _, _ in SPECIAL_BLOCKS)
    assert (classify(str(ip)).kind == "public") != special


@pytest.mark.parametrize("bad, words", [
    ("10.0.0", "expected 4 octets"),
    ("10.0.0.256", "octet 4 is 256"),
    ("10.0.0.0/8", "is a block; give one address"),
    ("010.0.0.1", "leading zeros are not allowed"),
    (42, "42 is not text"),
])
def test_bad_input_says_what_is_wrong(bad, words):
    with pytest.raises(CidrError, match=words):
        classify(bad)


def test_a_bad_address_in_a_list_does_not_stop_the_others():
    results = classify_many(["10.0.0.1", "nope", "8.8.8.8"])
    assert [getattr(r, "kind", None) for r in results] == ["private", None, "public"]
    assert "expected 4 octets" in str(results[1])


def test_every_kind_has_words_in_the_view():
    from course.widgets.address_kinds import TEXT
    assert set(KINDS) <= set(TEXT["en"])


def test_addresses_split_at_spaces_commas_and_semicolons():
    assert split_addresses(" 10.0.0.1,8.8.8.8;\n1.1.1.1  ") == ["10.0.0.1", "8.8.8.8", "1.1.1.1"]


def test_the_view_classifies_what_is_typed_and_marks_bad_input():
    view = AddressKindsView("")
    assert "Type an IPv4 address" in view.table_html
    view.value = "192.168.1.10, 52.95.110.1 10.0.0.999"
    shown = view.table_html
    assert "RFC 1918" in shown and "yes: unique worldwide" in shown
    assert "octet 4 is 999" in shown and "#fde2e1" in shown
    assert "1 public, 1 private (RFC 1918), 0 special, 1 not addresses." in shown


def test_without_a_kernel_the_table_stands_in():
    bundle = show_address_kinds("127.0.0.1")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "loopback" in bundle["text/html"]
