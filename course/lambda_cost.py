"""What a Lambda function costs a month, and the limits its configuration must respect.

Lambda bills requests and duration in GB-seconds: memory (GB) × billed duration (s), with
duration rounded up to the next millisecond. Prices, free tier and limits come from
``course/data/lambda_prices.toml``, each with its source (AWS, "How AWS Pricing Works: Lambda",
https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html).
"""

from __future__ import annotations

import math
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from course.i18n import text

ARCHITECTURES = ("x86_64", "arm64")
TEXT = {
    "en": {
        "memory": "MemorySize {value}: Lambda allows {low} to {high} MB, in 1 MB steps",
        "timeout": "Timeout {value}: Lambda allows 1 to {most} seconds (15 minutes)",
        "requests": "requests per month {value} must be a whole number, 0 or more",
        "duration": "duration {value} ms must be 0 or more",
        "architecture": "architecture {value} is not one of {known}",
    },
    "ko": {
        "memory": "MemorySize {value}: Lambda는 {low}~{high} MB를 1 MB 단위로 허용합니다",
        "timeout": "Timeout {value}: Lambda는 1~{most}초(15분)를 허용합니다",
        "requests": "월 요청 수 {value}은(는) 0 이상의 정수여야 합니다",
        "duration": "실행 시간 {value} ms는 0 이상이어야 합니다",
        "architecture": "아키텍처 {value}은(는) {known} 중 하나가 아닙니다",
    },
}


@cache
def load_prices() -> dict:
    """The parsed ``lambda_prices.toml``."""
    return tomllib.loads((resources.files("course") / "data" / "lambda_prices.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Usage:
    requests_per_month: int
    duration_ms: float
    memory_mb: int = 128
    architecture: str = "x86_64"
    free_tier: bool = True


@dataclass(frozen=True)
class Cost:
    gb_seconds: float
    billable_requests: int
    billable_gb_seconds: float
    request_usd: float
    duration_usd: float
    verified: bool

    @property
    def total_usd(self) -> float:
        return self.request_usd + self.duration_usd


def config_problems(memory_mb, timeout_s) -> list[str]:
    """What Lambda would refuse in a memory size (MB) and a timeout (s); empty if both are fine."""
    limits = load_prices()["limits"]
    low, high, most = (limits[k]["value"] for k in ("memory_min_mb", "memory_max_mb", "timeout_max_s"))
    found = []
    if not isinstance(memory_mb, int) or isinstance(memory_mb, bool) or not low <= memory_mb <= high:
        found.append(text(TEXT, "memory", value=repr(memory_mb), low=low, high=f"{high:,}"))
    if not isinstance(timeout_s, int) or isinstance(timeout_s, bool) or not 1 <= timeout_s <= most:
        found.append(text(TEXT, "timeout", value=repr(timeout_s), most=most))
    return found


def monthly_cost(usage: Usage) -> Cost:
    """The month's request and duration charges for ``usage``.

    Raises:
        ValueError: a count, duration, memory size or architecture Lambda would not accept.

    >>> round(monthly_cost(Usage(3_000_000, 1000, 512)).total_usd, 2)   # AWS's worked example
    18.73
    """
    if not isinstance(usage.requests_per_month, int) or usage.requests_per_month < 0:
        raise ValueError(text(TEXT, "requests", value=repr(usage.requests_per_month)))
    if not usage.duration_ms >= 0:
        raise ValueError(text(TEXT, "duration", value=repr(usage.duration_ms)))
    if usage.architecture not in ARCHITECTURES:
        raise ValueError(text(TEXT, "architecture", value=repr(usage.architecture), known=", ".join(ARCHITECTURES)))
    bad = config_problems(usage.memory_mb, 1)
    if bad:
        raise ValueError(bad[0])
    data = load_prices()
    rate = data["prices"]["gb_second_x86" if usage.architecture == "x86_64" else "gb_second_arm"]
    per_request = data["prices"]["request_per_million"]
    billed_s = math.ceil(usage.duration_ms) / 1000
    gb_s = usage.requests_per_month * billed_s * usage.memory_mb / 1024
    free_req = data["free_tier"]["requests_per_month"]["value"] if usage.free_tier else 0
    free_gbs = data["free_tier"]["gb_seconds_per_month"]["value"] if usage.free_tier else 0
    requests = max(usage.requests_per_month - free_req, 0)
    billable_gbs = max(gb_s - free_gbs, 0.0)
    return Cost(gb_s, requests, billable_gbs, requests / 1e6 * per_request["value"],
                billable_gbs * rate["value"], rate["verified"] and per_request["verified"])
