"""Views for CIDR blocks: the 32 bits of an address, and a split/join table of subnets.

Each view only wires controls to :mod:`course.cidr` (VPC views are in vpc_plan.py);
bad input shows in the view's status line and the last good state stays.
"""

from __future__ import annotations

import html
import ipaddress
from dataclasses import dataclass

import ipywidgets as w

from course import cidr as logic
from course import i18n
from course.widgets.html_parts import (HOST_COLOUR, NETWORK_COLOUR, WARN_BACKGROUND, rules_html,
                                       status_html, table_html)

TEXT = {
    "en": {
        "prefix": "prefix /",
        "aws_subnet": "AWS subnet (5 reserved)",
        "bit_tip": "bit {k} ({part}): worth {worth}",
        "network": "network",
        "host": "host",
        "block": "block",
        "aws_mode": "AWS mode",
        "subnet": "subnet",
        "split_into": "split into /",
        "split": "Split",
        "join": "Join with its pair",
        "name": "name",
        "note": "note",
        "choose": "choose a subnet and a prefix to split into",
        "whole": "{root} is the whole block; there is nothing to join",
        "pair_split": "{selected} pairs with {pair}, which is split; join the blocks inside {pair} first",
        "address": "address",
        "netmask": "netmask",
        "binary": "network (binary)",
        "broadcast": "broadcast",
        "no_broadcast_vpc": "none: VPCs have no broadcast",
        "none": "none",
        "usable_range": "usable range",
        "addresses": "addresses",
        "usable": "usable",
        "private": "private?",
        "private_yes": "yes, RFC 1918 {range}",
        "private_no": "no (public)",
        "range": "range",
        "reserved": "reserved by AWS",
        "aws_check": "AWS check",
        "ok": "ok",
    },
    "ko": {
        "prefix": "접두사 /",
        "aws_subnet": "AWS 서브넷 (5개 예약)",
        "bit_tip": "{k}번째 비트 ({part}): 값 {worth}",
        "network": "네트워크",
        "host": "호스트",
        "block": "블록",
        "aws_mode": "AWS 모드",
        "subnet": "서브넷",
        "split_into": "나눌 크기 /",
        "split": "나누기",
        "join": "짝과 합치기",
        "name": "이름",
        "note": "메모",
        "choose": "나눌 서브넷과 접두사를 고르세요",
        "whole": "{root}은(는) 전체 블록이라 합칠 것이 없습니다",
        "pair_split": "{selected}의 짝은 {pair}인데 나뉘어 있습니다. 먼저 {pair} 안의 블록을 합치세요",
        "address": "주소",
        "netmask": "넷마스크",
        "binary": "네트워크 (2진수)",
        "broadcast": "브로드캐스트",
        "no_broadcast_vpc": "없음: VPC에는 브로드캐스트가 없습니다",
        "none": "없음",
        "usable_range": "사용 가능 범위",
        "addresses": "주소 수",
        "usable": "사용 가능",
        "private": "프라이빗?",
        "private_yes": "예, RFC 1918 {range}",
        "private_no": "아니요 (퍼블릭)",
        "range": "범위",
        "reserved": "AWS 예약",
        "aws_check": "AWS 검사",
        "ok": "정상",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


# Text that reads on each bit colour: white on the blue, near-black on the orange.
_TEXT_ON = {NETWORK_COLOUR: "white", HOST_COLOUR: "#1a1a1a"}


@dataclass(frozen=True)
class SubnetRow:
    """One row of :class:`SplitTable`."""

    cidr: str
    name: str
    note: str
    first: str | None
    last: str | None
    total: int
    usable: int
    reserved: tuple[str, ...]
    warnings: tuple[str, ...]
    """Short notes ("smaller than /28"); the rules behind them are under the table."""


class BitView(w.VBox):
    """cidr.xyz-style: four octets and a prefix, 32 clickable bits, facts at once.

    Read-only results: ``address`` (dotted text), ``facts`` (a
    :class:`course.cidr.BlockFacts` for the network that contains the address)
    and ``status`` (the last error, or ``""``).
    """

    def __init__(self, cidr: str = "10.0.0.0/16", aws: bool = False):
        address, _, prefix = cidr.partition("/")
        logic.parse_address(address)  # a bad default is a programming error: fail loudly
        self._octets = [w.Text(value=o, continuous_update=False, layout=w.Layout(width="60px"))
                        for o in address.split(".")]
        self._prefix = w.IntSlider(value=int(prefix or 32), min=0, max=32, description=_t("prefix"),
                                   continuous_update=False)
        self._aws = w.Checkbox(value=aws, description=_t("aws_subnet"), indent=False)
        # Button, not ToggleButton: only ButtonStyle has a button_color the browser draws.
        self._bits = [w.Button(description="0", layout=w.Layout(width="26px", padding="0"))
                      for _ in range(32)]
        self._facts_html = w.HTML()
        self._status = w.HTML()
        self._status_text = ""
        self._syncing = False
        self._address = ""
        self._facts: logic.BlockFacts | None = None
        for box in self._octets:
            box.observe(self._on_input, names="value")
        self._prefix.observe(self._on_input, names="value")
        self._aws.observe(self._on_input, names="value")
        for k, bit in enumerate(self._bits):
            bit.on_click(lambda _button, k=k: self._on_bit(k))
        dots = [w.Label(".")] * 3
        row = [x for pair in zip(self._octets, dots + [w.Label("")]) for x in pair]
        octet_groups = [w.HBox(self._bits[i:i + 8], layout=w.Layout(margin="0 8px 0 0"))
                        for i in range(0, 32, 8)]
        super().__init__([w.HBox(row + [self._prefix]), w.HBox(octet_groups), self._aws,
                          self._facts_html, self._status])
        self._update()

    address = property(lambda self: self._address, doc="The address as dotted text.")
    facts = property(lambda self: self._facts, doc="Facts about the network of the address.")
    status = property(lambda self: self._status_text, doc="The last error message, or ''.")

    def _on_input(self, _change=None):
        if not self._syncing:
            self._update()

    def _on_bit(self, k: int):
        if self._syncing or not self._address:
            return
        value = int(ipaddress.IPv4Address(self._address)) ^ (1 << (31 - k))
        self._write_octets(str(ipaddress.IPv4Address(value)))
        self._update()

    def _write_octets(self, address: str):
        self._syncing = True
        try:
            for box, octet in zip(self._octets, address.split(".")):
                box.value = octet
        finally:
            self._syncing = False

    def _update(self):
        text = ".".join(box.value.strip() for box in self._octets)
        try:
            network = logic.network_of(text, self._prefix.value)
            facts = logic.describe(network, aws=self._aws.value)
        except logic.CidrError as err:
            self._set_status(err.message)
            return
        self._address, self._facts = str(ipaddress.IPv4Address(logic.parse_address(text))), facts
        self._set_status("")
        self._syncing = True
        try:
            bits = format(int(ipaddress.IPv4Address(self._address)), "032b")
            for k, (bit, one) in enumerate(zip(self._bits, bits)):
                colour = NETWORK_COLOUR if k < facts.prefix else HOST_COLOUR
                bit.description = one
                bit.style.button_color = colour
                bit.style.text_color = _TEXT_ON[colour]
                bit.style.font_weight = "bold" if one == "1" else "normal"
                bit.tooltip = _t("bit_tip", k=k + 1, part=_t("network" if k < facts.prefix else "host"),
                                 worth=f"{2 ** (31 - k):,}")
        finally:
            self._syncing = False
        self._facts_html.value = _facts_html(facts, self._address)

    def _set_status(self, message: str):
        self._status_text = message
        self._status.value = status_html(message)


class SplitTable(w.VBox):
    """Visual-subnet-calculator-style: split and join a block, name and note each subnet.

    In AWS mode each row shows the 5 reserved addresses and 2^(32−p) − 5 usable,
    and a warning where AWS would refuse the subnet. Read-only results:
    ``rows`` (:class:`SubnetRow` tuple), ``root`` and ``status``.
    """

    def __init__(self, cidr: str = "10.0.0.0/24", aws: bool = True):
        self._root_box = w.Text(value=cidr, description=_t("block"), continuous_update=False)
        self._aws = w.Checkbox(value=aws, description=_t("aws_mode"), indent=False)
        self._row = w.Dropdown(description=_t("subnet"), layout=w.Layout(width="250px"))
        self._split_to = w.Dropdown(description=_t("split_into"), layout=w.Layout(width="170px"))
        # width auto: as wide as the label, never cut to "Join with its p…".
        self._split_button = w.Button(description=_t("split"), icon="scissors",
                                      layout=w.Layout(width="auto", flex="0 0 auto"))
        self._join_button = w.Button(description=_t("join"), icon="compress",
                                     layout=w.Layout(width="auto", flex="0 0 auto"))
        self._name = w.Text(description=_t("name"), continuous_update=False)
        self._note = w.Text(description=_t("note"), continuous_update=False)
        self._table = w.HTML()
        self._status = w.HTML()
        self._status_text = ""
        self._root = str(logic.parse(cidr))
        self._leaves = [self._root]
        self._names: dict[str, str] = {}
        self._notes: dict[str, str] = {}
        self._rows: tuple[SubnetRow, ...] = ()
        self._root_box.observe(self._on_root, names="value")
        self._aws.observe(lambda _: self._update(), names="value")
        self._row.observe(self._on_select, names="value")
        self._name.observe(lambda c: self._label(self._names, c["new"]), names="value")
        self._note.observe(lambda c: self._label(self._notes, c["new"]), names="value")
        self._split_button.on_click(self._on_split)
        self._join_button.on_click(self._on_join)
        # The status sits under the controls that cause its errors, above the table: under
        # a long table it was off-screen, where no one looked.
        super().__init__([w.HBox([self._root_box, self._aws]),
                          w.HBox([self._row, self._split_to, self._split_button, self._join_button]),
                          w.HBox([self._name, self._note]), self._status, self._table])
        self._update(select=self._root)

    rows = property(lambda self: self._rows, doc="The table's rows, in address order.")
    root = property(lambda self: self._root, doc="The block being divided.")
    status = property(lambda self: self._status_text, doc="The last error message, or ''.")

    def _on_root(self, change):
        try:
            root = str(logic.parse(change["new"]))
        except logic.CidrError as err:
            return self._set_status(err.message)
        self._root, self._leaves, self._names, self._notes = root, [root], {}, {}
        self._update(select=root)

    def _on_select(self, _change):
        selected = self._row.value
        if selected is None:
            return
        prefix = int(selected.split("/")[1])
        choices = list(range(prefix + 1, min(prefix + 8, 32) + 1))
        wanted = self._split_to.value
        self._split_to.options = [(str(p), p) for p in choices]
        self._split_to.value = wanted if wanted in choices else (choices[0] if choices else None)
        self._name.value = self._names.get(selected, "")
        self._note.value = self._notes.get(selected, "")

    def _label(self, store: dict[str, str], text: str):
        if self._row.value is not None and store.get(self._row.value, "") != text:
            store[self._row.value] = text
            self._update(select=self._row.value)

    def _on_split(self, _button=None):
        selected, to = self._row.value, self._split_to.value
        if selected is None or to is None:
            return self._set_status(_t("choose"))
        try:
            parts = logic.split(selected, to)
        except logic.CidrError as err:
            return self._set_status(err.message)
        i = self._leaves.index(selected)
        self._leaves[i:i + 1] = parts
        self._update(select=parts[0])

    def _on_join(self, _button=None):
        selected = self._row.value
        if selected is None or selected == self._root:
            return self._set_status(_t("whole", root=self._root))
        net = ipaddress.IPv4Network(selected)
        parent = net.supernet()
        pair = next(str(h) for h in parent.subnets() if h != net)
        if pair not in self._leaves:
            return self._set_status(_t("pair_split", selected=selected, pair=pair))
        try:
            joined = logic.join([selected, pair])
        except logic.CidrError as err:
            return self._set_status(err.message)
        i = min(self._leaves.index(selected), self._leaves.index(pair))
        self._leaves[i:i + 2] = [joined]
        self._update(select=joined)

    def _update(self, select: str | None = None):
        aws = self._aws.value
        issues = logic.check_vpc_plan(self._root, self._leaves) if aws else []
        per_row = logic.short_notes(issues, len(self._leaves))
        rows = []
        for i, block in enumerate(self._leaves):
            f = logic.describe(block, aws=aws)
            rows.append(SubnetRow(block, self._names.get(block, ""), self._notes.get(block, ""),
                                  f.first_usable, f.last_usable, f.total, f.usable,
                                  tuple(r.address for r in f.reserved), tuple(per_row[i])))
        self._rows = tuple(rows)
        root_issues = [v.message for v in issues if v.position is None]
        self._set_status("; ".join(root_issues))
        rules = [logic.rule_text(v.rule) for v in issues if v.position is not None]
        self._table.value = _splittable_html(self._rows, aws) + rules_html(filter(None, rules))
        keep = select if select in self._leaves else self._row.value
        self._row.options = self._leaves
        self._row.value = keep if keep in self._leaves else self._leaves[0]
        self._on_select(None)

    def _set_status(self, message: str):
        self._status_text = message
        self._status.value = status_html(message)


def _facts_html(f: logic.BlockFacts, address: str) -> str:
    binary = "".join(f'<span style="color:{NETWORK_COLOUR if i < f.prefix else HOST_COLOUR}">{b}</span>'
                     + ("." if i in (7, 15, 23) else "") for i, b in enumerate(f.bits))
    rows = [[_t("address"), address], [_t("network"), f.cidr], [_t("netmask"), f.netmask],
            [_t("binary"), binary],
            [_t("broadcast"), f.broadcast or _t("no_broadcast_vpc" if f.aws else "none")],
            [_t("usable_range"), f"{f.first_usable} – {f.last_usable}" if f.usable else _t("none")],
            [_t("addresses"), f"{f.total:,}"], [_t("usable"), f"{f.usable:,}"],
            [_t("private"), _t("private_yes", range=f.private_range) if f.is_private else _t("private_no")]]
    rows += [[r.address, r.role] for r in f.reserved]
    table = table_html([], rows, escape=False)
    return table + "".join(f"<div>⚠ {html.escape(m)}</div>" for m in f.warnings)


def _splittable_html(rows: tuple[SubnetRow, ...], aws: bool) -> str:
    head = [_t("subnet"), _t("name"), _t("range"), _t("addresses"), _t("usable")]
    head += [_t("reserved"), _t("aws_check")] if aws else []
    body, styles = [], []
    for r in rows:
        line = [r.cidr, html.escape(r.name), f"{r.first} – {r.last}" if r.first else _t("none"),
                f"{r.total:,}", f"{r.usable:,}"]
        line += [_reserved_html(r.reserved), html.escape("; ".join(r.warnings) or _t("ok"))] if aws else []
        body.append(line + [html.escape(r.note)])
        styles.append(WARN_BACKGROUND if r.warnings else "")
    # Name, note and the reserved list may wrap (the list between addresses only).
    wrap = {1, 5, 7} if aws else {1, 5}
    return table_html(head + [_t("note")], body, styles, escape=False, wrap=wrap)


def _reserved_html(reserved: tuple[str, ...]) -> str:
    # "10.0.0.0–10.0.0.3, 10.0.0.255": the first four run on, so say them as a range.
    items = ([f"{reserved[0]}–{reserved[3]}", *reserved[4:]] if len(reserved) == 5
             else list(reserved))
    return ", ".join(f'<span style="white-space:nowrap">{html.escape(a)}</span>' for a in items)
