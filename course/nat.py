"""Network address translation (NAT) as a router does it: rewrite, remember, map replies back.

Three kinds, and where AWS uses them:

* **static NAT**: one private address is tied to one public address for good. An internet
  gateway does this for an instance that has a public IPv4 address: the instance itself only
  knows its private address.
* **dynamic NAT**: private addresses borrow public addresses from a pool, one each, while
  they talk. When the pool is used up, the next host has to wait.
* **PAT** (port address translation; also NAPT or "IP masquerade"): many private addresses
  share one public address, told apart by the source port the router picks. A NAT gateway
  or a NAT instance does this. A reply finds its way back through the table; a packet that
  nobody inside asked for matches no entry and is dropped.

The functions here are pure: they take packets, return the rewritten packets and the
translation table, and never touch a network.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

KINDS = ("static", "dynamic", "pat")
# PAT hands out source ports from here up; lower ports are the well-known ones.
FIRST_PAT_PORT = 1024


class NatError(ValueError):
    """A packet or a NAT setting that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class Endpoint:
    """One end of a connection: an IPv4 address and a port."""

    ip: str
    port: int

    def __str__(self) -> str:
        return f"{self.ip}:{self.port}"


@dataclass(frozen=True)
class Packet:
    """A packet's source and destination, which is all NAT rewrites."""

    src: Endpoint
    dst: Endpoint

    def __str__(self) -> str:
        return f"{self.src} → {self.dst}"


@dataclass(frozen=True)
class Translation:
    """One row of a NAT table: the inside endpoint and what the outside world sees."""

    inside: Endpoint
    outside: Endpoint
    remote: Endpoint | None = None  # PAT remembers whom the flow went to


@dataclass(frozen=True)
class Rewrite:
    """What NAT did to one packet: ``after`` is ``None`` when the packet was dropped."""

    before: Packet
    after: Packet | None
    note: str


@dataclass(frozen=True)
class NatTable:
    """The translations a NAT device holds after some traffic."""

    kind: str
    entries: tuple[Translation, ...]


def packet(text: str) -> Packet:
    """A packet from text such as ``"10.0.1.5:40001 -> 93.184.216.34:443"``.

    Raises:
        NatError: the text is not ``ip:port -> ip:port`` with IPv4 addresses and ports 0–65535.

    >>> str(packet("10.0.1.5:40001 -> 93.184.216.34:443"))
    '10.0.1.5:40001 → 93.184.216.34:443'
    """
    if not isinstance(text, str):
        raise NatError(f"{text!r} is not text; write a packet as 'ip:port -> ip:port'")
    parts = text.replace("→", "->").split("->")
    if len(parts) != 2:
        raise NatError(f"'{text}': write a packet as 'source ip:port -> destination ip:port'")
    return Packet(_endpoint(parts[0], text, "source"), _endpoint(parts[1], text, "destination"))


def outbound(kind: str, packets: Iterable[Packet | str], public: str | Sequence[str] | Mapping[str, str],
             *, first_port: int = FIRST_PAT_PORT) -> tuple[list[Rewrite], NatTable]:
    """Rewrite packets leaving the private network; return the rewrites and the table.

    Args:
        kind: ``"static"``, ``"dynamic"`` or ``"pat"``.
        packets: packets (or their text, see :func:`packet`) in the order they leave.
        public: for static NAT, a mapping private → public address; for dynamic NAT,
            the pool of public addresses; for PAT, the one public address.
        first_port: the first source port PAT hands out.
    Raises:
        NatError: an unknown kind, a malformed packet or address (the message names it).

    >>> rewrites, table = outbound("pat", ["10.0.1.5:40001 -> 8.8.8.8:53",
    ...                                     "10.0.2.9:40001 -> 8.8.8.8:53"], "3.34.0.10")
    >>> [str(r.after.src) for r in rewrites]
    ['3.34.0.10:1024', '3.34.0.10:1025']
    """
    if kind not in KINDS:
        raise NatError(f"NAT kind {kind!r} is not one of {', '.join(KINDS)}")
    items = [p if isinstance(p, Packet) else packet(p) for p in packets]
    if kind == "static":
        return _static(items, _mapping(public))
    if kind == "dynamic":
        return _dynamic(items, _pool(public))
    return _pat(items, _one_address(public), first_port)


