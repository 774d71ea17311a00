"""Facts the expert review corrected in the chapters' text (issue 10); each would have caught its fault."""

import json
import re
from pathlib import Path

import pytest

from course.storage_classes import load_data

COURSE = Path(__file__).parent.parent / "course"
LAB = Path(__file__).parent.parent / "labs" / "s3-basics" / "s3-basics.ipynb"


def markdown(path: Path) -> str:
    cells = json.loads(path.read_text("utf-8"))["cells"]
    return "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "markdown")


def chapter(number: str) -> str:
    return markdown(next(COURSE.glob(f"{number}-*.ipynb")))


def test_chapter_headings_carry_their_file_numbers():
    for number in ("03", "05", "12", "17"):
        assert chapter(number).startswith(f"# {int(number)}. "), number


class TestS3Text:
    def test_says_which_glacier_classes_need_a_restore(self):
        for text in (chapter("17"), markdown(LAB)):
            assert re.search(r"Glacier Instant Retrieval\*{0,2}\)? is read directly", text)
            assert "restore_object" in text
            assert "Deep Archive" in text

    def test_glacier_vaults_closed_to_new_customers_with_the_date(self):
        assert "stopped accepting new customers on 15 December 2025" in chapter("17")

    def test_s3_select_is_marked_closed_where_it_appears(self):
        for path, fig in ((p, f) for p, f in _figures(load_data())):
            if "SELECT" in fig.get("note", ""):
                assert "closed to new customers since 2024-07-25" in fig["note"], path

    def test_rrs_figures_are_said_to_be_unconfirmed(self):
        text = chapter("17")
        assert "2023-06-09" in text and "could not confirm" in text

    def test_the_cost_model_does_not_claim_every_charge(self):
        assert "itemises every charge" not in chapter("17")


class TestIamText:
    def test_root_user_limits_are_not_overstated(self):
        text = chapter("05")
        assert "Only an explicit deny" not in text
        for limit in ("KMS key policy", "AssumeRole", "bucket policy", "member accounts"):
            assert limit in text, limit


class TestVpcText:
    def test_seoul_has_four_azs_and_az_ids_are_taught(self):
        text = chapter("12")
        assert "`ap-northeast-2a` to `ap-northeast-2d`" in text
        assert "AZ ID" in text and "apne2-az1" in text
        assert "(Seoul: `ap-northeast-2a`, `2b`, `2c`)" not in text

    def test_base_plus_two_is_not_called_the_dns_server_of_every_subnet(self):
        text = chapter("03")
        assert "| 10.0.0.2 | reserved by AWS for the Amazon-provided DNS |" not in text
        assert "primary* block plus two" in text
        assert "Is `10.0.8.2` that VPC's DNS server?" in text

    @pytest.mark.parametrize("wrong", ["AWS would refuse this plan", "AWS would refuse duplicate"])
    def test_planner_text_separates_refusals_from_warnings(self, wrong):
        text = chapter("12")
        assert wrong not in text
        assert "*AWS refuses*" in text and "*AWS accepts, but*" in text


def _figures(node, path=""):
    for key, value in node.items():
        if isinstance(value, dict) and "value" in value:
            yield f"{path}{key}", value
        elif isinstance(value, dict):
            yield from _figures(value, f"{path}{key}.")
