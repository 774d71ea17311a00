"""Step 1: make the learners' version of a lab with nbgrader's generate_assignment."""

import difflib
import shutil
from dataclasses import dataclass
from pathlib import Path

from nbgrader.apps import NbGraderAPI

from .config import (LABS_DIR, Course, available_labs, nbgrader_config, released_notebooks,
                     write_course_config)
from .errors import CourseError
from .gradebook import max_score_of
from .lab_problems import lab_problems


@dataclass(frozen=True)
class Release:
    lab: str
    folder: Path
    notebooks: list[str]
    max_score: float


def lab_source(lab: str, labs_dir: Path = LABS_DIR) -> Path:
    """The lab's source folder in `labs/`, or a CourseError that lists the labs there are."""
    folder = labs_dir / lab
    if folder.is_dir() and any(folder.glob("*.ipynb")):
        return folder
    labs = available_labs(labs_dir)
    close = difflib.get_close_matches(lab, labs, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise CourseError(
        f"no lab named {lab!r} in {labs_dir}; {hint}labs: {', '.join(labs) or 'none'}",
        fix=f"python -m autograder release {close[0] if close else (labs[0] if labs else 'LAB')}",
    )


def release(lab: str, *, course: Course, labs_dir: Path = LABS_DIR) -> Release:
    """Copy `labs/<lab>` into the course and run nbgrader's generate_assignment on it.

    The copy keeps the release reproducible even if `labs/` changes later; the gradebook
    records the notebooks' cells, checksums and points.
    """
    source = lab_source(lab, labs_dir)
    problems = lab_problems(source)
    if problems:
        raise CourseError(
            f"lab {lab!r} can't be released; fix these in {source}:\n" + "\n".join(f"  - {p}" for p in problems),
            fix=f"python -m autograder check {lab}",
        )
    write_course_config(course)
    target = course.source(lab)
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(source, target, ignore=shutil.ignore_patterns(
        "README.md", "__pycache__", ".ipynb_checkpoints", "*.py"))

    api = NbGraderAPI(config=nbgrader_config(course, executor="stock"))
    result = api.generate_assignment(lab, force=True, create=True)
    if not result["success"]:
        raise CourseError(
            f"nbgrader could not generate the release of {lab!r}:\n{_last_lines(result)}",
            fix=f"nbgrader validate labs/{lab}/*.ipynb",
        )
    return Release(lab, course.release(lab), released_notebooks(course, lab), max_score_of(course, lab))


def _last_lines(result: dict, n: int = 12) -> str:
    text = (result.get("log") or "") + (result.get("error") or "")
    return "\n".join(text.strip().splitlines()[-n:])
