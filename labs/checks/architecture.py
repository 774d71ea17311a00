"""Architecture rules for the three-tier capstone, judged on the sandbox's state like a design review.

The learner's architecture is found by the tags the lab prescribes, never by the learner's
variables: the VPC tagged ``Project=capstone``; in it, subnets, security groups and running
instances tagged ``Tier=web|app|db``; RDS DB instances tagged ``Project=capstone`` (or placed in
that VPC). Every rule reads through the checks' own clients (`labs.sandbox.check_client`) and
returns one `CheckResult` in English and Korean: what was found against the rule, why the rule
matters (one sentence), and the chapter section to read. `review` prints a passing rule as one
✓ line and raises with the reasons for a failing one.

The course's own logic decides: `course.vpc_routes` (which route table a subnet uses; public,
private or isolated), `labs.checks.vpc` (which security group rules admit a port), the IAM
evaluator `course.iam.evaluate` (least privilege) and the cost meter `course.cost_meter`
(read through `labs.cost_state.read_inventory`, the meter's own view of the sandbox).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace

from labs.checks.result import CheckResult, failed, passed, require

__all__ = [
    "TEXT", "PROJECT", "BUCKET", "BUDGET_USD", "PRICE_REGION", "MUST_ALLOW", "MUST_DENY", "review",
    "database_not_public", "ssh_not_open_to_world", "tiers_in_two_azs", "private_egress_through_nat",
    "app_role_least_privilege", "monthly_cost_within_budget",
]

PROJECT = "capstone"
TIERS = ("web", "app", "db")
BUCKET = "capstone-assets"
BUDGET_USD = 150.0
# The course's price data covers us-east-1 only (course.cost_meter.priced_regions).
PRICE_REGION = "us-east-1"

# Requests the app tier's role must allow and must not: read the one bucket, nothing broader.
MUST_ALLOW = (
    ("s3:GetObject", f"arn:aws:s3:::{BUCKET}/reports/2026-12.csv"),
    ("s3:ListBucket", f"arn:aws:s3:::{BUCKET}"),
)
MUST_DENY = (
    ("s3:PutObject", f"arn:aws:s3:::{BUCKET}/reports/2026-12.csv"),
    ("s3:DeleteObject", f"arn:aws:s3:::{BUCKET}/reports/2026-12.csv"),
    ("s3:PutBucketPolicy", f"arn:aws:s3:::{BUCKET}"),
    ("s3:GetObject", "arn:aws:s3:::capstone-backups/db/dump.sql"),
    ("s3:ListAllMyBuckets", "*"),
    ("iam:PassRole", "arn:aws:iam::123456789012:role/admin"),
    ("ec2:TerminateInstances", "arn:aws:ec2:ap-northeast-2:123456789012:instance/i-0123456789abcdef0"),
)

SEE_PUBLIC = "11-vpc-fundamentals.ipynb § Public and private subnets"
SEE_RDS = "21-relational-databases-and-rds.ipynb § Try it: a database in your own VPC"
SEE_MULTI_AZ = "21-relational-databases-and-rds.ipynb § Multi-AZ: a standby in another Availability Zone"
SEE_SG = "14-security-groups-and-network-acls.ipynb § 4. Security groups: allow-only, on the network interface"
SEE_SSH = "13-routing-nat-and-gateways.ipynb § Reaching private instances: bastion host and Session Manager"
SEE_TIERS = "12-vpc-address-planning.ipynb § 2. Subnets, Availability Zones and tiers"
SEE_NAT = "13-routing-nat-and-gateways.ipynb § The NAT gateway"
SEE_ROLES = "04-accounts-and-iam.ipynb § Roles and trust"
SEE_EVAL = "05-iam-policy-evaluation.ipynb § 5.2 The evaluation order"
SEE_COST = "13-routing-nat-and-gateways.ipynb § What a NAT gateway costs"
SEE_BUILD = "15-vpc-endpoints-and-connections.ipynb § Build it: a three-tier VPC in two AZs"

TEXT = {
    "en": {
        "pass": "{rule}: passes. {why}",
        "rule_db": "Rule 1, no database reachable from the internet",
        "rule_ssh": "Rule 2, SSH not open to the world",
        "rule_az": "Rule 3, every tier in two Availability Zones",
        "rule_nat": "Rule 4, private subnets reach the internet only through NAT",
        "rule_iam": "Rule 5, least-privilege role for the app tier",
        "rule_cost": "Rule 6, monthly cost within budget",
        "why_db": "Why it matters: a database on the internet is one leaked password away from a breach.",
        "why_ssh": "Why it matters: port 22 open to 0.0.0.0/0 is found by internet-wide scanners and met with password guessing.",
        "why_az": "Why it matters: an Availability Zone can fail; a tier that lives in one fails with it.",
        "why_nat": "Why it matters: a NAT gateway lets private servers fetch updates while nothing on the internet can open a connection to them.",
        "why_iam": "Why it matters: if the app server is compromised, the attacker can do whatever its role allows.",
        "why_cost": "Why it matters: an architecture nobody can afford is not finished; the bill is a design constraint.",
        "fails": "{rule}: fails. {details}",
        "why_hint": "{why} {advice}",
        "no_vpc": "no VPC is tagged Project={project} (found {count}); the review finds your architecture by that tag",
        "no_vpc_advice": "Tag the VPC, its subnets, security groups and instances as the lab's naming table says.",
        "many_vpcs": "{count} VPCs are tagged Project={project}, expected exactly one",
        "many_vpcs_advice": "A second Run All builds a second copy: run aws.reset(), then Run All once.",
        "missing_tier": "no {what} is tagged Tier={tier} in the capstone VPC",
        "what_subnets": "subnet",
        "what_instances": "running instance",
        "what_groups": "security group",
        "db_subnet_public": "database subnet {subnet} is public ({reason})",
        "db_sg_world": "security group {sg} of the database tier admits {rule} from {cidr}",
        "rds_public": "DB instance {db} is publicly accessible",
        "rds_subnet_public": "DB instance {db} may be placed in subnet {subnet}, which is public",
        "no_rds": "no RDS DB instance is tagged Project={project} or placed in the capstone VPC",
        "db_advice": ("A database belongs in subnets whose route table has no route to the internet gateway, "
                      "behind a security group that admits only the app tier, with public access off."),
        "db_ok": "database subnets {subnets} have no route to the internet gateway, the database's security groups admit no internet range, and DB instance(s) {dbs} have public access off",
        "ssh_open": "security group(s) {groups} admit TCP 22 from {cidrs}",
        "ssh_advice": ("Nobody needs SSH from the whole internet: admit a known admin range on a bastion, or "
                       "use a Session Manager-style path with no inbound port at all."),
        "ssh_ok": "no security group admits TCP 22 from 0.0.0.0/0 or ::/0 ({count} groups read)",
        "az_one": "every {what} of tier {tier} is in {azs}",
        "az_not_multi": "DB instance {db} is not Multi-AZ",
        "az_group_one": "DB instance {db}'s subnet group spans only {azs}",
        "az_advice": ("Give each tier's subnets and servers two AZs, and the database a standby in the "
                      "second AZ (Multi-AZ) through a subnet group that spans both."),
        "az_ok": "web, app and db each span two AZs: subnets, running instances and the Multi-AZ database",
        "nat_wrong": "subnet {subnet} (Tier={tier}) {reason}",
        "nat_no_route": "has no default route, so the app tier cannot reach the internet for updates",
        "nat_to_other": "sends 0.0.0.0/0 to {target}, which is not a NAT gateway",
        "nat_missing": "sends 0.0.0.0/0 to {target}, which is not an available NAT gateway of this VPC",
        "nat_not_public": "sends 0.0.0.0/0 to NAT gateway {target}, which sits in a subnet that is not public",
        "nat_advice": ("Outbound-only access goes through a NAT gateway that sits in a public subnet; the app "
                       "subnets route 0.0.0.0/0 to it, and the database subnets need no default route at all."),
        "nat_ok": "app subnets {app} route 0.0.0.0/0 to a NAT gateway in a public subnet; db subnets {db} reach the internet through NAT or not at all",
        "no_app_instance": "no running instance is tagged Tier=app in the capstone VPC",
        "no_profile": "app instance {instance} has no instance profile, so it has no role",
        "bad_profile": "app instance {instance}: instance profile {profile} has no role",
        "bad_policy": "role {role}: a policy could not be read ({error})",
        "iam_wrong": "role {role}: {details}",
        "iam_should_allow": "{action} on {resource} is {outcome}, but the app must be able to do it",
        "iam_should_deny": "{action} on {resource} is allowed, but the app never needs it",
        "iam_advice": ("Grant only the actions the app uses (read and list) on only its bucket {bucket} and its "
                       "objects; a wildcard action or resource grants far more than that."),
        "iam_ok": "role(s) {roles}: the IAM evaluator allows the {allow} requests the app needs and denies the {deny} it does not",
        "cost_missing": "the cost model cannot price {items}",
        "cost_missing_advice": "Use instance and DB classes the course prices (the lab's README lists them).",
        "cost_over": "the architecture costs USD {total:.2f} a month at {region} list prices, over the USD {budget:.0f} budget; the largest lines: {top}",
        "cost_advice": ("Size for the load you have: small burstable instances, and count what runs every hour "
                        "(each NAT gateway, each instance, a Multi-AZ database counts twice)."),
        "cost_ok": "the architecture costs USD {total:.2f} a month at {region} list prices, within the USD {budget:.0f} budget",
    },
    "ko": {
        "pass": "{rule}: 통과. {why}",
        "rule_db": "규칙 1, 인터넷에서 닿는 데이터베이스 없음",
        "rule_ssh": "규칙 2, SSH를 전 세계에 열지 않음",
        "rule_az": "규칙 3, 모든 계층이 가용 영역 두 곳에",
        "rule_nat": "규칙 4, 프라이빗 서브넷은 NAT로만 인터넷에 나감",
        "rule_iam": "규칙 5, 앱 계층 역할의 최소 권한",
        "rule_cost": "규칙 6, 월 비용이 예산 안",
        "why_db": "왜 중요한가: 인터넷에 열린 데이터베이스는 비밀번호 하나만 새도 침해됩니다.",
        "why_ssh": "왜 중요한가: 0.0.0.0/0에 열린 22번 포트는 인터넷 전체를 훑는 스캐너에 발견되어 비밀번호 대입 공격을 받습니다.",
        "why_az": "왜 중요한가: 가용 영역은 장애가 날 수 있고, 한 곳에만 있는 계층은 함께 멈춥니다.",
        "why_nat": "왜 중요한가: NAT 게이트웨이로 프라이빗 서버는 업데이트를 받을 수 있고, 인터넷에서는 그 서버로 연결을 열 수 없습니다.",
        "why_iam": "왜 중요한가: 앱 서버가 뚫리면 공격자는 그 역할이 허용하는 일을 모두 할 수 있습니다.",
        "why_cost": "왜 중요한가: 감당할 수 없는 아키텍처는 완성된 것이 아닙니다. 비용도 설계 조건입니다.",
        "fails": "{rule}: 실패. {details}",
        "why_hint": "{why} {advice}",
        "no_vpc": "Project={project} 태그가 붙은 VPC가 없습니다(찾은 수 {count}). 검토는 이 태그로 아키텍처를 찾습니다",
        "no_vpc_advice": "실습의 이름 표대로 VPC, 서브넷, 보안 그룹, 인스턴스에 태그를 붙이세요.",
        "many_vpcs": "Project={project} 태그가 붙은 VPC가 {count}개입니다. 정확히 하나여야 합니다",
        "many_vpcs_advice": "Run All을 두 번 하면 두 벌이 만들어집니다. aws.reset() 후 Run All을 한 번만 하세요.",
        "missing_tier": "capstone VPC에 Tier={tier} 태그가 붙은 {what}이(가) 없습니다",
        "what_subnets": "서브넷",
        "what_instances": "실행 중인 인스턴스",
        "what_groups": "보안 그룹",
        "db_subnet_public": "데이터베이스 서브넷 {subnet}이(가) 퍼블릭입니다 ({reason})",
        "db_sg_world": "데이터베이스 계층의 보안 그룹 {sg}이(가) {cidr}에서 오는 {rule}을(를) 허용합니다",
        "rds_public": "DB 인스턴스 {db}이(가) 퍼블릭 액세스 가능(publicly accessible)입니다",
        "rds_subnet_public": "DB 인스턴스 {db}이(가) 퍼블릭 서브넷 {subnet}에 놓일 수 있습니다",
        "no_rds": "Project={project} 태그가 붙었거나 capstone VPC에 있는 RDS DB 인스턴스가 없습니다",
        "db_advice": ("데이터베이스는 라우팅 테이블에 인터넷 게이트웨이 경로가 없는 서브넷에, 앱 계층만 허용하는 보안 그룹 "
                      "뒤에, 퍼블릭 액세스를 끈 채로 두어야 합니다."),
        "db_ok": "데이터베이스 서브넷 {subnets}에는 인터넷 게이트웨이 경로가 없고, 데이터베이스의 보안 그룹은 인터넷 범위를 허용하지 않으며, DB 인스턴스 {dbs}은(는) 퍼블릭 액세스가 꺼져 있습니다",
        "ssh_open": "보안 그룹 {groups}이(가) {cidrs}에서 오는 TCP 22를 허용합니다",
        "ssh_advice": ("인터넷 전체에서 SSH가 필요한 사람은 없습니다. 배스천 호스트에는 알려진 관리자 범위만 허용하거나, "
                       "인바운드 포트가 전혀 없는 Session Manager 방식의 경로를 쓰세요."),
        "ssh_ok": "0.0.0.0/0이나 ::/0에서 오는 TCP 22를 허용하는 보안 그룹이 없습니다 (읽은 그룹 {count}개)",
        "az_one": "계층 {tier}의 {what}이(가) 모두 {azs}에 있습니다",
        "az_not_multi": "DB 인스턴스 {db}이(가) 다중 AZ(Multi-AZ)가 아닙니다",
        "az_group_one": "DB 인스턴스 {db}의 서브넷 그룹이 {azs}에만 걸쳐 있습니다",
        "az_advice": ("계층마다 서브넷과 서버를 가용 영역 두 곳에 두고, 데이터베이스는 두 AZ에 걸친 서브넷 그룹으로 "
                      "두 번째 AZ에 대기 인스턴스(다중 AZ)를 두세요."),
        "az_ok": "web, app, db가 모두 가용 영역 두 곳에 걸쳐 있습니다: 서브넷, 실행 중인 인스턴스, 다중 AZ 데이터베이스",
        "nat_wrong": "서브넷 {subnet}(Tier={tier})이(가) {reason}",
        "nat_no_route": "기본 경로가 없어 앱 계층이 업데이트를 받으러 인터넷에 나갈 수 없습니다",
        "nat_to_other": "0.0.0.0/0을 NAT 게이트웨이가 아닌 {target}(으)로 보냅니다",
        "nat_missing": "0.0.0.0/0을 이 VPC의 사용 가능한 NAT 게이트웨이가 아닌 {target}(으)로 보냅니다",
        "nat_not_public": "0.0.0.0/0을 퍼블릭이 아닌 서브넷에 있는 NAT 게이트웨이 {target}(으)로 보냅니다",
        "nat_advice": ("나가기만 하는 접속은 퍼블릭 서브넷에 있는 NAT 게이트웨이를 거칩니다. 앱 서브넷은 0.0.0.0/0을 그리로 "
                       "보내고, 데이터베이스 서브넷에는 기본 경로가 아예 필요 없습니다."),
        "nat_ok": "앱 서브넷 {app}은(는) 0.0.0.0/0을 퍼블릭 서브넷의 NAT 게이트웨이로 보내고, db 서브넷 {db}은(는) NAT로만 나가거나 나가지 않습니다",
        "no_app_instance": "capstone VPC에 Tier=app 태그가 붙은 실행 중인 인스턴스가 없습니다",
        "no_profile": "앱 인스턴스 {instance}에 인스턴스 프로파일이 없어 역할이 없습니다",
        "bad_profile": "앱 인스턴스 {instance}: 인스턴스 프로파일 {profile}에 역할이 없습니다",
        "bad_policy": "역할 {role}: 정책을 읽을 수 없습니다 ({error})",
        "iam_wrong": "역할 {role}: {details}",
        "iam_should_allow": "{resource}에 대한 {action}이(가) {outcome}이지만, 앱은 이것을 할 수 있어야 합니다",
        "iam_should_deny": "{resource}에 대한 {action}이(가) 허용되지만, 앱은 이것이 필요 없습니다",
        "iam_advice": ("앱이 쓰는 작업(읽기와 목록)만, 앱의 버킷({bucket})과 그 객체에만 허용하세요. 와일드카드 작업이나 "
                       "리소스는 그보다 훨씬 많이 허용합니다."),
        "iam_ok": "역할 {roles}: IAM 평가기가 앱에 필요한 요청 {allow}개는 허용하고, 필요 없는 요청 {deny}개는 거부합니다",
        "cost_missing": "비용 모델이 {items}의 가격을 매길 수 없습니다",
        "cost_missing_advice": "코스가 가격을 가진 인스턴스와 DB 클래스를 쓰세요(실습 README에 목록이 있습니다).",
        "cost_over": "아키텍처 비용이 {region} 정가로 월 USD {total:.2f}로 예산(USD {budget:.0f})을 넘습니다. 큰 항목: {top}",
        "cost_advice": ("지금의 부하에 맞게 고르세요. 작은 버스트 가능 인스턴스를 쓰고, 매시간 도는 것을 세어 보세요 "
                        "(NAT 게이트웨이 하나하나, 인스턴스 하나하나, 다중 AZ 데이터베이스는 두 배)."),
        "cost_ok": "아키텍처 비용이 {region} 정가로 월 USD {total:.2f}로 예산(USD {budget:.0f}) 안입니다",
    },
}

RULES = {"db": ("rule_db", "why_db"), "ssh": ("rule_ssh", "why_ssh"), "az": ("rule_az", "why_az"),
         "nat": ("rule_nat", "why_nat"), "iam": ("rule_iam", "why_iam"), "cost": ("rule_cost", "why_cost")}


def review(*results: CheckResult) -> None:
    """Print each passing rule as one ✓ line (English / Korean); raise AssertionError for any failing one."""
    if all(r.passed for r in results):
        for r in results:
            print(f"✓ {r.message} / {r.message_ko}")
        return
    require(*results)


# ------------------------------------------------------------------------------ the rules
def database_not_public() -> CheckResult:
    """Rule 1: db subnets not public, db security groups closed to internet ranges, RDS not publicly accessible."""
    from course.vpc_routes import exposure

    rule = "db"
    arch, problem = _architecture(rule)
    if problem:
        return problem
    db_subnets = arch.subnets("db")
    if not db_subnets:
        return _missing(rule, "what_subnets", "db", SEE_PUBLIC)
    details: list[tuple[str, dict]] = []
    for s in db_subnets:
        seen = arch.exposure(s["SubnetId"])
        if seen.kind == "public":
            details.append(("db_subnet_public", {"subnet": _name(s), "reason": seen.reason}))
    dbs = arch.databases()
    if not dbs:
        details.append(("no_rds", {"project": PROJECT}))
    groups = {g["GroupId"]: g for g in arch.groups("db")}
    for db in dbs:
        for g in db.get("VpcSecurityGroups", []):
            if g.get("VpcSecurityGroupId") in arch.all_groups:
                groups.setdefault(g["VpcSecurityGroupId"], arch.all_groups[g["VpcSecurityGroupId"]])
    for g in groups.values():
        for rule_text, cidr in _world_rules(g):
            details.append(("db_sg_world", {"sg": g["GroupName"], "rule": rule_text, "cidr": cidr}))
    for db in dbs:
        ident = db["DBInstanceIdentifier"]
        if db.get("PubliclyAccessible"):
            details.append(("rds_public", {"db": ident}))
        for s in db.get("DBSubnetGroup", {}).get("Subnets", []):
            sid = s.get("SubnetIdentifier")
            # A public db-tier subnet is reported above; here, public subnets of other tiers.
            if (sid in arch.subnet_by_id and _tag(arch.subnet_by_id[sid], "Tier") != "db"
                    and exposure(arch.route_table(sid)).kind == "public"):
                details.append(("rds_subnet_public", {"db": ident, "subnet": _name(arch.subnet_by_id[sid])}))
    if details:
        see = SEE_RDS if any(k.startswith("rds") or k == "no_rds" for k, _ in details) else (
            SEE_SG if all(k == "db_sg_world" for k, _ in details) else SEE_PUBLIC)
        return _fail(rule, details, "db_advice", see, found=[k for k, _ in details])
    return _pass(rule, "db_ok", subnets=[_short(s) for s in db_subnets],
                 dbs=[d["DBInstanceIdentifier"] for d in dbs])


def ssh_not_open_to_world() -> CheckResult:
    """Rule 2: no security group in the account admits TCP 22 from 0.0.0.0/0 or ::/0."""
    from labs.checks.vpc import WORLD, _covering

    rule = "ssh"
    arch, problem = _architecture(rule)
    if problem:
        return problem
    if not any(arch.groups(t) for t in TIERS):
        return _missing(rule, "what_groups", "web|app|db", SEE_SG)
    groups = _ec2().describe_security_groups()["SecurityGroups"]
    open_in, cidrs = [], set()
    for g in groups:
        for perm in _covering(g, 22):
            hit = [r for r in _ranges(perm) if r in WORLD]
            if hit:
                open_in.append(g["GroupName"])
                cidrs.update(hit)
    if open_in:
        return _fail(rule, [("ssh_open", {"groups": sorted(set(open_in)), "cidrs": sorted(cidrs)})],
                     "ssh_advice", SEE_SSH, found=sorted(set(open_in)))
    return _pass(rule, "ssh_ok", count=len(groups))


def tiers_in_two_azs() -> CheckResult:
    """Rule 3: each tier's subnets and running instances span two AZs; the database is Multi-AZ over two AZs."""
    rule = "az"
    arch, problem = _architecture(rule)
    if problem:
        return problem
    details: list[tuple[str, dict]] = []
    for tier in TIERS:
        subnets = arch.subnets(tier)
        if not subnets:
            details.append(("missing_tier", {"what": ("what_subnets", {}), "tier": tier}))
            continue
        azs = sorted({s["AvailabilityZone"] for s in subnets})
        if len(azs) < 2:
            details.append(("az_one", {"what": ("what_subnets", {}), "tier": tier, "azs": azs}))
    for tier in ("web", "app"):
        instances = arch.instances(tier)
        if not instances:
            details.append(("missing_tier", {"what": ("what_instances", {}), "tier": tier}))
            continue
        azs = sorted({i["Placement"]["AvailabilityZone"] for i in instances})
        if len(azs) < 2:
            details.append(("az_one", {"what": ("what_instances", {}), "tier": tier, "azs": azs}))
    dbs = arch.databases()
    if not dbs:
        details.append(("no_rds", {"project": PROJECT}))
    for db in dbs:
        ident = db["DBInstanceIdentifier"]
        if not db.get("MultiAZ"):
            details.append(("az_not_multi", {"db": ident}))
        azs = sorted({s.get("SubnetAvailabilityZone", {}).get("Name")
                      for s in db.get("DBSubnetGroup", {}).get("Subnets", [])} - {None})
        if len(azs) < 2:
            details.append(("az_group_one", {"db": ident, "azs": azs}))
    if details:
        see = SEE_MULTI_AZ if all(k.startswith("az_not") or k.startswith("az_group") for k, _ in details) else SEE_TIERS
        return _fail(rule, details, "az_advice", see, found=[k for k, _ in details])
    return _pass(rule, "az_ok")


