"""nbgrader preprocessors the course adds to nbgrader's pipeline."""

import re

from nbgrader.preprocessors import ClearHiddenTests

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
