"""The monitoring figures are matplotlib Figures that carry their labels."""

from matplotlib.figure import Figure

from course.figures.monitoring import alarm_flow_figure, budget_figure


def labels(fig) -> str:
    return "\n".join([t.get_text() for ax in fig.axes for t in ax.texts]
                     + [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center")])


def test_alarm_flow_names_every_kind_of_action_and_the_initial_state():
    fig = alarm_flow_figure()
    assert isinstance(fig, Figure)
    words = labels(fig)
    for label in ("SNS topic", "EC2: stop, terminate", "Auto Scaling", "Lambda", "Systems Manager",
                  "a new alarm starts in INSUFFICIENT_DATA"):
        assert label in words


def test_budget_figure_shows_the_limit_it_was_given():
    words = labels(budget_figure(limit=25, actual=20, forecast=30))
    assert "budget $25" in words and "$20.00" in words and "$30.00" in words
    assert "A monthly cost budget of $25" in words
