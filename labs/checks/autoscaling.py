"""Checks of launch templates, Auto Scaling groups and scaling policies in the sandbox.

Every check takes names, reads state through `labs.sandbox.check_client` and returns a
bilingual `CheckResult`. The sandbox (moto) puts every instance of a group in the first
subnet's Availability Zone and accepts a minimum above the maximum, so these checks judge the
group's *configuration* (its subnets' AZs, its sizes) against AWS's rules, not moto's
placement::

    from labs.checks import autoscaling as check
    from labs.checks.result import require
    require(check.group_spans_azs("kit-web-asg", at_least=2))
"""

from __future__ import annotations

from labs.checks.result import CheckResult, failed, passed, require

__all__ = [
    "require", "TEXT",
    "launch_template", "group_uses_launch_template", "group_capacity", "group_spans_azs",
    "group_health_check_type", "group_target_groups", "target_tracking_policy",
]

_SEE = {
    "template": "10-load-balancing-and-auto-scaling.ipynb § Launch templates, not launch configurations",
    "group": "10-load-balancing-and-auto-scaling.ipynb § Auto Scaling groups: min, max and desired",
    "health": "10-load-balancing-and-auto-scaling.ipynb § Health checks and the 502",
    "policy": "10-load-balancing-and-auto-scaling.ipynb § Ways to change capacity",
}

