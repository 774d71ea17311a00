"""Security groups and network ACLs: would AWS let this packet through, and its answer back?

A packet travels through two firewalls on its way to an instance in a VPC:

* the **network ACL** (네트워크 ACL) of the subnet: numbered allow/deny rules, one
  list per direction, checked lowest number first, the first match decides, a final
  ``*`` rule denies the rest. It is **stateless**: the response is a new packet that
  needs its own rule, usually to the client's ephemeral ports;
* the **security groups** (보안 그룹) of the instance's network interface (ENI):
  allow-only rules, several groups count as one union, and **stateful**: once a
  request is allowed, its response is allowed back whatever the rules say.

`round_trip` follows a request and its response through both and says, rule by rule,
what matched. Rules come as dataclasses, from text lines (`parse_nacl_lines`,
`parse_sg_lines`) or from boto3's answers (`groups_from_boto3`, `acl_from_boto3`).

Sources (checked 2026-12-02):
https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html,
https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html,
https://docs.aws.amazon.com/vpc/latest/userguide/default-network-acl.html,
https://docs.aws.amazon.com/vpc/latest/userguide/nacl-ephemeral-ports.html,
https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html,
https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html,
https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateNetworkAclEntry.html.

Not modelled: ICMP types and codes (an ICMP rule matches every ICMP packet), prefix
lists, connection-tracking corner cases, and traffic that never crosses a NACL
(between two instances of one subnet).
"""

from __future__ import annotations

import datetime
import ipaddress
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources

from course.i18n import text as _text

# Names a rule may use for its protocol, with the IANA numbers boto3 reports.
PROTOCOL_NUMBERS = {"tcp": "6", "udp": "17", "icmp": "1", "all": "-1"}
_PROTOCOL_ALIASES = {**{v: k for k, v in PROTOCOL_NUMBERS.items()},
                     **{k: k for k in PROTOCOL_NUMBERS}}
PACKET_PROTOCOLS = ("tcp", "udp", "icmp")
PORTED = ("tcp", "udp")
DIRECTIONS = ("in", "out")

NACL_FIRST_RULE = 1
NACL_LAST_RULE = 32766  # 32767 and up are AWS's own (the * rules)
_STAR_NUMBERS = (32767, 32768)
PORT_MIN, PORT_MAX = 0, 65535
# AWS's advice for a NACL rule that lets responses reach clients of any OS.
EPHEMERAL = (1024, 65535)
ANYWHERE = "0.0.0.0/0"


