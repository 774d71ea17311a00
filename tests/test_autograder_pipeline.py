"""The instructor pipeline on a small lab with no AWS in it: release, collect, grade, feedback, export.

Grading here uses nbgrader's own executor, so these tests pin our pipeline to real nbgrader
behaviour; test_s3_lab_grading.py runs the real S3 lab through both executors.
"""

import csv
import zipfile
from pathlib import Path

import nbformat
import pytest

from autograder.collect import collect
from autograder.config import Course
from autograder.errors import CourseError
from autograder.export import export
from autograder.feedback import feedback
from autograder.grade import grade, moto_backends
from autograder.release import release

from .conftest import filled, toy_lab

LABS = Path(__file__).resolve().parent.parent / "labs"

FULL = {"add": "def add(a, b):\n    return a + b", "mul": "def mul(a, b):\n    return a * b"}
HALF = {"add": FULL["add"]}


def released_toy(root):
    toy_lab(root / "labs")
    course = Course.at(root / "classroom")
    release("toy", course=course, labs_dir=root / "labs")
    return course


@pytest.fixture
def course(tmp_path):
    return released_toy(tmp_path)


def released(course):
    return nbformat.read(course.release("toy") / "toy.ipynb", as_version=4)


def hand_in(folder, student, nb, name="toy.ipynb"):
    (folder / student).mkdir(parents=True, exist_ok=True)
    nbformat.write(nb, folder / student / name)


class TestRelease:
    def test_release_strips_solutions_and_hidden_tests(self, course):
        text = (course.release("toy") / "toy.ipynb").read_text()
        assert "return a + b" not in text
        assert "secret-hidden-check" not in text
        assert "raise NotImplementedError()" in text

    def test_unknown_lab_names_the_closest(self, tmp_path):
        labs = tmp_path / "labs"
        toy_lab(labs)
        with pytest.raises(CourseError, match="did you mean 'toy'"):
            release("tyo", course=Course.at(tmp_path / "c"), labs_dir=labs)


class TestCollect:
    def test_folder_per_student_and_renamed_notebook(self, course, tmp_path):
        subs = tmp_path / "subs"
        hand_in(subs, "ana", released(course))
        hand_in(subs, "ben", released(course), name="toy (1).ipynb")
        got = collect("toy", subs, course=course)
        assert [s.student for s in got.students] == ["ana", "ben"]
        assert got.students[1].notes == ["renamed 'toy (1).ipynb' to 'toy.ipynb'"]
        assert (course.submitted("ben", "toy") / "toy.ipynb").exists()
        assert (got.archive / "subs" / "ben" / "toy (1).ipynb").exists(), "the original is archived as handed in"

    def test_zip_of_lms_named_files(self, course, tmp_path):
        nb = released(course)
        archive = tmp_path / "download.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("submissions/kim_1234_toy.ipynb", nbformat.writes(nb))
            zf.writestr("submissions/lee_toy.ipynb", nbformat.writes(nb))
        got = collect("toy", archive, course=course)
        assert [s.student for s in got.students] == ["kim", "lee"]
        assert (got.archive / "download.zip").exists()

    def test_zip_slip_is_refused(self, course, tmp_path):
        archive = tmp_path / "evil.zip"
        with zipfile.ZipFile(archive, "w") as zf:
            zf.writestr("../../escaped.ipynb", "{}")
        with pytest.raises(CourseError, match="points outside the archive"):
            collect("toy", archive, course=course)
        assert not (tmp_path / "escaped.ipynb").exists()

    def test_links_in_a_submission_are_not_followed(self, course, tmp_path):
        subs = tmp_path / "subs"
        hand_in(subs, "eve", released(course))
        secret = tmp_path / "instructor-secret.txt"
        secret.write_text("answers", encoding="utf-8")
        (subs / "eve" / "notes.txt").symlink_to(secret)
        collect("toy", subs, course=course)
        assert not (course.submitted("eve", "toy") / "notes.txt").exists()

    def test_collect_before_release_says_what_to_run(self, tmp_path):
        (tmp_path / "subs").mkdir()
        with pytest.raises(CourseError, match="python -m autograder release toy"):
            collect("toy", tmp_path / "subs", course=Course.at(tmp_path / "empty"))


@pytest.fixture(scope="module")
def graded_course(tmp_path_factory):
    return released_toy(tmp_path_factory.mktemp("graded"))


@pytest.fixture(scope="module")
def graded(graded_course):
    course = graded_course
    subs = course.root.parent / "subs"
    rel = released(course)
    hand_in(subs, "full", filled(rel, FULL))
    hand_in(subs, "half", filled(rel, HALF))
    hand_in(subs, "blank", rel)
    (subs / "broken").mkdir()
    (subs / "broken" / "toy.ipynb").write_text("{not json", encoding="utf-8")
    collect("toy", subs, course=course)
    return {g.student: g for g in grade("toy", course=course, executor="stock")}


