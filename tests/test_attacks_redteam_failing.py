"""Red-team findings that fail today (for review; see the red-team report).

Each test states what should hold. None of them lets a blank notebook score: they are about
honest work lost to one odd cell, unclear failure reasons, a student's script in pages the
instructor opens, and a submission filling the grading machine's disk.
"""

import json
import os
import subprocess
import sys

import nbformat
import pytest

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.grade import grade
from autograder.release import release

from .conftest import filled
from .test_attacks import _index, _with_cells
from .test_s3_lab_grading import solutions

LAB = "s3-basics"
NB = f"{LAB}.ipynb"
TIMEOUT = 60
pytestmark = pytest.mark.slow

DISK_FILL = r"""
import os
written = 0
for n in range(6):
    try:
        with open(f"fill{n}.bin", "wb") as out:
            for _ in range(60):
                out.write(b"\0" * (1 << 20))
                written += 1 << 20
    except OSError as err:
        print("refused:", err)
        break
print("WROTE", written >> 20, "MiB")
"""


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("redteam-failing")
    course = Course.at(root / "classroom")
    release(LAB, course=course)
    source = nbformat.read(LABS_DIR / LAB / NB, as_version=4)
    blank = nbformat.read(course.release(LAB) / NB, as_version=4)
    full = filled(blank, solutions(source))
    handed_in = {
        "disk_fill": _with_cells(blank, {"names": DISK_FILL}),
    }
    subs = root / "subs"
    for student, nb in handed_in.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / NB)
    collect(LAB, subs, course=course)
    outcomes = {o.student: o for o in grade(LAB, course=course, executor="warm", timeout=TIMEOUT)}
    return course, outcomes


def test_a_submission_cannot_fill_the_grading_disk(graded):
    """RLIMIT_FSIZE caps each file at 64 MiB; nothing caps the work folder's total."""
    course, outcomes = graded
    assert outcomes["disk_fill"].score == 0.0
    nb = nbformat.read(course.autograded("disk_fill", LAB) / NB, as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    wrote = int(text.split("WROTE ")[1].split()[0])
    assert wrote <= 256, f"one submission wrote {wrote} MiB to the grading machine's disk"
