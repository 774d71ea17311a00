"""Grade a class of 50 S3-lab submissions with stock `nbgrader autograde` and with ours.

Prints both wall times, `speed-up ratio: N`, where our time goes per submission (phases),
and how far ours is from the floor: the same cells run one submission after another in a
single warm process (no kernels, no forks, no gradebook). Every student's score must be
identical both ways, or the bench fails.
"""

import contextlib
import io
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.grade import grade
from autograder.gradebook import score_of
from autograder.release import release
from tests.conftest import filled
from tests.lab_grading import solutions

LAB = "s3-basics"
CLASS_SIZE = 50


def class_of_50(source_nb, blank_nb) -> dict[str, nbformat.NotebookNode]:
    """Correct, partial, blank and broken submissions; nothing that loops forever."""
    answers = solutions(source_nb)
    tasks = [k for k in answers]  # task1_solution ... task5_solution, in order
    broken_call = answers[tasks[0]].replace("create_bucket(", "create_bucket(Bad=1, ", 1)
    kinds = [
        ("full", lambda: filled(blank_nb, answers)),
        ("half", lambda: filled(blank_nb, {k: answers[k] for k in tasks[:2]})),
        ("most", lambda: filled(blank_nb, {k: answers[k] for k in tasks[:4]})),
        ("blank", lambda: blank_nb),
        ("typo", lambda: filled(blank_nb, {**answers, tasks[2]: answers[tasks[2]] + "\nprint(undefined_name)"})),
        ("badcall", lambda: filled(blank_nb, {**answers, tasks[0]: broken_call})),
    ]
    return {f"{kind}{i:02d}": make() for i in range(CLASS_SIZE) for kind, make in [kinds[i % len(kinds)]]}


def stock_autograde(course: Course) -> float:
    started = time.perf_counter()
    env = {**os.environ, "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"]}
    subprocess.run([str(Path(sys.executable).parent / "nbgrader"), "autograde", LAB, "--force", "--log-level=ERROR"],
                   cwd=course.root, env=env, check=True, capture_output=True)
    return time.perf_counter() - started


def floor_seconds(course: Course, students: list[str]) -> float:
    """The same executed cells (from the autograded notebooks) in this one warm process."""
    from labs.sandbox import reset, start

    with contextlib.redirect_stdout(io.StringIO()):
        start()
    notebooks = [nbformat.read(course.autograded(s, LAB) / f"{LAB}.ipynb", as_version=4) for s in students]
    started = time.perf_counter()
    for nb in notebooks:
        reset()
        namespace = {"__name__": "__main__"}
        for cell in nb.cells:
            if cell.cell_type == "code":
                with contextlib.redirect_stdout(io.StringIO()):
                    try:
                        exec(compile(cell.source, "<cell>", "exec"), namespace)
                    except BaseException:  # noqa: BLE001 - a failing cell is part of the workload
                        pass
    return time.perf_counter() - started


def phase_lines(outcomes) -> list[str]:
    """Mean milliseconds per submission of each phase our grading recorded (Graded.phases)."""
    totals: dict[str, float] = {}
    for outcome in outcomes:
        for name, seconds in outcome.phases.items():
            totals[name] = totals.get(name, 0.0) + seconds
    ms = {name: total / max(1, len(outcomes)) * 1000 for name, total in totals.items()}
    zygote = [name for name in ms if name not in ("bookkeeping", "lock wait", "execute")]
    # What the wait for a zygote holds beyond its own phases: the zygotes' warm-up (once per
    # run, met by the first submissions), the queue for a free zygote and the pipes.
    waiting = ms.get("execute", 0) - sum(ms[name] for name in zygote)
    return [
        f"  bookkeeping (ours and nbgrader's, one at a time): {ms.get('bookkeeping', 0):.0f} ms; "
        f"waiting for another's bookkeeping: {ms.get('lock wait', 0):.0f} ms",
        f"  execute (zygote, several at once): {ms.get('execute', 0):.0f} ms = "
        + ", ".join(f"{name} {ms[name]:.0f}" for name in zygote)
        + f", waiting for a zygote (warm-up, queue) {waiting:.0f}",
    ]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        course = Course.at(root / "classroom")
        release(LAB, course=course)
        source = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
        blank = nbformat.read(course.release(LAB) / f"{LAB}.ipynb", as_version=4)
        subs = root / "subs"
        for student, nb in class_of_50(source, blank).items():
            (subs / student).mkdir(parents=True)
            nbformat.write(nb, subs / student / f"{LAB}.ipynb")
        students = [s.student for s in collect(LAB, subs, course=course).students]
        print(f"class: {len(students)} submissions of {LAB} on {os.cpu_count()} cores")

        stock = stock_autograde(course)
        stock_scores = {s: score_of(course, LAB, s).score for s in students}
        print(f"stock nbgrader autograde: {stock:.1f} s ({stock / len(students):.2f} s per submission)")

        started = time.perf_counter()
        outcomes = list(grade(LAB, course=course, executor="warm"))
        ours = time.perf_counter() - started
        ours_scores = {o.student: o.score for o in outcomes}
        print(f"ours (warm, isolated):    {ours:.1f} s ({ours / len(students):.2f} s per submission)")
        print("ours, mean per submission:")
        print("\n".join(phase_lines(outcomes)))
        unsandboxed = [o.student for o in outcomes if o.reason and "UNSANDBOXED" in o.reason]
        if unsandboxed:
            print(f"WARNING: {len(unsandboxed)} submissions ran UNSANDBOXED")

        differ = {s: (stock_scores[s], ours_scores.get(s)) for s in students if stock_scores[s] != ours_scores.get(s)}
        if differ:
            raise SystemExit(f"scores differ (stock, ours): {differ}")
        print(f"scores identical for all {len(students)} students "
              f"(total {sum(stock_scores.values()):g} of {10 * len(students)} points)")
        print(f"speed-up ratio: {stock / ours:.1f}")

        floor = floor_seconds(course, students)
        print(f"floor (same cells, one warm process): {floor:.1f} s ({floor / len(students) * 1000:.0f} ms per submission); "
              f"ours is {ours / floor:.1f}x the floor")
        shutil.rmtree(root / "subs")


if __name__ == "__main__":
    main()
