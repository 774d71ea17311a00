"""Step 3: autograde every submission with nbgrader, never stopping.

Each submission goes through real nbgrader (`Autograde`: restore locked cells, check
checksums, execute, save grades to the gradebook). What nbgrader cannot grade is recorded
with its reason; the batch goes on.
"""

import json
import re
import shutil
import threading
import time
import warnings
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from pathlib import Path

import nbformat
from nbgrader.apps import NbGraderAPI

from . import nbgrader_patches
from .config import Course, nbgrader_config, released_notebooks
from .errors import CourseError
from .executor.pool import zygote_count
from .gradebook import flag_for_review, graded_cells_by_notebook, max_score_of, score_of


@dataclass
class Graded:
    """The outcome of grading one student's submission of one lab."""

    student: str
    #: "graded" (the gradebook holds a score) or "failed" (see `reason`).
    status: str
    score: float
    max_score: float
    #: Why it failed, or what the instructor should know (timeout, kernel died, ...).
    reason: str | None = None
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: Where the time went (seconds): "bookkeeping" (ours and nbgrader's, one submission at
    #: a time), "lock wait" (for another submission's bookkeeping), "execute" (in a zygote)
    #: and the zygote's own phases (see executor.zygote.PHASES).
    phases: dict[str, float] = field(default_factory=dict)


class _SharedLock:
    """A lock that survives traitlets' deep copy of config values as the same lock.

    It also adds up, per thread, how long the thread waited for it and how long it held it.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._times = threading.local()

    def acquire(self) -> None:
        asked = time.perf_counter()
        self._lock.acquire()
        self._times.got = got = time.perf_counter()
        self._times.waited = getattr(self._times, "waited", 0.0) + got - asked

    def release(self) -> None:
        self._times.held = getattr(self._times, "held", 0.0) + time.perf_counter() - self._times.got
        self._lock.release()

    def take_times(self) -> dict[str, float]:
        """This thread's {"bookkeeping": held, "lock wait": waited} since the last call."""
        times = {"bookkeeping": getattr(self._times, "held", 0.0),
                 "lock wait": getattr(self._times, "waited", 0.0)}
        self._times.held = self._times.waited = 0.0
        return times

    def __enter__(self):
        self.acquire()

    def __exit__(self, *exc):
        self.release()

    def __deepcopy__(self, memo):
        return self


def submitted_students(course: Course, lab: str) -> list[str]:
    root = course.root / "submitted"
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if (p / lab).is_dir())


def grade(lab: str, *, course: Course, students: list[str] | None = None,
          executor: str = "warm", workers: int | None = None, timeout: int | None = None,
          sandbox: bool = True) -> Iterator[Graded]:
    """Autograde `lab` for each student (all who submitted, by default); yield each outcome.

    With the warm executor, `workers` submissions (default: one more than the zygotes, which
    are one per core) are in flight at once: nbgrader's bookkeeping for one runs while
    others' code executes, and a zygote that finishes finds the next submission waiting.
    Bookkeeping itself is one at a time (a lock), so the gradebook only ever has one writer.
    Outcomes are yielded as they finish, not in the order of `students`.
    `timeout` (seconds per cell) overrides the course's; `sandbox=False` runs student code
    without isolation (for debugging; every outcome then says UNSANDBOXED).
    """
    students = students if students is not None else submitted_students(course, lab)
    if not (course.root / "gradebook.db").exists():
        raise CourseError(f"no gradebook in {course.root}", fix=f"python -m autograder release {lab}")
    config = nbgrader_config(course, executor)
    # nbconvert validates the whole notebook after every step (14 times per submission);
    # once, after the last step, finds the same invalid notebooks.
    config.Exporter.optimistic_validation = True
    if timeout is not None:
        config.Execute.timeout = timeout
    runs: dict[str, list[dict]] = {}
    lock = _SharedLock()
    if executor == "warm":
        # What the warm executor saw (timeouts, crashes, tampering, sandbox) per student.
        config.WarmExecute.on_result = lambda student, notebook, summary: runs.setdefault(
            student, []).append({"notebook": notebook, **summary})
        config.WarmExecute.gradebook_lock = lock
        config.WarmExecute.sandbox = sandbox
        config.WarmExecute.backends = moto_backends(course, lab)
        # One submission more than zygotes: with exactly as many, each zygote would sit idle
        # through its own submission's bookkeeping (~10 % of a class's time).
        workers = workers or zygote_count(config.WarmExecute.get("workers") or None) + 1
    else:
        workers = 1  # nbgrader's own executor: one kernel at a time, as `nbgrader autograde`
    # nbgrader's gradebook code trips SQLAlchemy's autoflush warnings on every submission;
    # they say nothing an instructor can act on.
    warnings.filterwarnings("ignore", module="nbgrader.api")
    warnings.filterwarnings("ignore", message=".*not in session.*")
    nbgrader_patches.apply()
    apis = threading.local()
    max_score = max_score_of(course, lab)
    expected = released_notebooks(course, lab)
    graded_cells = graded_cells_by_notebook(course, lab)
    released = _read_released(course.release(lab))

    def one(student: str) -> Graded:
        if not hasattr(apis, "api"):
            apis.api = NbGraderAPI(config=config)
            apis.api.log_level = "ERROR"
        with lock:
            try:
                outcome = _grade_one(apis.api, course, lab, student, runs, max_score, expected,
                                     graded_cells, released)
            except Exception as exc:  # a bug of ours or nbgrader's must not stop the class
                outcome = Graded(student, "failed", 0.0, max_score,
                                 f"grading crashed: {type(exc).__name__}: {_one_line(exc)}")
        # The lock is released while the submission executes: "bookkeeping" excludes it.
        outcome.phases = {**lock.take_times(), **outcome.phases}
        return outcome

    starter = None
    if executor == "warm" and students:
        starter = _start_zygotes(config.WarmExecute.get("workers") or None, config.WarmExecute.backends)
    outcomes = {}
    try:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="grade") as pool:
            for future in as_completed([pool.submit(one, student) for student in students]):
                outcome = future.result()
                outcomes[outcome.student] = outcome
                yield outcome
    finally:
        _save_report(course, lab, outcomes)
        if executor == "warm":
            from autograder.executor import shutdown

            if starter is not None:
                starter.join()  # a pool still starting would outlive the shutdown below
            shutdown()


