"""The VPC chapters' figures draw, and carry the labels the chapters talk about."""

import pytest
from matplotlib.figure import Figure

from course.diagrams import png
from course.figures import vpc


def labels(fig) -> str:
    return "\n".join(t.get_text() for ax in fig.axes for t in ax.texts + [ax.title])


@pytest.mark.parametrize("make, wanted", [
    pytest.param(vpc.physical_vs_vpc_figure, ["Router (a box)", "VPC router (implicit)", "Internet gateway",
                                              "0.0.0.0/0 → igw"], id="physical-vs-vpc"),
    pytest.param(vpc.vpc_layout_figure, ["Region ap-northeast-2 (Seoul)", "VPC 10.0.0.0/16", "AZ ap-northeast-2a",
                                         "AZ ap-northeast-2c", "public 10.0.0.0/24", "private 10.0.5.0/24",
                                         "database 10.0.9.0/24", "NAT gateway", "Internet gateway",
                                         "0.0.0.0/0 → igw-…", "0.0.0.0/0 → nat-… (AZ a)", "no 0.0.0.0/0 route"],
                 id="layout"),
    pytest.param(vpc.nat_rewrite_figure, ["10.0.4.10:40001", "src 3.34.0.10:1024", "src 3.34.0.10:1026",
                                          "NAT gateway\n3.34.0.10", "goes back to 10.0.4.11:40001"], id="nat"),
    pytest.param(vpc.endpoints_figure, ["S3 / DynamoDB", "interface endpoint", "gateway endpoint: a route, no charge",
                                        "pl-…"], id="endpoints"),
    pytest.param(vpc.peering_vs_tgw_figure, ["VPC A", "VPC D", "Transit gateway", "n(n−1)/2", "Not transitive"],
                 id="peering-vs-tgw"),
])
def test_figure_has_its_labels_and_renders(make, wanted):
    fig = make()
    assert isinstance(fig, Figure)
    text = labels(fig)
    for w in wanted:
        assert w in text, f"{make.__name__}: no label {w!r}"
    assert png(fig)[:4] == b"\x89PNG"


def test_the_nat_figure_follows_the_public_address_it_is_given():
    assert "src 203.0.113.9:1025" in labels(vpc.nat_rewrite_figure(public_ip="203.0.113.9"))