TEXT = {
    "en": {
        "lt_missing": "launch template {template!r} not found (launch templates there: {there})",
        "lt_hint": "create a launch template (EC2, not Auto Scaling) with the exact name the task gives",
        "lt_ok": "launch template {template!r}: default version {version} sets {fields}",
        "lt_wrong": "launch template {template!r}, default version {version}: {field} is {there}, expected {want}",
        "lt_wrong_hint": ("a launch template version can't be edited: create a new version with the right "
                          "settings and make it the default, or delete the template and create it again"),
        "asg_missing": "Auto Scaling group {group!r} not found (groups there: {there})",
        "asg_hint": "create the Auto Scaling group with the exact name the task gives",
        "uses_lt_ok": "group {group!r} launches from launch template {template!r}",
        "uses_lc": ("group {group!r} launches from launch configuration {there}, expected launch template "
                    "{template!r}; launch configurations are legacy and new accounts can't create them"),
        "uses_other": "group {group!r} launches from {there}, expected launch template {template!r}",
        "uses_hint": "an Auto Scaling group names its launch template in LaunchTemplate (name and version)",
        "capacity_ok": "group {group!r}: min {min}, desired {desired}, max {max}",
        "capacity_wrong": "group {group!r}: min {found_min}, desired {found_desired}, max {found_max}; expected min {min}, desired {desired}, max {max}",
        "capacity_hint": "update_auto_scaling_group changes the sizes; desired must lie between min and max",
        "capacity_invalid": ("group {group!r}: min {found_min}, desired {found_desired}, max {found_max} breaks "
                             "AWS's rule min ≤ desired ≤ max (the sandbox accepted it; AWS would not)"),
        "azs_ok": "group {group!r} launches into {count} Availability Zones: {there}",
        "azs_few": ("group {group!r} launches into {count} Availability Zone(s) {there}, expected at least "
                    "{want}; one AZ going down would take every instance with it"),
        "azs_hint": "the group's subnets (VPCZoneIdentifier) decide its AZs: give it one subnet in each AZ",
        "hc_ok": "group {group!r} uses health check type {want}",
        "hc_wrong": "group {group!r} uses health check type {there}, expected {want}",
        "hc_hint": ("with only EC2 status checks the group keeps an instance whose web server died; "
                    "the group's HealthCheckType decides whose verdict it trusts"),
        "tg_unknown": "target group {target_group!r} not found (target groups there: {there})",
        "tg_unknown_hint": "create the target group first, with the exact name the task gives",
        "tg_not_attached": "group {group!r} is attached to target groups {there}, expected {target_group!r}",
        "tg_attach_hint": "a group registers its instances in the target groups listed in its TargetGroupARNs",
        "tg_no_instances": "group {group!r} has no InService instances to register in {target_group!r}",
        "tg_no_instances_hint": "give the group a desired capacity above 0 and a launch template it can launch from",
        "tg_unregistered": ("target group {target_group!r} does not hold the group's instances {missing} "
                            "(registered there: {there})"),
        "tg_unregistered_hint": ("instances registered by hand are not kept up to date: attach the target "
                                 "group to the Auto Scaling group instead"),
        "tg_ok": "group {group!r}: its {count} instances are registered in target group {target_group!r}",
        "policy_missing": "group {group!r} has no scaling policy {policy!r} (policies there: {there})",
        "policy_hint": "attach a scaling policy to the group with the exact name the task gives",
        "policy_type": "policy {policy!r} is of type {there}, expected TargetTrackingScaling",
        "policy_type_hint": "target tracking is the policy type that keeps a metric at a target value, like a thermostat",
        "policy_metric": "policy {policy!r} tracks {there}, expected {metric}",
        "policy_metric_hint": "target tracking names a predefined metric in its configuration; pick the one the task describes",
        "policy_target": "policy {policy!r} aims at {there}, expected {target}",
        "policy_target_hint": "the target value is the metric's value the policy keeps the group at",
        "policy_ok": "policy {policy!r}: target tracking keeps {metric} at {target}",
    },
    "ko": {
        "lt_missing": "시작 템플릿 {template!r}이(가) 없습니다 (있는 시작 템플릿: {there})",
        "lt_hint": "과제가 정한 이름 그대로 시작 템플릿을 만드세요 (Auto Scaling이 아니라 EC2에서 만듭니다)",
        "lt_ok": "시작 템플릿 {template!r}: 기본 버전 {version}이(가) {fields}을(를) 설정합니다",
        "lt_wrong": "시작 템플릿 {template!r}의 기본 버전 {version}: {field}이(가) {there}입니다. 기대값은 {want}입니다",
        "lt_wrong_hint": ("시작 템플릿 버전은 고칠 수 없습니다. 올바른 설정으로 새 버전을 만들어 기본 버전으로 "
                          "지정하거나, 템플릿을 지우고 다시 만드세요"),
        "asg_missing": "Auto Scaling 그룹 {group!r}이(가) 없습니다 (있는 그룹: {there})",
        "asg_hint": "과제가 정한 이름 그대로 Auto Scaling 그룹을 만드세요",
        "uses_lt_ok": "그룹 {group!r}은(는) 시작 템플릿 {template!r}(으)로 인스턴스를 시작합니다",
        "uses_lc": ("그룹 {group!r}은(는) 시작 구성 {there}(으)로 인스턴스를 시작합니다. 기대값은 시작 템플릿 "
                    "{template!r}입니다. 시작 구성은 레거시이며 새 계정에서는 만들 수 없습니다"),
        "uses_other": "그룹 {group!r}은(는) {there}(으)로 인스턴스를 시작합니다. 기대값은 시작 템플릿 {template!r}입니다",
        "uses_hint": "Auto Scaling 그룹은 LaunchTemplate에 시작 템플릿(이름과 버전)을 지정합니다",
        "capacity_ok": "그룹 {group!r}: 최소 {min}, 원하는 용량 {desired}, 최대 {max}",
        "capacity_wrong": "그룹 {group!r}: 최소 {found_min}, 원하는 용량 {found_desired}, 최대 {found_max}입니다. 기대값은 최소 {min}, 원하는 용량 {desired}, 최대 {max}입니다",
        "capacity_hint": "update_auto_scaling_group으로 크기를 바꿉니다. 원하는 용량은 최소와 최대 사이여야 합니다",
        "capacity_invalid": ("그룹 {group!r}: 최소 {found_min}, 원하는 용량 {found_desired}, 최대 {found_max}은(는) "
                             "AWS 규칙 최소 ≤ 원하는 용량 ≤ 최대에 어긋납니다 (샌드박스는 받아 주지만 AWS는 거부합니다)"),
        "azs_ok": "그룹 {group!r}은(는) 가용 영역 {count}개에 인스턴스를 시작합니다: {there}",
        "azs_few": ("그룹 {group!r}은(는) 가용 영역 {count}개 {there}에만 인스턴스를 시작합니다. 최소 {want}개가 "
                    "필요합니다. 가용 영역 하나가 멈추면 모든 인스턴스가 함께 멈춥니다"),
        "azs_hint": "그룹의 서브넷(VPCZoneIdentifier)이 가용 영역을 정합니다. 가용 영역마다 서브넷을 하나씩 주세요",
        "hc_ok": "그룹 {group!r}은(는) 상태 확인 유형 {want}을(를) 씁니다",
        "hc_wrong": "그룹 {group!r}의 상태 확인 유형은 {there}입니다. 기대값은 {want}입니다",
        "hc_hint": ("EC2 상태 확인만 쓰면 웹 서버가 죽은 인스턴스도 그대로 둡니다. 그룹의 HealthCheckType이 "
                    "누구의 판정을 믿을지 정합니다"),
        "tg_unknown": "대상 그룹 {target_group!r}이(가) 없습니다 (있는 대상 그룹: {there})",
        "tg_unknown_hint": "과제가 정한 이름 그대로 대상 그룹을 먼저 만드세요",
        "tg_not_attached": "그룹 {group!r}에 연결된 대상 그룹은 {there}입니다. 기대값은 {target_group!r}입니다",
        "tg_attach_hint": "그룹은 TargetGroupARNs에 있는 대상 그룹에 자기 인스턴스를 등록합니다",
        "tg_no_instances": "그룹 {group!r}에는 {target_group!r}에 등록할 InService 인스턴스가 없습니다",
        "tg_no_instances_hint": "그룹의 원하는 용량을 0보다 크게 하고, 시작할 수 있는 시작 템플릿을 주세요",
        "tg_unregistered": ("대상 그룹 {target_group!r}에 그룹의 인스턴스 {missing}이(가) 없습니다 "
                            "(등록된 대상: {there})"),
        "tg_unregistered_hint": ("손으로 등록한 인스턴스는 그룹이 바뀌어도 따라가지 않습니다. 대상 그룹을 "
                                 "Auto Scaling 그룹에 연결하세요"),
        "tg_ok": "그룹 {group!r}: 인스턴스 {count}개가 대상 그룹 {target_group!r}에 등록되어 있습니다",
        "policy_missing": "그룹 {group!r}에 조정 정책 {policy!r}이(가) 없습니다 (있는 정책: {there})",
        "policy_hint": "과제가 정한 이름 그대로 그룹에 조정 정책을 붙이세요",
        "policy_type": "정책 {policy!r}의 유형은 {there}입니다. 기대값은 TargetTrackingScaling입니다",
        "policy_type_hint": "온도 조절기처럼 지표를 목표값에 맞추는 정책 유형이 대상 추적입니다",
        "policy_metric": "정책 {policy!r}은(는) {there}을(를) 추적합니다. 기대값은 {metric}입니다",
        "policy_metric_hint": "대상 추적 구성에는 미리 정의된 지표를 씁니다. 과제가 설명하는 지표를 고르세요",
        "policy_target": "정책 {policy!r}의 목표값은 {there}입니다. 기대값은 {target}입니다",
        "policy_target_hint": "목표값은 정책이 그룹의 지표를 유지하려는 값입니다",
        "policy_ok": "정책 {policy!r}: 대상 추적이 {metric}을(를) {target}(으)로 유지합니다",
    },
}


