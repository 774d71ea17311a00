"""The EC2 instance lifecycle as a state machine: what each action does to billing, IPs and storage.

States are AWS's six (pending, running, stopping, stopped, shutting-down, terminated) plus
"not launched" before the first launch. An action passes through the short-lived states
(pending, stopping, shutting-down) and rests in running, stopped or terminated. Facts from
the EC2 User Guide ("Amazon EC2 instance state changes", "AMI types", "Hibernate your
instance") and the StopInstances API reference, checked 2026-12-02; public IPv4 pricing
from ``course/data/ec2_prices.toml``. Addresses are from the documentation ranges
(203.0.113.0/24, 198.51.100.0/24), not real ones.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from course import ec2_pricing
from course.i18n import text

NOT_LAUNCHED = "not launched"
STATES = ("pending", "running", "stopping", "stopped", "shutting-down", "terminated")
ACTIONS = ("launch", "stop", "hibernate", "start", "reboot", "terminate")
PAST = {"launch": "launched", "stop": "stopped", "hibernate": "hibernated", "start": "started",
        "reboot": "rebooted", "terminate": "terminated"}
# Instance usage billing per state, from the EC2 User Guide's instance-state table.
BILLED = {"pending": False, "running": True, "stopping": False, "stopped": False,
          "shutting-down": False, "terminated": False}
EIP_ADDRESS = "198.51.100.7"
SOURCES = {
    "states": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-instance-lifecycle.html",
    "stop": "https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_StopInstances.html",
    "ami_types": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ComponentsAMIs.html",
    "hibernate": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/Hibernate.html",
    # enabled only at launch; encrypted EBS root volume with room for the RAM
    "hibernate_prerequisites": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/hibernating-prerequisites.html",
}

TEXT = {
    "en": {
        "launch_first": "This instance has not been launched yet: launch it first.",
        "already_launched": "This instance is already launched; a launch makes a new instance (press reset).",
        "terminated_is_final": ("A terminated instance is deleted for good and cannot be {done}; launch a new "
                                "one. (moto, the course's sandbox, lets you start a terminated instance; "
                                "AWS does not.)"),
        "already_terminated": "The instance is already terminated.",
        "instance_store_cannot_stop": ("An instance store-backed instance (root device on instance store) cannot be "
                                       "stopped or hibernated: it can only be rebooted or terminated."),
        "hibernation_not_enabled": ("Hibernation must be enabled when the instance is launched "
                                    "(HibernationOptions Configured=true, encrypted EBS root volume); it was not."),
        "only_running": "Only a running instance can be {done}; this one is {state}.",
        "only_stopped": "Only a stopped instance can be started; this one is {state}.",
        "unknown_action": "Unknown action {action!r}; the actions are {actions}.",
        # effects
        "billing": "Instance usage",
        "ipv4": "Public IPv4 address",
        "eip": "Elastic IP address",
        "root": "EBS root volume",
        "data": "EBS data volume",
        "store": "Instance store",
        "ram": "Memory (RAM)",
        "bill_launch": ("pending is not billed; billing starts when the instance is running "
                        "(Linux: per second, 60-second minimum)."),
        "bill_stop": ("stopping and stopped are not billed. Volumes and public IPv4 addresses you keep "
                      "are still billed."),
        "bill_hibernate": "billed while stopping, as RAM is saved to the root volume; not billed once stopped.",
        "bill_start": "billed again from running, with a new 60-second minimum.",
        "bill_reboot": "the instance stays running during a reboot, so billing simply continues.",
        "bill_terminate": "shutting-down and terminated are not billed.",
        "ip_new": "new address {ip} from Amazon's pool (charged per hour while held).",
        "ip_released": "{ip} goes back to Amazon's pool; the next start gets a different address.",
        "ip_kept": "unchanged: {ip}.",
        "ip_gone": "{ip} goes back to Amazon's pool.",
        "ip_eip_leaves": "the instance no longer has a public address; its Elastic IP {ip} stays in your account.",
        "ip_none": "none.",
        "ip_is_eip": "the instance's public address is its Elastic IP {ip}.",
        "eip_stays": "stays associated with the instance ({ip}) and is still charged.",
        "eip_attached": "{ip} allocated to your account and associated at launch.",
        "eip_freed": ("{ip} is disassociated but stays allocated to your account: still charged per hour "
                      "until you release it."),
        "eip_none": "none.",
        "root_created": "created from the AMI's snapshot.",
        "root_kept": "kept with all its data (and still billed per GB-month).",
        "root_deleted": "deleted (DeleteOnTermination is true, the default for the root volume).",
        "root_survives": "kept (DeleteOnTermination false): detached and still billed.",
        "root_on_store": "none: the root device is on instance store.",
        "data_created": "created and attached.",
        "data_kept": "kept, still attached.",
        "data_survives": "kept, detached and still billed (other EBS volumes survive termination by default).",
        "data_none": "none.",
        "store_fresh": "empty, fast local disk on the host.",
        "store_kept": "data kept (a reboot stays on the same host).",
        "store_lost": "data lost: the instance leaves the host.",
        "store_empty_again": "empty: its data was lost at the stop, and the instance may now run on another host.",
        "store_none": "none.",
        "ram_lost": "cleared, as on a normal shutdown.",
        "ram_saved": "saved to the encrypted EBS root volume.",
        "ram_restored": "restored from the root volume: programs continue where they were.",
        "ram_kept": "cleared by the reboot (the OS restarts).",
        "ram_fresh": "empty; the OS boots.",
        "charge_instance": "instance ({itype}, running)",
        "charge_ebs": "EBS {name} ({gb} GiB gp3)",
        "charge_ipv4": "public IPv4 ({n} address)",
        "charge_ipv4s": "public IPv4 ({n} addresses)",
    },
}


class LifecycleError(ValueError):
    """An action that AWS would refuse in the instance's current state; the message says why."""