# Every sentence the evaluator says about a packet or a malformed rule, per language.
TEXT = {
    "en": {
        "inbound": "inbound",
        "outbound": "outbound",
        "allows": "allows",
        "denies": "denies",
        "request": "request",
        "response": "response",
        "network_acl": "network ACL",
        "security_group": "security group",
        "title": "{what} {way} through the {where}",
        "nacl_rule": "NACL {way} rule {n}",
        "sg_rule": "{group} {way} rule {n}",
        "nacl_line": "NACL {way} line {n} ({line!r})",
        "sg_line": "SG {way} line {n} ({line!r})",
        "packet": "packet",
        "source": "source",
        "destination": "destination",
        "port": "port",
        "source_port": "source port",
        "bad_direction": "{where}: direction {value!r} is not 'in' or 'out'",
        "bad_number": "{where}: rule number {value!r} is outside {low}–{high}",
        "bad_action": "{where}: action {value!r} is not 'allow' or 'deny'",
        "number_twice": "{where}: rule number {n} is used twice in the {way} rules",
        "bad_packet_protocol": "packet: protocol {value!r} is not one of {allowed}",
        "bad_packet_direction": "packet: direction {value!r} is not 'in' or 'out'",
        "bad_address": "packet: {label} {value!r} is not an IP address",
        "bad_packet_port": "packet: {label} {value!r} is outside {low}–{high}",
        "bad_protocol": "{where}: unknown protocol {value!r} (use tcp, udp, icmp or all)",
        "not_reached_match": "not reached: an earlier rule matched",
        "matches": "matches: {action}",
        "first_match": "rule {n} is the first match and {verb} it",
        "star": "* deny all {anywhere}",
        "star_denied": "no numbered rule matched: denied",
        "star_reason": "no numbered rule matches, so the * rule denies",
        "sg_allows": "rule {label} allows it (the groups' rules are one union)",
        "no_group": "no security group: nothing allows it",
        "no_sg_rule": "no rule of any group allows it (security groups cannot deny; unmatched is denied)",
        "not_reached_step": "not reached: an earlier step denied",
        "stateful": "allowed without checking {way} rules: the request was allowed, and security groups are stateful",
        "stateless": "; a NACL is stateless, so the response needs its own {way} rule (ephemeral ports {low}–{high} cover every client)",
        "nacl_fields": "{where}: expected 5 fields: number action protocol ports cidr",
        "not_whole": "{where}: rule number {value!r} is not a whole number",
        "sg_fields": "{where}: expected 4 fields: group protocol ports source",
        "not_group": "{where}: the first field {value!r} must be a group id like sg-web",
        "bad_ports": "{where}: ports {value!r} are not a number, a range like 1024-65535, or 'all'",
        "port_outside": "{where}: port {value!r} is outside {low}–{high}",
        "backwards": "{where}: port range {low}-{high} runs backwards",
        "bad_cidr": "{where}: {value!r} is not a CIDR block like 10.0.0.0/16",
        "miss_protocol": "protocol {protocol} is not {wanted}",
        "miss_port": "port {port} is not in {ports}",
        "miss_block": "{peer} is not in {block}",
        "miss_member": "{peer} is not a member of {group}",
        "scenario_web": "Web server: HTTPS in, response out to an ephemeral port",
        "scenario_h5": "H5 rule order: 100 allows all, so deny 200 is never reached",
        "scenario_h5-swapped": "H5 swapped: deny 100 comes first and wins",
        "scenario_ephemeral": "Forgotten ephemeral ports: the response cannot leave",
        "scenario_defaults": "Defaults: default NACL and default SG, SSH from the internet",
        "scenario_new-nacl": "A new custom NACL, no rules yet: * denies everything",
    },
    "ko": {
        "inbound": "인바운드",
        "outbound": "아웃바운드",
        "allows": "허용합니다",
        "denies": "거부합니다",
        "request": "요청",
        "response": "응답",
        "network_acl": "네트워크 ACL",
        "security_group": "보안 그룹",
        "title": "{where} 통과 ({way} {what})",
        "nacl_rule": "NACL {way} 규칙 {n}",
        "sg_rule": "{group} {way} 규칙 {n}",
        "nacl_line": "NACL {way} {n}번째 줄 ({line!r})",
        "sg_line": "SG {way} {n}번째 줄 ({line!r})",
        "packet": "패킷",
        "source": "소스",
        "destination": "대상",
        "port": "포트",
        "source_port": "소스 포트",
        "bad_direction": "{where}: 방향 {value!r}은(는) 'in'이나 'out'이 아닙니다",
        "bad_number": "{where}: 규칙 번호 {value!r}이(가) {low}–{high} 범위를 벗어났습니다",
        "bad_action": "{where}: 작업 {value!r}은(는) 'allow'나 'deny'가 아닙니다",
        "number_twice": "{where}: 규칙 번호 {n}이(가) {way} 규칙에 두 번 쓰였습니다",
        "bad_packet_protocol": "패킷: 프로토콜 {value!r}은(는) {allowed} 중 하나가 아닙니다",
        "bad_packet_direction": "패킷: 방향 {value!r}은(는) 'in'이나 'out'이 아닙니다",
        "bad_address": "패킷: {label} {value!r}은(는) IP 주소가 아닙니다",
        "bad_packet_port": "패킷: {label} {value!r}이(가) {low}–{high} 범위를 벗어났습니다",
        "bad_protocol": "{where}: 알 수 없는 프로토콜 {value!r} (tcp, udp, icmp, all 중 하나를 쓰세요)",
        "not_reached_match": "도달하지 않음: 앞의 규칙이 일치함",
        "matches": "일치: {action}",
        "first_match": "규칙 {n}이(가) 처음 일치하는 규칙이고 이 패킷을 {verb}",
        "star": "* 모두 거부 {anywhere}",
        "star_denied": "번호 있는 규칙 중 일치하는 것이 없음: 거부",
        "star_reason": "번호 있는 규칙 중 일치하는 것이 없어서 * 규칙이 거부합니다",
        "sg_allows": "규칙 {label}이(가) 허용합니다 (모든 그룹의 규칙은 하나의 합집합)",
        "no_group": "보안 그룹 없음: 허용하는 것이 없습니다",
        "no_sg_rule": "어느 그룹의 어느 규칙도 허용하지 않습니다 (보안 그룹은 거부 규칙이 없고, 일치하지 않으면 거부됨)",
        "not_reached_step": "도달하지 않음: 앞 단계에서 거부됨",
        "stateful": "{way} 규칙을 확인하지 않고 허용: 요청이 허용되었고, 보안 그룹은 상태 저장(stateful)입니다",
        "stateless": "; NACL은 상태 비저장(stateless)이므로 응답에도 자체 {way} 규칙이 필요합니다 (임시 포트 {low}–{high}이면 모든 클라이언트를 포함)",
        "nacl_fields": "{where}: 필드 5개가 필요합니다: 번호 작업 프로토콜 포트 CIDR",
        "not_whole": "{where}: 규칙 번호 {value!r}이(가) 정수가 아닙니다",
        "sg_fields": "{where}: 필드 4개가 필요합니다: 그룹 프로토콜 포트 소스",
        "not_group": "{where}: 첫 필드 {value!r}은(는) sg-web 같은 그룹 ID여야 합니다",
        "bad_ports": "{where}: 포트 {value!r}은(는) 숫자도, 1024-65535 같은 범위도, 'all'도 아닙니다",
        "port_outside": "{where}: 포트 {value!r}이(가) {low}–{high} 범위를 벗어났습니다",
        "backwards": "{where}: 포트 범위 {low}-{high}가 거꾸로입니다",
        "bad_cidr": "{where}: {value!r}은(는) 10.0.0.0/16 같은 CIDR 블록이 아닙니다",
        "miss_protocol": "프로토콜 {protocol}은(는) {wanted}이(가) 아님",
        "miss_port": "포트 {port}은(는) {ports}에 없음",
        "miss_block": "{peer}은(는) {block}에 없음",
        "miss_member": "{peer}은(는) {group}의 멤버가 아님",
        "scenario_web": "웹 서버: HTTPS가 들어오고, 응답은 임시 포트로 나감",
        "scenario_h5": "H5 규칙 순서: 100이 모두 허용하므로 거부 규칙 200에는 도달하지 않음",
        "scenario_h5-swapped": "H5 순서 바꿈: 거부 규칙 100이 먼저 와서 이김",
        "scenario_ephemeral": "임시 포트를 잊음: 응답이 나가지 못함",
        "scenario_defaults": "기본값: 기본 NACL과 기본 보안 그룹, 인터넷에서 SSH",
        "scenario_new-nacl": "새 사용자 지정 NACL, 규칙 없음: *가 모두 거부",
    },
}


