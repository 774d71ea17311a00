"""The S3 storage-class cost model, checked by hand-worked examples and properties."""

import doctest
import re
from dataclasses import replace

import pytest
from hypothesis import given, settings, strategies as st

import course.storage_classes as sc
from course.storage_classes import (CLASS_IDS, GB_IN_KB, Constraints, StorageClassError, Workload,
                                    compare, cumulative_costs, estimate, load_data, price)


def line(e, item):
    return next(l for l in e.lines if l.item == item)


def rate(cls, name="storage_gb_month"):
    return price(cls, name).value


class TestDataFile:
    """Every figure in the data file says where it came from and whether it was verified."""

    def _figures(self, node, path=""):
        if isinstance(node, dict) and "value" in node:
            yield path, node
        elif isinstance(node, dict):
            for k, v in node.items():
                yield from self._figures(v, f"{path}.{k}")

    def test_every_figure_has_aws_source_date_checked_and_verified_flag(self):
        figures = list(self._figures(load_data()))
        assert len(figures) > 150
        for path, fig in figures:
            assert re.match(r"https://(docs\.aws\.amazon\.com|aws\.amazon\.com|repost\.aws)/", fig["source"]), path
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fig["checked"]), path
            assert "2026-11-01" <= fig["checked"] <= "2026-12-02", path
            assert isinstance(fig["verified"], bool), path

    def test_one_schema_across_the_file(self):
        # A check date is never written where a source date belongs: the old single
        # as_of key recorded the day of checking even for prices copied from 2025 pages.
        allowed = {"value", "source", "checked", "source_date", "verified", "unit", "note"}
        for path, fig in self._figures(load_data()):
            assert set(fig) <= allowed, (path, set(fig) - allowed)
        assert "as_of" not in load_data()["meta"]

    def test_source_dates_are_dates_no_later_than_the_check(self):
        dated = [(p, f) for p, f in self._figures(load_data()) if "source_date" in f]
        assert dated
        for path, fig in dated:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?|undated", fig["source_date"]), path
            assert fig["source_date"] == "undated" or fig["source_date"] <= fig["checked"], path

    def test_prices_read_from_copies_carry_the_copies_date(self):
        # An unverified price came from a copy of the pricing page, not from AWS on the check day.
        for path, fig in self._figures(load_data()["prices"]):
            if not fig["verified"]:
                assert fig.get("source_date"), path
        assert sc.price_dates("us-east-1") == ("2026-11-27", "2025")

    def test_reduced_redundancy_facts_not_confirmed_on_the_current_page_are_unverified(self):
        rrs = sc.unverified_properties()["REDUCED_REDUNDANCY"]
        assert {"durability_percent", "availability_percent", "availability_zones", "min_storage_days"} <= set(rrs)
        moves = load_data()["lifecycle"]["rrs_transition_targets"]
        assert moves["value"] == ["DEEP_ARCHIVE"] and moves["verified"] is False
        assert moves["source_date"] < moves["checked"]

    def test_cite_names_check_date_and_older_source_date(self):
        assert price("STANDARD", "storage_gb_month").cite() == (
            "https://aws.amazon.com/s3/pricing/ (checked 2026-11-27; source dated 2025) †")
        assert "source undated" in price("REDUCED_REDUNDANCY", "storage_gb_month").cite()
        assert sc.class_figure("GLACIER", "min_storage_days").cite().endswith("(checked 2026-11-27)")

    def test_every_class_has_every_property_and_us_east_1_prices(self):
        props = ("durability_percent", "availability_percent", "sla_percent", "availability_zones",
                 "min_storage_days", "min_billable_kb", "overhead_kb_at_standard_rate",
                 "overhead_kb_at_class_rate", "retrieval_fee", "first_byte_latency", "survives_az_loss")
        for cls in CLASS_IDS:
            for p in props:
                assert p in load_data()["classes"][cls], (cls, p)
            assert price(cls, "storage_gb_month") is not None

    @pytest.mark.parametrize("cls, days", [
        pytest.param("STANDARD", 0, id="standard-none"),
        pytest.param("STANDARD_IA", 30, id="standard-ia-30"),
        pytest.param("ONEZONE_IA", 30, id="onezone-ia-30"),
        pytest.param("GLACIER_IR", 90, id="glacier-ir-90"),
        pytest.param("GLACIER", 90, id="glacier-flexible-90"),
        pytest.param("DEEP_ARCHIVE", 180, id="deep-archive-180"),
        pytest.param("INTELLIGENT_TIERING", 0, id="intelligent-tiering-none-since-2021"),
    ])
    def test_minimum_storage_durations_match_aws_table(self, cls, days):
        assert load_data()["classes"][cls]["min_storage_days"]["value"] == days
        assert load_data()["classes"][cls]["min_storage_days"]["verified"] is True


