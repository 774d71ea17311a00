"""Checks of Amazon RDS state in the sandbox: DB subnet groups, parameter groups, DB instances,
snapshots and read replicas.

Every check takes names, reads state through `labs.sandbox.check_client("rds")` and returns a
bilingual `CheckResult`. The sandbox (moto) accepts a DB subnet group in one Availability Zone,
which AWS refuses (`DBSubnetGroupDoesNotCoverEnoughAZs`); `subnet_group_azs` holds the group to
AWS's rule::

    from labs.checks import rds as check
    from labs.checks.result import require
    require(check.subnet_group_azs("kit-shop-db-subnets", at_least=2))
"""

from __future__ import annotations

from labs.checks.result import CheckResult, failed, passed, require

__all__ = [
    "require", "TEXT",
    "subnet_group_azs", "parameter_group", "db_instance", "manual_snapshot", "read_replica",
]

_CHAPTER = "21-relational-databases-and-rds.ipynb § "
_SEE = {
    "network": _CHAPTER + "Try it: a database in your own VPC",
    "fields": _CHAPTER + "Creating a DB instance: the fields",
    "multi_az": _CHAPTER + "Multi-AZ: a standby in another Availability Zone",
    "backups": _CHAPTER + "Amazon RDS: a managed relational database",
}

# Fields of a DB instance with a hint of their own (the rest share "field_hint").
_FIELD_HINTS = {
    "MultiAZ": ("field_multi_az_hint", "multi_az"),
    "PubliclyAccessible": ("field_public_hint", "fields"),
    "StorageEncrypted": ("field_encrypted_hint", "fields"),
    "BackupRetentionPeriod": ("field_backup_hint", "backups"),
}

