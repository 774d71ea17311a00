"""The DynamoDB key-design explorer: pick data and a key design, see the spread and each pattern's operation."""

from __future__ import annotations

import html

import ipywidgets as w
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from course import dynamodb_keys as logic
from course.diagrams import png
from course.i18n import text
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import WARN_BACKGROUND, status_html, table_html

TEXT = {
    "en": {
        "data": "Data",
        "design": "Design",
        "pk": "Partition key",
        "sk": "Sort key",
        "gsis": "GSIs",
        "gsis_help": "one per line or ';': name = partition key [/ sort key]",
        "patterns": "Access patterns",
        "patterns_help": "one per line: name: attr = v, attr begins_with p, attr between a .. b",
        "custom": "(edited)",
        "chart_title": "Items per {attr} value ({where})",
        "chart_x": "{attr} value",
        "chart_y": "items",
        "table": "table",
        "gsi": "GSI {name}",
        "hot_legend": "hot: at least {share:.0%} of the items and more than an even share",
        "more": "+{n} more values",
        "head": ["access pattern", "operation", "on", "key condition", "filter", "items read", "returned", "note"],
        "spread": "<b>{where}</b>: {items} items over {values} {attr} values; hot by items: {hot}; requests/s per value: {requests}{sparse}",
        "sparse": "; {n} items lack this index's key and are not in it",
        "none": "none",
        "scan_count": "{n} of {total} patterns need a Scan.",
        "ok": "✓ {n} patterns, none needs a Scan.",
        "partitions_note": ("Real partitions are internal to DynamoDB: it hashes each partition-key value to pick "
                            "one and splits partitions as they grow. The chart shows the spread of key values "
                            "that drives them: all items (and requests) of one value land together."),
        "bad_gsi": "GSIs: cannot read {part!r}; write 'name = partition key' or 'name = partition key / sort key'",
    },
    "ko": {
        "data": "데이터",
        "design": "설계",
        "pk": "파티션 키",
        "sk": "정렬 키",
        "gsis": "GSI",
        "gsis_help": "한 줄에 하나 또는 ';'로 구분: 이름 = 파티션 키 [/ 정렬 키]",
        "patterns": "액세스 패턴",
        "patterns_help": "한 줄에 하나: 이름: attr = v, attr begins_with p, attr between a .. b",
        "custom": "(수정됨)",
        "chart_title": "{attr} 값별 항목 수 ({where})",
        "chart_x": "{attr} 값",
        "chart_y": "항목 수",
        "table": "테이블",
        "gsi": "GSI {name}",
        "hot_legend": "핫: 항목의 {share:.0%} 이상이고 균등한 몫보다 많음",
        "more": "값 {n}개 더",
        "head": ["액세스 패턴", "작업", "대상", "키 조건", "필터", "읽은 항목", "반환", "참고"],
        "spread": "<b>{where}</b>: {attr} 값 {values}개에 항목 {items}개. 항목 기준 핫 키: {hot}. 값별 요청/초: {requests}{sparse}",
        "sparse": "; 항목 {n}개는 이 인덱스의 키가 없어 인덱스에 들어가지 않습니다",
        "none": "없음",
        "scan_count": "패턴 {total}개 중 {n}개가 Scan을 써야 합니다.",
        "ok": "✓ 패턴 {n}개, Scan이 필요한 것은 없습니다.",
        "partitions_note": "실제 파티션은 DynamoDB 내부에 있습니다: 파티션 키 값을 해시해 파티션을 고르고, 파티션이 커지면 나눕니다. 이 차트는 그 바탕이 되는 키 값의 분포를 보여 줍니다: 한 값의 항목(과 요청)은 모두 같은 곳에 모입니다.",
        "bad_gsi": "GSI: {part!r}을(를) 읽을 수 없습니다. '이름 = 파티션 키' 또는 '이름 = 파티션 키 / 정렬 키'로 쓰세요",
    },
}

MAX_BARS = 16


def parse_gsis(spec: str) -> tuple[logic.Index, ...]:
    """GSIs from text: ``name = pk`` or ``name = pk / sk``, separated by lines or ``;``."""
    gsis = []
    for part in filter(str.strip, spec.replace("\n", ";").split(";")):
        name, eq, keys = part.partition("=")
        pk, _, sk = keys.partition("/")
        if not eq or not name.strip() or not pk.strip():
            raise logic.KeyDesignError(text(TEXT, "bad_gsi", part=part.strip()))
        gsis.append(logic.Index(name.strip(), pk.strip(), sk.strip() or None))
    return tuple(gsis)