def private_egress_through_nat() -> CheckResult:
    """Rule 4: app subnets route 0.0.0.0/0 to an available NAT gateway in a public subnet; db subnets to one or nowhere."""
    rule = "nat"
    arch, problem = _architecture(rule)
    if problem:
        return problem
    app, db = arch.subnets("app"), arch.subnets("db")
    if not app:
        return _missing(rule, "what_subnets", "app", SEE_NAT)
    nats = {n["NatGatewayId"]: n for n in _ec2().describe_nat_gateways(
        Filters=[{"Name": "vpc-id", "Values": [arch.vpc_id]}])["NatGateways"] if n.get("State") == "available"}
    details: list[tuple[str, dict]] = []
    for tier, subnets in (("app", app), ("db", db)):
        for s in subnets:
            seen = arch.exposure(s["SubnetId"])
            reason = None
            if seen.kind == "isolated":
                reason = ("nat_no_route", {}) if tier == "app" else None
            elif not (seen.target or "").startswith("nat-"):
                reason = ("nat_to_other", {"target": seen.target})
            elif seen.target not in nats:
                reason = ("nat_missing", {"target": seen.target})
            elif arch.exposure(nats[seen.target]["SubnetId"]).kind != "public":
                reason = ("nat_not_public", {"target": seen.target})
            if reason:
                details.append(("nat_wrong", {"subnet": _name(s), "tier": tier, "reason": reason}))
    if details:
        return _fail(rule, details, "nat_advice", SEE_NAT, found=[d["subnet"] for _, d in details])
    return _pass(rule, "nat_ok", app=[_short(s) for s in app], db=[_short(s) for s in db])


