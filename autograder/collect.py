"""Step 2: take submissions from a folder or a zip and lay them out for nbgrader.

Accepted layouts (inside a zip too; one wrapping folder is looked through):
  <student>/<any name>.ipynb      one folder per student (other files come along)
  <student>.ipynb                 one notebook per student
  <student>_<anything>.ipynb      as LMS downloads name them (student id before the first "_")

Nothing is lost: everything handed in is archived as it came before any renaming.
"""

import re
import shutil
import stat
import tempfile
import zipfile
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path

from .config import Course, released_notebooks
from .errors import CourseError

# nbgrader uses the student id as a folder name and in its database.
_SAFE_ID = re.compile(r"[^A-Za-z0-9._@-]+")
_MAX_UNZIPPED_BYTES = 2 * 1024**3


@dataclass
class Collected:
    student: str
    folder: Path
    notes: list[str] = field(default_factory=list)


@dataclass
class Collection:
    lab: str
    archive: Path
    students: list[Collected]
    problems: list[str] = field(default_factory=list)


def collect(lab: str, source: str | Path, *, course: Course) -> Collection:
    """Copy every student's submission of `lab` from `source` into course/submitted/."""
    source = Path(source)
    if not source.exists():
        raise CourseError(f"no submissions at {source}", fix=f"python -m autograder collect {lab} PATH/TO/submissions.zip")
    expected = released_notebooks(course, lab)

    stamp = datetime.now(timezone.utc)
    archive = course.archive(lab) / stamp.strftime("%Y%m%dT%H%M%S%fZ")
    archive.mkdir(parents=True)
    problems = []
    if source.is_dir():
        problems += _archive_folder(source, archive / source.name)
    else:
        shutil.copy2(source, archive / source.name)

    with tempfile.TemporaryDirectory() as tmp:
        root = _unpack(source, Path(tmp)) if source.is_file() else source
        root = _look_through_wrapper(root, expected)
        collection = Collection(lab, archive, [], problems)
        skipped: dict[str, list[str]] = {}
        for student, files in sorted(_by_student(root, expected, skipped, collection.problems).items()):
            try:
                done = _place(lab, student, files, expected, course, stamp)
            except OSError as exc:  # one unreadable file must not cost the others their turn
                collection.problems.append(f"{student}: not collected ({exc}); the original is in {archive}")
                continue
            done.notes += skipped.get(student, [])
            collection.students.append(done)
    if not collection.students:
        collection.problems.append(f"found no .ipynb files in {source}")
    return collection


def _archive_folder(source: Path, target: Path) -> list[str]:
    """Copy `source` as it is: links stay links, never followed; devices, FIFOs and sockets
    are left out (reading /dev/zero or a FIFO would never end). Returns what went wrong."""

    def special(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if not _plain(Path(folder) / name)}

    try:
        shutil.copytree(source, target, symlinks=True, ignore=special)
    except shutil.Error as exc:  # copytree copies what it can and lists the rest
        failed = [str(error[0]) for error in exc.args[0]] if exc.args and isinstance(exc.args[0], list) else [str(exc)]
        return [f"archive: could not copy {len(failed)} file(s), e.g. {failed[0]}"]
    return []


def _regular(path: Path) -> bool:
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _plain(path: Path) -> bool:
    """A regular file, a folder or a link (the link itself): nothing that blocks or never ends."""
    try:
        mode = path.lstat().st_mode
    except OSError:
        return False
    return stat.S_ISREG(mode) or stat.S_ISDIR(mode) or stat.S_ISLNK(mode)


def _unpack(zip_path: Path, into: Path) -> Path:
    if not zipfile.is_zipfile(zip_path):
        raise CourseError(f"{zip_path} is neither a folder nor a zip file")
    with zipfile.ZipFile(zip_path) as zf:
        total = 0
        for info in zf.infolist():
            target = (into / info.filename).resolve()
            # A name like ../../x would write outside the folder ("zip slip").
            if not str(target).startswith(str(into.resolve())):
                raise CourseError(f"{zip_path}: entry {info.filename!r} points outside the archive; not unpacked")
            total += info.file_size
            if total > _MAX_UNZIPPED_BYTES:
                raise CourseError(f"{zip_path} unpacks to more than 2 GiB; not unpacked")
        zf.extractall(into)
    return into


