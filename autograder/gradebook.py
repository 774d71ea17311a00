"""Reading nbgrader's gradebook: the one place scores live."""

from contextlib import contextmanager
from dataclasses import dataclass, field

from nbgrader.api import Gradebook, MissingEntry

from .config import Course


@contextmanager
def open_gradebook(course: Course):
    gb = Gradebook(course.gradebook_url, "aws-course-kit")
    try:
        yield gb
    finally:
        gb.close()


@dataclass
class Score:
    """One student's score on one lab, as the gradebook holds it."""

    student: str
    score: float
    max_score: float
    #: grade_id → (points earned, points possible), in notebook order.
    questions: dict[str, tuple[float, float]] = field(default_factory=dict)


def score_of(course: Course, lab: str, student: str) -> Score | None:
    """The student's score from the gradebook, or None if it holds no submission."""
    with open_gradebook(course) as gb:
        try:
            submission = gb.find_submission(lab, student)
        except MissingEntry:
            return None
        questions = {}
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                questions[grade.name] = (float(grade.score or 0), float(grade.max_score or 0))
        return Score(student, float(submission.score or 0), float(submission.max_score or 0), questions)


def graded_cells_by_notebook(course: Course, lab: str) -> dict[str, list[tuple[str, float]]]:
    """notebook file name -> its graded cells as (grade_id, points), in notebook order."""
    with open_gradebook(course) as gb:
        return {f"{nb.name}.ipynb": [(cell.name, float(cell.max_score or 0)) for cell in nb.grade_cells]
                for nb in gb.find_assignment(lab).notebooks}


def question_ids(course: Course, lab: str) -> list[tuple[str, float]]:
    """The lab's graded cells as (grade_id, points), in notebook order."""
    return [cell for cells in graded_cells_by_notebook(course, lab).values() for cell in cells]


def max_score_of(course: Course, lab: str) -> float:
    """The lab's total points, as the gradebook holds them."""
    with open_gradebook(course) as gb:
        return float(gb.find_assignment(lab).max_score)


def flag_for_review(course: Course, lab: str, student: str, why: list[str],
                    keep_score: bool = False) -> None:
    """Flag a submission, and unless ``keep_score`` score it 0 by hand; the formgrader shows both.

    Used when student code tampered with the checks. Where the checks ran in the student's
    own process, its autograded points can't be trusted: the manual 0 overrides them until
    an instructor who has looked sets another score. Where they ran in the trusted checker
    (``keep_score``), the points are honest and stay; the flag asks the instructor to look.
    """
    with open_gradebook(course) as gb:
        submission = gb.find_submission(lab, student)
        for notebook in submission.notebooks:
            notebook.flagged = True
            for grade in notebook.grades:
                if not keep_score:
                    grade.manual_score = 0.0
            for comment in notebook.comments[:1]:
                comment.manual_comment = "Flagged by the autograder: " + "; ".join(why)
        gb.db.commit()
