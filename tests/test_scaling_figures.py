"""The chapter's figures are Figures and carry their labels."""

import math

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from course.figures.scaling import load_balancer_figure, scale_up_or_out_figure, scaling_cost_figure  # noqa: E402

LADDER = [("m5.large", 2), ("m5.xlarge", 4), ("m5.2xlarge", 8), ("m5.4xlarge", 16)]


def texts(fig):
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts + [ax.title])


def test_load_balancer_figure_shows_the_path_from_clients_to_instances():
    fig = load_balancer_figure()
    assert isinstance(fig, Figure)
    words = texts(fig)
    for label in ("Clients", "DNS name", "Application\nLoad Balancer", "target group web-tg", "Auto Scaling group",
                  "ap-northeast-2a", "ap-northeast-2c", "unhealthy"):
        assert label in words, label


def test_scale_up_or_out_figure_names_both_ways():
    words = texts(scale_up_or_out_figure())
    for label in ("Scale up", "Scale out", "m7i.2xlarge", "load\nbalancer", "one point of failure"):
        assert label in words, label


def test_cost_figure_steps_up_to_the_next_size_and_stops_at_the_largest():
    fig = scaling_cost_figure(LADDER, 0.096)
    ax = fig.axes[0]
    horizontal, vertical = (line.get_ydata() for line in ax.get_lines()[:2])
    # 5 vCPUs: three m5.large (0.288) or one m5.2xlarge (8 vCPUs, 4 × 0.096).
    assert horizontal[4] == pytest.approx(3 * 0.096) and vertical[4] == pytest.approx(4 * 0.096)
    assert math.isnan(vertical[-1]) and not math.isnan(horizontal[-1])  # past 16 vCPUs only scale-out is left
    assert "m5.4xlarge" in texts(fig)


def test_cost_figure_rejects_an_empty_ladder():
    with pytest.raises(ValueError, match="at least one"):
        scaling_cost_figure([], 0.1)
