"""S3 website endpoints: dash and dot Regions, alias targets, and bad input."""

import pytest

from course.s3_website import cloudfront_hosted_zone_id, website_endpoint


def test_seoul_uses_the_dot_form():
    e = website_endpoint("www.example.com", "ap-northeast-2")
    assert e.url == "http://www.example.com.s3-website.ap-northeast-2.amazonaws.com"
    assert e.hosted_zone_id == "Z3W03O7B5YMIYP" and not e.verified


def test_n_virginia_uses_the_dash_form():
    assert website_endpoint("site-a1", "us-east-1").url == "http://site-a1.s3-website-us-east-1.amazonaws.com"


def test_cloudfront_alias_zone_is_global():
    assert cloudfront_hosted_zone_id() == "Z2FDTNDATAQYW2"


@pytest.mark.parametrize("bucket, region, words", [
    ("My_Site", "ap-northeast-2", "bucket name 'My_Site' contains"),
    ("site-a1", "mars-north-1", "no website endpoint recorded for Region 'mars-north-1'"),
])
def test_bad_input_is_named(bucket, region, words):
    with pytest.raises(ValueError, match=words):
        website_endpoint(bucket, region)


def test_the_chapter_figures_draw_with_their_labels():
    from course.figures.s3_website import hosting_figure

    texts = {t.get_text() for ax in hosting_figure().axes for t in ax.texts}
    assert {"S3 website\nendpoint (HTTP)", "CloudFront\n(HTTPS, ACM)"} <= texts
