"""The clock's decisions, worked by hand without a sandbox (`course.virtual_clock`)."""

from __future__ import annotations

import datetime as dt

import pytest

from course.s3_lifecycle import S3Object
from course.virtual_clock import (ClockError, ClockEvent, advance_span, alarm_state, cron_times, day_number,
                                  lifecycle_days, lifecycle_steps, midnights, scheduled_runs, ttl_expired)

UTC = dt.timezone.utc
T0 = dt.datetime(2026, 1, 15, 10, 30, tzinfo=UTC)  # an upload at 10:30 UTC on 15 January
KB = 1024
LOGS = [{"ID": "archive-logs", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
         "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}],
         "Expiration": {"Days": 365}}]


def at(days, hour=0):
    return dt.datetime(2026, 1, 15, tzinfo=UTC) + dt.timedelta(days=days, hours=hour)


def test_lifecycle_days_round_up_to_the_next_midnight():
    # AWS's example: created 10:30 on day 0, a 3-day rule is due at 00:00 on day 4.
    assert lifecycle_days(T0, at(4)) == 3
    assert lifecycle_days(T0, at(3, 23)) == 2
    # Created exactly at midnight: creation + 3 days is already a midnight.
    assert lifecycle_days(at(0), at(3)) == 3


def test_midnights_are_the_ones_inside_the_window():
    assert midnights(T0, at(3)) == [at(1), at(2), at(3)]
    assert midnights(at(1), at(1, 23)) == []


def test_transition_then_glacier_then_expiry_over_a_year():
    log = S3Object("logs/app.log", 200 * KB)
    steps = lifecycle_steps(LOGS, log, T0, T0, at(400))
    # 30 days after 10:30 on 15 Jan is 14 Feb 10:30 -> 15 Feb 00:00 = day 31 of our count.
    assert [(s.when, s.action, s.to_class) for s in steps] == [
        (at(31), "transition", "STANDARD_IA"), (at(91), "transition", "GLACIER"), (at(366), "deleted", "")]
    assert {s.rule_id for s in steps} == {"archive-logs"}


def test_window_starting_late_applies_only_what_falls_in_it():
    log = S3Object("logs/app.log", 200 * KB, storage_class="STANDARD_IA")
    assert [s.to_class for s in lifecycle_steps(LOGS, log, T0, at(40), at(100))] == ["GLACIER"]


def test_rules_skip_other_prefixes_and_small_objects():
    assert lifecycle_steps(LOGS, S3Object("img/a.png", 200 * KB), T0, T0, at(100)) == []
    # 1 KB is under the 128 KB transition minimum: no transitions, but it still expires.
    steps = lifecycle_steps(LOGS, S3Object("logs/tiny.log", KB), T0, T0, at(400))
    assert [(s.action, s.when) for s in steps] == [("deleted", at(366))]


def test_noncurrent_expiry_counts_from_when_the_version_became_noncurrent():
    rules = [{"ID": "old", "Status": "Enabled", "Filter": {}, "NoncurrentVersionExpiration": {"NoncurrentDays": 1}}]
    # re:Post example: noncurrent at 11:30 on day 1, 1-day rule -> deleted at 00:00 on day 3.
    became = at(1, 11.5)
    steps = lifecycle_steps(rules, S3Object("a", 10), became, T0, at(5), noncurrent=True)
    assert [(s.action, s.when) for s in steps] == [("deleted", at(3))]


def test_incomplete_multipart_upload_is_aborted_after_its_days():
    rules = [{"ID": "mpu", "Status": "Enabled", "Filter": {}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 7}}]
    steps = lifecycle_steps(rules, S3Object("big.bin", 0, multipart_upload=True), T0, T0, at(10))
    assert [(s.action, s.when, s.rule_id) for s in steps] == [("aborted", at(8), "mpu")]


def test_disabled_rules_do_nothing():
    rules = [dict(LOGS[0], Status="Disabled")]
    assert lifecycle_steps(rules, S3Object("logs/app.log", 200 * KB), T0, T0, at(400)) == []


def test_ttl_compares_epoch_seconds_with_now():
    now = dt.datetime(2026, 1, 1, tzinfo=UTC)  # 1767225600 seconds after 1970
    assert ttl_expired("1767225599", now) and not ttl_expired(1767225600, now)
    assert not ttl_expired("soon", now)  # not a number: never expires, as in DynamoDB


def test_alarm_m_out_of_n():
    assert alarm_state([90, 50, 95], 80, "GreaterThanThreshold", 3, 2) == "ALARM"   # 2 of 3 breach
    assert alarm_state([90, 50, 70], 80, "GreaterThanThreshold", 3, 2) == "OK"      # 1 of 3
    assert alarm_state([99, 10, 20], 80, "GreaterThanThreshold", 2) == "OK"         # 99 is outside the last 2
    assert alarm_state([80], 80, "GreaterThanOrEqualToThreshold", 1) == "ALARM"
    assert alarm_state([], 80, "GreaterThanThreshold", 1) == "INSUFFICIENT_DATA"
    with pytest.raises(ClockError, match="ComparisonOperator 'Bigger'"):
        alarm_state([1], 0, "Bigger", 1)


def test_cron_weekdays_at_six_pm():
    # 2026-01-16 is a Friday: Friday 18:00, then Monday 19 Jan 18:00.
    times = cron_times("0 18 * * 1-5", dt.datetime(2026, 1, 16, tzinfo=UTC), dt.datetime(2026, 1, 20, tzinfo=UTC))
    assert times == [dt.datetime(2026, 1, 16, 18, tzinfo=UTC), dt.datetime(2026, 1, 19, 18, tzinfo=UTC)]


def test_cron_steps_and_bad_expressions():
    assert len(cron_times("*/30 * * * *", at(0), at(1))) == 48
    for bad in ("0 25 * * *", "0 18 * *", "x 1 * * *"):
        with pytest.raises(ClockError, match="five-field cron"):
            cron_times(bad, at(0), at(1))


def test_scheduled_runs_once_or_recurring():
    once = {"StartTime": at(2, 9)}
    assert scheduled_runs(once, at(0), at(3)) == [at(2, 9)]
    assert scheduled_runs(once, at(3), at(5)) == []
    daily = {"Recurrence": "0 9 * * *", "StartTime": at(2)}
    assert scheduled_runs(daily, at(0), at(4)) == [at(2, 9), at(3, 9)]


def test_negative_or_bad_advance_is_refused_clearly():
    assert advance_span(days=1, hours=12) == dt.timedelta(hours=36)
    with pytest.raises(ClockError, match="days must be 0 or more, got -1"):
        advance_span(days=-1)
    with pytest.raises(ClockError, match="hours must be a number"):
        advance_span(hours="two")


def test_event_line_counts_days_from_the_epoch():
    e = ClockEvent(at(30, 0.5), "s3", "logs/app.log moved to STANDARD_IA by rule archive-logs")
    assert e.line(at(0)) == "day 30: logs/app.log moved to STANDARD_IA by rule archive-logs"
    assert day_number(at(29, 23.9), at(0)) == 29


def test_expired_delete_marker_rule_matches_by_prefix():
    from course.virtual_clock import expired_marker_rule
    rules = [{"ID": "markers", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
              "Expiration": {"ExpiredObjectDeleteMarker": True}}]
    assert expired_marker_rule(rules, "logs/a") == "markers"
    assert expired_marker_rule(rules, "img/a") is None
    assert expired_marker_rule([dict(rules[0], Status="Disabled")], "logs/a") is None
