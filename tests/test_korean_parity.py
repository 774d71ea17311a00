"""The Korean edition matches the English one: chapters, quizzes and every widget's words.

Each `course/ko/NN-topic.ipynb` has the same code cells as `course/NN-topic.ipynb`, compared
token by token (Python's `tokenize`; comments, blank lines and the `set_language` argument are
ignored): the same tokens in the same order. The one allowed difference is the text of a string
literal that is a translation: a string token may differ when the Korean side's literal text
contains Hangul and the English side's does not. For an f-string only its literal text may
differ; its `{...}` expressions, conversions and format specs must be identical. Everything else
(names, numbers, operators, strings without Hangul such as bucket names, keys and API values,
the number and position of strings) must match, so a code change on one side fails here. A cell
with a shell escape or magic line (`!`, `%`) is compared line by line instead.
The two chapters also have the same `##` sections in the same order with the same code cells
under each, and the Korean quiz asks the same questions with the same number of choices and the
same answers. Every `TEXT` table with English words has Korean ones with the same keys and
placeholders. A change on one side without the other fails here.
"""

from __future__ import annotations

import ast
import importlib
import io
import json
import pkgutil
import re
import string
import tokenize
from dataclasses import dataclass

import pytest

import course
from course.quiz import load_quiz

from .conftest import REPO

KO = REPO / "course" / "ko"
ENGLISH = sorted(p for p in (REPO / "course").glob("[0-9][0-9]-*.ipynb") if p.stem != "00-start-here")
KOREAN = sorted(p for p in KO.glob("[0-9][0-9]-*.ipynb") if p.stem != "00-start-here")
FIXED = {"Learning goals": "학습 목표", "Glossary": "용어집", "Self-check": "스스로 점검", "Summary": "요약"}


def cells(path) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))["cells"]


def source(cell) -> str:
    return "".join(cell["source"])


HANGUL = re.compile(r"[\uac00-\ud7a3]")
SET_LANGUAGE = re.compile(r"""set_language\(\s*["'][a-z]+["']\s*\)""")
IGNORED = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING, tokenize.ENDMARKER}
# Python 3.12 splits an f-string into parts (FSTRING_START ... FSTRING_END); 3.11 gives one
# STRING token, which is already whole.
FSTRING_START = getattr(tokenize, "FSTRING_START", None)
FSTRING_END = getattr(tokenize, "FSTRING_END", None)


@dataclass(frozen=True)
class Token:
    """One token of a code cell (a whole string literal, f-strings included), or one line of a cell with magics."""

    text: str
    line: int
    string: bool = False


def code_lines(code: str) -> list[str]:
    """``code`` without comments, blank lines, trailing spaces, and with the language set to "en"."""
    cut: dict[int, int] = {}
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type == tokenize.COMMENT:
                cut[tok.start[0]] = tok.start[1]
    except (tokenize.TokenError, IndentationError, SyntaxError):
        # Cells with shell escapes or magics: a line that starts with # is a comment.
        cut = {n: 0 for n, line in enumerate(code.splitlines(), 1) if line.lstrip().startswith("#")}
    lines = []
    for n, line in enumerate(code.splitlines(), 1):
        line = line[:cut.get(n, len(line))].rstrip()
        if line.strip():
            lines.append(SET_LANGUAGE.sub('set_language("en")', line))
    return lines