TEXT = {
    "en": {
        "sng_missing": "DB subnet group {group!r} not found (DB subnet groups there: {there})",
        "sng_hint": "create the DB subnet group with the exact name the task gives",
        "sng_azs": ("DB subnet group {group!r} covers {count} Availability Zone(s) {there}, expected at least {want}; "
                    "AWS refuses it (DBSubnetGroupDoesNotCoverEnoughAZs), the sandbox does not"),
        "sng_azs_hint": "a DB subnet group needs subnets in at least two AZs, so a standby always has somewhere to go",
        "sng_ok": "DB subnet group {group!r} covers {count} Availability Zones: {there}",
        "pg_missing": "DB parameter group {group!r} not found (parameter groups there: {there})",
        "pg_hint": "the default parameter group can't be changed: create your own, with the exact name the task gives",
        "pg_family": "DB parameter group {group!r} is of family {there}, expected {want}",
        "pg_family_hint": "the family (engine and major version) is fixed at creation; it must match the DB instance's engine",
        "pg_value": "DB parameter group {group!r}: {parameter} is {there}, expected {want}",
        "pg_value_hint": "parameters you set show in describe_db_parameters; set the value the task names",
        "pg_ok": "DB parameter group {group!r} ({want}) sets {parameters}",
        "db_missing": "DB instance {instance!r} not found (DB instances there: {there})",
        "db_hint": "create the DB instance with the exact identifier the task gives",
        "db_field": "DB instance {instance!r}: {field} is {there}, expected {want}",
        "field_hint": "compare the create_db_instance parameters with the task's table",
        "field_multi_az_hint": "a Multi-AZ DB instance keeps a synchronous standby in another AZ; it is one setting of the instance",
        "field_public_hint": "a database should be reachable only from inside the VPC; public access is a setting of the instance",
        "field_encrypted_hint": "encryption at rest can only be chosen when the instance is created",
        "field_backup_hint": "the backup retention period sets how many days of automated backups RDS keeps (0 turns them off)",
        "db_subnet_group": "DB instance {instance!r} is in DB subnet group {there}, expected {want}",
        "db_subnet_group_hint": "the DB subnet group is named when the instance is created",
        "db_parameter_group": "DB instance {instance!r} uses parameter group(s) {there}, expected {want}",
        "db_parameter_group_hint": "an instance names its parameter group at creation, or later with modify_db_instance",
        "db_ok": "DB instance {instance!r}: {fields}",
        "snap_missing": "DB snapshot {snapshot!r} not found (snapshots of {instance!r}: {there})",
        "snap_hint": "take a manual snapshot of the instance with the exact identifier the task gives",
        "snap_wrong": "DB snapshot {snapshot!r}: {field} is {there}, expected {want}",
        "snap_wrong_hint": "automated snapshots belong to the backup schedule; a manual one is taken on request and kept until you delete it",
        "snap_ok": "DB snapshot {snapshot!r} is a manual snapshot of {instance!r}",
        "replica_not": "DB instance {replica!r} is not a read replica of {source!r} (its source: {there})",
        "replica_hint": "a read replica is created from its source instance, not as a second standalone instance",
        "replica_unlisted": "{source!r} does not list {replica!r} among its read replicas ({there})",
        "replica_ok": "{replica!r} is a read replica of {source!r}",
    },
    "ko": {
        "sng_missing": "DB 서브넷 그룹 {group!r}이(가) 없습니다 (있는 DB 서브넷 그룹: {there})",
        "sng_hint": "과제가 정한 이름 그대로 DB 서브넷 그룹을 만드세요",
        "sng_azs": ("DB 서브넷 그룹 {group!r}은(는) 가용 영역 {count}개 {there}에만 걸칩니다. 최소 {want}개가 필요합니다. "
                    "AWS는 이 그룹을 거부하지만(DBSubnetGroupDoesNotCoverEnoughAZs) 샌드박스는 받아 줍니다"),
        "sng_azs_hint": "DB 서브넷 그룹에는 가용 영역 두 곳 이상의 서브넷이 있어야 대기 인스턴스가 갈 곳이 늘 있습니다",
        "sng_ok": "DB 서브넷 그룹 {group!r}은(는) 가용 영역 {count}개에 걸칩니다: {there}",
        "pg_missing": "DB 파라미터 그룹 {group!r}이(가) 없습니다 (있는 파라미터 그룹: {there})",
        "pg_hint": "기본 파라미터 그룹은 바꿀 수 없습니다. 과제가 정한 이름 그대로 직접 만드세요",
        "pg_family": "DB 파라미터 그룹 {group!r}의 패밀리는 {there}입니다. 기대값은 {want}입니다",
        "pg_family_hint": "패밀리(엔진과 메이저 버전)는 만들 때 정해지며 DB 인스턴스의 엔진과 맞아야 합니다",
        "pg_value": "DB 파라미터 그룹 {group!r}: {parameter}이(가) {there}입니다. 기대값은 {want}입니다",
        "pg_value_hint": "직접 설정한 파라미터는 describe_db_parameters에 나옵니다. 과제가 정한 값을 설정하세요",
        "pg_ok": "DB 파라미터 그룹 {group!r}({want})이(가) {parameters}을(를) 설정합니다",
        "db_missing": "DB 인스턴스 {instance!r}이(가) 없습니다 (있는 DB 인스턴스: {there})",
        "db_hint": "과제가 정한 식별자 그대로 DB 인스턴스를 만드세요",
        "db_field": "DB 인스턴스 {instance!r}: {field}이(가) {there}입니다. 기대값은 {want}입니다",
        "field_hint": "create_db_instance 파라미터를 과제의 표와 비교해 보세요",
        "field_multi_az_hint": "다중 AZ DB 인스턴스는 다른 가용 영역에 동기식 대기 인스턴스를 둡니다. 인스턴스의 설정 하나입니다",
        "field_public_hint": "데이터베이스는 VPC 안에서만 닿아야 합니다. 퍼블릭 액세스는 인스턴스의 설정입니다",
        "field_encrypted_hint": "저장 데이터 암호화는 인스턴스를 만들 때만 고를 수 있습니다",
        "field_backup_hint": "백업 보존 기간은 RDS가 자동 백업을 며칠 동안 보관할지 정합니다(0이면 꺼집니다)",
        "db_subnet_group": "DB 인스턴스 {instance!r}은(는) DB 서브넷 그룹 {there}에 있습니다. 기대값은 {want}입니다",
        "db_subnet_group_hint": "DB 서브넷 그룹은 인스턴스를 만들 때 정합니다",
        "db_parameter_group": "DB 인스턴스 {instance!r}은(는) 파라미터 그룹 {there}을(를) 씁니다. 기대값은 {want}입니다",
        "db_parameter_group_hint": "인스턴스는 만들 때, 또는 나중에 modify_db_instance로 파라미터 그룹을 정합니다",
        "db_ok": "DB 인스턴스 {instance!r}: {fields}",
        "snap_missing": "DB 스냅샷 {snapshot!r}이(가) 없습니다 ({instance!r}의 스냅샷: {there})",
        "snap_hint": "과제가 정한 식별자 그대로 인스턴스의 수동 스냅샷을 만드세요",
        "snap_wrong": "DB 스냅샷 {snapshot!r}: {field}이(가) {there}입니다. 기대값은 {want}입니다",
        "snap_wrong_hint": "자동 스냅샷은 백업 일정에 속합니다. 수동 스냅샷은 요청할 때 만들어지고 지울 때까지 남습니다",
        "snap_ok": "DB 스냅샷 {snapshot!r}은(는) {instance!r}의 수동 스냅샷입니다",
        "replica_not": "DB 인스턴스 {replica!r}은(는) {source!r}의 읽기 전용 복제본이 아닙니다 (원본: {there})",
        "replica_hint": "읽기 전용 복제본은 따로 만든 인스턴스가 아니라 원본 인스턴스로부터 만듭니다",
        "replica_unlisted": "{source!r}의 읽기 전용 복제본 목록({there})에 {replica!r}이(가) 없습니다",
        "replica_ok": "{replica!r}은(는) {source!r}의 읽기 전용 복제본입니다",
    },
}