def app_role_least_privilege(must_allow: Sequence[tuple[str, str]] = MUST_ALLOW,
                             must_deny: Sequence[tuple[str, str]] = MUST_DENY) -> CheckResult:
    """Rule 5: the role of every running app instance allows ``must_allow`` and denies ``must_deny`` (IAM evaluator)."""
    from course.iam import PolicyError, evaluate

    rule = "iam"
    arch, problem = _architecture(rule)
    if problem:
        return problem
    instances = arch.instances("app")
    if not instances:
        return _fail(rule, [("no_app_instance", {})], "iam_advice", SEE_ROLES, bucket=BUCKET)
    iam = _client("iam")
    roles: dict[str, dict] = {}
    details: list[tuple[str, dict]] = []
    for inst in instances:
        arn = (inst.get("IamInstanceProfile") or {}).get("Arn")
        if not arn:
            details.append(("no_profile", {"instance": _name(inst, "InstanceId")}))
            continue
        profile = arn.rsplit("/", 1)[-1]
        try:
            found = iam.get_instance_profile(InstanceProfileName=profile)["InstanceProfile"]["Roles"]
        except iam.exceptions.NoSuchEntityException:
            found = []
        if not found:
            details.append(("bad_profile", {"instance": _name(inst, "InstanceId"), "profile": profile}))
            continue
        roles[found[0]["RoleName"]] = found[0]
    for name, role in sorted(roles.items()):
        try:
            policies = _role_policies(iam, name)
            wrong = []
            for action, resource in must_allow:
                d = evaluate(role["Arn"], action, resource, identity_policies=policies)
                if not d.allowed:
                    wrong.append(("iam_should_allow", {"action": action, "resource": resource,
                                                       "outcome": d.outcome}))
            for action, resource in must_deny:
                if evaluate(role["Arn"], action, resource, identity_policies=policies).allowed:
                    wrong.append(("iam_should_deny", {"action": action, "resource": resource}))
        except (PolicyError, ValueError) as err:
            details.append(("bad_policy", {"role": name, "error": str(err)}))
            continue
        if wrong:
            details.append(("iam_wrong", {"role": name, "details": wrong}))
    if details:
        see = SEE_EVAL if all(k == "iam_wrong" for k, _ in details) else SEE_ROLES
        return _fail(rule, details, "iam_advice", see, found=[k for k, _ in details], bucket=BUCKET)
    return _pass(rule, "iam_ok", roles=sorted(roles), allow=len(must_allow), deny=len(must_deny))