def format_gsis(gsis) -> str:
    """The text `parse_gsis` reads back into ``gsis``."""
    return "\n".join(f"{g.name} = {g.partition_key}" + (f" / {g.sort_key}" if g.sort_key else "") for g in gsis)


def spread_figure(spread: logic.Spread) -> Figure:
    """A bar chart of items per partition-key value; hot values in red."""
    fig = Figure(figsize=(7, 3))
    ax = fig.add_subplot()
    shown = spread.items[:MAX_BARS]
    labels = [str(v) for v, _ in shown]
    colours = ["#d13212" if v in spread.hot_items else "#147eba" for v, _ in shown]
    ax.bar(range(len(shown)), [n for _, n in shown], color=colours)
    ax.set_xticks(range(len(shown)), labels, rotation=45 if len(shown) > 6 else 0, ha="right" if len(shown) > 6 else "center",
                  fontsize=8)
    where = text(TEXT, "gsi", name=spread.index) if spread.index else text(TEXT, "table")
    ax.set_title(text(TEXT, "chart_title", attr=spread.attribute, where=where), fontsize=10, loc="left")
    ax.set_ylabel(text(TEXT, "chart_y"))
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    if len(spread.items) > MAX_BARS:
        ax.text(1, 1.02, text(TEXT, "more", n=len(spread.items) - MAX_BARS), transform=ax.transAxes,
                ha="right", fontsize=8)
    ax.spines[["top", "right"]].set_visible(False)
    fig.tight_layout()
    return fig


def plans_html(exploration: logic.Exploration) -> str:
    """The access-pattern table: operation, target, key condition and filter, reads; Scans highlighted."""
    rows, styles = [], []
    for p in exploration.plans:
        rows.append([p.pattern.name, p.operation, p.target, _readable(p.key_conditions), _readable(p.filters),
                     p.items_read, p.items_returned, p.warning])
        styles.append(WARN_BACKGROUND if p.operation == "Scan" else "")
    return table_html(text(TEXT, "head"), rows, styles, wrap=(0, 3, 4, 7))


def spreads_html(exploration: logic.Exploration) -> str:
    parts = []
    for s in exploration.spreads:
        where = text(TEXT, "gsi", name=s.index) if s.index else text(TEXT, "table")
        requests = ", ".join(f"{v}: {r:g}" for v, r in s.requests) or text(TEXT, "none")
        hot = ", ".join(map(str, s.hot_items)) or text(TEXT, "none")
        sparse = text(TEXT, "sparse", n=s.unindexed) if s.unindexed else ""
        parts.append("<div>" + text(TEXT, "spread", where=html.escape(where), items=s.total_items,
                                    values=len(s.items), attr=html.escape(s.attribute),
                                    hot=html.escape(hot), requests=html.escape(requests),
                                    sparse=sparse) + "</div>")
    return "".join(parts)


def _readable(conditions) -> str:
    return " AND ".join(c.text() for c in conditions)


