"""The Lambda/containers chapter's figures are matplotlib Figures that carry their labels."""

from matplotlib.figure import Figure

from course.figures.serverless import containers_vs_vms_figure, invocation_sequence_figure


def texts(fig):
    return " ".join(t.get_text() for ax in fig.axes for t in ax.texts)


def test_sequence_figure_shows_the_three_invocation_models():
    fig = invocation_sequence_figure()
    assert isinstance(fig, Figure)
    words = texts(fig)
    for label in ("Synchronous", "Asynchronous", "Poll-based", "202 accepted", "2 more tries", "batch of messages"):
        assert label in words


def test_container_figure_contrasts_guest_os_and_shared_kernel():
    words = texts(containers_vs_vms_figure())
    assert words.count("Guest OS") == 2 and "Hypervisor" in words and "one kernel, shared" in words