def monthly_cost_within_budget(budget_usd: float = BUDGET_USD, region: str = PRICE_REGION) -> CheckResult:
    """Rule 6: what the sandbox's resources cost per month (the course's cost meter) is at most ``budget_usd``."""
    from course.cost_meter import price
    from labs import sandbox
    from labs.cost_state import read_inventory

    rule = "cost"
    arch, problem = _architecture(rule)
    if problem:
        return problem
    if not (arch.instances("web") or arch.instances("app")):
        return _missing(rule, "what_instances", "web|app", SEE_BUILD)
    bill = price(read_inventory(sandbox._running()), region)
    total = round(bill.monthly_usd, 2)
    if bill.missing:
        return _fail(rule, [("cost_missing", {"items": list(bill.missing)})], "cost_missing_advice", SEE_COST,
                     found=list(bill.missing))
    if total > budget_usd:
        top = sorted(bill.lines, key=lambda line: -line.monthly_usd)[:3]
        shown = [f"{line.label}: USD {line.monthly_usd:.2f}" for line in top]
        return _fail(rule, [("cost_over", {"total": total, "region": region, "budget": budget_usd, "top": shown})],
                     "cost_advice", SEE_COST, found=total, expected=budget_usd)
    return _pass(rule, "cost_ok", found=total, expected=budget_usd, total=total, region=region, budget=budget_usd)