def inbound(table: NatTable, arriving: Packet | str) -> Rewrite:
    """What the NAT device does with a packet arriving from outside.

    Static NAT forwards anything sent to a mapped public address (which is why an instance
    with a public IPv4 address can be reached from the internet). Dynamic NAT forwards to a
    host while it holds a pool address. PAT forwards only a reply: the packet must come from
    the remote end of a flow in the table and arrive at that flow's public port.
    """
    p = arriving if isinstance(arriving, Packet) else packet(arriving)
    if table.kind == "pat":
        for t in table.entries:
            if p.dst == t.outside and p.src == t.remote:
                return Rewrite(p, Packet(p.src, t.inside), f"reply to {t.inside}: sent in")
        return Rewrite(p, None, "no flow in the table matches: dropped (nobody inside asked for it)")
    for t in table.entries:
        if p.dst.ip == t.outside.ip:
            return Rewrite(p, Packet(p.src, Endpoint(t.inside.ip, p.dst.port)),
                           f"{t.outside.ip} maps to {t.inside.ip}: sent in")
    return Rewrite(p, None, f"{p.dst.ip} maps to no inside address: dropped")


def _static(items: list[Packet], mapping: dict[str, str]) -> tuple[list[Rewrite], NatTable]:
    rewrites = []
    for p in items:
        public = mapping.get(p.src.ip)
        if public is None:
            rewrites.append(Rewrite(p, None, f"{p.src.ip} has no public address: dropped"))
            continue
        rewrites.append(Rewrite(p, Packet(Endpoint(public, p.src.port), p.dst),
                                f"{p.src.ip} is always {public}"))
    entries = tuple(Translation(Endpoint(a, 0), Endpoint(b, 0)) for a, b in mapping.items())
    return rewrites, NatTable("static", entries)


def _dynamic(items: list[Packet], pool: list[str]) -> tuple[list[Rewrite], NatTable]:
    given: dict[str, str] = {}
    rewrites = []
    for p in items:
        if p.src.ip not in given:
            free = [a for a in pool if a not in given.values()]
            if not free:
                size = f"{len(pool)} address" + ("" if len(pool) == 1 else "es")
                rewrites.append(Rewrite(p, None, f"pool used up ({size}): dropped"))
                continue
            given[p.src.ip] = free[0]
            note = f"{p.src.ip} borrows {free[0]} from the pool"
        else:
            note = f"{p.src.ip} still holds {given[p.src.ip]}"
        rewrites.append(Rewrite(p, Packet(Endpoint(given[p.src.ip], p.src.port), p.dst), note))
    entries = tuple(Translation(Endpoint(a, 0), Endpoint(b, 0)) for a, b in given.items())
    return rewrites, NatTable("dynamic", entries)


def _pat(items: list[Packet], public: str, first_port: int) -> tuple[list[Rewrite], NatTable]:
    if isinstance(first_port, bool) or not isinstance(first_port, int) or not 1 <= first_port <= 65535:
        raise NatError(f"first_port {first_port!r} is not a port 1–65535")
    flows: dict[tuple[Endpoint, Endpoint], Translation] = {}
    rewrites = []
    for p in items:
        t = flows.get((p.src, p.dst))
        if t is None:
            port = first_port + len(flows)
            if port > 65535:
                rewrites.append(Rewrite(p, None, "no free port left on the public address: dropped"))
                continue
            t = flows[(p.src, p.dst)] = Translation(p.src, Endpoint(public, port), p.dst)
            note = f"new flow: {p.src} gets public port {port}"
        else:
            note = f"same flow: {p.src} keeps public port {t.outside.port}"
        rewrites.append(Rewrite(p, Packet(t.outside, p.dst), note))
    return rewrites, NatTable("pat", tuple(flows.values()))


def _endpoint(text: str, whole: str, side: str) -> Endpoint:
    ip_text, sep, port_text = text.strip().rpartition(":")
    if not sep:
        raise NatError(f"'{whole}': the {side} '{text.strip()}' has no ':port'")
    ip = _address(ip_text, f"'{whole}': the {side} address")
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise NatError(f"'{whole}': the {side} port '{port_text}' is not a number 0–65535")
    return Endpoint(ip, int(port_text))


def _address(text: object, where: str) -> str:
    try:
        return str(ipaddress.IPv4Address(str(text).strip()))
    except ipaddress.AddressValueError:
        raise NatError(f"{where} '{text}' is not an IPv4 address") from None


def _mapping(public) -> dict[str, str]:
    if not isinstance(public, Mapping):
        raise NatError("static NAT needs a mapping of private to public addresses, "
                       "e.g. {'10.0.0.5': '3.34.0.10'}")
    out = {_address(a, "private address"): _address(b, f"public address for {a}") for a, b in public.items()}
    taken = [b for b in out.values()]
    if len(set(taken)) != len(taken):
        raise NatError("static NAT maps each public address to one private address; one is used twice")
    return out


def _pool(public) -> list[str]:
    if isinstance(public, (str, Mapping)) or not isinstance(public, Sequence):
        raise NatError("dynamic NAT needs a pool: a list of public addresses")
    return [_address(a, "pool address") for a in public]


def _one_address(public) -> str:
    if not isinstance(public, str):
        raise NatError("PAT shares one public address; give it as text, e.g. '3.34.0.10'")
    return _address(public, "public address")
