"""Whatever students hand in, every submission gets a score or a reason, nothing stops the
batch, every file is kept, and grading again gives the same result (issue: grading a class).

The tests run in the trusted checker on the sandbox's final state (labs/README.md): work a
submission did before it crashed counts; tampering in its own process is flagged, not scored.

Each case is a full S3-lab submission with one thing wrong. Grading runs through the real
pipeline (nbgrader + the warm, isolated executor) with a short cell timeout.
"""

import json
import socket
import sqlite3

import nbformat
import pytest

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.grade import grade, load_report
from autograder.release import release

from .conftest import filled
from .lab_grading import solutions

LAB = "s3-basics"
NB = f"{LAB}.ipynb"
pytestmark = pytest.mark.slow


def _cell_index(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _with_extra_cell(nb, source, after="task1_solution"):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    nb.cells.insert(_cell_index(nb, after) + 1, nbformat.v4.new_code_cell(source))
    return nb


def build_class(course, folder, listener_port):
    """student -> what they hand in; plus the expected (status, score, reason fragment)."""
    source = nbformat.read(LABS_DIR / LAB / NB, as_version=4)
    blank = nbformat.read(course.release(LAB) / NB, as_version=4)
    answers = solutions(source)
    full = filled(blank, answers)
    gradebook = course.root / "gradebook.db"
    hidden_source = LABS_DIR / LAB / NB

    def edited(change):
        nb = nbformat.from_dict(json.loads(json.dumps(full)))
        change(nb)
        return nb

    def drop_test5(nb):
        del nb.cells[_cell_index(nb, "task5_versioning")]

    def duplicate_test1(nb):
        i = _cell_index(nb, "task1_bucket_in_region")
        nb.cells.insert(i + 1, nbformat.from_dict(json.loads(json.dumps(nb.cells[i]))))

    def split_solution2(nb):
        i = _cell_index(nb, "task2_solution")
        lines = nb.cells[i].source.splitlines()
        nb.cells[i].source = "\n".join(lines[:1])
        nb.cells.insert(i + 1, nbformat.v4.new_code_cell("\n".join(lines[1:])))

    def tests_edited_to_pass(nb):
        for c in nb.cells:
            if c.metadata.get("nbgrader", {}).get("grade"):
                c.source = "pass  # I promise it works"

    cases = {
        # name: (handed-in content (notebook, bytes or None for "no notebook"), status, score, reason fragment)
        "full": (full, "graded", 10, None),
        "invalid_json": (b'{"cells": [', "failed", 0, "not a readable notebook"),
        "empty_file": (b"", "failed", 0, "not a readable notebook"),
        "no_notebook": (None, "failed", 0, "was not handed in"),
        "renamed": (full, "graded", 10, None),
        "deleted_test_cell": (edited(drop_test5), "graded", 8, "'task5_versioning' (2 points) was deleted"),
        "duplicated_cell": (edited(duplicate_test1), "graded", 10, "appears 2 times"),
        "split_cell": (edited(split_solution2), "graded", 10, None),
        "edited_locked_tests": (filled(edited(tests_edited_to_pass), {}), "graded", 10,
                                "'task1_bucket_in_region' was edited by the student; the original was restored"),
        "blank_with_edited_tests": (edited(lambda nb: [tests_edited_to_pass(nb),
                                                      [setattr(c, "source", blank.cells[i].source) for i, c in enumerate(nb.cells)
                                                       if c.metadata.get("nbgrader", {}).get("solution")]]),
                                    "graded", 0, "was edited by the student"),
        # Tests run on the sandbox's final state: work done before the crash counts.
        "infinite_loop": (_with_extra_cell(full, "while True:\n    pass", after="task3_solution"), "graded", 6, "timeout"),
        "os_exit": (_with_extra_cell(full, "import os\nos._exit(3)", after="task2_solution"), "graded", 4, "kernel died"),
        "segfault": (_with_extra_cell(full, "import ctypes\nctypes.string_at(0)", after="task4_solution"), "graded", 8, "SIGSEGV"),
        "memory_hog": (_with_extra_cell(full, "hog = bytearray(8 * 1024**3)"), "graded", 10, "memory"),
        "huge_output": (_with_extra_cell(full, "print('x' * 10_000_000)"), "graded", 10, "truncated"),
        "sys_exit": (_with_extra_cell(full, "import sys\nsys.exit(1)"), "graded", 10, "sys.exit"),
        "redefines_helpers": (_with_extra_cell(
            full, "import labs.checks.result as r\nr.require = lambda *results: None\n"
                  "import labs.checks.s3 as c\nc.require = r.require"), "graded", 10, "tampering"),
        "patches_boto3": (_with_extra_cell(
            full, "import botocore.client\nbotocore.client.BaseClient._make_api_call = lambda self, op, params: {}"),
            "graded", 2, "tampering"),  # its own later calls did nothing
        "reads_hidden_tests": (_with_extra_cell(
            full, f"print(open({str(hidden_source)!r}).read()[:100])"), "graded", 10, None),
        "writes_gradebook": (_with_extra_cell(
            full, f"open({str(gradebook)!r}, 'w').write('pwned')"), "graded", 10, None),
        "opens_network": (_with_extra_cell(
            full, f"import socket\nsocket.create_connection(('127.0.0.1', {listener_port}), timeout=2)"),
            "graded", 10, None),
    }
    for student, (content, *_rest) in cases.items():
        where = folder / student
        where.mkdir(parents=True)
        name = "my lab (1).ipynb" if student == "renamed" else NB
        if content is None:
            (where / "notes.txt").write_text("I forgot the notebook", encoding="utf-8")
        elif isinstance(content, bytes):
            (where / name).write_bytes(content)
        else:
            nbformat.write(content, where / name)
    return {student: tuple(rest) for student, (_content, *rest) in cases.items()}


@pytest.fixture(scope="module")
def listener():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield server
    server.close()


@pytest.fixture(scope="module")
def graded_class(tmp_path_factory, listener):
    root = tmp_path_factory.mktemp("badclass")
    course = Course.at(root / "classroom")
    release(LAB, course=course)
    expected = build_class(course, root / "subs", listener.getsockname()[1])
    collection = collect(LAB, root / "subs", course=course)
    outcomes = {o.student: o for o in grade(LAB, course=course, executor="warm", timeout=5)}
    return course, root / "subs", collection, expected, outcomes


def test_every_submission_has_a_score_or_a_reason(graded_class):
    course, _subs, _collection, expected, outcomes = graded_class
    assert set(outcomes) == set(expected), "the batch graded everyone"
    for student, (status, score, fragment) in expected.items():
        got = outcomes[student]
        assert (got.status, got.score) == (status, score), f"{student}: {got.status} {got.score} ({got.reason})"
        if fragment:
            assert fragment in (got.reason or ""), f"{student}: reason {got.reason!r} should mention {fragment!r}"
        if got.status == "failed":
            assert got.reason, f"{student} failed without a reason"


def test_reasons_are_saved_for_the_instructor(graded_class):
    course, _subs, _collection, expected, outcomes = graded_class
    report = load_report(course, LAB)
    assert {s: r["reason"] for s, r in report.items()} == {s: o.reason for s, o in outcomes.items()}


def test_every_submitted_file_is_kept_byte_for_byte(graded_class):
    _course, subs, collection, _expected, _outcomes = graded_class
    for original in subs.rglob("*"):
        if original.is_file():
            kept = collection.archive / "subs" / original.relative_to(subs)
            assert kept.read_bytes() == original.read_bytes(), f"{original} not kept as handed in"


def test_student_code_could_not_read_hidden_tests_or_write_the_gradebook(graded_class, listener):
    course, *_ = graded_class
    autograded = nbformat.read(course.autograded("reads_hidden_tests", LAB) / NB, as_version=4)
    errors = [o for c in autograded.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert any(e["ename"] in ("FileNotFoundError", "PermissionError") for e in errors)
    assert not any("BEGIN HIDDEN TESTS" in json.dumps(c.get("outputs", [])) for c in autograded.cells)
    with sqlite3.connect(course.root / "gradebook.db") as db:
        assert db.execute("select count(*) from submitted_assignment").fetchone()[0] > 0, "gradebook intact"
    listener.settimeout(0.2)
    with pytest.raises(socket.timeout):
        listener.accept()  # nobody connected


def test_tampering_is_flagged_in_the_gradebook(graded_class):
    course, *_ = graded_class
    with sqlite3.connect(course.root / "gradebook.db") as db:
        flagged = {row[0] for row in db.execute(
            "select student.id from submitted_notebook join submitted_assignment on "
            "submitted_notebook.assignment_id = submitted_assignment.id join student on "
            "submitted_assignment.student_id = student.id where submitted_notebook.flagged")}
    assert flagged == {"redefines_helpers", "patches_boto3"}


def test_grading_again_gives_the_same_result(graded_class):
    course, _subs, _collection, _expected, outcomes = graded_class
    again = {o.student: o for o in grade(LAB, course=course, executor="warm", timeout=5)}
    assert {s: (o.status, o.score, o.reason) for s, o in again.items()} == \
           {s: (o.status, o.score, o.reason) for s, o in outcomes.items()}