# ------------------------------------------------------------------------------ reading the architecture
class _Architecture:
    """The capstone VPC and what in it carries a Tier tag, read once per rule."""

    def __init__(self, vpc: Mapping):
        ec2 = _ec2()
        self.vpc_id = vpc["VpcId"]
        where = [{"Name": "vpc-id", "Values": [self.vpc_id]}]
        self.all_subnets = ec2.describe_subnets(Filters=where)["Subnets"]
        self.subnet_by_id = {s["SubnetId"]: s for s in self.all_subnets}
        self.tables = ec2.describe_route_tables(Filters=where)["RouteTables"]
        self.all_groups = {g["GroupId"]: g for g in ec2.describe_security_groups(Filters=where)["SecurityGroups"]}
        self.all_instances = [i for r in ec2.describe_instances(Filters=where + [
            {"Name": "instance-state-name", "Values": ["pending", "running"]}])["Reservations"] for i in r["Instances"]]

    def subnets(self, tier: str) -> list[dict]:
        return [s for s in self.all_subnets if _tag(s, "Tier") == tier]

    def groups(self, tier: str) -> list[dict]:
        return [g for g in self.all_groups.values() if _tag(g, "Tier") == tier]

    def instances(self, tier: str) -> list[dict]:
        return [i for i in self.all_instances if _tag(i, "Tier") == tier]

    def route_table(self, subnet_id: str) -> Mapping:
        from course.vpc_routes import route_table_of

        return route_table_of(self.tables, subnet_id, self.vpc_id)

    def exposure(self, subnet_id: str):
        from course.vpc_routes import Exposure, RouteError, exposure

        try:
            return exposure(self.route_table(subnet_id))
        except RouteError as err:
            return Exposure("isolated", None, "?", str(err))

    def databases(self) -> list[dict]:
        rds = _client("rds")
        out = []
        for db in rds.describe_db_instances()["DBInstances"]:
            tags = {t["Key"]: t["Value"] for t in db.get("TagList", [])}
            if tags.get("Project") == PROJECT or db.get("DBSubnetGroup", {}).get("VpcId") == self.vpc_id:
                out.append(db)
        return out


