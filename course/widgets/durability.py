"""A slider for how many objects you store, and what eleven nines means for them."""

from __future__ import annotations

import ipywidgets as w

from course import i18n
from course.durability import loss_odds
from course.widgets.fallback import with_fallback

TEXT = {
    "en": {
        "objects": "objects (10^n)",
        "nines": "nines",
        "result": "Storing {objects:,} objects at {nines} nines: on average {per_year:.3g} objects lost "
                  "per year, about one every {years:,.0f} years.",
    },
    "ko": {
        "objects": "객체 수 (10^n)",
        "nines": "9의 개수",
        "result": "객체 {objects:,}개를 나인 {nines}개 내구성으로 저장하면 평균적으로 1년에 {per_year:.3g}개를 잃습니다. 약 {years:,.0f}년에 하나꼴입니다.",
    },
}


class DurabilityView(w.VBox):
    """Objects stored (as a power of ten) and durability nines in; expected losses out."""

    def __init__(self, exponent: int = 7, nines: int = 11):
        self.exponent = w.IntSlider(value=exponent, min=0, max=12, description=i18n.text(TEXT, "objects"),
                                    style={"description_width": "initial"})
        self.nines = w.IntSlider(value=nines, min=2, max=11, description=i18n.text(TEXT, "nines"))
        self.result = w.HTML()
        for control in (self.exponent, self.nines):
            control.observe(lambda _change: self._update(), names="value")
        super().__init__([self.exponent, self.nines, self.result])
        self._update()

    def _update(self) -> None:
        odds = loss_odds(10 ** self.exponent.value, self.nines.value)
        self.result.value = i18n.text(TEXT, "result", objects=odds.objects, nines=self.nines.value,
                                      per_year=odds.expected_losses_per_year, years=odds.years_per_loss)


def show_durability(exponent: int = 7, nines: int = 11):
    """The durability view, with its first result as the stand-in for pages without a kernel."""
    view = DurabilityView(exponent, nines)
    return with_fallback(view, html=f"<p>{view.result.value}</p>")
