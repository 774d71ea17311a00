"""Checks of VPC state in the sandbox, for lab tests, judged by AWS's rules where moto is lenient.

Every check takes names (the VPC's ``Name`` tag, subnet ``Name`` tags, security group names),
reads through `labs.sandbox.check_client("ec2")`, a client from the checks' own session, and
returns a `CheckResult` in English and Korean with what was found, what was expected, a hint
that says what to reconsider (never the line that solves it) and the chapter section to read.

The course's own logic decides: `course.vpc_rules.refusals` (what AWS would refuse that moto
stored: a subnet outside /16–/28, overlapping subnets, a second internet gateway),
`course.vpc_routes` (which route table a subnet uses; public, private or isolated) and
`course.traffic` (a network ACL's verdict on a packet, first matching rule wins).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence

from labs.checks.result import CheckResult, failed, passed, require

__all__ = [
    "TEXT", "require", "vpc_block", "subnets_in_tiers", "aws_would_accept", "subnet_route",
    "nat_gateways_in_public_subnets", "sg_allows_from_group", "sg_allows_cidr", "port_not_open_to_world",
    "nacl_verdicts", "instance_placed",
]

WORLD = ("0.0.0.0/0", "::/0")

SEE_VPC = "11-vpc-fundamentals.ipynb § What a VPC is"
SEE_TIERS = "12-vpc-address-planning.ipynb § 2. Subnets, Availability Zones and tiers"
SEE_REFUSED = "12-vpc-address-planning.ipynb § 7. What moto accepts but AWS refuses"
SEE_IGW = "11-vpc-fundamentals.ipynb § The internet gateway"
SEE_PUBLIC = "11-vpc-fundamentals.ipynb § Public and private subnets"
SEE_NAT = "13-routing-nat-and-gateways.ipynb § The NAT gateway"
SEE_SG = "14-security-groups-and-network-acls.ipynb § 4. Security groups: allow-only, on the network interface"
SEE_NACL = "14-security-groups-and-network-acls.ipynb § 5. Network ACLs: numbered rules at the subnet edge"
SEE_BASTION = "13-routing-nat-and-gateways.ipynb § Reaching private instances: bastion host and Session Manager"

TEXT = {
    "en": {
        "vpc_missing": "no VPC is tagged Name={vpc!r} (VPCs tagged with a Name: {names})",
        "vpc_missing_hint": "the test finds the VPC by its Name tag: tag it when you create it, or add the tag after",
        "vpc_many": "{count} VPCs are tagged Name={vpc!r}, expected exactly one",
        "vpc_many_hint": "a second Run All creates a second VPC: start over with aws.reset(), then Run All once",
        "vpc_prefix": "VPC {vpc!r} has block {cidr}, expected a /{want} block",
        "vpc_prefix_hint": "a VPC's primary block is chosen when it is created: the task asks for the largest size AWS allows",
        "vpc_ok": "VPC {vpc!r} has block {cidr}",
        "subnets_missing": "VPC {vpc!r}: no subnet tagged {missing} (subnets there: {names})",
        "subnets_missing_hint": "each subnet is found by its Name tag, in this VPC: check the names against the task",
        "tier_one_az": "VPC {vpc!r}: the {tier} subnets {names} are all in {azs}, expected two Availability Zones",
        "tier_one_az_hint": "a tier spread over two AZs survives the loss of one: give each subnet of a tier its own AZ",
        "tiers_ok": "VPC {vpc!r}: every tier has its subnets in two AZs",
        "refused": "VPC {vpc!r}: AWS would refuse {count} thing(s) the sandbox accepted: {details}",
        "refused_hint": ("moto is lenient here; AWS is not. Subnets must be /16 to /28, inside the VPC and not "
                         "overlapping; a VPC has at most one internet gateway. Plan the blocks again"),
        "accepted_ok": "VPC {vpc!r}: nothing AWS would refuse",
        "route_wrong": "subnet {subnet!r}: {reason}; expected {kind}",
        "route_public_hint": ("a subnet is public because its route table sends 0.0.0.0/0 to the VPC's internet "
                              "gateway; check the table and its association with this subnet"),
        "route_private_hint": ("a private subnet reaches out through a NAT gateway: its route table's default route "
                               "goes to the NAT gateway, never to the internet gateway"),
        "route_isolated_hint": ("a database subnet needs no way out: its route table keeps only the local route "
                                "(no 0.0.0.0/0)"),
        "route_ok": "subnet {subnet!r} is {kind} ({reason})",
        "kind_public": "public (0.0.0.0/0 to an internet gateway)",
        "kind_private": "private (0.0.0.0/0 to a NAT gateway)",
        "kind_isolated": "isolated (no route to 0.0.0.0/0)",
        "reason_igw_detached": ("{table} sends 0.0.0.0/0 to {target}, which is not attached to this VPC: AWS would "
                                "refuse that route, or mark it blackhole once the gateway is detached"),
        "reason_nat_unusable": ("{table} sends 0.0.0.0/0 to {target}, which {why}: traffic would not reach the "
                                "internet"),
        "nat_why_missing": "is not an available NAT gateway of this VPC",
        "nat_why_private": "is a private NAT gateway (it has no Elastic IP and can't reach the internet)",
        "nat_why_no_eip": "has no Elastic IP",
        "nat_missing": "VPC {vpc!r} has no available public NAT gateway (one with an Elastic IP)",
        "nat_missing_hint": "a NAT gateway needs a subnet and, to reach the internet, an Elastic IP",
        "nat_misplaced": "NAT gateway {nat} is in subnet {subnet!r}, which is {kind}; expected a public subnet",
        "nat_misplaced_hint": ("a NAT gateway forwards through the internet gateway, so it must sit in a subnet "
                               "whose route table leads there; the private subnets then route to it"),
        "nat_ok": "VPC {vpc!r}: NAT gateway(s) {nats} sit in public subnets",
        "sg_missing": "VPC {vpc!r}: no security group named {sg!r} (groups there: {names})",
        "sg_missing_hint": "the test finds a security group by its group name, in this VPC",
        "sg_no_group_rule": "security group {sg!r}: no inbound TCP {port} rule from group {source!r}; found {rules}",
        "sg_no_group_rule_hint": ("in a chain each tier admits the tier in front of it by naming that tier's security "
                                  "group as the source, not an address range"),
        "sg_cidr_rule": "security group {sg!r}: TCP {port} is also open to address range(s) {cidrs}; expected only group {source!r}",
        "sg_cidr_rule_hint": "a rule that names a CIDR admits every address in it; the chain admits only the group in front",
        "sg_group_ok": "security group {sg!r} admits TCP {port} from group {source!r} only",
        "sg_no_cidr_rule": "security group {sg!r}: no inbound TCP {port} rule from {cidr}; found {rules}",
        "sg_cidr_extra": "security group {sg!r}: TCP {port} is also open to {others}; expected only {cidr}",
        "sg_no_cidr_rule_hint": "check the port, the protocol and the source range of the inbound rule against the task",
        "sg_cidr_ok": "security group {sg!r} admits TCP {port} from {cidr}",
        "world_open": "TCP {port} is open to the whole internet in {groups}",
        "world_open_hint": ("nobody needs port {port} open to 0.0.0.0/0: admit only the admins' range on the bastion, "
                            "or use a Session Manager-style path with no inbound port at all"),
        "world_ok": "VPC {vpc!r}: no security group opens TCP {port} to the internet",
        "nacl_missing": "VPC {vpc!r}: no network ACL tagged Name={nacl!r}",
        "nacl_missing_hint": "the test finds the network ACL by its Name tag, in this VPC",
        "nacl_unassociated": "network ACL {nacl!r} is not associated with {subnets}",
        "nacl_unassociated_hint": "a subnet has exactly one network ACL; replace its association with the new ACL",
        "nacl_wrong": "network ACL {nacl!r}: {details}",
        "nacl_wrong_hint": ("rules are tried lowest number first and the first match decides; the ACL is stateless, "
                            "so answers need their own outbound rule to the client's ephemeral ports"),
        "nacl_probe": "{packet} was {got}, expected {want} ({reason})",
        "nacl_ok": "network ACL {nacl!r} gives the expected verdict on {count} packets",
        "allowed": "allowed",
        "denied": "denied",
        "instance_missing": "VPC {vpc!r}: no running instance tagged Name={instance!r}",
        "instance_missing_hint": "launch the instance in this VPC and tag it with the name the task gives",
        "instance_misplaced": "instance {instance!r}: {details}",
        "instance_misplaced_hint": "where an instance sits (its subnet) and which security groups it has are chosen at launch",
        "instance_ok": "instance {instance!r} runs in {subnet!r} with group {sg!r}",
    },
    "ko": {
        "vpc_missing": "Name={vpc!r} 태그가 붙은 VPC가 없습니다 (Name 태그가 있는 VPC: {names})",
        "vpc_missing_hint": "테스트는 Name 태그로 VPC를 찾습니다. 만들 때 태그를 붙이거나 나중에 추가하세요",
        "vpc_many": "Name={vpc!r} 태그가 붙은 VPC가 {count}개입니다. 정확히 하나여야 합니다",
        "vpc_many_hint": "Run All을 두 번 하면 VPC가 두 번 만들어집니다. aws.reset() 후 Run All을 한 번만 하세요",
        "vpc_prefix": "VPC {vpc!r}의 블록은 {cidr}입니다. 기대한 크기는 /{want}입니다",
        "vpc_prefix_hint": "VPC의 기본 블록은 만들 때 정해집니다. 과제는 AWS가 허용하는 가장 큰 크기를 요구합니다",
        "vpc_ok": "VPC {vpc!r}의 블록은 {cidr}입니다",
        "subnets_missing": "VPC {vpc!r}: {missing} 태그가 붙은 서브넷이 없습니다 (있는 서브넷: {names})",
        "subnets_missing_hint": "서브넷은 이 VPC 안에서 Name 태그로 찾습니다. 이름을 과제와 비교해 보세요",
        "tier_one_az": "VPC {vpc!r}: {tier} 서브넷 {names}이(가) 모두 {azs}에 있습니다. 가용 영역 두 곳이어야 합니다",
        "tier_one_az_hint": "계층을 두 가용 영역(AZ)에 나누면 한 곳을 잃어도 버팁니다. 계층의 서브넷마다 다른 AZ를 주세요",
        "tiers_ok": "VPC {vpc!r}: 모든 계층의 서브넷이 가용 영역 두 곳에 있습니다",
        "refused": "VPC {vpc!r}: 샌드박스는 받아들였지만 AWS라면 거부할 것이 {count}개 있습니다: {details}",
        "refused_hint": ("moto는 여기서 관대하지만 AWS는 그렇지 않습니다. 서브넷은 /16에서 /28 사이, VPC 안, 서로 겹치지 "
                         "않아야 하고, VPC에는 인터넷 게이트웨이가 최대 하나입니다. 블록을 다시 계획하세요"),
        "accepted_ok": "VPC {vpc!r}: AWS가 거부할 것이 없습니다",
        "route_wrong": "서브넷 {subnet!r}: {reason}; 기대한 상태는 {kind}",
        "route_public_hint": ("서브넷이 퍼블릭인 이유는 라우팅 테이블이 0.0.0.0/0을 VPC의 인터넷 게이트웨이로 보내기 "
                              "때문입니다. 테이블과 이 서브넷의 연결을 확인하세요"),
        "route_private_hint": ("프라이빗 서브넷은 NAT 게이트웨이를 거쳐 밖으로 나갑니다. 라우팅 테이블의 기본 경로는 NAT "
                               "게이트웨이로 가고, 인터넷 게이트웨이로는 가지 않습니다"),
        "route_isolated_hint": "데이터베이스 서브넷은 밖으로 나갈 길이 필요 없습니다. 라우팅 테이블에 local 경로만 둡니다(0.0.0.0/0 없음)",
        "route_ok": "서브넷 {subnet!r}은(는) {kind}입니다 ({reason})",
        "kind_public": "퍼블릭 (0.0.0.0/0 → 인터넷 게이트웨이)",
        "kind_private": "프라이빗 (0.0.0.0/0 → NAT 게이트웨이)",
        "kind_isolated": "격리됨 (0.0.0.0/0 경로 없음)",
        "reason_igw_detached": ("{table}이(가) 0.0.0.0/0을 이 VPC에 연결되지 않은 {target}(으)로 보냅니다. AWS라면 그 경로를 "
                                "거부하거나, 게이트웨이를 분리한 뒤에는 블랙홀(blackhole)로 표시합니다"),
        "reason_nat_unusable": "{table}이(가) 0.0.0.0/0을 {target}(으)로 보내지만, 그것은 {why}. 트래픽이 인터넷에 닿지 않습니다",
        "nat_why_missing": "이 VPC의 사용 가능한 NAT 게이트웨이가 아닙니다",
        "nat_why_private": "프라이빗 NAT 게이트웨이입니다(탄력적 IP가 없어 인터넷으로 나갈 수 없음)",
        "nat_why_no_eip": "탄력적 IP가 없습니다",
        "nat_missing": "VPC {vpc!r}에 사용 가능한 퍼블릭 NAT 게이트웨이(탄력적 IP가 있는 것)가 없습니다",
        "nat_missing_hint": "NAT 게이트웨이에는 서브넷과, 인터넷으로 나가려면 탄력적 IP(Elastic IP)가 필요합니다",
        "nat_misplaced": "NAT 게이트웨이 {nat}이(가) {kind} 서브넷 {subnet!r}에 있습니다. 퍼블릭 서브넷에 있어야 합니다",
        "nat_misplaced_hint": ("NAT 게이트웨이는 인터넷 게이트웨이를 거쳐 내보내므로, 라우팅 테이블이 그쪽으로 이어지는 "
                               "서브넷에 있어야 합니다. 프라이빗 서브넷은 그 NAT 게이트웨이로 라우팅합니다"),
        "nat_ok": "VPC {vpc!r}: NAT 게이트웨이 {nats}이(가) 퍼블릭 서브넷에 있습니다",
        "sg_missing": "VPC {vpc!r}: 이름이 {sg!r}인 보안 그룹이 없습니다 (있는 그룹: {names})",
        "sg_missing_hint": "테스트는 이 VPC 안에서 그룹 이름으로 보안 그룹을 찾습니다",
        "sg_no_group_rule": "보안 그룹 {sg!r}: 그룹 {source!r}에서 오는 TCP {port} 인바운드 규칙이 없습니다. 찾은 규칙: {rules}",
        "sg_no_group_rule_hint": ("체인에서는 각 계층이 앞 계층의 보안 그룹을 소스로 지정해 받아들입니다. 주소 범위가 "
                                  "아니라 보안 그룹을 참조하세요"),
        "sg_cidr_rule": "보안 그룹 {sg!r}: TCP {port}이(가) 주소 범위 {cidrs}에도 열려 있습니다. 그룹 {source!r}만 허용해야 합니다",
        "sg_cidr_rule_hint": "CIDR을 지정한 규칙은 그 범위의 모든 주소를 받아들입니다. 체인은 앞 그룹만 받아들입니다",
        "sg_group_ok": "보안 그룹 {sg!r}은(는) 그룹 {source!r}에서 오는 TCP {port}만 허용합니다",
        "sg_no_cidr_rule": "보안 그룹 {sg!r}: {cidr}에서 오는 TCP {port} 인바운드 규칙이 없습니다. 찾은 규칙: {rules}",
        "sg_cidr_extra": "보안 그룹 {sg!r}: TCP {port}이(가) {others}에도 열려 있습니다. {cidr}만 허용해야 합니다",
        "sg_no_cidr_rule_hint": "인바운드 규칙의 포트, 프로토콜, 소스 범위를 과제와 비교해 보세요",
        "sg_cidr_ok": "보안 그룹 {sg!r}은(는) {cidr}에서 오는 TCP {port}을(를) 허용합니다",
        "world_open": "TCP {port}이(가) {groups}에서 인터넷 전체에 열려 있습니다",
        "world_open_hint": ("포트 {port}을(를) 0.0.0.0/0에 열 필요는 없습니다. 배스천에는 관리자 범위만 허용하거나, "
                            "인바운드 포트가 전혀 없는 Session Manager 방식을 쓰세요"),
        "world_ok": "VPC {vpc!r}: TCP {port}을(를) 인터넷에 여는 보안 그룹이 없습니다",
        "nacl_missing": "VPC {vpc!r}: Name={nacl!r} 태그가 붙은 네트워크 ACL이 없습니다",
        "nacl_missing_hint": "테스트는 이 VPC 안에서 Name 태그로 네트워크 ACL을 찾습니다",
        "nacl_unassociated": "네트워크 ACL {nacl!r}이(가) {subnets}에 연결되어 있지 않습니다",
        "nacl_unassociated_hint": "서브넷에는 네트워크 ACL이 정확히 하나 있습니다. 서브넷의 연결을 새 ACL로 바꾸세요",
        "nacl_wrong": "네트워크 ACL {nacl!r}: {details}",
        "nacl_wrong_hint": ("규칙은 번호가 낮은 것부터 검사하고 처음 일치한 규칙이 결정합니다. ACL은 상태 비저장(stateless)"
                            "이므로 응답에도 클라이언트의 임시 포트로 가는 아웃바운드 규칙이 따로 필요합니다"),
        "nacl_probe": "{packet}이(가) {got}, 기대한 결과는 {want} ({reason})",
        "nacl_ok": "네트워크 ACL {nacl!r}이(가) 패킷 {count}개에 기대한 판정을 내립니다",
        "allowed": "허용됨",
        "denied": "거부됨",
        "instance_missing": "VPC {vpc!r}: Name={instance!r} 태그가 붙은 실행 중인 인스턴스가 없습니다",
        "instance_missing_hint": "이 VPC 안에서 인스턴스를 시작하고 과제의 이름으로 태그를 붙이세요",
        "instance_misplaced": "인스턴스 {instance!r}: {details}",
        "instance_misplaced_hint": "인스턴스가 놓일 서브넷과 보안 그룹은 시작할 때 고릅니다",
        "instance_ok": "인스턴스 {instance!r}이(가) {subnet!r}에서 그룹 {sg!r}로 실행 중입니다",
    },
}


def vpc_block(vpc: str, prefix: int = 16) -> CheckResult:
    """Check that exactly one VPC is tagged Name=``vpc`` and its primary block is a /``prefix``."""
    name = "vpc_block"
    found, problem = _one_vpc(name, vpc)
    if problem:
        return problem
    cidr = found["CidrBlock"]
    if ipaddress.IPv4Network(cidr, strict=False).prefixlen != prefix:
        return failed(name, TEXT, "vpc_prefix", found=cidr, expected=f"/{prefix}", hint="vpc_prefix_hint",
                      see=SEE_VPC, vpc=vpc, cidr=cidr, want=prefix)
    return passed(name, TEXT, "vpc_ok", found=cidr, expected=f"/{prefix}", vpc=vpc, cidr=cidr)


def subnets_in_tiers(vpc: str, tiers: Mapping[str, Sequence[str]]) -> CheckResult:
    """Check that every named subnet exists in the VPC and each tier spans at least two AZs.

    Args:
        tiers: tier name -> subnet Name tags, e.g. ``{"public": ["public-a", "public-b"]}``.
    """
    name = "subnets_in_tiers"
    found, problem = _one_vpc(name, vpc)
    if problem:
        return problem
    subnets = _subnets(found["VpcId"])
    wanted = [s for names in tiers.values() for s in names]
    missing = [s for s in wanted if s not in subnets]
    if missing:
        return failed(name, TEXT, "subnets_missing", found=sorted(subnets), expected=wanted,
                      hint="subnets_missing_hint", see=SEE_TIERS, vpc=vpc, missing=missing,
                      names=sorted(subnets))
    for tier, names in tiers.items():
        azs = sorted({subnets[s]["AvailabilityZone"] for s in names})
        if len(azs) < 2:
            return failed(name, TEXT, "tier_one_az", found=azs, expected="2 AZs", hint="tier_one_az_hint",
                          see=SEE_TIERS, vpc=vpc, tier=tier, names=list(names), azs=azs)
    return passed(name, TEXT, "tiers_ok", found=wanted, expected=wanted, vpc=vpc)


def aws_would_accept(vpc: str, rules: Iterable[str] | None = None) -> CheckResult:
    """Check that the VPC holds nothing AWS would refuse (`course.vpc_rules.refusals`).

    Args:
        rules: only these rule ids (``subnet-size``, ``overlap``, ``outside-vpc``, ``one-igw``, ...);
            all of them when None.
    """
    from course.vpc_rules import refusals

    name = "aws_would_accept"
    found, problem = _one_vpc(name, vpc)
    if problem:
        return problem
    keep = set(rules) if rules is not None else None
    refused = [r for r in refusals(_ec2(), found["VpcId"]) if keep is None or r.rule in keep]
    if refused:
        details = "; ".join(r.message for r in refused)
        return failed(name, TEXT, "refused", found=[r.rule for r in refused], expected=[],
                      hint="refused_hint", see=SEE_REFUSED, vpc=vpc, count=len(refused), details=details)
    return passed(name, TEXT, "accepted_ok", found=[], expected=[], vpc=vpc)


def subnet_route(vpc: str, subnet: str, kind: str) -> CheckResult:
    """Check how a subnet reaches the internet: ``"public"``, ``"private"`` (via a NAT gateway) or ``"isolated"``."""
    from course.vpc_routes import RouteError, exposure, route_table_of

    name = "subnet_route"
    found, problem = _one_vpc(name, vpc)
    if problem:
        return problem
    vpc_id = found["VpcId"]
    subnets = _subnets(vpc_id)
    if subnet not in subnets:
        return failed(name, TEXT, "subnets_missing", found=sorted(subnets), expected=subnet,
                      hint="subnets_missing_hint", see=SEE_TIERS, vpc=vpc, missing=[subnet], names=sorted(subnets))
    tables = _ec2().describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["RouteTables"]
    try:
        seen = exposure(route_table_of(tables, subnets[subnet]["SubnetId"], vpc_id))
        got, reason = seen.kind, seen.reason
    except RouteError as err:
        got, reason = "unknown", str(err)
    reason_ko = reason
    if got == "private" and not (seen.target or "").startswith("nat-"):
        got = "private (not through a NAT gateway)"
    # moto keeps a route to a detached or foreign gateway, or to a private NAT gateway, "active";
    # AWS would refuse it or drop the traffic, so such a route makes nothing public or private.
    elif got == "public" and seen.target not in _attached_igws(vpc_id):
        got = "isolated"
        reason, reason_ko = (TEXT[lang]["reason_igw_detached"].format(table=seen.route_table_id, target=seen.target)
                             for lang in ("en", "ko"))
    elif got == "private" and (why := _nat_unusable(vpc_id, seen.target)):
        got = "private (not through a NAT gateway that reaches the internet)"
        reason, reason_ko = (TEXT[lang]["reason_nat_unusable"].format(
            table=seen.route_table_id, target=seen.target, why=TEXT[lang][why]) for lang in ("en", "ko"))
    hint = {"public": "route_public_hint", "private": "route_private_hint"}.get(kind, "route_isolated_hint")
    see = {"public": SEE_PUBLIC, "private": SEE_NAT}.get(kind, SEE_PUBLIC)
    if got != kind:
        return _both(failed(name, TEXT, "route_wrong", found=got, expected=kind, hint=hint, see=see,
                            subnet=subnet, reason=reason, kind=TEXT["en"][f"kind_{kind}"]),
                     "route_wrong", subnet=subnet, reason=reason_ko, kind=TEXT["ko"][f"kind_{kind}"])
    return _both(passed(name, TEXT, "route_ok", found=got, expected=kind, subnet=subnet, reason=reason,
                        kind=TEXT["en"][f"kind_{kind}"]),
                 "route_ok", subnet=subnet, reason=reason, kind=TEXT["ko"][f"kind_{kind}"])


def nat_gateways_in_public_subnets(vpc: str) -> CheckResult:
    """Check that the VPC has an available NAT gateway and that every one sits in a public subnet."""
    from course.vpc_routes import RouteError, exposure, route_table_of

    name = "nat_gateways_in_public_subnets"
    found, problem = _one_vpc(name, vpc)
    if problem:
        return problem
    vpc_id = found["VpcId"]
    ec2 = _ec2()
    # A private NAT gateway (no Elastic IP) can't take anyone to the internet, wherever it sits.
    nats = [n for n in ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["NatGateways"]
            if n.get("State") == "available" and not _nat_unusable(vpc_id, n["NatGatewayId"], [n])]
    if not nats:
        return failed(name, TEXT, "nat_missing", found=[], expected="a NAT gateway in a public subnet",
                      hint="nat_missing_hint", see=SEE_NAT, vpc=vpc)
    tables = ec2.describe_route_tables(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["RouteTables"]
    names = {s["SubnetId"]: n for n, s in _subnets(vpc_id).items()}
    attached = _attached_igws(vpc_id)
    for nat in nats:
        try:
            seen = exposure(route_table_of(tables, nat["SubnetId"], vpc_id))
            kind = "isolated" if seen.kind == "public" and seen.target not in attached else seen.kind
        except RouteError:
            kind = "isolated"
        if kind != "public":
            subnet = names.get(nat["SubnetId"], nat["SubnetId"])
            return _both(failed(name, TEXT, "nat_misplaced", found=kind, expected="public", hint="nat_misplaced_hint",
                                see=SEE_NAT, nat=nat["NatGatewayId"], subnet=subnet, kind=kind),
                         "nat_misplaced", nat=nat["NatGatewayId"], subnet=subnet,
                         kind=TEXT["ko"][f"kind_{kind}"].split(" ")[0])
    ids = [n["NatGatewayId"] for n in nats]
    return passed(name, TEXT, "nat_ok", found=ids, expected="public", vpc=vpc, nats=ids)


def sg_allows_from_group(vpc: str, sg: str, port: int, source: str) -> CheckResult:
    """Check that group ``sg`` admits TCP ``port`` from group ``source``, and from no address range."""
    name = "sg_allows_from_group"
    groups, problem = _groups(name, vpc, (sg, source))
    if problem:
        return problem
    perms = _covering(groups[sg], port)
    source_id = groups[source]["GroupId"]
    if not any(p.get("GroupId") == source_id for perm in perms for p in perm.get("UserIdGroupPairs", [])):
        rules = _rules_text(groups[sg], {g["GroupId"]: n for n, g in groups.items()})
        return failed(name, TEXT, "sg_no_group_rule", found=rules, expected=f"tcp {port} from {source}",
                      hint="sg_no_group_rule_hint", see=SEE_SG, sg=sg, port=port, source=source, rules=rules)
    cidrs = [r["CidrIp"] for perm in perms for r in perm.get("IpRanges", [])] + \
            [r["CidrIpv6"] for perm in perms for r in perm.get("Ipv6Ranges", [])]
    if cidrs:
        return failed(name, TEXT, "sg_cidr_rule", found=cidrs, expected=f"only {source}", hint="sg_cidr_rule_hint",
                      see=SEE_SG, sg=sg, port=port, source=source, cidrs=cidrs)
    return passed(name, TEXT, "sg_group_ok", found=source, expected=source, sg=sg, port=port, source=source)


def sg_allows_cidr(vpc: str, sg: str, port: int, cidr: str, *, only: bool = False) -> CheckResult:
    """Check that group ``sg`` admits TCP ``port`` from the range ``cidr`` (and, with ``only``, from nothing else)."""
    name = "sg_allows_cidr"
    groups, problem = _groups(name, vpc, (sg,))
    if problem:
        return problem
    want = ipaddress.ip_network(cidr)
    perms = _covering(groups[sg], port)
    ranges = [r["CidrIp"] for perm in perms for r in perm.get("IpRanges", [])]
    if not any(ipaddress.ip_network(r, strict=False) == want for r in ranges):
        rules = _rules_text(groups[sg], {})
        return failed(name, TEXT, "sg_no_cidr_rule", found=rules, expected=f"tcp {port} from {cidr}",
                      hint="sg_no_cidr_rule_hint", see=SEE_SG, sg=sg, port=port, cidr=cidr, rules=rules)
    others = sorted({str(ipaddress.ip_network(r, strict=False)) for r in ranges} - {str(want)}) + \
        [r["CidrIpv6"] for perm in perms for r in perm.get("Ipv6Ranges", [])] + \
        [p["GroupId"] for perm in perms for p in perm.get("UserIdGroupPairs", [])] + \
        [p["PrefixListId"] for perm in perms for p in perm.get("PrefixListIds", [])]
    if only and others:
        return failed(name, TEXT, "sg_cidr_extra", found=others, expected=f"only {cidr}", hint="sg_no_cidr_rule_hint",
                      see=SEE_SG, sg=sg, port=port, cidr=cidr, others=others)
    return passed(name, TEXT, "sg_cidr_ok", found=cidr, expected=cidr, sg=sg, port=port, cidr=cidr)


def port_not_open_to_world(vpc: str, port: int = 22) -> CheckResult:
    """Check that no security group in the VPC admits TCP ``port`` from 0.0.0.0/0 or ::/0."""
    name = "port_not_open_to_world"
    found, problem = _one_vpc(name, vpc)
    if problem:
        return problem
    # Judge the union of the ranges, not their spelling: 0.0.0.0/1 plus 128.0.0.0/1 is the whole internet.
    wide: dict[str, list] = {}
    for g in _all_groups(found["VpcId"]):
        for perm in _covering(g, port):
            for r in [r["CidrIp"] for r in perm.get("IpRanges", [])] + \
                     [r["CidrIpv6"] for r in perm.get("Ipv6Ranges", [])]:
                wide.setdefault(g["GroupName"], []).append(ipaddress.ip_network(r, strict=False))
    nets = [n for ns in wide.values() for n in ns]
    world = [w for w in map(ipaddress.ip_network, WORLD)
             if w in ipaddress.collapse_addresses(n for n in nets if n.version == w.version)]
    open_in = [g for g, ns in wide.items() if any(n.version == w.version for n in ns for w in world)]
    if open_in:
        groups = sorted(set(open_in))
        return failed(name, TEXT, "world_open", found=groups, expected=[], hint="world_open_hint",
                      see=SEE_BASTION, port=port, groups=groups)
    return passed(name, TEXT, "world_ok", found=[], expected=[], vpc=vpc, port=port)


def nacl_verdicts(vpc: str, nacl: str, subnets: Sequence[str],
                  probes: Sequence[tuple[str, int, str, bool]]) -> CheckResult:
    """Check a network ACL's associations and its verdict on packets (`course.traffic.evaluate_nacl`).

    Args:
        subnets: Name tags of the subnets the ACL must be associated with.
        probes: ``(direction, port, peer subnet, allowed)``: a TCP packet ``"in"`` from, or
            ``"out"`` to, an address of the peer subnet (its base + 10), to ``port``.
    """
    from course.traffic import Packet, acl_from_boto3, evaluate_nacl

    name = "nacl_verdicts"
    found, problem = _one_vpc(name, vpc)
    if problem:
        return problem
    vpc_id = found["VpcId"]
    acls = _ec2().describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc_id]},
                                                 {"Name": "tag:Name", "Values": [nacl]}])["NetworkAcls"]
    if not acls:
        return failed(name, TEXT, "nacl_missing", found=None, expected=nacl, hint="nacl_missing_hint",
                      see=SEE_NACL, vpc=vpc, nacl=nacl)
    acl = acls[0]
    by_name = _subnets(vpc_id)
    associated = {a["SubnetId"] for a in acl.get("Associations", [])}
    loose = [s for s in subnets if s not in by_name or by_name[s]["SubnetId"] not in associated]
    if loose:
        return failed(name, TEXT, "nacl_unassociated", found=sorted(associated), expected=list(subnets),
                      hint="nacl_unassociated_hint", see=SEE_NACL, nacl=nacl, subnets=loose)
    model = acl_from_boto3(acl)
    here = _address(by_name[subnets[0]]["CidrBlock"])
    wrong_en, wrong_ko = [], []
    for direction, port, peer, allowed in probes:
        there = _address(by_name[peer]["CidrBlock"]) if peer in by_name else "203.0.113.10"
        packet = (Packet(there, here, "tcp", port, "in") if direction == "in"
                  else Packet(here, there, "tcp", port, "out", source_port=3306))
        step = evaluate_nacl(model, packet)
        if step.allowed != allowed:
            for lang, out in (("en", wrong_en), ("ko", wrong_ko)):
                words = TEXT[lang]
                out.append(words["nacl_probe"].format(
                    packet=f"{packet.describe()} ({direction}, {peer})",
                    got=words["allowed" if step.allowed else "denied"],
                    want=words["allowed" if allowed else "denied"], reason=step.reason))
    if wrong_en:
        result = failed(name, TEXT, "nacl_wrong", found=wrong_en, expected="the verdicts the task lists",
                        hint="nacl_wrong_hint", see=SEE_NACL, nacl=nacl, details="; ".join(wrong_en))
        return _with_korean(result, TEXT["ko"]["nacl_wrong"].format(nacl=nacl, details="; ".join(wrong_ko)))
    return passed(name, TEXT, "nacl_ok", found=len(probes), expected=len(probes), nacl=nacl, count=len(probes))


def instance_placed(vpc: str, instance: str, subnets: Sequence[str], sg: str) -> CheckResult:
    """Check that a running instance tagged Name=``instance`` sits in one of ``subnets`` with group ``sg``."""
    name = "instance_placed"
    found, problem = _one_vpc(name, vpc)
    if problem:
        return problem
    vpc_id = found["VpcId"]
    reservations = _ec2().describe_instances(Filters=[
        {"Name": "vpc-id", "Values": [vpc_id]}, {"Name": "tag:Name", "Values": [instance]},
        {"Name": "instance-state-name", "Values": ["pending", "running"]}])["Reservations"]
    running = [i for r in reservations for i in r["Instances"]]
    if not running:
        return failed(name, TEXT, "instance_missing", found=None, expected=instance, hint="instance_missing_hint",
                      see=SEE_BASTION, vpc=vpc, instance=instance)
    names = {s["SubnetId"]: n for n, s in _subnets(vpc_id).items()}
    one = running[0]
    subnet = names.get(one.get("SubnetId"), one.get("SubnetId"))
    groups = [g["GroupName"] for g in one.get("SecurityGroups", [])]
    problems = []
    if subnet not in subnets:
        problems.append(f"subnet {subnet!r}, expected one of {list(subnets)}")
    if sg not in groups:
        problems.append(f"security groups {groups}, expected {sg!r} among them")
    if problems:
        return failed(name, TEXT, "instance_misplaced", found={"subnet": subnet, "groups": groups},
                      expected={"subnets": list(subnets), "group": sg}, hint="instance_misplaced_hint",
                      see=SEE_BASTION, instance=instance, details="; ".join(problems))
    return passed(name, TEXT, "instance_ok", found=subnet, expected=list(subnets), instance=instance,
                  subnet=subnet, sg=sg)


# --- helpers -----------------------------------------------------------------


def _ec2():
    from labs.sandbox import check_client

    return check_client("ec2")


def _attached_igws(vpc_id: str) -> set[str]:
    igws = _ec2().describe_internet_gateways(
        Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])["InternetGateways"]
    return {g["InternetGatewayId"] for g in igws
            if any(a.get("VpcId") == vpc_id and a.get("State") in ("available", "attached")
                   for a in g.get("Attachments", []))}


def _nat_unusable(vpc_id: str, nat_id: str | None, nats: Sequence[Mapping] | None = None) -> str | None:
    """Why NAT gateway ``nat_id`` would not take traffic to the internet (a TEXT key), or None."""
    if nats is None:
        nats = _ec2().describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["NatGateways"]
    nat = next((n for n in nats if n["NatGatewayId"] == nat_id and n.get("State") == "available"), None)
    if nat is None:
        return "nat_why_missing"
    # AWS answers ConnectivityType "public" by default; the sandbox leaves it out.
    if nat.get("ConnectivityType", "public") == "private":
        return "nat_why_private"
    if not any(a.get("AllocationId") or a.get("PublicIp") for a in nat.get("NatGatewayAddresses", [])):
        return "nat_why_no_eip"
    return None


def _tag(resource: Mapping, key: str = "Name") -> str | None:
    return next((t["Value"] for t in resource.get("Tags", []) if t["Key"] == key), None)


def _one_vpc(check: str, vpc: str) -> tuple[dict | None, CheckResult | None]:
    vpcs = _ec2().describe_vpcs()["Vpcs"]
    mine = [v for v in vpcs if _tag(v) == vpc]
    if not mine:
        names = sorted(n for n in (_tag(v) for v in vpcs) if n)
        return None, failed(check, TEXT, "vpc_missing", found=names, expected=vpc, hint="vpc_missing_hint",
                            see=SEE_VPC, vpc=vpc, names=names)
    if len(mine) > 1:
        return None, failed(check, TEXT, "vpc_many", found=len(mine), expected=1, hint="vpc_many_hint",
                            see=SEE_VPC, vpc=vpc, count=len(mine))
    return mine[0], None


def _subnets(vpc_id: str) -> dict[str, dict]:
    found = _ec2().describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    return {(_tag(s) or s["SubnetId"]): s for s in found}


def _all_groups(vpc_id: str) -> list[dict]:
    return _ec2().describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["SecurityGroups"]


def _groups(check: str, vpc: str, names: Sequence[str]) -> tuple[dict, CheckResult | None]:
    found, problem = _one_vpc(check, vpc)
    if problem:
        return {}, problem
    groups = {g["GroupName"]: g for g in _all_groups(found["VpcId"])}
    for sg in names:
        if sg not in groups:
            return {}, failed(check, TEXT, "sg_missing", found=sorted(groups), expected=sg, hint="sg_missing_hint",
                              see=SEE_SG, vpc=vpc, sg=sg, names=sorted(groups))
    return groups, None


def _covering(group: Mapping, port: int) -> list[dict]:
    """The inbound permissions of ``group`` that admit TCP ``port`` (all-traffic rules included)."""
    out = []
    for perm in group.get("IpPermissions", []):
        proto = str(perm.get("IpProtocol", "-1"))
        if proto == "-1" or (proto in ("tcp", "6") and perm.get("FromPort", 0) <= port <= perm.get("ToPort", 65535)):
            out.append(perm)
    return out


def _rules_text(group: Mapping, group_names: Mapping[str, str]) -> list[str]:
    rules = []
    for perm in group.get("IpPermissions", []):
        proto = str(perm.get("IpProtocol"))
        ports = "all" if proto == "-1" else f"{perm.get('FromPort')}-{perm.get('ToPort')}"
        peers = [r["CidrIp"] for r in perm.get("IpRanges", [])] + \
                [r["CidrIpv6"] for r in perm.get("Ipv6Ranges", [])] + \
                [group_names.get(p["GroupId"], p["GroupId"]) for p in perm.get("UserIdGroupPairs", [])]
        rules += [f"{'all' if proto == '-1' else proto} {ports} from {p}" for p in peers]
    return rules


def _address(cidr: str) -> str:
    # base + 10: past the five addresses AWS reserves, inside any subnet of /28 or larger.
    return str(ipaddress.IPv4Network(cidr, strict=False).network_address + 10)


def _with_korean(result: CheckResult, message_ko: str) -> CheckResult:
    from dataclasses import replace

    return replace(result, message_ko=message_ko)


def _both(result: CheckResult, key: str, **ko_values) -> CheckResult:
    """``result`` with its Korean message re-said with Korean words for the values."""
    return _with_korean(result, TEXT["ko"][key].format(**ko_values))
