"""What AWS does as time passes, decided without AWS: the pure half of the sandbox's clock.

`labs.clock` reads the sandbox's state through the API, asks these functions what is due
between two virtual times, and applies the answers through the API. Everything here takes
plain values and returns plain values, so each rule can be checked by hand:

- S3 Lifecycle: an action of N days is due at 00:00 UTC of the day after "creation + N days"
  (S3 rounds up to the next midnight UTC; https://repost.aws/knowledge-center/s3-lifecycle-rule-delay).
  Which action wins on a day is `course.s3_lifecycle.decide`, the same model the lifecycle
  simulator uses.
- DynamoDB TTL: an item whose TTL attribute (epoch seconds) is below "now" is expired.
- CloudWatch alarms: "M out of N" over the latest N periods.
- Auto Scaling scheduled actions: a one-off StartTime, or a cron Recurrence (UTC).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from course.i18n import Phrase, language, text
from course.s3_lifecycle import S3Object, _matches, decide
from course.storage_classes import load_data

DAY = dt.timedelta(days=1)
UTC = dt.timezone.utc

TEXT = {
    "en": {
        "line": "day {day}: {what}",
        "not_number": "advance: {name} must be a number, got {value}",
        "negative": "advance: {name} must be 0 or more, got {value} (the sandbox's clock only moves forward; "
                    "aws.reset() starts over at day 0)",
        "unknown_comparison": "alarm: unknown ComparisonOperator {comparison}; known: {known}",
        "bad_cron": "scheduled action: Recurrence {expression} is not a five-field cron expression "
                    "(minute hour day-of-month month day-of-week), e.g. '0 18 * * 1-5'",
        "no_id": "(no ID)",
    },
    "ko": {
        "line": "{day}일째: {what}",
        "not_number": "advance: {name}에는 숫자를 주어야 하는데 {value}이(가) 왔습니다",
        "negative": "advance: {name}은(는) 0 이상이어야 하는데 {value}이(가) 왔습니다 (샌드박스 시계는 앞으로만 "
                    "갑니다. aws.reset()을 부르면 0일째부터 다시 시작합니다)",
        "unknown_comparison": "경보(alarm): 알 수 없는 ComparisonOperator {comparison}. 아는 것: {known}",
        "bad_cron": "예약된 작업(scheduled action): Recurrence {expression}은(는) 필드 다섯 개짜리 cron 식이 "
                    "아닙니다 (분 시 일 월 요일 순서), 예: '0 18 * * 1-5'",
        "no_id": "(ID 없음)",
    },
}


class ClockError(ValueError):
    """Bad input to the clock (a negative advance, a malformed cron expression, ...)."""


@dataclass(frozen=True)
class ClockEvent:
    """One thing AWS did at a virtual time, in words the learner reads in the log.

    ``what`` is a :class:`~course.i18n.Phrase` when made from a text table, so the log is
    shown in the language set when it is read, not when the event happened.
    """

    when: dt.datetime
    service: str
    what: str

    def line(self, epoch: dt.datetime) -> str:
        """``"day 30: logs/app.log moved to STANDARD_IA by rule archive-logs"``; day 0 is ``epoch``."""
        what = self.what.in_language(language()) if isinstance(self.what, Phrase) else self.what
        return text(TEXT, "line", day=day_number(self.when, epoch), what=what)


def utc(t: dt.datetime) -> dt.datetime:
    """``t`` as an aware UTC datetime (naive ones are taken as UTC)."""
    return t.replace(tzinfo=UTC) if t.tzinfo is None else t.astimezone(UTC)


def day_number(when: dt.datetime, epoch: dt.datetime) -> int:
    """Whole days from ``epoch`` to ``when`` (day 0 is the first 24 hours)."""
    return (utc(when) - utc(epoch)) // DAY


def advance_span(days: float = 0, hours: float = 0) -> dt.timedelta:
    """The span of an advance, checked.

    Raises:
        ClockError: a negative or non-numeric amount (time only moves forward).
    """
    for name, value in (("days", days), ("hours", hours)):
        if isinstance(value, bool) or not isinstance(value, int | float) or value != value:
            raise ClockError(text(TEXT, "not_number", name=name, value=repr(value)))
        if value < 0:
            raise ClockError(text(TEXT, "negative", name=name, value=value))
    return dt.timedelta(days=days, hours=hours)


# ------------------------------------------------------------------------------ S3 Lifecycle
def lifecycle_days(start: dt.datetime, now: dt.datetime) -> int:
    """Lifecycle days from ``start`` (creation, or becoming noncurrent) to ``now``.

    A rule of N days is due once this is >= N: S3 adds N days to the creation time and rounds
    up to the next 00:00 UTC. Created 2014-01-15 10:30 UTC, a 3-day rule is due 2014-01-19 00:00.

    >>> lifecycle_days(dt.datetime(2014, 1, 15, 10, 30), dt.datetime(2014, 1, 19))
    3
    >>> lifecycle_days(dt.datetime(2014, 1, 15, 10, 30), dt.datetime(2014, 1, 18, 23, 59))
    2
    """
    start, now = utc(start), utc(now)
    days = (now.date() - start.date()).days
    return days - (0 if start.timetz().replace(tzinfo=None) == dt.time(0) else 1)


def midnights(since: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
    """Every 00:00 UTC in (since, until], when S3 runs lifecycle."""
    since, until = utc(since), utc(until)
    m = dt.datetime.combine(since.date() + DAY, dt.time(0), UTC)
    out = []
    while m <= until:
        out.append(m)
        m += DAY
    return out


@dataclass(frozen=True)
class LifecycleStep:
    """One lifecycle action at a virtual midnight: ``action`` is transition, deleted or aborted."""

    when: dt.datetime
    action: str
    from_class: str
    to_class: str
    rule_id: str


def lifecycle_steps(rules: list[dict], obj: S3Object, started: dt.datetime, since: dt.datetime,
                    until: dt.datetime, *, noncurrent: bool = False,
                    default_minimum: str = "all_storage_classes_128K") -> list[LifecycleStep]:
    """What enabled ``rules`` do to ``obj`` at each midnight in (since, until].

    ``started`` is when the object (or upload) was created, or when the version became
    noncurrent if ``noncurrent``. Stops after a deletion or an abort.
    """
    enabled = [r for r in rules if r.get("Status") == "Enabled"]
    min_kb = load_data()["lifecycle"]["transition_min_object_kb"]["value"]
    sc, steps = obj.storage_class, []
    for m in midnights(since, until):
        age = lifecycle_days(started, m)
        if age < 0:
            continue
        expire, move = decide(enabled, obj, sc, None if noncurrent else age, age if noncurrent else None,
                              m.date(), noncurrent=noncurrent, min_kb=min_kb, default_minimum=default_minimum)
        if expire:
            steps.append(LifecycleStep(m, expire[0], sc, "", expire[1]))
            break
        if move:
            steps.append(LifecycleStep(m, "transition", sc, move[0], move[1]))
            sc = move[0]
    return steps


def expired_marker_rule(rules: list[dict], key: str) -> str | None:
    """The ID of an enabled rule that removes ``key``'s expired object delete marker, or None.

    A delete marker with no versions left under it is "expired"; ``Expiration`` with
    ``ExpiredObjectDeleteMarker: true`` removes it.
    """
    for r in rules:
        if (r.get("Status") == "Enabled" and r.get("Expiration", {}).get("ExpiredObjectDeleteMarker")
                and _matches(r, S3Object(key, 0))[0]):
            return r.get("ID", "") or text(TEXT, "no_id")
    return None


# ------------------------------------------------------------------------------ DynamoDB TTL
def ttl_expired(value, now: dt.datetime) -> bool:
    """True when a TTL attribute value (epoch seconds, a number) is below ``now``.

    Items without a number in the attribute never expire, as in DynamoDB.

    >>> ttl_expired(1_000, dt.datetime(1970, 1, 1, 0, 16, 41, tzinfo=UTC))
    True
    """
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        return False
    return seconds < utc(now).timestamp()


# ------------------------------------------------------------------------------ CloudWatch alarms
COMPARE = {
    "GreaterThanThreshold": lambda v, t: v > t,
    "GreaterThanOrEqualToThreshold": lambda v, t: v >= t,
    "LessThanThreshold": lambda v, t: v < t,
    "LessThanOrEqualToThreshold": lambda v, t: v <= t,
}


def alarm_state(values: list[float], threshold: float, comparison: str, evaluation_periods: int,
                datapoints_to_alarm: int | None = None) -> str:
    """ALARM, OK or INSUFFICIENT_DATA for ``values``, one per period, oldest first.

    The alarm looks at the latest ``evaluation_periods`` values (N) and goes to ALARM when
    at least ``datapoints_to_alarm`` (M, default N) of them breach.

    >>> alarm_state([50, 90, 95], 80, "GreaterThanThreshold", 3, 2)
    'ALARM'
    """
    if comparison not in COMPARE:
        raise ClockError(text(TEXT, "unknown_comparison", comparison=repr(comparison), known=", ".join(COMPARE)))
    if not values:
        return "INSUFFICIENT_DATA"
    window = values[-evaluation_periods:]
    m = datapoints_to_alarm or evaluation_periods
    breaching = sum(COMPARE[comparison](v, threshold) for v in window)
    return "ALARM" if breaching >= m else "OK"


# ------------------------------------------------------------------------------ scheduled scaling
def _cron_field(text: str, low: int, high: int, where: str) -> set[int]:
    out: set[int] = set()
    for part in text.split(","):
        step = 1
        if "/" in part:
            part, step_text = part.split("/", 1)
            step = int(step_text)
        if part == "*":
            lo, hi = low, high
        elif "-" in part:
            lo, hi = (int(x) for x in part.split("-", 1))
        else:
            lo = hi = int(part)
        if lo < low or hi > high or step < 1:
            raise ValueError
        out.update(range(lo, hi + 1, step))
    return out


def cron_times(expression: str, since: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
    """Times in (since, until] matched by a five-field cron ``Recurrence`` (UTC).

    Fields: minute hour day-of-month month day-of-week (0 = Sunday); ``*``, lists, ranges and
    ``/`` steps. Day-of-month and day-of-week combine with OR when both are restricted, as in cron.

    Raises:
        ClockError: the expression is not five valid fields.
    """
    fields = expression.split()
    try:
        if len(fields) != 5:
            raise ValueError
        minutes = _cron_field(fields[0], 0, 59, "minute")
        hours = _cron_field(fields[1], 0, 23, "hour")
        doms = _cron_field(fields[2], 1, 31, "day of month")
        months = _cron_field(fields[3], 1, 12, "month")
        dows = {d % 7 for d in _cron_field(fields[4], 0, 7, "day of week")}
    except ValueError:
        raise ClockError(text(TEXT, "bad_cron", expression=repr(expression))) from None
    since, until = utc(since), utc(until)
    out, day = [], since.date()
    while day <= until.date():
        dom_ok, dow_ok = day.day in doms, (day.isoweekday() % 7) in dows
        restricted = fields[2] != "*" and fields[4] != "*"
        if day.month in months and ((dom_ok or dow_ok) if restricted else (dom_ok and dow_ok)):
            for h in sorted(hours):
                for mi in sorted(minutes):
                    t = dt.datetime.combine(day, dt.time(h, mi), UTC)
                    if since < t <= until:
                        out.append(t)
        day += DAY
    return out


def scheduled_runs(action: dict, since: dt.datetime, until: dt.datetime) -> list[dt.datetime]:
    """When a scheduled action (as ``describe_scheduled_actions`` gives it) runs in (since, until]."""
    start, end = action.get("StartTime"), action.get("EndTime")
    if action.get("Recurrence"):
        runs = cron_times(action["Recurrence"], since, until)
        return [t for t in runs if (start is None or t >= utc(start)) and (end is None or t <= utc(end))]
    if start is not None and utc(since) < utc(start) <= utc(until):
        return [utc(start)]
    return []