def _start_zygotes(workers: int | None, backends: list[str]) -> threading.Thread:
    """Start warming the zygotes now, while nbgrader's first bookkeeping runs.

    The first execution waits for the same pool (``default_pool``); if starting it fails
    here, that call tries again and reports why.
    """
    from autograder.executor import pool

    def start():
        try:
            pool.default_pool(workers, backends=backends)
        except Exception:  # reported by the first execution, which starts it again
            pass

    starter = threading.Thread(target=start, name="warm-zygotes", daemon=True)
    starter.start()
    return starter


#: Code that calls EC2's API, itself or through the checks that read EC2 state.
_USES_EC2 = re.compile(r"\bec2\b(?!:|\.amazonaws)|checks import [\w ,]*\b(vpc|elb|autoscaling|architecture)\b")


def moto_backends(course: Course, lab: str) -> list[str]:
    """moto backends the zygotes should build once for ``lab``: ``["ec2"]`` when its code
    cells (hidden tests included) use EC2, whose backend costs ~1 s to build per server."""
    folder = course.source(lab) if course.source(lab).is_dir() else course.release(lab)
    for path in sorted(folder.glob("*.ipynb")):
        try:
            cells = nbformat.read(path, as_version=4).cells
        except Exception:  # an unreadable source is reported elsewhere; build nothing
            continue
        if any(c.cell_type == "code" and _USES_EC2.search(c.source) for c in cells):
            return ["ec2"]
    return []


def _grade_one(api: NbGraderAPI, course: Course, lab: str, student: str,
               runs: dict[str, list[dict]], max_score: float, expected: list[str],
               graded_cells: dict[str, list[tuple[str, float]]], released: dict) -> Graded:
    started = time.perf_counter()
    folder = course.submitted(student, lab)
    notes, handed_in = _set_aside_unreadable(folder)
    notes += _graded_cell_notes(handed_in, graded_cells)
    notes += _cell_change_notes(handed_in, released)
    missing = [name for name in expected if not (folder / name).exists()]
    notes += [f"{name} was not handed in" for name in missing if not any(name in n for n in notes)]
    if len(missing) == len(expected):
        # nbgrader would only say "no notebooks were matched"; our notes say why.
        return Graded(student, "failed", 0.0, max_score, "; ".join(notes), notes,
                      time.perf_counter() - started)
    runs.pop(student, None)
    result = api.autograde(lab, student, force=True, create=True)
    phases: dict[str, float] = {}
    for run in runs.pop(student, []):
        for name, seconds in run.get("phases", {}).items():
            phases[name] = phases.get(name, 0.0) + seconds
        notes += [f"{run['notebook']}: {text}" for text in run["reasons"]]
        if run["tampering"] and run.get("trusted"):
            # The tests ran outside the student's process: the score stands; look anyway.
            flag_for_review(course, lab, student, run["tampering"], keep_score=True)
            notes += [f"{run['notebook']}: {text}; flagged for review (the score comes from the "
                      "trusted checker, which this could not reach)" for text in run["tampering"]]
        elif run["tampering"]:
            flag_for_review(course, lab, student, run["tampering"])
            notes += [f"{run['notebook']}: {text}; scored 0 and flagged for review in the gradebook"
                      for text in run["tampering"]]
    score = score_of(course, lab, student)
    seconds = time.perf_counter() - started
    if not result["success"] or score is None:
        reason = "; ".join(notes + [_failure_reason(result)])
        return Graded(student, "failed", 0.0, max_score, reason, notes, seconds, phases)
    reason = "; ".join(notes) if notes else None
    return Graded(student, "graded", score.score, score.max_score, reason, notes, seconds, phases)


