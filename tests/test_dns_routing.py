"""Route 53 routing policies and the resolution walk, worked by hand."""

import random

import pytest

from course.dns_routing import (LATENCY_MS, Query, Record, RecordError, choose, problems, resolve,
                                validate, weighted_counts)

ZONE = "example.com"


def weighted(blue=3, green=1, unhealthy=()):
    return [Record("www.example.com", ("192.0.2.10",), policy="weighted", set_id="blue", weight=blue,
                   healthy="blue" not in unhealthy),
            Record("www.example.com", ("192.0.2.20",), policy="weighted", set_id="green", weight=green,
                   healthy="green" not in unhealthy)]


def latency(**health):
    return [Record("app.example.com", (ip,), policy="latency", set_id=sid, region=region,
                   healthy=health.get(sid, True))
            for ip, sid, region in (("10.0.0.1", "seoul", "ap-northeast-2"), ("10.0.0.2", "tokyo", "ap-northeast-1"),
                                    ("10.0.0.3", "virginia", "us-east-1"))]


def failover(primary=True, secondary=True):
    return [Record("api.example.com", ("198.51.100.1",), policy="failover", set_id="main", failover="PRIMARY",
                   healthy=primary),
            Record("api.example.com", ("198.51.100.2",), policy="failover", set_id="standby",
                   failover="SECONDARY", healthy=secondary)]


class FixedPoint(random.Random):
    """An rng whose uniform() returns a chosen point, so a weighted draw can be worked by hand."""

    def __init__(self, point):
        super().__init__(0)
        self.point = point

    def uniform(self, a, b):
        return self.point


class TestWeighted:
    def test_points_below_3_of_4_draw_blue_and_from_3_on_draw_green(self):
        # Weights 3 and 1 lay blue on [0, 3) and green on [3, 4).
        assert choose(weighted(), Query("www.example.com"), FixedPoint(2.99)).record.set_id == "blue"
        assert choose(weighted(), Query("www.example.com"), FixedPoint(3.0)).record.set_id == "green"

    def test_reason_names_the_weight_and_the_total(self):
        d = choose(weighted(), Query("www.example.com"), FixedPoint(0.5))
        assert "blue has weight 3 of 4" in d.reason and "75%" in d.reason

    def test_1000_queries_are_repeatable_and_near_three_to_one(self):
        a = weighted_counts(weighted(), "www.example.com", 1000, seed=7)
        b = weighted_counts(weighted(), "www.example.com", 1000, seed=7)
        assert a.counts == b.counts and sum(a.counts.values()) == 1000
        assert a.expected == {"blue": 0.75, "green": 0.25}
        assert 700 <= a.counts["blue"] <= 800

    def test_weight_zero_is_never_drawn_while_another_weight_is_positive(self):
        assert weighted_counts(weighted(green=0), "www.example.com", 500).counts == {"blue": 500, "green": 0}

    def test_all_weights_zero_means_equal_chances(self):
        d = weighted_counts(weighted(blue=0, green=0), "www.example.com", 1000)
        assert d.expected == {"blue": 0.5, "green": 0.5}
        assert 400 <= d.counts["blue"] <= 600

    def test_an_unhealthy_record_gets_no_queries(self):
        d = weighted_counts(weighted(unhealthy=["blue"]), "www.example.com", 300)
        assert d.counts == {"blue": 0, "green": 300} and d.expected["green"] == 1.0

    def test_zero_weight_record_answers_when_the_positive_ones_are_unhealthy(self):
        d = choose(weighted(green=0, unhealthy=["blue"]), Query("www.example.com"))
        assert d.record.set_id == "green" and "weight-0" in d.reason

    def test_all_unhealthy_fails_open_to_the_positive_weights_only(self):
        # Route 53 Developer Guide, weighted routing, table "weight 0 record with a health check":
        # weights 1, 1, 0, all three unhealthy -> records 1 and 2 answer, the weight-0 record doesn't.
        records = weighted(blue=1, green=1, unhealthy=["blue", "green"]) + [
            Record("www.example.com", ("192.0.2.30",), policy="weighted", set_id="red", weight=0, healthy=False)]
        d = weighted_counts(records, "www.example.com", 400, seed=3)
        assert d.counts["red"] == 0 and d.counts["blue"] > 0 and d.counts["green"] > 0
        assert d.expected == {"blue": 0.5, "green": 0.5, "red": 0.0}


class TestLatency:
    def test_from_seoul_the_seoul_record_wins(self):
        d = choose(latency(), Query("app.example.com", from_region="ap-northeast-2"))
        assert d.record.set_id == "seoul" and "Seoul one" in d.reason

    def test_from_ireland_the_lowest_in_the_table_wins(self):
        # Ireland: Seoul 250 ms, Tokyo 230 ms, N. Virginia 75 ms in the illustrative table.
        assert choose(latency(), Query("app.example.com", from_region="eu-west-1")).record.set_id == "virginia"

    def test_unhealthy_nearest_region_falls_to_the_next_nearest(self):
        d = choose(latency(seoul=False), Query("app.example.com", from_region="ap-northeast-2"))
        assert d.record.set_id == "tokyo" and "ap-northeast-2 is unhealthy" in d.reason

    def test_table_is_symmetric_and_each_region_is_nearest_to_itself(self):
        for (a, b), ms in LATENCY_MS.items():
            assert LATENCY_MS[(b, a)] == ms
            assert LATENCY_MS[(a, a)] <= ms


