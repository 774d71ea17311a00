"""Chapter 14's figures are matplotlib Figures that carry their labels."""

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from course.diagrams import png  # noqa: E402
from course.figures.firewalls import round_trip_figure, scope_figure  # noqa: E402


def texts(fig) -> str:
    return "\n".join(t.get_text() for ax in fig.axes for t in ax.texts + [ax.title])


def test_round_trip_figure_marks_stateful_and_stateless():
    fig = round_trip_figure()
    assert isinstance(fig, Figure)
    words = texts(fig)
    for label in ("Network\nACL", "Security group (on the ENI)", "① request", "② response",
                  "stateful", "stateless", "1024–65535", "first match wins"):
        assert label in words, label
    assert png(fig).startswith(b"\x89PNG")


def test_scope_figure_shows_subnet_and_eni_levels():
    fig = scope_figure()
    assert isinstance(fig, Figure)
    words = texts(fig)
    for label in ("NACL A", "NACL B", "sg-web", "sg-db", "Public subnet 10.0.1.0/24",
                  "a subnet has exactly one NACL"):
        assert label in words, label
