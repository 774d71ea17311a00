"""The Auto Scaling simulation, checked against numbers worked out by hand."""

import math

import pytest

from course.auto_scaling import (CURVES, AutoScalingInputError, ScheduledAction, TargetTracking,
                                 check_group_size, instances_for, load_curve, peak_sized_fleet, simulate)

# One instance serves 100 units at 100 % CPU; the policy keeps the average at 50 %.
HALF = TargetTracking(target_percent=50, capacity_per_instance=100, warmup_minutes=0, scale_in_wait_minutes=0)


def test_load_of_3_2_instances_at_a_50_percent_target_needs_7():
    # 320 units = 3.2 instances at 100 %; at 50 % that is 6.4, rounded up to 7.
    assert instances_for(320, HALF) == 7
    assert instances_for(300, TargetTracking(60, 100)) == 5  # exactly 5.0: no rounding up to 6
    assert instances_for(0, HALF) == 0


def test_constant_load_scales_out_once_and_costs_what_was_worked_out_by_hand():
    sim = simulate([320] * 24, min_size=1, max_size=10, desired=2, hourly_usd=0.1, policy=HALF)
    assert sim.series("running") == (2,) + (7,) * 23
    # Step 0 runs 2 instances (200 of 320 served), then 7: 2 + 23 × 7 = 163 instance-hours.
    assert sim.instance_hours == pytest.approx(163)
    assert sim.total_cost_usd == pytest.approx(16.30)
    assert sim.steps[0].unserved == pytest.approx(120) and sim.steps[0].utilisation_percent == 100
    assert sim.total_unserved == pytest.approx(120)
    assert sim.unserved_percent == pytest.approx(100 * 120 / (320 * 24))
    assert sim.steps[1].utilisation_percent == pytest.approx(100 * 320 / 700)
    assert len(sim.events) == 1 and "scale out 2 → 7" in sim.events[0]


def test_warming_instances_serve_only_the_part_of_the_step_after_warm_up():
    policy = TargetTracking(50, 100, warmup_minutes=30, scale_in_wait_minutes=0)
    sim = simulate([320] * 3, min_size=1, max_size=10, desired=2, hourly_usd=0.1, policy=policy)
    # Step 1: 2 old instances all hour + 5 new ones for the last 30 minutes = 4.5 instances.
    assert sim.steps[1].serving == pytest.approx(4.5)
    assert sim.steps[1].utilisation_percent == pytest.approx(100 * 320 / 450)
    assert sim.steps[1].running == 7 and sim.steps[1].cost_usd == pytest.approx(0.7)  # billed while warming
    assert sim.steps[2].serving == pytest.approx(7)


def test_scale_in_waits_until_load_has_stayed_low_long_enough():
    policy = TargetTracking(50, 100, warmup_minutes=0, scale_in_wait_minutes=30)
    sim = simulate([320] * 3 + [100] * 6, min_size=1, max_size=10, desired=2, hourly_usd=0.1,
                   policy=policy, step_minutes=10)
    # Low from minute 30; the wait is over at the end of minute 60, so step 6 runs 2.
    assert sim.series("running") == (2, 7, 7, 7, 7, 7, 2, 2, 2)
    assert "scale in 7 → 2" in sim.events[-1]


def test_scale_in_removes_only_what_the_busiest_step_of_the_wait_does_not_need():
    policy = TargetTracking(50, 100, warmup_minutes=0, scale_in_wait_minutes=20)
    sim = simulate([320, 100, 240, 100], min_size=1, max_size=10, desired=7, hourly_usd=0.1,
                   policy=policy, step_minutes=10)
    # Low from minute 10: needs 2, then 5 (240/50 = 4.8); after 20 minutes it keeps 5, not 2.
    assert sim.series("running") == (7, 7, 7, 5)