@dataclass(frozen=True)
class Setup:
    """How the instance was launched.

    Args:
        root_device: "ebs" or "instance-store".
        hibernation_enabled: launched with hibernation configured.
        elastic_ip: an Elastic IP is associated at launch.
        auto_public_ip: the subnet gives instances a public IPv4 address.
        root_delete_on_termination: the root volume's DeleteOnTermination flag.
        data_volume: an extra EBS data volume is attached at launch.
        instance_store: the type has instance store volumes (e.g. m5d).
    """

    root_device: str = "ebs"
    hibernation_enabled: bool = False
    elastic_ip: bool = False
    auto_public_ip: bool = True
    root_delete_on_termination: bool = True
    data_volume: bool = True
    instance_store: bool = False

    def __post_init__(self):
        if self.root_device not in ("ebs", "instance-store"):
            raise LifecycleError(f"root_device must be 'ebs' or 'instance-store', not {self.root_device!r}")


@dataclass(frozen=True)
class Instance:
    """One instance at rest in a state, with what it holds."""

    setup: Setup = Setup()
    state: str = NOT_LAUNCHED
    public_ip: str | None = None
    addresses_used: int = 0
    eip_associated: bool = False
    eip_allocated: bool = False
    root_volume: bool = False
    data_volume: bool = False
    ram_saved: bool = False


@dataclass(frozen=True)
class Effect:
    aspect: str
    words: str


@dataclass(frozen=True)
class Transition:
    """What one action did: the states passed through and the effect on each aspect."""

    action: str
    before: Instance
    after: Instance
    path: tuple[str, ...]
    effects: tuple[Effect, ...]


def _new_ip(inst: Instance) -> tuple[str, int]:
    n = inst.addresses_used + 1
    return f"203.0.113.{9 + n}", n


