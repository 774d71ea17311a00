"""The counted setenv that lets two autogrades overlap in one process."""

import os
import sys
import threading

import jsonschema
import nbgrader.api
import nbformat
import pytest
from nbgrader.nbgraderformat import MetadataValidator

from autograder import nbgrader_patches


def test_overlapping_users_leave_the_environment_as_it_was(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    first = nbgrader_patches.setenv(NBGRADER_EXECUTION="autograde")
    second = nbgrader_patches.setenv(NBGRADER_EXECUTION="autograde")
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    assert os.environ["NBGRADER_EXECUTION"] == "autograde", "still set while the second is inside"
    second.__exit__(None, None, None)
    assert "NBGRADER_EXECUTION" not in os.environ


def test_a_value_set_before_is_restored(monkeypatch):
    monkeypatch.setenv("NBGRADER_EXECUTION", "validate")
    with nbgrader_patches.setenv(NBGRADER_EXECUTION="autograde"):
        assert os.environ["NBGRADER_EXECUTION"] == "autograde"
    assert os.environ["NBGRADER_EXECUTION"] == "validate"


def test_threads_never_raise(monkeypatch):
    monkeypatch.delenv("NBGRADER_EXECUTION", raising=False)
    errors = []

    def work():
        try:
            for _ in range(200):
                with nbgrader_patches.setenv(NBGRADER_EXECUTION="autograde"):
                    pass
        except Exception as exc:  # pragma: no cover - the assertion below reports it
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and "NBGRADER_EXECUTION" not in os.environ


@pytest.mark.parametrize("meta, problem", [
    pytest.param({"grade": True, "solution": False, "locked": True, "points": "two", "grade_id": "q1"},
                 "'two' is not of type 'number'", id="points-not-a-number"),
    pytest.param({"grade": "yes", "solution": False, "locked": True, "grade_id": "q1"},
                 "'yes' is not of type 'boolean'", id="grade-not-a-boolean"),
])
def test_metadata_validation_still_rejects_what_nbgrader_rejects(meta, problem):
    nbgrader_patches.apply()
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.metadata["nbgrader"] = {"schema_version": 3, "task": False, **meta}
    with pytest.raises(jsonschema.ValidationError, match=problem):
        MetadataValidator().validate_cell(cell)


def test_valid_metadata_passes():
    nbgrader_patches.apply()
    cell = nbformat.v4.new_code_cell("x = 1")
    cell.metadata["nbgrader"] = {"schema_version": 3, "task": False, "grade": True, "solution": False,
                                 "locked": True, "points": 2, "grade_id": "q1"}
    MetadataValidator().validate_cell(cell)


def test_gradebooks_share_one_engine_per_database_file(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    nbgrader_patches.apply()
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    first = Gradebook(url, "course")
    first.add_student("alice")
    first.close()
    second = Gradebook(url, "course")
    assert second.engine is first.engine, "the engine is kept"
    assert [s.id for s in second.students] == ["alice"]
    second.close()
    (tmp_path / "gradebook.db").unlink()
    third = Gradebook(url, "course")  # a new file: the schema is created again
    assert third.students == []
    third.add_student("bob")
    third.close()


def _overwrite(url, nb, patched: bool):
    """Run nbgrader's OverwriteCells on a copy of ``nb``; (result, SQL statements run)."""
    import copy

    from nbgrader.api import Gradebook
    from nbgrader.preprocessors import OverwriteCells
    from sqlalchemy import event

    saved = OverwriteCells.preprocess_cell
    if not patched:
        OverwriteCells.preprocess_cell = nbgrader_patches._original_overwrite_cell
    engine = Gradebook(url, "course").engine
    statements = []
    count = lambda *args, **kwargs: statements.append(args[2])  # noqa: E731
    event.listen(engine, "before_cursor_execute", count)
    try:
        resources = {"nbgrader": {"notebook": "lab", "assignment": "a1", "db_url": url}}
        result, _ = OverwriteCells().preprocess(copy.deepcopy(nb), resources)
    finally:
        event.remove(engine, "before_cursor_execute", count)
        OverwriteCells.preprocess_cell = saved
    return result, statements


def test_overwrite_cells_reads_the_source_cells_once_and_restores_the_same(tmp_path, monkeypatch):
    from nbformat.v4 import new_code_cell, new_notebook
    from nbgrader.api import Gradebook
    from nbgrader.utils import compute_checksum

    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    nbgrader_patches.apply()
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    released, handed_in = [], []
    for i in range(12):
        flags = {"grade_id": f"cell{i}", "locked": i % 2 == 0, "solution": i % 2 == 1,
                 "grade": False, "schema_version": 3}
        original = new_code_cell(f"x{i} = {i}", metadata={"nbgrader": dict(flags)})
        released.append(original)
        edited = new_code_cell(f"x{i} = 'changed'" if i % 4 == 0 else original.source,
                               metadata={"nbgrader": dict(flags)})
        handed_in.append(edited)
    handed_in.append(new_code_cell("y = 1", metadata={"nbgrader": {
        "grade_id": "pasted", "locked": True, "solution": False, "grade": False, "schema_version": 3}}))
    with Gradebook(url, "course") as gb:
        gb.add_assignment("a1")
        gb.add_notebook("lab", "a1")
        for cell in released:
            flags = cell.metadata["nbgrader"]
            gb.add_source_cell(flags["grade_id"], "lab", "a1", cell_type="code", locked=flags["locked"],
                               source=cell.source, checksum=compute_checksum(cell))
    ours, our_statements = _overwrite(url, new_notebook(cells=handed_in), patched=True)
    stock, stock_statements = _overwrite(url, new_notebook(cells=handed_in), patched=False)
    assert ours == stock
    assert [c.source for c in ours.cells][:5] == ["x0 = 0", "x1 = 1", "x2 = 2", "x3 = 3", "x4 = 4"], \
        "edited locked cells are restored"
    assert "grade_id" not in ours.cells[-1].metadata["nbgrader"], "a cell the gradebook lacks is dropped as before"
    per_cell = lambda statements: sum("WHERE source_cell.name = ?" in sql for sql in statements)  # noqa: E731
    assert (per_cell(stock_statements), per_cell(our_statements)) == (13, 0)


def test_a_gradebook_opened_on_a_file_without_its_course_row_makes_it(tmp_path, monkeypatch):
    from nbgrader.api import Gradebook

    monkeypatch.setenv("PATH", os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"])
    nbgrader_patches.apply()
    url = f"sqlite:///{tmp_path / 'gradebook.db'}"
    Gradebook(url, "first").close()
    with Gradebook(url, "second") as gb:  # the same file and engine, a course it lacks
        assert sorted(c.id for c in gb.db.query(nbgrader.api.Course)) == ["first", "second"]