def _span(lines: list[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    """The source text between two (row, column) positions of `tokenize`."""
    (r1, c1), (r2, c2) = start, end
    if r1 == r2:
        return lines[r1 - 1][c1:c2]
    return "".join([lines[r1 - 1][c1:], *lines[r1:r2 - 1], lines[r2 - 1][:c2]])


def code_tokens(code: str) -> list[Token]:
    """``code`` as tokens without comments and blank lines, with the language set to "en".

    A cell with a shell escape or magic line, or that does not tokenize, gives one token a line.
    """
    code = SET_LANGUAGE.sub('set_language("en")', code)
    as_lines = [Token(line, n) for n, line in enumerate(code_lines(code), 1)]
    if any(line.lstrip().startswith(("!", "%")) for line in code.splitlines()):
        return as_lines
    lines = code.splitlines(keepends=True)
    found: list[Token] = []
    depth, fstring_start = 0, None
    try:
        for tok in tokenize.generate_tokens(io.StringIO(code).readline):
            if tok.type == FSTRING_START:
                depth += 1
                fstring_start = tok.start if depth == 1 else fstring_start
            elif tok.type == FSTRING_END:
                depth -= 1
                if depth == 0:
                    found.append(Token(_span(lines, fstring_start, tok.end), fstring_start[0], string=True))
            elif depth or tok.type in IGNORED:
                continue
            elif tok.type in (tokenize.INDENT, tokenize.DEDENT, tokenize.NEWLINE):
                found.append(Token(tokenize.tok_name[tok.type], tok.start[0]))
            else:
                found.append(Token(tok.string, tok.start[0], string=tok.type == tokenize.STRING))
    except (tokenize.TokenError, IndentationError, SyntaxError):
        return as_lines
    return found if any(t.text not in ("NEWLINE", "INDENT", "DEDENT") for t in found) else []


def literal_parts(text: str) -> tuple[str, tuple]:
    """(literal text, everything else) of a string literal: its kind, and for an f-string each
    ``{...}`` as (expression, conversion, format spec), in order."""
    node = ast.parse(text.strip(), mode="eval").body
    if isinstance(node, ast.Constant):
        return str(node.value), (type(node.value).__name__,)
    words, rest = [], ["f-string"]
    for part in node.values:
        if isinstance(part, ast.Constant):
            words.append(part.value)
        else:
            rest.append((ast.dump(part.value), part.conversion, ast.dump(part.format_spec) if part.format_spec else None))
    return "".join(words), tuple(rest)


def same_token(english: Token, korean: Token) -> bool:
    """The tokens are equal, or both are strings and the Korean one translates the English one's
    literal text (Hangul on the Korean side only) keeping every non-literal part."""
    if english.text == korean.text:
        return True
    if not (english.string and korean.string):
        return False
    (e_words, e_rest), (k_words, k_rest) = literal_parts(english.text), literal_parts(korean.text)
    return e_rest == k_rest and bool(HANGUL.search(k_words)) and not HANGUL.search(e_words)


def cell_difference(english: list[Token], korean: list[Token]) -> str | None:
    """Where two code cells differ, as "line L in English, line M in Korean: ..."; None when they are twins."""
    end = Token("(end)", 0)
    for e, k in zip(english + [end], korean + [end]):
        if e is end and k is end:
            return None
        if e is end or k is end or not same_token(e, k):
            return f"line {e.line} in English, line {k.line} in Korean: {e.text!r} vs {k.text!r}"
    return None


def outline(nb_cells: list[dict]) -> list[tuple[str, list[list[Token]]]]:
    """The ``##`` sections in order, each with its code cells (as `code_tokens`); "" is the part before the first."""
    sections: list[tuple[str, list[list[Token]]]] = [("", [])]
    for cell in nb_cells:
        if cell["cell_type"] == "markdown":
            text = re.sub(r"```.*?```", "", source(cell), flags=re.S)
            sections += [(h.strip(), []) for h in re.findall(r"^##[ \t]+(.+)$", text, re.M)]
        elif cell["cell_type"] == "code":
            tokens = code_tokens(source(cell))
            if tokens:
                sections[-1][1].append(tokens)
    return sections


def differences(english: list[dict], korean: list[dict]) -> list[str]:
    """How two chapters' cells differ in code and sections; [] when they are twins."""
    problems = []
    en, ko = outline(english), outline(korean)
    en_code = [c for _, codes in en for c in codes]
    ko_code = [c for _, codes in ko for c in codes]
    if len(en_code) != len(ko_code):
        problems.append(f"{len(en_code)} code cells in English, {len(ko_code)} in Korean")
    for n, (e, k) in enumerate(zip(en_code, ko_code), 1):
        where = cell_difference(e, k)
        if where:
            problems.append(f"code cell {n} differs at {where}")
            break
    en_heads, ko_heads = [h for h, _ in en[1:]], [h for h, _ in ko[1:]]
    if len(en_heads) != len(ko_heads):
        problems.append(f"{len(en_heads)} ## sections in English ({en_heads}), {len(ko_heads)} in Korean ({ko_heads})")
    for n, (e, k) in enumerate(zip(en_heads, ko_heads), 1):
        if (e in FIXED or k in FIXED.values()) and FIXED.get(e) != k:
            problems.append(f"section {n}: '## {e}' in English but '## {k}' in Korean")
    for n, ((e_head, e_codes), (k_head, k_codes)) in enumerate(zip(en, ko)):
        if len(e_codes) != len(k_codes):
            where = f"section {n} ('## {e_head}' / '## {k_head}')" if n else "before the first ## section"
            problems.append(f"{where}: {len(e_codes)} code cells in English, {len(k_codes)} in Korean")
    return problems


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_every_english_chapter_has_a_korean_twin_and_quiz(path):
    assert (KO / path.name).exists(), f"no Korean twin course/ko/{path.name}"
    assert (REPO / "course" / "data" / "quizzes" / "ko" / f"{path.stem}.toml").exists(), (
        f"no Korean quiz course/data/quizzes/ko/{path.stem}.toml")


def test_every_korean_chapter_and_quiz_has_an_english_twin():
    orphans = [p.name for p in KOREAN if not (REPO / "course" / p.name).exists()]
    orphans += [f"quizzes/ko/{p.name}" for p in (REPO / "course" / "data" / "quizzes" / "ko").glob("*.toml")
                if not (REPO / "course" / "data" / "quizzes" / "en" / p.name).exists()]
    assert not orphans, f"Korean files without an English twin: {orphans}"


def test_the_korean_start_page_exists_and_links_back():
    text = "\n".join(source(c) for c in cells(KO / "00-start-here.ipynb") if c["cell_type"] == "markdown")
    assert "](../00-start-here.ipynb)" in text, "the Korean start page links to the English one"
    english = "\n".join(source(c) for c in cells(REPO / "course" / "00-start-here.ipynb") if c["cell_type"] == "markdown")
    assert "](ko/00-start-here.ipynb)" in english, "the English start page links to the Korean one"


# Parametrized by the English chapters: a missing twin fails here too, never skips.
@pytest.mark.parametrize("english", ENGLISH, ids=lambda p: p.stem)
def test_korean_chapter_has_the_same_code_and_sections_as_its_english_twin(english):
    path = KO / english.name
    assert path.exists(), f"no Korean twin course/ko/{english.name}"
    problems = differences(cells(english), cells(path))
    assert not problems, f"ko/{path.name} is not a twin of {path.name}: " + "; ".join(problems)


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.stem)
def test_korean_quiz_asks_the_same_questions_with_the_same_answers(path):
    en, ko = load_quiz(path.stem, "en"), load_quiz(path.stem, "ko")
    assert [q.id for q in ko] == [q.id for q in en], f"{path.stem}: question ids differ or are out of order"
    for e, k in zip(en, ko):
        assert len(k.choices) == len(e.choices), f"{path.stem} {e.id}: {len(e.choices)} choices in English, {len(k.choices)} in Korean"
        assert k.answer == e.answer, f"{path.stem} {e.id}: answer {e.answer} in English, {k.answer} in Korean"


# --- the comparison itself catches a change on either side ---

def _md(text):
    return {"cell_type": "markdown", "source": text}


def _code(text):
    return {"cell_type": "code", "source": text}


EN = [_md("# 3. X\n\nIntro."), _md("## Learning goals\n\n- a"),
      _code('from course.i18n import set_language\nset_language("en")'),
      _md("## Blocks"), _code("import ipaddress  # the standard library\n\nnet = ipaddress.ip_network('10.0.0.0/16')\nnet.num_addresses"),
      _md("## Glossary\n\n| a | b | c |"), _md("## Self-check"), _code('show_quiz("03-x")'), _md("## Summary\n\n- a")]
KO_TWIN = [_md("# 3. 엑스\n\n소개."), _md("## 학습 목표\n\n- 가"),
           _code('from course.i18n import set_language\nset_language("ko")'),
           _md("## 블록"), _code("# 표준 라이브러리\nimport ipaddress   # 주석\nnet = ipaddress.ip_network('10.0.0.0/16')\nnet.num_addresses"),
           _md("## 용어집\n\n| 한국어 | English | 뜻 |"), _md("## 스스로 점검"), _code('show_quiz("03-x")'), _md("## 요약\n\n- 가")]


def test_twins_that_differ_only_in_words_comments_and_language_match():
    assert differences(EN, KO_TWIN) == []


@pytest.mark.parametrize("change, words", [
    (lambda ko: ko.__setitem__(4, _code("import ipaddress\nnet = ipaddress.ip_network('10.1.0.0/16')\nnet.num_addresses")),
     "code cell 2 differs at line 3 in English, line 2 in Korean: \"'10.0.0.0/16'\" vs \"'10.1.0.0/16'\""),
    (lambda ko: ko.insert(5, _code("net.prefixlen")), "code cells in English"),
    (lambda ko: ko.insert(3, _md("## 추가 절")), "## sections in English"),
    (lambda ko: ko.__setitem__(8, _md("## 정리")), "'## Summary' in English but '## 정리' in Korean"),
    (lambda ko: ko.insert(3, ko.pop(4)), "code cells in English, 0 in Korean"),
])
def test_a_change_on_one_side_is_caught(change, words):
    korean = [dict(c) for c in KO_TWIN]
    change(korean)
    assert any(words in p for p in differences(EN, korean)), differences(EN, korean)


ENGLISH_CELL = '''\
s3 = aws.client("s3")
s3.create_bucket(Bucket="course-demo-logs")
cost = 0.023 * 30
print("Stored for 30 days:", cost)
print(f"{n} objects cost ${cost:.2f} a month")
'''


@pytest.mark.parametrize("korean", [
    ENGLISH_CELL,
    ENGLISH_CELL.replace('"Stored for 30 days:"', '"30일 동안 저장:"'),
    ENGLISH_CELL.replace('f"{n} objects cost ${cost:.2f} a month"', 'f"객체 {n}개의 월 비용은 ${cost:.2f}입니다"'),
    "# 한국어 주석\n" + ENGLISH_CELL.replace("print(", "print( ", 1),
], ids=["same cell", "translated print literal", "translated f-string literal", "comment and spacing"])
def test_a_translated_display_literal_matches(korean):
    assert cell_difference(code_tokens(ENGLISH_CELL), code_tokens(korean)) is None


@pytest.mark.parametrize("english, korean", [
    (ENGLISH_CELL, ENGLISH_CELL.replace("course-demo-logs", "course-demo-log")),
    (ENGLISH_CELL, ENGLISH_CELL.replace('f"{n} objects cost ${cost:.2f} a month"', 'f"객체 {n + 1}개의 월 비용은 ${cost:.2f}입니다"')),
    (ENGLISH_CELL, ENGLISH_CELL.replace('f"{n} objects cost ${cost:.2f} a month"', 'f"객체 {n}개의 월 비용은 ${cost:.3f}입니다"')),
    (ENGLISH_CELL, ENGLISH_CELL.replace('f"{n} objects cost ${cost:.2f} a month"', '"객체 n개의 월 비용"')),
    (ENGLISH_CELL, ENGLISH_CELL.replace('"Stored for 30 days:", cost', '"30일 동안 저장:", cost, "달러"')),
    (ENGLISH_CELL, ENGLISH_CELL.replace('"Stored for 30 days:", cost', '"30일 동안 저장:" + str(cost)')),
    (ENGLISH_CELL, ENGLISH_CELL.replace("0.023 * 30", "0.023 * 31")),
    (ENGLISH_CELL, ENGLISH_CELL.replace('"Stored for 30 days:"', '"Stored for a month:"')),
    (ENGLISH_CELL.replace('"Stored for 30 days:"', '"저장 기간:"'), ENGLISH_CELL.replace('"Stored for 30 days:"', '"30일 동안 저장:"')),
], ids=["changed bucket name", "changed f-string expression", "changed format spec",
        "f-string made plain", "an extra argument", "an operator instead of a comma", "changed number",
        "English changed without Hangul", "Hangul on the English side"])
def test_a_code_change_is_not_taken_for_a_translation(english, korean):
    assert cell_difference(code_tokens(english), code_tokens(korean)) is not None


def test_a_translated_literal_passes_in_a_whole_chapter_but_a_changed_key_does_not():
    translated = [dict(c) for c in KO_TWIN] + [_code('print("번역된 문장")')]
    english = EN + [_code('print("A translated sentence")')]
    assert differences(english, translated) == []
    keyed = [dict(c) for c in KO_TWIN] + [_code('print(prices["Tokyo"])')]
    assert any("code cell 4 differs" in p for p in differences(EN + [_code('print(prices["Seoul"])')], keyed))


def test_cells_with_magics_are_compared_line_by_line():
    assert code_tokens("!ls\nx = 1  # one") == [Token("!ls", 1), Token("x = 1", 2)]
    assert cell_difference(code_tokens('%time print("Hello there")'), code_tokens('%time print("안녕")')) is not None


# --- message catalogues ---

# Modules of `labs` that run in the learner's kernel and print to the chapter (the clock, the meter).
LABS_IN_CHAPTERS = ("labs.sandbox", "labs.clock", "labs.cost_state")


def _text_tables():
    """(module name, TEXT) for every module of `course`, and of `labs` shown in chapters, with an English TEXT table."""
    found = []
    names = [info.name for info in pkgutil.walk_packages(course.__path__, "course.")] + list(LABS_IN_CHAPTERS)
    for name in names:
        module = importlib.import_module(name)
        table = getattr(module, "TEXT", None)
        if isinstance(table, dict) and "en" in table:
            found.append((name, table))
    return found


TABLES = _text_tables()


def placeholders(words: str | list[str]) -> set[str]:
    if isinstance(words, list):  # a table header: one word per column
        return {f"{len(words)} columns"}
    return {name.split(".")[0].split("[")[0] for _, name, _, _ in string.Formatter().parse(words) if name}


def test_the_catalogues_are_found():
    names = {name for name, _ in TABLES}
    assert {"course.widgets.quiz", "course.widgets.iam", "course.figures.vpc"} <= names
    # The words of computed explanations: IAM traces, routes, lifecycle events, storage costs.
    assert {"course.iam.words", "course.vpc_routes", "course.s3_lifecycle", "course.storage_classes",
            "course.global_infrastructure"} <= names
    # What the sandbox's clock logs and the cost meter bills, and chapter 07's errors.
    assert {"labs.clock", "labs.cost_state", "course.virtual_clock", "course.cost_meter", "course.arn",
            "course.service_scope"} <= names


@pytest.mark.parametrize("name, table", TABLES, ids=[name for name, _ in TABLES])
def test_every_english_message_has_korean_with_the_same_placeholders(name, table):
    assert "ko" in table, f"{name}: TEXT has no 'ko' table"
    en, ko = table["en"], table["ko"]
    assert set(ko) == set(en), (f"{name}: keys only in English {sorted(set(en) - set(ko))}, "
                                f"only in Korean {sorted(set(ko) - set(en))}")
    wrong = [k for k in en if placeholders(en[k]) != placeholders(ko[k])]
    assert not wrong, f"{name}: placeholders differ in {wrong}"
    untranslated = [k for k in en if en[k] == ko[k] and re.search(r"[A-Za-z]{4,} [a-z]{3,}", str(en[k]))]
    assert not untranslated, f"{name}: English words copied into the Korean table for {untranslated}"


def test_every_iam_scenario_has_a_korean_title_and_explanation():
    from course.iam import load_scenarios
    missing = [s["id"] for s in load_scenarios()
               if not HANGUL.search(s.get("title_ko", "") + s.get("explanation_ko", ""))
               or not s.get("title_ko") or not s.get("explanation_ko")]
    assert not missing, f"IAM scenarios without a Korean title or explanation: {missing}"


# --- figures and views really speak the language set by the chapter ---

def _figure_functions():
    import inspect

    import course.figures
    found = []
    for info in pkgutil.iter_modules(course.figures.__path__):
        module = importlib.import_module(f"course.figures.{info.name}")
        for name, fn in inspect.getmembers(module, inspect.isfunction):
            params = inspect.signature(fn).parameters.values()
            if fn.__module__ == module.__name__ and name.endswith("_figure") and all(
                    p.default is not p.empty or p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD) for p in params):
                found.append((f"{info.name}.{name}", module, fn))
    return found


