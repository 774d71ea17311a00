"""Storage-class chooser: workload in, ranked classes, cumulative-cost plot, itemised why, lifecycle timeline."""

from __future__ import annotations

import asyncio
import html
import json

import ipywidgets as W

from course.s3_lifecycle import simulate_lifecycle
from course.storage_classes import (CLASS_IDS, Comparison, Constraints, Estimate, Workload, compare,
                                    cumulative_costs, load_data)

DEFAULT_RULES = {"Rules": [{"ID": "archive-logs", "Status": "Enabled", "Filter": {},
                            "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"},
                                            {"Days": 90, "StorageClass": "GLACIER"}],
                            "Expiration": {"Days": 365}}]}
COLORS = {"STANDARD": "#4c78a8", "INTELLIGENT_TIERING": "#72b7b2", "STANDARD_IA": "#54a24b",
          "ONEZONE_IA": "#eeca3b", "GLACIER_IR": "#b279a2", "GLACIER": "#9d755d", "DEEP_ARCHIVE": "#555555",
          "EXPRESS_ONEZONE": "#f58518", "REDUCED_REDUNDANCY": "#bab0ac", "deleted": "#ffffff", "aborted": "#ffffff"}
UNVERIFIED = '<span style="color:#b00" title="not verified against AWS; re-check the live page">unverified</span>'


def _money(usd: float) -> str:
    return f"${usd:,.2f}" if usd >= 0.01 or usd == 0 else f"${usd:.6f}"


