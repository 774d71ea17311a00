"""The EC2 lifecycle state machine: paths, consequences, and the actions AWS refuses."""

import pytest

from course.ec2_lifecycle import (BILLED, EIP_ADDRESS, Instance, LifecycleError, Setup, apply, hourly_charges,
                                  run)


def effects(step):
    return {e.aspect: e.words for e in step.effects}


def test_launch_goes_through_pending_to_running_with_a_public_ip():
    inst, (step,) = run(["launch"])
    assert step.path == ("pending", "running") and inst.state == "running"
    assert inst.public_ip == "203.0.113.10" and inst.root_volume and inst.data_volume
    fx = effects(step)
    assert "pending is not billed" in fx["Instance usage"]
    assert "new address 203.0.113.10" in fx["Public IPv4 address"]


def test_stop_then_start_changes_the_public_ip_but_reboot_does_not():
    inst, steps = run(["launch", "reboot", "stop", "start"])
    reboot, stop, start = steps[1:]
    assert reboot.after.public_ip == "203.0.113.10" and reboot.path == ("running",)
    assert stop.after.public_ip is None and stop.path == ("stopping", "stopped")
    assert "goes back to Amazon's pool" in effects(stop)["Public IPv4 address"]
    assert start.after.public_ip == "203.0.113.11" != steps[0].after.public_ip
    assert inst.state == "running"


def test_an_elastic_ip_survives_stop_and_start_and_outlives_the_instance():
    setup = Setup(elastic_ip=True)
    inst, steps = run(["launch", "stop", "start"], setup)
    assert [s.after.public_ip for s in steps] == [EIP_ADDRESS] * 3
    assert "stays associated" in effects(steps[1])["Elastic IP address"]
    end = apply(inst, "terminate")
    assert end.after.eip_allocated and not end.after.eip_associated
    assert "Amazon's pool" not in effects(end)["Public IPv4 address"]
    assert "stays in your account" in effects(end)["Public IPv4 address"]
    assert "still charged" in effects(end)["Elastic IP address"]


def test_terminate_deletes_the_root_volume_but_keeps_the_data_volume():
    inst, steps = run(["launch", "terminate"])
    fx = effects(steps[-1])
    assert steps[-1].path == ("shutting-down", "terminated")
    assert not inst.root_volume and inst.data_volume
    assert "deleted (DeleteOnTermination is true" in fx["EBS root volume"]
    assert "detached and still billed" in fx["EBS data volume"]


def test_keeping_the_root_volume_on_termination():
    inst, _ = run(["launch", "terminate"], Setup(root_delete_on_termination=False, data_volume=False))
    assert inst.root_volume and not inst.data_volume


def test_hibernate_saves_ram_and_start_restores_it():
    inst, steps = run(["launch", "hibernate", "start"], Setup(hibernation_enabled=True))
    assert steps[1].after.ram_saved and "billed while stopping" in effects(steps[1])["Instance usage"]
    assert "saved to the encrypted EBS root volume" in effects(steps[1])["Memory (RAM)"]
    assert "continue where they were" in effects(steps[2])["Memory (RAM)"]
    assert not inst.ram_saved


def test_instance_store_data_survives_reboot_only():
    _, steps = run(["launch", "reboot", "stop", "start"], Setup(instance_store=True))
    assert "data kept" in effects(steps[1])["Instance store"]
    assert "data lost" in effects(steps[2])["Instance store"]
    assert effects(steps[3])["Instance store"].startswith("empty")


@pytest.mark.parametrize("actions, setup, words", [
    (["launch", "terminate", "start"], Setup(), "cannot be started"),
    (["launch", "terminate", "terminate"], Setup(), "already terminated"),
    (["launch", "stop"], Setup(root_device="instance-store", data_volume=False), "cannot be stopped or hibernated"),
    (["launch", "hibernate"], Setup(root_device="instance-store"), "instance store-backed"),
    (["launch", "hibernate"], Setup(), "must be enabled when the instance is launched"),
    (["launch", "stop", "reboot"], Setup(), "Only a running instance can be rebooted; this one is stopped"),
    (["launch", "start"], Setup(), "Only a stopped instance can be started; this one is running"),
    (["stop"], Setup(), "launch it first"),
    (["launch", "launch"], Setup(), "already launched"),
    (["launch", "pause"], Setup(), "Unknown action 'pause'"),
])
def test_illegal_actions_are_refused_with_the_reason(actions, setup, words):
    with pytest.raises(LifecycleError, match=words):
        run(actions, setup)


def test_moto_difference_is_named_when_starting_a_terminated_instance():
    inst, _ = run(["launch", "terminate"])
    with pytest.raises(LifecycleError, match="moto"):
        apply(inst, "start")


def test_instance_store_backed_instance_can_reboot_and_terminate():
    inst, steps = run(["launch", "reboot", "terminate"], Setup(root_device="instance-store", data_volume=False))
    assert inst.state == "terminated"
    assert "none: the root device is on instance store" in effects(steps[0])["EBS root volume"]


def test_billing_table_matches_the_user_guide():
    assert [s for s, billed in BILLED.items() if billed] == ["running"]


def test_hourly_charges_follow_the_state():
    running, _ = run(["launch"])
    items = {c.item: c.usd_per_hour for c in hourly_charges(running, "t3.micro", "us-east-1")}
    assert items["instance (t3.micro, running)"] == 0.0104
    assert items["EBS root (8 GiB gp3)"] == pytest.approx(0.08 * 8 / 730)
    assert items["public IPv4 (1 address)"] == 0.005
    stopped = apply(running, "stop").after
    items = {c.item for c in hourly_charges(stopped, "t3.micro", "us-east-1")}
    assert items == {"EBS root (8 GiB gp3)", "EBS data (20 GiB gp3)"}       # no instance, no public IP
    eip_gone, _ = run(["launch", "terminate"], Setup(elastic_ip=True, data_volume=False))
    assert [c.item for c in hourly_charges(eip_gone, "t3.micro", "us-east-1")] == ["public IPv4 (1 address)"]


def test_a_bad_setup_is_refused():
    with pytest.raises(LifecycleError, match="root_device must be"):
        Setup(root_device="s3")


def test_instances_are_values():
    a = Instance()
    apply(a, "launch")
    assert a.state == "not launched"
