"""`python -m autograder new-lab NAME` scaffolds a lab that passes as written: solution full marks, blank 0."""

import nbformat
import pytest

from autograder.cli import main
from autograder.collect import collect
from autograder.config import Course
from autograder.errors import CourseError
from autograder.grade import grade
from autograder.lab_problems import lab_problems
from autograder.new_lab import new_lab
from autograder.release import release

from .conftest import filled
from .lab_grading import solutions


@pytest.mark.slow
def test_scaffold_grades_full_marks_and_zero(tmp_path):
    labs = tmp_path / "labs"
    made = new_lab("my-first-lab", labs_dir=labs)
    assert lab_problems(made.folder) == []
    assert "과제 1" in made.notebook.read_text(encoding="utf-8"), "instructions come in both languages"

    course = Course.at(tmp_path / "classroom")
    done = release("my-first-lab", course=course, labs_dir=labs)
    assert done.max_score == made.points == 5
    blank = nbformat.read(course.release("my-first-lab") / "my-first-lab.ipynb", as_version=4)
    answers = solutions(nbformat.read(made.notebook, as_version=4))
    subs = tmp_path / "subs"
    for student, nb in {"solution": filled(blank, answers), "blank": blank,
                        "task1": filled(blank, {"task1_solution": answers["task1_solution"]})}.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / "my-first-lab.ipynb")
    collect("my-first-lab", subs, course=course)
    scores = {g.student: (g.status, g.score) for g in grade("my-first-lab", course=course)}
    assert scores == {"solution": ("graded", 5.0), "blank": ("graded", 0.0), "task1": ("graded", 2.0)}


@pytest.mark.parametrize("name", ["My-Lab", "a", "lab_1", "-lab", "lab--x", "x" * 41])
def test_bad_names_are_refused_with_the_rule(tmp_path, name):
    with pytest.raises(CourseError, match="lowercase letters, digits and single hyphens"):
        new_lab(name, labs_dir=tmp_path)
    assert not any(tmp_path.iterdir())


def test_an_existing_lab_is_never_overwritten(tmp_path):
    new_lab("iam-extra", labs_dir=tmp_path)
    notebook = tmp_path / "iam-extra" / "iam-extra.ipynb"
    notebook.write_text("mine", encoding="utf-8")
    with pytest.raises(CourseError, match="already exists"):
        new_lab("iam-extra", labs_dir=tmp_path)
    assert notebook.read_text(encoding="utf-8") == "mine"


def test_cli_check_reports_problems_and_exit_code(tmp_path, monkeypatch, capsys):
    import autograder.release as release_module

    labs = tmp_path / "labs"
    new_lab("scaffolded", labs_dir=labs)
    monkeypatch.setattr(release_module, "LABS_DIR", labs)
    monkeypatch.setattr(release_module.lab_source, "__defaults__", (labs,))
    assert main(["check", "scaffolded"]) == 0
    assert "scaffolded: ready to release" in capsys.readouterr().out
    path = labs / "scaffolded" / "scaffolded.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[5].metadata["nbgrader"]["points"] = 0
    nbformat.write(nb, path)
    assert main(["check", "scaffolded"]) == 1
    out = capsys.readouterr().out
    assert "('task1_test'): a graded cell needs points > 0" in out and "1 problem(s)" in out