def _check(inst: Instance, action: str) -> None:
    if action not in ACTIONS:
        raise LifecycleError(text(TEXT, "unknown_action", action=action, actions=", ".join(ACTIONS)))
    s = inst.state
    if action == "launch":
        if s != NOT_LAUNCHED:
            raise LifecycleError(text(TEXT, "already_launched"))
        return
    if s == NOT_LAUNCHED:
        raise LifecycleError(text(TEXT, "launch_first"))
    if s == "terminated":
        if action == "terminate":
            raise LifecycleError(text(TEXT, "already_terminated"))
        raise LifecycleError(text(TEXT, "terminated_is_final", done=PAST[action]))
    if action in ("stop", "hibernate") and inst.setup.root_device == "instance-store":
        raise LifecycleError(text(TEXT, "instance_store_cannot_stop"))
    if action == "hibernate" and not inst.setup.hibernation_enabled:
        raise LifecycleError(text(TEXT, "hibernation_not_enabled"))
    if action in ("stop", "hibernate", "reboot") and s != "running":
        raise LifecycleError(text(TEXT, "only_running", done=PAST[action], state=s))
    if action == "start" and s != "stopped":
        raise LifecycleError(text(TEXT, "only_stopped", state=s))


def apply(inst: Instance, action: str) -> Transition:
    """The transition ``action`` makes from ``inst``.

    Raises:
        LifecycleError: AWS would refuse the action in this state (start a terminated
            instance, stop an instance store-backed one, hibernate without enabling it...).
    """
    _check(inst, action)
    setup, t = inst.setup, lambda key, **v: text(TEXT, key, **v)
    ebs_root = setup.root_device == "ebs"
    fx: dict[str, str] = {}
    if action == "launch":
        path, after = ("pending", "running"), replace(inst, state="running", root_volume=ebs_root,
                                                       data_volume=setup.data_volume)
        fx["billing"] = t("bill_launch")
        if setup.elastic_ip:
            after = replace(after, public_ip=EIP_ADDRESS, eip_associated=True, eip_allocated=True)
            fx["ipv4"] = t("ip_is_eip", ip=EIP_ADDRESS)
        elif setup.auto_public_ip:
            ip, n = _new_ip(inst)
            after = replace(after, public_ip=ip, addresses_used=n)
            fx["ipv4"] = t("ip_new", ip=ip)
        fx["root"] = t("root_created") if ebs_root else t("root_on_store")
        fx["data"] = t("data_created") if setup.data_volume else t("data_none")
        fx["store"] = t("store_fresh") if setup.instance_store or not ebs_root else t("store_none")
        fx["ram"] = t("ram_fresh")
    elif action in ("stop", "hibernate"):
        path = ("stopping", "stopped")
        after = replace(inst, state="stopped", ram_saved=action == "hibernate")
        fx["billing"] = t("bill_hibernate" if action == "hibernate" else "bill_stop")
        if inst.eip_associated:
            fx["ipv4"] = t("ip_kept", ip=inst.public_ip)
        elif inst.public_ip:
            fx["ipv4"] = t("ip_released", ip=inst.public_ip)
            after = replace(after, public_ip=None)
        fx["root"] = t("root_kept")
        fx["ram"] = t("ram_saved" if action == "hibernate" else "ram_lost")
    elif action == "start":
        path, after = ("pending", "running"), replace(inst, state="running", ram_saved=False)
        fx["billing"] = t("bill_start")
        if inst.eip_associated:
            fx["ipv4"] = t("ip_kept", ip=inst.public_ip)
        elif setup.auto_public_ip:
            ip, n = _new_ip(inst)
            after = replace(after, public_ip=ip, addresses_used=n)
            fx["ipv4"] = t("ip_new", ip=ip)
        fx["root"] = t("root_kept")
        fx["ram"] = t("ram_restored" if inst.ram_saved else "ram_fresh")
    elif action == "reboot":
        path, after = ("running",), inst
        fx["billing"] = t("bill_reboot")
        fx["ipv4"] = t("ip_kept", ip=inst.public_ip) if inst.public_ip else t("ip_none")
        fx["root"] = t("root_kept") if ebs_root else t("root_on_store")
        fx["ram"] = t("ram_kept")
    else:  # terminate
        path = ("shutting-down", "terminated")
        keep_root = ebs_root and not setup.root_delete_on_termination
        after = replace(inst, state="terminated", public_ip=None, eip_associated=False,
                        root_volume=keep_root, ram_saved=False)
        fx["billing"] = t("bill_terminate")
        if inst.eip_associated:
            fx["ipv4"] = t("ip_eip_leaves", ip=inst.public_ip)
        elif inst.public_ip:
            fx["ipv4"] = t("ip_gone", ip=inst.public_ip)
        fx["root"] = (t("root_on_store") if not ebs_root else t("root_survives") if keep_root
                      else t("root_deleted"))
        if inst.data_volume:
            fx["data"] = t("data_survives")
        fx["ram"] = t("ram_lost")
    # Instance store data is lost whenever the instance leaves its host.
    if action != "launch" and (setup.instance_store or not ebs_root):
        fx["store"] = t({"reboot": "store_kept", "start": "store_empty_again"}.get(action, "store_lost"))
    if action not in ("launch", "terminate") and inst.data_volume:
        fx["data"] = t("data_kept")
    if after.eip_associated:
        fx["eip"] = t("eip_attached" if action == "launch" else "eip_stays", ip=EIP_ADDRESS)
    elif after.eip_allocated:
        fx["eip"] = t("eip_freed", ip=EIP_ADDRESS)
    order = ("billing", "ipv4", "eip", "root", "data", "store", "ram")
    effects = tuple(Effect(t(k), fx[k] if k in fx else _absent(k, after)) for k in order)
    return Transition(action, inst, after, path, effects)