def _set_aside_unreadable(folder: Path) -> tuple[list[str], dict]:
    """Move notebooks nbformat cannot read into unreadable/ (kept, graded as missing).

    Notebooks set aside by an earlier run are noted again, so regrading says the same.
    Returns the notes and the readable notebooks by file name (each read once).
    """
    notes, readable = [], {}
    aside = folder / "unreadable"
    for path in sorted(folder.glob("*.ipynb")) + sorted(aside.glob("*.ipynb")):
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:  # JSON errors, empty files, wrong schema: all the same to us
            if path.parent != aside:
                aside.mkdir(exist_ok=True)
                shutil.move(path, aside / path.name)
            notes.append(f"{path.name} is not a readable notebook ({_one_line(exc)}); graded as missing")
            continue
        if path.parent == folder:
            readable[path.name] = nb
    return notes, readable


def _read_released(release: Path) -> dict:
    """The released notebooks by file name (read once per class)."""
    return {path.name: nbformat.read(path, as_version=4) for path in sorted(release.glob("*.ipynb"))}


def _graded_cell_notes(handed_in: dict, graded_cells: dict[str, list[tuple[str, float]]]) -> list[str]:
    """What nbgrader grades silently: deleted graded cells (they score 0) and pasted copies."""
    notes = []
    for name, cells in graded_cells.items():
        if name not in handed_in:
            continue
        ids = [c.metadata.get("nbgrader", {}).get("grade_id") for c in handed_in[name].cells]
        for grade_id, points in cells:
            count = ids.count(grade_id)
            if count == 0:
                notes.append(f"{Path(name).stem}: graded cell {grade_id!r} ({points:g} points) was deleted; it scores 0")
            elif count > 1:
                notes.append(f"{Path(name).stem}: graded cell {grade_id!r} appears {count} times; the last copy was graded")
    return notes


def _cell_change_notes(handed_in: dict, released: dict) -> list[str]:
    """What the student changed in cells nbgrader puts back without a word: edited locked
    cells, then graded cells pasted from elsewhere or with switched flags (RestoreCellFlags
    in nbgrader_config.py restores them; nbgrader alone would fail the notebook).

    Both arguments map file names to notebooks; unreadable ones are not among them (they
    are reported by _set_aside_unreadable)."""
    edited, flagged = [], []
    for name, original in released.items():
        if name not in handed_in:
            continue
        stem = Path(name).stem
        edited += _edited_locked_cells(stem, original, handed_in[name])
        flagged += _changed_flags(stem, original, handed_in[name])
    return edited + flagged


def _edited_locked_cells(stem: str, released, handed_in) -> list[str]:
    """Locked cells (tests, setup) a student changed: nbgrader restores them."""
    notes = []
    original = {c.metadata.get("nbgrader", {}).get("grade_id"): c.source.strip()
                for c in released.cells if c.metadata.get("nbgrader", {}).get("locked")}
    for cell in handed_in.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in original and cell.source.strip() != original.pop(grade_id):
            kind = "test cell" if cell.metadata["nbgrader"].get("grade") else "locked cell"
            notes.append(f"{stem}: {kind} {grade_id!r} was edited by the student; "
                         "the original was restored and graded")
    return notes


def _changed_flags(stem: str, released_nb, handed_in) -> list[str]:
    """Graded cells pasted from elsewhere, and test/solution flags the student switched."""
    notes = []
    released = {}
    for cell in released_nb.cells:
        flags = cell.metadata.get("nbgrader", {})
        if "grade_id" in flags:
            released[flags["grade_id"]] = flags
    for cell in handed_in.cells:
        flags = cell.metadata.get("nbgrader")
        if not isinstance(flags, dict):
            continue
        grade_id = flags.get("grade_id")
        if grade_id not in released:
            if any(flags.get(key) for key in ("grade", "solution", "task", "locked")):
                notes.append(f"{stem}: graded cell {grade_id!r} is not part of this lab "
                             "(pasted from elsewhere?); it ran as an ordinary cell worth no points")
            continue
        changed = [f"{key}: {bool(released[grade_id].get(key))} → {bool(flags.get(key))}"
                   for key in ("grade", "solution")
                   if bool(flags.get(key)) != bool(released[grade_id].get(key))]
        if changed:
            notes.append(f"{stem}: cell {grade_id!r} had its nbgrader flags changed "
                         f"({', '.join(changed)}); the released flags were restored and it was graded")
    return notes


def _failure_reason(result: dict) -> str:
    text = (result.get("log") or "") + "\n" + (result.get("error") or "")
    lines = [line for line in text.splitlines() if line.strip()]
    for line in reversed(lines):
        if "[ERROR]" in line or "Error" in line:
            return line.replace("[ERROR] ", "").strip()
    return lines[-1] if lines else "nbgrader failed without a message"


def _one_line(exc: Exception) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:200]


def _save_report(course: Course, lab: str, outcomes: dict[str, Graded]) -> None:
    """Merge these outcomes into reports/<lab>/grading.json (export reads reasons there)."""
    path = course.reports(lab) / "grading.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    report = json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
    report.update({student: asdict(outcome) for student, outcome in outcomes.items()})
    path.write_text(json.dumps(report, indent=1, sort_keys=True), encoding="utf-8")


def load_report(course: Course, lab: str) -> dict[str, dict]:
    path = course.reports(lab) / "grading.json"
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}
