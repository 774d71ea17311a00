"""The three-tier capstone through real nbgrader: full marks, zero, exact partial points for designs
that break one architecture rule or two, and feedback that reads as a design review and keeps the
hidden checks hidden.

Points and expected scores are documented in labs/capstone-three-tier/README.md.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder.config import LABS_DIR

from .conftest import filled
from .lab_grading import feedback_pages, grade_class, release_hides_solutions

LAB = "capstone-three-tier"
TOTAL = 14.0
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("capstone-three-tier")]


def wrong(answers: dict[str, str], grade_id: str, old: str, new: str) -> dict[str, str]:
    """The answers with one solution cell changed the way a learner might get it wrong."""
    assert old in answers[grade_id], f"{grade_id} no longer holds {old!r}"
    return {**answers, grade_id: answers[grade_id].replace(old, new)}


ONE_NAT = ('eip = ec2.allocate_address(Domain="vpc")["AllocationId"]\n'
           'nat = ec2.create_nat_gateway(SubnetId=subnet["web-a"], AllocationId=eip)["NatGateway"]["NatGatewayId"]')
THREE_NATS = ('for public in ("web-a", "web-b", "web-b"):  # one per AZ, and a spare\n'
              '    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]\n'
              '    nat = ec2.create_nat_gateway(SubnetId=subnet[public], AllocationId=eip)["NatGateway"]["NatGatewayId"]')


def submissions(answers: dict[str, str]) -> dict[str, dict[str, str]]:
    big = wrong(answers, "task1_network", ONE_NAT, THREE_NATS)
    big = wrong(big, "task4_servers", 'InstanceType="t3.micro"', 'InstanceType="m5.large"')
    return {
        "full": answers,
        "blank": {},
        # the database subnets share the web tier's route table: public, and not "only through NAT"
        "db-on-igw": wrong(answers, "task1_network", '("db-a", db_rt), ("db-b", db_rt)',
                           '("db-a", web_rt), ("db-b", web_rt)'),
        "ssh-open": wrong(answers, "task2_security_groups",
                          "# No SSH rule at all: administrators use a Session Manager-style path, with no inbound port.",
                          'ec2.authorize_security_group_ingress(GroupId=web_sg, IpPermissions=tcp_from(22, cidr="0.0.0.0/0"))'),
        "s3-star": wrong(answers, "task3_app_role", "PolicyDocument=json.dumps(READ_ASSETS)",
                         'PolicyDocument=json.dumps({"Version": "2012-10-17", "Statement": '
                         '[{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})'),
        "over-budget": big,
    }


EXPECTED = {"full": 14.0, "blank": 0.0, "db-on-igw": 9.0, "ssh-open": 12.0, "s3-star": 11.0, "over-budget": 12.0}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_class(tmp_path_factory.mktemp("capstone"), LAB, lambda blank, answers: {
        student: filled(blank, mine) for student, mine in submissions(answers).items()})


def test_scores_match_the_documented_points(graded):
    _, results = graded
    assert {s: (g.status, g.score, g.max_score) for s, g in results.items()} == {
        s: ("graded", points, TOTAL) for s, points in EXPECTED.items()}


def test_readme_documents_these_scores():
    readme = (LABS_DIR / LAB / "README.md").read_text(encoding="utf-8")
    assert "| **Total** | **14** |" in readme
    for points in ("14 / 14", "0 / 14", "9 / 14", "12 / 14", "11 / 14"):
        assert points in readme


def test_released_notebook_has_no_solutions_or_hidden_tests(graded):
    course, _ = graded
    text = release_hides_solutions(course, LAB)
    assert "create_nat_gateway" not in text and "READ_ASSETS" not in text and "MultiAZ=True" not in text


def test_feedback_reads_as_a_design_review_and_shows_no_hidden_test_source(graded):
    course, _ = graded
    pages = feedback_pages(course, LAB, EXPECTED)
    for n in range(1, 7):
        assert f"✓ Rule {n}, " in pages["full"] and f"규칙 {n}, " in pages["full"]
    assert pages["full"].count("Why it matters") >= 6
    assert "Rule 1, no database reachable from the internet: fails" in pages["db-on-igw"]
    assert "Rule 4, private subnets reach the internet only through NAT: fails" in pages["db-on-igw"]
    assert "✓ Rule 2, " in pages["db-on-igw"], "the rules it keeps are still reported as passing"
    assert "admit TCP 22 from 0.0.0.0/0" in pages["ssh-open"]
    assert "s3:PutObject on arn:aws:s3:::capstone-assets/" in pages["s3-star"]
    assert "over the USD 150 budget" in pages["over-budget"] and "m5.large" in pages["over-budget"]
    assert "예산(USD 150)을 넘습니다" in pages["over-budget"], "failures are explained in Korean too"


def test_source_notebook_is_sound():
    """Valid nbgrader; points equal the README's; each review cell is locked, announced and trusts no learner variable."""
    from nbgrader.nbgraderformat import MetadataValidator
    from nbgrader.utils import is_grade, is_locked, is_solution

    nb = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
    MetadataValidator().validate_nb(nb)
    assert nb.metadata.kernelspec["name"] == "aws-course-kit"
    first = next(c for c in nb.cells if c.cell_type == "code")
    assert first.source == "from labs.sandbox import start; aws = start()" and is_locked(first)
    assert len({c.id for c in nb.cells}) == len(nb.cells)
    rows = re.findall(r"^\| \d \|.*\| `(\w+)` \| (\d+) \|$",
                      (LABS_DIR / LAB / "README.md").read_text(encoding="utf-8"), flags=re.M)
    documented = {test_id: int(points) for test_id, points in rows}
    graded_cells = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"] for c in nb.cells if is_grade(c)}
    assert graded_cells == documented and sum(graded_cells.values()) == TOTAL
    assert any("### BEGIN HIDDEN TESTS" in c.source for c in nb.cells if is_grade(c))
    learner = r"\b(vpc_id|subnet|web_sg|app_sg|db_sg|ec2|iam|rds|s3|aws|PLAN|READ_ASSETS|BUDGET_USD)\b[.\[(]?"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, cell.id
        if cell.cell_type == "markdown":
            assert is_locked(cell), cell.id
            assert re.search(r"[가-힣]", cell.source), f"{cell.id} has no Korean"
        if is_grade(cell):
            assert is_locked(cell) and not is_solution(cell), cell.id
            assert "What the test checks" in nb.cells[i - 1].source, cell.id
            assert "labs.checks import architecture" in cell.source, cell.id
            assert not re.search(learner, cell.source.split("\n", 1)[1].replace("rules.", "")), \
                f"{cell.id} uses a learner variable"


def test_the_chapter_links_here():
    chapter = (LABS_DIR.parent / "course" / "15-vpc-endpoints-and-connections.ipynb").read_text(encoding="utf-8")
    assert f"labs/{LAB}/{LAB}.ipynb" in chapter