class StorageClassesView(W.VBox):
    """Compare S3 storage classes for a workload; results are read-only attributes.

    Attributes:
        comparison: the latest :class:`Comparison` (None after an input error).
        selected: the :class:`Estimate` shown in the "why" panel.
        timeline: the latest lifecycle timeline (None after a rule error).
        status: the status line's text.
    """

    def __init__(self, debounce_seconds: float = 0.3):
        self._debounce, self._pending = debounce_seconds, None
        self._comparison: Comparison | None = None
        self._selected: Estimate | None = None
        self._timeline = None
        self._status_text = ""
        self._curves: dict[str, list[float]] = {}
        box = dict(continuous_update=False, style={"description_width": "150px"})
        self._objects = W.IntText(100_000, description="objects", **box)
        self._size_kb = W.FloatText(256.0, description="object size (KB)", **box)
        self._months = W.IntSlider(12, min=1, max=60, description="months kept", **box)
        self._gets = W.FloatText(10_000, description="GETs / month", **box)
        self._puts = W.FloatText(1_000, description="PUTs / month", **box)
        self._gb_read = W.FloatText(5.0, description="GB retrieved / month", **box)
        self._delete_after = W.IntText(0, description="delete after days (0 = never)", **box)
        self._region = W.Dropdown(options=["us-east-1", "ap-northeast-2"], value="us-east-1", description="Region")
        self._ms = W.Checkbox(False, description="need millisecond first byte")
        self._az = W.Checkbox(False, description="must survive an AZ loss")
        self._legacy = W.Checkbox(False, description="include legacy classes")
        self._status = W.HTML()
        self._table = W.HTML()
        self._plot = W.Output()
        self._pick = W.Dropdown(options=CLASS_IDS, value="STANDARD_IA", description="why for")
        self._why = W.HTML()
        self._rules = W.Textarea(json.dumps(DEFAULT_RULES, indent=1), rows=10, continuous_update=False,
                                 layout=W.Layout(width="100%"), description="lifecycle rules")
        self._lc_days = W.IntSlider(400, min=1, max=1000, description="days", continuous_update=False)
        self._lc_status = W.HTML()
        self._lc_view = W.HTML()
        for c in (self._objects, self._size_kb, self._months, self._gets, self._puts, self._gb_read,
                  self._delete_after, self._region, self._ms, self._az, self._legacy, self._pick,
                  self._rules, self._lc_days):
            c.observe(self._schedule, names="value")
        inputs = W.HBox([W.VBox([self._objects, self._size_kb, self._months, self._region]),
                         W.VBox([self._gets, self._puts, self._gb_read, self._delete_after]),
                         W.VBox([self._ms, self._az, self._legacy])])
        tabs = W.Tab([W.VBox([self._table, self._plot]), W.VBox([self._pick, self._why]),
                      W.VBox([self._rules, self._lc_days, self._lc_status, self._lc_view])])
        for i, t in enumerate(("compare", "why", "lifecycle timeline")):
            tabs.set_title(i, t)
        super().__init__([inputs, self._status, tabs])
        self._update()

    comparison = property(lambda self: self._comparison)
    selected = property(lambda self: self._selected)
    timeline = property(lambda self: self._timeline)
    status = property(lambda self: self._status_text)
    curves = property(lambda self: dict(self._curves))

    def _schedule(self, _change=None):
        """Debounce: in a running kernel wait for input to settle; elsewhere update now."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if not self._debounce or loop is None:
            self._update()
            return
        if self._pending:
            self._pending.cancel()
        self._pending = loop.call_later(self._debounce, self._update)

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
            self._comparison = self._selected = None
            self._curves = {}
            self._status_text = f"⚠ {e}"
            self._status.value = f'<b style="color:#b00">{html.escape(self._status_text)}</b>'
        else:
            self._comparison = c
            self._selected = next((e for e in c.ranked if e.storage_class == self._pick.value), None)
            self._status_text = ("✓ " + (f"cheapest: {c.cheapest.storage_class} "
                                  f"{_money(c.cheapest.total_usd)}" if c.cheapest else "no class meets the constraints")
                                  + f" · prices {w.region}, as of {load_data()['meta']['as_of']}")
            self._status.value = html.escape(self._status_text)
            self._table.value = self._table_html(c)
            self._why.value = self._why_html(c)
            self._draw(c, w)
        self._update_lifecycle()

    def _table_html(self, c: Comparison) -> str:
        rows = []
        for i, e in enumerate(c.ranked):
            mark = " ★ cheapest" if i == 0 else ""
            flag = "" if e.verified else " " + UNVERIFIED
            rows.append(f"<tr><td><b>{e.storage_class}</b>{mark}</td><td>{_money(e.total_usd)}{flag}</td>"
                        f"<td>{html.escape(load_data()['classes'][e.storage_class]['use'])}</td></tr>")
        for sc, reason in c.excluded:
            rows.append(f'<tr style="color:#999"><td><s>{sc}</s></td><td>excluded</td>'
                        f"<td>{html.escape(reason)}</td></tr>")
        return ("<table><tr><th>class</th><th>total</th><th>use / why excluded</th></tr>"
                + "".join(rows) + "</table>")

    def _why_html(self, c: Comparison) -> str:
        e = self._selected
        if e is None:
            reason = dict(c.excluded).get(self._pick.value, "")
            return f"<i>{self._pick.value} is excluded: {html.escape(reason)}</i>"
        rows = "".join(
            f"<tr><td>{l.item}</td><td>{_money(l.usd)}{'' if l.verified or not l.usd else ' ' + UNVERIFIED}</td>"
            f"<td>{html.escape(l.formula)}<br><small>{'<br>'.join(html.escape(s) for s in l.sources)}</small></td></tr>"
            for l in e.lines)
        return (f"<b>{e.storage_class}: {_money(e.total_usd)}</b>"
                f"{'' if e.verified else ' (uses ' + UNVERIFIED + ' prices)'}"
                f"<table><tr><th>charge</th><th>USD</th><th>formula and sources</th></tr>{rows}</table>")

    def _draw(self, c: Comparison, w: Workload):
        import matplotlib.pyplot as plt
        from IPython.display import display
        self._plot.clear_output(wait=True)
        with self._plot:
            fig, ax = plt.subplots(figsize=(7, 3.5))
            months = range(1, w.months_kept + 1)
            self._curves = {e.storage_class: cumulative_costs(e.storage_class, w, w.months_kept) for e in c.ranked}
            for sc, costs in self._curves.items():
                ax.plot(months, costs, label=sc, color=COLORS[sc])
            ax.set_xlabel("months")
            ax.set_ylabel("cumulative USD (list prices)")
            ax.set_title(f"as of {load_data()['meta']['as_of']}; most prices unverified, see table")
            ax.legend(fontsize=7)
            display(fig)
            plt.close(fig)

    def _update_lifecycle(self):
        try:
            rules = json.loads(self._rules.value)
            size = max(0, int(self._size_kb.value * 1024))
            t = simulate_lifecycle(rules, [{"Key": "object", "Size": size}], self._lc_days.value,
                                   region=self._region.value)
        except (ValueError, TypeError, KeyError) as e:
            self._timeline = None
            self._lc_status.value = f'<b style="color:#b00">⚠ {html.escape(str(e))}</b>'
            return
        self._timeline = t
        n = max(1, self._objects.value)
        self._lc_status.value = (f"✓ {n:,} objects of {self._size_kb.value:g} KB for {t.days} days: "
                                 f"{_money(t.total_usd * n)}" + ("" if t.verified else " " + UNVERIFIED))
        bar = "".join(
            f'<div title="day {a}-{b}: {s}" style="display:inline-block;height:22px;'
            f"width:{100 * (b - a + 1) / t.days:.3f}%;background:{COLORS.get(s, '#ddd')};"
            f'border-right:1px solid #fff;font-size:10px;overflow:hidden">{s}</div>'
            for a, b, s in t.segments("object"))
        events = "".join(f"<li>day {e.day}: {e.action} {e.from_class} → {e.to_class} ({_money(e.usd * n)})</li>"
                         for e in t.events)
        self._lc_view.value = f'<div style="width:100%;white-space:nowrap">{bar}</div><ul>{events}</ul>'
