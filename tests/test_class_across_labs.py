"""One small class through several labs with the instructor's command line, as a term goes.

Three students hand in three labs each: one solves everything, one hands in the blank
release, one solves only the first task of each lab. The CLI releases, collects, grades and
exports every lab into one course folder, and the exports say what each student earned.
"""

import csv

import nbformat
import pytest

from autograder.cli import main
from autograder.config import LABS_DIR, Course

from .conftest import filled
from .lab_grading import solutions

LABS = ("iam-least-privilege", "s3-basics", "databases")
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("class-across-labs")]


def first_task_only(answers: dict[str, str]) -> dict[str, str]:
    first = sorted(answers, key=lambda gid: (len(gid), gid))[0]  # task1_solution
    return {first: answers[first]}


@pytest.fixture(scope="module")
def term(tmp_path_factory):
    root = tmp_path_factory.mktemp("term")
    course_dir = root / "classroom"
    exports = {}
    for lab in LABS:
        assert main(["--course-dir", str(course_dir), "release", lab]) == 0
        blank = nbformat.read(Course.at(course_dir).release(lab) / f"{lab}.ipynb", as_version=4)
        answers = solutions(nbformat.read(LABS_DIR / lab / f"{lab}.ipynb", as_version=4))
        subs = root / "subs" / lab
        for student, nb in {"ana": filled(blank, answers), "ben": blank,
                            "chloe": filled(blank, first_task_only(answers))}.items():
            (subs / student).mkdir(parents=True)
            nbformat.write(nb, subs / student / f"{lab}.ipynb")
        assert main(["--course-dir", str(course_dir), "collect", lab, str(subs)]) == 0
        assert main(["--course-dir", str(course_dir), "grade", lab]) == 0
        assert main(["--course-dir", str(course_dir), "export", lab]) == 0
        with (course_dir / "exports" / f"{lab}-scores.csv").open(encoding="utf-8") as f:
            exports[lab] = {row["student"]: row for row in csv.DictReader(f)}
    return exports


def full_marks(lab: str) -> float:
    nb = nbformat.read(LABS_DIR / lab / f"{lab}.ipynb", as_version=4)
    return sum(c.metadata["nbgrader"].get("points", 0) for c in nb.cells
               if c.metadata.get("nbgrader", {}).get("grade"))


def test_every_lab_exports_every_student_graded(term):
    for lab, rows in term.items():
        assert sorted(rows) == ["ana", "ben", "chloe"], lab
        assert {row["status"] for row in rows.values()} == {"graded"}, lab


def test_the_solver_has_full_marks_and_the_blank_zero_in_every_lab(term):
    for lab, rows in term.items():
        assert float(rows["ana"]["score"]) == float(rows["ana"]["max_score"]) == full_marks(lab), lab
        assert float(rows["ben"]["score"]) == 0.0, lab


def test_first_task_only_earns_some_but_not_all(term):
    for lab, rows in term.items():
        assert 0 < float(rows["chloe"]["score"]) < full_marks(lab), (lab, rows["chloe"])
