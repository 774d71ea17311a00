"""What a lab check returns, and `require` that turns failures into asserts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CheckResult", "require"]


@dataclass(frozen=True)
class CheckResult:
    """The outcome of one check of sandbox state.

    >>> r = CheckResult("versioning", False, "bucket 'logs': versioning Suspended, expected Enabled",
    ...                 found="Suspended", expected="Enabled")
    >>> r.passed
    False
    """

    name: str
    """Short id of the check, e.g. ``"bucket_versioning_status"``."""
    passed: bool
    message: str
    """One line saying what was found against what was expected."""
    found: Any = None
    """What the sandbox holds (None when there was nothing to find)."""
    expected: Any = None
    hint: str = ""
    """How to fix it, as code the learner can run; empty when passed."""

    def explain(self) -> str:
        """Return the message plus the fix, as shown in a failed test."""
        mark = "✓" if self.passed else "✗"
        text = f"{mark} {self.message}"
        if not self.passed and self.hint:
            text += f"\n    fix: {self.hint}"
        return text


def require(*results: CheckResult) -> None:
    """Raise AssertionError listing every failed check; return quietly if all passed.

    Raises:
        AssertionError: with one line per failed check: found / expected / fix.
    """
    failed = [r for r in results if not r.passed]
    if failed:
        lines = [f"{len(failed)} of {len(results)} check(s) failed:"]
        lines += [r.explain() for r in failed]
        raise AssertionError("\n".join(lines))
