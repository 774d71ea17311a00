"""nbgrader preprocessors the course puts into nbgrader's pipeline (see nbgrader_config.py)."""

import re

from nbgrader.preprocessors import ClearHiddenTests, DeduplicateIds

# IPython colours tracebacks with ANSI escapes; strip them from the one line we keep.
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


class HideHiddenTests(ClearHiddenTests):
    """Remove hidden tests from feedback: their source, and any traceback that quotes it.

    A failed hidden test still shows its assertion message (written for learners, it says
    what was found and what was expected), never the code of the test.
    """

    enforce_metadata = False

    def preprocess_cell(self, cell, resources, cell_index):
        if cell.cell_type == "code" and self._remove_hidden_test_region(cell):
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