class TestHandWorkedExamples:
    """Examples a reader can redo with a calculator."""

    def test_1kb_object_in_standard_ia_is_billed_as_128kb(self):
        e = estimate("STANDARD_IA", Workload(objects=1, object_size_kb=1, months_kept=1))
        billed_kb = (line(e, "storage").usd + line(e, "minimum-size padding").usd) / rate("STANDARD_IA") * GB_IN_KB
        assert billed_kb == pytest.approx(128)
        assert "128 KB" in line(e, "minimum-size padding").formula

    def test_deleting_deep_archive_object_after_30_days_bills_180_days(self):
        w = Workload(objects=1, object_size_kb=GB_IN_KB, months_kept=12, delete_after_days=30)
        e = estimate("DEEP_ARCHIVE", w)
        day_rate = (1 + 32 / GB_IN_KB) * rate("DEEP_ARCHIVE") / 30  # 1 GB + 32 KB index at class rate
        assert line(e, "early-deletion charge").usd == pytest.approx(150 * day_rate)
        assert line(e, "storage").usd == pytest.approx(30 * rate("DEEP_ARCHIVE") / 30)
        assert "150 more days" in line(e, "early-deletion charge").formula

    def test_intelligent_tiering_objects_under_128kb_pay_no_monitoring(self):
        small = estimate("INTELLIGENT_TIERING", Workload(objects=1_000_000, object_size_kb=127, months_kept=1))
        big = estimate("INTELLIGENT_TIERING", Workload(objects=1_000_000, object_size_kb=128, months_kept=1))
        assert line(small, "monitoring").usd == 0
        assert line(big, "monitoring").usd == pytest.approx(1000 * rate("INTELLIGENT_TIERING",
                                                                         "monitoring_per_1000_objects_month"))

    def test_glacier_flexible_object_adds_40kb_overhead(self):
        e = estimate("GLACIER", Workload(objects=1_000_000, object_size_kb=1, months_kept=1))
        expected = 1_000_000 * (8 * rate("STANDARD") + 32 * rate("GLACIER")) / GB_IN_KB
        assert line(e, "per-object overhead").usd == pytest.approx(expected)
        assert line(e, "minimum-size padding").usd == 0

    def test_glacier_standard_restore_matches_aws_repost_example(self):
        # re:Post: 15,000,000 objects, 102,400 GB, Standard retrieval = $750 + $1,024.
        w = Workload(objects=0, object_size_kb=1, months_kept=1, gets_per_month=15_000_000,
                     gb_retrieved_per_month=102_400)
        assert line(estimate("GLACIER", w), "retrieval").usd == pytest.approx(1774)

    def test_express_one_zone_matches_s3_faq_example(self):
        # S3 FAQ example 1: 10 GB, 1M writes, 9M reads of 10 KB: $1.10 + $1.13 + $0.27 + upload + retrieval.
        w = Workload(objects=1_048_576, object_size_kb=10, months_kept=1, puts_per_month=1_000_000,
                     gets_per_month=9_000_000, gb_retrieved_per_month=9_000_000 * 10 / GB_IN_KB)
        e = estimate("EXPRESS_ONEZONE", w)
        assert line(e, "storage").usd == pytest.approx(1.10)
        assert line(e, "requests").usd == pytest.approx(1.13 + 0.27)
        uploads = line(e, "uploads").usd  # the cohort's own upload, which the FAQ example leaves out
        assert e.total_usd - uploads == pytest.approx(2.58, abs=0.01)
        assert e.verified

    def test_lifecycle_arrival_adds_one_transition_request_per_object(self):
        w = Workload(objects=1_000_000, object_size_kb=1024, via_lifecycle=True)
        assert line(estimate("DEEP_ARCHIVE", w), "transitions").usd == pytest.approx(
            1000 * rate("DEEP_ARCHIVE", "transition_in_per_1000"))

    @pytest.mark.parametrize("cls, usd", [
        pytest.param("STANDARD_IA", 10.0, id="standard-ia-10-dollars"),
        pytest.param("GLACIER", 30.0, id="glacier-flexible-30-dollars"),
        pytest.param("DEEP_ARCHIVE", 50.0, id="deep-archive-50-dollars"),
        pytest.param("STANDARD", 5.0, id="standard-5-dollars"),
    ])
    def test_first_month_charges_the_puts_that_uploaded_the_objects(self, cls, usd):
        # A million objects put straight into the class: one PUT each, at the class's PUT rate.
        e = estimate(cls, Workload(objects=1_000_000, object_size_kb=1, months_kept=1))
        assert line(e, "uploads").usd == pytest.approx(usd)
        assert usd == pytest.approx(1000 * rate(cls, "put_per_1000"))
        assert "1,000,000 PUT requests" in line(e, "uploads").formula and "once" in line(e, "uploads").formula
        assert e.total_usd > usd

    def test_uploads_are_charged_once_not_every_month(self):
        one, two = (estimate("GLACIER", Workload(objects=1000, object_size_kb=1, months_kept=m)) for m in (1, 24))
        assert line(one, "uploads").usd == line(two, "uploads").usd == pytest.approx(0.03)

    def test_lifecycle_path_puts_into_standard_then_pays_the_transition(self):
        w = Workload(objects=1_000_000, object_size_kb=1024, months_kept=1, via_lifecycle=True)
        e = estimate("GLACIER", w)
        assert line(e, "uploads").usd == pytest.approx(1000 * rate("STANDARD", "put_per_1000"))
        assert "into STANDARD" in line(e, "uploads").formula
        assert line(e, "transitions").usd == pytest.approx(1000 * rate("GLACIER", "transition_in_per_1000"))

    def test_express_one_zone_upload_pays_per_gb_too(self):
        e = estimate("EXPRESS_ONEZONE", Workload(objects=1024, object_size_kb=1024, months_kept=1))
        assert line(e, "uploads").usd == pytest.approx(1.024 * rate("EXPRESS_ONEZONE", "put_per_1000")
                                                       + 1 * rate("EXPRESS_ONEZONE", "upload_per_gb"))


