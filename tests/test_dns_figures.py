"""The Route 53 chapter's figures are matplotlib Figures that carry their labels."""

from matplotlib.figure import Figure

from course.figures.dns import alias_vs_cname_figure, route53_walk_figure


def texts(fig):
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


def test_walk_figure_names_every_server_on_the_path():
    fig = route53_walk_figure()
    assert isinstance(fig, Figure)
    for label in ("stub resolver", "Recursive resolver", "Root name servers", ".com TLD", "Route 53 name servers",
                  "routing policy"):
        assert label in texts(fig)


def test_apex_figure_refuses_the_cname_and_shows_the_alias():
    words = texts(alias_vs_cname_figure())
    assert "✗ a CNAME may not share" in words and "(alias)" in words and "free" in words