def _t(key: str, **values) -> str:
    return _text(TEXT, key, **values)


class RuleError(ValueError):
    """A rule or packet AWS would refuse; ``message`` names it and says what is wrong."""

    def __init__(self, message: str, *, where: str):
        super().__init__(message)
        self.message = message
        self.where = where


# ---------------------------------------------------------------- the things

@dataclass(frozen=True)
class Packet:
    """One packet seen from the instance we protect.

    ``direction`` "in": the packet arrives at the instance (``destination`` is the
    instance); "out": the instance sends it (``source`` is the instance). ``port`` is
    the destination port, ``source_port`` the sender's (an ephemeral port for a
    client). ``peer_groups`` are the security groups of the other end, which an SG
    rule naming a group matches.
    """

    source: str
    destination: str
    protocol: str
    port: int | None
    direction: str = "in"
    source_port: int | None = 50000
    peer_groups: tuple[str, ...] = ()

    @property
    def peer(self) -> str:
        """The address at the other end from the instance."""
        return self.source if self.direction == "in" else self.destination

    def response(self) -> Packet:
        """The answer to this packet: addresses and ports swapped, direction reversed."""
        return replace(self, source=self.destination, destination=self.source,
                       port=self.source_port, source_port=self.port,
                       direction="out" if self.direction == "in" else "in")

    def describe(self) -> str:
        """``tcp 203.0.113.10:50000 → 10.0.1.10:443`` (ports omitted for ICMP)."""
        if self.protocol in PORTED:
            return (f"{self.protocol} {self.source}:{self.source_port} → "
                    f"{self.destination}:{self.port}")
        return f"{self.protocol} {self.source} → {self.destination}"


@dataclass(frozen=True)
class NaclEntry:
    """One numbered network ACL rule (an "entry" in the EC2 API)."""

    number: int
    direction: str  # "in" (ingress) or "out" (egress)
    action: str  # "allow" or "deny"
    protocol: str  # "tcp", "udp", "icmp" or "all"
    cidr: str
    from_port: int | None = None
    to_port: int | None = None

    def describe(self) -> str:
        """``100 allow tcp 80 0.0.0.0/0``, the text-line form."""
        return f"{self.number} {self.action} {self.protocol} {_ports_text(self)} {self.cidr}"


@dataclass(frozen=True)
class NetworkAcl:
    """A network ACL: its entries both ways; the final ``*`` deny is always implied."""

    acl_id: str
    entries: tuple[NaclEntry, ...] = ()
    is_default: bool = False

    def rules(self, direction: str) -> tuple[NaclEntry, ...]:
        """The entries of one direction, lowest number first (the order AWS checks them)."""
        return tuple(sorted((e for e in self.entries if e.direction == direction),
                            key=lambda e: e.number))


@dataclass(frozen=True)
class SgRule:
    """One security group rule: it only ever allows. ``peer`` is a CIDR or an ``sg-`` id."""

    direction: str
    protocol: str
    peer: str
    from_port: int | None = None
    to_port: int | None = None

    def describe(self) -> str:
        """``tcp 443 0.0.0.0/0``, the text-line form without the group."""
        return f"{self.protocol} {_ports_text(self)} {self.peer}"


@dataclass(frozen=True)
class SecurityGroup:
    """A security group and its rules both ways."""

    group_id: str
    rules: tuple[SgRule, ...] = ()
    name: str = ""

    def rules_for(self, direction: str) -> tuple[SgRule, ...]:
        return tuple(r for r in self.rules if r.direction == direction)


# ---------------------------------------------------------------- defaults

def default_network_acl(acl_id: str = "acl-default") -> NetworkAcl:
    """A VPC's default NACL: rule 100 allows all traffic in and out (IPv4)."""
    return NetworkAcl(acl_id, (NaclEntry(100, "in", "allow", "all", ANYWHERE),
                               NaclEntry(100, "out", "allow", "all", ANYWHERE)), is_default=True)


