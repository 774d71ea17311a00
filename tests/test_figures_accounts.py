"""The accounts-and-IAM figures are matplotlib Figures that carry their labels."""

from matplotlib.figure import Figure

from course.figures.accounts import account_figure, role_trust_figure


def labels(fig) -> str:
    return "\n".join([t.get_text() for ax in fig.axes for t in ax.texts]
                     + [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center")])


def test_account_figure_shows_root_user_beside_iam():
    fig = account_figure()
    assert isinstance(fig, Figure)
    words = labels(fig)
    for label in ("Root user", "IAM (global", "Group: developers", "User: mina", "Role: auditor", "Policy (JSON)"):
        assert label in words


def test_role_trust_figure_shows_the_four_steps():
    words = labels(role_trust_figure())
    for label in ("1. AssumeRole", "2. trust policy", "3. temporary keys", "4. calls AWS as the role", "ASIA"):
        assert label in words
