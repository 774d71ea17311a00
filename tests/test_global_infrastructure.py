"""The global-infrastructure counts: every figure is sourced and dated, bad data is named."""

import datetime as dt

import pytest

from course.global_infrastructure import FigureError, figure, load_figures, sentence

GOOD = """
[figures.regions]
value = 38
unit = "Regions"
bound = "exact"
source = "https://docs.aws.amazon.com/global-infrastructure/latest/regions/doc-history.html"
source_date = 2025-09-02
checked = 2026-12-02
verified = true
note = "tally"

[figures.services]
value = 200
unit = "services"
bound = "more_than"
source = "https://aws.amazon.com/what-is-aws/"
checked = 2026-12-02
verified = false
note = "quoted"
"""


def test_every_shipped_figure_has_an_https_source_and_was_checked_on_the_course_date():
    figures = load_figures()
    assert {"regions", "azs_per_region_min", "services"} <= set(figures)
    for f in figures.values():
        assert f.source.startswith("https://"), f.key
        assert f.checked == dt.date(2026, 12, 2), f.key


def test_a_count_aws_words_as_more_than_is_worded_the_same_way():
    figures = load_figures(GOOD)
    assert figures["services"].wording == "more than 200 services"
    assert figures["regions"].wording == "38 Regions"


def test_a_figure_speaks_for_its_source_date_when_it_has_one_else_for_the_check_date():
    figures = load_figures(GOOD)
    assert figures["regions"].as_of == dt.date(2025, 9, 2)
    assert figures["services"].as_of == dt.date(2026, 12, 2)


def test_the_sentence_carries_date_and_source_and_flags_an_unverified_figure():
    figures = load_figures(GOOD)
    regions = sentence("regions", figures)
    assert regions.startswith("38 Regions as of 2 September 2025 (source: https://docs.aws.amazon.com/")
    assert "approximate" not in regions
    assert sentence("services", figures).endswith("not confirmed on AWS's own page, treat as approximate")


def test_an_unknown_figure_lists_the_known_ones():
    with pytest.raises(FigureError, match=r"no figure 'edge'; known: regions, services"):
        figure("edge", load_figures(GOOD))


@pytest.mark.parametrize("old, new, words", [
    ('bound = "exact"\n', "", "figure 'regions': missing bound"),
    ("value = 38", "value = -1", "value must be positive, got -1"),
    ("value = 38", "value = true", "value must be int, got True"),
    ("value = 38", 'value = "38"', "value must be int, got '38'"),
    ('bound = "exact"', 'bound = "about"', "bound must be one of exact, more_than, at_least, got 'about'"),
    ("source = \"https://docs", "source = \"http://docs", "source must be an https URL"),
    ("source_date = 2025-09-02", "source_date = 2027-01-01", "source_date 2027-01-01 is after checked 2026-12-02"),
    ("checked = 2026-12-02\nverified = true", 'checked = "yesterday"\nverified = true', "checked must be date"),
], ids=["missing-bound", "negative", "bool-count", "string-count", "unknown-bound", "http-source",
        "dated-in-the-future", "checked-not-a-date"])
def test_a_malformed_figure_is_named_with_the_field_at_fault(old, new, words):
    assert old in GOOD
    with pytest.raises(FigureError, match=words.replace("(", r"\(").replace(")", r"\)")):
        load_figures(GOOD.replace(old, new, 1))


def test_invalid_toml_and_an_empty_file_are_refused():
    with pytest.raises(FigureError, match="not valid TOML"):
        load_figures("[figures.regions\nvalue = 1")
    with pytest.raises(FigureError, match=r"no \[figures\.\*\] tables"):
        load_figures("[meta]\nchecked = 2026-12-02\n")
