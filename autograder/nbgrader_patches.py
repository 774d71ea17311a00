"""Five changes to nbgrader for grading a class in one process. None loosens a check.

1. `nbgrader.utils.setenv` (0.9.6) saves `os.environ.get(value)` instead of `.get(key)`, so it
always deletes the variable on exit. Two autogrades overlapping in one process (ours, while
one submission's code runs and another's bookkeeping goes on) then delete
NBGRADER_EXECUTION twice and the second one fails with KeyError. This version counts who
is inside and restores what was there before the first one came in.

2. nbgrader validates every cell's nbgrader metadata with `jsonschema.validate`, which first
checks the schema itself, every call: about 40 ms per notebook, twice per autograde. The
same validation against a validator built once per schema gives the same errors.

3. Every `Gradebook(...)` creates a SQLAlchemy engine, inspects the database and runs
`create_all` (~40 ms on a busy machine), and nbgrader opens one many times per submission.
Here one engine per database path is kept (its connections are still closed on every
`close()`, so each open reads the file now at that path); the first open creates the schema,
and an open that finds the schema missing (a new file) does the full set-up again. Each open
checks schema and course row with two plain queries on one connection; nbgrader's own
`check_course` runs only when the row is missing.

4. `SaveAutoGrades` commits the gradebook after every graded and every solution cell (ten
commits, each an fsync, per S3-lab notebook). Here it writes the same rows and commits once
per notebook: a failure part-way now leaves none of that notebook's new grades instead of
some, and nbgrader then fails the submission as before.

5. `OverwriteCells` looks up each cell's source in the gradebook with a query of its own (30
queries per S3-lab notebook). Here the notebook's source cells are read once, with one query,
and each cell finds its own among them; a cell the gradebook lacks is missing as before.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import jsonschema
import nbgrader.api
import nbgrader.nbgraderformat.common
import nbgrader.utils
from nbgrader.api import MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor, OverwriteCells, SaveAutoGrades
from jsonschema.exceptions import best_match
from sqlalchemy.orm import scoped_session, sessionmaker

_lock = threading.Lock()
_inside: dict[str, int] = {}
_before: dict[str, str | None] = {}


@contextmanager
def setenv(**values: str) -> Iterator[None]:
    with _lock:
        for key, value in values.items():
            if _inside.get(key, 0) == 0:
                _before[key] = os.environ.get(key)
            _inside[key] = _inside.get(key, 0) + 1
            os.environ[key] = value
    try:
        yield
    finally:
        with _lock:
            for key in values:
                _inside[key] -= 1
                if _inside[key] == 0:
                    previous = _before.pop(key)
                    if previous is None:
                        os.environ.pop(key, None)
                    else:
                        os.environ[key] = previous


class _ValidatorPerSchema:
    """Stands in for the `jsonschema` module inside nbgrader's metadata validator."""

    ValidationError = jsonschema.ValidationError

    def __init__(self):
        self._validators: dict[int, tuple[dict, object]] = {}

    def validate(self, instance, schema) -> None:
        entry = self._validators.get(id(schema))
        if entry is None or entry[0] is not schema:
            cls = jsonschema.validators.validator_for(schema)
            cls.check_schema(schema)
            entry = self._validators[id(schema)] = (schema, cls(schema))
        error = best_match(entry[1].iter_errors(instance))
        if error is not None:
            raise error


_engines: dict[tuple, object] = {}
_engines_lock = threading.Lock()
_original_init = nbgrader.api.Gradebook.__init__


def _engine_key(db_url: str) -> tuple | None:
    """(url, pid) of an existing SQLite file database, or None (not cached)."""
    prefix = "sqlite:///"
    if not db_url.startswith(prefix) or not os.path.exists(db_url[len(prefix):]):
        return None
    return (db_url, os.getpid())


def _schema_and_course(engine, course_id: str) -> tuple[bool, bool]:
    """(every table nbgrader's create_all would make is there, the course's row is there),
    read on one connection without the ORM."""
    with engine.connect() as connection:
        names = {row[0] for row in connection.exec_driver_sql(
            "select name from sqlite_master where type = 'table'")}
        schema = names >= set(nbgrader.api.Base.metadata.tables) | {"alembic_version"}
        course = schema and connection.exec_driver_sql(
            "select 1 from course where id = ?", (course_id,)).first() is not None
    return schema, course


def _gradebook_init(self, db_url, course_id="default_course", authenticator=None):
    with _engines_lock:
        engine = _engines.get(_engine_key(db_url))
    schema, course = _schema_and_course(engine, course_id) if engine is not None else (False, False)
    if not schema:
        _original_init(self, db_url, course_id, authenticator)
        key = _engine_key(db_url)
        if key is not None:
            with _engines_lock:
                _engines[key] = self.engine
        return
    self.engine = engine
    self.db = scoped_session(sessionmaker(autoflush=True, bind=engine, future=True))
    if not course:  # nbgrader's own check makes the row
        self.check_course(course_id=course_id)
    self.course_id = course_id
    self.authenticator = authenticator




def _save_autogrades_once(self, nb, resources):
    """SaveAutoGrades.preprocess with one commit for the notebook (see 4. above)."""
    meta = resources["nbgrader"]
    self.notebook_id, self.assignment_id = meta["notebook"], meta["assignment"]
    self.student_id, self.db_url = meta["student"], meta["db_url"]
    self.gradebook = nbgrader.api.Gradebook(self.db_url)
    with self.gradebook:
        session = self.gradebook.db
        session.commit = session.flush  # what each cell's commit does now; read back by later queries
        try:
            nb, resources = NbGraderPreprocessor.preprocess(self, nb, resources)
        finally:
            del session.commit
        session.commit()
    return nb, resources


class _SourceCells:
    """A gradebook whose ``find_source_cell`` answers from the notebook's cells, read once."""

    def __init__(self, gradebook, notebook: str, assignment: str):
        self._gradebook, self._where = gradebook, (notebook, assignment)
        cells = gradebook.find_notebook(notebook, assignment).source_cells
        self._cells = {cell.name: cell for cell in cells}

    def find_source_cell(self, name: str, notebook: str, assignment: str):
        if (notebook, assignment) != self._where:
            return self._gradebook.find_source_cell(name, notebook, assignment)
        try:
            return self._cells[name]
        except KeyError:
            raise MissingEntry() from None

    def __getattr__(self, name):
        return getattr(self._gradebook, name)


_original_overwrite_cell = OverwriteCells.preprocess_cell


def _overwrite_cell_from_cells_read_once(self, cell, resources, cell_index):
    """OverwriteCells.preprocess_cell, its source cell found among those read once (see 5.)."""
    if not isinstance(self.gradebook, _SourceCells) or self.gradebook._where != (
            self.notebook_id, self.assignment_id):
        gradebook = getattr(self.gradebook, "_gradebook", self.gradebook)
        self.gradebook = _SourceCells(gradebook, self.notebook_id, self.assignment_id)
    return _original_overwrite_cell(self, cell, resources, cell_index)


def apply() -> None:
    """Use all five changes in this process (idempotent)."""
    nbgrader.utils.setenv = setenv
    if not isinstance(nbgrader.nbgraderformat.common.jsonschema, _ValidatorPerSchema):
        nbgrader.nbgraderformat.common.jsonschema = _ValidatorPerSchema()
    nbgrader.api.Gradebook.__init__ = _gradebook_init
    SaveAutoGrades.preprocess = _save_autogrades_once
    OverwriteCells.preprocess_cell = _overwrite_cell_from_cells_read_once
