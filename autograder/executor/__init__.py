"""Fast, isolated execution of student notebooks for nbgrader's Autograde step.

Stock nbgrader starts a fresh kernel per submission (~1 s) and imports boto3 and moto in it
(~0.6 s). Here one *zygote* process per worker imports and warms everything once, then forks
a child per submission; the child isolates itself (Linux namespaces, rlimits), runs the code
cells in an IPython shell and sends kernel-style outputs back.

Use it in place of nbgrader's ``Execute``::

    from autograder.executor import WarmExecute, ZygotePool, shutdown
    Autograde.autograde_preprocessors = [WarmExecute, IgnorePattern, ...]   # instead of Execute
    ...
    shutdown()          # stop the default pool at the end of a grading run (also at exit)

or drive a pool directly (``with ZygotePool(workers=2) as pool: pool.run(build_job(...))``).

After ``WarmExecute.preprocess(nb, resources)``, ``resources["warm_execute"]`` is
``{"sandboxed", "reason", "seconds", "reasons", "tampering", "layers"}`` (see
:mod:`.preprocessor`). Modules: :mod:`.preprocessor` (nbgrader step), :mod:`.pool` (grading
process side), :mod:`.zygote` (warm process, fork per job), :mod:`.child` (runs cells),
:mod:`.isolation` (namespaces, mounts, rlimits), :mod:`.watch` (tampering detection).
"""

import importlib

# Where each name lives. Imported on first use: the zygote runs as
# ``python -m autograder.executor.zygote``, which imports this package first, and must not
# pay for nbgrader and nbformat (~1.4 s of its ~3 s warm-up) that only the grading side uses.
_HOMES = {"WarmExecute": "preprocessor", "UnsandboxedWarning": "preprocessor",
          "build_job": "preprocessor", "merge_result": "preprocessor",
          "ZygotePool": "pool", "ZygoteError": "pool", "default_pool": "pool", "shutdown": "pool"}

__all__ = list(_HOMES)


def __getattr__(name: str):
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f".{_HOMES[name]}", __name__), name)
