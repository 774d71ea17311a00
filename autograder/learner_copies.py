"""Learners' own copies of the labs, for someone working through the course alone.

`labs/<lab>/` holds the instructor's source: solutions and hidden tests. `make lab` calls
`make_learner_copies()`, which puts nbgrader's released version of each lab in
`my-labs/<lab>/`. A copy that exists is never touched again: it holds the learner's work.
"""

import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .config import LABS_DIR, Course, available_labs

DEFAULT_DEST = Path(__file__).resolve().parent.parent / "my-labs"


@dataclass(frozen=True)
class LearnerCopies:
    made: list[str]
    kept: list[str]
    folder: Path


def make_learner_copies(dest: Path = DEFAULT_DEST, labs_dir: Path = LABS_DIR) -> LearnerCopies:
    """Release every lab that has no copy in `dest` yet; leave existing copies alone."""
    made, kept = [], []
    missing = []
    for lab in available_labs(labs_dir):
        (kept if (dest / lab).exists() else missing).append(lab)
    if missing:
        from .release import release  # nbgrader: imported only when there is work

        with tempfile.TemporaryDirectory() as tmp:
            course = Course.at(tmp)
            for lab in missing:
                released = release(lab, course=course, labs_dir=labs_dir)
                shutil.copytree(released.folder, dest / lab)
                made.append(lab)
    return LearnerCopies(made, kept, dest)
