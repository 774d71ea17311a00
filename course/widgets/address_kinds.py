"""A "public or private?" classifier: type addresses, see what kind each one is and why."""

from __future__ import annotations

import html
import re

import ipywidgets as w

from course import i18n
from course.address_kinds import AddressKind, classify_many
from course.cidr import CidrError
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import WARN_BACKGROUND, table_html

TEXT = {
    "en": {
        "label": "Addresses",
        "placeholder": "one or more IPv4 addresses, separated by spaces or commas",
        "head": "address|kind|block|standard|on the internet?",
        "yes": "yes: unique worldwide",
        "no": "no",
        "empty": "Type an IPv4 address, for example 172.31.0.10.",
        "error": "✗ {message}",
        "private": "private",
        "public": "public",
        "loopback": "loopback (this host itself)",
        "link-local": "link-local (this network segment only)",
        "shared": "shared, carrier-grade NAT",
        "documentation": "documentation examples",
        "benchmarking": "benchmarking",
        "multicast": "multicast",
        "reserved": "reserved",
        "broadcast": "limited broadcast",
        "this-network": "\"this network\"",
        "summary": "{public} public, {private} private (RFC 1918), {other} special, {bad} not addresses.",
    },
    "ko": {
        "label": "주소",
        "placeholder": "IPv4 주소 하나 이상, 공백이나 쉼표로 구분",
        "head": "주소|종류|블록|표준|인터넷에서?",
        "yes": "예: 전 세계에서 유일",
        "no": "아니요",
        "empty": "IPv4 주소를 입력하세요. 예: 172.31.0.10",
        "error": "✗ {message}",
        "private": "프라이빗",
        "public": "퍼블릭",
        "loopback": "루프백 (이 호스트 자신)",
        "link-local": "링크 로컬 (이 네트워크 구간에서만)",
        "shared": "공유, 통신사급 NAT(CGNAT)",
        "documentation": "문서용 예시",
        "benchmarking": "벤치마크용",
        "multicast": "멀티캐스트",
        "reserved": "예약됨",
        "broadcast": "제한된 브로드캐스트",
        "this-network": "\"이 네트워크\"",
        "summary": "퍼블릭 {public}개, 프라이빗(RFC 1918) {private}개, 특수 용도 {other}개, 주소가 아닌 것 {bad}개.",
    },
}


def _words(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def split_addresses(text: str) -> list[str]:
    """The addresses typed in ``text``, split at spaces, commas and semicolons."""
    return [part for part in re.split(r"[\s,;]+", text) if part]


class AddressKindsView(w.VBox):
    """A text box of addresses and a table that classifies each one."""

    def __init__(self, addresses: str = "172.31.0.10 8.8.8.8"):
        self._box = w.Textarea(value=addresses, placeholder=_words("placeholder"),
                               description=_words("label"), continuous_update=False,
                               layout=w.Layout(width="95%", height="4em"))
        self._table = w.HTML()
        self._summary = w.HTML()
        self._box.observe(self._update, names="value")
        super().__init__([self._box, self._table, self._summary])
        self._update()

    @property
    def value(self) -> str:
        """The text typed in the box."""
        return self._box.value

    @value.setter
    def value(self, text: str) -> None:
        self._box.value = text

    @property
    def table_html(self) -> str:
        """The table as shown, for pages without a kernel and for tests."""
        return self._table.value + self._summary.value

    def _update(self, _change=None) -> None:
        results = classify_many(split_addresses(self._box.value))
        if not results:
            self._table.value = ""
            self._summary.value = f"<i>{html.escape(_words('empty'))}</i>"
            return
        self._table.value = results_html(results)
        counts = {"public": 0, "private": 0, "other": 0, "bad": 0}
        for r in results:
            key = "bad" if isinstance(r, CidrError) else r.kind if r.kind in ("public", "private") else "other"
            counts[key] += 1
        self._summary.value = html.escape(_words("summary", **counts))


def results_html(results: list[AddressKind | CidrError]) -> str:
    """The classifier's table: one row per address, bad input in red with its reason."""
    rows, styles = [], []
    for r in results:
        if isinstance(r, CidrError):
            rows.append([str(r.input), _words("error", message=r.message), "", "", ""])
            styles.append(WARN_BACKGROUND)
            continue
        kind = _words(r.kind) if r.kind in TEXT["en"] else r.kind
        rows.append([r.address, kind, r.block or "", r.standard or "",
                     _words("yes") if r.internet_routable else _words("no")])
        styles.append("")
    return table_html(_words("head").split("|"), rows, styles=styles, wrap=(1,))


def show_address_kinds(addresses: str = "172.31.0.10 8.8.8.8"):
    """The classifier, with its first table as the stand-in where no kernel runs."""
    view = AddressKindsView(addresses)
    return with_fallback(view, html=view.table_html)
