"""Where an S3 static website answers, and what a Route 53 alias record to it needs."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from course.s3_buckets import bucket_name_problems


@dataclass(frozen=True)
class WebsiteEndpoint:
    bucket: str
    region: str
    url: str
    alias_dns_name: str
    hosted_zone_id: str
    verified: bool


@cache
def _data() -> dict:
    return tomllib.loads((resources.files("course") / "data" / "s3_website_endpoints.toml").read_text("utf-8"))


def website_endpoint(bucket: str, region: str) -> WebsiteEndpoint:
    """The website URL of ``bucket`` in ``region`` and the alias target for Route 53.

    Raises:
        ValueError: the bucket name breaks a naming rule, or the Region has no entry in the data file.
    """
    problems = bucket_name_problems(bucket)
    if problems:
        raise ValueError(f"bucket name {bucket!r} " + "; ".join(problems))
    regions = _data()["regions"]
    if region not in regions:
        raise ValueError(f"no website endpoint recorded for Region {region!r}; the data has "
                         + ", ".join(sorted(regions)))
    entry = regions[region]
    return WebsiteEndpoint(bucket, region, f"http://{bucket}.{entry['host']}", entry["host"],
                           entry["hosted_zone_id"], _data()["meta"]["verified"])


def cloudfront_hosted_zone_id() -> str:
    """The hosted zone ID of every CloudFront distribution, for alias records."""
    return _data()["cloudfront"]["hosted_zone_id"]
