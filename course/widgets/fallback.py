"""Widgets that still show something where no kernel runs.

A rendered page (GitHub, nbviewer, an HTML export) has no widget manager: it skips the
widget view and shows the next representation it understands. `with_fallback` puts a
static picture or text beside the live widget in one output, so the page shows that.
"""

from __future__ import annotations

import base64


class WithFallback:
    """Displays as ``widget`` in a live notebook and as ``html``/``png`` elsewhere."""

    def __init__(self, widget, html: str | None = None, png: bytes | None = None):
        if html is None and png is None:
            raise ValueError("a fallback needs html or png")
        self.widget = widget
        self.html = html
        self.png = png

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = dict(self.widget._repr_mimebundle_())
        if self.html is not None:
            data["text/html"] = self.html
        if self.png is not None:
            data["image/png"] = base64.b64encode(self.png).decode("ascii")
        return data

    def __getattr__(self, name):
        # Tests and learners reach the live widget's traits through the wrapper.
        return getattr(self.widget, name)


def with_fallback(widget, html: str | None = None, png: bytes | None = None) -> WithFallback:
    """``widget`` with a static stand-in for pages rendered without a kernel."""
    return WithFallback(widget, html=html, png=png)
