"""What a lab check returns, and `require` that turns failures into asserts.

Lab notebooks speak both languages, so every check result carries its message in English
and Korean. A check module keeps its words in one table per language,
``TEXT = {"en": {key: text}, "ko": {key: text}}``, and builds results with `passed` and
`failed`; a test that finds both tables out of step fails (`tests/test_check_messages.py`).

Messages say what was expected, what was found and where in the course to read about it
(``see``); they never hand over the line that solves the task.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["CheckResult", "require", "passed", "failed"]


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
    """One line saying what was found against what was expected (English)."""
    found: Any = None
    """What the sandbox holds (None when there was nothing to find)."""
    expected: Any = None
    hint: str = ""
    """What to reconsider, without the solution line (English); empty when passed."""
    message_ko: str = ""
    """The message in Korean."""
    hint_ko: str = ""
    """The hint in Korean."""
    see: str = ""
    """Where the course teaches it, e.g. ``"16-s3-basics.ipynb § Versioning"``."""

    def explain(self) -> str:
        """Return the message, its Korean twin, the hint and where to read, as a failed test shows them."""
        mark = "✓" if self.passed else "✗"
        lines = [f"{mark} {self.message}"]
        if self.message_ko:
            lines.append(f"  {self.message_ko}")
        if not self.passed:
            if self.hint:
                lines.append(f"    hint: {self.hint}")
            if self.hint_ko:
                lines.append(f"    힌트: {self.hint_ko}")
            if self.see:
                lines.append(f"    see / 참고: {self.see}")
        return "\n".join(lines)


def _say(table: dict[str, dict[str, str]], key: str, lang: str, values: dict) -> str:
    words = table[lang][key]
    # A computed explanation (course.i18n.Phrase) is said in the message's own language.
    values = {k: v.in_language(lang) if hasattr(v, "in_language") else v for k, v in values.items()}
    return words.format(**values) if values else words


def passed(name: str, table: dict, key: str, *, found: Any = None, expected: Any = None,
           **values) -> CheckResult:
    """A passing result whose message is ``table[lang][key]`` formatted with ``values``."""
    return CheckResult(name, True, _say(table, key, "en", values), found=found, expected=expected,
                       message_ko=_say(table, key, "ko", values))


def failed(name: str, table: dict, key: str, *, found: Any = None, expected: Any = None,
           hint: str | None = None, see: str = "", **values) -> CheckResult:
    """A failing result: message ``key`` and, if given, hint key ``hint``, both in both languages."""
    return CheckResult(
        name, False, _say(table, key, "en", values), found=found, expected=expected,
        hint=_say(table, hint, "en", values) if hint else "",
        message_ko=_say(table, key, "ko", values),
        hint_ko=_say(table, hint, "ko", values) if hint else "",
        see=see,
    )


def require(*results: CheckResult) -> None:
    """Print one line when every check passed; otherwise raise AssertionError listing the failures.

    Raises:
        AssertionError: with the found / expected message, hint and pointer of each failed check.
    """
    failed_results = [r for r in results if not r.passed]
    if failed_results:
        lines = [f"{len(failed_results)} of {len(results)} check(s) failed "
                 f"/ {len(results)}개 중 {len(failed_results)}개 실패:"]
        lines += [r.explain() for r in failed_results]
        raise AssertionError("\n".join(lines))
    print(f"✓ {len(results)} check(s) passed / {len(results)}개 확인 통과")
