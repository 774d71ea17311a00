"""Step 4: write each student's HTML feedback with nbgrader, without hidden tests.

HideHiddenTests (see preprocessors.py) strips them; this step then checks every page
against the hidden tests' own lines and withholds any page that still quotes one.
"""

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
from nbgrader.apps import NbGraderAPI

from .config import Course, nbgrader_config


@dataclass
class Feedback:
    student: str
    pages: list[Path]
    problem: str | None = None


def hidden_test_lines(course: Course, lab: str) -> set[str]:
    """Every non-trivial line inside the lab's hidden-test regions that learners never see."""
    lines: set[str] = set()
    for path in course.source(lab).glob("*.ipynb"):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            inside = False
            for line in cell.source.splitlines():
                if "BEGIN HIDDEN TESTS" in line:
                    inside = True
                elif "END HIDDEN TESTS" in line:
                    inside = False
                elif inside and len(line.strip()) > 12:
                    lines.add(line.strip())
    # A line that also stands in the released notebook (an import, say) is no secret.
    released = "\n".join(cell.source for p in course.release(lab).glob("*.ipynb")
                         for cell in nbformat.read(p, as_version=4).cells)
    return {line for line in lines if line not in released}


def feedback(lab: str, *, course: Course, students: list[str]) -> Iterator[Feedback]:
    """Generate feedback for each student who has been autograded; yield each result."""
    api = NbGraderAPI(config=nbgrader_config(course, executor="stock"))
    api.log_level = "ERROR"
    secrets = hidden_test_lines(course, lab)
    for student in students:
        if not course.autograded(student, lab).is_dir():
            yield Feedback(student, [], "not autograded yet")
            continue
        result = api.generate_feedback(lab, student)
        pages = sorted(course.feedback(student, lab).glob("*.html"))
        if not result["success"]:
            yield Feedback(student, [], (result.get("error") or "nbgrader failed").strip().splitlines()[-1])
            continue
        leaked = [p for p in pages if _quotes_any(p, secrets)]
        for page in leaked:
            page.unlink()
        problem = f"withheld {len(leaked)} page(s) that quoted hidden tests" if leaked else None
        yield Feedback(student, [p for p in pages if p not in leaked], problem)


def _quotes_any(page: Path, lines: set[str]) -> bool:
    text = html.unescape(re.sub(r"<[^>]+>", "", page.read_text(encoding="utf-8")))
    return any(line in text for line in lines)
