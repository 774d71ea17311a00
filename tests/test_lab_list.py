"""labs/README.md lists every lab with its chapters, its real points and its time."""

import json
import re

from autograder.config import LABS_DIR, available_labs

ROW = re.compile(r"^\| \[(?P<title>[^\]]+)\]\((?P<lab>[^/]+)/(?P=lab)\.ipynb\) \| (?P<chapters>[^|]+) \| "
                 r"(?P<points>\d+) \| (?P<minutes>\d+) min \|$")


def listed() -> dict[str, dict]:
    rows = {}
    for line in (LABS_DIR / "README.md").read_text(encoding="utf-8").splitlines():
        match = ROW.match(line)
        if match:
            rows[match["lab"]] = match.groupdict()
    return rows


def notebook_points(lab: str) -> float:
    nb = json.loads((LABS_DIR / lab / f"{lab}.ipynb").read_text(encoding="utf-8"))
    return sum(c["metadata"].get("nbgrader", {}).get("points", 0) for c in nb["cells"]
               if c["metadata"].get("nbgrader", {}).get("grade"))


def test_every_lab_is_listed_once_and_nothing_else():
    assert sorted(listed()) == available_labs()


def test_listed_points_are_the_notebooks_points():
    for lab, row in listed().items():
        assert float(row["points"]) == notebook_points(lab), lab


def test_listed_chapters_exist_and_link_to_the_lab():
    course = LABS_DIR.parent / "course"
    for lab, row in listed().items():
        chapters = [c.strip() for c in row["chapters"].split(",")]
        for chapter in chapters:
            assert (course / f"{chapter}.ipynb").exists(), f"{lab}: no chapter {chapter}"
        linking = [c for c in chapters
                   if f"labs/{lab}/{lab}.ipynb" in (course / f"{c}.ipynb").read_text(encoding="utf-8")]
        assert linking, f"none of {chapters} links to the {lab} lab"