def _absent(aspect: str, after: Instance) -> str:
    """Words for an aspect the action did not touch."""
    if aspect == "ipv4":
        return text(TEXT, "ip_kept", ip=after.public_ip) if after.public_ip else text(TEXT, "ip_none")
    if aspect == "eip":
        return text(TEXT, "eip_none")
    if aspect == "data":
        return text(TEXT, "data_none")
    if aspect == "store":
        return text(TEXT, "store_none")
    if aspect == "root":
        return text(TEXT, "root_on_store")
    return ""


def run(actions, setup: Setup = Setup()) -> tuple[Instance, list[Transition]]:
    """Apply ``actions`` in order from "not launched"; stops at the first illegal one (raises)."""
    inst, steps = Instance(setup), []
    for a in actions:
        step = apply(inst, a)
        steps.append(step)
        inst = step.after
    return inst, steps


@dataclass(frozen=True)
class Charge:
    item: str
    usd_per_hour: float
    verified: bool


def hourly_charges(inst: Instance, instance_type: str = "t3.micro", region: str = ec2_pricing.DEFAULT_REGION,
                   root_gb: int = 8, data_gb: int = 20) -> tuple[Charge, ...]:
    """What ``inst`` costs per hour as it rests now: instance usage, EBS storage, public IPv4 addresses."""
    t = lambda key, **v: text(TEXT, key, **v)  # noqa: E731
    out = []
    if BILLED.get(inst.state, False):
        p = ec2_pricing.on_demand_price(instance_type, region)
        out.append(Charge(t("charge_instance", itype=instance_type), float(p.value), p.verified))
    gp3 = ec2_pricing.ebs_price("gp3", region)
    hours = ec2_pricing.hours_per_month().value
    if inst.root_volume:
        out.append(Charge(t("charge_ebs", name="root", gb=root_gb), gp3.value * root_gb / hours, gp3.verified))
    if inst.data_volume:
        out.append(Charge(t("charge_ebs", name="data", gb=data_gb), gp3.value * data_gb / hours, gp3.verified))
    n = int(inst.public_ip is not None and not inst.eip_associated) + int(inst.eip_allocated)
    if n:
        ip = ec2_pricing.public_ipv4_hourly()
        out.append(Charge(t("charge_ipv4" if n == 1 else "charge_ipv4s", n=n), ip.value * n, ip.verified))
    return tuple(out)