class TestErrors:
    @pytest.mark.parametrize("field, value", [
        pytest.param("objects", -1, id="negative-objects"),
        pytest.param("object_size_kb", -0.5, id="negative-size"),
        pytest.param("months_kept", float("nan"), id="nan-months"),
        pytest.param("delete_after_days", -3, id="negative-delete-after"),
    ])
    def test_bad_workload_names_the_field(self, field, value):
        with pytest.raises(StorageClassError) as err:
            Workload(**{field: value})
        assert err.value.field == field and field in str(err.value)
        assert isinstance(err.value, ValueError)

    def test_unknown_class_suggests_the_nearest(self):
        with pytest.raises(StorageClassError, match="did you mean 'GLACIER_IR'"):
            estimate("GLACIER-IR", Workload())

    def test_region_without_prices_says_so(self):
        with pytest.raises(StorageClassError, match="ap-northeast-2"):
            estimate("STANDARD", Workload(region="ap-northeast-2"))


class TestCompare:
    def test_ranked_cheapest_first(self):
        c = compare(Workload(objects=10_000, object_size_kb=4096, months_kept=24))
        totals = [e.total_usd for e in c.ranked]
        assert totals == sorted(totals) and c.cheapest is c.ranked[0]

    @pytest.mark.parametrize("constraints, excluded", [
        pytest.param(Constraints(millisecond_access=True), {"GLACIER", "DEEP_ARCHIVE"}, id="millisecond"),
        pytest.param(Constraints(survive_az_loss=True), {"ONEZONE_IA", "EXPRESS_ONEZONE"}, id="az-loss"),
    ])
    def test_constraints_exclude_with_reason(self, constraints, excluded):
        c = compare(Workload(), constraints)
        reasons = dict(c.excluded)
        assert excluded <= set(reasons)
        assert all(reasons[x] for x in excluded)
        assert not excluded & {e.storage_class for e in c.ranked}

    def test_legacy_rrs_excluded_unless_asked(self):
        assert "REDUCED_REDUNDANCY" in dict(compare(Workload()).excluded)
        assert "REDUCED_REDUNDANCY" in {e.storage_class for e in
                                        compare(Workload(), Constraints(include_legacy=True)).ranked}


