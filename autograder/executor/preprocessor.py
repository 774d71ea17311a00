"""``WarmExecute``: nbgrader's ``Execute`` step, run in a forked, sandboxed child of a warm zygote.

Drop-in for ``Execute`` in ``Autograde.autograde_preprocessors``; it keeps Execute's traits
(``timeout`` is per cell, as there) and adds limits. After ``preprocess`` the notebook's code
cells hold kernel-style outputs, and ``resources["warm_execute"]`` holds::

    {"sandboxed": bool, "reason": str | None, "seconds": float,
     "reasons": [str, ...], "tampering": [str, ...], "layers": [str, ...]}

``reason`` joins ``reasons`` with "; " (None when the run was clean and sandboxed). Cells that
did not run because the child died get an ``error`` output saying why, so later tests fail
and earlier points still count.
"""

from __future__ import annotations

import os
import sys
import warnings

from nbformat import NotebookNode, from_dict
from nbgrader import utils
from nbgrader.preprocessors import Execute
from traitlets import Any, Bool, Integer, List, Unicode

from . import pool as _pool

OUTPUT_TYPES = {"stream", "display_data", "execute_result", "error"}
_SECRET_WORDS = ("KEY", "SECRET", "TOKEN", "PASSWORD", "CREDENTIAL", "PROFILE")


class UnsandboxedWarning(RuntimeWarning):
    """A submission ran without the Linux sandbox."""


class WarmExecute(Execute):
    """Execute a notebook in a forked child of a warm zygote, isolated per submission."""

    memory_limit = Integer(1 << 30, allow_none=True,
                           help="Bytes the child's address space may grow beyond the zygote's."
                           ).tag(config=True)
    cpu_limit = Integer(120, allow_none=True, help="CPU seconds for a whole notebook.").tag(config=True)
    file_limit = Integer(64 << 20, allow_none=True, help="Largest file a submission may write.").tag(config=True)
    max_cell_output = Integer(1_000_000, help="Characters of output kept per cell.").tag(config=True)
    max_notebook_output = Integer(10_000_000, help="Characters of output kept per notebook.").tag(config=True)
    sandbox = Bool(True, help="Isolate each submission with Linux namespaces.").tag(config=True)
    hidden_paths = List(Unicode(), help="Extra paths a submission must not see.").tag(config=True)
    workers = Integer(0, help="Zygotes in the default pool (0 = one per core).").tag(config=True)
    on_result = Any(None, allow_none=True,
                    help="Called as on_result(student, notebook, summary) after each notebook; "
                         "the grading pipeline records reasons with it.").tag(config=True)
    gradebook_lock = Any(None, allow_none=True,
                         help="A lock the caller holds while nbgrader works on the gradebook; it "
                              "is released while the child runs, so another thread's "
                              "bookkeeping overlaps this execution.").tag(config=True)

    def preprocess(self, nb: NotebookNode, resources: dict, km=None):
        job = build_job(nb, resources, self)
        if self.gradebook_lock is not None:
            self.gradebook_lock.release()
        try:
            result = _pool.default_pool(self.workers or None).run(job)
        finally:
            if self.gradebook_lock is not None:
                self.gradebook_lock.acquire()
        summary = merge_result(nb, job, result)
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


def build_job(nb: NotebookNode, resources: dict, options: WarmExecute) -> dict:
    """The JSON job for a zygote: code cells (index, source, locked, label), limits, env."""
    cells = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code" or not cell.source.strip():
            continue  # nbclient skips these too and leaves execution_count unset
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        label = f"cell {index + 1}" + (f" ({grade_id!r})" if grade_id else "")
        cells.append({"index": index, "source": cell.source, "locked": utils.is_locked(cell),
                      "label": label})
    path = (resources.get("metadata") or {}).get("path") or None
    return {"cells": cells, "source_dir": os.path.abspath(path) if path else None,
            "env": child_environment(os.environ), "timeout": options.timeout,
            "memory_limit": options.memory_limit, "cpu_limit": options.cpu_limit,
            "file_limit": options.file_limit, "max_cell_output": options.max_cell_output,
            "max_notebook_output": options.max_notebook_output, "sandbox": options.sandbox,
            "hidden": list(options.hidden_paths)}


def child_environment(environ) -> dict:
    """The grading process's environment minus secrets, with moto's fake AWS credentials."""
    env = {k: v for k, v in environ.items() if not any(w in k.upper() for w in _SECRET_WORDS)}
    env.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
               AWS_SESSION_TOKEN="testing", AWS_CONFIG_FILE=os.devnull,
               AWS_SHARED_CREDENTIALS_FILE=os.devnull)
    return env


def merge_result(nb: NotebookNode, job: dict, result: dict) -> dict:
    """Write the child's outputs into ``nb``; mark cells that never ran; return the summary."""
    death = result.get("death")
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
    return {"sandboxed": bool(result.get("sandboxed")),
            "reason": "; ".join(reasons + tampering) or None,
            "seconds": float(result.get("seconds", 0.0)), "reasons": reasons,
            "tampering": tampering, "layers": list(result.get("layers", []))}


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
