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

DEFAULT_ROUTE = "0.0.0.0/0"
# Route fields that name a target, in the order describe_route_tables fills them.
TARGET_FIELDS = ("GatewayId", "NatGatewayId", "TransitGatewayId", "VpcPeeringConnectionId",
                 "NetworkInterfaceId", "InstanceId", "VpcEndpointId", "EgressOnlyInternetGatewayId")


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
    raise RouteError(f"no route table is associated with {subnet_id} and {vpc_id} has no main "
                     f"route table in the list given")


def target_of(route: Mapping) -> str:
    """The id a route sends traffic to (``local``, ``igw-…``, ``nat-…``, ``pcx-…`` …)."""
    for field in TARGET_FIELDS:
        if route.get(field):
            return route[field]
    raise RouteError(f"route {route.get('DestinationCidrBlock') or route.get('DestinationPrefixListId')} "
                     f"has no target")


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
        return Exposure("isolated", None, rt_id, f"{rt_id} has no route for {DEFAULT_ROUTE}: "
                        "traffic can't leave the VPC for the internet")
    target = target_of(default[0])
    if target.startswith("igw-"):
        return Exposure("public", target, rt_id, f"{rt_id} sends {DEFAULT_ROUTE} to internet "
                        f"gateway {target}")
    return Exposure("private", target, rt_id, f"{rt_id} sends {DEFAULT_ROUTE} to {target}, not to "
                    "an internet gateway: connections can go out, none can come in from the internet")


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
        raise RouteError(f"{address!r} is not an IPv4 address") from None
    best: Match | None = None
    for route in route_table.get("Routes", []):
        for block in _blocks(route, prefix_lists or {}):
            net = ipaddress.IPv4Network(block, strict=False)
            if ip in net and (best is None or net.prefixlen > best.prefix):
                best = Match(block, target_of(route), net.prefixlen)
    if best is None:
        raise RouteError(f"no route in {route_table.get('RouteTableId', 'the table')} contains {ip}")
    return best


def _blocks(route: Mapping, prefix_lists: Mapping[str, Sequence[str]]) -> list[str]:
    if route.get("DestinationCidrBlock"):
        return [route["DestinationCidrBlock"]]
    return list(prefix_lists.get(route.get("DestinationPrefixListId", ""), []))
