"""The counted setenv that lets two autogrades overlap in one process."""

import os
import sys
import threading

import jsonschema
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
