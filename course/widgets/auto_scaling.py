"""Auto Scaling simulation view: a load curve and a group's settings in; instances, capacity and cost out."""

from __future__ import annotations

import base64
import html
import io

import ipywidgets as W

from course import ec2_pricing
from course.auto_scaling import (CURVES, AutoScalingInputError, ScheduledAction, Simulation, TargetTracking,
                                 load_curve, peak_sized_fleet, simulate)
from course.i18n import text
from course.widgets.debounce import call_when_settled
from course.widgets.fallback import with_fallback

TEXT = {
    "en": {
        "curve": "load curve",
        "days": "days",
        "step": "step (min)",
        "base": "base load",
        "peak": "peak load",
        "per_instance": "req/s per instance",
        "min": "min size",
        "max": "max size",
        "desired": "desired",
        "target": "target CPU %",
        "warmup": "warm-up (min)",
        "scale_in_wait": "scale-in wait (min)",
        "scale_in": "allow scale-in",
        "scheduled_min": "scheduled min (0 = off)",
        "scheduled_hours": "scheduled hours",
        "failure": "an instance fails at 10:00 each day",
        "region": "Region",
        "instance_type": "instance type",
        "ok": "✓ {hours} instance-hours × {price} = {cost} · peak {peak} instances · unserved {unserved} of the load",
        "error": "⚠ {message}",
        "no_price": "⚠ {message}",
        "fixed": "A fixed fleet sized for the busiest step ({fleet} instances) would cost {cost} for the same period.",
        "price_note": "On-Demand Linux price of {itype} in {region}: {price} per hour; source: {cite}",
        "unverified": "{mark} unverified: AWS's price page draws its tables by script, so this rate comes "
                      "from the source named and may have changed.",
        "events": "What the group did ({count})",
        "stale": "The plot and numbers below are from the last valid settings; fix the error above to update.",
        "load_label": "load (requests/s)",
        "capacity_label": "serving capacity at 100 % CPU",
        "target_label": "capacity at the target utilisation",
        "unserved_label": "unserved load",
        "instances_label": "instances running (billed)",
        "cost_label": "cumulative cost (USD)",
        "hours_axis": "hours",
        "title": "{curve}: {cost} for {days} day(s) on {itype} in {region}",
    },
    "ko": {
        "curve": "부하 곡선",
        "days": "일수",
        "step": "간격(분)",
        "base": "기본 부하",
        "peak": "최대 부하",
        "per_instance": "인스턴스당 req/s",
        "min": "최소 크기",
        "max": "최대 크기",
        "desired": "원하는 용량",
        "target": "목표 CPU %",
        "warmup": "워밍업(분)",
        "scale_in_wait": "스케일 인 대기(분)",
        "scale_in": "스케일 인 허용",
        "scheduled_min": "예약 최소값 (0 = 끔)",
        "scheduled_hours": "예약 시간대",
        "failure": "매일 10:00에 인스턴스 하나가 실패",
        "region": "리전",
        "instance_type": "인스턴스 유형",
        "ok": "✓ 인스턴스 시간 {hours} × {price} = {cost} · 최대 인스턴스 {peak}개 · 처리 못 한 부하 {unserved}",
        "error": "⚠ {message}",
        "no_price": "⚠ {message}",
        "fixed": "가장 바쁜 구간에 맞춘 고정 플릿(인스턴스 {fleet}개)이라면 같은 기간에 {cost}이(가) 듭니다.",
        "price_note": "{region}의 {itype} 온디맨드 Linux 요금: 시간당 {price}. 출처: {cite}",
        "unverified": "{mark} 미확인: AWS 요금 페이지는 표를 스크립트로 그리므로, 이 요금은 표시된 출처에서 가져왔고 바뀌었을 수 있습니다.",
        "events": "그룹이 한 일 ({count})",
        "stale": "아래 그래프와 숫자는 마지막으로 유효했던 설정의 결과입니다. 위의 오류를 고치면 갱신됩니다.",
        "load_label": "부하 (요청/초)",
        "capacity_label": "CPU 100 %일 때 처리 용량",
        "target_label": "목표 사용률에서의 용량",
        "unserved_label": "처리 못 한 부하",
        "instances_label": "실행 중인 인스턴스 (과금)",
        "cost_label": "누적 비용 (USD)",
        "hours_axis": "시간",
        "title": "{curve}: {region}의 {itype}로 {days}일에 {cost}",
    },
}
LEFT = dict(style={"description_width": "150px"}, layout=W.Layout(width="330px"))


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)


