"""EC2 purchase-option comparison: a usage profile in, four options' costs, reasons and a bar chart out."""

from __future__ import annotations

import base64
import html

import ipywidgets as W

from course import ec2_pricing
from course.diagrams import png
from course.figures.ec2 import purchase_options_figure
from course.i18n import text
from course.purchase_options import Comparison, ProfileError, UsageProfile, compare_options
from course.widgets.fallback import with_fallback

REGIONS = ("ap-northeast-2", "us-east-1")
TEXT = {
    "en": {
        "type": "instance type",
        "region": "Region",
        "hours": "hours per day",
        "months": "months",
        "interruptible": "the work can be interrupted",
        "commitment": "commitment",
        "none": "none",
        "one": "1 year",
        "three": "3 years",
        "ok": "✓ {itype} in {region}: cheapest is {name} at ${total:,.2f} over {months} months.",
        "error": "⚠ {message}",
        "stale": "⚠ Showing the last valid comparison; fix the input above to update.",
        "col_option": "option",
        "col_hour": "$ / hour",
        "col_month": "$ / month",
        "col_total": "total",
        "col_billed": "months billed",
        "col_why": "why",
        "cheapest": "★ cheapest",
        "unavailable": "not available",
        "note": ("† marks an unverified figure. On-Demand rates come from copies of AWS's price list "
                 "(AWS's price pages draw their tables by script, so they could not be read there); Savings "
                 "Plan, Reserved Instance and Spot rates apply an <b>illustrative</b> discount to it "
                 "(AWS's stated maxima: Savings Plans up to {sp:.0%}, Spot up to {spot:.0%}). Check the "
                 "AWS Pricing Calculator before you buy. Linux, shared tenancy, a 730-hour month."),
    },
    "ko": {
        "type": "인스턴스 유형",
        "region": "리전",
        "hours": "하루 사용 시간",
        "months": "개월 수",
        "interruptible": "작업이 중단되어도 됨",
        "commitment": "약정",
        "none": "없음",
        "one": "1년",
        "three": "3년",
        "ok": "✓ {region}의 {itype}: {months}개월 동안 가장 싼 것은 {name}, ${total:,.2f}.",
        "error": "⚠ {message}",
        "stale": "⚠ 마지막으로 유효했던 비교를 보여 줍니다. 위 입력을 고치면 갱신됩니다.",
        "col_option": "옵션",
        "col_hour": "$ / 시간",
        "col_month": "$ / 월",
        "col_total": "합계",
        "col_billed": "청구 개월 수",
        "col_why": "이유",
        "cheapest": "★ 가장 저렴",
        "unavailable": "사용 불가",
        "note": "†는 확인하지 못한 수치입니다. 온디맨드 요금은 AWS 가격 목록의 사본에서 왔습니다(AWS 요금 페이지는 표를 스크립트로 그려서 거기서 읽을 수 없었습니다). Savings Plan, 예약 인스턴스, 스팟 요금은 여기에 <b>예시용</b> 할인을 적용한 것입니다(AWS가 밝힌 최대 할인: Savings Plans 최대 {sp:.0%}, 스팟 최대 {spot:.0%}). 구매 전에 AWS Pricing Calculator로 확인하세요. Linux, 공유 테넌시, 한 달 730시간 기준.",
    },
}


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)


def _money(usd: float) -> str:
    return f"${usd:,.4f}" if usd < 1 else f"${usd:,.2f}"


def comparison_html(c: Comparison) -> str:
    """The comparison as an HTML table, cheapest marked, each option with its reasoning."""
    cheapest = c.cheapest.key
    head = "".join(f"<th style='text-align:left;padding:2px 6px'>{_t(k)}</th>" for k in (
        "col_option", "col_hour", "col_month", "col_total", "col_billed", "col_why"))
    rows = []
    for o in c.options:
        dag = "" if o.verified else " †"
        name = html.escape(o.name) + (f" <b>{_t('cheapest')}</b>" if o.key == cheapest else "")
        if o.available:
            cells = [name, _money(o.hourly_usd) + dag, _money(o.monthly_usd) + dag, _money(o.total_usd) + dag,
                     str(o.billed_months)]
        else:
            cells = [f"<s>{html.escape(o.name)}</s>", _t("unavailable"), "", "", ""]
        cells.append(f"<span style='font-size:90%'>{html.escape(o.reasoning)}</span>")
        style = "background:#fff4e5" if o.key == cheapest else "color:#888" if not o.available else ""
        rows.append(f"<tr style='{style}'>" + "".join(f"<td style='padding:2px 6px;vertical-align:top'>{x}</td>"
                                                      for x in cells) + "</tr>")
    return f"<table style='border-collapse:collapse'><tr>{head}</tr>{''.join(rows)}</table>"


