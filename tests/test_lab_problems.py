"""An invalid lab is refused at release with one clear line per problem, never later at grading."""

import json

import nbformat
import pytest

from autograder.config import LABS_DIR, Course, available_labs
from autograder.errors import CourseError
from autograder.lab_problems import lab_problems, notebook_problems
from autograder.release import release

from .conftest import toy_lab


@pytest.fixture
def lab(tmp_path):
    return toy_lab(tmp_path / "labs")


def edit(lab, change):
    path = lab / "toy.ipynb"
    nb = nbformat.read(path, as_version=4)
    change(nb.cells)
    nbformat.write(nb, path)
    return path


def test_the_toy_lab_and_every_real_lab_are_clean(lab):
    assert lab_problems(lab) == []
    for name in available_labs():
        assert lab_problems(LABS_DIR / name) == [], name


def test_graded_cell_without_points(lab):
    edit(lab, lambda cells: cells[2].metadata["nbgrader"].pop("points"))
    (problem,) = lab_problems(lab)
    assert problem.startswith("toy.ipynb, cell 3 ('test_add'): a graded cell needs points > 0")
    assert "found None" in problem


def test_zero_points_count_as_missing(lab):
    edit(lab, lambda cells: cells[4].metadata["nbgrader"].update(points=0))
    assert ["found 0" in p for p in lab_problems(lab)] == [True]


def test_duplicate_grade_ids_name_both_cells(lab):
    edit(lab, lambda cells: cells[4].metadata["nbgrader"].update(grade_id="test_add"))
    (problem,) = lab_problems(lab)
    assert "cell 5 ('test_add')" in problem and "also used by cell 3" in problem


def test_duplicate_cell_ids(lab):
    # nbformat.write would quietly renumber the copy, so write the JSON as an editor might
    path = lab / "toy.ipynb"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["cells"][3]["id"] = data["cells"][1]["id"]
    path.write_text(json.dumps(data), encoding="utf-8")
    problems = notebook_problems(path)
    assert len(problems) == 1 and "cell 4" in problems[0] and "also the id of cell 2" in problems[0]


def test_hidden_tests_never_closed(lab):
    def unclosed(cells):
        cells[2].source = cells[2].source.replace("### END HIDDEN TESTS", "")
    edit(lab, unclosed)
    (problem,) = lab_problems(lab)
    assert "'### BEGIN HIDDEN TESTS' is never closed with '### END HIDDEN TESTS'" in problem
    assert problem.startswith("toy.ipynb, cell 3 ('test_add')")


def test_solution_never_closed_and_stray_end(lab):
    def broken(cells):
        cells[1].source = cells[1].source.replace("### END SOLUTION", "")
        cells[3].source = cells[3].source.replace("### BEGIN SOLUTION", "")
    edit(lab, broken)
    problems = lab_problems(lab)
    assert any("cell 2" in p and "never closed" in p for p in problems)
    assert any("cell 4" in p and "without a '### BEGIN SOLUTION'" in p for p in problems)


def test_markers_in_a_plain_cell_would_leak(lab):
    edit(lab, lambda cells: cells.append(nbformat.v4.new_code_cell(
        "x = 1\n### BEGIN HIDDEN TESTS\nassert x\n### END HIDDEN TESTS")))
    (problem,) = lab_problems(lab)
    assert "cell 6" in problem and "without nbgrader metadata" in problem


def test_bad_grade_id_and_unreadable_notebook(lab):
    edit(lab, lambda cells: cells[4].metadata["nbgrader"].update(grade_id="test mul!"))
    (lab / "broken.ipynb").write_text("{not json", encoding="utf-8")
    problems = lab_problems(lab)
    assert any(p.startswith("broken.ipynb: not a readable notebook") for p in problems)
    assert any("'test mul!' may use only letters" in p for p in problems)


def test_release_refuses_with_every_problem_listed(lab, tmp_path):
    def two_faults(cells):
        cells[2].metadata["nbgrader"].pop("points")
        cells[4].source += "\n### BEGIN HIDDEN TESTS\nassert True"
    edit(lab, two_faults)
    course = Course.at(tmp_path / "classroom")
    with pytest.raises(CourseError) as err:
        release("toy", course=course, labs_dir=lab.parent)
    text = str(err.value)
    assert text.startswith("lab 'toy' can't be released")
    assert "cell 3 ('test_add'): a graded cell needs points" in text
    assert "cell 5 ('test_mul'): '### BEGIN HIDDEN TESTS' is never closed" in text
    assert "python -m autograder check toy" in text
    assert not course.release("toy").exists(), "nothing half-released"
