"""Every chapter notebook, English and Korean, runs top to bottom, headless, on the course kernel, with no error."""

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
CHAPTERS = sorted((REPO / "course").glob("[0-9][0-9]-*.ipynb")) + sorted((REPO / "course" / "ko").glob("[0-9][0-9]-*.ipynb"))


def name(path: Path) -> str:
    """"03-ip-addresses-and-cidr" for an English chapter, "ko/03-ip-addresses-and-cidr" for its Korean twin."""
    return path.stem if path.parent.name == "course" else f"{path.parent.name}/{path.stem}"


def test_there_are_chapters():
    assert (REPO / "course" / "00-start-here.ipynb") in CHAPTERS
    assert (REPO / "course" / "ko" / "00-start-here.ipynb") in CHAPTERS


@pytest.mark.slow
@pytest.mark.parametrize("path", CHAPTERS, ids=[name(p) for p in CHAPTERS])
def test_chapter_runs_top_to_bottom(path, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))
    nb = nbformat.read(path, as_version=4)
    assert nb.metadata["kernelspec"]["name"] == "aws-course-kit", "chapters run on the sandbox kernel"
    NotebookClient(nb, timeout=120, kernel_name="aws-course-kit",
                   resources={"metadata": {"path": str(path.parent)}}).execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, f"{name(path)}: {errors[0]['ename']}: {errors[0]['evalue']}"


@pytest.mark.parametrize("path", sorted((REPO / "course").glob("*.ipynb")) + sorted((REPO / "course" / "ko").glob("*.ipynb"))
                         + sorted((REPO / "labs").glob("*/*.ipynb")), ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_notebook_is_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code" and (c.get("outputs") or c.get("execution_count"))]
    assert not dirty, f"{path.name}: cells {dirty} carry outputs; strip them before committing"