@pytest.mark.slow
class TestGradeFeedbackExport:
    @pytest.fixture
    def course(self, graded_course):
        return graded_course

    def test_scores(self, graded):
        assert {s: (g.status, g.score) for s, g in graded.items()} == {
            "full": ("graded", 5.0), "half": ("graded", 2.0), "blank": ("graded", 0.0), "broken": ("failed", 0.0)}

    def test_broken_notebook_has_a_reason_and_is_kept(self, graded, course):
        assert "toy.ipynb is not a readable notebook" in graded["broken"].reason
        assert (course.submitted("broken", "toy") / "unreadable" / "toy.ipynb").read_text() == "{not json"

    def test_each_outcome_says_where_its_time_went(self, graded):
        for outcome in graded.values():
            assert set(outcome.phases) >= {"bookkeeping", "lock wait"}
        # nbgrader's own executor runs inside the bookkeeping; the unreadable one never ran.
        assert graded["full"].phases["bookkeeping"] > 0
        assert "execute" not in graded["full"].phases

    def test_grading_again_gives_the_same_scores(self, graded, course):
        again = {g.student: g.score for g in grade("toy", course=course, executor="stock")}
        assert again == {s: g.score for s, g in graded.items()}

    def test_feedback_has_no_hidden_test_source(self, graded, course):
        pages = {f.student: f for f in feedback("toy", course=course, students=["full", "half", "blank"])}
        for student, done in pages.items():
            assert done.problem is None and len(done.pages) == 1, student
            html = done.pages[0].read_text(encoding="utf-8")
            assert "assert add(-40, 40)" not in html, f"{student}'s feedback shows hidden test code"
            assert "BEGIN HIDDEN TESTS" not in html
        # Half failed nothing hidden; blank failed the hidden test: only its message is shown.
        assert "add(1, 2) should be 3" in pages["blank"].pages[0].read_text(encoding="utf-8")

    def test_export_csv_has_per_question_points_and_reasons(self, graded, course):
        done = export("toy", course=course)
        rows = {r["student"]: r for r in csv.DictReader(done.scores.open(encoding="utf-8"))}
        assert rows["half"]["test_add (2)"] == "2" and rows["half"]["test_mul (3)"] == "0"
        assert rows["full"]["score"] == "5"
        assert rows["broken"]["status"] == "failed" and "not a readable notebook" in rows["broken"]["reason"]
        canvas = list(csv.reader(done.canvas.open(encoding="utf-8")))
        assert canvas[0][:5] == ["Student", "ID", "SIS User ID", "SIS Login ID", "Section"]
        assert canvas[1][0] == "Points Possible" and canvas[1][-1] == "5"
        assert ["full", "", "", "full", "", "5"] in canvas


def test_a_crash_while_grading_one_student_does_not_stop_the_batch(course, tmp_path, monkeypatch):
    import autograder.grade as grading

    subs = tmp_path / "subs"
    rel = released(course)
    hand_in(subs, "ana", filled(rel, FULL))
    hand_in(subs, "ben", filled(rel, FULL))
    collect("toy", subs, course=course)
    real = grading._grade_one

    def crash_for_ana(api, course, lab, student, *rest):
        if student == "ana":
            raise RuntimeError("disk on fire")
        return real(api, course, lab, student, *rest)

    monkeypatch.setattr(grading, "_grade_one", crash_for_ana)
    got = {g.student: g for g in grade("toy", course=course, executor="stock")}
    assert got["ana"].status == "failed" and got["ana"].reason == "grading crashed: RuntimeError: disk on fire"
    assert (got["ben"].status, got["ben"].score) == ("graded", 5.0)


@pytest.mark.parametrize(("lab", "backends"), [
    ("ec2-and-images", ["ec2"]), ("vpc-from-scratch", ["ec2"]),
    ("load-balancing-and-auto-scaling", ["ec2"]), ("capstone-three-tier", ["ec2"]),
    ("s3-basics", []),
    ("iam-least-privilege", []),  # names "ec2:RunInstances" and "ec2.amazonaws.com" only
])
def test_labs_that_call_ec2_get_its_backend_built_once(tmp_path, lab, backends):
    course = Course.at(tmp_path)
    (course.source(lab)).mkdir(parents=True)
    for path in (LABS / lab).glob("*.ipynb"):
        (course.source(lab) / path.name).write_bytes(path.read_bytes())
    assert moto_backends(course, lab) == backends
