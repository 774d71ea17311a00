"""IPv4 CIDR blocks as AWS VPCs see them: describe, split, join, check a plan.

Python's :mod:`ipaddress` does the arithmetic; this module adds strict parsing
with messages a learner can act on, and AWS's VPC rules.

AWS rules used here (checked 2026-11-27):

* VPC and subnet IPv4 blocks must be between /16 and /28; a subnet lies inside
  its VPC and must not overlap another subnet of that VPC.
  https://docs.aws.amazon.com/cli/latest/reference/ec2/create-subnet.html
* AWS reserves the first four and the last address of every subnet (network,
  VPC router, base + 2, future use, last address). The Amazon-provided DNS server
  is at base + 2 of the VPC's primary block only; in other subnets base + 2 is
  just reserved (checked 2026-12-02).
  https://docs.aws.amazon.com/vpc/latest/userguide/subnet-sizing.html
* AWS recommends a VPC block from the RFC 1918 private ranges.
  https://docs.aws.amazon.com/vpc/latest/userguide/vpc-cidr-blocks.html
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from itertools import combinations

from course.i18n import text as _text

AWS_LARGEST_PREFIX = 16
AWS_SMALLEST_PREFIX = 28
AWS_RESERVED_COUNT = 5
# What a learner typing a block reads when it cannot be used (the widgets show these).
TEXT = {
    "en": {
        "not_text": "{value!r} is not text; write a CIDR block such as '10.0.0.0/16'",
        "empty": "The CIDR block is empty; write one such as '10.0.0.0/16'",
        "no_prefix": "'{text}' has no prefix length; write address/prefix, e.g. '{text}/24'",
        "host_bits": "'{text}' has host bits set; the /{prefix} network that contains {address} is {meant}. Did you mean {meant}?",
        "octet_count": "'{shown}': expected 4 octets separated by dots, found {n}",
        "octet_syntax": "'{shown}': octet {n} is '{part}'; each octet is a number 0–255",
        "octet_range": "'{shown}': octet {n} is {number}; each octet must be 0–255",
        "leading_zero": "'{shown}': octet {n} is '{part}'; leading zeros are not allowed (write {number})",
        "split_range": "cannot split {net} into /{prefix}: a prefix is a whole number 0–32",
        "split_larger": "cannot split {net} into /{prefix} blocks: /{prefix} is larger than /{own}; pick a prefix from /{own} to /32",
        "too_many": "splitting {net} into /{prefix} makes {count:,} blocks; the limit here is {limit:,}",
        "split_count": "cannot split {net} into {n!r} blocks: give a whole number ≥ 1",
        "power_of_two": "cannot split {net} into {n} equal CIDR blocks: a block halves, so the count must be a power of two; use {power} and leave {spare} spare",
        "too_small": "cannot split {net} into {n} blocks: it has only {addresses} addresses",
        "join_empty": "nothing to join: give two or more blocks",
        "join_overlap": "cannot join: {a} and {b} overlap",
        "not_mergeable": "cannot join {blocks}: they are not one CIDR block. The smallest block containing them is {cover}, which also needs {missing}",
        "prefix_syntax": "'{whole}': the prefix '/{text}' is not a number; an IPv4 prefix is /0 to /32",
        "prefix_range": "'{whole}': prefix /{prefix} is out of range; an IPv4 prefix is /0 to /32",
        "ipv6": "'{cidr}' is IPv6; this planner handles IPv4 blocks only (write one such as '10.0.0.0/16')",
        "rule_vpc-size": "AWS allows a VPC block between /16 and /28.",
        "rule_subnet-size": "AWS allows a subnet block between /16 and /28 (a /28 has 11 usable addresses).",
        "rule_outside-vpc": "A subnet's block must lie inside its VPC's block.",
        "rule_overlap": "Subnets in one VPC must not overlap.",
        "role_network": "network address",
        "role_router": "reserved by AWS for the VPC router",
        "role_base2": "reserved by AWS (base + 2); the Amazon-provided DNS server is at base + 2 of the VPC's primary block only",
        "role_future": "reserved by AWS for future use",
        "role_dns": "the Amazon-provided DNS server (base of the VPC's primary block + 2)",
        "role_not_dns": "reserved by AWS (base + 2); not the DNS server, which is at base + 2 of the VPC's primary block",
        "role_last": "last address (VPCs don't support broadcast, so AWS reserves it)",
        "subnet_named": "subnet '{name}'",
        "subnet_prefix": "subnet ",
        "vpc": "VPC",
        "subnet": "subnet",
        "not_cidr": "not a CIDR block",
        "outside": "{lead}{net} is not inside the VPC block {inside}; a subnet's block must be a subset of its VPC's",
        "outside_short": "outside the VPC",
        "or": " or ",
        "overlaps": "{s1} ({a}) overlaps {s2} ({b}); subnets in one VPC must not overlap",
        "overlaps_short": "overlaps {other}",
        "larger": "{net} is larger than /{limit} ({n:,} addresses); AWS allows a {what} block between /16 and /28",
        "smaller": "{net} is smaller than /{limit}, the smallest {what} block AWS allows (between /16 and /28)",
        "larger_short": "larger than /{limit}",
        "smaller_short": "smaller than /{limit}",
        "vpc_or_subnet": "VPC or subnet",
    },
    "ko": {
        "not_text": "{value!r}은(는) 텍스트가 아닙니다. '10.0.0.0/16' 같은 CIDR 블록을 쓰세요",
        "empty": "CIDR 블록이 비어 있습니다. '10.0.0.0/16' 같은 블록을 쓰세요",
        "no_prefix": "'{text}'에 접두사 길이가 없습니다. 주소/접두사 형식으로 쓰세요. 예: '{text}/24'",
        "host_bits": "'{text}'에 호스트 비트가 켜져 있습니다. {address}을(를) 포함하는 /{prefix} 네트워크는 {meant}입니다. {meant}을(를) 뜻했나요?",
        "octet_count": "'{shown}': 점으로 구분된 옥텟 4개가 있어야 하는데 {n}개입니다",
        "octet_syntax": "'{shown}': {n}번째 옥텟이 '{part}'입니다. 옥텟은 0–255 사이의 숫자입니다",
        "octet_range": "'{shown}': {n}번째 옥텟이 {number}입니다. 옥텟은 0–255여야 합니다",
        "leading_zero": "'{shown}': {n}번째 옥텟이 '{part}'입니다. 앞에 0을 붙일 수 없습니다 ({number}로 쓰세요)",
        "split_range": "{net}을(를) /{prefix}로 나눌 수 없습니다: 접두사는 0–32 사이의 정수입니다",
        "split_larger": "{net}을(를) /{prefix} 블록으로 나눌 수 없습니다: /{prefix}는 /{own}보다 큽니다. /{own}에서 /32 사이의 접두사를 고르세요",
        "too_many": "{net}을(를) /{prefix}로 나누면 블록이 {count:,}개가 됩니다. 여기서 한도는 {limit:,}개입니다",
        "split_count": "{net}을(를) {n!r}개 블록으로 나눌 수 없습니다: 1 이상의 정수를 주세요",
        "power_of_two": "{net}을(를) 같은 크기의 CIDR 블록 {n}개로 나눌 수 없습니다: 블록은 반씩 나뉘므로 개수는 2의 거듭제곱이어야 합니다. {power}개로 나누고 {spare}개를 남겨 두세요",
        "too_small": "{net}을(를) {n}개 블록으로 나눌 수 없습니다: 주소가 {addresses}개뿐입니다",
        "join_empty": "합칠 것이 없습니다: 블록을 두 개 이상 주세요",
        "join_overlap": "합칠 수 없습니다: {a}와(과) {b}가 겹칩니다",
        "not_mergeable": "{blocks}을(를) 합칠 수 없습니다: 하나의 CIDR 블록이 되지 않습니다. 이들을 포함하는 가장 작은 블록은 {cover}이고, {missing}도 있어야 합니다",
        "prefix_syntax": "'{whole}': 접두사 '/{text}'가 숫자가 아닙니다. IPv4 접두사는 /0에서 /32입니다",
        "prefix_range": "'{whole}': 접두사 /{prefix}가 범위를 벗어났습니다. IPv4 접두사는 /0에서 /32입니다",
        "ipv6": "'{cidr}'은(는) IPv6입니다. 이 도구는 IPv4 블록만 다룹니다 ('10.0.0.0/16' 같은 블록을 쓰세요)",
        "rule_vpc-size": "AWS는 /16에서 /28 사이의 VPC 블록을 허용합니다.",
        "rule_subnet-size": "AWS는 /16에서 /28 사이의 서브넷 블록을 허용합니다 (/28의 사용 가능 주소는 11개).",
        "rule_outside-vpc": "서브넷 블록은 VPC 블록 안에 있어야 합니다.",
        "rule_overlap": "한 VPC의 서브넷은 서로 겹치면 안 됩니다.",
        "role_network": "네트워크 주소",
        "role_router": "AWS 예약: VPC 라우터",
        "role_base2": "AWS 예약 (base + 2). Amazon 제공 DNS 서버는 VPC 기본 블록의 base + 2에만 있음",
        "role_future": "AWS 예약: 향후 사용",
        "role_dns": "Amazon 제공 DNS 서버 (VPC 기본 블록의 base + 2)",
        "role_not_dns": "AWS 예약 (base + 2). DNS 서버는 아님: DNS 서버는 VPC 기본 블록의 base + 2에 있음",
        "role_last": "마지막 주소 (VPC는 브로드캐스트를 지원하지 않으므로 AWS가 예약)",
        "subnet_named": "서브넷 '{name}'",
        "subnet_prefix": "서브넷 ",
        "vpc": "VPC",
        "subnet": "서브넷",
        "not_cidr": "CIDR 블록이 아님",
        "outside": "{lead}{net}은(는) VPC 블록 {inside} 안에 있지 않습니다. 서브넷 블록은 VPC 블록의 일부여야 합니다",
        "outside_short": "VPC 밖",
        "or": " 또는 ",
        "overlaps": "{s1} ({a})이(가) {s2} ({b})와(과) 겹칩니다. 한 VPC의 서브넷은 겹치면 안 됩니다",
        "overlaps_short": "{other}와(과) 겹침",
        "larger": "{net}은(는) /{limit}보다 큽니다 (주소 {n:,}개). AWS는 /16에서 /28 사이의 {what} 블록을 허용합니다",
        "smaller": "{net}은(는) AWS가 허용하는 가장 작은 {what} 블록인 /{limit}보다 작습니다 (/16에서 /28 사이)",
        "larger_short": "/{limit}보다 큼",
        "smaller_short": "/{limit}보다 작음",
        "vpc_or_subnet": "VPC나 서브넷",
    },
}
# Each rule in one sentence, for a table that marks its rows with short notes.
RULES = {rule: TEXT["en"][f"rule_{rule}"] for rule in ("vpc-size", "subnet-size", "outside-vpc", "overlap")}


def rule_text(rule: str) -> str:
    """`RULES[rule]` in the current language ("" for a rule without a sentence)."""
    return _text(TEXT, f"rule_{rule}") if rule in RULES else ""

# Splits past this many blocks would only freeze a notebook.
MAX_BLOCKS = 65_536

RFC1918 = tuple(ipaddress.IPv4Network(n) for n in ("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"))

# Roles of the first four addresses of a subnet, then the last one, as the
# AWS subnet-sizing page names them. Base + 2 is the DNS server in one subnet only.
_ROLE_KEYS = ("role_network", "role_router", "role_base2", "role_future")
AWS_RESERVED_ROLES = tuple(TEXT["en"][k] for k in _ROLE_KEYS)
DNS_ROLE = TEXT["en"]["role_dns"]
NOT_DNS_ROLE = TEXT["en"]["role_not_dns"]
# Severity of a Violation: AWS rejects the call, or accepts it but it is bad practice
# or makes a later call fail.
REFUSED = "refused"
WARNING = "warning"
AWS_LAST_ROLE = TEXT["en"]["role_last"]


class CidrError(ValueError):
    """A CIDR block that cannot be used, with fields a widget can highlight.

    Attributes:
        input: the text or value that was given.
        rule: a short id of the rule broken, e.g. ``"host-bits"``, ``"octet-range"``.
        position: which part is wrong: octet index 0–3, ``"prefix"``, or ``None``.
        suggestion: the block that was probably meant (``"10.0.0.0/16"``), if any.
    """

    def __init__(self, message: str, *, input: object, rule: str,
                 position: int | str | None = None, suggestion: str | None = None):
        super().__init__(message)
        self.message = message
        self.input = input
        self.rule = rule
        self.position = position
        self.suggestion = suggestion


@dataclass(frozen=True)
class ReservedAddress:
    """One address AWS keeps for itself in a subnet."""

    address: str
    role: str


@dataclass(frozen=True)
class BlockFacts:
    """What :func:`describe` knows about one block.

    ``broadcast`` is ``None`` in AWS mode (VPCs have no broadcast) and for /31
    and /32. ``reserved`` is empty unless ``aws`` is true. ``warnings`` say where
    AWS would refuse the block as a VPC or subnet.
    """

    cidr: str
    network: str
    prefix: int
    netmask: str
    broadcast: str | None
    first_usable: str | None
    last_usable: str | None
    total: int
    usable: int
    bits: str
    binary: str
    is_private: bool
    private_range: str | None
    aws: bool
    reserved: tuple[ReservedAddress, ...] = ()
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class Violation:
    """One broken AWS rule in a VPC plan.

    Attributes:
        subject: ``"VPC"`` or ``"subnet 'public-a'"``.
        cidr: the block the rule is about.
        rule: short id: ``vpc-size``, ``subnet-size``, ``outside-vpc``, ``overlap``,
            or a :class:`CidrError` rule for text that is not a block at all.
        message: the sentence to show.
        position: index of the subnet in the input, ``None`` for the VPC.
        other: for ``overlap``, index of the other subnet of the pair.
        short: a few words for a table cell (``"smaller than /28"``); the rule
            itself, said once for the table, is ``RULES[rule]``.
        severity: ``"refused"`` when AWS rejects the call, ``"warning"`` when AWS
            accepts it but it is bad practice or makes a later call fail.
    """

    subject: str
    cidr: str
    rule: str
    message: str
    position: int | None = None
    other: int | None = None
    short: str = ""
    severity: str = REFUSED


def parse(cidr: object) -> ipaddress.IPv4Network:
    """Parse an IPv4 CIDR block strictly.

    Args:
        cidr: text such as ``"10.0.0.0/16"`` or an ``IPv4Network``.
    Returns:
        The network.
    Raises:
        CidrError: empty text, IPv6, a missing or out-of-range prefix, a bad
            octet, or host bits set (the message names the network meant).

    >>> parse("10.0.0.0/16").num_addresses
    65536
    """
    if isinstance(cidr, ipaddress.IPv4Network):
        return cidr
    if isinstance(cidr, ipaddress.IPv6Network):
        raise _ipv6_error(cidr)
    if not isinstance(cidr, str):
        raise CidrError(_text(TEXT, "not_text", value=cidr),
                        input=cidr, rule="type")
    text = cidr.strip()
    if not text:
        raise CidrError(_text(TEXT, "empty"),
                        input=cidr, rule="empty")
    if ":" in text:
        raise _ipv6_error(cidr)
    if "/" not in text:
        parse_address(text)  # a bad address is the more useful error
        raise CidrError(_text(TEXT, "no_prefix", text=text),
                        input=cidr, rule="no-prefix", position="prefix")
    address_text, _, prefix_text = text.partition("/")
    value = parse_address(address_text, whole=text)
    prefix = _parse_prefix(prefix_text, whole=text)
    network = ipaddress.IPv4Network((value, prefix), strict=False)
    if int(network.network_address) != value:
        meant = str(network)
        raise CidrError(_text(TEXT, "host_bits", text=text, prefix=prefix, address=address_text, meant=meant),
                        input=cidr, rule="host-bits", suggestion=meant)
    return network


def parse_address(text: str, *, whole: str | None = None) -> int:
    """Parse a dotted IPv4 address into its 32-bit integer, naming the bad octet.

    >>> parse_address("10.0.1.0")
    167772416
    """
    shown = whole if whole is not None else text
    parts = text.strip().split(".")
    if len(parts) != 4:
        raise CidrError(_text(TEXT, "octet_count", shown=shown, n=len(parts)),
                        input=shown, rule="octet-count")
    value = 0
    for index, part in enumerate(parts):
        if not part.isascii() or not part.isdigit():
            raise CidrError(_text(TEXT, "octet_syntax", shown=shown, n=index + 1, part=part),
                            input=shown, rule="octet-syntax", position=index)
        number = int(part)
        if number > 255:
            raise CidrError(_text(TEXT, "octet_range", shown=shown, n=index + 1, number=number),
                            input=shown, rule="octet-range", position=index)
        # Leading zeros read as octal in some tools (bpo-36384); refuse them.
        if len(part) > 1 and part[0] == "0":
            raise CidrError(_text(TEXT, "leading_zero", shown=shown, n=index + 1, part=part, number=number),
                            input=shown, rule="octet-syntax",
                            position=index)
        value = value * 256 + number
    return value


def network_of(address: str, prefix: int) -> str:
    """The /prefix network that contains an address (host bits cleared on purpose).

    >>> network_of("10.0.1.7", 16)
    '10.0.0.0/16'
    """
    value = parse_address(address)
    prefix = _parse_prefix(str(prefix), whole=f"{address}/{prefix}")
    return str(ipaddress.IPv4Network((value, prefix), strict=False))


def describe(cidr: object, aws: bool = False, vpc_primary: object | None = None) -> BlockFacts:
    """Facts about a block: range, counts, binary form, privacy, AWS reserved addresses.

    Args:
        cidr: the block, e.g. ``"10.0.0.0/24"``.
        aws: count it as an AWS VPC subnet (5 reserved addresses, no broadcast).
        vpc_primary: the primary block of the subnet's VPC, if known; then base + 2
            is named as the DNS server or as merely reserved.
    Returns:
        A :class:`BlockFacts`.
    Raises:
        CidrError: when ``cidr`` is not a valid IPv4 block (see :func:`parse`).

    >>> describe("10.0.0.0/24", aws=True).usable
    251
    >>> describe("10.0.0.0/24").usable
    254
    >>> describe("10.0.1.0/24", aws=True, vpc_primary="10.0.0.0/16").reserved[2].role.startswith("reserved")
    True
    """
    net = parse(cidr)
    total = net.num_addresses
    base = int(net.network_address)
    last = int(net.broadcast_address)
    private = next((r for r in RFC1918 if net.subnet_of(r)), None)
    reserved: tuple[ReservedAddress, ...] = ()
    warnings: tuple[str, ...] = ()
    if aws:
        dns = None if vpc_primary is None else int(parse(vpc_primary).network_address) + 2
        reserved = _aws_reserved(base, total, dns)
        usable = max(0, total - AWS_RESERVED_COUNT)
        first, final = (base + 4, last - 1) if usable else (None, None)
        broadcast = None
        warnings = tuple(_size_problems(net, _text(TEXT, "vpc_or_subnet")))
    elif net.prefixlen >= 31:
        # RFC 3021 point-to-point /31 and single-host /32: no network/broadcast pair.
        usable, first, final, broadcast = total, base, last, None
    else:
        usable, first, final = total - 2, base + 1, last - 1
        broadcast = str(net.broadcast_address)
    bits = format(base, "032b")
    return BlockFacts(
        cidr=str(net), network=str(net.network_address), prefix=net.prefixlen,
        netmask=str(net.netmask), broadcast=broadcast,
        first_usable=_ip(first), last_usable=_ip(final), total=total, usable=usable,
        bits=bits, binary=".".join(bits[i:i + 8] for i in range(0, 32, 8)),
        is_private=private is not None, private_range=str(private) if private else None,
        aws=aws, reserved=reserved, warnings=warnings,
    )


def aws_usable(cidr: object) -> int:
    """Addresses left for your resources in an AWS subnet: 2^(32−p) − 5.

    >>> [aws_usable(c) for c in ("10.0.0.0/16", "10.0.0.0/24", "10.0.0.0/28")]
    [65531, 251, 11]
    """
    return max(0, parse(cidr).num_addresses - AWS_RESERVED_COUNT)


def split(cidr: object, new_prefix: int) -> list[str]:
    """Split a block into equal blocks of a longer prefix, in address order.

    Raises:
        CidrError: ``new_prefix`` shorter than the block's, past /32, or more
            than 65,536 blocks.

    >>> split("10.0.0.0/24", 26)
    ['10.0.0.0/26', '10.0.0.64/26', '10.0.0.128/26', '10.0.0.192/26']
    """
    net = parse(cidr)
    if isinstance(new_prefix, bool) or not isinstance(new_prefix, int) or not 0 <= new_prefix <= 32:
        raise CidrError(_text(TEXT, "split_range", net=net, prefix=new_prefix),
                        input=new_prefix, rule="prefix-range", position="prefix")
    if new_prefix < net.prefixlen:
        raise CidrError(_text(TEXT, "split_larger", net=net, prefix=new_prefix, own=net.prefixlen),
                        input=new_prefix, rule="split-prefix", position="prefix")
    count = 2 ** (new_prefix - net.prefixlen)
    if count > MAX_BLOCKS:
        raise CidrError(_text(TEXT, "too_many", net=net, prefix=new_prefix, count=count, limit=MAX_BLOCKS),
                        input=new_prefix,
                        rule="too-many-blocks", position="prefix")
    return [str(n) for n in net.subnets(new_prefix=new_prefix)]


def split_into(cidr: object, n: int) -> list[str]:
    """Split a block into ``n`` equal blocks; ``n`` must be a power of two.

    Raises:
        CidrError: ``n`` is not a power of two (the message names the next one),
            or the blocks would be smaller than /32.

    >>> split_into("10.0.0.0/16", 4)
    ['10.0.0.0/18', '10.0.64.0/18', '10.0.128.0/18', '10.0.192.0/18']
    """
    net = parse(cidr)
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise CidrError(_text(TEXT, "split_count", net=net, n=n),
                        input=n, rule="split-count")
    extra_bits = (n - 1).bit_length()
    if 2 ** extra_bits != n:
        raise CidrError(_text(TEXT, "power_of_two", net=net, n=n, power=2 ** extra_bits, spare=2 ** extra_bits - n),
                        input=n, rule="split-count")
    if net.prefixlen + extra_bits > 32:
        raise CidrError(_text(TEXT, "too_small", net=net, n=n, addresses=net.num_addresses), input=n, rule="split-count")
    return split(net, net.prefixlen + extra_bits)


def join(blocks: Iterable[object]) -> str:
    """The one block that exactly covers the given blocks.

    Raises:
        CidrError: no blocks, two blocks overlap, or together they are not one
            aligned CIDR block (the message names the gap).

    >>> join(["10.0.0.0/25", "10.0.0.128/25"])
    '10.0.0.0/24'
    """
    nets = sorted({parse(b) for b in blocks})
    if not nets:
        raise CidrError(_text(TEXT, "join_empty"), input=[], rule="join-empty")
    # Sorted blocks nest or are disjoint, so any overlap shows between neighbours.
    for a, b in zip(nets, nets[1:]):
        if a.overlaps(b):
            raise CidrError(_text(TEXT, "join_overlap", a=a, b=b), input=[str(n) for n in nets],
                            rule="overlap")
    merged = list(ipaddress.collapse_addresses(nets))
    if len(merged) == 1:
        return str(merged[0])
    cover = smallest_cover(nets)
    missing = _missing(cover, nets)
    listed = ", ".join(str(m) for m in missing[:4]) + (" …" if len(missing) > 4 else "")
    raise CidrError(_text(TEXT, "not_mergeable", blocks=", ".join(map(str, nets)), cover=cover, missing=listed),
                    input=[str(n) for n in nets], rule="not-mergeable", suggestion=str(cover))


def smallest_cover(blocks: Iterable[object]) -> ipaddress.IPv4Network:
    """The smallest single block that contains every given block.

    >>> str(smallest_cover(["10.0.1.0/24", "10.0.2.0/24"]))
    '10.0.0.0/22'
    """
    nets = [parse(b) for b in blocks]
    low = min(int(n.network_address) for n in nets)
    high = max(int(n.broadcast_address) for n in nets)
    prefix = 32 - (low ^ high).bit_length()
    return ipaddress.IPv4Network((low, prefix), strict=False)


def overlaps(a: object, b: object) -> bool:
    """Whether two blocks share any address.

    >>> overlaps("10.0.0.0/16", "10.0.5.0/24"), overlaps("10.0.0.0/24", "10.0.1.0/24")
    (True, False)
    """
    return parse(a).overlaps(parse(b))


def check_vpc_plan(vpc_cidr: object | Iterable[object],
                   subnets: Mapping[str, object] | Iterable[object]) -> list[Violation]:
    """Every AWS rule a VPC plan breaks, all at once (an empty list means AWS accepts it).

    Args:
        vpc_cidr: the VPC's block, or all of its associated blocks.
        subnets: subnet blocks, or a mapping of subnet name to block.
    Returns:
        :class:`Violation` records in input order: VPC first, then each subnet,
        then overlapping pairs.

    >>> [v.rule for v in check_vpc_plan("10.0.0.0/16", ["10.0.0.0/24", "10.0.0.0/29"])]
    ['subnet-size', 'overlap']
    """
    found: list[Violation] = []
    vpc_inputs = [vpc_cidr] if isinstance(vpc_cidr, (str, ipaddress.IPv4Network)) else list(vpc_cidr)
    vpc_nets = []
    for raw in vpc_inputs:
        try:
            net = parse(raw)
        except CidrError as err:
            found.append(Violation("VPC", str(raw), err.rule, f"{_text(TEXT, 'vpc')}: {err.message}"))
            continue
        vpc_nets.append(net)
        found += [Violation("VPC", str(net), "vpc-size", f"{_text(TEXT, 'vpc')}: {p}", short=_size_short(net))
                  for p in _size_problems(net, _text(TEXT, "vpc"))]
    named = list(subnets.items()) if isinstance(subnets, Mapping) else [(None, s) for s in subnets]
    good: list[tuple[int, str, ipaddress.IPv4Network]] = []
    for index, (name, raw) in enumerate(named):
        prefix = _text(TEXT, "subnet_prefix")
        subject = _text(TEXT, "subnet_named", name=name) if name is not None else f"{prefix}{raw}"
        # "subnet 'web': 10.0.0.0/29 is …" when named, "subnet 10.0.0.0/29 is …" when not.
        lead = f"{subject}: " if name is not None else prefix
        try:
            net = parse(raw)
        except CidrError as err:
            found.append(Violation(subject, str(raw), err.rule, f"{subject}: {err.message}", index,
                                   short=_text(TEXT, "not_cidr")))
            continue
        found += [Violation(subject, str(net), "subnet-size", lead + p, index,
                            short=_size_short(net))
                  for p in _size_problems(net, _text(TEXT, "subnet"))]
        if vpc_nets and not any(net.subnet_of(v) for v in vpc_nets):
            inside = _text(TEXT, "or").join(str(v) for v in vpc_nets)
            found.append(Violation(subject, str(net), "outside-vpc",
                                   _text(TEXT, "outside", lead=lead, net=net, inside=inside), index,
                                   short=_text(TEXT, "outside_short")))
        good.append((index, subject, net))
    for (i, s1, a), (j, s2, b) in combinations(good, 2):
        if a.overlaps(b):
            found.append(Violation(s1, str(a), "overlap",
                                   _text(TEXT, "overlaps", s1=s1, a=a, s2=s2, b=b), i, other=j,
                                   short=_text(TEXT, "overlaps_short",
                                               other=s2.removeprefix(_text(TEXT, "subnet_prefix")))))
    return found


def short_notes(found: Iterable[Violation], count: int) -> list[list[str]]:
    """Short notes per subnet: ``count`` lists, an overlap noted on both of its subnets.

    >>> short_notes(check_vpc_plan("10.0.0.0/16", ["10.0.0.0/24", "10.0.0.0/25"]), 2)
    [['overlaps 10.0.0.0/25'], ['overlaps 10.0.0.0/24']]
    """
    notes: list[list[str]] = [[] for _ in range(count)]
    for v in found:
        if v.position is None or not 0 <= v.position < count:
            continue
        notes[v.position].append(v.short or v.message.split(": ", 1)[-1])
        if v.other is not None and 0 <= v.other < count:
            notes[v.other].append(_text(TEXT, "overlaps_short",
                                        other=v.subject.removeprefix(_text(TEXT, "subnet_prefix"))))
    return notes


def _size_problems(net: ipaddress.IPv4Network, what: str) -> list[str]:
    if net.prefixlen < AWS_LARGEST_PREFIX:
        return [_text(TEXT, "larger", net=net, limit=AWS_LARGEST_PREFIX, n=net.num_addresses, what=what)]
    if net.prefixlen > AWS_SMALLEST_PREFIX:
        return [_text(TEXT, "smaller", net=net, limit=AWS_SMALLEST_PREFIX, what=what)]
    return []


def _size_short(net: ipaddress.IPv4Network) -> str:
    if net.prefixlen < AWS_LARGEST_PREFIX:
        return _text(TEXT, "larger_short", limit=AWS_LARGEST_PREFIX)
    return _text(TEXT, "smaller_short", limit=AWS_SMALLEST_PREFIX)


def _aws_reserved(base: int, total: int, dns: int | None = None) -> tuple[ReservedAddress, ...]:
    roles = [_text(TEXT, k) for k in _ROLE_KEYS]
    if dns is not None:
        roles[2] = _text(TEXT, "role_dns" if base + 2 == dns else "role_not_dns")
    firsts = [ReservedAddress(str(ipaddress.IPv4Address(base + i)), role)
              for i, role in enumerate(roles[:total])]
    if total > len(AWS_RESERVED_ROLES):
        firsts.append(ReservedAddress(str(ipaddress.IPv4Address(base + total - 1)), _text(TEXT, "role_last")))
    return tuple(firsts)


def _missing(cover: ipaddress.IPv4Network, nets: list[ipaddress.IPv4Network]) -> list:
    pieces = [cover]
    for taken in nets:
        pieces = [part for p in pieces
                  for part in ((p,) if not p.overlaps(taken) else
                               () if p.subnet_of(taken) else p.address_exclude(taken))]
    return sorted(ipaddress.collapse_addresses(pieces))


def _parse_prefix(text: str, *, whole: str) -> int:
    text = text.strip()
    if not text.isascii() or not text.isdigit():
        raise CidrError(_text(TEXT, "prefix_syntax", whole=whole, text=text),
                        input=whole, rule="prefix-syntax", position="prefix")
    prefix = int(text)
    if prefix > 32:
        raise CidrError(_text(TEXT, "prefix_range", whole=whole, prefix=prefix),
                        input=whole, rule="prefix-range", position="prefix")
    return prefix


def _ipv6_error(cidr: object) -> CidrError:
    return CidrError(_text(TEXT, "ipv6", cidr=cidr), input=cidr, rule="ipv6")


def _ip(value: int | None) -> str | None:
    return None if value is None else str(ipaddress.IPv4Address(value))
