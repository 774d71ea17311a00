"""Storage-class chooser: workload in, ranked classes, cumulative-cost plot, itemised why, lifecycle timeline."""

from __future__ import annotations

import html
import io
import json

import ipywidgets as W

from course import i18n
from course.s3_lifecycle import simulate_lifecycle
from course.storage_classes import (CLASS_IDS, UNVERIFIED_MARK, Comparison, Constraints, Estimate, Workload,
                                    class_use, compare, cumulative_costs, item_words, load_data,
                                    price_dates, priced_regions, readable, unverified_properties)
from course.widgets.debounce import call_when_settled

DEFAULT_RULES = {"Rules": [{"ID": "archive-logs", "Status": "Enabled", "Filter": {},
                            "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"},
                                            {"Days": 90, "StorageClass": "GLACIER"}],
                            "Expiration": {"Days": 365}}]}
COLORS = {"STANDARD": "#4c78a8", "INTELLIGENT_TIERING": "#72b7b2", "STANDARD_IA": "#54a24b",
          "ONEZONE_IA": "#eeca3b", "GLACIER_IR": "#b279a2", "GLACIER": "#9d755d", "DEEP_ARCHIVE": "#555555",
          "EXPRESS_ONEZONE": "#f58518", "REDUCED_REDUNDANCY": "#bab0ac", "deleted": "#ffffff", "aborted": "#ffffff"}
PRICING_URL = "https://aws.amazon.com/s3/pricing/"
_PROPERTIES = ("durability_percent", "availability_percent", "sla_percent", "availability_zones", "survives_az_loss",
               "min_storage_days", "min_billable_kb", "overhead_kb_at_standard_rate", "overhead_kb_at_class_rate",
               "retrieval_fee", "first_byte_latency", "millisecond_access")


