"""The instructor CLI: each command calls the step functions; errors end with the fixing command."""

import subprocess
import sys

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