def new_network_acl(acl_id: str = "acl-custom") -> NetworkAcl:
    """A custom NACL as created: no numbered rules, so ``*`` denies everything both ways."""
    return NetworkAcl(acl_id, ())


def default_security_group(group_id: str = "sg-default") -> SecurityGroup:
    """A VPC's default SG: all inbound from members of itself, all outbound (IPv4)."""
    return SecurityGroup(group_id, (SgRule("in", "all", group_id),
                                    SgRule("out", "all", ANYWHERE)), name="default")


def new_security_group(group_id: str = "sg-new", name: str = "") -> SecurityGroup:
    """A new custom SG: no inbound rules, one rule allowing all outbound (IPv4)."""
    return SecurityGroup(group_id, (SgRule("out", "all", ANYWHERE),), name=name)


# ---------------------------------------------------------------- validation

def checked_entry(entry: NaclEntry, where: str | None = None) -> NaclEntry:
    """``entry`` with its CIDR made canonical, or `RuleError` naming it.

    AWS keeps rule numbers 1–32766 for you; it stores ``10.0.0.7/24`` as ``10.0.0.0/24``.
    """
    where = where or _t("nacl_rule", way=_way(entry.direction), n=entry.number)
    if entry.direction not in DIRECTIONS:
        raise RuleError(_t("bad_direction", where=where, value=entry.direction), where=where)
    if not isinstance(entry.number, int) or not NACL_FIRST_RULE <= entry.number <= NACL_LAST_RULE:
        raise RuleError(_t("bad_number", where=where, value=entry.number, low=NACL_FIRST_RULE, high=NACL_LAST_RULE),
                        where=where)
    if entry.action not in ("allow", "deny"):
        raise RuleError(_t("bad_action", where=where, value=entry.action), where=where)
    protocol = protocol_name(entry.protocol, where)
    low, high = _checked_ports(protocol, entry.from_port, entry.to_port, where)
    return replace(entry, protocol=protocol, cidr=_checked_cidr(entry.cidr, where),
                   from_port=low, to_port=high)


def checked_acl(acl: NetworkAcl) -> NetworkAcl:
    """``acl`` with every entry checked; a duplicate number in one direction is an error."""
    seen: set[tuple[str, int]] = set()
    entries = []
    for e in acl.entries:
        e = checked_entry(e)
        if (e.direction, e.number) in seen:
            where = _t("nacl_rule", way=_way(e.direction), n=e.number)
            raise RuleError(_t("number_twice", where=where, n=e.number, way=_way(e.direction)), where=where)
        seen.add((e.direction, e.number))
        entries.append(e)
    return replace(acl, entries=tuple(entries))


def checked_rule(rule: SgRule, where: str) -> SgRule:
    """``rule`` with its peer made canonical, or `RuleError` naming it."""
    if rule.direction not in DIRECTIONS:
        raise RuleError(_t("bad_direction", where=where, value=rule.direction), where=where)
    protocol = protocol_name(rule.protocol, where)
    low, high = _checked_ports(protocol, rule.from_port, rule.to_port, where)
    peer = rule.peer if rule.peer.startswith("sg-") else _checked_cidr(rule.peer, where)
    return replace(rule, protocol=protocol, peer=peer, from_port=low, to_port=high)


def checked_group(group: SecurityGroup) -> SecurityGroup:
    """``group`` with every rule checked (each named by group, direction and place)."""
    out, count = [], {"in": 0, "out": 0}
    for r in group.rules:
        count[r.direction] = count.get(r.direction, 0) + 1
        where = _t("sg_rule", group=group.group_id, way=_way(r.direction), n=count[r.direction])
        out.append(checked_rule(r, where))
    return replace(group, rules=tuple(out))


def checked_packet(packet: Packet) -> Packet:
    """``packet`` if it is well formed, else `RuleError` saying what is wrong."""
    where = _t("packet")
    if packet.protocol not in PACKET_PROTOCOLS:
        raise RuleError(_t("bad_packet_protocol", value=packet.protocol, allowed=", ".join(PACKET_PROTOCOLS)),
                        where=where)
    if packet.direction not in DIRECTIONS:
        raise RuleError(_t("bad_packet_direction", value=packet.direction), where=where)
    for label, address in ((_t("source"), packet.source), (_t("destination"), packet.destination)):
        try:
            ipaddress.ip_address(str(address).strip())
        except ValueError:
            raise RuleError(_t("bad_address", label=label, value=address), where=where) from None
    if packet.protocol in PORTED:
        for label, port in ((_t("port"), packet.port), (_t("source_port"), packet.source_port)):
            if not isinstance(port, int) or not PORT_MIN <= port <= PORT_MAX:
                raise RuleError(_t("bad_packet_port", label=label, value=port, low=PORT_MIN, high=PORT_MAX),
                                where=where)
    return replace(packet, source=str(packet.source).strip(),
                   destination=str(packet.destination).strip())


