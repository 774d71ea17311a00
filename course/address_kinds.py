"""Is an IPv4 address public or private? The special-purpose blocks an address can fall in.

A public address is unique on the internet; a private one (RFC 1918) is reused inside
every home and company network and never routed on the internet. A few more blocks
are neither: loopback, link-local (where AWS's instance metadata service lives),
carrier-grade NAT, multicast and so on. The table follows IANA's IPv4 Special-Purpose
Address Registry (https://www.iana.org/assignments/iana-ipv4-special-registry/)::

    >>> classify("172.31.0.10").kind
    'private'
    >>> classify("8.8.8.8").kind
    'public'
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from course.cidr import CidrError, parse_address
from course.i18n import text as _text

TEXT = {
    "en": {
        "not_text": "{value!r} is not text; write an address like '10.0.0.7'",
        "block": "'{text}' is a block; give one address without a /prefix",
    },
    "ko": {
        "not_text": "{value!r}은(는) 텍스트가 아닙니다. '10.0.0.7' 같은 주소를 쓰세요",
        "block": "'{text}'은(는) 블록입니다. /접두사 없이 주소 하나를 주세요",
    },
}

# (block, kind, standard), most specific first: the first block that holds the address wins.
SPECIAL_BLOCKS = (
    ("255.255.255.255/32", "broadcast", "RFC 919"),
    ("0.0.0.0/8", "this-network", "RFC 1122"),
    ("10.0.0.0/8", "private", "RFC 1918"),
    ("100.64.0.0/10", "shared", "RFC 6598"),
    ("127.0.0.0/8", "loopback", "RFC 1122"),
    ("169.254.0.0/16", "link-local", "RFC 3927"),
    ("172.16.0.0/12", "private", "RFC 1918"),
    ("192.0.0.0/24", "reserved", "RFC 6890"),
    ("192.0.2.0/24", "documentation", "RFC 5737"),
    ("192.168.0.0/16", "private", "RFC 1918"),
    ("198.18.0.0/15", "benchmarking", "RFC 2544"),
    ("198.51.100.0/24", "documentation", "RFC 5737"),
    ("203.0.113.0/24", "documentation", "RFC 5737"),
    ("224.0.0.0/4", "multicast", "RFC 5771"),
    ("240.0.0.0/4", "reserved", "RFC 1112"),
)
_BLOCKS = tuple((ipaddress.IPv4Network(b), kind, std) for b, kind, std in SPECIAL_BLOCKS)
KINDS = tuple(dict.fromkeys(kind for _, kind, _ in SPECIAL_BLOCKS)) + ("public",)


@dataclass(frozen=True)
class AddressKind:
    """What an address is: ``kind`` is one of `KINDS`; ``block`` and ``standard`` say why."""

    address: str
    kind: str
    block: str | None
    standard: str | None

    @property
    def internet_routable(self) -> bool:
        """True only for public addresses: every special block stays off the internet."""
        return self.kind == "public"


def classify(address: str) -> AddressKind:
    """The kind of one IPv4 address, e.g. ``"192.168.0.7"`` → private (RFC 1918).

    Raises:
        CidrError: ``address`` is not a dotted IPv4 address; the message names the bad octet.
    """
    if not isinstance(address, str):
        raise CidrError(_text(TEXT, "not_text", value=address),
                        input=address, rule="type")
    text = address.strip()
    if "/" in text:
        raise CidrError(_text(TEXT, "block", text=text),
                        input=text, rule="not-an-address")
    ip = ipaddress.IPv4Address(parse_address(text))
    for net, kind, standard in _BLOCKS:
        if ip in net:
            return AddressKind(str(ip), kind, str(net), standard)
    return AddressKind(str(ip), "public", None, None)


def classify_many(addresses) -> list[AddressKind | CidrError]:
    """Each address classified, or the error that says what is wrong with it; none is skipped."""
    out: list[AddressKind | CidrError] = []
    for a in addresses:
        try:
            out.append(classify(a))
        except CidrError as e:
            out.append(e)
    return out