def _architecture(rule: str) -> tuple[_Architecture | None, CheckResult | None]:
    vpcs = _ec2().describe_vpcs(Filters=[{"Name": "tag:Project", "Values": [PROJECT]}])["Vpcs"]
    if len(vpcs) == 1:
        return _Architecture(vpcs[0]), None
    key, advice = ("no_vpc", "no_vpc_advice") if not vpcs else ("many_vpcs", "many_vpcs_advice")
    return None, _fail(rule, [(key, {"project": PROJECT, "count": len(vpcs)})], advice, SEE_BUILD, found=len(vpcs),
                       expected=1)


def _role_policies(iam, role: str) -> list[dict]:
    """The role's inline and attached managed policy documents."""
    docs = [iam.get_role_policy(RoleName=role, PolicyName=p)["PolicyDocument"]
            for p in iam.list_role_policies(RoleName=role)["PolicyNames"]]
    for att in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]:
        pol = iam.get_policy(PolicyArn=att["PolicyArn"])["Policy"]
        docs.append(iam.get_policy_version(PolicyArn=att["PolicyArn"],
                                           VersionId=pol["DefaultVersionId"])["PolicyVersion"]["Document"])
    return docs


def _world_rules(group: Mapping) -> list[tuple[str, str]]:
    from labs.checks.vpc import WORLD

    out = []
    for perm in group.get("IpPermissions", []):
        proto = str(perm.get("IpProtocol", "-1"))
        what = "all traffic" if proto == "-1" else f"{proto} {perm.get('FromPort')}-{perm.get('ToPort')}"
        out += [(what, r) for r in _ranges(perm) if r in WORLD]
    return out