workloads = st.builds(
    Workload,
    objects=st.integers(0, 10**7),
    object_size_kb=st.floats(0, 10**7, allow_nan=False),
    months_kept=st.integers(1, 60),
    gets_per_month=st.integers(0, 10**8),
    puts_per_month=st.integers(0, 10**7),
    gb_retrieved_per_month=st.floats(0, 10**5, allow_nan=False),
    delete_after_days=st.one_of(st.none(), st.integers(0, 2000)),
    via_lifecycle=st.booleans(),
)
classes = st.sampled_from(CLASS_IDS)


@settings(max_examples=60, deadline=None)
@given(classes, workloads, st.integers(1, 10**6))
def test_more_reads_never_cost_less(cls, w, extra):
    more = replace(w, gets_per_month=w.gets_per_month + extra, gb_retrieved_per_month=w.gb_retrieved_per_month + 1)
    assert estimate(cls, more).total_usd >= estimate(cls, w).total_usd - 1e-9


@settings(max_examples=60, deadline=None)
@given(classes, workloads, st.integers(1, 24))
def test_more_months_never_cost_less(cls, w, extra):
    assert estimate(cls, replace(w, months_kept=w.months_kept + extra)).total_usd >= \
        estimate(cls, w).total_usd - 1e-9


@settings(max_examples=60, deadline=None)
@given(classes, workloads)
def test_lines_sum_to_total_and_none_negative(cls, w):
    e = estimate(cls, w)
    assert sum(l.usd for l in e.lines) == pytest.approx(e.total_usd)
    assert all(l.usd >= 0 and l.formula for l in e.lines)
    assert {l.item for l in e.lines} >= {"minimum-size padding", "per-object overhead", "uploads", "requests",
                                         "retrieval",
                                         "early-deletion charge", "monitoring", "transitions"}


@settings(max_examples=60, deadline=None)
@given(classes, workloads)
def test_formulas_have_no_exponents_or_plural_one(cls, w):
    for l in estimate(cls, w).lines:
        assert not re.search(r"\de[+-]\d", l.formula), l.formula
        assert not re.search(r"(?<![\d,.])1 (objects|months)\b", l.formula), l.formula


@pytest.mark.parametrize("workload, item, words", [
    pytest.param(Workload(objects=1, object_size_kb=GB_IN_KB, months_kept=1), "storage",
                 "1 object × 1,048,576 KB = 1 GB", id="one-gib-object"),
    pytest.param(Workload(objects=1_000_000, object_size_kb=1, months_kept=1), "minimum-size padding",
                 "1,000,000 × 127 KB extra = 121.12 GB", id="million-small-objects"),
])
def test_formulas_read_like_sentences(workload, item, words):
    assert words in line(estimate("STANDARD_IA", workload), item).formula


@pytest.mark.parametrize("x, text", [
    pytest.param(1_048_576, "1,048,576", id="whole-number"),
    pytest.param(0.0125, "0.0125", id="price"),
    pytest.param(1 / GB_IN_KB, "0.0000009537", id="one-kb-in-gb"),
    pytest.param(122.0703125, "122.07", id="hundreds"),
])
def test_readable_numbers(x, text):
    assert sc.readable(x) == text


@given(st.floats(0, 1e12, allow_nan=False))
def test_readable_never_uses_an_exponent(x):
    assert "e" not in sc.readable(x)


def test_cumulative_costs_never_fall():
    costs = cumulative_costs("GLACIER_IR", Workload(objects=1000, delete_after_days=45), 12)
    assert len(costs) == 12 and costs == sorted(costs)


def test_docstring_examples():
    assert doctest.testmod(sc).failed == 0