def _look_through_wrapper(root: Path, expected: list[str]) -> Path:
    """The folder that holds the submissions: `root`, or the one folder wrapping them."""
    entries = [p for p in root.iterdir() if not _ignored(p)]
    if len(entries) != 1 or not entries[0].is_dir():
        return root
    inner = [p for p in entries[0].iterdir() if not _ignored(p)]
    notebooks = [p for p in inner if p.suffix == ".ipynb"]
    if any(p.is_dir() for p in inner) and not notebooks:
        return entries[0]  # a wrapper of student folders
    if len(notebooks) > 1 and any(p.name not in expected for p in notebooks):
        return entries[0]  # a wrapper of LMS-named files
    return root


def _ignored(path: Path) -> bool:
    return path.name.startswith(".") or path.name in {"__MACOSX", "__pycache__"}


def _hidden(relative: Path) -> bool:
    return any(part.startswith(".") or part in {"__MACOSX", "__pycache__"} for part in relative.parts)


def _by_student(root: Path, expected: list[str], skipped: dict[str, list[str]],
                problems: list[str]) -> dict[str, list[Path]]:
    """Each student's regular files. Links (never followed: one could point at any file of
    the instructor's, or at /dev/zero), devices, FIFOs and sockets are left out with a note."""
    students: dict[str, list[Path]] = {}
    for entry in sorted(root.iterdir()):
        if _ignored(entry):
            continue
        if entry.is_symlink() or not _plain(entry):
            problems.append(f"{entry.name}: a link or special file, not a submission; not collected")
            continue
        if entry.is_dir():
            student = _student_id(entry.name)
            try:
                found = [p for p in entry.rglob("*") if not _hidden(p.relative_to(entry))]
            except OSError as exc:  # an unreadable folder costs only its student
                problems.append(f"{entry.name}: not collected ({exc})")
                continue
            for p in found:
                if p.is_symlink() or not _plain(p):
                    skipped.setdefault(student, []).append(
                        f"{p.relative_to(entry)} is a link or special file; not collected")
            files = [p for p in found if _regular(p)]
            students.setdefault(student, []).extend(files)
        elif entry.suffix == ".ipynb" and entry.is_file():
            students.setdefault(_student_id(_strip_notebook_name(entry.stem, expected)), []).append(entry)
    return students


def _strip_notebook_name(stem: str, expected: list[str]) -> str:
    for name in expected:
        base = Path(name).stem
        if stem != base and stem.endswith(base):
            stem = stem[: -len(base)]
            break
    return stem.split("_", 1)[0] if "_" in stem else stem.rstrip("-_ ")


def _student_id(raw: str) -> str:
    return _SAFE_ID.sub("_", raw).strip("._-") or "unknown"


def _place(lab: str, student: str, files: list[Path], expected: list[str], course: Course, stamp: datetime) -> Collected:
    folder = course.submitted(student, lab)
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    done = Collected(student, folder)

    notebooks = [f for f in files if f.suffix == ".ipynb"]
    others = [f for f in files if f.suffix != ".ipynb"]
    by_name = {f.name: f for f in notebooks}
    missing = [name for name in expected if name not in by_name]
    extra = [f for f in notebooks if f.name not in expected]
    for name in expected:
        if name in by_name:
            shutil.copy2(by_name[name], folder / name)
    if len(missing) == 1 and len(extra) == 1:
        shutil.copy2(extra[0], folder / missing[0])
        done.notes.append(f"renamed {extra[0].name!r} to {missing[0]!r}")
        missing, extra = [], []
    for name in missing:
        done.notes.append(f"missing notebook {name!r}")
    for f in extra:
        # Out of nbgrader's way (it would try to grade any notebook in the folder).
        (folder / "extra").mkdir(exist_ok=True)
        shutil.copy2(f, folder / "extra" / f.name)
        done.notes.append(f"extra notebook {f.name!r} kept in extra/, not graded")
    for f in others:
        shutil.copy2(f, folder / f.name)
    (folder / "timestamp.txt").write_text(stamp.strftime("%Y-%m-%d %H:%M:%S.%f %Z"), encoding="utf-8")
    return done
