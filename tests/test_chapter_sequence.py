"""Chapters are numbered 00, 01, 02, … with no gaps, and no text points at a chapter that isn't there."""

import json
import re

from .conftest import REPO

CHAPTERS = sorted((REPO / "course").glob("[0-9][0-9]-*.ipynb"))
NUMBERS = [int(p.name[:2]) for p in CHAPTERS]


def prose():
    """(where, text) for README and every markdown cell of the chapters and labs."""
    yield "README.md", (REPO / "README.md").read_text(encoding="utf-8")
    for path in CHAPTERS + sorted((REPO / "labs").glob("*/*.ipynb")):
        for n, cell in enumerate(json.loads(path.read_text(encoding="utf-8"))["cells"]):
            if cell["cell_type"] == "markdown":
                yield f"{path.name} cell {n}", "".join(cell["source"])


def test_chapters_are_numbered_without_gaps_or_twins():
    assert NUMBERS == list(range(len(CHAPTERS))), f"chapter numbers: {NUMBERS}"


def test_each_title_carries_its_chapter_number():
    for path in CHAPTERS[1:]:
        first = json.loads(path.read_text(encoding="utf-8"))["cells"][0]
        title = "".join(first["source"]).splitlines()[0]
        assert title.startswith(f"# {int(path.name[:2])}. "), f"{path.name}: title {title!r}"


def test_no_text_names_a_chapter_that_does_not_exist():
    stems = {p.stem for p in CHAPTERS}
    broken = []
    for where, text in prose():
        for stem in re.findall(r"\b(\d\d-[a-z0-9-]+[a-z0-9])\.ipynb", text):
            if stem not in stems:
                broken.append(f"{where}: {stem}.ipynb")
        for number in re.findall(r"\b[Cc]hapter (\d+)\b", text):
            if int(number) not in NUMBERS:
                broken.append(f"{where}: chapter {number}")
    assert not broken, "points at missing chapters: " + "; ".join(broken)


def test_readme_and_start_page_list_every_chapter_in_order():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = json.loads((REPO / "course" / "00-start-here.ipynb").read_text(encoding="utf-8"))
    start_text = "".join("".join(c["source"]) for c in start["cells"] if c["cell_type"] == "markdown")
    for text, where in ((readme, "README.md"), (start_text, "00-start-here.ipynb")):
        positions = [text.find(p.name) for p in CHAPTERS[1:]]
        assert -1 not in positions, f"{where} does not name {CHAPTERS[1 + positions.index(-1)].name}"
        assert positions == sorted(positions), f"{where} lists the chapters out of order"