def launch_template(template: str, **expected) -> CheckResult:
    """Check that launch template ``template`` exists and its default version sets ``expected``.

    ``expected`` names fields of the version's LaunchTemplateData, e.g. ``InstanceType="t3.micro"``.
    """
    name = "launch_template"
    ec2 = _client("ec2")
    templates = _launch_templates(ec2)
    if template not in templates:
        return failed(name, TEXT, "lt_missing", found=sorted(templates), expected=template,
                      hint="lt_hint", see=_SEE["template"], template=template, there=sorted(templates))
    version = ec2.describe_launch_template_versions(
        LaunchTemplateName=template, Versions=["$Default"])["LaunchTemplateVersions"][0]
    data = version.get("LaunchTemplateData", {})
    number = version.get("VersionNumber")
    for field, want in expected.items():
        there = data.get(field)
        if there != want:
            return failed(name, TEXT, "lt_wrong", found=there, expected=want, hint="lt_wrong_hint",
                          see=_SEE["template"], template=template, version=number, field=field,
                          there=there, want=want)
    fields = ", ".join(f"{k}={v}" for k, v in expected.items()) or "-"
    return passed(name, TEXT, "lt_ok", found=data, expected=expected, template=template,
                  version=number, fields=fields)


def group_uses_launch_template(group: str, template: str) -> CheckResult:
    """Check that Auto Scaling group ``group`` launches from launch template ``template``.

    A group may name the template directly or in a mixed instances policy; a launch
    configuration fails (it is legacy).
    """
    name = "group_uses_launch_template"
    found = _group(group)
    if isinstance(found, CheckResult):
        return found
    spec = found.get("LaunchTemplate") or (
        found.get("MixedInstancesPolicy", {}).get("LaunchTemplate", {}).get("LaunchTemplateSpecification"))
    if spec and spec.get("LaunchTemplateName") == template:
        return passed(name, TEXT, "uses_lt_ok", found=template, expected=template, group=group, template=template)
    if found.get("LaunchConfigurationName"):
        return failed(name, TEXT, "uses_lc", found=found["LaunchConfigurationName"], expected=template,
                      hint="uses_hint", see=_SEE["template"], group=group, template=template,
                      there=repr(found["LaunchConfigurationName"]))
    there = f"launch template {spec.get('LaunchTemplateName')!r}" if spec else "nothing"
    return failed(name, TEXT, "uses_other", found=there, expected=template, hint="uses_hint",
                  see=_SEE["template"], group=group, template=template, there=there)


