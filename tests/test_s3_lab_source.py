"""The S3 basics lab source notebook: valid nbgrader, honest tests, and it grades as documented.

Executions use the real "aws-course-kit" kernel through nbclient, and nbgrader's own
preprocessors (ClearSolutions, ClearHiddenTests) and scoring rule (determine_grade).
The full `nbgrader autograde` pipeline is tested elsewhere.
"""

from __future__ import annotations

import ast
import copy
import re
from pathlib import Path

import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator
from nbgrader.preprocessors import ClearHiddenTests, ClearSolutions
from nbgrader.utils import determine_grade, is_grade, is_locked, is_solution

REPO = Path(__file__).resolve().parent.parent
LAB = REPO / "labs" / "s3-basics"
SOURCE = LAB / "s3-basics.ipynb"
KERNEL = "aws-course-kit"
BUCKET = "kit-s3-basics-lab"


def read_source() -> nbformat.NotebookNode:
    return nbformat.read(SOURCE, as_version=4)


def grade_cells(nb) -> list:
    return [c for c in nb.cells if is_grade(c)]


def documented_points() -> dict[str, int]:
    """grade_id -> points, from the table in the lab README."""
    rows = re.findall(r"^\| \d \|.*\| `(\w+)` \| `(\w+)` \| (\d+) \|$",
                      (LAB / "README.md").read_text(), flags=re.M)
    return {test_id: int(points) for _solution, test_id, points in rows}


class TestSourceNotebook:
    def test_is_valid_nbgrader_v3(self):
        nb = read_source()
        MetadataValidator().validate_nb(nb)
        assert all(c.metadata.get("nbgrader", {}).get("schema_version", 3) == 3 for c in nb.cells)

    def test_runs_on_the_sandbox_kernel(self):
        assert read_source().metadata.kernelspec == {
            "name": KERNEL, "display_name": "Python 3 (AWS sandbox)", "language": "python"}

    def test_outputs_are_stripped(self):
        for cell in read_source().cells:
            if cell.cell_type == "code":
                assert cell.outputs == [] and cell.execution_count is None, cell.id

    def test_first_code_cell_is_the_one_line_setup(self):
        first = next(c for c in read_source().cells if c.cell_type == "code")
        assert first.source == "from labs.sandbox import start; aws = start()"
        assert is_locked(first)

    def test_grade_ids_and_cell_ids_are_unique(self):
        nb = read_source()
        grade_ids = [c.metadata.nbgrader["grade_id"] for c in nb.cells if "nbgrader" in c.metadata]
        assert len(grade_ids) == len(set(grade_ids))
        assert len({c.id for c in nb.cells}) == len(nb.cells)

    def test_points_match_the_readme(self):
        points = {c.metadata.nbgrader["grade_id"]: c.metadata.nbgrader["points"]
                  for c in grade_cells(read_source())}
        assert points == documented_points()
        assert sum(points.values()) == 10

    def test_every_test_cell_is_locked_and_has_hidden_tests(self):
        for cell in grade_cells(read_source()):
            assert cell.cell_type == "code" and is_locked(cell) and not is_solution(cell), cell.id
            hidden = cell.source.split("### BEGIN HIDDEN TESTS")
            assert len(hidden) == 2 and "### END HIDDEN TESTS" in hidden[1], cell.id
            assert hidden[1].split("### END HIDDEN TESTS")[0].strip(), f"{cell.id}: empty hidden tests"

    def test_every_solution_cell_is_marked(self):
        solutions = [c for c in read_source().cells if is_solution(c)]
        assert len(solutions) == 5
        for cell in solutions:
            assert cell.source.startswith("### BEGIN SOLUTION")
            assert cell.source.endswith("### END SOLUTION")

    def test_instructions_are_locked(self):
        for cell in read_source().cells:
            if cell.cell_type == "markdown":
                assert is_locked(cell), cell.id

    def test_each_test_cell_is_announced(self):
        cells = read_source().cells
        for i, cell in enumerate(cells):
            if is_grade(cell):
                assert cells[i - 1].cell_type == "markdown"
                assert "What the test checks" in cells[i - 1].source, cell.id

    def test_tests_check_sandbox_state_not_learner_variables(self):
        for cell in grade_cells(read_source()):
            assert f'bucket = "{BUCKET}"' in cell.source, cell.id
            assert not re.search(r"\b(BUCKET|aws|s3)\.|\bBUCKET\b", cell.source), cell.id
            assert "labs.checks" in cell.source, cell.id

    def test_every_assert_has_a_message(self):
        for cell in grade_cells(read_source()):
            for node in ast.walk(ast.parse(cell.source)):
                if isinstance(node, ast.Assert):
                    assert node.msg is not None, f"{cell.id}: line {node.lineno} asserts without a message"

    def test_release_removes_hidden_tests_and_solutions(self):
        released = release(read_source())
        text = nbformat.writes(released)
        assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
        assert "put_bucket_versioning" not in "".join(c.source for c in released.cells if c.cell_type == "code")


def release(nb):
    """The student version, made by nbgrader's own preprocessors."""
    nb = copy.deepcopy(nb)
    nb, _ = ClearSolutions().preprocess(nb, {})
    nb, _ = ClearHiddenTests().preprocess(nb, {})
    return nb


def submission(solved: set[str]):
    """The notebook as autograde runs it: source tests, with only ``solved`` tasks answered."""
    source = read_source()
    stubs = {c.id: c.source for c in release(source).cells}
    nb = copy.deepcopy(source)
    for cell in nb.cells:
        if is_solution(cell):
            if cell.metadata.nbgrader["grade_id"] in solved:
                cell.source = cell.source.replace("### BEGIN SOLUTION\n", "").replace("\n### END SOLUTION", "")
            else:
                cell.source = stubs[cell.id]
    return nb


def execute(nb):
    from nbclient import NotebookClient

    from labs import kernel
    from jupyter_client.kernelspec import KernelSpecManager

    if KERNEL not in KernelSpecManager().find_kernel_specs():
        kernel.install()
    NotebookClient(nb, kernel_name=KERNEL, timeout=120, allow_errors=True,
                   resources={"metadata": {"path": str(LAB)}}).execute()
    return nb


def scores(nb) -> dict[str, float]:
    return {c.metadata.nbgrader["grade_id"]: determine_grade(c)[0] for c in grade_cells(nb)}


def errors(nb) -> dict[str, str]:
    return {c.id: f"{o.ename}: {o.evalue}" for c in nb.cells if c.cell_type == "code"
            for o in c.outputs if o.output_type == "error"}


@pytest.mark.slow
class TestGrading:
    def test_source_runs_clean_and_scores_full_marks(self):
        nb = execute(submission({f"task{i}_solution" for i in range(1, 6)}))
        assert errors(nb) == {}
        assert scores(nb) == documented_points()

    def test_blank_release_scores_zero_with_helpful_failures(self):
        nb = execute(submission(set()))
        assert sum(scores(nb).values()) == 0, scores(nb)
        failures = errors(nb)
        assert "bucket 'kit-s3-basics-lab' does not exist" in failures["task1_bucket_in_region"]
        assert "s3.create_bucket" not in failures["task1_bucket_in_region"], "hints never hand over the solution"

    def test_tasks_one_and_two_score_four(self):
        nb = execute(submission({"task1_solution", "task2_solution"}))
        got = scores(nb)
        assert got == {"task1_bucket_in_region": 2, "task2_objects_and_keys": 2, "task3_metadata": 0,
                       "task4_storage_classes": 0, "task5_versioning": 0}
        assert "object 'config/app.json' not found" in errors(nb)["task3_metadata"]