def subnet_group_azs(group: str, at_least: int = 2) -> CheckResult:
    """Check that DB subnet group ``group`` has subnets in at least ``at_least`` Availability Zones."""
    name = "subnet_group_azs"
    rds = _rds()
    groups = {g["DBSubnetGroupName"]: g for g in rds.describe_db_subnet_groups()["DBSubnetGroups"]}
    if group not in groups:
        return failed(name, TEXT, "sng_missing", found=sorted(groups), expected=group, hint="sng_hint",
                      see=_SEE["network"], group=group, there=sorted(groups))
    azs = sorted({s["SubnetAvailabilityZone"]["Name"] for s in groups[group].get("Subnets", [])})
    if len(azs) < at_least:
        return failed(name, TEXT, "sng_azs", found=azs, expected=at_least, hint="sng_azs_hint",
                      see=_SEE["network"], group=group, count=len(azs), there=azs, want=at_least)
    return passed(name, TEXT, "sng_ok", found=azs, expected=at_least, group=group, count=len(azs), there=azs)


def parameter_group(group: str, family: str, **parameters: str) -> CheckResult:
    """Check that DB parameter group ``group`` exists in ``family`` and sets each of ``parameters``.

    Values compare as strings, as RDS returns them.
    """
    name = "parameter_group"
    rds = _rds()
    groups = {g["DBParameterGroupName"]: g for g in rds.describe_db_parameter_groups()["DBParameterGroups"]}
    if group not in groups:
        there = sorted(g for g in groups if not g.startswith("default."))
        return failed(name, TEXT, "pg_missing", found=there, expected=group, hint="pg_hint",
                      see=_SEE["network"], group=group, there=there)
    there_family = groups[group].get("DBParameterGroupFamily")
    if there_family != family:
        return failed(name, TEXT, "pg_family", found=there_family, expected=family, hint="pg_family_hint",
                      see=_SEE["network"], group=group, there=there_family, want=family)
    values = {p["ParameterName"]: p.get("ParameterValue")
              for p in rds.describe_db_parameters(DBParameterGroupName=group).get("Parameters", [])}
    for parameter, want in parameters.items():
        there = values.get(parameter)
        if there != str(want):
            return failed(name, TEXT, "pg_value", found=there, expected=str(want), hint="pg_value_hint",
                          see=_SEE["network"], group=group, parameter=parameter, there=there, want=want)
    shown = ", ".join(f"{k}={v}" for k, v in parameters.items()) or "nothing yet"
    return passed(name, TEXT, "pg_ok", found=values, expected=parameters, group=group, want=family, parameters=shown)


