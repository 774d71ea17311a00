"""Box-and-arrow pictures for the chapters, drawn with matplotlib.

A chapter's figure module (``course/figures/<topic>.py``) draws with these so every
picture in the course shares one look: groups (Region, AZ, VPC, subnet) as outlined
boxes, resources as filled boxes, traffic as arrows.
"""

from __future__ import annotations

from dataclasses import dataclass

import io

# Figure, not pyplot: no global figure list to leak, and no dependence on the kernel's backend.
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

# One colour per kind of thing, close to the AWS architecture icons' families.
COLOURS = {
    "region": "#00a4a6",
    "az": "#147eba",
    "vpc": "#8c4fff",
    "public": "#7aa116",
    "private": "#147eba",
    "compute": "#ed7100",
    "storage": "#7aa116",
    "database": "#c925d1",
    "network": "#8c4fff",
    "security": "#dd344c",
    "user": "#232f3e",
    "neutral": "#545b64",
}


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def centre(self) -> tuple[float, float]:
        return (self.x + self.w / 2, self.y + self.h / 2)

    def side(self, where: str) -> tuple[float, float]:
        """The middle of the ``where`` side: "left", "right", "top" or "bottom"."""
        cx, cy = self.centre
        return {"left": (self.x, cy), "right": (self.x + self.w, cy),
                "top": (cx, self.y + self.h), "bottom": (cx, self.y)}[where]


def canvas(width: float = 10, height: float = 5, title: str | None = None):
    """A blank figure with data coordinates 0..width by 0..height; returns (fig, ax)."""
    fig = Figure(figsize=(width, height))
    ax = fig.add_subplot()
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_axis_off()
    if title:
        ax.set_title(title, fontsize=12, loc="left")
    return fig, ax


def group(ax, x, y, w, h, label: str, kind: str = "neutral", dashed: bool = False) -> Box:
    """An outlined container (Region, AZ, VPC, subnet) with its label at the top left."""
    colour = COLOURS[kind]
    ax.add_patch(FancyBboxPatch((x, y), w, h, boxstyle="round,pad=0.02,rounding_size=0.08",
                                fill=False, edgecolor=colour, linewidth=1.6,
                                linestyle="--" if dashed else "-"))
    ax.text(x + 0.1, y + h - 0.1, label, ha="left", va="top", fontsize=9, color=colour, weight="bold")
    return Box(x, y, w, h)


def node(ax, x, y, label: str, kind: str = "compute", w: float = 1.6, h: float = 0.6) -> Box:
    """A filled box for one resource, centred on (x, y), with its label inside."""
    colour = COLOURS[kind]
    ax.add_patch(FancyBboxPatch((x - w / 2, y - h / 2), w, h,
                                boxstyle="round,pad=0.02,rounding_size=0.1",
                                facecolor=colour, edgecolor=colour, alpha=0.9))
    ax.text(x, y, label, ha="center", va="center", fontsize=8.5, color="white", weight="bold", wrap=True)
    return Box(x - w / 2, y - h / 2, w, h)


def arrow(ax, start, end, label: str | None = None, colour: str = "#232f3e",
          dashed: bool = False, both: bool = False) -> None:
    """An arrow from ``start`` to ``end`` (points), with an optional label at its middle."""
    ax.add_patch(FancyArrowPatch(start, end, arrowstyle="<|-|>" if both else "-|>",
                                 mutation_scale=12, color=colour, linewidth=1.3,
                                 linestyle="--" if dashed else "-"))
    if label:
        mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        ax.text(mx, my + 0.12, label, ha="center", va="bottom", fontsize=8, color=colour,
                bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.8})


def note(ax, x, y, words: str, colour: str = "#545b64", size: float = 8.5) -> None:
    """Plain text at (x, y), left-aligned."""
    ax.text(x, y, words, ha="left", va="center", fontsize=size, color=colour)


def png(fig) -> bytes:
    """``fig`` as PNG bytes."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
    return buffer.getvalue()


def show(fig):
    """``fig`` as an image a notebook displays, live or rendered without a kernel."""
    from IPython.display import Image

    return Image(data=png(fig), format="png")
