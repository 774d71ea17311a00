"""A DNS lookup step by step: a resolver walks root → TLD → authoritative and caches by TTL.

A tiny made-up namespace stands in for the internet (documentation addresses from
RFC 5737, names under example.com and example.kr), so the walk is deterministic and
runs offline. The resolver caches both answers and referrals for their TTL, as real
resolvers do: a second lookup of the same name is answered from the cache, and once
the answer expires only the authoritative server is asked again::

    >>> first = resolve("www.example.com", now=0)
    >>> [s.server for s in first.steps]
    ['root', 'com', 'example.com']
    >>> resolve("www.example.com", now=10, cache=first.cache).steps[0].server
    'cache'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from course.i18n import text as _text

TEXT = {
    "en": {
        "empty": "give a name to look up, such as www.example.com",
        "too_long": "'{name}' is {n} characters; a DNS name has at most 253",
        "bad_label": "'{name}': the label '{label}' is not allowed; use letters, digits and hyphens (not at either end), 1 to 63 characters",
        "bad_now": "now must be 0 or more seconds, got {now}",
    },
    "ko": {
        "empty": "조회할 이름을 주세요. 예: www.example.com",
        "too_long": "'{name}'은(는) {n}자입니다. DNS 이름은 최대 253자입니다",
        "bad_label": "'{name}': 레이블 '{label}'은(는) 쓸 수 없습니다. 영문자, 숫자, 하이픈(양 끝 제외)으로 1~63자를 쓰세요",
        "bad_now": "now는 0 이상의 초여야 합니다. 받은 값: {now}",
    },
}

# zone -> {child zone: (name servers, TTL of the referral)} and zone -> {name: (A, TTL)}.
DELEGATIONS = {
    "": {"com": ("a.gtld-servers.net", 172800), "kr": ("b.dns.kr", 172800)},
    "com": {"example.com": ("ns-2048.awsdns-64.com", 172800)},
    "kr": {"example.kr": ("ns1.example.kr", 86400)},
}
RECORDS = {
    "example.com": {"example.com": ("203.0.113.10", 300), "www.example.com": ("203.0.113.10", 300),
                    "shop.example.com": ("203.0.113.20", 60)},
    "example.kr": {"www.example.kr": ("198.51.100.7", 3600)},
}
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


@dataclass(frozen=True)
class Step:
    """One question the resolver asked (or its cache answered), and the reply.

    ``kind`` is "referral" (``value`` = the next zone's name server, ``zone`` = that zone),
    "answer" (``value`` = the address), "nxdomain" (no such name), "cached-answer"
    (``ttl`` = seconds left) or "cached-referral" (``zone`` = the zone to ask directly).
    """

    server: str        # "cache", "root", a TLD such as "com", or a zone such as "example.com"
    kind: str
    value: str | None = None
    zone: str | None = None
    ttl: int | None = None


@dataclass(frozen=True)
class Lookup:
    name: str
    address: str | None            # None when the name does not exist
    steps: tuple[Step, ...]
    cache: dict = field(repr=False)  # (kind, key) -> (value, expires_at); the cache after this lookup

    @property
    def upstream_queries(self) -> int:
        """How many servers the resolver had to ask (cache hits don't count)."""
        return sum(s.server != "cache" for s in self.steps)


def normalize(name: str) -> str:
    """``name`` in lower case without a trailing dot.

    Raises:
        ValueError: it is empty, too long, or a label breaks the hostname rules.
    """
    if not isinstance(name, str) or not name.strip():
        raise ValueError(_text(TEXT, "empty"))
    text = name.strip().lower().rstrip(".")
    if len(text) > 253:
        raise ValueError(_text(TEXT, "too_long", name=name, n=len(text)))
    for label in text.split("."):
        if not _LABEL.match(label):
            raise ValueError(_text(TEXT, "bad_label", name=name, label=label))
    return text


def resolve(name: str, now: int, cache: dict | None = None) -> Lookup:
    """Resolve ``name`` at second ``now`` with the resolver's ``cache`` (not changed in place).

    Raises:
        ValueError: the name is malformed (see `normalize`) or ``now`` is negative.
    """
    name = normalize(name)
    if now < 0:
        raise ValueError(_text(TEXT, "bad_now", now=now))
    cache = {k: v for k, v in (cache or {}).items() if v[1] > now}   # expired entries drop out
    steps: list[Step] = []
    hit = cache.get(("A", name))
    if hit:
        steps.append(Step("cache", "cached-answer", value=hit[0], ttl=hit[1] - now))
        return Lookup(name, hit[0], tuple(steps), cache)
    zone = ""                                    # start at the root, or at the deepest cached referral
    labels = name.split(".")
    for k in range(1, len(labels) + 1):
        suffix = ".".join(labels[-k:])
        if ("NS", suffix) in cache:
            zone = suffix
    if zone:
        steps.append(Step("cache", "cached-referral", zone=zone))
    while True:
        server = zone or "root"
        child = _child_zone(zone, labels)
        if child is not None:
            ns, ttl = DELEGATIONS[zone][child]
            cache[("NS", child)] = (ns, now + ttl)
            steps.append(Step(server, "referral", value=ns, zone=child, ttl=ttl))
            zone = child
            continue
        record = RECORDS.get(zone, {}).get(name)
        if record is None:
            steps.append(Step(server, "nxdomain"))
            return Lookup(name, None, tuple(steps), cache)
        address, ttl = record
        cache[("A", name)] = (address, now + ttl)
        steps.append(Step(server, "answer", value=address, ttl=ttl))
        return Lookup(name, address, tuple(steps), cache)


def _child_zone(zone: str, labels: list[str]) -> str | None:
    # The delegated zone one level below `zone` on the way to the name, if `zone` delegates it.
    for k in range(1, len(labels) + 1):
        suffix = ".".join(labels[-k:])
        if suffix in DELEGATIONS.get(zone, {}):
            return suffix
    return None