FIGURES = _figure_functions()


def _figure_text(fig) -> list[str]:
    from matplotlib.text import Text
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


@pytest.fixture
def korean():
    from course import i18n
    i18n.set_language("ko")
    yield
    i18n.set_language("en")


def test_the_figures_are_found():
    assert len(FIGURES) >= 25


@pytest.mark.parametrize("name, module, draw", FIGURES, ids=[n for n, _, _ in FIGURES])
def test_a_figure_in_a_korean_chapter_shows_korean_labels_and_no_english_ones(name, module, draw, korean):
    labels = _figure_text(draw())
    assert any(HANGUL.search(t) for t in labels), f"{name}: no Korean label"
    en, ko = module.TEXT["en"], module.TEXT["ko"]
    english_only = {v for k, v in en.items() if isinstance(v, str) and v != ko[k] and "{" not in v}
    leaked = [t for t in labels if t in english_only]
    assert not leaked, f"{name}: English labels in a Korean figure: {leaked}"


def test_korean_view_labels_come_from_the_korean_tables(korean):
    from course.widgets.cidr import BitView, SplitTable
    from course.widgets.vpc_plan import PlanVpc
    bits, split, plan = BitView("10.0.0.0/16"), SplitTable("10.0.0.0/24"), PlanVpc()
    assert bits._aws.description == "AWS 서브넷 (5개 예약)" and "넷마스크" in bits._facts_html.value
    assert split._split_button.description == "나누기" and "사용 가능" in split._table.value
    split._on_join()
    assert split.status == "10.0.0.0/24은(는) 전체 블록이라 합칠 것이 없습니다"
    assert plan._vpc.description == "VPC 블록" and "이 계획을 만드는 boto3 호출" in plan._code_html.value


