"""The DNS walk-through: pick a routing policy and a resolver, step through the resolution.

The view only wires controls to `course.dns_routing`; every answer and reason comes from there.
"""

from __future__ import annotations

import dataclasses
import html
import re

import ipywidgets as W
from matplotlib.figure import Figure

from course import dns_routing as logic
from course import i18n
from course.diagrams import png
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import status_html, table_html

ZONE = "example.com"
TEXT = {
    "en": {
        "policy": "policy", "from": "resolver in", "seed": "seed", "step": "step",
        "prev": "◀ back", "next": "next ▶", "weights": "weights",
        "healthy": "{id} healthy",
        "head": ["#", "who asks", "whom", "message", "reply"],
        "answer": "<b>Route 53 answers:</b> {values}<br><b>Why:</b> {reason}",
        "no_answer": "<b>No answer.</b> {reason}",
        "pending": "<i>Step through to the end to see Route 53's answer.</i>",
        "chart_title": "Answers to {n:,} queries (bars) and the expected number (red lines)",
        "chart_y": "queries",
        "bad_weights": "weights: write id=weight pairs such as 'blue=3, green=1'; could not read {part!r}",
        "unknown_id": "weights: there is no weighted record {id!r}; the records are {ids}",
        "latency_note": "Latency figures come from a small illustrative table in the course, not from measurements.",
    },
    "ko": {
        "policy": "정책",
        "from": "리졸버 위치",
        "seed": "시드",
        "step": "단계",
        "prev": "◀ 이전",
        "next": "다음 ▶",
        "weights": "가중치",
        "healthy": "{id} 정상",
        "head": ["#", "묻는 쪽", "받는 쪽", "메시지", "응답"],
        "answer": "<b>Route 53 응답:</b> {values}<br><b>이유:</b> {reason}",
        "no_answer": "<b>응답 없음.</b> {reason}",
        "pending": "<i>끝까지 단계를 넘기면 Route 53의 응답이 보입니다.</i>",
        "chart_title": "쿼리 {n:,}개의 응답(막대)과 기대값(빨간 선)",
        "chart_y": "쿼리 수",
        "bad_weights": "가중치: 'blue=3, green=1'처럼 id=가중치 쌍으로 쓰세요. {part!r}을(를) 읽을 수 없습니다",
        "unknown_id": "가중치: 가중치 기반 레코드 {id!r}이(가) 없습니다. 레코드는 {ids}입니다",
        "latency_note": "지연 시간 값은 측정값이 아니라 강의에 있는 작은 예시 표에서 옵니다.",
    },
}


def _t(key: str, **values):
    return i18n.text(TEXT, key, **values)


