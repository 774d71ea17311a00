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
from autograder.feedback import feedback
from autograder.grade import grade
from autograder.release import release

from .conftest import filled
from .test_attacks import _index, _with_cells
from .test_s3_lab_grading import solutions

LAB = "s3-basics"
NB = f"{LAB}.ipynb"
TIMEOUT = 60
pytestmark = pytest.mark.slow

SCRIPT = "<script>document.title='redteam-xss'</script>"
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


def _foreign_graded_cell(nb):
    """A graded test cell pasted in from another lab (its grade_id is not in this gradebook)."""
    cell = nbformat.v4.new_code_cell("assert 1 + 1 == 2")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                 "grade_id": "ec2_lab_test", "schema_version": 3}
    nb.cells.insert(_index(nb, "names") + 1, cell)
    return nb


def _one_test_flag_flipped(nb):
    """One test cell's "solution" flag switched on (as the Create Assignment toolbar can)."""
    nb.cells[_index(nb, "task5_versioning")].metadata["nbgrader"]["solution"] = True
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("redteam-failing")
    course = Course.at(root / "classroom")
    release(LAB, course=course)
    source = nbformat.read(LABS_DIR / LAB / NB, as_version=4)
    blank = nbformat.read(course.release(LAB) / NB, as_version=4)
    full = filled(blank, solutions(source))
    handed_in = {
        "honest_with_foreign_cell": _foreign_graded_cell(nbformat.from_dict(json.loads(json.dumps(full)))),
        "honest_with_flag_flipped": _one_test_flag_flipped(nbformat.from_dict(json.loads(json.dumps(full)))),
        "script_in_outputs": _with_cells(blank, {"names": (
            "from IPython.display import HTML, display\n"
            f"display(HTML(\"{SCRIPT}<b>All tests passed: 10/10</b>\"))")}),
        "disk_fill": _with_cells(blank, {"names": DISK_FILL}),
    }
    subs = root / "subs"
    for student, nb in handed_in.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / NB)
    collect(LAB, subs, course=course)
    outcomes = {o.student: o for o in grade(LAB, course=course, executor="warm", timeout=TIMEOUT)}
    return course, outcomes


def test_a_pasted_foreign_graded_cell_costs_only_itself(graded):
    """Today: status "failed", score 0, reason "Please see the the above traceback"."""
    _course, outcomes = graded
    got = outcomes["honest_with_foreign_cell"]
    assert (got.status, got.score) == ("graded", 10.0), f"{got.status} {got.score}: {got.reason}"
    assert "ec2_lab_test" in (got.reason or ""), got.reason


def test_a_flipped_test_flag_is_restored_and_graded(graded):
    """Today: status "failed", score 0, though the reason says "restored and graded"."""
    _course, outcomes = graded
    got = outcomes["honest_with_flag_flipped"]
    assert (got.status, got.score) == ("graded", 10.0), f"{got.status} {got.score}: {got.reason}"


def test_student_script_never_reaches_an_html_page(graded):
    """Feedback pages (and the formgrader, which renders the same outputs) run a student's
    <script>: in the formgrader it would run with the instructor's session."""
    course, outcomes = graded
    assert outcomes["script_in_outputs"].score == 0.0
    done = {f.student: f for f in feedback(LAB, course=course, students=["script_in_outputs"])}
    html = done["script_in_outputs"].pages[0].read_text(encoding="utf-8")
    assert "All tests passed" in html
    assert SCRIPT not in html


def test_a_submission_cannot_fill_the_grading_disk(graded):
    """RLIMIT_FSIZE caps each file at 64 MiB; nothing caps the work folder's total."""
    course, outcomes = graded
    assert outcomes["disk_fill"].score == 0.0
    nb = nbformat.read(course.autograded("disk_fill", LAB) / NB, as_version=4)
    text = "".join(o.get("text", "") for c in nb.cells for o in c.get("outputs", []))
    wrote = int(text.split("WROTE ")[1].split()[0])
    assert wrote <= 256, f"one submission wrote {wrote} MiB to the grading machine's disk"


COLLECT_WITH_DEVICE_LINK = r"""
import os, resource, sys
from pathlib import Path
import nbformat
from autograder.collect import collect
from autograder.config import Course
from autograder.release import release
resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))
root = Path(sys.argv[1])
course = Course.at(root / "classroom")
release("s3-basics", course=course)
blank = course.release("s3-basics") / "s3-basics.ipynb"
for student in ("alice", "mallory"):
    (root / "subs" / student).mkdir(parents=True)
    (root / "subs" / student / "s3-basics.ipynb").write_bytes(blank.read_bytes())
os.symlink("/dev/zero", root / "subs" / "mallory" / "data.bin")
got = collect("s3-basics", root / "subs", course=course)
print("COLLECTED", sorted(s.student for s in got.students))
"""


def test_collect_survives_a_link_to_a_device(tmp_path):
    """`unzip` recreates symlinks; collect's archive copy (copytree) follows them: a link to
    /dev/zero writes without end (here stopped by a 64 MiB file-size limit)."""
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    run = subprocess.run([sys.executable, "-c", COLLECT_WITH_DEVICE_LINK, str(tmp_path)],
                         capture_output=True, text=True, timeout=300, env=env)
    assert "COLLECTED ['alice', 'mallory']" in run.stdout, (run.returncode, run.stderr[-1500:])
