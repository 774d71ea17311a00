"""Reusable lab checks: each reads sandbox state through a fresh client and returns a CheckResult.

`require(*results)` turns failed checks into one AssertionError that says what was found,
what was expected and how to fix it. One module per service (`labs.checks.s3`, ...).
"""

from labs.checks.result import CheckResult, require

__all__ = ["CheckResult", "require"]