def protocol_name(protocol: object, where: str) -> str:
    """"tcp", "udp", "icmp" or "all" for a name or number boto3 or a learner writes."""
    name = _PROTOCOL_ALIASES.get(str(protocol).strip().lower())
    if name is None:
        raise RuleError(_t("bad_protocol", where=where, value=protocol), where=where)
    return name


# ---------------------------------------------------------------- evaluation

@dataclass(frozen=True)
class RuleCheck:
    """One rule tried against a packet: ``matched`` or why not; ``reached`` False past the match."""

    label: str
    text: str
    matched: bool
    reached: bool
    why: str
    action: str = "allow"


@dataclass(frozen=True)
class Step:
    """One firewall a packet crosses; ``allowed`` None when the packet never got there."""

    layer: str  # "nacl" or "sg"
    direction: str
    packet: Packet
    is_response: bool
    allowed: bool | None
    checks: tuple[RuleCheck, ...]
    decided_by: str | None
    reason: str

    @property
    def title(self) -> str:
        what = _t("response" if self.is_response else "request")
        where = _t("network_acl" if self.layer == "nacl" else "security_group")
        return _t("title", what=what, way=_way(self.direction), where=where)


@dataclass(frozen=True)
class RoundTrip:
    """A request and its response through the NACL and the SGs, in the order they cross."""

    request: Packet
    steps: tuple[Step, ...]

    @property
    def allowed(self) -> bool:
        """True when the request and its response both get through."""
        return all(s.allowed for s in self.steps)

    @property
    def blocked_at(self) -> Step | None:
        """The first step that denied, or None."""
        return next((s for s in self.steps if s.allowed is False), None)


def evaluate_nacl(acl: NetworkAcl, packet: Packet, direction: str | None = None) -> Step:
    """The NACL's verdict on ``packet`` crossing the subnet edge: first match wins.

    Rules are tried lowest number first; the first whose protocol, ports and CIDR fit
    decides, and later ones are never reached. No match: the ``*`` rule denies.
    """
    acl = checked_acl(acl)
    packet = checked_packet(replace(packet, direction=direction or packet.direction))
    direction = packet.direction
    checks, verdict, decided, reason = [], None, None, ""
    for e in acl.rules(direction):
        if verdict is not None:
            checks.append(RuleCheck(str(e.number), e.describe(), False, False,
                                    _t("not_reached_match"), e.action))
            continue
        miss = _nacl_miss(e, packet)
        checks.append(RuleCheck(str(e.number), e.describe(), miss is None, True,
                                miss or _t("matches", action=e.action), e.action))
        if miss is None:
            verdict, decided = e.action == "allow", str(e.number)
            reason = _t("first_match", n=e.number, verb=_t(_VERB[e.action]))
    star = RuleCheck("*", _t("star", anywhere=ANYWHERE), verdict is None, verdict is None,
                     _t("star_denied") if verdict is None else _t("not_reached_match"), "deny")
    checks.append(star)
    if verdict is None:
        verdict, decided, reason = False, "*", _t("star_reason")
    return Step("nacl", direction, packet, False, verdict, tuple(checks), decided, reason)


def evaluate_groups(groups: Sequence[SecurityGroup], packet: Packet,
                    direction: str | None = None) -> Step:
    """The security groups' verdict on ``packet``: allowed if any rule of any group allows.

    Rules only allow, so their order does not matter; no match means denied.
    """
    groups = [checked_group(g) for g in groups]
    packet = checked_packet(replace(packet, direction=direction or packet.direction))
    direction = packet.direction
    checks, first = [], None
    for g in groups:
        rules = g.rules_for(direction)
        for i, r in enumerate(rules, 1):
            miss = _sg_miss(r, packet)
            label = f"{g.group_id} #{i}"
            checks.append(RuleCheck(label, r.describe(), miss is None, True, miss or _t("matches", action="allow")))
            if miss is None and first is None:
                first = label
    if first:
        reason = _t("sg_allows", label=first)
    elif not groups:
        reason = _t("no_group")
    else:
        reason = _t("no_sg_rule")
    return Step("sg", direction, packet, False, first is not None, tuple(checks), first, reason)


