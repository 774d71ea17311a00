"""The S3 basics lab through real nbgrader: full marks, zero, partial; feedback keeps hidden tests hidden.

Points are documented in labs/s3-basics/README.md: five tasks of 2 points each.
"""

import nbformat
import pytest

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.feedback import feedback, hidden_test_lines
from autograder.grade import grade
from autograder.release import release

from .conftest import filled
from .lab_grading import solutions

LAB = "s3-basics"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(LAB)]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = tmp_path_factory.mktemp("s3lab")
    course = Course.at(root / "classroom")
    release(LAB, course=course)
    source = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
    blank = nbformat.read(course.release(LAB) / f"{LAB}.ipynb", as_version=4)
    answers = solutions(source)
    subs = root / "subs"
    handed_in = {
        "full": filled(blank, answers),
        "blank": blank,
        "half": filled(blank, {k: v for k, v in answers.items() if k in ("task1_solution", "task2_solution")}),
        "first": filled(blank, {"task1_solution": answers["task1_solution"]}),
    }
    for student, nb in handed_in.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / f"{LAB}.ipynb")
    collect(LAB, subs, course=course)
    return course


EXPECTED = {"full": 10.0, "blank": 0.0, "half": 4.0, "first": 2.0}


def test_released_notebook_has_no_solutions_or_hidden_tests(course):
    text = (course.release(LAB) / f"{LAB}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert not [line for line in hidden_test_lines(course, LAB) if line in text]


@pytest.mark.parametrize("executor", ["stock", "warm"])
def test_scores_match_the_documented_points(course, executor):
    scores = {g.student: (g.status, g.score, g.max_score) for g in grade(LAB, course=course, executor=executor)}
    assert scores == {s: ("graded", points, 10.0) for s, points in EXPECTED.items()}


def test_feedback_shows_no_hidden_test_source(course):
    list(grade(LAB, course=course, executor="stock"))
    secrets = hidden_test_lines(course, LAB)
    assert secrets, "the lab has hidden tests to protect"
    for done in feedback(LAB, course=course, students=sorted(EXPECTED)):
        assert done.problem is None and done.pages, done.student
        html = done.pages[0].read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in html
        assert not [line for line in secrets if line in html], f"{done.student}'s feedback quotes a hidden test"
