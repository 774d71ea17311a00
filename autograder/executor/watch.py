"""Tampering detection: are the grading helpers still the objects the grader put there?

A :class:`Watch` names objects by dotted path (``"labs.checks.s3.require"``,
``"botocore.client.BaseClient._make_api_call"``). After the sandbox and ``labs.guard`` are in
place and before any student code runs, :meth:`Watch.set_baseline` records what each path holds.
After every cell, :meth:`Watch.check` reports each path that now holds something else, and any
function, class or module a locked (instructor) cell defined that a student cell rebound.
Changes made by locked cells are the instructor's and become the new baseline.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import sys
import types

#: Library entry points a submission could patch to fake a passing check.
LIBRARY_TARGETS = (
    "boto3.client", "boto3.resource", "boto3.Session", "boto3.setup_default_session",
    "boto3.session.Session.client", "boto3.session.Session.resource",
    "botocore.client.BaseClient._make_api_call", "botocore.client.BaseClient._make_request",
    "botocore.client.ClientCreator.create_client", "botocore.session.Session.create_client",
    "botocore.endpoint.Endpoint.make_request", "botocore.endpoint.Endpoint._send",
    "botocore.exceptions.ClientError", "moto.mock_aws",
    "builtins.__import__", "builtins.isinstance",
)
_MISSING = object()


def library_targets(package: str = "labs") -> list[str]:
    """Dotted names of every public function and class in ``package`` plus LIBRARY_TARGETS.

    Imports the package's submodules (the zygote does this anyway to keep the child warm).
    """
    targets = list(LIBRARY_TARGETS)
    try:
        root = importlib.import_module(package)
    except ImportError:
        return targets
    modules = [root]
    for info in pkgutil.walk_packages(getattr(root, "__path__", []), prefix=package + "."):
        try:
            modules.append(importlib.import_module(info.name))
        except Exception:  # a half-written lab module must not stop grading
            continue
    for module in modules:
        targets.append(f"sys.modules.{module.__name__}")
        for name, value in vars(module).items():
            if name.startswith("_"):
                continue
            # Also names a module imports from a sibling: a test uses labs.checks.s3.require.
            if (inspect.isfunction(value) or inspect.isclass(value)) and \
                    str(getattr(value, "__module__", "")).startswith(package + "."):
                targets.append(f"{module.__name__}.{name}")
    return targets


def resolve(dotted: str):
    """The object at ``dotted``, looking class attributes up without descriptors."""
    if dotted.startswith("sys.modules."):
        return sys.modules.get(dotted[len("sys.modules."):], _MISSING)
    parts = dotted.split(".")
    for cut in range(len(parts), 0, -1):
        obj = sys.modules.get(".".join(parts[:cut]))
        if obj is not None:
            break
    else:
        return _MISSING
    for name in parts[cut:]:
        space = vars(obj) if isinstance(obj, type) else None
        obj = space.get(name, _MISSING) if space is not None else getattr(obj, name, _MISSING)
        if obj is _MISSING:
            return _MISSING
    return obj


class Watch:
    """Baseline of watched objects and of helpers defined by locked cells."""

    def __init__(self, targets):
        self.targets = tuple(targets)
        self._baseline: dict[str, object] = {}
        self._helpers: dict[str, object] = {}
        self._before: dict[str, int] = {}
        self._reported: set[str] = set()

    def set_baseline(self) -> None:
        self._baseline = {name: resolve(name) for name in self.targets}

    def before(self, cell: dict, user_ns: dict) -> None:
        if cell["locked"]:
            self._before = {k: id(v) for k, v in user_ns.items()}

    def check(self, cell: dict, user_ns: dict) -> list[tuple[str, str]]:
        """Notes ``("tampering", text)`` for what ``cell`` replaced; re-baselines locked cells."""
        if cell["locked"]:
            self.set_baseline()
            for name, value in user_ns.items():
                if (not name.startswith("_") and self._before.get(name) != id(value)
                        and _is_helper(value)):
                    self._helpers[name] = value
            return []
        notes = []
        for name, original in self._baseline.items():
            if name not in self._reported and resolve(name) is not original:
                self._reported.add(name)
                shown = name.replace("sys.modules.", "sys.modules entry ")
                notes.append(("tampering", f"tampering: {shown} was replaced in {cell['label']}"))
        for name, original in self._helpers.items():
            key = "helper:" + name
            if key not in self._reported and user_ns.get(name, _MISSING) is not original:
                self._reported.add(key)
                notes.append(("tampering", f"tampering: test helper {name!r} (defined in a "
                                           f"locked cell) was redefined in {cell['label']}"))
        return notes


def _is_helper(value) -> bool:
    return isinstance(value, (types.FunctionType, types.ModuleType, type))