def group_capacity(group: str, min: int, desired: int, max: int) -> CheckResult:  # noqa: A002 (AWS's words)
    """Check the group's minimum, desired and maximum capacity, and that min ≤ desired ≤ max."""
    name = "group_capacity"
    found = _group(group)
    if isinstance(found, CheckResult):
        return found
    sizes = {"found_min": found["MinSize"], "found_desired": found["DesiredCapacity"], "found_max": found["MaxSize"]}
    want = {"min": min, "desired": desired, "max": max}
    found_tuple = (sizes["found_min"], sizes["found_desired"], sizes["found_max"])
    if not sizes["found_min"] <= sizes["found_desired"] <= sizes["found_max"]:
        return failed(name, TEXT, "capacity_invalid", found=found_tuple, expected=(min, desired, max),
                      hint="capacity_hint", see=_SEE["group"], group=group, **sizes)
    if found_tuple != (min, desired, max):
        return failed(name, TEXT, "capacity_wrong", found=found_tuple, expected=(min, desired, max),
                      hint="capacity_hint", see=_SEE["group"], group=group, **sizes, **want)
    return passed(name, TEXT, "capacity_ok", found=found_tuple, expected=found_tuple, group=group, **want)


def group_spans_azs(group: str, at_least: int = 2) -> CheckResult:
    """Check that the group launches into at least ``at_least`` Availability Zones.

    The AZs are those of the group's subnets (VPCZoneIdentifier), or its AvailabilityZones
    when it names no subnets. Where moto happens to place the instances is not judged: it
    puts them all in the first subnet's AZ, where AWS balances them.
    """
    name = "group_spans_azs"
    found = _group(group)
    if isinstance(found, CheckResult):
        return found
    subnets = [s for s in (found.get("VPCZoneIdentifier") or "").split(",") if s.strip()]
    if subnets:
        described = _client("ec2").describe_subnets(SubnetIds=[s.strip() for s in subnets])["Subnets"]
        azs = sorted({s["AvailabilityZone"] for s in described})
    else:
        azs = sorted(found.get("AvailabilityZones", []))
    if len(azs) < at_least:
        return failed(name, TEXT, "azs_few", found=azs, expected=at_least, hint="azs_hint", see=_SEE["group"],
                      group=group, count=len(azs), there=azs, want=at_least)
    return passed(name, TEXT, "azs_ok", found=azs, expected=at_least, group=group, count=len(azs), there=azs)


def group_health_check_type(group: str, expected: str = "ELB") -> CheckResult:
    """Check the group's HealthCheckType (``"EC2"`` or ``"ELB"``)."""
    name = "group_health_check_type"
    found = _group(group)
    if isinstance(found, CheckResult):
        return found
    there = found.get("HealthCheckType")
    if there != expected:
        return failed(name, TEXT, "hc_wrong", found=there, expected=expected, hint="hc_hint",
                      see=_SEE["health"], group=group, there=there, want=expected)
    return passed(name, TEXT, "hc_ok", found=there, expected=expected, group=group, want=expected)