def _money(usd: float) -> str:
    return f"${usd:,.2f}"


class AutoScalingView(W.VBox):
    """Simulate an Auto Scaling group with target tracking; read-only results as attributes.

    Attributes:
        simulation: the latest :class:`Simulation` (None after an input error).
        status: the status line's text.
        stale: True while the plot shows the last valid settings.
        plot_png: the plot as PNG bytes.
        summary: the summary's HTML (cost, fixed fleet, price source).
    """

    def __init__(self, debounce_seconds: float = 0.3, region: str = "us-east-1", instance_type: str = "m5.large"):
        self._debounce, self._pending = debounce_seconds, None
        self._simulation: Simulation | None = None
        self._status_text, self._is_stale = "", False
        slider = dict(continuous_update=False, **LEFT)
        self._curve = W.Dropdown(options=CURVES, value="daily peak", description=_t("curve"), **LEFT)
        self._days = W.Dropdown(options=[1, 7], value=1, description=_t("days"), **LEFT)
        self._step = W.Dropdown(options=[10, 30, 60], value=10, description=_t("step"), **LEFT)
        self._base = W.IntSlider(100, min=0, max=2000, step=10, description=_t("base"), **slider)
        self._peak = W.IntSlider(400, min=0, max=2000, step=10, description=_t("peak"), **slider)
        self._per_instance = W.IntSlider(100, min=10, max=1000, step=10, description=_t("per_instance"), **slider)
        self._min = W.IntSlider(1, min=0, max=40, description=_t("min"), **slider)
        self._max = W.IntSlider(10, min=0, max=40, description=_t("max"), **slider)
        self._desired = W.IntSlider(2, min=0, max=40, description=_t("desired"), **slider)
        self._target = W.IntSlider(50, min=10, max=100, step=5, description=_t("target"), **slider)
        self._warmup = W.IntSlider(5, min=0, max=60, description=_t("warmup"), **slider)
        self._wait = W.IntSlider(15, min=0, max=120, step=5, description=_t("scale_in_wait"), **slider)
        tick = dict(indent=False, layout=W.Layout(width="auto", margin="0 24px 0 0"))
        self._scale_in = W.Checkbox(True, description=_t("scale_in"), **tick)
        self._failure = W.Checkbox(False, description=_t("failure"), **tick)
        self._scheduled_min = W.IntSlider(0, min=0, max=40, description=_t("scheduled_min"), **slider)
        self._scheduled_hours = W.IntRangeSlider(value=(8, 20), min=0, max=23, description=_t("scheduled_hours"),
                                                 **slider)
        regions = tuple(ec2_pricing.priced_types())
        self._region = W.Dropdown(options=regions, value=region if region in regions else regions[0],
                                  description=_t("region"), **LEFT)
        self._itype = W.Dropdown(description=_t("instance_type"), **LEFT)
        self._fill_types(instance_type)
        self._status = W.HTML()
        self._summary = W.HTML()
        # PNG bytes in an Image, not an Output: a debounced callback has no parent message to capture into.
        self._plot = W.Image(format="png", layout=W.Layout(max_width="760px"))
        self._events = W.HTML()
        self._region.observe(self._on_region, names="value")
        for c in (self._curve, self._days, self._step, self._base, self._peak, self._per_instance, self._min,
                  self._max, self._desired, self._target, self._warmup, self._wait, self._scale_in, self._failure,
                  self._scheduled_min, self._scheduled_hours, self._itype):
            c.observe(self._schedule, names="value")
        wrap = W.Layout(flex_flow="row wrap")
        columns = W.HBox([
            W.VBox([self._curve, self._days, self._step, self._base, self._peak, self._per_instance]),
            W.VBox([self._min, self._max, self._desired, self._target, self._warmup, self._wait]),
            W.VBox([self._region, self._itype, self._scheduled_min, self._scheduled_hours]),
        ], layout=wrap)
        super().__init__([columns, W.HBox([self._scale_in, self._failure], layout=wrap), self._status,
                          self._summary, self._plot, self._events])
        self._update()

    simulation = property(lambda self: self._simulation)
    status = property(lambda self: self._status_text)
    stale = property(lambda self: self._is_stale)
    plot_png = property(lambda self: bytes(self._plot.value))
    summary = property(lambda self: self._summary.value)

    def _fill_types(self, preferred: str | None = None):
        types = ec2_pricing.priced_types()[self._region.value]
        keep = preferred or self._itype.value
        self._itype.options = types
        self._itype.value = keep if keep in types else types[0]

    def _on_region(self, _change=None):
        self._fill_types()
        self._schedule()

    def _schedule(self, _change=None):
        self._pending = call_when_settled(self._update, self._debounce, self._pending)

    def _inputs(self):
        step = self._step.value
        load = load_curve(self._curve.value, days=self._days.value, step_minutes=step,
                          base=self._base.value, peak=self._peak.value)
        policy = TargetTracking(target_percent=self._target.value, capacity_per_instance=self._per_instance.value,
                                warmup_minutes=self._warmup.value, scale_in_wait_minutes=self._wait.value,
                                disable_scale_in=not self._scale_in.value)
        schedule = ()
        if self._scheduled_min.value:
            start, end = self._scheduled_hours.value
            schedule = (ScheduledAction(start, min_size=self._scheduled_min.value, name="scheduled min up"),
                        ScheduledAction(end, min_size=self._min.value, name="scheduled min back"))
        failures = ()
        if self._failure.value:
            per_day = round(24 * 60 / step)
            failures = tuple((d * per_day + round(10 * 60 / step), 1) for d in range(self._days.value))
        return load, policy, schedule, failures

    def _update(self):
        self._pending = None
        try:
            price = ec2_pricing.on_demand_price(self._itype.value, self._region.value)
            load, policy, schedule, failures = self._inputs()
            sim = simulate(load, min_size=self._min.value, max_size=self._max.value, desired=self._desired.value,
                           hourly_usd=float(price.value), policy=policy, step_minutes=self._step.value,
                           schedule=schedule, failures=failures)
        except (AutoScalingInputError, ValueError) as e:
            self._show_error(e)
            return
        self._simulation, self._is_stale = sim, False
        mark = "" if price.verified else f" {ec2_pricing.UNVERIFIED_MARK}"
        self._status_text = _t("ok", hours=f"{sim.instance_hours:,.1f}", price=f"${float(price.value):g}/h{mark}",
                               cost=_money(sim.total_cost_usd), peak=sim.peak_running,
                               unserved=f"{sim.unserved_percent:.1f} %")
        self._status.value = f"<b>{html.escape(self._status_text)}</b>"
        fleet = peak_sized_fleet(load, policy)
        fixed_cost = fleet * len(load) * self._step.value / 60 * float(price.value)
        lines = [_t("fixed", fleet=fleet, cost=_money(fixed_cost)),
                 _t("price_note", itype=self._itype.value, region=self._region.value,
                    price=f"${float(price.value):g}{mark}", cite=price.cite())]
        if not price.verified:
            lines.append(_t("unverified", mark=ec2_pricing.UNVERIFIED_MARK))
        self._summary.value = "".join(f"<div>{html.escape(x)}</div>" for x in lines)
        items = "".join(f"<li>{html.escape(e)}</li>" for e in sim.events)
        self._events.value = (f"<details><summary>{html.escape(_t('events', count=len(sim.events)))}</summary>"
                              f"<ul>{items}</ul></details>")
        self._draw(sim)

    def _show_error(self, e: Exception):
        self._simulation, self._is_stale = None, True
        self._status_text = _t("error", message=str(e))
        self._status.value = (f'<b style="color:#b00">{html.escape(self._status_text)}</b>'
                              f'<div style="color:#b00">{html.escape(_t("stale"))}</div>')
        self._plot.layout.opacity = "0.35"

    def _draw(self, sim: Simulation):
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        fig = Figure(figsize=(7.6, 5.2), dpi=96)
        FigureCanvasAgg(fig)
        top, bottom = fig.subplots(2, 1, sharex=True, gridspec_kw={"height_ratios": [3, 2]})
        hours = [s.hour for s in sim.steps]
        step_h = sim.step_minutes / 60
        edges = hours + [hours[-1] + step_h]
        per = sim.policy.capacity_per_instance
        capacity = [s.serving * per for s in sim.steps]
        at_target = [c * sim.policy.target_percent / 100 for c in capacity]
        load = sim.series("load")
        top.stairs(load, edges, baseline=None, color="#232f3e", linewidth=1.6, label=_t("load_label"))
        top.stairs(capacity, edges, baseline=None, color="#ed7100", linewidth=1.4, label=_t("capacity_label"))
        top.stairs(at_target, edges, baseline=None, color="#ed7100", linestyle="--", linewidth=1,
                   label=_t("target_label"))
        if sim.total_unserved:
            # Shade only where the load is above what the serving instances can take.
            top.stairs([max(x, c) for x, c in zip(load, capacity)], edges, baseline=capacity, fill=True,
                       color="#dd344c", alpha=0.45, label=_t("unserved_label"))
        top.set_ylim(bottom=0)
        top.legend(fontsize=7, loc="upper left")
        top.set_title(_t("title", curve=self._curve.value, cost=_money(sim.total_cost_usd), days=self._days.value,
                         itype=self._itype.value, region=self._region.value), fontsize=10)
        bottom.stairs(sim.series("running"), edges, baseline=None, color="#147eba", linewidth=1.6, label=_t("instances_label"))
        bottom.set_ylim(0, max(sim.series("running")) + 1)
        bottom.set_xlabel(_t("hours_axis"))
        bottom.legend(fontsize=7, loc="upper left")
        cost_axis = bottom.twinx()
        cumulative, total = [], 0.0
        for s in sim.steps:
            total += s.cost_usd
            cumulative.append(total)
        cost_axis.plot(edges[1:], cumulative, color="#7aa116", linewidth=1, label=_t("cost_label"))
        cost_axis.set_ylim(bottom=0)
        cost_axis.legend(fontsize=7, loc="lower right")
        # Fixed margins: tight_layout would draw the figure a second time.
        fig.subplots_adjust(left=0.08, right=0.92, top=0.93, bottom=0.09, hspace=0.08)
        buf = io.BytesIO()
        fig.savefig(buf, format="png")
        self._plot.value = buf.getvalue()
        self._plot.layout.opacity = "1"


def static_html(view: AutoScalingView) -> str:
    """The status, summary and plot as one HTML block for pages without a kernel."""
    png = base64.b64encode(view.plot_png).decode("ascii")
    return (f"<p><b>{html.escape(view.status)}</b></p>{view.summary}"
            f'<img src="data:image/png;base64,{png}" style="max-width:760px">')


def show_auto_scaling(**kwargs):
    """The Auto Scaling simulator, with a static picture of its first result as a stand-in."""
    view = AutoScalingView(**kwargs)
    return with_fallback(view, html=static_html(view), png=view.plot_png)
