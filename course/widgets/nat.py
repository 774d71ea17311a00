"""NAT translator: packets and a NAT kind in, rewritten packets and the translation table out.

The logic is :mod:`course.nat`; this view only wires controls to it.
"""

from __future__ import annotations

import html

import ipywidgets as W

from course.i18n import text
from course.nat import KINDS, NatError, outbound
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import table_html

TEXT = {
    "en": {
        "kind": "NAT kind",
        "kind_static": "static NAT (internet gateway)",
        "kind_dynamic": "dynamic NAT (pool)",
        "kind_pat": "PAT / NAPT (NAT gateway)",
        "packets": "packets out",
        "public": "public side",
        "public_help_static": "private=public pairs, comma-separated, e.g. 10.0.0.5=3.34.0.10",
        "public_help_dynamic": "pool of public addresses, comma-separated",
        "public_help_pat": "the one public address",
        "head_before": "packet inside",
        "head_after": "packet outside",
        "head_note": "what NAT did",
        "dropped": "dropped",
        "table": "Translation table",
        "head_inside": "inside",
        "head_outside": "outside",
        "head_remote": "remote end",
        "ok": "{n} packets, {dropped} dropped, {rows} rows in the table.",
        "error": "⚠ {message}",
        "bad_mapping": "'{part}': write each static mapping as private=public, e.g. 10.0.0.5=3.34.0.10",
    },
    "ko": {
        "kind": "NAT 종류",
        "kind_static": "정적 NAT (인터넷 게이트웨이)",
        "kind_dynamic": "동적 NAT (풀)",
        "kind_pat": "PAT / NAPT (NAT 게이트웨이)",
        "packets": "나가는 패킷",
        "public": "퍼블릭 쪽",
        "public_help_static": "프라이빗=퍼블릭 쌍, 쉼표로 구분. 예: 10.0.0.5=3.34.0.10",
        "public_help_dynamic": "퍼블릭 주소 풀, 쉼표로 구분",
        "public_help_pat": "퍼블릭 주소 하나",
        "head_before": "안쪽 패킷",
        "head_after": "바깥쪽 패킷",
        "head_note": "NAT가 한 일",
        "dropped": "버려짐",
        "table": "변환 테이블",
        "head_inside": "안쪽",
        "head_outside": "바깥쪽",
        "head_remote": "상대편",
        "ok": "패킷 {n}개, 버려진 것 {dropped}개, 테이블 행 {rows}개.",
        "error": "⚠ {message}",
        "bad_mapping": "'{part}': 정적 매핑은 프라이빗=퍼블릭 형식으로 쓰세요. 예: 10.0.0.5=3.34.0.10",
    },
}
DEFAULT_PACKETS = ("10.0.4.10:40001 -> 93.184.216.34:443\n"
                   "10.0.4.11:40001 -> 93.184.216.34:443\n"
                   "10.0.4.10:40002 -> 93.184.216.34:443")
DEFAULT_PUBLIC = {"static": "10.0.4.10=3.34.0.10, 10.0.4.11=3.34.0.11", "dynamic": "3.34.0.10",
                  "pat": "3.34.0.10"}


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)


def public_setting(kind: str, raw: str):
    """The ``public`` argument of :func:`course.nat.outbound` from the text box.

    Raises:
        NatError: a static pair without ``=``.
    """
    parts = [p.strip() for p in raw.split(",") if p.strip()]
    if kind == "pat":
        return raw.strip()
    if kind == "dynamic":
        return parts
    pairs = {}
    for p in parts:
        if "=" not in p:
            raise NatError(text(TEXT, "bad_mapping", part=p))
        a, b = p.split("=", 1)
        pairs[a.strip()] = b.strip()
    return pairs


class NatView(W.VBox):
    """Type packets and pick a NAT kind; see each rewrite and the table NAT keeps.

    Attributes:
        rows: (before, after, note) strings of the last valid run; after is "dropped" for a drop.
        status: the status line's text.
    """

    def __init__(self, kind: str = "pat", packets: str = DEFAULT_PACKETS, public: str | None = None):
        self.rows: list[tuple[str, str, str]] = []
        self.status = ""
        self._kind = W.Dropdown(options=[(_t(f"kind_{k}"), k) for k in KINDS], value=kind,
                                description=_t("kind"), style={"description_width": "90px"},
                                layout=W.Layout(width="420px"))
        self._packets = W.Textarea(packets, description=_t("packets"), continuous_update=False,
                                   style={"description_width": "90px"}, layout=W.Layout(width="520px", height="90px"))
        self._public = W.Text(public if public is not None else DEFAULT_PUBLIC[kind], description=_t("public"),
                              continuous_update=False, style={"description_width": "90px"},
                              layout=W.Layout(width="520px"))
        self._help = W.HTML()
        self._status = W.HTML()
        self._out = W.HTML()
        self._kind.observe(self._kind_changed, names="value")
        for control in (self._packets, self._public):
            control.observe(lambda _: self._update(), names="value")
        super().__init__([self._kind, self._packets, self._public, self._help, self._status, self._out])
        self._update()

    @property
    def html(self) -> str:
        """The status line and the tables, as HTML."""
        return self._status.value + self._out.value

    def _kind_changed(self, change) -> None:
        # A new kind needs a public side in its own format; the old text would only be an error.
        self._public.value = DEFAULT_PUBLIC[change["new"]]
        self._update()

    def _update(self) -> None:
        kind = self._kind.value
        self._help.value = f'<span style="color:#555">{html.escape(_t("public_help_" + kind))}</span>'
        lines = [line for line in self._packets.value.splitlines() if line.strip()]
        try:
            rewrites, table = outbound(kind, lines, public_setting(kind, self._public.value))
        except NatError as err:
            self.status = _t("error", message=str(err))
            self._status.value = f'<div style="color:#b00">{html.escape(self.status)}</div>'
            self._out.value = f'<div style="opacity:0.35">{self._out.value}</div>' if self.rows else ""
            return
        self.rows = [(str(r.before), str(r.after) if r.after else _t("dropped"), r.note) for r in rewrites]
        dropped = sum(1 for r in rewrites if r.after is None)
        self.status = _t("ok", n=len(rewrites), dropped=dropped, rows=len(table.entries))
        self._status.value = f"<div>{html.escape(self.status)}</div>"
        entries = [(str(e.inside) if kind == "pat" else e.inside.ip,
                    str(e.outside) if kind == "pat" else e.outside.ip,
                    str(e.remote) if e.remote else "–") for e in table.entries]
        self._out.value = (table_html([_t("head_before"), _t("head_after"), _t("head_note")], self.rows, wrap=(2,))
                           + f"<p><b>{html.escape(_t('table'))}</b></p>"
                           + table_html([_t("head_inside"), _t("head_outside"), _t("head_remote")], entries))


def show_nat(kind: str = "pat", packets: str = DEFAULT_PACKETS, public: str | None = None):
    """A :class:`NatView`, with its first tables as the stand-in where no kernel runs."""
    view = NatView(kind, packets, public)
    return with_fallback(view, html=view.html)
