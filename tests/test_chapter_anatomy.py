"""Every chapter has the same anatomy: goals, a glossary, a self-check and a summary.

The start page is the exception: it is a tour, not a chapter.
"""

import json
import re

import pytest

from .conftest import REPO

CHAPTERS = sorted(p for p in (REPO / "course").glob("[0-9][0-9]-*.ipynb") if p.stem != "00-start-here")


def cells(path):
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def level2(path) -> list[str]:
    return [m.strip() for c in cells(path) if c["cell_type"] == "markdown"
            for m in re.findall(r"^##\s+(.+)$", "".join(c["source"]), re.M)]


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_has_goals_glossary_self_check_and_summary_in_that_order(path):
    found = level2(path)
    order = []
    for wanted in ("Learning goals", "Glossary", "Self-check", "Summary"):
        assert wanted in found, f"{path.name}: no '## {wanted}' section"
        order.append(found.index(wanted))
    assert order == sorted(order), f"{path.name}: goals, glossary, self-check and summary are out of order"
    assert found[0] == "Learning goals", f"{path.name}: learning goals come first"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_glossary_pairs_korean_and_english_terms(path):
    text = "".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == "markdown")
    glossary = text.split("## Glossary", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in glossary.splitlines() if r.startswith("|") and not set(r) <= set("|-: ")]
    korean = [r for r in rows[1:] if re.search(r"[\uac00-\ud7a3]", r)]
    assert len(korean) >= 5, f"{path.name}: the glossary pairs at least five Korean and English terms"


@pytest.mark.parametrize("path", CHAPTERS, ids=lambda p: p.stem)
def test_first_code_cell_sets_the_language(path):
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    assert code and 'set_language("en")' in "".join(code[0]["source"]), (
        f"{path.name}: the first code cell sets the chapter's language")


# The Korean twins (course/ko/) have the same anatomy under Korean headings.
KOREAN = sorted(p for p in (REPO / "course" / "ko").glob("[0-9][0-9]-*.ipynb") if p.stem != "00-start-here")
KOREAN_HEADINGS = ("학습 목표", "용어집", "스스로 점검", "요약")


@pytest.mark.parametrize("path", KOREAN, ids=lambda p: f"ko/{p.stem}")
def test_korean_chapter_has_goals_glossary_self_check_and_summary_in_that_order(path):
    found = level2(path)
    for wanted in KOREAN_HEADINGS:
        assert wanted in found, f"ko/{path.name}: no '## {wanted}' section"
    order = [found.index(wanted) for wanted in KOREAN_HEADINGS]
    assert order == sorted(order), f"ko/{path.name}: 학습 목표, 용어집, 스스로 점검, 요약 are out of order"
    assert found[0] == "학습 목표" and found[-1] == "요약", f"ko/{path.name}: 학습 목표 comes first and 요약 last"


@pytest.mark.parametrize("path", KOREAN, ids=lambda p: f"ko/{p.stem}")
def test_korean_glossary_pairs_korean_and_english_terms(path):
    text = "".join("".join(c["source"]) for c in cells(path) if c["cell_type"] == "markdown")
    glossary = text.split("## 용어집", 1)[1].split("\n## ", 1)[0]
    rows = [r for r in glossary.splitlines() if r.startswith("|") and not set(r) <= set("|-: ")]
    assert rows and [c.strip() for c in rows[0].strip("|").split("|")] == ["한국어", "English", "뜻"], (
        f"ko/{path.name}: the glossary table's header is | 한국어 | English | 뜻 |")
    paired = [r for r in rows[1:] if re.search(r"[\uac00-\ud7a3]", r) and re.search(r"[A-Za-z]", r)]
    assert len(paired) >= 5, f"ko/{path.name}: the glossary pairs at least five Korean and English terms"


@pytest.mark.parametrize("path", KOREAN, ids=lambda p: f"ko/{p.stem}")
def test_korean_first_code_cell_sets_korean(path):
    code = [c for c in cells(path) if c["cell_type"] == "code"]
    assert code and 'set_language("ko")' in "".join(code[0]["source"]), (
        f"ko/{path.name}: the first code cell sets the chapter's language to Korean")
