"""The VPC-from-scratch lab through real nbgrader: full marks, zero, exact partial points for
submissions written the way learners get it wrong, and feedback that keeps hidden tests hidden.

Points and expected scores are documented in labs/vpc-from-scratch/README.md.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder.config import LABS_DIR

from .conftest import filled
from .lab_grading import feedback_pages, grade_class, release_hides_solutions

LAB = "vpc-from-scratch"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(LAB)]


def wrong(answers: dict[str, str], grade_id: str, old: str, new: str) -> dict[str, str]:
    """The answers with one solution cell changed the way a learner might get it wrong."""
    assert old in answers[grade_id], f"{grade_id} no longer holds {old!r}"
    return {**answers, grade_id: answers[grade_id].replace(old, new)}


def submissions(answers: dict[str, str]) -> dict[str, dict[str, str]]:
    tiny_and_open = wrong(answers, "task1_solution", '"10.0.20.0/28"', '"10.0.20.0/29"')
    tiny_and_open = wrong(tiny_and_open, "task1_solution", '"10.0.21.0/28"', '"10.0.21.0/29"')
    tiny_and_open = wrong(tiny_and_open, "task5_solution", "tcp_from(22, cidr=ADMINS)", 'tcp_from(22, cidr="0.0.0.0/0")')
    return {
        "full": answers,
        "blank": {},
        "tiny-db-open-ssh": tiny_and_open,
        "nat-in-private": wrong(answers, "task2_solution", 'SubnetId=subnet["public-a"]', 'SubnetId=subnet["private-a"]'),
        "cidr-chain": wrong(answers, "task3_solution", "tcp_from(3306, group=app_sg)", 'tcp_from(3306, cidr="10.0.0.0/16")'),
        # Cheats on a lenient sandbox: a route to an internet gateway never attached (moto accepts it,
        # AWS refuses it), and SSH open to the whole internet spelled as two halves.
        "cheat-unattached-igw-ssh-halves": wrong(
            wrong(answers, "task2_solution", "ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc_id)", "pass"),
            "task5_solution", "tcp_from(22, cidr=ADMINS)",
            'tcp_from(22, cidr=ADMINS) + tcp_from(22, cidr="0.0.0.0/1") + tcp_from(22, cidr="128.0.0.0/1")'),
    }


EXPECTED = {"full": 12.0, "blank": 0.0, "tiny-db-open-ssh": 7.0, "nat-in-private": 9.0, "cidr-chain": 10.0,
            "cheat-unattached-igw-ssh-halves": 7.0}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_class(tmp_path_factory.mktemp("vpclab"), LAB, lambda blank, answers: {
        student: filled(blank, mine) for student, mine in submissions(answers).items()})


def test_scores_match_the_documented_points(graded):
    _, results = graded
    assert {s: (g.status, g.score, g.max_score) for s, g in results.items()} == {
        s: ("graded", points, 12.0) for s, points in EXPECTED.items()}


def test_readme_documents_these_scores():
    readme = (LABS_DIR / LAB / "README.md").read_text(encoding="utf-8")
    assert "| **Total** | **12** |" in readme
    for points in ("12 / 12", "0 / 12", "7 / 12", "9 / 12", "10 / 12"):
        assert points in readme


def test_released_notebook_has_no_solutions_or_hidden_tests(graded):
    course, _ = graded
    text = release_hides_solutions(course, LAB)
    assert "create_nat_gateway" not in text and "10.0.20.0/28" not in text


def test_instructions_come_in_both_languages():
    nb = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert re.search(r"[가-힣]", cell.source), f"{cell.id} has no Korean"


def test_feedback_says_what_failed_and_shows_no_hidden_test_source(graded):
    course, _ = graded
    pages = feedback_pages(course, LAB, EXPECTED)
    assert "smaller than /28" in pages["tiny-db-open-ssh"]
    assert "TCP 22 is open to the whole internet" in pages["tiny-db-open-ssh"]
    assert "expected a public subnet" in pages["nat-in-private"]
    assert "퍼블릭 서브넷에 있어야 합니다" in pages["nat-in-private"], "failures are explained in Korean too"
    assert "not attached to this VPC" in pages["cheat-unattached-igw-ssh-halves"]


def source_is_sound(lab: str, names_resource: str, learner_names: str) -> None:
    """The nbgrader source of ``lab`` is valid, its points are the README's, and its tests trust no learner variable."""
    from nbgrader.nbgraderformat import MetadataValidator
    from nbgrader.utils import is_grade, is_locked, is_solution

    nb = nbformat.read(LABS_DIR / lab / f"{lab}.ipynb", as_version=4)
    MetadataValidator().validate_nb(nb)
    assert nb.metadata.kernelspec["name"] == "aws-course-kit"
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert first.source == "from labs.sandbox import start; aws = start()" and is_locked(first)
    assert len({c.id for c in nb.cells}) == len(nb.cells)
    rows = re.findall(r"^\| \d \|.*\| `(\w+)` \| `(\w+)` \| (\d+) \|$",
                      (LABS_DIR / lab / "README.md").read_text(encoding="utf-8"), flags=re.M)
    documented = {test_id: int(points) for _solution, test_id, points in rows}
    graded = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in nb.cells if is_grade(c)}
    assert graded == documented and sum(graded.values()) == 12
    assert {c.metadata.nbgrader["grade_id"] for c in nb.cells if is_solution(c)} == {
        solution for solution, _test, _points in rows}
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id
        if cell.cell_type == "markdown":
            assert is_locked(cell), cell.id
        if is_grade(cell):
            assert is_locked(cell) and not is_solution(cell), cell.id
            assert "What the test checks" in nb.cells[i - 1].source, cell.id
            visible, hidden = cell.source.split("### BEGIN HIDDEN TESTS")
            assert hidden.split("### END HIDDEN TESTS")[0].strip(), f"{cell.id}: empty hidden tests"
            assert names_resource in visible and "labs.checks" in visible, cell.id
            assert not re.search(learner_names, cell.source), f"{cell.id} uses a learner variable"


def test_source_notebook_is_sound():
    source_is_sound(LAB, 'vpc = "kit-lab-vpc"', r"\b(VPC_NAME|vpc_id|ADMINS)\b|\b(subnet|ec2|aws)[.\[]")
