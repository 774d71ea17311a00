"""The coverage map names real headings, and every section of a landed part is taught."""

import json
import re
import tomllib

import pytest

from .conftest import REPO

MAP = tomllib.loads((REPO / "course" / "coverage.toml").read_text(encoding="utf-8"))["section"]
# Parts of the course whose chapters have landed: every section in them must be taught.
LANDED_PARTS = (1, 2)


def headings(chapter: str) -> set[str]:
    nb = json.loads((REPO / "course" / f"{chapter}.ipynb").read_text(encoding="utf-8"))
    found = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            found |= {m.strip() for m in re.findall(r"^#{1,6}\s+(.+)$", "".join(cell["source"]), re.M)}
    return found


def test_sections_are_unique_and_well_formed():
    ids = [s["id"] for s in MAP]
    assert len(ids) == len(set(ids)), "a section is listed twice"
    for s in MAP:
        assert s["part"] in (1, 2), s["id"]
        for entry in s["teach"]:
            assert set(entry) == {"chapter", "heading"}, f"{s['id']}: {entry}"


@pytest.mark.parametrize("section", [s for s in MAP if s["teach"]], ids=lambda s: s["id"])
def test_every_entry_points_at_an_existing_heading(section):
    for entry in section["teach"]:
        path = REPO / "course" / f"{entry['chapter']}.ipynb"
        assert path.exists(), f"{section['id']}: no chapter {path.name}"
        assert entry["heading"] in headings(entry["chapter"]), (
            f"{section['id']}: {path.name} has no heading {entry['heading']!r}")


def test_every_section_of_a_landed_part_is_taught():
    untaught = [s["id"] for s in MAP if s["part"] in LANDED_PARTS and not s["teach"]]
    assert not untaught, f"sections with no chapter: {untaught}"