class TestFailover:
    def test_healthy_primary_answers(self):
        d = choose(failover(), Query("api.example.com"))
        assert d.values == ("198.51.100.1",) and "primary main is healthy" in d.reason

    def test_unhealthy_primary_hands_over_to_secondary(self):
        d = choose(failover(primary=False), Query("api.example.com"))
        assert d.record.set_id == "standby" and "primary main is unhealthy → secondary" in d.reason

    def test_both_unhealthy_fails_open_to_the_primary(self):
        d = choose(failover(primary=False, secondary=False), Query("api.example.com"))
        assert d.record.set_id == "main" and "as if all were healthy" in d.reason and "main is healthy" not in d.reason


class TestGeolocation:
    RECORDS = [Record("shop.example.com", ("203.0.113.1",), policy="geolocation", set_id="korea", location="KR"),
               Record("shop.example.com", ("203.0.113.2",), policy="geolocation", set_id="asia", location="AS"),
               Record("shop.example.com", ("203.0.113.3",), policy="geolocation", set_id="rest", location="*")]

    @pytest.mark.parametrize("region,expected", [("ap-northeast-2", "korea"), ("ap-northeast-1", "asia"),
                                                 ("us-east-1", "rest")])
    def test_country_then_continent_then_default(self, region, expected):
        assert choose(self.RECORDS, Query("shop.example.com", from_region=region)).record.set_id == expected

    def test_no_match_and_no_default_is_no_answer(self):
        d = choose(self.RECORDS[:1], Query("shop.example.com", from_region="us-east-1"))
        assert d.record is None and "no default" in d.reason


class TestSimpleAndWalk:
    def test_simple_record_returns_all_its_values(self):
        rec = [Record("www.example.com", ("192.0.2.1", "192.0.2.2"))]
        assert choose(rec, Query("www.example.com")).values == ("192.0.2.1", "192.0.2.2")

    def test_walk_visits_stub_root_tld_route53_and_back(self):
        r = resolve(weighted(), Query("www.example.com"), ZONE)
        assert [s.server for s in r.steps] == ["recursive resolver", "root", "TLD .com", "Route 53", "stub resolver"]
        assert "ask the .com TLD" in r.steps[1].answer
        assert "example.com is served by ns-" in r.steps[2].answer
        assert r.steps[3].answer.startswith("Answer: www.example.com A 192.0.2.") and "TTL 300" in r.steps[3].answer

    def test_name_outside_the_zone_is_nxdomain(self):
        r = resolve(weighted(), Query("www.example.org"), ZONE)
        assert r.decision.record is None and "NXDOMAIN" in r.steps[3].answer

    def test_name_without_records_gets_an_empty_answer(self):
        r = resolve(weighted(), Query("mail.example.com"), ZONE)
        assert r.decision.record is None and "no A record named mail.example.com" in r.steps[3].answer


class TestValidation:
    @pytest.mark.parametrize("weight", [-1, 256, 3.5, None])
    def test_weight_outside_0_to_255_names_the_record(self, weight):
        found = problems(weighted(blue=weight))
        assert found == [f"record blue: weight {weight!r} must be a whole number from 0 to 255"]

    def test_weights_0_and_255_are_accepted(self):
        validate(weighted(blue=0, green=255))

    def test_failover_pair_needs_one_primary_and_one_secondary(self):
        two_primaries = [failover()[0], Record("api.example.com", ("1.1.1.1",), policy="failover",
                                               set_id="other", failover="PRIMARY")]
        assert any("needs one PRIMARY and one SECONDARY, found PRIMARY, PRIMARY" in p for p in problems(two_primaries))
        assert any("needs one PRIMARY and one SECONDARY" in p for p in problems(failover()[:1]))

    def test_one_name_cannot_mix_routing_policies(self):
        mixed = weighted()[:1] + [Record("www.example.com", ("192.0.2.9",), policy="latency", set_id="x",
                                         region="us-east-1")]
        assert problems(mixed) == ["www.example.com A: its records mix routing policies (latency, weighted); "
                                   "they must share one"]

    def test_set_identifier_must_be_unique_within_a_name(self):
        dup = [weighted()[0], Record("www.example.com", ("192.0.2.30",), policy="weighted", set_id="blue", weight=1)]
        assert "record blue: set identifier 'blue' is used twice for www.example.com A" in problems(dup)

    def test_cname_at_the_apex_is_refused_with_the_alias_hint(self):
        found = problems([Record("example.com", ("www.example.com",), type="CNAME")], ZONE)
        assert len(found) == 1 and "cannot be at the zone apex" in found[0] and "alias" in found[0]

    def test_cname_below_the_apex_is_fine(self):
        assert problems([Record("blog.example.com", ("example.github.io",), type="CNAME")], ZONE) == []

    def test_validate_reports_every_problem_and_choose_refuses_bad_records(self):
        bad = weighted(blue=300, green=-2)
        with pytest.raises(RecordError) as e:
            validate(bad)
        assert len(e.value.problems) == 2
        with pytest.raises(RecordError):
            choose(bad, Query("www.example.com"))

    @pytest.mark.parametrize("n", [0, -5, 2.5])
    def test_query_count_must_be_positive(self, n):
        with pytest.raises(RecordError, match="number of queries"):
            weighted_counts(weighted(), "www.example.com", n)
