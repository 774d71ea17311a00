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
                for notebook in (dest / lab).glob("*.ipynb"):
                    # Else JupyterLab marks the lab modified the moment it opens (see below).
                    notebook.write_text(with_kernel_language_info(notebook.read_text(encoding="utf-8")),
                                        encoding="utf-8")
                made.append(lab)
    return LearnerCopies(made, kept, dest)


# --- The chapters -------------------------------------------------------------------
#
# `course/*.ipynb` (and `course/ko/*.ipynb`) are tracked in git: a learner who ran and
# saved them would dirty the course. `make lab` opens copies in `my-course/` instead, with
# the same folder layout, so every relative link between chapters (`ko/NN-topic.ipynb`,
# `../NN-topic.ipynb`, `../labs/...`) still resolves. A copy follows the course as it
# changes until the learner edits a cell; from then on it is theirs and is never
# overwritten.

COURSE_DIR = LABS_DIR.parent / "course"
DEFAULT_CHAPTER_DEST = LABS_DIR.parent / "my-course"
MANIFEST = ".copied-from-course.json"


@dataclass(frozen=True)
class ChapterCopies:
    made: list[str]
    updated: list[str]
    kept_edited: list[str]
    """Copies the learner edited while the course changed: theirs stays, the new one is in course/."""
    folder: Path


def cells_fingerprint(notebook_text: str) -> str:
    """A hash of a notebook's cell types and sources: outputs, ids and metadata don't count.

    Running cells and saving changes outputs and metadata, not the learner's work.
    """
    import hashlib
    import json

    cells = json.loads(notebook_text).get("cells", [])
    words = [[c.get("cell_type"), "".join(c.get("source", ""))] for c in cells]
    return hashlib.sha256(json.dumps(words).encode()).hexdigest()


def kernel_language_info() -> dict:
    """The ``language_info`` the course kernel reports (it runs on this Python)."""
    from ipykernel.ipkernel import IPythonKernel

    return dict(IPythonKernel.language_info)


def with_kernel_language_info(notebook_text: str) -> str:
    """The notebook with the kernel's own ``language_info``.

    JupyterLab writes the kernel's ``language_info`` (Python version and all) into a
    notebook as it connects; a notebook whose metadata differs shows as modified the
    moment it opens. The committed chapters can't know the learner's Python version;
    the copy is made on the learner's machine, so it can.
    """
    import json

    nb = json.loads(notebook_text)
    nb.setdefault("metadata", {})["language_info"] = kernel_language_info()
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def sync_chapter_copies(dest: Path = DEFAULT_CHAPTER_DEST, course_dir: Path = COURSE_DIR) -> ChapterCopies:
    """Copy every chapter into `dest`; refresh copies the learner has not edited."""
    import json

    manifest_path = dest / MANIFEST
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        manifest = {}
    made, updated, kept = [], [], []
    for src in sorted(course_dir.glob("*.ipynb")) + sorted(course_dir.glob("ko/*.ipynb")):
        rel = src.relative_to(course_dir).as_posix()
        text = src.read_text(encoding="utf-8")
        new = cells_fingerprint(text)
        copy = dest / rel
        if copy.exists():
            try:
                mine = cells_fingerprint(copy.read_text(encoding="utf-8"))
            except ValueError:
                mine = None  # not a notebook any more: the learner's business, keep it
            if mine == new:
                manifest[rel] = new
                continue
            if mine is None or mine != manifest.get(rel):
                # The learner's edits: kept. Said only while the course has moved on.
                if manifest.get(rel) != new:
                    kept.append(rel)
                continue
            updated.append(rel)
        else:
            made.append(rel)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_text(with_kernel_language_info(text), encoding="utf-8")
        manifest[rel] = new
    dest.mkdir(parents=True, exist_ok=True)
    manifest_path.write_text(json.dumps(manifest, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return ChapterCopies(made, updated, kept, dest)