def group_target_groups(group: str, target_group: str) -> CheckResult:
    """Check that the group is attached to ``target_group`` and its InService instances are registered there.

    Reads both sides through the API: the group's TargetGroupARNs and its instances, and the
    target group's targets (describe_target_health).
    """
    name = "group_target_groups"
    found = _group(group)
    if isinstance(found, CheckResult):
        return found
    elbv2 = _client("elbv2")
    groups = {g["TargetGroupName"]: g["TargetGroupArn"] for g in _target_groups(elbv2)}
    if target_group not in groups:
        return failed(name, TEXT, "tg_unknown", found=sorted(groups), expected=target_group,
                      hint="tg_unknown_hint", see=_SEE["group"], target_group=target_group, there=sorted(groups))
    arn = groups[target_group]
    attached = found.get("TargetGroupARNs", [])
    if arn not in attached:
        names = sorted(n for n, a in groups.items() if a in attached)
        return failed(name, TEXT, "tg_not_attached", found=names, expected=target_group, hint="tg_attach_hint",
                      see=_SEE["group"], group=group, target_group=target_group, there=names)
    members = sorted(i["InstanceId"] for i in found.get("Instances", []) if i.get("LifecycleState") == "InService")
    if not members:
        return failed(name, TEXT, "tg_no_instances", found=[], expected="instances", hint="tg_no_instances_hint",
                      see=_SEE["group"], group=group, target_group=target_group)
    registered = sorted(d["Target"]["Id"] for d in
                        elbv2.describe_target_health(TargetGroupArn=arn)["TargetHealthDescriptions"])
    missing = sorted(set(members) - set(registered))
    if missing:
        return failed(name, TEXT, "tg_unregistered", found=registered, expected=members,
                      hint="tg_unregistered_hint", see=_SEE["group"], target_group=target_group,
                      missing=missing, there=registered)
    return passed(name, TEXT, "tg_ok", found=registered, expected=members, group=group,
                  target_group=target_group, count=len(members))


def target_tracking_policy(group: str, policy: str, metric: str = "ASGAverageCPUUtilization",
                           target: float = 50.0) -> CheckResult:
    """Check that ``group`` has target-tracking policy ``policy`` keeping predefined ``metric`` at ``target``."""
    name = "target_tracking_policy"
    found = _group(group)
    if isinstance(found, CheckResult):
        return found
    policies = {p["PolicyName"]: p for p in
                _client("autoscaling").describe_policies(AutoScalingGroupName=group).get("ScalingPolicies", [])}
    if policy not in policies:
        return failed(name, TEXT, "policy_missing", found=sorted(policies), expected=policy, hint="policy_hint",
                      see=_SEE["policy"], group=group, policy=policy, there=sorted(policies))
    p = policies[policy]
    if p.get("PolicyType") != "TargetTrackingScaling":
        return failed(name, TEXT, "policy_type", found=p.get("PolicyType"), expected="TargetTrackingScaling",
                      hint="policy_type_hint", see=_SEE["policy"], policy=policy, there=p.get("PolicyType"))
    config = p.get("TargetTrackingConfiguration", {})
    there = (config.get("PredefinedMetricSpecification") or {}).get("PredefinedMetricType") or "a custom metric"
    if there != metric:
        return failed(name, TEXT, "policy_metric", found=there, expected=metric, hint="policy_metric_hint",
                      see=_SEE["policy"], policy=policy, there=there, metric=metric)
    value = config.get("TargetValue")
    if value is None or float(value) != float(target):
        return failed(name, TEXT, "policy_target", found=value, expected=target, hint="policy_target_hint",
                      see=_SEE["policy"], policy=policy, there=value, target=target)
    return passed(name, TEXT, "policy_ok", found=value, expected=target, policy=policy, metric=metric, target=target)


# --- helpers -----------------------------------------------------------------


def _client(service: str):
    from labs.sandbox import check_client

    return check_client(service)


def _launch_templates(ec2) -> list[str]:
    names: list[str] = []
    for page in ec2.get_paginator("describe_launch_templates").paginate():
        names += [t["LaunchTemplateName"] for t in page.get("LaunchTemplates", [])]
    return names


def _target_groups(elbv2) -> list[dict]:
    groups: list[dict] = []
    for page in elbv2.get_paginator("describe_target_groups").paginate():
        groups += page.get("TargetGroups", [])
    return groups


def _group(group: str) -> dict | CheckResult:
    autoscaling = _client("autoscaling")
    found = autoscaling.describe_auto_scaling_groups(AutoScalingGroupNames=[group])["AutoScalingGroups"]
    if found:
        return found[0]
    there = sorted(g["AutoScalingGroupName"] for g in
                   autoscaling.describe_auto_scaling_groups()["AutoScalingGroups"])
    return failed("auto_scaling_group", TEXT, "asg_missing", found=there, expected=group, hint="asg_hint",
                  see=_SEE["group"], group=group, there=there)
