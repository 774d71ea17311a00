"""What is wrong with a lab's source notebooks, found before nbgrader sees them.

nbgrader meets a graded cell without points, a reused id or an unclosed marker late, at
grading time, with an error that names neither the notebook nor the cell. `release` calls
`lab_problems` first and refuses the lab with one line per problem, each naming the
notebook, the cell's position and its grade id.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

# nbgrader's markers, matched the way its ClearSolutions / ClearHiddenTests preprocessors do
# (a line whose stripped text starts with the marker).
PAIRS = (("### BEGIN SOLUTION", "### END SOLUTION"),
         ("### BEGIN HIDDEN TESTS", "### END HIDDEN TESTS"))
GRADE_ID = re.compile(r"^[A-Za-z0-9_-]+$")  # nbgrader's own rule for grade ids


def lab_problems(folder: Path) -> list[str]:
    """One line per problem in the lab's notebooks (empty when the lab can be released)."""
    notebooks = sorted(folder.glob("*.ipynb"))
    problems: list[str] = []
    for path in notebooks:
        problems += notebook_problems(path)
    return problems


def notebook_problems(path: Path) -> list[str]:
    """One line per problem in one source notebook."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
        cells = nb["cells"]
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, KeyError, TypeError) as exc:
        return [f"{path.name}: not a readable notebook ({exc})"]
    problems: list[str] = []
    seen_grade_ids: dict[str, int] = {}
    seen_cell_ids: dict[str, int] = {}
    for number, cell in enumerate(cells, start=1):
        meta = (cell.get("metadata") or {}).get("nbgrader") or {}
        grade_id = meta.get("grade_id")
        where = f"{path.name}, cell {number}" + (f" ({grade_id!r})" if grade_id else "")
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source

        cell_id = cell.get("id")
        if cell_id is not None:
            if cell_id in seen_cell_ids:
                problems.append(f"{where}: cell id {cell_id!r} is also the id of cell {seen_cell_ids[cell_id]}; "
                                "every cell needs its own id")
            else:
                seen_cell_ids[cell_id] = number
        if not meta:
            problems += _stray_markers(where, source)
            continue
        if meta.get("grade") or meta.get("solution") or meta.get("task") or meta.get("locked"):
            if not grade_id:
                problems.append(f"{where}: an nbgrader cell has no grade_id")
            elif not GRADE_ID.match(str(grade_id)):
                problems.append(f"{where}: grade_id {grade_id!r} may use only letters, digits, '_' and '-'")
            elif grade_id in seen_grade_ids:
                problems.append(f"{where}: grade_id {grade_id!r} is also used by cell "
                                f"{seen_grade_ids[grade_id]}; grade ids must be unique")
            else:
                seen_grade_ids[grade_id] = number
        if meta.get("grade") or meta.get("task"):
            points = meta.get("points")
            if not isinstance(points, (int, float)) or isinstance(points, bool) or points <= 0:
                problems.append(f"{where}: a graded cell needs points > 0 in its nbgrader metadata "
                                f"(found {points!r})")
        problems += _marker_problems(where, source, meta, cell.get("cell_type"))
    return problems


def _marker_problems(where: str, source: str, meta: dict, cell_type: str | None) -> list[str]:
    problems = []
    lines = [line.strip() for line in source.splitlines()]
    for begin, end in PAIRS:
        depth = 0
        for line in lines:
            if line.startswith(begin):
                if depth:
                    problems.append(f"{where}: {begin!r} opened again before {end!r}")
                depth += 1
            elif line.startswith(end):
                if not depth:
                    problems.append(f"{where}: {end!r} without a {begin!r} before it")
                else:
                    depth -= 1
        if depth:
            problems.append(f"{where}: {begin!r} is never closed with {end!r}")
    if any(line.startswith(PAIRS[1][0]) for line in lines) and not meta.get("grade"):
        problems.append(f"{where}: hidden tests in a cell that is not graded (set grade and points)")
    if any(line.startswith(PAIRS[0][0]) for line in lines) and not meta.get("solution"):
        problems.append(f"{where}: a solution block in a cell that is not a solution cell")
    return problems


def _stray_markers(where: str, source: str) -> list[str]:
    markers = [m for pair in PAIRS for m in pair]
    found = sorted({m for m in markers for line in source.splitlines() if line.strip().startswith(m)})
    if found:
        return [f"{where}: {', '.join(found)} in a cell without nbgrader metadata; "
                "nbgrader would leave it in the learners' release"]
    return []