def round_trip(request: Packet, acl: NetworkAcl, groups: Sequence[SecurityGroup]) -> RoundTrip:
    """Follow ``request`` and its response through the subnet's NACL and the instance's SGs.

    A request arriving ("in") crosses the NACL's inbound rules, then the SGs' inbound
    rules; its response leaves through the SGs (allowed: they are stateful) and then
    the NACL's outbound rules, which must allow the client's ephemeral port. A request
    the instance sends ("out") crosses the same firewalls the other way round.
    Validates everything first (`RuleError`).
    """
    request = checked_packet(request)
    acl = checked_acl(acl)
    groups = [checked_group(g) for g in groups]
    response = request.response()
    there, back = request.direction, response.direction
    if there == "in":
        plan = [("nacl", request, False), ("sg", request, False),
                ("sg", response, True), ("nacl", response, True)]
    else:
        plan = [("sg", request, False), ("nacl", request, False),
                ("nacl", response, True), ("sg", response, True)]
    steps, stopped = [], False
    for layer, pkt, is_response in plan:
        if stopped:
            steps.append(Step(layer, pkt.direction, pkt, is_response, None, (), None,
                              _t("not_reached_step")))
            continue
        if layer == "sg" and is_response:
            step = Step("sg", back, pkt, True, True, (), "stateful",
                        _t("stateful", way=_way(back)))
        elif layer == "sg":
            step = evaluate_groups(groups, pkt, there)
        else:
            step = replace(evaluate_nacl(acl, pkt, pkt.direction), is_response=is_response)
            if is_response and not step.allowed:
                step = replace(step, reason=step.reason + _t("stateless", way=_way(back), low=EPHEMERAL[0],
                                                             high=EPHEMERAL[1]))
        steps.append(step)
        stopped = step.allowed is False
    return RoundTrip(request, tuple(steps))


# ---------------------------------------------------------------- text lines

def parse_nacl_lines(text: str, direction: str) -> list[NaclEntry]:
    """NACL entries from lines ``<number> <allow|deny> <protocol> <ports> <cidr>``.

    ``ports`` is ``80``, ``1024-65535`` or ``all`` (``-`` also works for ICMP and all).
    Blank lines and lines starting ``#`` are skipped; a ``*`` line is the implied final
    deny and is skipped too. Raises `RuleError` naming the line.
    """
    out = []
    for n, line in _lines(text):
        where = _t("nacl_line", way=_way(direction), n=n, line=line)
        parts = line.split()
        if parts[0] == "*":
            continue
        if len(parts) != 5:
            raise RuleError(_t("nacl_fields", where=where), where=where)
        number, action, protocol, ports, cidr = parts
        if not number.isdigit():
            raise RuleError(_t("not_whole", where=where, value=number), where=where)
        low, high = _parse_ports(ports, where)
        out.append(checked_entry(NaclEntry(int(number), direction, action.lower(), protocol,
                                           cidr, low, high), where))
    _no_duplicates(out, direction)
    return out


def parse_sg_lines(text: str, direction: str) -> dict[str, list[SgRule]]:
    """SG rules from lines ``<sg-id> <protocol> <ports> <cidr or sg-id>``, by group.

    Raises `RuleError` naming the line.
    """
    groups: dict[str, list[SgRule]] = {}
    for n, line in _lines(text):
        where = _t("sg_line", way=_way(direction), n=n, line=line)
        parts = line.split()
        if len(parts) != 4:
            raise RuleError(_t("sg_fields", where=where), where=where)
        group, protocol, ports, peer = parts
        if not group.startswith("sg-"):
            raise RuleError(_t("not_group", where=where, value=group), where=where)
        low, high = _parse_ports(ports, where)
        groups.setdefault(group, []).append(checked_rule(SgRule(direction, protocol, peer, low, high),
                                                         where))
    return groups


def groups_from_lines(inbound: str, outbound: str) -> list[SecurityGroup]:
    """The security groups the two rule texts name, each with its rules both ways."""
    rules_in, rules_out = parse_sg_lines(inbound, "in"), parse_sg_lines(outbound, "out")
    ids = list(dict.fromkeys([*rules_in, *rules_out]))
    return [SecurityGroup(g, tuple(rules_in.get(g, [])) + tuple(rules_out.get(g, []))) for g in ids]


def acl_from_lines(inbound: str, outbound: str, acl_id: str = "acl-edited") -> NetworkAcl:
    """A NACL from its inbound and outbound rule texts."""
    return NetworkAcl(acl_id, tuple(parse_nacl_lines(inbound, "in"))
                      + tuple(parse_nacl_lines(outbound, "out")))


def acl_lines(acl: NetworkAcl, direction: str) -> str:
    """The text lines for one direction of ``acl`` (the inverse of `parse_nacl_lines`)."""
    return "\n".join(e.describe() for e in acl.rules(direction))


def sg_lines(groups: Iterable[SecurityGroup], direction: str) -> str:
    """The text lines for one direction of ``groups`` (the inverse of `parse_sg_lines`)."""
    return "\n".join(f"{g.group_id} {r.describe()}" for g in groups for r in g.rules_for(direction))


# ---------------------------------------------------------------- boto3 shapes