def _ranges(perm: Mapping) -> list[str]:
    return [r["CidrIp"] for r in perm.get("IpRanges", [])] + [r["CidrIpv6"] for r in perm.get("Ipv6Ranges", [])]


# ------------------------------------------------------------------------------ building results
def _words(lang: str, key: str, values: Mapping) -> str:
    """``TEXT[lang][key]`` formatted; values that are (key, values) pairs or lists of them are said in ``lang``."""
    def say(v):
        if isinstance(v, tuple) and len(v) == 2 and isinstance(v[0], str) and v[0] in TEXT[lang]:
            return _words(lang, v[0], v[1])
        if isinstance(v, list) and v and all(isinstance(x, tuple) and len(x) == 2 and x[0] in TEXT[lang]
                                             for x in v):
            return "; ".join(_words(lang, k, vv) for k, vv in v)
        if isinstance(v, list):
            return ", ".join(str(x) for x in v) or "-"
        return v

    return TEXT[lang][key].format(**{k: say(v) for k, v in values.items()})


def _pass(rule: str, key: str, *, found=None, expected=None, **values) -> CheckResult:
    title, why = RULES[rule]
    result = passed(f"architecture_{rule}", TEXT, "pass", found=found, expected=expected, rule="", why="")
    en = _words("en", "pass", {"rule": TEXT["en"][title], "why": ""}).rstrip() + " " + \
        _words("en", key, values) + ". " + TEXT["en"][why]
    ko = _words("ko", "pass", {"rule": TEXT["ko"][title], "why": ""}).rstrip() + " " + \
        _words("ko", key, values) + ". " + TEXT["ko"][why]
    return replace(result, message=en, message_ko=ko)


