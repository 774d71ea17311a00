"""nbgrader preprocessors the course puts into nbgrader's pipeline (see nbgrader_config.py)."""

import re

from nbconvert.preprocessors.sanitize import SanitizeHTML
from nbgrader import utils
from nbgrader.api import Gradebook
from nbgrader.preprocessors import ClearHiddenTests, DeduplicateIds, NbGraderPreprocessor
from traitlets import Bool

# IPython colours tracebacks with ANSI escapes; strip them from the one line we keep.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class HideHiddenTests(ClearHiddenTests):
    """Remove hidden tests from feedback: their source, and any traceback that quotes it.

    A failed hidden test still shows its assertion message (written for learners, it says
    what was found and what was expected), never the code of the test.

    Only autograder test cells hold hidden tests. Every other cell is the student's text and
    is left as written, marker lines included: stock nbgrader reads a student's
    "BEGIN HIDDEN TESTS" as the start of a region and fails the whole page.
    """

    enforce_metadata = False

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type != "code" or not utils.is_grade(cell) or utils.is_solution(cell):
            return cell, resources
        try:
            removed = self._remove_hidden_test_region(cell)
        except RuntimeError:  # markers out of order: show none of the cell's code
            cell.source, removed = "", True
        if removed:
            cell.source = cell.source.rstrip() + "\n# (hidden tests ran here; their code is not shown)"
            for output in cell.get("outputs", []):
                if output.get("output_type") == "error":
                    message = _ANSI.sub("", f"{output.get('ename', 'Error')}: {output.get('evalue', '')}")
                    output["traceback"] = [message]
        return cell, resources


class DropDuplicateIds(DeduplicateIds):
    """nbgrader's DeduplicateIds, except that an earlier copy loses its nbgrader metadata.

    nbgrader 0.9.6 leaves `{}` on the copy, which CheckCellMetadata then rejects as schema
    version 0, and the whole submission fails over one pasted cell. The last copy is graded,
    as nbgrader intends; the earlier ones become ordinary cells.
    """

    def preprocess_cell(self, cell, resources, cell_index):
        cell, resources = super().preprocess_cell(cell, resources, cell_index)
        if cell.metadata.get("nbgrader") == {}:
            del cell.metadata["nbgrader"]
        return cell, resources


# Markup that runs code when a page shows it: scripts, frames, plugins, event handlers and
# javascript: URLs. Markdown without any of it is left exactly as the student wrote it.
_ACTIVE_MARKUP = re.compile(
    r"<\s*(script|iframe|frame|object|embed|base|meta|link|form|svg|math)\b|\bon[a-z]+\s*=|javascript\s*:",
    re.IGNORECASE)


class SanitizeActiveContent(SanitizeHTML):
    """nbconvert's SanitizeHTML for every page that shows a student's notebook.

    Outputs: JavaScript, SVG and widget views are dropped and HTML is cleaned with bleach
    (only inert tags and attributes are kept), so a student's <script> or onload= never runs
    in the instructor's formgrader session or a feedback page. Markdown and raw cells are
    cleaned only where they hold active markup, so ordinary answers keep their text.
    """

    # nbconvert's preprocessors are off unless enabled; this one is on wherever it is listed.
    enabled = Bool(True).tag(config=True)

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type in ("markdown", "raw"):
            if _ACTIVE_MARKUP.search(cell.source):
                cell.source = self.sanitize_html_tags(cell.source)
            return cell, resources
        if cell.cell_type == "code":
            cell.outputs = self.sanitize_code_outputs(cell.get("outputs", []))
        return cell, resources


class RestoreCellFlags(NbGraderPreprocessor):
    """Put back the release's nbgrader flags before OverwriteCells checks the cells.

    A test cell whose "solution" or "grade" flag was switched (the Create Assignment toolbar
    can do it) gets the released flags back; OverwriteCells then restores its source, and its
    checksum matches again. A graded cell whose grade id is not in this notebook (pasted from
    another lab) becomes an ordinary cell: it is worth nothing, and costs nothing else.
    grade.py notes both for the instructor.
    """

    def preprocess(self, nb, resources):
        meta = resources["nbgrader"]
        with Gradebook(meta["db_url"]) as gradebook:
            source = gradebook.find_notebook(meta["notebook"], meta["assignment"])
            self._known = {cell.name for cell in source.source_cells}
            self._grade = {cell.name for cell in source.grade_cells}
            self._solution = {cell.name for cell in source.solution_cells}
            self._task = {cell.name for cell in source.task_cells}
        return super().preprocess(nb, resources)

    def preprocess_cell(self, cell, resources, cell_index):
        flags = cell.metadata.get("nbgrader")
        if not isinstance(flags, dict) or not (flags.get("grade") or flags.get("solution")
                                               or flags.get("task") or flags.get("locked")):
            return cell, resources
        grade_id = flags.get("grade_id")
        if grade_id not in self._known:
            del cell.metadata["nbgrader"]
            return cell, resources
        flags["grade"] = grade_id in self._grade
        flags["solution"] = grade_id in self._solution
        if grade_id in self._task:
            flags["task"] = True
        else:
            flags.pop("task", None)
        return cell, resources
