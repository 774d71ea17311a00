"""Two changes to nbgrader for grading a class in one process. Neither loosens a check.

1. `nbgrader.utils.setenv` (0.9.6) saves `os.environ.get(value)` instead of `.get(key)`, so it
always deletes the variable on exit. Two autogrades overlapping in one process (ours, while
one submission's code runs and another's bookkeeping goes on) then delete
NBGRADER_EXECUTION twice and the second one fails with KeyError. This version counts who
is inside and restores what was there before the first one came in.

2. nbgrader validates every cell's nbgrader metadata with `jsonschema.validate`, which first
checks the schema itself, every call: about 40 ms per notebook, twice per autograde. The
same validation against a validator built once per schema gives the same errors.
"""

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import jsonschema
import nbgrader.nbgraderformat.common
import nbgrader.utils
from jsonschema.exceptions import best_match

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


def apply() -> None:
    """Use both changes in this process (idempotent)."""
    nbgrader.utils.setenv = setenv
    if not isinstance(nbgrader.nbgraderformat.common.jsonschema, _ValidatorPerSchema):
        nbgrader.nbgraderformat.common.jsonschema = _ValidatorPerSchema()
