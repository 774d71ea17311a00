"""nbgrader preprocessors the course puts into nbgrader's pipeline (see nbgrader_config.py)."""

import re

from nbgrader import utils
from nbgrader.preprocessors import ClearHiddenTests, DeduplicateIds

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
