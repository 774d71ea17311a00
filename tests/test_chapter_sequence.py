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


KO = REPO / "course" / "ko"
KOREAN = sorted(KO.glob("[0-9][0-9]-*.ipynb"))


def markdown(path) -> str:
    return "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                     if c["cell_type"] == "markdown")


def test_the_korean_start_page_lists_every_chapter_in_order_and_links_back():
    text = markdown(KO / "00-start-here.ipynb")
    positions = [text.find(f"]({p.name})") for p in CHAPTERS[1:]]
    assert -1 not in positions, f"ko/00-start-here.ipynb does not link {CHAPTERS[1 + positions.index(-1)].name}"
    assert positions == sorted(positions), "ko/00-start-here.ipynb lists the chapters out of order"
    assert "](../00-start-here.ipynb)" in text


def test_korean_titles_carry_their_chapter_number():
    for path in KOREAN[1:]:
        title = markdown(path).splitlines()[0]
        assert title.startswith(f"# {int(path.name[:2])}. "), f"ko/{path.name}: title {title!r}"


def test_korean_text_names_only_chapters_that_exist_in_english():
    # Whether each Korean twin exists is tests/test_korean_parity.py's question.
    stems = {p.stem for p in CHAPTERS}
    broken = [f"ko/{path.name}: {stem}.ipynb" for path in KOREAN
              for stem in re.findall(r"\b(\d\d-[a-z0-9-]+[a-z0-9])\.ipynb", markdown(path)) if stem not in stems]
    assert not broken, "points at missing chapters: " + "; ".join(broken)
