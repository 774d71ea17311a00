"""``WarmExecute``: nbgrader's ``Execute`` step, run in a forked, sandboxed child of a warm zygote.

Drop-in for ``Execute`` in ``Autograde.autograde_preprocessors``; it keeps Execute's traits
(``timeout`` is per cell, as there) and adds limits. After ``preprocess`` the notebook's code
cells hold kernel-style outputs, and ``resources["warm_execute"]`` holds::

    {"sandboxed": bool, "reason": str | None, "seconds": float, "trusted": bool,
     "reasons": [str, ...], "tampering": [str, ...], "layers": [str, ...],
     "phases": {"execute": wall seconds waiting for the zygote, "setup": ..., ...}}

``phases`` holds the zygote's breakdown (``zygote.PHASES``) after ``execute``.

``trusted`` says the graded test cells ran in the trusted checker (see ``trusted_checks``):
their outputs, and so the score, are out of the submission's reach.

``reason`` joins ``reasons`` with "; " (None when the run was clean and sandboxed). Cells that
did not run because the child died get an ``error`` output saying why, so later tests fail
and earlier points still count.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
import warnings

from nbformat import NotebookNode, from_dict
from nbgrader import utils
from nbgrader.preprocessors import Execute
from traitlets import Any, Bool, Enum, Integer, List, Unicode

from . import pool as _pool

OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}
#: Notebooks on this kernel are graded on sandbox state, by the trusted checker.
STATE_GRADED_KERNEL = "aws-course-kit"


class UnsandboxedWarning(RuntimeWarning):
    """A submission ran without the Linux sandbox."""


class WarmExecute(Execute):
    """Execute a notebook in a forked child of a warm zygote, isolated per submission."""

    memory_limit = Integer(1 << 30, allow_none=True,
                           help="Bytes the child's address space may grow beyond the zygote's."
                           ).tag(config=True)
    cpu_limit = Integer(120, allow_none=True, help="CPU seconds for a whole notebook.").tag(config=True)
    file_limit = Integer(64 << 20, allow_none=True, help="Largest file a submission may write.").tag(config=True)
    disk_limit = Integer(256 << 20, allow_none=True,
                         help="Most a submission's working folder may hold in all.").tag(config=True)
    max_cell_output = Integer(1_000_000, help="Characters of output kept per cell.").tag(config=True)
    max_notebook_output = Integer(10_000_000, help="Characters of output kept per notebook.").tag(config=True)
    sandbox = Bool(True, help="Isolate each submission with Linux namespaces.").tag(config=True)
    hidden_paths = List(Unicode(), help="Extra paths a submission must not see.").tag(config=True)
    workers = Integer(0, help="Zygotes in the default pool (0 = one per core).").tag(config=True)
    backends = List(Unicode(), help="moto backends the zygotes build before forking, in a fresh "
                                    "sandbox's state: 'ec2' loads its ~1,300 AMIs once instead "
                                    "of in every submission's server.").tag(config=True)
    trusted_checks = Enum(["auto", True, False], "auto",
                          help="Run the graded test cells in the trusted checker, outside the "
                               "student's process, on the sandbox's final state. 'auto': for "
                               "notebooks on the course kernel (aws-course-kit), whose tests "
                               "read AWS state; tests of a plain notebook call the student's "
                               "functions and must run beside them.").tag(config=True)
    on_result = Any(None, allow_none=True,
                    help="Called as on_result(student, notebook, summary) after each notebook; "
                         "the grading pipeline records reasons with it.").tag(config=True)
    gradebook_lock = Any(None, allow_none=True,
                         help="A lock the caller holds while nbgrader works on the gradebook; it "
                              "is released while the child runs, so another thread's "
                              "bookkeeping overlaps this execution.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict, km=None):
        job = build_job(nb, resources, self)
        try:
            if self.gradebook_lock is not None:
                self.gradebook_lock.release()
            try:
                started = time.perf_counter()
                result = _pool.default_pool(self.workers or None, backends=self.backends).run(job)
                ran = time.perf_counter() - started
            finally:
                if self.gradebook_lock is not None:
                    self.gradebook_lock.acquire()
            summary = merge_result(nb, job, result)
            summary["phases"] = {"execute": ran, **summary["phases"]}
        finally:
            discard_job(job)
        nb.metadata["language_info"] = {"name": "python", "mimetype": "text/x-python",
                                        "file_extension": ".py", "version": sys.version.split()[0]}
        resources["warm_execute"] = summary
        if self.on_result is not None:
            names = resources.get("nbgrader", {})
            self.on_result(names.get("student"), names.get("notebook"), summary)
        if not summary["sandboxed"]:
            warnings.warn(f"UNSANDBOXED: {summary['reason']}", UnsandboxedWarning, stacklevel=2)
            self.log.warning("UNSANDBOXED grading: %s", summary["reason"])
        elif summary["reason"]:
            self.log.warning("WarmExecute: %s", summary["reason"])
        return nb, resources


def is_test_cell(cell) -> bool:
    """An autograder test: graded, not a solution (nbgrader's "Autograder tests" cell)."""
    return cell.cell_type == "code" and utils.is_grade(cell) and not utils.is_solution(cell)


def uses_trusted_checks(nb: NotebookNode, options: WarmExecute) -> bool:
    if options.trusted_checks == "auto":
        return nb.metadata.get("kernelspec", {}).get("name") == STATE_GRADED_KERNEL
    return bool(options.trusted_checks)


def build_job(nb: NotebookNode, resources: dict, options: WarmExecute) -> dict:
    """The JSON job for a zygote: code cells (index, source, locked, label), limits, env.

    With trusted checks, the test cells' sources (hidden tests included) are not in the job:
    they go to a private file only the relay reads (``checks_dir``), and ``checks`` lists
    their indices and labels. The job itself is in the memory the student's process starts
    from, so it must hold nothing secret.
    """
    trusted = uses_trusted_checks(nb, options)
    cells, checks = [], []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue  # nbclient skips these too and leaves execution_count unset
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        label = f"cell {index + 1}" + (f" ({grade_id!r})" if grade_id else "")
        entry = {"index": index, "source": cell.source, "locked": utils.is_locked(cell),
                 "label": label}
        (checks if trusted and is_test_cell(cell) else cells).append(entry)
    path = (resources.get("metadata") or {}).get("path") or None
    job = {"cells": cells, "source_dir": os.path.abspath(path) if path else None,
           "env": child_environment(os.environ), "timeout": options.timeout,
           "memory_limit": options.memory_limit, "cpu_limit": options.cpu_limit,
           "file_limit": options.file_limit, "disk_limit": options.disk_limit,
           "max_cell_output": options.max_cell_output,
           "max_notebook_output": options.max_notebook_output, "sandbox": options.sandbox,
           "hidden": list(options.hidden_paths), "checks_dir": None, "checks": []}
    if trusted:
        folder = tempfile.mkdtemp(prefix="aws-course-kit-checks-")  # mode 0700
        with open(os.path.join(folder, "checks.json"), "w", encoding="utf-8") as handle:
            json.dump(checks, handle)
        job["checks_dir"] = folder
        job["checks"] = [{"index": c["index"], "label": c["label"]} for c in checks]
        job["hidden"].append(folder)
    return job


def discard_job(job: dict) -> None:
    """Delete the job's private checks folder (test sources and their outputs)."""
    if job.get("checks_dir"):
        shutil.rmtree(job["checks_dir"], ignore_errors=True)


def child_environment(environ) -> dict:
    """Student code's environment: the allow-list of `labs.guard`, with the sandbox's settings.

    An instructor's tokens, database URLs or real AWS keys never reach student code or its
    feedback, whatever they are called.
    """
    from labs.guard import allowed_environment

    return allowed_environment(environ)


def merge_result(nb: NotebookNode, job: dict, result: dict) -> dict:
    """Write the child's outputs into ``nb``; mark cells that never ran; return the summary."""
    death = result.get("death")
    if job.get("checks_dir"):
        _merge_checks(nb, job, result)
    reasons = [n["text"] for n in result.get("notes", []) if n["kind"] != "tampering"]
    tampering = [n["text"] for n in result.get("notes", []) if n["kind"] == "tampering"]
    if not result.get("sandboxed"):
        reasons.insert(0, f"UNSANDBOXED: {result.get('sandbox_reason') or 'sandbox not applied'}")
    if death:
        reasons.append(death)
    for cell in job["cells"]:
        target = nb.cells[cell["index"]]
        ran = result["cells"].get(str(cell["index"]))
        if ran is not None:
            target.outputs = [o for o in map(_clean_output, ran["outputs"]) if o is not None]
            count = ran.get("execution_count")
            target.execution_count = count if isinstance(count, int) else None
            continue
        target.execution_count = None
        if cell["index"] == result.get("running"):
            why = death or "the child stopped"
            ename = "CellTimeoutError" if why.startswith("timeout") else "DeadKernelError"
            target.outputs = [_error(ename, f"this cell did not finish: {why}")]
        else:
            target.outputs = [_error("CellNotExecuted",
                                     f"not run: {death or 'the child stopped before this cell'}")]
    if result.get("check_death"):
        reasons.append(f"checks: {result['check_death']}")
    return {"sandboxed": bool(result.get("sandboxed")), "trusted": bool(job.get("checks_dir")),
            "reason": "; ".join(reasons + tampering) or None,
            "seconds": float(result.get("seconds", 0.0)), "reasons": reasons,
            "tampering": tampering, "layers": list(result.get("layers", [])),
            "phases": dict(result.get("phases") or {})}


def _merge_checks(nb: NotebookNode, job: dict, result: dict) -> None:
    """Outputs of the test cells, from the checker's file; a check that never ran fails."""
    try:
        with open(os.path.join(job["checks_dir"], "results.json"), encoding="utf-8") as handle:
            ran = json.load(handle)
    except (OSError, ValueError):
        ran = {}
    why = result.get("check_death") or "the checker stopped"
    for check in job["checks"]:
        target = nb.cells[check["index"]]
        done = ran.get(str(check["index"])) if isinstance(ran, dict) else None
        if isinstance(done, dict):
            target.outputs = [o for o in map(_clean_output, done.get("outputs", [])) if o is not None]
            count = done.get("execution_count")
            target.execution_count = count if isinstance(count, int) else None
        else:
            target.execution_count = None
            ename = "CellTimeoutError" if why.startswith("timeout") else "CheckNotRun"
            target.outputs = [_error(ename, f"this test did not run: {why}")]


def _error(ename: str, evalue: str) -> NotebookNode:
    return from_dict({"output_type": "error", "ename": ename, "evalue": evalue,
                      "traceback": [f"\x1b[0;31m{ename}\x1b[0m: {evalue}"]})


def _clean_output(out) -> NotebookNode | None:
    """Only well-formed nbformat outputs get into the gradebook's notebook."""
    if not isinstance(out, dict) or out.get("output_type") not in OUTPUT_TYPES:
        return None
    kind = out["output_type"]
    if kind == "stream":
        if out.get("name") not in ("stdout", "stderr") or not isinstance(out.get("text"), str):
            return None
        return from_dict({"output_type": kind, "name": out["name"], "text": out["text"]})
    if kind == "error":
        tb = out.get("traceback")
        tb = [str(line) for line in tb] if isinstance(tb, list) else []
        return from_dict({"output_type": kind, "ename": str(out.get("ename")),
                          "evalue": str(out.get("evalue")), "traceback": tb})
    data, meta = out.get("data"), out.get("metadata")
    if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
        return None
    clean = {"output_type": kind, "data": data, "metadata": meta if isinstance(meta, dict) else {}}
    if kind == "execute_result":
        count = out.get("execution_count")
        clean["execution_count"] = count if isinstance(count, int) else None
    return from_dict(clean)