def groups_from_boto3(described: Mapping | Sequence[Mapping]) -> list[SecurityGroup]:
    """Security groups from ``describe_security_groups()`` (the response or its list).

    Reads ``IpPermissions`` (inbound) and ``IpPermissionsEgress`` (outbound): one
    `SgRule` per CIDR or group a permission names. Prefix lists are left out.
    """
    items = described.get("SecurityGroups", []) if isinstance(described, Mapping) else described
    groups = []
    for g in items:
        gid = g["GroupId"]
        rules: list[SgRule] = []
        for key, direction in (("IpPermissions", "in"), ("IpPermissionsEgress", "out")):
            for k, perm in enumerate(g.get(key, []), 1):
                where = f"{gid} {_way(direction)} permission {k}"
                protocol = protocol_name(perm.get("IpProtocol", "-1"), where)
                low, high = ((perm.get("FromPort"), perm.get("ToPort")) if protocol in PORTED
                             else (None, None))
                peers = ([r["CidrIp"] for r in perm.get("IpRanges", [])]
                         + [r["CidrIpv6"] for r in perm.get("Ipv6Ranges", [])]
                         + [p["GroupId"] for p in perm.get("UserIdGroupPairs", [])])
                rules += [checked_rule(SgRule(direction, protocol, peer, low, high), where)
                          for peer in peers]
        groups.append(SecurityGroup(gid, tuple(rules), name=g.get("GroupName", "")))
    return groups


def acl_from_boto3(described: Mapping) -> NetworkAcl:
    """A NACL from one item of ``describe_network_acls()["NetworkAcls"]``.

    The deny-all entries numbered 32767 (IPv4) and 32768 (IPv6) are AWS's ``*`` rules,
    implied by `NetworkAcl`, so they are dropped; a custom NACL from moto, which has no
    entries at all, reads the same as one from AWS. Any other number outside 1–32766
    (moto stores one, AWS refuses it) is a `RuleError`.
    """
    entries = []
    for e in described.get("Entries", []):
        if e["RuleNumber"] in _STAR_NUMBERS and e["RuleAction"] == "deny" and e["Protocol"] == "-1":
            continue
        direction = "out" if e["Egress"] else "in"
        port_range = e.get("PortRange") or {}
        cidr = e.get("CidrBlock") or e.get("Ipv6CidrBlock")
        entries.append(NaclEntry(e["RuleNumber"], direction, e["RuleAction"],
                                 e["Protocol"], cidr, port_range.get("From"), port_range.get("To")))
    return checked_acl(NetworkAcl(described["NetworkAclId"], tuple(entries),
                                  is_default=bool(described.get("IsDefault"))))


# ---------------------------------------------------------------- scenarios

@dataclass(frozen=True)
class Scenario:
    """A ready-made packet, NACL and security groups, for the widget and the chapter."""

    key: str
    title: str
    packet: Packet
    acl: NetworkAcl
    groups: tuple[SecurityGroup, ...] = field(default=())


def scenarios() -> dict[str, Scenario]:
    """The preset scenarios, by key: web server, H5 rule order both ways, forgotten ephemeral ports, defaults."""
    client, web = "203.0.113.10", "10.0.1.10"
    https_in = Packet(client, web, "tcp", 443, "in", 50000)
    web_sg = SecurityGroup("sg-web", (SgRule("in", "tcp", ANYWHERE, 80, 80),
                                      SgRule("in", "tcp", ANYWHERE, 443, 443),
                                      SgRule("out", "all", ANYWHERE)), name="web")
    web_acl = NetworkAcl("acl-web", (
        NaclEntry(100, "in", "allow", "tcp", ANYWHERE, 80, 80),
        NaclEntry(110, "in", "allow", "tcp", ANYWHERE, 443, 443),
        NaclEntry(100, "out", "allow", "tcp", ANYWHERE, *EPHEMERAL)))
    forgot = NetworkAcl("acl-forgot", tuple(e for e in web_acl.entries if e.direction == "in")
                        + (NaclEntry(100, "out", "allow", "tcp", ANYWHERE, 80, 80),
                           NaclEntry(110, "out", "allow", "tcp", ANYWHERE, 443, 443)))
    blocked = "203.0.113.0/24"
    h5 = NetworkAcl("acl-h5", (NaclEntry(100, "in", "allow", "all", ANYWHERE),
                               NaclEntry(200, "in", "deny", "all", blocked),
                               NaclEntry(100, "out", "allow", "all", ANYWHERE)))
    h5_swapped = NetworkAcl("acl-h5-swapped", (NaclEntry(100, "in", "deny", "all", blocked),
                                               NaclEntry(200, "in", "allow", "all", ANYWHERE),
                                               NaclEntry(100, "out", "allow", "all", ANYWHERE)))
    http_in = Packet(client, web, "tcp", 80, "in", 50000)
    ssh_in = Packet(client, web, "tcp", 22, "in", 50000)
    found = [
        Scenario("web", _t("scenario_web"), https_in,
                 web_acl, (web_sg,)),
        Scenario("h5", _t("scenario_h5"), http_in,
                 h5, (web_sg,)),
        Scenario("h5-swapped", _t("scenario_h5-swapped"), http_in,
                 h5_swapped, (web_sg,)),
        Scenario("ephemeral", _t("scenario_ephemeral"), https_in,
                 forgot, (web_sg,)),
        Scenario("defaults", _t("scenario_defaults"),
                 ssh_in, default_network_acl(), (default_security_group(),)),
        Scenario("new-nacl", _t("scenario_new-nacl"), https_in,
                 new_network_acl(), (web_sg,)),
    ]
    return {s.key: s for s in found}


# ---------------------------------------------------------------- sourced figures

