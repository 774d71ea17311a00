"""The dead-web-server timeline: when the 502s stop and who replaces the instance."""

import pytest

from course.health_checks import HealthCheckInputError, web_server_dies


def test_with_elb_health_checks_the_group_replaces_the_instance():
    rows = web_server_dies(interval_seconds=30, unhealthy_threshold=2, health_check_type="ELB", boot_seconds=60)
    # Unhealthy after 2 failed checks (60 s); replacement boots by 120 s; a new target needs one passed check: 150 s.
    assert [r.seconds for r in rows] == [0, 30, 60, 120, 150]
    assert "502" in rows[0].clients and "no more 502" in rows[2].clients
    assert "terminate" in rows[2].auto_scaling and "→ healthy" in rows[-1].target


def test_with_ec2_health_checks_the_useless_instance_stays():
    rows = web_server_dies(health_check_type="EC2", unhealthy_threshold=3, interval_seconds=10)
    assert [r.seconds for r in rows] == [0, 10, 20, 30]
    assert rows[-1].target.endswith("unhealthy") and "still Healthy" in rows[-1].auto_scaling


def test_a_new_target_is_healthy_after_one_check_whatever_the_interval():
    rows = web_server_dies(interval_seconds=10, unhealthy_threshold=3, health_check_type="ELB", boot_seconds=100)
    # 3 failed checks: 30 s; booted: 130 s; one passed check later: 140 s.
    assert [r.seconds for r in rows] == [0, 10, 20, 30, 130, 140]
    assert "first check" in rows[-1].target


def test_a_lone_target_fails_open_and_502s_go_on():
    rows = web_server_dies(other_healthy_targets=0, health_check_type="EC2")
    assert "fails open" in rows[-1].clients and "502" in rows[-1].clients


@pytest.mark.parametrize("kwargs, words", [
    (dict(interval_seconds=1), "interval_seconds must be a whole number from 5 to 300, got 1"),
    (dict(unhealthy_threshold=1), "unhealthy_threshold must be a whole number from 2 to 10"),
    (dict(health_check_type="ALB"), "health_check_type must be 'EC2' or 'ELB'"),
    (dict(other_healthy_targets=-1), "other_healthy_targets"),
])
def test_bad_settings_are_named(kwargs, words):
    with pytest.raises(HealthCheckInputError, match=words):
        web_server_dies(**kwargs)
