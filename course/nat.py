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

from course.i18n import text as _text

TEXT = {
    "en": {
        "not_text": "{value!r} is not text; write a packet as 'ip:port -> ip:port'",
        "arrow": "'{text}': write a packet as 'source ip:port -> destination ip:port'",
        "source": "source",
        "destination": "destination",
        "bad_kind": "NAT kind {kind!r} is not one of {kinds}",
        "reply_in": "reply to {inside}: sent in",
        "no_flow": "no flow in the table matches: dropped (nobody inside asked for it)",
        "maps_in": "{outside} maps to {inside}: sent in",
        "maps_none": "{ip} maps to no inside address: dropped",
        "no_public": "{ip} has no public address: dropped",
        "always": "{ip} is always {public}",
        "pool_size": "{n} address",
        "pool_sizes": "{n} addresses",
        "pool_used_up": "pool used up ({size}): dropped",
        "borrows": "{ip} borrows {public} from the pool",
        "holds": "{ip} still holds {public}",
        "bad_first_port": "first_port {value!r} is not a port 1–65535",
        "no_port_left": "no free port left on the public address: dropped",
        "new_flow": "new flow: {src} gets public port {port}",
        "same_flow": "same flow: {src} keeps public port {port}",
        "no_port": "'{whole}': the {side} '{text}' has no ':port'",
        "side_address": "'{whole}': the {side} address",
        "bad_port": "'{whole}': the {side} port '{port}' is not a number 0–65535",
        "not_ipv4": "{where} '{text}' is not an IPv4 address",
        "needs_mapping": "static NAT needs a mapping of private to public addresses, e.g. {example}",
        "private_address": "private address",
        "public_for": "public address for {ip}",
        "used_twice": "static NAT maps each public address to one private address; one is used twice",
        "needs_pool": "dynamic NAT needs a pool: a list of public addresses",
        "pool_address": "pool address",
        "needs_one": "PAT shares one public address; give it as text, e.g. '3.34.0.10'",
        "public_address": "public address",
    },
    "ko": {
        "not_text": "{value!r}은(는) 텍스트가 아닙니다. 패킷은 'ip:port -> ip:port' 형식으로 쓰세요",
        "arrow": "'{text}': 패킷은 '출발지 ip:port -> 목적지 ip:port' 형식으로 쓰세요",
        "source": "출발지",
        "destination": "목적지",
        "bad_kind": "NAT 종류 {kind!r}은(는) {kinds} 중 하나가 아닙니다",
        "reply_in": "{inside}로 가는 응답: 안으로 전달",
        "no_flow": "테이블에 맞는 흐름이 없음: 버림 (안쪽의 누구도 요청하지 않음)",
        "maps_in": "{outside}은(는) {inside}에 매핑됨: 안으로 전달",
        "maps_none": "{ip}에 매핑된 안쪽 주소가 없음: 버림",
        "no_public": "{ip}에는 퍼블릭 주소가 없음: 버림",
        "always": "{ip}은(는) 항상 {public}",
        "pool_size": "주소 {n}개",
        "pool_sizes": "주소 {n}개",
        "pool_used_up": "풀이 다 찼음 ({size}): 버림",
        "borrows": "{ip}이(가) 풀에서 {public}을(를) 빌림",
        "holds": "{ip}이(가) 아직 {public}을(를) 가지고 있음",
        "bad_first_port": "first_port {value!r}은(는) 1–65535 범위의 포트가 아닙니다",
        "no_port_left": "퍼블릭 주소에 남은 포트가 없음: 버림",
        "new_flow": "새 흐름: {src}에 퍼블릭 포트 {port} 배정",
        "same_flow": "같은 흐름: {src}이(가) 퍼블릭 포트 {port}을(를) 계속 사용",
        "no_port": "'{whole}': {side} '{text}'에 ':port'가 없습니다",
        "side_address": "'{whole}': {side} 주소",
        "bad_port": "'{whole}': {side} 포트 '{port}'은(는) 0–65535 사이의 숫자가 아닙니다",
        "not_ipv4": "{where} '{text}'은(는) IPv4 주소가 아닙니다",
        "needs_mapping": "정적 NAT에는 프라이빗 주소와 퍼블릭 주소의 매핑이 필요합니다. 예: {example}",
        "private_address": "프라이빗 주소",
        "public_for": "{ip}의 퍼블릭 주소",
        "used_twice": "정적 NAT는 퍼블릭 주소 하나를 프라이빗 주소 하나에 매핑합니다. 한 주소가 두 번 쓰였습니다",
        "needs_pool": "동적 NAT에는 풀, 즉 퍼블릭 주소 목록이 필요합니다",
        "pool_address": "풀 주소",
        "needs_one": "PAT는 퍼블릭 주소 하나를 나눠 씁니다. 텍스트로 주세요. 예: '3.34.0.10'",
        "public_address": "퍼블릭 주소",
    },
}

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
        raise NatError(_text(TEXT, "not_text", value=text))
    parts = text.replace("→", "->").split("->")
    if len(parts) != 2:
        raise NatError(_text(TEXT, "arrow", text=text))
    return Packet(_endpoint(parts[0], text, _text(TEXT, "source")), _endpoint(parts[1], text, _text(TEXT, "destination")))


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
        raise NatError(_text(TEXT, "bad_kind", kind=kind, kinds=", ".join(KINDS)))
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
                return Rewrite(p, Packet(p.src, t.inside), _text(TEXT, "reply_in", inside=t.inside))
        return Rewrite(p, None, _text(TEXT, "no_flow"))
    for t in table.entries:
        if p.dst.ip == t.outside.ip:
            return Rewrite(p, Packet(p.src, Endpoint(t.inside.ip, p.dst.port)),
                           _text(TEXT, "maps_in", outside=t.outside.ip, inside=t.inside.ip))
    return Rewrite(p, None, _text(TEXT, "maps_none", ip=p.dst.ip))


