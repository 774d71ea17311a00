"""The Regions-and-AZs figures are matplotlib Figures that carry their labels."""

from matplotlib.figure import Figure

from course.figures.regions import az_mapping_figure, edge_figure, region_figure


def labels(fig) -> str:
    return "\n".join([t.get_text() for ax in fig.axes for t in ax.texts]
                     + [ax.get_title(loc) for ax in fig.axes for loc in ("left", "center")])


def test_region_figure_shows_seouls_four_azs_with_their_ids():
    fig = region_figure()
    assert isinstance(fig, Figure)
    words = labels(fig)
    for n, letter in enumerate("abcd", 1):
        assert f"ap-northeast-2{letter}\napne2-az{n}" in words
    assert "within 100 km (60 miles)" in words


def test_mapping_figure_sends_one_name_to_two_ids():
    words = labels(az_mapping_figure())
    assert words.count("us-east-1a") == 2 and "use1-az1" in words and "Example mapping only" in words


def test_edge_figure_names_hit_and_miss():
    words = labels(edge_figure())
    assert "cache hit" in words and "cache miss" in words and "Origin in a Region" in words