class KeyDesignExplorer(w.VBox):
    """Choose a sample data set and a key design; see the spread of items and each pattern's operation.

    Read-only results: ``exploration`` (the last good `Exploration`, or None after bad
    input), ``items`` (the chosen data set), ``status`` (the error message, or ''),
    ``chart_png`` and ``table_html``.
    """

    def __init__(self, sample: str = "orders", design: str | None = None):
        self._sample = w.Dropdown(options=[(s.title, k) for k, s in logic.SAMPLES.items()], value=sample,
                                  description=text(TEXT, "data"), layout=w.Layout(width="320px"))
        self._design = w.Dropdown(description=text(TEXT, "design"), layout=w.Layout(width="460px"))
        self._pk = w.Text(description=text(TEXT, "pk"), continuous_update=False, style={"description_width": "90px"})
        self._sk = w.Text(description=text(TEXT, "sk"), continuous_update=False, style={"description_width": "90px"})
        self._gsis = w.Textarea(description=text(TEXT, "gsis"), placeholder=text(TEXT, "gsis_help"),
                                continuous_update=False, layout=w.Layout(width="460px", height="60px"))
        self._patterns = w.Textarea(description=text(TEXT, "patterns"), placeholder=text(TEXT, "patterns_help"),
                                    continuous_update=False, layout=w.Layout(width="100%", height="110px"),
                                    style={"description_width": "110px"})
        self._chart = w.Image(format="png", layout=w.Layout(max_width="700px"))
        self._spreads = w.HTML()
        self._table = w.HTML()
        self._status = w.HTML()
        self._note = w.HTML(f'<p style="color:#545b64;font-size:90%">{html.escape(text(TEXT, "partitions_note"))}</p>')
        self._exploration: logic.Exploration | None = None
        self._status_text = ""
        self._syncing = False
        self._sample.observe(self._on_sample, names="value")
        self._design.observe(self._on_design, names="value")
        for control in (self._pk, self._sk, self._gsis, self._patterns):
            control.observe(self._on_edit, names="value")
        super().__init__([w.HBox([self._sample, self._design]), w.HBox([self._pk, self._sk]), self._gsis,
                          self._patterns, self._status, self._chart, self._note, self._spreads, self._table])
        self._on_sample(None, design)

    exploration = property(lambda self: self._exploration, doc="The last good exploration, or None.")
    status = property(lambda self: self._status_text, doc="The error message, or ''.")
    chart_png = property(lambda self: bytes(self._chart.value), doc="The bar chart as PNG bytes.")
    table_html = property(lambda self: self._table.value, doc="The access-pattern table.")
    items = property(lambda self: logic.SAMPLES[self._sample.value].items, doc="The chosen data set's items.")

    def _on_sample(self, _change, design: str | None = None):
        sample = logic.SAMPLES[self._sample.value]
        self._syncing = True
        try:
            self._design.options = [(sample.design_label(d), d) for d in sample.designs]
            self._design.value = design if design in sample.designs else next(iter(sample.designs))
            self._patterns.value = sample.patterns
        finally:
            self._syncing = False
        self._on_design(None)

    def _on_design(self, _change):
        if self._syncing or self._design.value is None:
            return
        d = logic.SAMPLES[self._sample.value].designs[self._design.value]
        self._syncing = True
        try:
            self._pk.value, self._sk.value = d.partition_key, d.sort_key or ""
            self._gsis.value = format_gsis(d.gsis)
        finally:
            self._syncing = False
        self._update()

    def _on_edit(self, _change):
        if not self._syncing:
            self._update()

    def _update(self):
        items = logic.SAMPLES[self._sample.value].items
        try:
            design = logic.KeyDesign(self._pk.value.strip(), self._sk.value.strip() or None, parse_gsis(self._gsis.value))
            patterns = logic.parse_patterns(self._patterns.value, items)
            exploration = logic.explore(items, design, patterns)
        except logic.KeyDesignError as err:
            self._exploration = None
            self._status_text = str(err)
            self._status.value = status_html(self._status_text)
            # The last good table stays, dimmed, so the learner keeps the picture while fixing the input.
            self._table.value = self._table.value.replace('<div style="overflow-x:auto">',
                                                          '<div style="overflow-x:auto;opacity:0.35">', 1)
            return
        self._exploration = exploration
        self._status_text = ""
        scans = len(exploration.scans)
        self._status.value = (f'<span style="color:#b00020">⚠ {text(TEXT, "scan_count", n=scans, total=len(exploration.plans))}</span>'
                              if scans else f'<span style="color:#1a7f37">{text(TEXT, "ok", n=len(exploration.plans))}</span>')
        self._chart.value = png(spread_figure(exploration.table))
        self._spreads.value = spreads_html(exploration) + f'<div style="color:#545b64;font-size:90%">{html.escape(text(TEXT, "hot_legend", share=exploration.hot_share))}</div>'
        self._table.value = plans_html(exploration)


def show_dynamodb_keys(sample: str = "orders", design: str | None = None):
    """The explorer, with the chosen design's chart and table as a static stand-in."""
    view = KeyDesignExplorer(sample, design)
    e = view.exploration
    static = (f'<img src="data:image/png;base64,{_b64(view.chart_png)}"/>' + spreads_html(e) + plans_html(e)) if e \
        else status_html(view.status)
    return with_fallback(view, html=static)


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")
