"""ARN parsing and IAM-style ARN matching, with the examples of AWS's ARN and Resource pages."""

import pytest

from course.arn import ArnError, arn_matches, parse_arn


@pytest.mark.parametrize("text, partition, service, region, account, rtype, rid", [
    pytest.param("arn:aws:iam::123456789012:user/mina", "aws", "iam", "", "123456789012", "user", "mina", id="iam-user"),
    pytest.param("arn:aws:s3:::reports", "aws", "s3", "", "", "", "reports", id="s3-bucket"),
    pytest.param("arn:aws:s3:::reports/2026/q1.csv", "aws", "s3", "", "", "", "reports/2026/q1.csv", id="s3-object"),
    pytest.param("arn:aws:s3:us-west-2:123456789012:accesspoint/test", "aws", "s3", "us-west-2", "123456789012",
                 "accesspoint", "test", id="s3-access-point"),
    pytest.param("arn:aws:ec2:ap-northeast-2:123456789012:vpc/vpc-0abc", "aws", "ec2", "ap-northeast-2",
                 "123456789012", "vpc", "vpc-0abc", id="ec2-vpc"),
    pytest.param("arn:aws:logs:us-east-1:123456789012:log-group:/course/shop:*", "aws", "logs", "us-east-1",
                 "123456789012", "log-group", "/course/shop:*", id="colon-type"),
    pytest.param("arn:aws:iam::aws:policy/ReadOnlyAccess", "aws", "iam", "", "aws", "policy", "ReadOnlyAccess",
                 id="aws-managed-policy"),
    pytest.param("arn:aws-us-gov:s3:::b", "aws-us-gov", "s3", "", "", "", "b", id="govcloud"),
    pytest.param("arn:aws-eusc:ec2:eusc-de-east-1:123456789012:vpc/vpc-0abc", "aws-eusc", "ec2", "eusc-de-east-1",
                 "123456789012", "vpc", "vpc-0abc", id="european-sovereign-cloud"),
    pytest.param("arn:aws:sqs:us-east-2:123456789012:queue1", "aws", "sqs", "us-east-2", "123456789012", "", "queue1",
                 id="no-type"),
])
def test_parse(text, partition, service, region, account, rtype, rid):
    arn = parse_arn(text)
    assert (arn.partition, arn.service, arn.region, arn.account) == (partition, service, region, account)
    assert (arn.resource_type, arn.resource_id) == (rtype, rid)
    assert str(arn) == text
    assert arn.is_global == (region == "")


@pytest.mark.parametrize("text, segment", [
    pytest.param("aws:s3:::b", "prefix", id="no-arn-prefix"),
    pytest.param("arn:aws:s3:b", "structure", id="too-few-parts"),
    pytest.param("arn:amazon:s3:::b", "partition", id="bad-partition"),
    pytest.param("arn:aws:S3:::b", "service", id="uppercase-service"),
    pytest.param("arn:aws:ec2:seoul:123456789012:vpc/v", "region", id="bad-region"),
    pytest.param("arn:aws:ec2:ap-northeast-2:1234:vpc/v", "account", id="short-account"),
    pytest.param("arn:aws:iam::123456789012:", "resource", id="empty-resource"),
])
def test_bad_arns_name_the_segment(text, segment):
    with pytest.raises(ArnError) as e:
        parse_arn(text)
    assert e.value.segment == segment and repr(text) in str(e.value)


@pytest.mark.parametrize("pattern, arn, expected", [
    pytest.param("arn:aws:s3:::reports/*", "arn:aws:s3:::reports/2026/q1.csv", True, id="star-crosses-slash"),
    pytest.param("arn:aws:s3:::reports/*", "arn:aws:s3:::reports", False, id="bucket-is-not-its-objects"),
    pytest.param("arn:aws:iam::123456789012:user/accounting/*", "arn:aws:iam::123456789012:user/accounting/jo", True,
                 id="iam-path"),
    pytest.param("arn:aws:ec2:ap-northeast-2:*:instance/*", "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-1",
                 True, id="any-account"),
    pytest.param("arn:aws:ec2:ap-northeast-?:123456789012:vpc/*", "arn:aws:ec2:ap-northeast-3:123456789012:vpc/v",
                 True, id="question-mark"),
    pytest.param("arn:aws:ec2:ap-northeast-?:123456789012:vpc/*", "arn:aws:ec2:us-east-1:123456789012:vpc/v",
                 False, id="other-region"),
    pytest.param("arn:aws:iam::123456789012:user/Mina", "arn:aws:iam::123456789012:user/mina", False,
                 id="case-sensitive"),
    pytest.param("*", "arn:aws:s3:::anything", True, id="star-alone"),
])
def test_matches(pattern, arn, expected):
    assert arn_matches(pattern, arn) is expected


def test_a_wildcard_in_the_service_is_refused():
    with pytest.raises(ArnError, match="service may not contain a wildcard"):
        arn_matches("arn:aws:s*:::reports/*", "arn:aws:s3:::reports/a")
