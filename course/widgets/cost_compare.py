"""On-premises versus cloud: sliders for demand, a cumulative-cost chart, one-line verdict."""

from __future__ import annotations

import html

import ipywidgets as w
from matplotlib.figure import Figure

from course import i18n
from course.cost_compare import Comparison, Prices, compare, demand_curve
from course.diagrams import COLOURS, png
from course.widgets.fallback import with_fallback

TEXT = {
    "en": {
        "months": "months",
        "base": "usual servers",
        "peak": "busiest month",
        "spike": "peak every",
        "title": "Cumulative cost (illustrative units, not AWS prices)",
        "xlabel": "month",
        "ylabel": "cost units so far",
        "onprem": "on-premises: buy for the peak, run it all",
        "cloud": "cloud: pay for what each month uses",
        "verdict_cloud": "After {months} months the cloud costs {cloud:,.0f} and on-premises {onprem:,.0f} units: the cloud is cheaper, because on-premises paid up front for {bought} servers, enough for the busiest month.",
        "verdict_onprem": "After {months} months on-premises costs {onprem:,.0f} and the cloud {cloud:,.0f} units: for this load buying wins from month {from_month} on.",
        "verdict_tie": "After {months} months both cost {cloud:,.0f} units.",
        "note": "Prices are made up (purchase {purchase:g}, running {running:g} and cloud {cloud:g} units per server-month) to show the shape, not the amount.",
        "error": "✗ {message}",
    },
    "ko": {
        "months": "개월 수",
        "base": "평소 서버 수",
        "peak": "가장 바쁜 달",
        "spike": "피크 주기",
        "title": "누적 비용 (예시 단위, AWS 요금 아님)",
        "xlabel": "월",
        "ylabel": "지금까지의 비용 단위",
        "onprem": "온프레미스: 피크에 맞춰 사서 모두 운영",
        "cloud": "클라우드: 달마다 쓴 만큼 지불",
        "verdict_cloud": "{months}개월 뒤 클라우드는 {cloud:,.0f}, 온프레미스는 {onprem:,.0f} 단위입니다: 클라우드가 더 쌉니다. 온프레미스는 가장 바쁜 달에 맞춰 서버 {bought}대를 미리 샀기 때문입니다.",
        "verdict_onprem": "{months}개월 뒤 온프레미스는 {onprem:,.0f}, 클라우드는 {cloud:,.0f} 단위입니다: 이 부하에서는 {from_month}개월째부터 사는 편이 낫습니다.",
        "verdict_tie": "{months}개월 뒤 둘 다 {cloud:,.0f} 단위입니다.",
        "note": "가격은 지어낸 값입니다(구입 {purchase:g}, 운영 {running:g}, 클라우드 {cloud:g} 단위/서버·월). 금액이 아니라 모양을 보여 주려는 것입니다.",
        "error": "✗ {message}",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def chart(c: Comparison) -> Figure:
    """Both cumulative-cost lines over the months."""
    fig = Figure(figsize=(7.5, 3.4))
    ax = fig.add_subplot()
    months = range(1, len(c.demand) + 1)
    ax.plot(months, c.onprem, color=COLOURS["neutral"], linewidth=2, label=_t("onprem"))
    ax.plot(months, c.cloud, color=COLOURS["compute"], linewidth=2, label=_t("cloud"))
    ax.set_title(_t("title"), fontsize=10, loc="left")
    ax.set_xlabel(_t("xlabel"))
    ax.set_ylabel(_t("ylabel"))
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, loc="upper left")
    fig.tight_layout()
    return fig


def verdict(c: Comparison) -> str:
    """One sentence on which is cheaper at the end, and why."""
    values = {"months": len(c.demand), "cloud": c.cloud[-1], "onprem": c.onprem[-1]}
    if c.cheaper_at_end == "cloud":
        return _t("verdict_cloud", bought=c.servers_bought, **values)
    if c.cheaper_at_end == "on-premises":
        return _t("verdict_onprem", from_month=c.onprem_cheaper_from, **values)
    return _t("verdict_tie", **values)


class CostCompareView(w.VBox):
    """Sliders for the demand curve; a chart and a verdict that follow them."""

    def __init__(self, months: int = 36, base: int = 2, peak: int = 10, spike_every: int = 6,
                 prices: Prices = Prices()):
        self.prices = prices
        self.months = w.IntSlider(value=months, min=1, max=60, description=_t("months"))
        self.base = w.IntSlider(value=base, min=0, max=20, description=_t("base"))
        self.peak = w.IntSlider(value=peak, min=0, max=20, description=_t("peak"))
        self.spike_every = w.IntSlider(value=spike_every, min=0, max=12, description=_t("spike"))
        for s in (self.months, self.base, self.peak, self.spike_every):
            s.continuous_update = False
            s.style = {"description_width": "8em"}
            s.observe(self._update, names="value")
        self.image = w.Image(format="png")
        self.status = w.HTML()
        note = w.HTML(f"<small>{html.escape(_t('note', purchase=prices.purchase_per_server, running=prices.running_per_server_month, cloud=prices.cloud_per_server_month))}</small>")
        super().__init__([w.HBox([w.VBox([self.months, self.base]), w.VBox([self.peak, self.spike_every])]),
                          self.image, self.status, note])
        self._update()

    def _update(self, _change=None) -> None:
        try:
            c = compare(demand_curve(self.months.value, self.base.value, self.peak.value,
                                     self.spike_every.value), self.prices)
        except ValueError as e:
            self.status.value = f'<span style="color:#b42318">{html.escape(_t("error", message=str(e)))}</span>'
            return
        self.image.value = png(chart(c))
        self.status.value = html.escape(verdict(c))


def show_cost_compare(**kwargs):
    """The view, with its first chart and verdict as the stand-in where no kernel runs."""
    view = CostCompareView(**kwargs)
    return with_fallback(view, html=f"<p>{view.status.value}</p>", png=view.image.value)