def note_html() -> str:
    return ("<div style='color:#555;font-size:90%;border-left:3px solid #ccc;padding-left:6px'>"
            + _t("note", sp=ec2_pricing.maximum("savings_plans").value, spot=ec2_pricing.maximum("spot").value)
            + "</div>")


class PurchaseOptionsView(W.VBox):
    """Controls for a usage profile; the table, chart and status follow every change.

    Attributes:
        comparison: the latest valid `Comparison`, or None after an input error.
        status: the status line's text.
        plot_png: the chart as PNG bytes.
    """

    def __init__(self, profile: UsageProfile = UsageProfile()):
        style = {"description_width": "120px"}
        self._region = W.Dropdown(options=REGIONS, value=profile.region, description=_t("region"), style=style)
        self._type = W.Dropdown(options=ec2_pricing.priced_types()[profile.region], value=profile.instance_type,
                                description=_t("type"), style=style)
        self._hours = W.FloatText(profile.hours_per_day, description=_t("hours"), style=style)
        self._months = W.IntText(profile.months, description=_t("months"), style=style)
        self._interruptible = W.Checkbox(profile.interruptible, description=_t("interruptible"), indent=False)
        self._commitment = W.ToggleButtons(options=[(_t("none"), 0), (_t("one"), 1), (_t("three"), 3)],
                                           value=profile.commitment_years, description=_t("commitment"),
                                           style=style)
        self._status = W.HTML()
        self._table = W.HTML()
        self._plot = W.Image(format="png", layout=W.Layout(max_width="760px"))
        self.comparison: Comparison | None = None
        self.status = ""
        self.plot_png = b""
        self._good_table = ""
        self._region.observe(self._region_changed, names="value")
        for c in (self._type, self._hours, self._months, self._interruptible, self._commitment):
            c.observe(lambda _change: self._update(), names="value")
        inputs = W.HBox([W.VBox([self._region, self._type, self._hours, self._months]),
                         W.VBox([self._commitment, self._interruptible])], layout=W.Layout(flex_flow="row wrap"))
        super().__init__([inputs, self._status, self._table, self._plot, W.HTML(note_html())])
        self._update()

    def _region_changed(self, change) -> None:
        current = self._type.value
        types = ec2_pricing.priced_types()[change["new"]]
        # Replacing options resets the value; keep the type when the new Region has it.
        with self.hold_trait_notifications():
            self._type.options = types
            self._type.value = current if current in types else types[0]
        self._update()

    def _update(self) -> None:
        try:
            profile = UsageProfile(self._type.value, self._region.value, self._hours.value, self._months.value,
                                   self._interruptible.value, self._commitment.value)
        except ProfileError as e:
            self.comparison = None
            self.status = _t("error", message=str(e))
            self._status.value = (f"<p style='color:#b00'>{html.escape(self.status)}</p>"
                                  f"<p style='color:#b00'>{_t('stale')}</p>")
            self._table.value = f"<div style='opacity:0.35'>{self._good_table}</div>"
            return
        c = compare_options(profile)
        best = c.cheapest
        self.comparison = c
        self.status = _t("ok", itype=profile.instance_type, region=profile.region, name=best.name,
                         total=best.total_usd, months=best.billed_months)
        self._status.value = f"<p style='color:#1a7f37'>{html.escape(self.status)}</p>"
        self._good_table = self._table.value = comparison_html(c)
        self.plot_png = png(purchase_options_figure(c))
        self._plot.value = self.plot_png


def show_purchase_options(**profile):
    """The comparison widget, with the table and chart as a static stand-in for pages without a kernel."""
    view = PurchaseOptionsView(UsageProfile(**profile))
    chart = base64.b64encode(view.plot_png).decode("ascii")
    static = f"{view._table.value}<img src='data:image/png;base64,{chart}' style='max-width:760px'>{note_html()}"
    return with_fallback(view, html=static)
