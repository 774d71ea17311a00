"""The instructor CLI: each command calls the step functions; errors end with the fixing command."""

import subprocess
import sys

import pytest

from autograder.cli import main

from .conftest import REPO


def test_help_lists_every_command():
    out = subprocess.run([sys.executable, "-m", "autograder", "--help"], capture_output=True, text=True, cwd=REPO)
    assert out.returncode == 0
    for command in ("release", "collect", "grade", "feedback", "export"):
        assert command in out.stdout


def test_unknown_lab_exits_2_with_a_fix(tmp_path, capsys):
    assert main(["--course-dir", str(tmp_path / "c"), "release", "s3-basic"]) == 2
    err = capsys.readouterr().err
    assert "no lab named 's3-basic'" in err
    assert "fix: python -m autograder release s3-basics" in err


def test_grade_without_submissions_says_what_to_run(tmp_path, capsys):
    assert main(["--course-dir", str(tmp_path / "c"), "grade", "s3-basics"]) == 2
    assert "python -m autograder collect s3-basics" in capsys.readouterr().err


def test_labs_lists_the_s3_lab(capsys):
    assert main(["labs"]) == 0
    assert "s3-basics" in capsys.readouterr().out.split()


def _hand_in_two(course_dir, tmp_path):
    import nbformat

    from autograder.config import LABS_DIR

    from .conftest import filled
    from .lab_grading import solutions

    blank = nbformat.read(course_dir / "release" / "s3-basics" / "s3-basics.ipynb", as_version=4)
    source = nbformat.read(LABS_DIR / "s3-basics" / "s3-basics.ipynb", as_version=4)
    subs = tmp_path / "subs"
    for student, nb in {"ana": filled(blank, solutions(source)), "ben": blank}.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / "s3-basics.ipynb")
    return subs


@pytest.mark.slow
def test_the_five_commands_end_to_end(tmp_path, capsys):
    course_dir = tmp_path / "classroom"
    base = ["--course-dir", str(course_dir)]
    assert main(base + ["release", "s3-basics"]) == 0
    assert "released s3-basics: s3-basics.ipynb (10 points)" in capsys.readouterr().out
    assert main(base + ["collect", "s3-basics", str(_hand_in_two(course_dir, tmp_path))]) == 0
    assert "collected 2 submission(s)" in capsys.readouterr().out
    assert main(base + ["grade", "s3-basics"]) == 0
    captured = capsys.readouterr()
    assert "graded 2, failed 0" in captured.out and "UNSANDBOXED" not in captured.out
    assert "grading s3-basics" in captured.err and "2/2" in captured.err, "a progress bar on stderr"
    assert main(base + ["feedback", "s3-basics"]) == 0
    assert (course_dir / "feedback" / "ana" / "s3-basics" / "s3-basics.html").exists()
    assert main(base + ["export", "s3-basics"]) == 0
    scores = (course_dir / "exports" / "s3-basics-scores.csv").read_text(encoding="utf-8")
    assert "ana,graded,10,10" in scores and "ben,graded,0,10" in scores


@pytest.mark.slow
def test_grading_without_the_sandbox_says_so_loudly(tmp_path, capsys):
    course_dir = tmp_path / "classroom"
    base = ["--course-dir", str(course_dir)]
    main(base + ["release", "s3-basics"])
    main(base + ["collect", "s3-basics", str(_hand_in_two(course_dir, tmp_path))])
    capsys.readouterr()
    assert main(base + ["grade", "s3-basics", "--no-sandbox"]) == 0
    out = capsys.readouterr().out
    assert "WARNING: 2 submission(s) ran UNSANDBOXED" in out
    main(base + ["export", "s3-basics"])
    assert "ana,graded,10,10" in (course_dir / "exports" / "s3-basics-scores.csv").read_text(encoding="utf-8")


@pytest.mark.slow
def test_learner_copies_have_no_solutions_and_are_never_overwritten(tmp_path, capsys):
    dest = tmp_path / "my-labs"
    assert main(["learner-copies", "--dest", str(dest)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("your copies of ") and "s3-basics" in out and f"are in {dest}" in out
    copy = dest / "s3-basics" / "s3-basics.ipynb"
    text = copy.read_text(encoding="utf-8")
    assert "BEGIN SOLUTION" not in text and "BEGIN HIDDEN TESTS" not in text
    assert "raise NotImplementedError()" in text
    copy.write_text(text.replace("raise NotImplementedError()", "print('my work')"), encoding="utf-8")
    assert main(["learner-copies", "--dest", str(dest)]) == 0
    assert capsys.readouterr().out == ""
    assert "print('my work')" in copy.read_text(encoding="utf-8"), "the learner's work is kept"