def test_the_firewall_evaluator_explains_in_korean(korean):
    from course import traffic
    scenario = traffic.scenarios()["ephemeral"]
    trip = traffic.round_trip(scenario.packet, scenario.acl, scenario.groups)
    assert scenario.title == "임시 포트를 잊음: 응답이 나가지 못함"
    assert trip.blocked_at.title == "네트워크 ACL 통과 (아웃바운드 응답)"
    assert "상태 비저장(stateless)" in trip.blocked_at.reason
    with pytest.raises(traffic.RuleError, match="필드 5개가 필요합니다"):
        traffic.parse_nacl_lines("100 allow tcp 443", "in")


def test_nat_and_cidr_errors_speak_korean(korean):
    from course import cidr, nat
    with pytest.raises(cidr.CidrError, match="호스트 비트가 켜져 있습니다"):
        cidr.parse("10.0.0.1/24")
    with pytest.raises(nat.NatError, match="':port'가 없습니다"):
        nat.packet("10.0.0.1 -> 8.8.8.8:53")


# --- make lab opens either start page ---

def _make_lab_dry_run(*args: str):
    import subprocess
    return subprocess.run(["make", "-n", "lab", *args], cwd=REPO, capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("args, page", [((), "00-start-here.ipynb"),
                                        (("COURSE_LANG=en",), "00-start-here.ipynb"),
                                        (("COURSE_LANG=ko",), "ko/00-start-here.ipynb")])
def test_make_lab_opens_the_start_page_of_the_chosen_language(args, page):
    # make lab opens the learner's own copy (my-course/) of the course's page.
    run = _make_lab_dry_run(*args)
    assert run.returncode == 0, run.stderr
    assert f"--LabApp.default_url=/lab/tree/my-course/{page}" in run.stdout and (REPO / "course" / page).exists()
    assert "-m course.fonts" in run.stdout, "make lab checks for a Korean font"


def test_make_lab_refuses_an_unknown_language_and_says_which_it_knows():
    run = _make_lab_dry_run("COURSE_LANG=fr")
    assert run.returncode != 0 and "COURSE_LANG is en or ko, not 'fr'" in run.stderr


def test_the_key_designer_explains_in_korean(korean):
    from course import dynamodb_keys
    with pytest.raises(dynamodb_keys.KeyDesignError, match="':' 앞에 패턴 이름이 필요합니다"):
        dynamodb_keys.parse_pattern(": status = PENDING")
    assert dynamodb_keys.suggest_gsi(dynamodb_keys.parse_pattern("by status: status = PENDING")) == (
        "파티션 키 'status'인 GSI가 있으면 Query로 처리할 수 있습니다.")
