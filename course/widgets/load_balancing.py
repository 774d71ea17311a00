"""Redundancy by hand: tick servers healthy or failed, and see where the requests go."""

from __future__ import annotations

import html

import ipywidgets as w

from course import i18n
from course.load_balancing import Spread, spread
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import WARN_BACKGROUND, table_html

TEXT = {
    "en": {
        "requests": "requests",
        "healthy": "{name} healthy",
        "head": "server|requests handled",
        "failed_row": "failed (no healthy server)",
        "all_served": "All {served} requests served by {healthy} healthy server(s).",
        "some_failed": "{failed} of {total} requests failed: no healthy server was left.",
        "error": "✗ {message}",
    },
    "ko": {
        "requests": "요청 수",
        "healthy": "{name} 정상",
        "head": "서버|처리한 요청",
        "failed_row": "실패 (정상 서버 없음)",
        "all_served": "요청 {served}개를 정상 서버 {healthy}대가 모두 처리했습니다.",
        "some_failed": "요청 {total}개 중 {failed}개 실패: 남은 정상 서버가 없었습니다.",
        "error": "✗ {message}",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def spread_html(s: Spread) -> str:
    """The spread as a table (failed requests in red) and a one-line verdict."""
    rows = [[name, count] for name, count in s.per_server.items()]
    styles = [""] * len(rows)
    if s.failed:
        rows.append([_t("failed_row"), s.failed])
        styles.append(WARN_BACKGROUND)
        verdict = _t("some_failed", failed=s.failed, total=s.failed + s.served)
    else:
        verdict = _t("all_served", served=s.served, healthy=len(s.healthy))
    return table_html(_t("head").split("|"), rows, styles=styles) + f"<p>{html.escape(verdict)}</p>"


class LoadBalancerView(w.VBox):
    """A request slider and one health checkbox per server; the table follows them."""

    def __init__(self, servers=("web-1", "web-2", "web-3"), requests: int = 9):
        self.requests = w.IntSlider(value=requests, min=0, max=60, description=_t("requests"),
                                    continuous_update=False)
        self.health = {name: w.Checkbox(value=True, description=_t("healthy", name=name), indent=False)
                       for name in servers}
        self.output = w.HTML()
        for control in [self.requests, *self.health.values()]:
            control.observe(self._update, names="value")
        super().__init__([self.requests, w.HBox(list(self.health.values())), self.output])
        self._update()

    def _update(self, _change=None) -> None:
        try:
            s = spread(self.requests.value, {n: box.value for n, box in self.health.items()})
        except ValueError as e:
            self.output.value = f'<span style="color:#b42318">{html.escape(_t("error", message=str(e)))}</span>'
            return
        self.output.value = spread_html(s)


def show_load_balancer(**kwargs):
    """The view, with its first table as the stand-in where no kernel runs."""
    view = LoadBalancerView(**kwargs)
    return with_fallback(view, html=view.output.value)
