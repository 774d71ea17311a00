"""The DNS stepper: the walk, caching by TTL, bad names, and the view's buttons."""

import pytest

from course.dns_walk import normalize, resolve
from course.widgets.dns_walk import DnsWalkView, show_dns_walk


def test_a_cold_resolver_asks_root_then_tld_then_the_authoritative_server():
    lookup = resolve("www.example.com", now=0)
    assert [s.server for s in lookup.steps] == ["root", "com", "example.com"]
    assert [(s.kind, s.zone) for s in lookup.steps] == [("referral", "com"), ("referral", "example.com"), ("answer", None)]
    assert lookup.address == "203.0.113.10" and lookup.upstream_queries == 3


def test_a_second_lookup_within_the_ttl_comes_from_the_cache():
    first = resolve("www.example.com", now=0)
    again = resolve("www.example.com", now=299, cache=first.cache)
    assert [s.server for s in again.steps] == ["cache"] and again.upstream_queries == 0
    assert (again.steps[0].kind, again.steps[0].value, again.steps[0].ttl) == ("cached-answer", "203.0.113.10", 1)


def test_after_the_ttl_only_the_authoritative_server_is_asked_again():
    first = resolve("www.example.com", now=0)
    # A record: TTL 300, gone at 300; the .com referral (TTL 172800) is still cached
    later = resolve("www.example.com", now=300, cache=first.cache)
    assert [s.server for s in later.steps] == ["cache", "example.com"]
    assert [s.kind for s in later.steps] == ["cached-referral", "answer"]
    assert later.upstream_queries == 1


def test_the_callers_cache_is_not_changed():
    first = resolve("www.example.com", now=0)
    before = dict(first.cache)
    resolve("shop.example.com", now=1, cache=first.cache)
    assert first.cache == before


def test_an_unknown_name_ends_in_nxdomain_at_the_zone_that_should_know_it():
    lookup = resolve("nope.example.kr", now=0)
    assert lookup.address is None
    assert [s.server for s in lookup.steps] == ["root", "kr", "example.kr"]
    assert lookup.steps[-1].kind == "nxdomain"


def test_names_are_case_and_trailing_dot_insensitive():
    assert normalize("WWW.Example.COM.") == "www.example.com"


@pytest.mark.parametrize("bad, words", [
    ("", "give a name"),
    ("www..example.com", "label '' is not allowed"),
    ("-bad.example.com", "label '-bad' is not allowed"),
    ("www.exa mple.com", "label 'exa mple' is not allowed"),
    ("a" * 64 + ".com", "is not allowed"),
])
def test_malformed_names_are_refused_with_the_bad_label(bad, words):
    with pytest.raises(ValueError, match=words):
        normalize(bad)


def test_a_negative_clock_is_refused():
    with pytest.raises(ValueError, match="now must be 0 or more"):
        resolve("www.example.com", now=-1)


def test_the_view_caches_waits_and_flushes():
    view = DnsWalkView("www.example.com", wait_seconds=300)
    view.look_up()
    assert "3 server(s) asked" in view.output.value
    view.look_up()
    assert "resolver&#x27;s cache" in view.output.value and "0 server(s) asked" in view.output.value
    assert "from the cache (300 s of its TTL left)" in view.output.value
    view.wait()
    assert "Resolver clock: 300 s" in view.clock.value
    view.look_up()
    assert "1 server(s) asked" in view.output.value
    view.flush()
    view.look_up()
    assert "3 server(s) asked" in view.output.value


def test_the_view_shows_a_bad_name_without_a_traceback():
    view = DnsWalkView("www..example.com")
    view.look_up()
    assert "✗" in view.output.value and "not allowed" in view.output.value


def test_without_a_kernel_the_first_lookup_stands_in():
    bundle = show_dns_walk()._repr_mimebundle_()
    assert "root server" in bundle["text/html"] and "203.0.113.10" in bundle["text/html"]