def _static(items: list[Packet], mapping: dict[str, str]) -> tuple[list[Rewrite], NatTable]:
    rewrites = []
    for p in items:
        public = mapping.get(p.src.ip)
        if public is None:
            rewrites.append(Rewrite(p, None, _text(TEXT, "no_public", ip=p.src.ip)))
            continue
        rewrites.append(Rewrite(p, Packet(Endpoint(public, p.src.port), p.dst),
                                _text(TEXT, "always", ip=p.src.ip, public=public)))
    entries = tuple(Translation(Endpoint(a, 0), Endpoint(b, 0)) for a, b in mapping.items())
    return rewrites, NatTable("static", entries)


def _dynamic(items: list[Packet], pool: list[str]) -> tuple[list[Rewrite], NatTable]:
    given: dict[str, str] = {}
    rewrites = []
    for p in items:
        if p.src.ip not in given:
            free = [a for a in pool if a not in given.values()]
            if not free:
                size = _text(TEXT, "pool_size" if len(pool) == 1 else "pool_sizes", n=len(pool))
                rewrites.append(Rewrite(p, None, _text(TEXT, "pool_used_up", size=size)))
                continue
            given[p.src.ip] = free[0]
            note = _text(TEXT, "borrows", ip=p.src.ip, public=free[0])
        else:
            note = _text(TEXT, "holds", ip=p.src.ip, public=given[p.src.ip])
        rewrites.append(Rewrite(p, Packet(Endpoint(given[p.src.ip], p.src.port), p.dst), note))
    entries = tuple(Translation(Endpoint(a, 0), Endpoint(b, 0)) for a, b in given.items())
    return rewrites, NatTable("dynamic", entries)


def _pat(items: list[Packet], public: str, first_port: int) -> tuple[list[Rewrite], NatTable]:
    if isinstance(first_port, bool) or not isinstance(first_port, int) or not 1 <= first_port <= 65535:
        raise NatError(_text(TEXT, "bad_first_port", value=first_port))
    flows: dict[tuple[Endpoint, Endpoint], Translation] = {}
    rewrites = []
    for p in items:
        t = flows.get((p.src, p.dst))
        if t is None:
            port = first_port + len(flows)
            if port > 65535:
                rewrites.append(Rewrite(p, None, _text(TEXT, "no_port_left")))
                continue
            t = flows[(p.src, p.dst)] = Translation(p.src, Endpoint(public, port), p.dst)
            note = _text(TEXT, "new_flow", src=p.src, port=port)
        else:
            note = _text(TEXT, "same_flow", src=p.src, port=t.outside.port)
        rewrites.append(Rewrite(p, Packet(t.outside, p.dst), note))
    return rewrites, NatTable("pat", tuple(flows.values()))


def _endpoint(text: str, whole: str, side: str) -> Endpoint:
    ip_text, sep, port_text = text.strip().rpartition(":")
    if not sep:
        raise NatError(_text(TEXT, "no_port", whole=whole, side=side, text=text.strip()))
    ip = _address(ip_text, _text(TEXT, "side_address", whole=whole, side=side))
    if not port_text.isdigit() or not 0 <= int(port_text) <= 65535:
        raise NatError(_text(TEXT, "bad_port", whole=whole, side=side, port=port_text))
    return Endpoint(ip, int(port_text))


def _address(text: object, where: str) -> str:
    try:
        return str(ipaddress.IPv4Address(str(text).strip()))
    except ipaddress.AddressValueError:
        raise NatError(_text(TEXT, "not_ipv4", where=where, text=text)) from None


def _mapping(public) -> dict[str, str]:
    if not isinstance(public, Mapping):
        raise NatError(_text(TEXT, "needs_mapping", example="{'10.0.0.5': '3.34.0.10'}"))
    out = {_address(a, _text(TEXT, "private_address")): _address(b, _text(TEXT, "public_for", ip=a)) for a, b in public.items()}
    taken = [b for b in out.values()]
    if len(set(taken)) != len(taken):
        raise NatError(_text(TEXT, "used_twice"))
    return out


def _pool(public) -> list[str]:
    if isinstance(public, (str, Mapping)) or not isinstance(public, Sequence):
        raise NatError(_text(TEXT, "needs_pool"))
    return [_address(a, _text(TEXT, "pool_address")) for a in public]


def _one_address(public) -> str:
    if not isinstance(public, str):
        raise NatError(_text(TEXT, "needs_one"))
    return _address(public, _text(TEXT, "public_address"))
