# JupyterLab settings for `make lab` (this folder is on its JUPYTER_CONFIG_PATH).
#
# The formgrader and the learners' Assignment List open the gradebook and the exchange as
# soon as a page asks: on a fresh clone, before any `release`, the course folder must exist
# or the formgrader answers 500 ("unable to open database file") and the Assignment List
# says "Error fetching courses!".
import os
import sys

from traitlets.config.loader import PyFileConfigLoader

c = get_config()  # noqa: F821 (provided by traitlets when it runs this file)

_here = os.path.dirname(os.path.abspath(__file__))
_nbgrader = PyFileConfigLoader("nbgrader_config.py", path=_here).load_config()
os.makedirs(_nbgrader.Exchange.root, exist_ok=True)
os.makedirs(_nbgrader.CourseDirectory.root, exist_ok=True)

# nbgrader creates a new gradebook by running the `alembic` command it installed beside this
# Python. `make lab` runs .venv/bin/jupyter without activating the venv, so that folder is
# not on PATH and the first gradebook request failed with 500 (FileNotFoundError: 'alembic').
_bin = os.path.dirname(sys.executable)
if _bin not in os.environ.get("PATH", "").split(os.pathsep):
    os.environ["PATH"] = os.pathsep.join(p for p in (_bin, os.environ.get("PATH", "")) if p)