@dataclass(frozen=True)
class Quota:
    """One AWS default quota with where it comes from."""

    key: str
    name: str
    value: int
    adjustable: bool
    up_to: int | None
    note: str
    source: str
    checked: datetime.date
    source_date: str
    verified: bool


@dataclass(frozen=True)
class EphemeralRange:
    """The ports a kind of client picks its source port from, per AWS's NACL guide."""

    who: str
    low: int
    high: int


def vpc_quotas() -> dict[str, Quota]:
    """The SG and NACL quotas in ``data/vpc_quotas.toml``, by key."""
    data = _data("vpc_quotas.toml")["quotas"]
    return {k: Quota(k, q["name"], q["value"], q["adjustable"], q.get("up_to"), q["note"],
                     q["source"], q["checked"], q.get("source_date", ""), q["verified"])
            for k, q in data.items()}


def ephemeral_ranges() -> tuple[list[EphemeralRange], Mapping]:
    """The clients' ephemeral port ranges and the file's ``meta`` (source, checked, advice)."""
    data = _data("ephemeral_ports.toml")
    return [EphemeralRange(c["who"], c["from"], c["to"]) for c in data["client"]], data["meta"]


def _data(name: str) -> dict:
    return tomllib.loads((resources.files("course") / "data" / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- helpers

_VERB = {"allow": "allows", "deny": "denies"}


def _way(direction: str) -> str:
    return _t({"in": "inbound", "out": "outbound"}[direction]) if direction in ("in", "out") else str(direction)


def _ports_text(rule) -> str:
    if rule.protocol not in PORTED or rule.from_port is None:
        return "all"
    if (rule.from_port, rule.to_port) == (PORT_MIN, PORT_MAX):
        return "all"
    if rule.from_port == rule.to_port:
        return str(rule.from_port)
    return f"{rule.from_port}-{rule.to_port}"


def _parse_ports(text: str, where: str) -> tuple[int | None, int | None]:
    if text.lower() in ("all", "-", "*"):
        return None, None
    low, sep, high = text.partition("-")
    try:
        a, b = int(low), int(high) if sep else int(low)
    except ValueError:
        raise RuleError(_t("bad_ports", where=where, value=text), where=where) from None
    return a, b


def _checked_ports(protocol: str, low, high, where: str) -> tuple[int | None, int | None]:
    if protocol not in PORTED:
        return None, None  # AWS ignores ports for ICMP and "all"
    if low is None and high is None:
        return PORT_MIN, PORT_MAX
    low, high = (high if low is None else low), (low if high is None else high)
    for p in (low, high):
        if not isinstance(p, int) or isinstance(p, bool) or not PORT_MIN <= p <= PORT_MAX:
            raise RuleError(_t("port_outside", where=where, value=p, low=PORT_MIN, high=PORT_MAX), where=where)
    if low > high:
        raise RuleError(_t("backwards", where=where, low=low, high=high), where=where)
    return low, high


def _checked_cidr(cidr: object, where: str) -> str:
    try:
        return str(ipaddress.ip_network(str(cidr).strip(), strict=False))
    except ValueError:
        raise RuleError(_t("bad_cidr", where=where, value=cidr), where=where) from None


def _in_block(address: str, cidr: str) -> bool:
    ip, net = ipaddress.ip_address(address), ipaddress.ip_network(cidr)
    return ip.version == net.version and ip in net


def _protocol_miss(rule, packet: Packet) -> str | None:
    if rule.protocol != "all" and rule.protocol != packet.protocol:
        return _t("miss_protocol", protocol=packet.protocol, wanted=rule.protocol)
    if rule.protocol in PORTED and not rule.from_port <= packet.port <= rule.to_port:
        return _t("miss_port", port=packet.port, ports=_ports_text(rule))
    return None


def _nacl_miss(entry: NaclEntry, packet: Packet) -> str | None:
    # Inbound rules name the source, outbound rules the destination.
    miss = _protocol_miss(entry, packet)
    if miss:
        return miss
    if not _in_block(packet.peer, entry.cidr):
        return _t("miss_block", peer=packet.peer, block=entry.cidr)
    return None


def _sg_miss(rule: SgRule, packet: Packet) -> str | None:
    miss = _protocol_miss(rule, packet)
    if miss:
        return miss
    if rule.peer.startswith("sg-"):
        if rule.peer not in packet.peer_groups:
            return _t("miss_member", peer=packet.peer, group=rule.peer)
        return None
    if not _in_block(packet.peer, rule.peer):
        return _t("miss_block", peer=packet.peer, block=rule.peer)
    return None


def _lines(text: str):
    for n, raw in enumerate(str(text).splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if line:
            yield n, line


def _no_duplicates(entries: list[NaclEntry], direction: str) -> None:
    seen = set()
    for e in entries:
        if e.number in seen:
            where = _t("nacl_rule", way=_way(direction), n=e.number)
            raise RuleError(_t("number_twice", where=where, n=e.number, way=_way(direction)), where=where)
        seen.add(e.number)
