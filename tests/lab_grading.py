"""Grading a lab's class of submissions through real nbgrader, shared by the lab tests.

Each lab test builds its submissions from the released notebook (the learner's starting point)
and the source's solution cells, then grades them all in one `grade()` call: one class, one
warm executor, the pipeline an instructor runs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import nbformat

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.feedback import feedback, hidden_test_lines
from autograder.grade import Graded, grade
from autograder.release import release

Notebook = nbformat.NotebookNode


def solutions(source_nb) -> dict[str, str]:
    """grade_id -> the solution cell's code as a learner would write it (no markers)."""
    answers = {}
    for cell in source_nb.cells:
        meta = cell.metadata.get("nbgrader", {})
        if meta.get("solution") and cell.cell_type == "code":
            lines = [line for line in cell.source.splitlines()
                     if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line]
            answers[meta["grade_id"]] = "\n".join(lines)
    return answers


def grade_class(root: Path, lab: str,
                submissions: Callable[[Notebook, dict[str, str]], dict[str, Notebook]]
                ) -> tuple[Course, dict[str, Graded]]:
    """Release ``lab`` into ``root``, hand in ``submissions(blank, answers)``, grade them all once."""
    course = Course.at(root / "classroom")
    release(lab, course=course)
    source = nbformat.read(LABS_DIR / lab / f"{lab}.ipynb", as_version=4)
    blank = nbformat.read(course.release(lab) / f"{lab}.ipynb", as_version=4)
    subs = root / "subs"
    for student, nb in submissions(blank, solutions(source)).items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / f"{lab}.ipynb")
    collect(lab, subs, course=course)
    return course, {g.student: g for g in grade(lab, course=course, executor="warm")}


def release_hides_solutions(course: Course, lab: str) -> str:
    """The released notebook's text, after asserting it holds no solution or hidden test."""
    text = (course.release(lab) / f"{lab}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert not [line for line in hidden_test_lines(course, lab) if line in text]
    return text


def feedback_pages(course: Course, lab: str, students) -> dict[str, str]:
    """Each student's feedback HTML, after asserting none quotes a hidden test."""
    secrets = hidden_test_lines(course, lab)
    assert secrets, "the lab has hidden tests to protect"
    pages = {}
    for done in feedback(lab, course=course, students=sorted(students)):
        assert done.problem is None and done.pages, done.student
        html = done.pages[0].read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in html
        assert not [line for line in secrets if line in html], f"{done.student}'s feedback quotes a hidden test"
        pages[done.student] = html
    return pages