TEXT = {
    "en": {
        "checked": "checked {checked}",
        "sources_dated": ", from sources dated {oldest}",
        "stale_input": "⚠ Showing the last valid input; fix the error above to update.",
        "stale_rules": "⚠ Showing the last valid rules; fix the error above to update.",
        "objects": "objects",
        "size": "object size (KB)",
        "months": "months kept",
        "region": "Region",
        "gets": "GETs / month",
        "puts": "PUTs / month",
        "gb_read": "GB retrieved / month",
        "delete_after": "delete after days (0 = never)",
        "ms": "need millisecond first byte",
        "az": "must survive an AZ loss",
        "legacy": "include legacy classes",
        "why_for": "why for",
        "days": "days",
        "rules_label": "<b>lifecycle rules</b> (JSON, as given to <code>put_bucket_lifecycle_configuration</code>)",
        "tab_compare": "compare",
        "tab_why": "why",
        "tab_lifecycle": "lifecycle timeline",
        "cheapest_status": "cheapest: {name} {total}",
        "no_class": "no class meets the constraints",
        "prices": " · {region} prices {dates}",
        "cheapest": " ★ cheapest",
        "excluded": "excluded",
        "head": "<tr><th>class</th><th>total</th><th>use / why excluded</th></tr>",
        "is_excluded": "{name} is excluded: {reason}",
        "why_head": "<tr><th>charge</th><th>USD</th><th>formula and sources</th></tr>",
        "x_axis": "months kept",
        "y_axis": "cumulative USD (list prices)",
        "region_note": "Only Regions with checked prices are offered ({regions}). Prices in other Regions, "
                       "Seoul (ap-northeast-2) among them, differ: see the live S3 pricing page.",
        "log_scale": "log scale",
        "plot_title": "{region} list prices {dates}",
        "unverified_key": "; {mark} = unverified",
        "day_range": "day {a}-{b}: {name}",
        "day": "day {n}",
        "dagger_title": "unverified: see the note under the status line",
        "unverified_note": "{mark} marks an <b>unverified</b> figure. Most list prices come from "
                           "<a href=\"{url}\" target=\"_blank\">AWS's S3 pricing page</a>, whose rate tables are "
                           "drawn by script and could not be read when this course was checked ({checked}); they "
                           "match independent copies of that page dated from {oldest} but may have changed. Express "
                           "One Zone's prices are verified against AWS's S3 FAQ. Class properties are verified "
                           "against AWS documentation except these, which are unverified: {props}.",
        "prop_durability_percent": "durability",
        "prop_availability_percent": "availability",
        "prop_sla_percent": "SLA",
        "prop_availability_zones": "AZ count",
        "prop_survives_az_loss": "AZ-loss survival",
        "prop_min_storage_days": "minimum days",
        "prop_min_billable_kb": "minimum size",
        "prop_overhead_kb_at_standard_rate": "overhead at the Standard rate",
        "prop_overhead_kb_at_class_rate": "overhead at the class rate",
        "prop_retrieval_fee": "retrieval fee",
        "prop_first_byte_latency": "first-byte latency",
        "prop_millisecond_access": "millisecond access",
        "lc_status": "{objects} of {size} KB for {days}: {usd}",
        "objects_one": "{n} object",
        "objects_many": "{n} objects",
        "days_one": "{n} day",
        "days_many": "{n} days",
        "state_deleted": "deleted",
        "state_aborted": "aborted",
    },
    "ko": {
        "checked": "{checked} 확인",
        "sources_dated": ", 출처 날짜 {oldest}부터",
        "stale_input": "⚠ 마지막으로 유효했던 입력의 결과입니다. 위의 오류를 고치면 갱신됩니다.",
        "stale_rules": "⚠ 마지막으로 유효했던 규칙의 결과입니다. 위의 오류를 고치면 갱신됩니다.",
        "objects": "객체 수",
        "size": "객체 크기 (KB)",
        "months": "보관 개월 수",
        "region": "리전",
        "gets": "월 GET 수",
        "puts": "월 PUT 수",
        "gb_read": "월 검색 GB",
        "delete_after": "삭제까지 일수 (0 = 삭제 안 함)",
        "ms": "첫 바이트를 밀리초 안에",
        "az": "AZ 하나를 잃어도 살아남아야 함",
        "legacy": "이전 세대 클래스 포함",
        "why_for": "이유 보기",
        "days": "일수",
        "rules_label": "<b>수명 주기 규칙</b> (JSON, <code>put_bucket_lifecycle_configuration</code>에 주는 그대로)",
        "tab_compare": "비교",
        "tab_why": "이유",
        "tab_lifecycle": "수명 주기 타임라인",
        "cheapest_status": "가장 저렴: {name} {total}",
        "no_class": "조건을 만족하는 클래스가 없습니다",
        "prices": " · {region} 요금 {dates}",
        "cheapest": " ★ 가장 저렴",
        "excluded": "제외됨",
        "head": "<tr><th>클래스</th><th>합계</th><th>용도 / 제외 이유</th></tr>",
        "is_excluded": "{name}은(는) 제외됨: {reason}",
        "why_head": "<tr><th>요금 항목</th><th>USD</th><th>계산식과 출처</th></tr>",
        "x_axis": "보관 개월 수",
        "y_axis": "누적 USD (정가)",
        "region_note": "가격을 확인한 리전만 고를 수 있습니다({regions}). 서울(ap-northeast-2)을 비롯한 "
                       "다른 리전의 가격은 다릅니다. 최신 S3 요금 페이지를 보세요.",
        "log_scale": "로그 눈금",
        "plot_title": "{region} 정가 {dates}",
        "unverified_key": "; {mark} = 미확인",
        "day_range": "{a}-{b}일: {name}",
        "day": "{n}일째",
        "dagger_title": "미확인: 상태 줄 아래의 설명을 보세요",
        "unverified_note": "{mark} 표시는 <b>미확인</b> 수치입니다. 정가는 대부분 "
                           "<a href=\"{url}\" target=\"_blank\">AWS의 S3 요금 페이지</a>에서 가져왔는데, 이 "
                           "페이지의 요금표는 스크립트로 그려져서 이 과정을 확인한 날({checked})에는 읽을 수 "
                           "없었습니다. {oldest}부터 날짜가 찍힌 이 페이지의 독립된 사본들과 일치하지만 그 뒤에 "
                           "바뀌었을 수 있습니다. Express One Zone의 가격은 AWS의 S3 FAQ로 확인했습니다. "
                           "클래스 속성은 AWS 문서로 확인했으나 다음은 확인하지 못했습니다: {props}.",
        "prop_durability_percent": "내구성",
        "prop_availability_percent": "가용성",
        "prop_sla_percent": "SLA",
        "prop_availability_zones": "AZ 수",
        "prop_survives_az_loss": "AZ 손실 시 유지",
        "prop_min_storage_days": "최소 스토리지 기간",
        "prop_min_billable_kb": "최소 청구 크기",
        "prop_overhead_kb_at_standard_rate": "Standard 요금으로 내는 오버헤드",
        "prop_overhead_kb_at_class_rate": "해당 클래스 요금으로 내는 오버헤드",
        "prop_retrieval_fee": "검색 요금",
        "prop_first_byte_latency": "첫 바이트 지연 시간",
        "prop_millisecond_access": "밀리초 액세스",
        "lc_status": "{objects} × {size} KB, {days} 동안: {usd}",
        "objects_one": "객체 {n}개",
        "objects_many": "객체 {n}개",
        "days_one": "{n}일",
        "days_many": "{n}일",
        "state_deleted": "삭제됨",
        "state_aborted": "중단됨",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


# The English words, for code that names a property (the tests, the data file's reviewers).
PROPERTY_WORDS = {name: TEXT["en"][f"prop_{name}"] for name in _PROPERTIES}


def property_word(name: str) -> str:
    """A class property of ``storage_classes.toml`` in the chapter's language (its key if unknown)."""
    return _t(f"prop_{name}") if name in PROPERTY_WORDS else name


def _count(n: float, noun: str) -> str:
    return _t(f"{noun}_{'one' if n == 1 else 'many'}", n=readable(n))


def unverified_note() -> str:
    """The note under the status line: which prices and which class properties are unverified.

    Built from the data file's ``verified`` flags, so the words cannot claim more than the data.
    """
    checked, oldest = price_dates()
    props = "; ".join(f"{sc}: {', '.join(property_word(p) for p in names)}"
                      for sc, names in unverified_properties().items())
    return ('<div style="color:#555;font-size:90%;border-left:3px solid #ccc;padding-left:6px">'
            + _t("unverified_note", mark=UNVERIFIED_MARK, url=PRICING_URL, checked=checked, oldest=oldest,
                 props=html.escape(props)) + "</div>")


# Left column labels are short; the right column holds "delete after days (0 = never)".
LEFT = dict(style={"description_width": "130px"}, layout=W.Layout(width="290px"))
RIGHT = dict(style={"description_width": "215px"}, layout=W.Layout(width="345px"))


def _dates(region: str) -> str:
    """When the prices were checked and, where older, how old their sources are."""
    checked, oldest = price_dates(region)
    return _t("checked", checked=checked) + (_t("sources_dated", oldest=oldest) if oldest else "")


def _money(usd: float) -> str:
    return f"${usd:,.2f}" if usd >= 0.01 or usd == 0 else f"${usd:.6f}"


def _state(segment: str) -> str:
    """A timeline segment's name: a storage class as S3 writes it, or "deleted"/"aborted" in words."""
    return _t(f"state_{segment}") if segment in ("deleted", "aborted") else segment


def _dagger(verified: bool) -> str:
    title = html.escape(_t("dagger_title"), quote=True)
    return "" if verified else f'<sup title="{title}" style="color:#888">{UNVERIFIED_MARK}</sup>'


def _stale(good_html: str, what: str) -> str:
    """``good_html`` dimmed under a note that it is out of date."""
    note = f'<p style="color:#b00;margin:2px 0">{html.escape(_t(f"stale_{what}"))}</p>'
    return note + f'<div style="opacity:0.35">{good_html}</div>' if good_html else note


class StorageClassesView(W.VBox):
    """Compare S3 storage classes for a workload; results are read-only attributes.

    Attributes:
        comparison: the latest :class:`Comparison` (None after an input error).
        selected: the :class:`Estimate` shown in the "why" panel.
        timeline: the latest lifecycle timeline (None after a rule error).
        status: the status line's text.
        stale: True while the table and "why" panel show the last valid input.
        curves: cumulative cost per month of each plotted class.
        plotted_classes: the classes drawn in the plot, cheapest first (empty when hidden).
        plot_png: the plot as PNG bytes.
    """

    def __init__(self, debounce_seconds: float = 0.3):
        self._debounce, self._pending = debounce_seconds, None
        self._comparison: Comparison | None = None
        self._selected: Estimate | None = None
        self._timeline = None
        self._status_text = ""
        self._is_stale = False
        self._good_table = self._good_why = self._good_lc_view = ""
        self._curves: dict[str, list[float]] = {}
        self._plotted: tuple[str, ...] = ()
        self._heights: dict[str, float] = {}
        self._objects = W.IntText(100_000, description=_t("objects"), continuous_update=False, **LEFT)
        self._size_kb = W.FloatText(256.0, description=_t("size"), continuous_update=False, **LEFT)
        self._months = W.IntSlider(12, min=1, max=60, description=_t("months"), continuous_update=False, **LEFT)
        # Only Regions with prices in the data file: any other could only ever show an error.
        regions = priced_regions()
        self._region = W.Dropdown(options=regions, value="us-east-1" if "us-east-1" in regions else regions[0],
                                  description=_t("region"), **LEFT)
        self._region_note = W.HTML(f'<small style="color:#555">{html.escape(_t("region_note", regions=", ".join(regions)))}</small>')
        self._gets = W.FloatText(10_000, description=_t("gets"), continuous_update=False, **RIGHT)
        self._puts = W.FloatText(1_000, description=_t("puts"), continuous_update=False, **RIGHT)
        self._gb_read = W.FloatText(5.0, description=_t("gb_read"), continuous_update=False, **RIGHT)
        self._delete_after = W.IntText(0, description=_t("delete_after"), continuous_update=False,
                                       **RIGHT)
        tick = dict(indent=False, layout=W.Layout(width="auto", margin="0 24px 0 0"))
        self._ms = W.Checkbox(False, description=_t("ms"), **tick)
        self._az = W.Checkbox(False, description=_t("az"), **tick)
        self._legacy = W.Checkbox(False, description=_t("legacy"), **tick)
        self._status = W.HTML()
        self._note = W.HTML()
        self._table = W.HTML()
        # PNG bytes in an Image, not an Output: a debounced callback has no parent message to capture into.
        self._plot = W.Image(format="png", layout=W.Layout(max_width="700px"))
        self._pick = W.Dropdown(options=CLASS_IDS, value="STANDARD_IA", description=_t("why_for"))
        self._why = W.HTML()
        self._rules = W.Textarea(json.dumps(DEFAULT_RULES, indent=1), rows=10, continuous_update=False,
                                 layout=W.Layout(width="100%"))
        self._lc_days = W.IntSlider(400, min=1, max=1000, description=_t("days"), continuous_update=False)
        self._lc_status = W.HTML()
        self._lc_view = W.HTML()
        for c in (self._objects, self._size_kb, self._months, self._gets, self._puts, self._gb_read,
                  self._delete_after, self._region, self._ms, self._az, self._legacy, self._pick,
                  self._rules, self._lc_days):
            c.observe(self._schedule, names="value")
        wrap = W.Layout(flex_flow="row wrap")
        inputs = W.HBox([W.VBox([self._objects, self._size_kb, self._months, self._region],
                                layout=W.Layout(margin="0 16px 0 0")),
                         W.VBox([self._gets, self._puts, self._gb_read, self._delete_after])], layout=wrap)
        ticks = W.HBox([self._ms, self._az, self._legacy], layout=wrap)
        rules_label = W.HTML(_t("rules_label"))
        tabs = W.Tab([W.VBox([self._table, self._plot]), W.VBox([self._pick, self._why]),
                      W.VBox([rules_label, self._rules, self._lc_days, self._lc_status, self._lc_view])])
        for i, t in enumerate(("tab_compare", "tab_why", "tab_lifecycle")):
            tabs.set_title(i, _t(t))
        super().__init__([inputs, self._region_note, ticks, self._status, self._note, tabs])
        self._update()

    comparison = property(lambda self: self._comparison)
    selected = property(lambda self: self._selected)
    timeline = property(lambda self: self._timeline)
    status = property(lambda self: self._status_text)
    stale = property(lambda self: self._is_stale)
    curves = property(lambda self: dict(self._curves))
    plotted_classes = property(lambda self: self._plotted)
    plot_png = property(lambda self: bytes(self._plot.value))
    curve_heights = property(lambda self: dict(self._heights),
                             doc="Where each curve ends, as a fraction of the plot's height (0 bottom, 1 top).")

    def _schedule(self, _change=None):
        self._pending = call_when_settled(self._update, self._debounce, self._pending)

    def _workload(self) -> Workload:
        return Workload(objects=self._objects.value, object_size_kb=self._size_kb.value,
                        months_kept=self._months.value, gets_per_month=self._gets.value,
                        puts_per_month=self._puts.value, gb_retrieved_per_month=self._gb_read.value,
                        delete_after_days=self._delete_after.value or None, region=self._region.value)

    def _update(self):
        self._pending = None
        try:
            w = self._workload()
            c = compare(w, Constraints(self._ms.value, self._az.value, self._legacy.value))
        except ValueError as e:
            self._show_error(e)
        else:
            self._comparison, self._is_stale = c, False
            self._selected = next((e for e in c.ranked if e.storage_class == self._pick.value), None)
            best = c.cheapest
            self._status_text = ("✓ " + (_t("cheapest_status", name=best.storage_class, total=_money(best.total_usd))
                                         + ("" if best.verified else " " + UNVERIFIED_MARK)
                                         if best else _t("no_class"))
                                 + _t("prices", region=w.region, dates=_dates(w.region)))
            self._status.value = html.escape(self._status_text)
            self._note.value = "" if all(e.verified for e in c.ranked) else unverified_note()
            self._good_table, self._good_why = self._table_html(c), self._why_html(c)
            self._table.value, self._why.value = self._good_table, self._good_why
            self._draw(c, w)
        self._update_lifecycle()

    def _show_error(self, e: ValueError):
        """Status shows the error; table and why are dimmed under a stale note; the plot is hidden."""
        self._comparison = self._selected = None
        self._curves, self._plotted, self._is_stale = {}, (), True
        self._status_text = f"⚠ {e}"
        self._status.value = f'<b style="color:#b00">{html.escape(self._status_text)}</b>'
        for view, good in ((self._table, self._good_table), (self._why, self._good_why)):
            view.value = _stale(good, "input")
        self._plot.layout.display = "none"

    def _table_html(self, c: Comparison) -> str:
        rows = []
        for i, e in enumerate(c.ranked):
            mark = _t("cheapest") if i == 0 else ""
            rows.append(f"<tr><td><b>{e.storage_class}</b>{mark}</td>"
                        f"<td>{_money(e.total_usd)}{_dagger(e.verified)}</td>"
                        f"<td>{html.escape(class_use(e.storage_class))}</td></tr>")
        for sc, reason in c.excluded:
            rows.append(f'<tr style="color:#999"><td><s>{sc}</s></td><td>{_t("excluded")}</td>'
                        f"<td>{html.escape(reason)}</td></tr>")
        return ("<table>" + _t("head")
                + "".join(rows) + "</table>")

    def _why_html(self, c: Comparison) -> str:
        e = self._selected
        if e is None:
            reason = dict(c.excluded).get(self._pick.value, "")
            return f"<i>{html.escape(_t('is_excluded', name=self._pick.value, reason=reason))}</i>"
        rows = "".join(
            f"<tr><td>{html.escape(item_words(l.item))}</td><td>{_money(l.usd)}{_dagger(l.verified or not l.usd)}</td>"
            f"<td>{html.escape(l.formula)}<br><small>{'<br>'.join(html.escape(s) for s in l.sources)}</small></td></tr>"
            for l in e.lines)
        return (f"<b>{e.storage_class}: {_money(e.total_usd)}{_dagger(e.verified)}</b>"
                f"<table>{_t('why_head')}{rows}</table>")

    def _draw(self, c: Comparison, w: Workload):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure
        self._curves = {e.storage_class: cumulative_costs(e.storage_class, w, w.months_kept) for e in c.ranked}
        self._plotted = tuple(self._curves)
        # A bare Figure on an Agg canvas: no pyplot state, nothing left open between redraws.
        fig = Figure(figsize=(7, 3.5), dpi=96)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot()
        months = range(1, w.months_kept + 1)
        for e in c.ranked:
            ax.plot(months, self._curves[e.storage_class], color=COLORS[e.storage_class],
                    label=e.storage_class + ("" if e.verified else f" {UNVERIFIED_MARK}"))
        ax.set_xlabel(_t("x_axis"))
        ax.set_ylabel(_t("y_axis"))
        # Express One Zone costs tens of times what the archive classes do: on a linear axis
        # it sets the scale and squashes the cheap classes flat against zero.
        ends = [v for e in c.ranked for v in self._curves[e.storage_class]]
        if ends and min(ends) > 0:
            ax.set_yscale("log")
            ax.set_ylabel(f"{_t('y_axis')} ({_t('log_scale')})")
        ax.set_title(_t("plot_title", region=w.region, dates=_dates(w.region))
                     + ("" if all(e.verified for e in c.ranked) else _t("unverified_key", mark=UNVERIFIED_MARK)),
                     fontsize=10)
        if c.ranked:
            ax.legend(fontsize=7)
        fig.tight_layout()
        to_axes = ax.transAxes.inverted()
        self._heights = {sc: float(to_axes.transform(ax.transData.transform((len(ys), ys[-1])))[1])
                         for sc, ys in self._curves.items() if ys}
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        self._plot.value = buf.getvalue()
        self._plot.layout.display = None

    def _update_lifecycle(self):
        try:
            rules = json.loads(self._rules.value)
            size = max(0, int(self._size_kb.value * 1024))
            t = simulate_lifecycle(rules, [{"Key": "object", "Size": size}], self._lc_days.value,
                                   region=self._region.value)
        except (ValueError, TypeError, KeyError) as e:
            self._timeline = None
            self._lc_status.value = f'<b style="color:#b00">⚠ {html.escape(str(e))}</b>'
            self._lc_view.value = _stale(self._good_lc_view, "rules")
            return
        self._timeline = t
        n = max(1, self._objects.value)
        status = _t("lc_status", objects=_count(n, "objects"), size=readable(self._size_kb.value),
                    days=_count(t.days, "days"), usd=_money(t.total_usd * n))
        self._lc_status.value = f"✓ {html.escape(status)}{_dagger(t.verified)}"
        bar = "".join(
            f'<div title="{html.escape(_t("day_range", a=a, b=b, name=_state(s)))}" style="display:inline-block;'
            f"height:22px;width:{100 * (b - a + 1) / t.days:.3f}%;background:{COLORS.get(s, '#ddd')};"
            f'border-right:1px solid #fff;font-size:10px;overflow:hidden">{html.escape(_state(s))}</div>'
            for a, b, s in t.segments("object"))
        events = "".join(f"<li>{_t('day', n=e.day)}: {html.escape(e.summary)}"
                         f"{f' ({_money(e.usd * n)})' if e.usd else ''}</li>" for e in t.events)
        self._good_lc_view = f'<div style="width:100%;white-space:nowrap">{bar}</div><ul>{events}</ul>'
        self._lc_view.value = self._good_lc_view