def _fail(rule: str, details: list[tuple[str, dict]], advice: str, see: str, *, found=None, expected=None,
          **advice_values) -> CheckResult:
    title, why = RULES[rule]
    result = failed(f"architecture_{rule}", TEXT, "fails", found=found, expected=expected, see=see,
                    rule="", details="")
    msgs, hints = {}, {}
    for lang in ("en", "ko"):
        msgs[lang] = _words(lang, "fails", {"rule": TEXT[lang][title], "details": details})
        hints[lang] = _words(lang, "why_hint", {"why": TEXT[lang][why],
                                                "advice": TEXT[lang][advice].format(**advice_values)})
    return replace(result, message=msgs["en"], message_ko=msgs["ko"], hint=hints["en"], hint_ko=hints["ko"])


def _missing(rule: str, what: str, tier: str, see: str) -> CheckResult:
    return _fail(rule, [("missing_tier", {"what": (what, {}), "tier": tier})], "no_vpc_advice", see)


def _ec2():
    return _client("ec2")


def _client(name: str):
    from labs.sandbox import check_client

    return check_client(name)


def _tag(resource: Mapping, key: str) -> str | None:
    return next((t["Value"] for t in resource.get("Tags", []) if t["Key"] == key), None)


def _short(resource: Mapping, id_key: str = "SubnetId") -> str:
    return _tag(resource, "Name") or resource[id_key]


def _name(resource: Mapping, id_key: str = "SubnetId") -> str:
    name = _tag(resource, "Name")
    return f"{name} ({resource[id_key]})" if name else resource[id_key]
