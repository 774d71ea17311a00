"""Bucket-name rules and the durability arithmetic of the S3 basics chapter."""

import pytest

from course.durability import loss_odds
from course.s3_buckets import bucket_name_problems


@pytest.mark.parametrize("name", ["my-first-bucket", "logs.example.com", "a1b", "x" * 63, "photos-2026"])
def test_names_aws_accepts(name):
    assert bucket_name_problems(name) == ()


@pytest.mark.parametrize("name, words", [
    ("ab", "is 2 characters long; names have 3 to 63"),
    ("x" * 64, "is 64 characters long"),
    ("My-Bucket", "contains 'B', 'M'; only lowercase letters"),
    ("my_bucket", "contains '_'"),
    ("-startsdash", "must begin and end with a letter or a number"),
    ("ends-dot.", "must begin and end with a letter or a number"),
    ("my..bucket", "two adjacent dots"),
    ("192.168.5.4", "formatted as an IP address"),
    ("xn--abc", "starts with 'xn--', a reserved prefix"),
    ("sthree-data", "starts with 'sthree-'"),
    ("amzn-s3-demo-bucket", "starts with 'amzn-s3-demo-'"),
    ("reports-s3alias", "ends with '-s3alias', reserved for access point aliases"),
    ("fast--x-s3", "reserved for directory buckets"),
    ("stats--table-s3", "reserved for table buckets"),
    ("global.mrap", "reserved for Multi-Region Access Points"),
    ("photos-111122223333-us-east-1-an", "reserved for buckets in an account regional namespace"),
])
def test_names_aws_refuses_say_which_rule(name, words):
    problems = bucket_name_problems(name)
    assert any(words in p for p in problems), problems


def test_one_name_can_break_several_rules():
    assert len(bucket_name_problems("-Bad_Name-")) == 2


def test_eleven_nines_is_one_object_in_ten_thousand_years_for_ten_million():
    odds = loss_odds(10_000_000)
    assert odds.expected_losses_per_year == pytest.approx(1e-4)
    assert odds.years_per_loss == pytest.approx(10_000)


def test_fewer_nines_lose_more():
    assert loss_odds(1_000_000, nines=4).expected_losses_per_year == pytest.approx(100)


@pytest.mark.parametrize("objects, nines, words", [
    (0, 11, "objects must be a positive whole number"),
    (1.5, 11, "objects must be a positive whole number"),
    (10, 0, "nines must be a whole number from 1 to 20"),
])
def test_bad_input_is_named(objects, nines, words):
    with pytest.raises(ValueError, match=words):
        loss_odds(objects, nines)


def test_the_chapter_figures_draw_with_their_labels():
    from course.figures.s3 import keys_figure, multipart_figure, storage_kinds_figure

    def texts(fig):
        return {t.get_text() for ax in fig.axes for t in ax.texts}

    assert {"Block storage (EBS)", "File storage (EFS)", "Object storage (S3)"} <= texts(storage_kinds_figure())
    assert "photos/2026/cat.jpg" in texts(keys_figure())
    assert {"part 1", "part 4", "one object"} <= texts(multipart_figure(parts=4))


def test_the_durability_view_recomputes_when_a_slider_moves():
    from course.widgets.durability import DurabilityView, show_durability

    view = DurabilityView()
    assert "10,000,000 objects at 11 nines" in view.result.value and "one every 10,000 years" in view.result.value
    view.exponent.value = 9
    assert "1,000,000,000 objects" in view.result.value and "one every 100 years" in view.result.value
    assert show_durability()._repr_mimebundle_()["text/html"].startswith("<p>Storing 10,000,000")


def test_the_versioning_figures_draw_with_their_labels():
    from course.figures.s3_versions import replication_figure, version_stack_figure

    def texts(fig):
        return {t.get_text() for ax in fig.axes for t in ax.texts}

    assert {"GET → 404 NoSuchKey", "delete marker  (current)", "v2  (current)"} <= texts(version_stack_figure())
    assert "IAM role S3 assumes" in texts(replication_figure())
