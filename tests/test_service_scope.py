"""The global/Regional/zonal table: sourced rows, the sorter, and unknown names."""

import pytest

from course.service_scope import SCOPES, UnknownServiceError, load_scopes, scope_of, sort_services

TABLE = load_scopes()


@pytest.mark.parametrize("key", sorted(TABLE))
def test_every_row_is_sourced_and_scoped(key):
    row = TABLE[key]
    assert row.scope in SCOPES and row.note
    assert row.source.startswith(("https://docs.aws.amazon.com/", "https://boto3.amazonaws.com/"))


def test_the_lecture_examples():
    assert sort_services(["CloudFront", "IAM", "Route53", "S3", "EC2", "WAF"]) == {
        "global": ["CloudFront", "IAM", "Route53"], "regional": ["S3", "WAF"], "zonal": ["EC2"]}


def test_waf_is_regional_unless_it_protects_cloudfront():
    assert "CLOUDFRONT" in scope_of("waf").note


def test_an_unknown_service_lists_the_known_ones():
    with pytest.raises(UnknownServiceError, match=r"'Glacier' is not in the table; known: .*cloudfront"):
        scope_of("Glacier")


def test_a_bad_scope_in_the_file_is_named():
    with pytest.raises(ValueError, match="services.x: scope 'planetary' is not one of global, regional, zonal"):
        load_scopes('[services.x]\nname="X"\nscope="planetary"\nnote="n"\nsource="https://x"\nchecked=2026-12-02\n')
