"""Cost meter: the sandbox's running bill and its costliest lines, redrawn when the clock moves.

The pricing is :mod:`course.cost_meter`; the meter that reads the sandbox is
:mod:`labs.cost_state`; this view only wires controls to them.
"""

from __future__ import annotations

import html

import ipywidgets as W

from course.cost_meter import UNVERIFIED_MARK, Bill, CostMeterError, Ledger
from course.i18n import text
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import table_html

TEXT = {
    "en": {
        "title": "Cost meter (list prices, {region})",
        "total": "Spent so far: <b>{usd}</b> over {days} virtual days",
        "rate": "Running now: {hour} per hour, {month} per 730-hour month",
        "top": "top lines",
        "advance": "advance by",
        "go": "Advance the clock",
        "head_line": "line",
        "head_so_far": "so far",
        "head_month": "per month now",
        "nothing": "Nothing billable yet: launch something, then advance the clock.",
        "missing": "Not priced: {items}",
        "footnote": f"{UNVERIFIED_MARK} price not confirmed on an AWS page (see course/data). "
                    "Not metered: data transfer, NAT data processed, load balancer capacity units, "
                    "DynamoDB on-demand requests; free tiers not subtracted.",
        "day": "1 day",
        "week": "7 days",
        "month": "30 days",
        "year": "365 days",
        "log": "Clock: day {day}. Latest events:",
        "no_events": "Clock: day {day}. Nothing has happened yet.",
        "error": "⚠ {message}",
    },
    "ko": {
        "title": "비용 미터 (정가, {region})",
        "total": "지금까지 쓴 비용: <b>{usd}</b> (가상 {days}일 동안)",
        "rate": "지금 켜져 있는 것: 시간당 {hour}, 730시간 한 달에 {month}",
        "top": "상위 항목 수",
        "advance": "앞으로 돌릴 시간",
        "go": "시계 앞으로 돌리기",
        "head_line": "항목",
        "head_so_far": "지금까지",
        "head_month": "지금 기준 월",
        "nothing": "아직 요금이 붙는 것이 없습니다. 무언가를 만든 뒤 시계를 돌려 보세요.",
        "missing": "가격이 없는 항목: {items}",
        "footnote": f"{UNVERIFIED_MARK} AWS 페이지에서 확인하지 못한 가격 (course/data 참고). "
                    "데이터 전송, NAT 데이터 처리, 로드 밸런서 용량 단위(LCU), DynamoDB 온디맨드 요청은 "
                    "계산하지 않으며 프리 티어도 빼지 않았습니다.",
        "day": "1일",
        "week": "7일",
        "month": "30일",
        "year": "365일",
        "log": "시계: {day}일째. 최근 일어난 일:",
        "no_events": "시계: {day}일째. 아직 일어난 일이 없습니다.",
        "error": "⚠ {message}",
    },
}
STEPS = (("day", 1), ("week", 7), ("month", 30), ("year", 365))
LOG_LINES = 5


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)


def usd(x: float) -> str:
    """Dollars for a bill: cents from $0.01, more digits below it (``usd(0.00042) == "$0.00042"``)."""
    if x == 0:
        return "$0.00"
    return f"${x:,.2f}" if abs(x) >= 0.01 else f"${x:.2g}"


def meter_html(ledger: Ledger, bill: Bill, top: int, log_lines: list[str], day: int) -> str:
    """The meter as HTML: the running total, the rate now, the ``top`` costliest lines and the log."""
    parts = [f"<h4>{html.escape(_t('title', region=bill.region))}</h4>",
             f"<div>{_t('total', usd=usd(ledger.total_usd), days=f'{ledger.hours / 24:g}')}</div>",
             f"<div>{html.escape(_t('rate', hour=usd(bill.hourly_usd), month=usd(bill.monthly_usd)))}</div>"]
    monthly = {line.key: line.monthly_usd for line in bill.lines}
    keys = sorted(ledger.totals, key=lambda k: -ledger.totals[k])[:top]
    if not keys:
        keys = [line.key for line in sorted(bill.lines, key=lambda x: -x.hourly_usd)][:top]
    labels = {**{line.key: line.label for line in bill.lines}, **ledger.labels}
    ok = {**{line.key: line.rate.verified for line in bill.lines}, **ledger.verified}
    if keys:
        rows = [[labels[k] + ("" if ok.get(k, True) else f" {UNVERIFIED_MARK}"),
                 usd(ledger.totals.get(k, 0.0)), usd(monthly[k]) if k in monthly else "–"] for k in keys]
        parts.append(table_html([_t("head_line"), _t("head_so_far"), _t("head_month")], rows))
    else:
        parts.append(f"<p>{html.escape(_t('nothing'))}</p>")
    if bill.missing:
        parts.append(f"<p>{html.escape(_t('missing', items='; '.join(bill.missing)))}</p>")
    heading = _t("log", day=day) if log_lines else _t("no_events", day=day)
    parts.append(f"<p>{html.escape(heading)}</p>")
    if log_lines:
        parts.append("<pre>" + html.escape("\n".join(log_lines[-LOG_LINES:])) + "</pre>")
    parts.append(f"<p><small>{html.escape(_t('footnote'))}</small></p>")
    return "\n".join(parts)


class CostMeterView:
    """Controls (how many lines, how far to advance) and the meter's HTML."""

    def __init__(self, sandbox, meter, top: int = 5):
        self.sandbox, self.meter = sandbox, meter
        self.top = W.BoundedIntText(value=top, min=1, max=20, description=_t("top"))
        self.step = W.Dropdown(options=[(_t(k), n) for k, n in STEPS], value=30, description=_t("advance"))
        self.go = W.Button(description=_t("go"), button_style="primary")
        self.output = W.HTML()
        self.top.observe(lambda _: self.refresh(), names="value")
        self.go.on_click(lambda _: self.advance())
        meter.watch(self.refresh)
        self.widget = W.VBox([W.HBox([self.step, self.go, self.top]), self.output])
        self.refresh()

    def advance(self) -> None:
        """Advance the sandbox's clock by the chosen number of days (the meter redraws)."""
        try:
            self.sandbox.clock.advance(days=self.step.value)
        except (ValueError, CostMeterError) as e:
            self.output.value = html.escape(_t("error", message=str(e)))

    def refresh(self, bill: Bill | None = None) -> None:
        """Redraw from the meter's ledger and ``bill`` (read now if not given)."""
        try:
            bill = bill or self.meter.bill()
            lines = [e.line(self.sandbox.clock.epoch) for e in self.sandbox.clock.events]
            self.output.value = meter_html(self.meter.ledger, bill, self.top.value, lines, self.sandbox.clock.day)
        except (ValueError, CostMeterError) as e:
            self.output.value = html.escape(_t("error", message=str(e)))


def show_cost_meter(sandbox, price_region: str = "us-east-1", top: int = 5):
    """The sandbox's cost meter, with a static copy of its first view for pages without a kernel."""
    try:
        meter = sandbox.cost_meter(price_region)
    except CostMeterError as e:
        message = html.escape(_t("error", message=str(e)))
        return with_fallback(W.HTML(message), html=message)
    view = CostMeterView(sandbox, meter, top)
    return with_fallback(view.widget, html=view.output.value)
