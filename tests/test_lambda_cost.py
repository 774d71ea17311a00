"""Lambda's monthly bill and configuration limits, worked by hand."""

import pytest

from course.lambda_cost import Usage, config_problems, load_prices, monthly_cost


def test_aws_worked_example_3_million_one_second_calls_at_512_mb():
    # 3M × 1 s × 0.5 GB = 1.5M GB-s; minus 400k free = 1.1M × $0.0000166667 = $18.33;
    # 3M − 1M free requests = 2M × $0.20/M = $0.40.
    c = monthly_cost(Usage(3_000_000, 1000, 512))
    assert c.gb_seconds == 1_500_000 and c.billable_gb_seconds == 1_100_000
    assert c.request_usd == pytest.approx(0.40)
    assert c.duration_usd == pytest.approx(18.33, abs=0.01)


def test_duration_is_rounded_up_to_the_next_millisecond():
    # 1.2 ms is billed as 2 ms: 1,000,000 × 0.002 s × 1 GB = 2,000 GB-s.
    assert monthly_cost(Usage(1_000_000, 1.2, 1024, free_tier=False)).gb_seconds == pytest.approx(2000)


def test_usage_inside_the_free_tier_costs_nothing():
    c = monthly_cost(Usage(1_000_000, 100, 128))          # 12,500 GB-s, 1M requests
    assert c.total_usd == 0


def test_arm_is_cheaper_per_gb_second_and_is_marked_unverified():
    x86 = monthly_cost(Usage(10_000_000, 200, 1024, "x86_64"))
    arm = monthly_cost(Usage(10_000_000, 200, 1024, "arm64"))
    assert arm.duration_usd < x86.duration_usd and x86.verified and not arm.verified


@pytest.mark.parametrize("memory,timeout,bad", [(128, 3, 0), (10240, 900, 0), (127, 3, 1), (10241, 3, 1),
                                                (128, 901, 1), (128, 0, 1), (64, 1000, 2)])
def test_config_limits(memory, timeout, bad):
    assert len(config_problems(memory, timeout)) == bad


def test_limits_come_from_the_data_file_with_sources():
    limits = load_prices()["limits"]
    assert limits["memory_max_mb"]["value"] == 10240 and limits["timeout_max_s"]["value"] == 900
    assert all(v["source"].startswith("https://docs.aws.amazon.com/") for v in limits.values())


@pytest.mark.parametrize("usage", [Usage(-1, 10), Usage(10, -5), Usage(10, 10, 64), Usage(10, 10, 128, "sparc")])
def test_bad_usage_is_refused_with_a_message(usage):
    with pytest.raises(ValueError):
        monthly_cost(usage)
