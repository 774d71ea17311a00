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
        "done_launch": "launched",
        "done_stop": "stopped",
        "done_hibernate": "hibernated",
        "done_start": "started",
        "done_reboot": "rebooted",
        "done_terminate": "terminated",
    },
    "ko": {
        "launch_first": "이 인스턴스는 아직 시작(launch)하지 않았습니다. 먼저 시작하세요.",
        "already_launched": "이 인스턴스는 이미 시작되었습니다. launch는 새 인스턴스를 만듭니다(reset을 누르세요).",
        "terminated_is_final": "종료된(terminated) 인스턴스는 영구히 삭제되어 {done}할 수 없습니다. 새로 시작하세요. (강의의 샌드박스인 moto는 종료된 인스턴스도 start할 수 있게 해 주지만 AWS는 그렇지 않습니다.)",
        "already_terminated": "인스턴스가 이미 종료되었습니다.",
        "instance_store_cannot_stop": "인스턴스 스토어 기반 인스턴스(루트 디바이스가 인스턴스 스토어)는 중지하거나 최대 절전 모드로 전환할 수 없습니다. 재부팅이나 종료만 할 수 있습니다.",
        "hibernation_not_enabled": "최대 절전 모드는 인스턴스를 시작할 때 활성화해야 합니다(HibernationOptions Configured=true, 암호화된 EBS 루트 볼륨). 이 인스턴스는 그렇게 시작하지 않았습니다.",
        "only_running": "실행 중(running)인 인스턴스만 {done}할 수 있습니다. 이 인스턴스는 {state} 상태입니다.",
        "only_stopped": "중지된(stopped) 인스턴스만 시작(start)할 수 있습니다. 이 인스턴스는 {state} 상태입니다.",
        "unknown_action": "알 수 없는 작업 {action!r}. 작업은 {actions}입니다.",
        "billing": "인스턴스 사용량",
        "ipv4": "퍼블릭 IPv4 주소",
        "eip": "탄력적 IP 주소",
        "root": "EBS 루트 볼륨",
        "data": "EBS 데이터 볼륨",
        "store": "인스턴스 스토어",
        "ram": "메모리 (RAM)",
        "bill_launch": "pending은 과금되지 않습니다. 인스턴스가 running이 되면 과금이 시작됩니다(Linux: 초 단위, 최소 60초).",
        "bill_stop": "stopping과 stopped는 과금되지 않습니다. 남겨 둔 볼륨과 퍼블릭 IPv4 주소는 계속 과금됩니다.",
        "bill_hibernate": "RAM을 루트 볼륨에 저장하는 stopping 동안 과금되고, stopped가 되면 과금되지 않습니다.",
        "bill_start": "running부터 다시 과금되고, 최소 60초가 새로 적용됩니다.",
        "bill_reboot": "재부팅하는 동안 인스턴스는 running 상태이므로 과금이 그대로 이어집니다.",
        "bill_terminate": "shutting-down과 terminated는 과금되지 않습니다.",
        "ip_new": "Amazon 풀에서 새 주소 {ip} (가지고 있는 동안 시간당 요금).",
        "ip_released": "{ip}는 Amazon 풀로 돌아갑니다. 다음에 시작하면 다른 주소를 받습니다.",
        "ip_kept": "그대로: {ip}.",
        "ip_gone": "{ip}는 Amazon 풀로 돌아갑니다.",
        "ip_eip_leaves": "인스턴스에 더 이상 퍼블릭 주소가 없습니다. 탄력적 IP {ip}는 계정에 남습니다.",
        "ip_none": "없음.",
        "ip_is_eip": "인스턴스의 퍼블릭 주소는 탄력적 IP {ip}입니다.",
        "eip_stays": "인스턴스에 연결된 채로 남고({ip}) 계속 과금됩니다.",
        "eip_attached": "{ip}를 계정에 할당하고 시작할 때 연결했습니다.",
        "eip_freed": "{ip}는 연결이 해제되지만 계정에 할당된 채로 남습니다: 릴리스할 때까지 시간당 과금됩니다.",
        "eip_none": "없음.",
        "root_created": "AMI의 스냅샷으로 만들어짐.",
        "root_kept": "데이터와 함께 그대로 남음 (GB-월 단위로 계속 과금).",
        "root_deleted": "삭제됨 (DeleteOnTermination이 true, 루트 볼륨의 기본값).",
        "root_survives": "남음 (DeleteOnTermination false): 분리된 채 계속 과금.",
        "root_on_store": "없음: 루트 디바이스가 인스턴스 스토어에 있음.",
        "data_created": "만들어져 연결됨.",
        "data_kept": "그대로, 연결된 채로 남음.",
        "data_survives": "남음, 분리된 채 계속 과금 (다른 EBS 볼륨은 기본적으로 종료 후에도 남음).",
        "data_none": "없음.",
        "store_fresh": "비어 있는, 호스트의 빠른 로컬 디스크.",
        "store_kept": "데이터 유지 (재부팅은 같은 호스트에 머묾).",
        "store_lost": "데이터 손실: 인스턴스가 호스트를 떠남.",
        "store_empty_again": "비어 있음: 중지할 때 데이터를 잃었고, 이제 다른 호스트에서 실행될 수 있음.",
        "store_none": "없음.",
        "ram_lost": "지워짐, 보통 종료할 때처럼.",
        "ram_saved": "암호화된 EBS 루트 볼륨에 저장됨.",
        "ram_restored": "루트 볼륨에서 복원됨: 프로그램이 멈췄던 곳에서 이어 감.",
        "ram_kept": "재부팅으로 지워짐 (OS가 다시 시작).",
        "ram_fresh": "비어 있음; OS가 부팅됨.",
        "charge_instance": "인스턴스 ({itype}, running)",
        "charge_ebs": "EBS {name} ({gb} GiB gp3)",
        "charge_ipv4": "퍼블릭 IPv4 (주소 {n}개)",
        "charge_ipv4s": "퍼블릭 IPv4 (주소 {n}개)",
        "done_launch": "시작(launch)",
        "done_stop": "중지",
        "done_hibernate": "최대 절전 모드로 전환",
        "done_start": "시작(start)",
        "done_reboot": "재부팅",
        "done_terminate": "종료",
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
        raise LifecycleError(text(TEXT, "terminated_is_final", done=text(TEXT, f"done_{action}")))
    if action in ("stop", "hibernate") and inst.setup.root_device == "instance-store":
        raise LifecycleError(text(TEXT, "instance_store_cannot_stop"))
    if action == "hibernate" and not inst.setup.hibernation_enabled:
        raise LifecycleError(text(TEXT, "hibernation_not_enabled"))
    if action in ("stop", "hibernate", "reboot") and s != "running":
        raise LifecycleError(text(TEXT, "only_running", done=text(TEXT, f"done_{action}"), state=s))
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
