"""The S3 data protection and hosting lab through real nbgrader: full marks, zero, exact partial points for
submissions written the way learners get it wrong, and feedback that keeps hidden tests hidden.

Points and expected scores are documented in labs/s3-protection-and-hosting/README.md.
"""

from __future__ import annotations

import re

import nbformat
import pytest

from autograder.config import LABS_DIR

from .conftest import filled
from .lab_grading import feedback_pages, grade_class, release_hides_solutions

LAB = "s3-protection-and-hosting"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(LAB)]


def wrong(answers: dict[str, str], grade_id: str, old: str, new: str) -> dict[str, str]:
    """The answers with one solution cell changed the way a learner might get it wrong."""
    assert old in answers[grade_id], f"{grade_id} no longer holds {old!r}"
    return {**answers, grade_id: answers[grade_id].replace(old, new)}


def submissions(answers: dict[str, str]) -> dict[str, dict[str, str]]:
    public_and_early = wrong(answers, "task5_solution", '"Principal": {"AWS": READER}', '"Principal": "*"')
    public_and_early = wrong(public_and_early, "task2_solution", '{"Days": 30, "StorageClass": "STANDARD_IA"}',
                             '{"Days": 10, "StorageClass": "STANDARD_IA"}')
    return {
        "full": answers,
        "blank": {},
        "governance": wrong(answers, "task3_solution", '"Mode": "COMPLIANCE"', '"Mode": "GOVERNANCE"'),
        "public-policy-early-ia": public_and_early,
        "site-under-bpa": wrong(answers, "task6_solution", '"BlockPublicPolicy": False, "RestrictPublicBuckets": False',
                                '"BlockPublicPolicy": True, "RestrictPublicBuckets": True'),
        # Cheats: the invoice carries its own one-day COMPLIANCE lock (the default says 7 years), and the
        # reader's statement keeps the solution's Sid but grants every S3 action on reports/.
        "cheat-day-lock-s3-star": wrong(
            wrong(answers, "task3_solution", 'Body=b"%PDF-1.7 invoice 2026-001")',
                  'Body=b"%PDF-1.7 invoice 2026-001", ObjectLockMode="COMPLIANCE", '
                  'ObjectLockRetainUntilDate=__import__("datetime").datetime.now(__import__("datetime").timezone.utc)'
                  ' + __import__("datetime").timedelta(days=1))'),
            "task5_solution", '"Action": "s3:GetObject"', '"Action": "s3:*"'),
    }


EXPECTED = {"full": 12.0, "blank": 0.0, "governance": 10.0, "public-policy-early-ia": 8.0, "site-under-bpa": 10.0,
            "cheat-day-lock-s3-star": 8.0}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    return grade_class(tmp_path_factory.mktemp("s3protlab"), LAB, lambda blank, answers: {
        student: filled(blank, mine) for student, mine in submissions(answers).items()})


def test_scores_match_the_documented_points(graded):
    _, results = graded
    assert {s: (g.status, g.score, g.max_score) for s, g in results.items()} == {
        s: ("graded", points, 12.0) for s, points in EXPECTED.items()}


def test_readme_documents_these_scores():
    readme = (LABS_DIR / LAB / "README.md").read_text(encoding="utf-8")
    assert "| **Total** | **12** |" in readme
    for points in ("12 / 12", "0 / 12", "10 / 12", "8 / 12"):
        assert points in readme


def test_released_notebook_has_no_solutions_or_hidden_tests(graded):
    course, _ = graded
    text = release_hides_solutions(course, LAB)
    assert "put_object_lock_configuration" not in text and '"Years": 7' not in text


def test_instructions_come_in_both_languages():
    nb = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            assert re.search(r"[가-힣]", cell.source), f"{cell.id} has no Korean"


def test_feedback_says_what_failed_and_shows_no_hidden_test_source(graded):
    course, _ = graded
    pages = feedback_pages(course, LAB, EXPECTED)
    assert "default retention GOVERNANCE" in pages["governance"]
    assert "BlockPublicPolicy is on" in pages["public-policy-early-ia"]
    assert "greater than or equal to 30" in pages["public-policy-early-ia"]
    assert "BlockPublicPolicy" in pages["site-under-bpa"]
    assert "S3라면 저장을" in pages["site-under-bpa"], "failures are explained in Korean too"


def test_source_notebook_is_sound():
    from .test_lab_vpc_from_scratch import source_is_sound

    source_is_sound(LAB, 'bucket = "kit-', r"\b(BUCKET|LOCK_BUCKET|SITE_BUCKET|READER)\b|\b(s3|aws|kms)[.\[]")