def test_no_scale_in_while_an_instance_is_still_warming_up():
    slow = TargetTracking(50, 100, warmup_minutes=90, scale_in_wait_minutes=0)
    fast = TargetTracking(50, 100, warmup_minutes=0, scale_in_wait_minutes=0)
    kwargs = dict(min_size=1, max_size=10, desired=2, hourly_usd=0.1)
    # Launched at minute 60, the new instances serve from minute 150: the scale-in waits till then.
    assert simulate([320, 100, 100, 100], policy=slow, **kwargs).series("running") == (2, 7, 7, 2)
    assert simulate([320, 100, 100, 100], policy=fast, **kwargs).series("running") == (2, 7, 2, 2)


def test_min_and_max_bound_what_the_policy_asks_for():
    idle = simulate([0] * 3, min_size=1, max_size=10, desired=4, hourly_usd=0.1, policy=HALF)
    assert idle.series("running") == (4, 1, 1)
    flood = simulate([2000] * 3, min_size=1, max_size=10, desired=4, hourly_usd=0.1, policy=HALF)
    assert flood.series("running") == (4, 10, 10)
    assert flood.steps[2].unserved == pytest.approx(1000)  # 2000 - 10 × 100


def test_disable_scale_in_only_ever_adds():
    policy = TargetTracking(50, 100, warmup_minutes=0, scale_in_wait_minutes=0, disable_scale_in=True)
    sim = simulate([320, 0, 0], min_size=1, max_size=10, desired=2, hourly_usd=0.1, policy=policy)
    assert sim.series("running") == (2, 7, 7)


def test_scheduled_actions_repeat_every_day():
    schedule = [ScheduledAction(8, min_size=6, name="morning"), ScheduledAction(20, min_size=2, desired=2)]
    sim = simulate([0] * 48, min_size=2, max_size=10, desired=2, hourly_usd=0.05, policy=None, schedule=schedule)
    day = (2,) * 8 + (6,) * 12 + (2,) * 4
    assert sim.series("running") == day + day
    assert sim.total_cost_usd == pytest.approx(2 * (8 * 2 + 12 * 6 + 4 * 2) * 0.05)  # $9.60
    assert any("morning: min 6, max 10, desired 2 → 6" in e for e in sim.events)


def test_a_scheduled_minimum_holds_the_policy_up():
    sim = simulate([0] * 4, min_size=1, max_size=10, desired=1, hourly_usd=0.1, policy=HALF,
                   schedule=[ScheduledAction(1, min_size=3)])
    assert sim.series("running") == (1, 3, 3, 3)


def test_failed_instances_are_replaced_and_warm_up_again():
    policy = TargetTracking(50, 100, warmup_minutes=60, scale_in_wait_minutes=0)
    sim = simulate([100] * 4, min_size=3, max_size=10, desired=3, hourly_usd=0.1, policy=policy, failures=[(2, 1)])
    assert sim.series("running") == (3, 3, 3, 3)
    assert sim.series("serving") == (3, 3, 2, 3)  # the replacement serves from step 3
    assert "1 instance(s) failed" in sim.events[0]


def test_a_fixed_fleet_for_the_peak_costs_more_than_scaling_with_the_day():
    load = load_curve("daily peak", step_minutes=10)
    policy = TargetTracking(50, 100, warmup_minutes=5, scale_in_wait_minutes=15)
    fleet = peak_sized_fleet(load, policy)
    assert fleet == 8  # peak 400 / 50 per instance
    scaled = simulate(load, min_size=1, max_size=10, desired=fleet, hourly_usd=0.1, policy=policy, step_minutes=10)
    fixed = simulate(load, min_size=fleet, max_size=fleet, desired=fleet, hourly_usd=0.1, policy=None,
                     step_minutes=10)
    assert fixed.total_cost_usd == pytest.approx(8 * 24 * 0.1)
    assert scaled.total_cost_usd < fixed.total_cost_usd
    assert max(scaled.series("running")) == 8


@pytest.mark.parametrize("name", CURVES)
def test_every_curve_has_one_value_per_step(name):
    assert len(load_curve(name, days=7, step_minutes=30)) == 7 * 48
    assert min(load_curve(name, days=7)) >= 0


