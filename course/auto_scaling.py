"""Auto Scaling on a virtual clock: a load curve in; instances, utilisation, unserved load and cost out.

The group has a minimum, a maximum and a desired capacity, as in
``create_auto_scaling_group(MinSize=…, MaxSize=…, DesiredCapacity=…)``, and an optional
target-tracking policy on average CPU utilisation. `simulate` steps through the load curve:

1. At the start of each step, scheduled actions that fall in it set min, max or desired
   (a scheduled action repeats every day at its hour); instances listed in ``failures``
   die and are replaced, because the group keeps its desired capacity; then the group
   launches or terminates instances until it runs ``desired`` of them.
2. During the step, a running instance serves load once it has warmed up.
   Utilisation = load / (serving instances × ``capacity_per_instance``).
3. At the end of the step the policy looks at that utilisation and sets the next desired
   capacity. Target tracking wants ``ceil(load / (capacity_per_instance × target))``
   instances. AWS does not publish its exact formula: it adds capacity in proportion to
   how far the metric is above target, for a metric that changes in proportion to the
   number of instances; this is the count that brings such a metric back to target.

What the model keeps from AWS (EC2 Auto Scaling user guide, target tracking and default
instance warmup): scaling out is quick, in proportion to the metric's excess over target, and
instances still warming up count as capacity, so a second alarm does not launch them
twice; scaling in is conservative: it waits until no instance is warming up and the
metric has stayed below target for ``scale_in_wait_minutes``, and then removes only what
the highest load of that wait still does not need.

What it simplifies: the metric is exact (no 1-minute or 5-minute CloudWatch periods, no
alarm datapoints), and the policy acts at step boundaries; boot time and warm-up are one
``warmup_minutes`` during which an instance is billed but serves nothing; instances are
interchangeable (no Availability Zones, no termination policy); step and simple scaling,
predictive scaling, lifecycle hooks and failed launches are not modelled. Cost is
running instance-hours × ``hourly_usd`` (per-second billing, so partial hours count
exactly); the load balancer, EBS and data transfer are not included.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Sequence

from course.i18n import text

CURVES = ("steady", "daily peak", "spike", "workweek")
# The words of `Simulation.events`, which the widget shows.
TEXT = {
    "en": {
        "the_group": "the group",
        "size_min_size": "min size",
        "size_max_size": "max size",
        "size_desired": "desired capacity",
        "not_whole": "{where}: {name} must be a whole number ≥ 0, got {value}",
        "min_over_max": "{where}: min size {min} is larger than max size {max}; AWS requires min ≤ desired ≤ max",
        "desired_outside": "{where}: desired capacity {desired} is outside min {min} … max {max}; AWS requires "
                           "min ≤ desired ≤ max",
        "clock": "day {day} {hh:02d}:{mm:02d}",
        "failed": "{at} {count} instance(s) failed their health check; the group replaces them",
        # Load can exceed what the instances serve; CPU cannot pass 100 %, so the event says "demand".
        "scale_out": "{at} demand {utilisation:.0f} % of serving capacity > target {target:g} %: "
                     "scale out {old} → {new}",
        "scale_in": "{at} utilisation below target for {minutes:g} min: scale in {old} → {new}",
        "scheduled": "{at} {label}: min {min}, max {max}, desired {old} → {new}",
        "scheduled_label": "scheduled action",
    },
    "ko": {
        "the_group": "그룹",
        "size_min_size": "최소 크기(min size)",
        "size_max_size": "최대 크기(max size)",
        "size_desired": "원하는 용량(desired capacity)",
        "not_whole": "{where}: {name}은(는) 0 이상의 정수여야 하는데 {value}이(가) 왔습니다",
        "min_over_max": "{where}: 최소 크기 {min}이(가) 최대 크기 {max}보다 큽니다. AWS는 "
                        "최소 ≤ 원하는 용량 ≤ 최대를 요구합니다",
        "desired_outside": "{where}: 원하는 용량 {desired}이(가) 최소 {min} … 최대 {max} 범위 밖입니다. AWS는 "
                           "최소 ≤ 원하는 용량 ≤ 최대를 요구합니다",
        "clock": "{day}일째 {hh:02d}:{mm:02d}",
        "failed": "{at} 인스턴스 {count}개가 상태 확인(health check)에 실패했습니다. 그룹이 이를 교체합니다",
        "scale_out": "{at} 수요가 처리 용량의 {utilisation:.0f} %로 목표 {target:g} %보다 높음: 스케일 아웃 {old} → {new}",
        "scale_in": "{at} 사용률이 {minutes:g}분 동안 목표보다 낮음: 스케일 인 {old} → {new}",
        "scheduled": "{at} {label}: 최소 {min}, 최대 {max}, 원하는 용량 {old} → {new}",
        "scheduled_label": "예약된 작업(scheduled action)",
    },
}


class AutoScalingInputError(ValueError):
    """Bad input to the simulation; ``field`` names the offending input."""

    def __init__(self, message: str, *, field: str = ""):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class TargetTracking:
    """A target-tracking policy on average CPU utilisation.

    Attributes:
        target_percent: the average CPU utilisation to keep, as ``TargetValue`` (0 < t ≤ 100).
        capacity_per_instance: load one instance serves at 100 % CPU (same unit as the load curve).
        warmup_minutes: launch to serving (boot plus the group's instance warm-up).
        scale_in_wait_minutes: how long utilisation must stay below target before scaling in.
        disable_scale_in: as ``DisableScaleIn``: the policy only ever adds instances.
    """

    target_percent: float = 50.0
    capacity_per_instance: float = 100.0
    warmup_minutes: float = 5.0
    scale_in_wait_minutes: float = 15.0
    disable_scale_in: bool = False


@dataclass(frozen=True)
class ScheduledAction:
    """Set min, max and/or desired capacity at ``hour`` (0 ≤ hour < 24) of every simulated day."""

    hour: float
    min_size: int | None = None
    max_size: int | None = None
    desired: int | None = None
    name: str = ""


@dataclass(frozen=True)
class Step:
    """One time step of the simulation.

    Attributes:
        index: 0, 1, 2, …
        hour: hours since the start when the step begins.
        load: the demand in this step.
        min_size, max_size, desired: the group's sizes during the step.
        running: instances running (billed) during the step, warming or serving.
        serving: instance-equivalents that served load (a part-step counts in part).
        utilisation_percent: load / serving capacity, at most 100.
        unserved: load above serving capacity (dropped or queued requests).
        cost_usd: running × step hours × hourly price.
    """

    index: int
    hour: float
    load: float
    min_size: int
    max_size: int
    desired: int
    running: int
    serving: float
    utilisation_percent: float
    unserved: float
    cost_usd: float


@dataclass(frozen=True)
class Simulation:
    """The result of `simulate`; ``events`` says in words what the group did and when."""

    steps: tuple[Step, ...]
    step_minutes: float
    hourly_usd: float
    policy: TargetTracking | None
    events: tuple[str, ...] = field(default=())

    @property
    def instance_hours(self) -> float:
        return sum(s.running for s in self.steps) * self.step_minutes / 60

    @property
    def total_cost_usd(self) -> float:
        return sum(s.cost_usd for s in self.steps)

    @property
    def total_load(self) -> float:
        return sum(s.load for s in self.steps)

    @property
    def total_unserved(self) -> float:
        return sum(s.unserved for s in self.steps)

    @property
    def unserved_percent(self) -> float:
        """Unserved load as a share of all load, in percent (0 when there is no load)."""
        return 100 * self.total_unserved / self.total_load if self.total_load else 0.0

    @property
    def peak_running(self) -> int:
        return max(s.running for s in self.steps)

    def series(self, name: str) -> tuple:
        """One attribute of every step, e.g. ``series("running")``."""
        return tuple(getattr(s, name) for s in self.steps)


def instances_for(load: float, policy: TargetTracking) -> int:
    """How many instances keep ``load`` at or below the policy's target utilisation.

    >>> instances_for(320, TargetTracking(target_percent=50, capacity_per_instance=100))
    7
    """
    if load <= 0:
        return 0
    per_instance = policy.capacity_per_instance * policy.target_percent / 100
    # Round before ceil so 300/(100*0.6) = 5.000000001 stays 5.
    return math.ceil(round(load / per_instance, 9))


def peak_sized_fleet(load: Sequence[float], policy: TargetTracking) -> int:
    """The fixed fleet a group without scaling needs to stay at target in the busiest step."""
    return max((instances_for(x, policy) for x in load), default=0)


def load_curve(name: str, *, days: int = 1, step_minutes: float = 60,
               base: float = 100.0, peak: float = 400.0) -> tuple[float, ...]:
    """A named demand curve, one value per step, in the unit of ``capacity_per_instance``.

    - "steady": ``base`` all the time.
    - "daily peak": a smooth day, lowest (``base``) at 04:00 and highest (``peak``) at 16:00.
    - "spike": ``base`` all day, with ``peak`` from 12:00 to 13:00 (a flash sale).
    - "workweek": "daily peak" on days 1–5 of each week; days 6 and 7 stay at ``base``.

    >>> load_curve("spike", step_minutes=60)[11:14]
    (100.0, 400.0, 100.0)
    """
    _check_positive(step_minutes, "step_minutes")
    if not isinstance(days, int) or days < 1:
        raise AutoScalingInputError(f"days must be a whole number ≥ 1, got {days!r}", field="days")
    if base < 0 or peak < 0:
        raise AutoScalingInputError(f"base and peak load must be ≥ 0, got base={base}, peak={peak}",
                                    field="base" if base < 0 else "peak")
    if name not in CURVES:
        raise AutoScalingInputError(f"unknown load curve {name!r}; choose one of: {', '.join(CURVES)}",
                                    field="curve")
    steps = round(days * 24 * 60 / step_minutes)
    out = []
    for i in range(steps):
        hour = i * step_minutes / 60
        h, day = hour % 24, int(hour // 24)
        smooth = base + (peak - base) * (1 - math.cos(2 * math.pi * (h - 4) / 24)) / 2
        if name == "steady":
            value = base
        elif name == "daily peak":
            value = smooth
        elif name == "spike":
            value = peak if 12 <= h < 13 else base
        else:
            value = smooth if day % 7 < 5 else base
        out.append(round(value, 6))
    return tuple(out)


def check_group_size(min_size: int, max_size: int, desired: int, where: str | None = None) -> None:
    """Raise `AutoScalingInputError` unless 0 ≤ min ≤ desired ≤ max, as AWS requires.

    moto accepts min > max; AWS rejects it with a ValidationError, so the course checks it here.
    """
    where = where or text(TEXT, "the_group")
    for value, field_name in ((min_size, "min_size"), (max_size, "max_size"), (desired, "desired")):
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            raise AutoScalingInputError(text(TEXT, "not_whole", where=where, name=text(TEXT, f"size_{field_name}"),
                                             value=repr(value)),
                                        field={"desired": "desired_capacity"}.get(field_name, field_name))
    if min_size > max_size:
        raise AutoScalingInputError(text(TEXT, "min_over_max", where=where, min=min_size, max=max_size),
                                    field="min_size")
    if not min_size <= desired <= max_size:
        raise AutoScalingInputError(text(TEXT, "desired_outside", where=where, desired=desired, min=min_size,
                                         max=max_size), field="desired")


def simulate(load: Sequence[float], *, min_size: int, max_size: int, desired: int, hourly_usd: float,
             policy: TargetTracking | None = TargetTracking(), step_minutes: float = 60,
             schedule: Sequence[ScheduledAction] = (),
             failures: Sequence[tuple[int, int]] = ()) -> Simulation:
    """Run an Auto Scaling group through ``load`` (one value per step of ``step_minutes``).

    Args:
        load: demand per step, ≥ 0, in the unit of ``policy.capacity_per_instance``.
        min_size, max_size, desired: the group's sizes at the start (0 ≤ min ≤ desired ≤ max).
        hourly_usd: On-Demand price of one instance-hour.
        policy: a target-tracking policy, or None for a group that only keeps its size
            (scheduled actions and failure replacement still work). Without a policy,
            each instance serves ``TargetTracking().capacity_per_instance``.
        schedule: scheduled actions, repeated daily.
        failures: ``(step, count)`` pairs: ``count`` serving instances fail at that step.

    Raises:
        AutoScalingInputError: an input breaks a rule; the message names it.

    >>> sim = simulate([320] * 3, min_size=1, max_size=10, desired=2, hourly_usd=0.1,
    ...                policy=TargetTracking(50, 100, warmup_minutes=0))
    >>> sim.series("running"), round(sim.total_cost_usd, 2)
    ((2, 7, 7), 1.6)
    """
    load = _checked_load(load)
    check_group_size(min_size, max_size, desired)
    _check_positive(step_minutes, "step_minutes")
    if not isinstance(hourly_usd, (int, float)) or hourly_usd < 0 or not math.isfinite(hourly_usd):
        raise AutoScalingInputError(f"hourly price must be a number ≥ 0, got {hourly_usd!r}", field="hourly_usd")
    if policy is not None:
        _check_policy(policy)
    actions = _checked_schedule(schedule)
    fails = _checked_failures(failures, len(load))
    capacity_each = (policy or TargetTracking()).capacity_per_instance
    warmup = policy.warmup_minutes if policy else 0.0

    ready_at: list[float] = [0.0] * desired      # minute each running instance starts serving
    low_since: float | None = None                # minute utilisation first fell below target
    low_need = 0                                  # most instances needed since then
    steps, events = [], []
    for i, demand in enumerate(load):
        start, end = i * step_minutes, (i + 1) * step_minutes
        for a in actions:
            if _fires(a.hour, start, end):
                min_size, max_size, desired = _apply(a, min_size, max_size, desired, events, start)
        for _ in range(fails.get(i, 0)):
            if ready_at:
                # The oldest instance fails; the group replaces it below to keep desired capacity.
                ready_at.pop(0)
        if fails.get(i):
            events.append(text(TEXT, "failed", at=_clock(start), count=fails[i]))
        while len(ready_at) < desired:
            ready_at.append(start + warmup)
        if len(ready_at) > desired:
            # Terminate instances still warming up first: they serve nothing yet.
            ready_at.sort()
            del ready_at[desired:]
        serving = sum(min(1.0, max(0.0, (end - max(r, start)) / step_minutes)) for r in ready_at)
        capacity = serving * capacity_each
        unserved = max(0.0, demand - capacity)
        utilisation = 100.0 if capacity == 0 and demand > 0 else (100 * demand / capacity if capacity else 0.0)
        steps.append(Step(i, start / 60, demand, min_size, max_size, desired, len(ready_at), round(serving, 9),
                          min(100.0, round(utilisation, 9)), round(unserved, 9),
                          len(ready_at) * step_minutes / 60 * hourly_usd))
        if policy is None:
            continue
        need = min(max(instances_for(demand, policy), min_size), max_size)
        warming = any(r > end for r in ready_at)
        if need > len(ready_at):
            events.append(text(TEXT, "scale_out", at=_clock(end), utilisation=min(utilisation, 999),
                               target=policy.target_percent, old=desired, new=need))
            desired, low_since = need, None
        elif need < desired and not policy.disable_scale_in:
            low_since = end - step_minutes if low_since is None else low_since
            low_need = need if low_since == end - step_minutes else max(low_need, need)
            if not warming and end - low_since >= policy.scale_in_wait_minutes:
                events.append(text(TEXT, "scale_in", at=_clock(end), minutes=end - low_since, old=desired,
                                   new=low_need))
                desired, low_since = low_need, None
        else:
            low_since = None
    return Simulation(tuple(steps), step_minutes, hourly_usd, policy, tuple(events))


def _checked_load(load: Sequence[float]) -> tuple[float, ...]:
    try:
        values = tuple(load)
    except TypeError:
        raise AutoScalingInputError(f"load must be a sequence of numbers, got {load!r}", field="load") from None
    if not values:
        raise AutoScalingInputError("load is empty: give at least one step", field="load")
    for i, x in enumerate(values):
        if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
            raise AutoScalingInputError(f"load at step {i} is {x!r}; it must be a number", field="load")
        if x < 0:
            raise AutoScalingInputError(f"load at step {i} is {x:g}; load cannot be negative", field="load")
    return tuple(float(x) for x in values)


def _check_positive(value: float, name: str) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not value > 0 or not math.isfinite(value):
        raise AutoScalingInputError(f"{name} must be a number > 0, got {value!r}", field=name)


def _check_policy(p: TargetTracking) -> None:
    if isinstance(p.target_percent, bool) or not isinstance(p.target_percent, (int, float)) \
            or not 0 < p.target_percent <= 100:
        raise AutoScalingInputError(f"target utilisation must be > 0 and ≤ 100 %, got {p.target_percent!r}",
                                    field="target_percent")
    _check_positive(p.capacity_per_instance, "capacity_per_instance")
    for value, name in ((p.warmup_minutes, "warmup_minutes"), (p.scale_in_wait_minutes, "scale_in_wait_minutes")):
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise AutoScalingInputError(f"{name} must be a number ≥ 0, got {value!r}", field=name)


def _checked_schedule(schedule: Sequence[ScheduledAction]) -> tuple[ScheduledAction, ...]:
    out = []
    for n, a in enumerate(schedule, 1):
        where = f"scheduled action {n}" + (f" ({a.name})" if a.name else "")
        if not isinstance(a, ScheduledAction):
            raise AutoScalingInputError(f"{where} is not a ScheduledAction: {a!r}", field="schedule")
        if isinstance(a.hour, bool) or not isinstance(a.hour, (int, float)) or not 0 <= a.hour < 24:
            raise AutoScalingInputError(f"{where}: hour must be ≥ 0 and < 24, got {a.hour!r}", field="schedule")
        if a.min_size is None and a.max_size is None and a.desired is None:
            raise AutoScalingInputError(f"{where} sets nothing: give min_size, max_size or desired",
                                        field="schedule")
        for value, name in ((a.min_size, "min size"), (a.max_size, "max size"), (a.desired, "desired capacity")):
            if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
                raise AutoScalingInputError(f"{where}: {name} must be a whole number ≥ 0, got {value!r}",
                                            field="schedule")
        if a.min_size is not None and a.max_size is not None and a.min_size > a.max_size:
            raise AutoScalingInputError(f"{where}: min size {a.min_size} is larger than max size {a.max_size}",
                                        field="schedule")
        out.append(a)
    return tuple(out)


def _checked_failures(failures: Sequence[tuple[int, int]], steps: int) -> dict[int, int]:
    out: dict[int, int] = {}
    for pair in failures:
        try:
            step, count = pair
        except (TypeError, ValueError):
            raise AutoScalingInputError(f"a failure is a (step, count) pair, got {pair!r}", field="failures") from None
        if not isinstance(step, int) or not 0 <= step < steps:
            raise AutoScalingInputError(f"failure step {step!r} is outside the simulation (0 … {steps - 1})",
                                        field="failures")
        if not isinstance(count, int) or count < 1:
            raise AutoScalingInputError(f"failure count at step {step} must be a whole number ≥ 1, got {count!r}",
                                        field="failures")
        out[step] = out.get(step, 0) + count
    return out


def _fires(hour: float, start: float, end: float) -> bool:
    """Whether a daily action at ``hour`` falls in the step [start, end) (minutes)."""
    day_minute = hour * 60
    first_day = int(start // 1440)
    return any(start <= d * 1440 + day_minute < end for d in range(first_day, int(end // 1440) + 1))


def _apply(a: ScheduledAction, min_size: int, max_size: int, desired: int, events: list, at: float):
    new_min = a.min_size if a.min_size is not None else min_size
    new_max = a.max_size if a.max_size is not None else max_size
    if new_min > new_max:
        raise AutoScalingInputError(f"scheduled action at {a.hour:g} h would make min size {new_min} larger than "
                                    f"max size {new_max}", field="schedule")
    new_desired = a.desired if a.desired is not None else desired
    # As in AWS, a new min or max pulls the desired capacity inside the range.
    new_desired = min(max(new_desired, new_min), new_max)
    events.append(text(TEXT, "scheduled", at=_clock(at), label=a.name or text(TEXT, "scheduled_label"),
                       min=new_min, max=new_max, old=desired, new=new_desired))
    return new_min, new_max, new_desired


def _clock(minute: float) -> str:
    day, rest = divmod(int(round(minute)), 1440)
    return text(TEXT, "clock", day=day + 1, hh=rest // 60, mm=rest % 60)
