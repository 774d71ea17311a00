"""Instructor tooling around nbgrader: release, collect, grade, feedback, export."""

import os
import sys
from pathlib import Path

# nbgrader runs `alembic` (its database migrations) as a command when it creates a
# gradebook; when Python is run as .venv/bin/python without an activated venv, that
# command is only found if the venv's bin folder is on PATH.
_bin = str(Path(sys.executable).parent)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = _bin + os.pathsep + os.environ.get("PATH", "")