def db_instance(instance: str, *, subnet_group: str | None = None, parameter_group: str | None = None,
                **fields) -> CheckResult:
    """Check DB instance ``instance``: each of ``fields`` as DescribeDBInstances shows it
    (``MultiAZ=True``, ``Engine="mysql"``), its DB subnet group and its parameter group."""
    name = "db_instance"
    found = _instance(instance)
    if isinstance(found, CheckResult):
        return found
    for field, want in fields.items():
        there = found.get(field)
        if there != want:
            hint, see = _FIELD_HINTS.get(field, ("field_hint", "fields"))
            return failed(name, TEXT, "db_field", found=there, expected=want, hint=hint, see=_SEE[see],
                          instance=instance, field=field, there=there, want=want)
    if subnet_group is not None:
        there = (found.get("DBSubnetGroup") or {}).get("DBSubnetGroupName")
        if there != subnet_group:
            return failed(name, TEXT, "db_subnet_group", found=there, expected=subnet_group,
                          hint="db_subnet_group_hint", see=_SEE["network"], instance=instance,
                          there=there, want=subnet_group)
    if parameter_group is not None:
        there = sorted(g["DBParameterGroupName"] for g in found.get("DBParameterGroups", []))
        if parameter_group not in there:
            return failed(name, TEXT, "db_parameter_group", found=there, expected=parameter_group,
                          hint="db_parameter_group_hint", see=_SEE["network"], instance=instance,
                          there=there, want=parameter_group)
    shown = dict(fields)
    if subnet_group:
        shown["DBSubnetGroup"] = subnet_group
    if parameter_group:
        shown["DBParameterGroup"] = parameter_group
    return passed(name, TEXT, "db_ok", found=shown, expected=shown, instance=instance,
                  fields=", ".join(f"{k}={v}" for k, v in shown.items()) or "exists")


def manual_snapshot(snapshot: str, instance: str) -> CheckResult:
    """Check that ``snapshot`` is an available manual snapshot of DB instance ``instance``."""
    name = "manual_snapshot"
    rds = _rds()
    snapshots = {s["DBSnapshotIdentifier"]: s for s in rds.describe_db_snapshots()["DBSnapshots"]}
    if snapshot not in snapshots:
        there = sorted(k for k, s in snapshots.items() if s.get("DBInstanceIdentifier") == instance)
        return failed(name, TEXT, "snap_missing", found=there, expected=snapshot, hint="snap_hint",
                      see=_SEE["backups"], snapshot=snapshot, instance=instance, there=there)
    found = snapshots[snapshot]
    for field, want in (("DBInstanceIdentifier", instance), ("SnapshotType", "manual"), ("Status", "available")):
        if found.get(field) != want:
            return failed(name, TEXT, "snap_wrong", found=found.get(field), expected=want, hint="snap_wrong_hint",
                          see=_SEE["backups"], snapshot=snapshot, field=field, there=found.get(field), want=want)
    return passed(name, TEXT, "snap_ok", found=snapshot, expected=snapshot, snapshot=snapshot, instance=instance)


def read_replica(replica: str, source: str) -> CheckResult:
    """Check that DB instance ``replica`` is a read replica of ``source``, seen from both sides."""
    name = "read_replica"
    found = _instance(replica)
    if isinstance(found, CheckResult):
        return found
    there = found.get("ReadReplicaSourceDBInstanceIdentifier")
    # A cross-Region replica names its source by ARN, ending in ":db:<identifier>".
    if there is None or there.split(":")[-1] != source:
        return failed(name, TEXT, "replica_not", found=there, expected=source, hint="replica_hint",
                      see=_SEE["multi_az"], replica=replica, source=source, there=there)
    origin = _instance(source)
    if isinstance(origin, CheckResult):
        return origin
    listed = origin.get("ReadReplicaDBInstanceIdentifiers", [])
    if not any(r.split(":")[-1] == replica for r in listed):
        return failed(name, TEXT, "replica_unlisted", found=listed, expected=replica, hint="replica_hint",
                      see=_SEE["multi_az"], replica=replica, source=source, there=listed)
    return passed(name, TEXT, "replica_ok", found=there, expected=source, replica=replica, source=source)


# --- helpers -----------------------------------------------------------------


def _rds():
    from labs.sandbox import check_client

    return check_client("rds")


def _instance(instance: str) -> dict | CheckResult:
    instances = {d["DBInstanceIdentifier"]: d for d in _rds().describe_db_instances()["DBInstances"]}
    if instance not in instances:
        return failed("db_instance", TEXT, "db_missing", found=sorted(instances), expected=instance,
                      hint="db_hint", see=_SEE["fields"], instance=instance, there=sorted(instances))
    return instances[instance]