class DnsRoutingView(W.VBox):
    """Route 53 routing policies, one query at a time.

    Read-only results: ``resolution`` (the last valid `Resolution`), ``records``,
    ``distribution`` (weighted only, else None), ``status`` (the last error, or ''),
    ``chart_png`` (bytes, weighted only) and ``html`` (a static snapshot).
    """

    def __init__(self, policy: str = "weighted", from_region: str = "ap-northeast-2", seed: int = 0,
                 queries: int = 1000):
        self._queries = queries
        self._policy = W.Dropdown(options=logic.POLICIES, value=policy, description=_t("policy"))
        self._from = W.Dropdown(options=[(f"{r} ({logic.REGION_NAMES[r]})", r) for r in logic.REGIONS],
                                value=from_region, description=_t("from"))
        self._seed = W.BoundedIntText(value=seed, min=0, max=10**6, description=_t("seed"),
                                      layout=W.Layout(width="160px"))
        self._weights = W.Text(description=_t("weights"), continuous_update=False)
        self._health_box = W.HBox()
        self._health: dict[str, W.Checkbox] = {}
        self._step = W.IntSlider(min=1, max=5, value=5, description=_t("step"))
        self._prev = W.Button(description=_t("prev"), layout=W.Layout(width="90px"))
        self._next = W.Button(description=_t("next"), layout=W.Layout(width="90px"))
        self._steps_html, self._answer, self._status, self._note = W.HTML(), W.HTML(), W.HTML(), W.HTML()
        self._chart = W.Image(format="png", layout=W.Layout(max_width="560px"))
        self._records: list[logic.Record] = []
        self._resolution: logic.Resolution | None = None
        self._distribution: logic.Distribution | None = None
        self._status_text = ""
        self._loading = False
        self._prev.on_click(lambda _: self._move(-1))
        self._next.on_click(lambda _: self._move(+1))
        self._policy.observe(lambda _: self._load_policy(), names="value")
        for control in (self._from, self._seed, self._weights, self._step):
            control.observe(lambda _: self._loading or self._update(), names="value")
        super().__init__([W.HBox([self._policy, self._from, self._seed]), self._weights, self._health_box,
                          W.HBox([self._prev, self._step, self._next]), self._steps_html, self._answer,
                          self._status, self._note, self._chart])
        self._load_policy()

    resolution = property(lambda self: self._resolution)
    records = property(lambda self: list(self._records))
    distribution = property(lambda self: self._distribution)
    status = property(lambda self: self._status_text)
    chart_png = property(lambda self: bytes(self._chart.value))
    html = property(lambda self: self._steps_html.value + self._answer.value + self._note.value)

    def _load_policy(self):
        self._records = logic.example_records(self._policy.value)
        self._health = {r.label: W.Checkbox(value=True, description=_t("healthy", id=r.label), indent=False,
                                            layout=W.Layout(width="auto"))
                        for r in self._records if r.policy != "simple"}
        for box in self._health.values():
            box.observe(lambda _: self._update(), names="value")
        self._health_box.children = list(self._health.values())
        weighted = self._policy.value == "weighted"
        self._weights.layout.display = None if weighted else "none"
        self._loading = True    # one redraw for the new policy, not one per control it resets
        try:
            self._weights.value = ", ".join(f"{r.set_id}={r.weight}" for r in self._records) if weighted else ""
        finally:
            self._loading = False
        self._update()

    def _move(self, delta: int):
        self._step.value = min(max(self._step.value + delta, self._step.min), self._step.max)

    def _current_records(self) -> list[logic.Record]:
        records = [dataclasses.replace(r, healthy=self._health[r.label].value) if r.label in self._health else r
                   for r in self._records]
        if self._policy.value != "weighted":
            return records
        weights = {}
        for part in filter(None, (p.strip() for p in self._weights.value.split(","))):
            m = re.fullmatch(r"([\w-]+)\s*=\s*(-?\d+)", part)
            if not m:
                raise logic.RecordError([_t("bad_weights", part=part)])
            weights[m.group(1)] = int(m.group(2))
        ids = [r.set_id for r in records]
        for sid in weights:
            if sid not in ids:
                raise logic.RecordError([_t("unknown_id", id=sid, ids=", ".join(ids))])
        return [dataclasses.replace(r, weight=weights.get(r.set_id, r.weight)) for r in records]

    def _update(self):
        try:
            records = self._current_records()
            query = logic.Query("www.example.com", from_region=self._from.value, seed=self._seed.value)
            resolution = logic.resolve(records, query, ZONE)
            distribution = (logic.weighted_counts(records, query.name, self._queries, seed=self._seed.value)
                            if self._policy.value == "weighted" else None)
        except logic.RecordError as err:
            self._status_text = "; ".join(err.problems)
            self._status.value = status_html(self._status_text)
            self._steps_html.layout.opacity = "0.4"
            return
        self._status_text, self._status.value = "", ""
        self._steps_html.layout.opacity = None
        self._resolution, self._distribution = resolution, distribution
        self._draw_steps()
        self._note.value = f"<small>{html.escape(_t('latency_note'))}</small>" \
            if self._policy.value == "latency" else ""
        self._chart.value = _chart(distribution) if distribution else b""
        self._chart.layout.display = None if distribution else "none"

    def _draw_steps(self):
        shown = self._resolution.steps[:self._step.value]
        rows = [[i, s.asker, s.server, s.question, s.answer] for i, s in enumerate(shown, 1)]
        styles = ["background:#fff4d6" if i == len(rows) else "" for i in range(1, len(rows) + 1)]
        self._steps_html.value = table_html(_t("head"), rows, styles, wrap=(3, 4))
        d = self._resolution.decision
        if self._step.value < self._step.max:
            self._answer.value = _t("pending")
        elif d.record:
            self._answer.value = _t("answer", values=html.escape(", ".join(d.values)), reason=html.escape(d.reason))
        else:
            self._answer.value = _t("no_answer", reason=html.escape(d.reason))


def _chart(dist: logic.Distribution) -> bytes:
    fig = Figure(figsize=(5.6, 2.8))
    ax = fig.add_subplot()
    ids = list(dist.counts)
    ax.bar(ids, [dist.counts[i] for i in ids], color="#147eba")
    ax.scatter(ids, [dist.expected[i] * dist.queries for i in ids], color="#dd344c", marker="_", s=900,
               linewidths=2.5, zorder=3)
    for x, i in enumerate(ids):
        # Inside a tall bar, above a short one, so the count never sits on the expected-share mark.
        inside = dist.counts[i] > 0.2 * dist.queries
        ax.text(x, dist.counts[i] * (0.5 if inside else 1), f"{dist.counts[i]}", ha="center",
                va="center" if inside else "bottom", fontsize=10, color="white" if inside else "black")
    ax.set_ylim(0, dist.queries * 1.1)
    ax.set_ylabel(_t("chart_y"))
    ax.set_title(_t("chart_title", n=dist.queries), fontsize=10)
    fig.tight_layout()
    return png(fig)


def show_dns_routing(policy: str = "weighted", from_region: str = "ap-northeast-2", seed: int = 0):
    """The walk-through widget, with its first state as a static stand-in for pages without a kernel."""
    view = DnsRoutingView(policy, from_region, seed)
    return with_fallback(view, html=view.html + (f'<img src="data:image/png;base64,{_b64(view.chart_png)}">'
                                                  if view.chart_png else ""))


def _b64(data: bytes) -> str:
    import base64

    return base64.b64encode(data).decode("ascii")
