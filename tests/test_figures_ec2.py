"""The EC2 chapters' figures: each is a Figure carrying its labels."""

import matplotlib
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from course.figures import ec2  # noqa: E402
from course.purchase_options import UsageProfile, compare_options  # noqa: E402


def words(fig):
    return {t.get_text() for ax in fig.axes for t in ax.texts} | {ax.get_title() for ax in fig.axes} | {
        t.get_text() for t in fig.texts}


@pytest.mark.parametrize("make, expected", [
    (ec2.building_blocks_figure, {"EC2 instance", "AMI", "key pair", "EBS volume", "Elastic IP", "security group"}),
    (ec2.ami_figure, {"EBS snapshot: root", "block device mapping", "launch permissions"}),
    (ec2.lifecycle_figure, {"pending", "running", "stopping", "stopped", "shutting-down", "terminated", "reboot",
                            "billed only if hibernating"}),
    (ec2.snapshots_figure, {"snapshot 1", "stored: 4 blocks", "stored: 1 block"}),
    (ec2.efs_figure, {"EFS file system", "mount target", "AZ 2a", "AZ 2c"}),
])
def test_figure_has_its_labels(make, expected):
    fig = make()
    assert isinstance(fig, Figure)
    assert expected <= words(fig)


def test_lifecycle_figure_marks_the_current_state_only():
    def edges(fig):
        return [p.get_linewidth() for p in fig.axes[0].patches if p.get_linewidth() == 3]
    assert edges(ec2.lifecycle_figure()) == []
    assert len(edges(ec2.lifecycle_figure("stopped"))) == 1


def test_purchase_figure_labels_bars_and_marks_unavailable_options():
    c = compare_options(UsageProfile("t3.micro", "us-east-1", 24, 12, False, 1))
    fig = ec2.purchase_options_figure(c)
    found = words(fig)
    assert "$57.40 †" in found and "n/a" in found       # RI total; Spot not available
    assert fig.get_suptitle() == "t3.micro in us-east-1, 24 h/day for 12 months"
