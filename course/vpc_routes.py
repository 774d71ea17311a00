"""Read VPC route tables: which table a subnet uses, where a packet goes, public or private.

A subnet is *public* when its route table sends ``0.0.0.0/0`` to an internet gateway; that
route, not a setting on the subnet, is the whole difference. (Amazon VPC User Guide,
"Subnet types", https://docs.aws.amazon.com/vpc/latest/userguide/configure-subnets.html,
checked 2026-12-02.) A subnet with no explicit association uses its VPC's main route table.

Input is what boto3's ``describe_route_tables`` returns, from AWS or from the sandbox.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from course import i18n

DEFAULT_ROUTE = "0.0.0.0/0"
# Route fields that name a target, in the order describe_route_tables fills them.
TARGET_FIELDS = ("GatewayId", "NatGatewayId", "TransitGatewayId", "VpcPeeringConnectionId",
                 "NetworkInterfaceId", "InstanceId", "VpcEndpointId", "EgressOnlyInternetGatewayId")


TEXT = {
    "en": {
        "no_table": "no route table is associated with {subnet} and {vpc} has no main route table in the list given",
        "no_target": "route {route} has no target",
        "isolated": "{rt} has no route for {default}: traffic can't leave the VPC for the internet",
        "public": "{rt} sends {default} to internet gateway {target}",
        "private": ("{rt} sends {default} to {target}, not to an internet gateway: connections can go "
                    "out, none can come in from the internet"),
        "not_ipv4": "{address} is not an IPv4 address",
        "no_route": "no route in {table} contains {ip}",
        "the_table": "the table",
    },
    "ko": {
        "no_table": "{subnet}에 연결된 라우팅 테이블이 없고, 주어진 목록에 {vpc}의 기본 라우팅 테이블(main route table)도 없습니다",
        "no_target": "라우트 {route}에 대상(target)이 없습니다",
        "isolated": "{rt}에 {default} 라우트가 없습니다: 트래픽이 VPC를 벗어나 인터넷으로 나갈 수 없습니다",
        "public": "{rt}은(는) {default}을(를) 인터넷 게이트웨이 {target}(으)로 보냅니다",
        "private": ("{rt}은(는) {default}을(를) 인터넷 게이트웨이가 아닌 {target}(으)로 보냅니다: 연결을 "
                    "밖으로 시작할 수는 있지만, 인터넷에서 들어오는 연결은 받을 수 없습니다"),
        "not_ipv4": "{address}은(는) IPv4 주소가 아닙니다",
        "no_route": "{table}에 {ip}을(를) 포함하는 라우트가 없습니다",
        "the_table": "라우팅 테이블",
    },
}


class RouteError(LookupError):
    """A route table, subnet or destination that can't be resolved; the message says which."""


@dataclass(frozen=True)
class Exposure:
    """How a subnet reaches the internet, decided by its route table.

    ``kind`` is ``"public"`` (default route to an internet gateway), ``"private"`` (default
    route to something else, e.g. a NAT gateway: outbound only) or ``"isolated"`` (no
    default route). ``target`` is the default route's target id, if any.
    """

    kind: str
    target: str | None
    route_table_id: str
    reason: str


@dataclass(frozen=True)
class Match:
    """The route a destination address takes: the most specific route that contains it."""

    destination: str
    target: str
    prefix: int


def route_table_of(route_tables: Sequence[Mapping], subnet_id: str, vpc_id: str) -> Mapping:
    """The route table a subnet uses: its explicit association, else its VPC's main table.

    Raises:
        RouteError: the VPC has no main route table among ``route_tables``.
    """
    for rt in route_tables:
        if any(a.get("SubnetId") == subnet_id for a in rt.get("Associations", [])):
            return rt
    for rt in route_tables:
        if rt.get("VpcId") == vpc_id and any(a.get("Main") for a in rt.get("Associations", [])):
            return rt
    raise RouteError(i18n.text(TEXT, "no_table", subnet=subnet_id, vpc=vpc_id))


def target_of(route: Mapping) -> str:
    """The id a route sends traffic to (``local``, ``igw-…``, ``nat-…``, ``pcx-…`` …)."""
    for field in TARGET_FIELDS:
        if route.get(field):
            return route[field]
    raise RouteError(i18n.text(TEXT, "no_target",
                               route=route.get('DestinationCidrBlock') or route.get('DestinationPrefixListId')))


def exposure(route_table: Mapping) -> Exposure:
    """Whether a route table makes its subnets public, private or isolated.

    >>> rt = {"RouteTableId": "rtb-1", "Routes": [
    ...     {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
    ...     {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1"}]}
    >>> exposure(rt).kind
    'public'
    """
    rt_id = route_table.get("RouteTableId", "?")
    default = [r for r in route_table.get("Routes", [])
               if r.get("DestinationCidrBlock") == DEFAULT_ROUTE and r.get("State", "active") == "active"]
    if not default:
        return Exposure("isolated", None, rt_id, i18n.phrase(TEXT, "isolated", rt=rt_id, default=DEFAULT_ROUTE))
    target = target_of(default[0])
    if target.startswith("igw-"):
        return Exposure("public", target, rt_id,
                        i18n.phrase(TEXT, "public", rt=rt_id, default=DEFAULT_ROUTE, target=target))
    return Exposure("private", target, rt_id,
                    i18n.phrase(TEXT, "private", rt=rt_id, default=DEFAULT_ROUTE, target=target))


def lookup(address: str, route_table: Mapping,
           prefix_lists: Mapping[str, Sequence[str]] | None = None) -> Match:
    """The route an IPv4 destination takes: longest prefix match over the table's routes.

    Args:
        address: the destination, e.g. ``"52.219.0.10"``.
        route_table: one table from ``describe_route_tables``.
        prefix_lists: CIDRs of each prefix list (``pl-…``) a route names, e.g. from
            ``describe_prefix_lists``; without them, prefix-list routes are skipped.
    Raises:
        RouteError: the address is not IPv4, or no route contains it.

    >>> rt = {"Routes": [{"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local"},
    ...                  {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1"}]}
    >>> lookup("10.0.3.7", rt).target, lookup("8.8.8.8", rt).target
    ('local', 'nat-1')
    """
    try:
        ip = ipaddress.IPv4Address(address.strip() if isinstance(address, str) else address)
    except (ipaddress.AddressValueError, ValueError, AttributeError):
        raise RouteError(i18n.text(TEXT, "not_ipv4", address=repr(address))) from None
    best: Match | None = None
    for route in route_table.get("Routes", []):
        for block in _blocks(route, prefix_lists or {}):
            net = ipaddress.IPv4Network(block, strict=False)
            if ip in net and (best is None or net.prefixlen > best.prefix):
                best = Match(block, target_of(route), net.prefixlen)
    if best is None:
        table = route_table.get("RouteTableId", i18n.text(TEXT, "the_table"))
        raise RouteError(i18n.text(TEXT, "no_route", table=table, ip=ip))
    return best


def _blocks(route: Mapping, prefix_lists: Mapping[str, Sequence[str]]) -> list[str]:
    if route.get("DestinationCidrBlock"):
        return [route["DestinationCidrBlock"]]
    return list(prefix_lists.get(route.get("DestinationPrefixListId", ""), []))