def test_curve_shapes():
    daily = load_curve("daily peak", base=100, peak=400)
    assert daily[4] == pytest.approx(100) and daily[16] == pytest.approx(400)
    assert min(daily) == daily[4] and max(daily) == daily[16]
    assert set(load_curve("steady", base=150)) == {150}
    spike = load_curve("spike", step_minutes=30)
    assert [i for i, x in enumerate(spike) if x == 400] == [24, 25]  # 12:00 and 12:30
    week = load_curve("workweek", days=7)
    assert max(week[:24]) == pytest.approx(400) and set(week[5 * 24:]) == {100}


@pytest.mark.parametrize("kwargs, words", [
    (dict(min_size=5, max_size=3, desired=4), "min size 5 is larger than max size 3"),
    (dict(min_size=1, max_size=3, desired=4), "desired capacity 4 is outside min 1 … max 3"),
    (dict(min_size=-1, max_size=3, desired=1), "min size must be a whole number ≥ 0"),
    (dict(min_size=1, max_size=3, desired=1.5), "desired capacity must be a whole number"),
])
def test_bad_group_sizes_are_named(kwargs, words):
    with pytest.raises(AutoScalingInputError, match=words):
        simulate([1], hourly_usd=0.1, **kwargs)


@pytest.mark.parametrize("load, words", [
    ([10, -3, 5], "load at step 1 is -3; load cannot be negative"),
    ([], "load is empty"),
    ([1, math.nan], "load at step 1 is nan"),
    ([1, "x"], "load at step 1 is 'x'"),
])
def test_bad_load_is_named_with_its_step(load, words):
    with pytest.raises(AutoScalingInputError, match=words):
        simulate(load, min_size=1, max_size=2, desired=1, hourly_usd=0.1)


@pytest.mark.parametrize("kwargs, words", [
    (dict(policy=TargetTracking(target_percent=0)), "target utilisation must be > 0 and ≤ 100"),
    (dict(policy=TargetTracking(target_percent=150)), "target utilisation must be > 0 and ≤ 100"),
    (dict(policy=TargetTracking(capacity_per_instance=0)), "capacity_per_instance must be a number > 0"),
    (dict(policy=TargetTracking(warmup_minutes=-5)), "warmup_minutes must be a number ≥ 0"),
    (dict(step_minutes=0), "step_minutes must be a number > 0"),
    (dict(hourly_usd=-1), "hourly price must be a number ≥ 0"),
    (dict(schedule=[ScheduledAction(25, min_size=1)]), "scheduled action 1: hour must be ≥ 0 and < 24"),
    (dict(schedule=[ScheduledAction(3, min_size=4, max_size=2, name="bad")]),
     r"scheduled action 1 \(bad\): min size 4 is larger than max size 2"),
    (dict(schedule=[ScheduledAction(3)]), "sets nothing"),
    (dict(schedule=[ScheduledAction(0, min_size=5)]), "would make min size 5 larger than max size 3"),
    (dict(failures=[(9, 1)]), r"failure step 9 is outside the simulation \(0 … 2\)"),
    (dict(failures=[(1, 0)]), "failure count at step 1 must be a whole number ≥ 1"),
])
def test_bad_settings_are_named(kwargs, words):
    args = dict(min_size=1, max_size=3, desired=1, hourly_usd=0.1) | kwargs
    with pytest.raises(AutoScalingInputError, match=words):
        simulate([100, 100, 100], **args)


def test_bad_curve_name_lists_the_choices():
    with pytest.raises(AutoScalingInputError, match="unknown load curve 'sawtooth'; choose one of: steady"):
        load_curve("sawtooth")


def test_check_group_size_accepts_what_aws_accepts():
    check_group_size(0, 0, 0)
    check_group_size(1, 4, 2)
    with pytest.raises(AutoScalingInputError) as e:
        check_group_size(3, 1, 2, where="web-asg")
    assert str(e.value).startswith("web-asg: min size 3") and e.value.field == "min_size"
