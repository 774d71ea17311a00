"""Self-check quizzes: the logic, every quiz file, and the widget's answers."""

import json

import pytest

from course import i18n
from course.quiz import QuizError, check_answer, load_quiz, parse_questions, score
from course.widgets.quiz import Quiz, show_quiz

from .conftest import REPO

QUIZ_FILES = sorted((REPO / "course" / "data" / "quizzes").glob("*/*.toml"))
CHAPTERS = sorted(p for p in (REPO / "course").glob("[0-9][0-9]-*.ipynb") if p.stem != "00-start-here")
KOREAN = sorted(p for p in (REPO / "course" / "ko").glob("[0-9][0-9]-*.ipynb") if p.stem != "00-start-here")
# Quizzes in course/data/quizzes/<lang>/ belong to the chapters of that language.
CHAPTER_FOLDER = {"en": REPO / "course", "ko": REPO / "course" / "ko"}

ROW = {"id": "q", "prompt": "2 + 2?", "choices": ["3", "4"], "answer": 1, "explain": "Arithmetic."}


def test_a_right_a_wrong_and_an_unanswered_question():
    (q,) = parse_questions([ROW])
    assert check_answer(q, 1).correct and check_answer(q, 1).explain == "Arithmetic."
    assert not check_answer(q, 0).correct and check_answer(q, 0).answered
    assert not check_answer(q, None).answered
    assert score([q, q, q], [1, 0, None]) == (1, 3)


@pytest.mark.parametrize("bad, words", [
    ({**ROW, "answer": 2}, "answer must be a choice index 0..1"),
    ({**ROW, "choices": ["4"], "answer": 0}, "at least two choices"),
    ({**ROW, "choices": ["4", "4"]}, "two choices are the same"),
    ({k: v for k, v in ROW.items() if k != "explain"}, "missing explain"),
])
def test_malformed_questions_are_named(bad, words):
    with pytest.raises(QuizError, match=words) as e:
        parse_questions([ROW | {"id": "first"}, bad], "quizzes/en/x.toml")
    assert "quizzes/en/x.toml, question 2" in str(e.value)


def test_a_missing_quiz_file_is_named():
    with pytest.raises(QuizError, match="no quiz file quizzes/en/99-nothing.toml"):
        load_quiz("99-nothing", "en")


@pytest.mark.parametrize("path", QUIZ_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_quiz_file_loads_and_belongs_to_a_chapter(path):
    questions = load_quiz(path.stem, path.parent.name)
    assert len(questions) >= 3, "a self-check asks at least three questions"
    lang = path.parent.name
    assert lang in CHAPTER_FOLDER, f"{lang}/{path.name}: no such course language"
    assert (CHAPTER_FOLDER[lang] / f"{path.stem}.ipynb").exists(), f"no chapter for {lang}/{path.name}"


@pytest.mark.parametrize("path", CHAPTERS + KOREAN, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_every_chapter_shows_its_own_quiz(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    assert f'show_quiz("{path.stem}")' in code, f"{path.name} does not show its self-check"


def test_the_widget_checks_answers_and_counts_them():
    questions = parse_questions([ROW, ROW | {"id": "q2"}])
    quiz = Quiz(questions)
    quiz.pickers[0].value = 1
    quiz.pickers[1].value = 0
    quiz.button.click()
    assert quiz.feedback[0].value.startswith('<span style="color:#1a7f37">✓')
    assert "✗" in quiz.feedback[1].value and "Arithmetic." in quiz.feedback[1].value
    assert "1 of 2 right." in quiz.total.value


def test_the_widget_speaks_the_chapter_language():
    try:
        i18n.set_language("ko")
        quiz = Quiz(parse_questions([ROW]))
        quiz.button.click()
        assert quiz.button.description == "답 확인하기"
        assert "먼저 답을 고르세요" in quiz.feedback[0].value
    finally:
        i18n.set_language("en")


def test_without_a_kernel_the_quiz_shows_as_a_list_with_folded_answers(monkeypatch):
    monkeypatch.setattr("course.widgets.quiz.load_quiz", lambda chapter: parse_questions([ROW]))
    bundle = show_quiz("any")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/html"].startswith("<ol><li>2 + 2?")
    assert "<details><summary>Answer</summary>4: Arithmetic.</details>" in bundle["text/html"]


def test_an_unknown_language_is_refused():
    with pytest.raises(ValueError, match="'fr' is not one of en, ko"):
        i18n.set_language("fr")


def test_the_widget_speaks_korean_everywhere_in_a_korean_chapter():
    try:
        i18n.set_language("ko")
        quiz = Quiz(parse_questions([ROW, ROW | {"id": "q2"}]))
        quiz.pickers[0].value = 1
        quiz.pickers[1].value = 0
        quiz.button.click()
        assert "✓ 맞았습니다." in quiz.feedback[0].value and "✗ 다시 생각해 보세요." in quiz.feedback[1].value
        assert "2문제 중 1문제 맞음." in quiz.total.value
        from course.widgets.quiz import static_html
        assert "<summary>정답</summary>" in static_html(quiz.questions)
    finally:
        i18n.set_language("en")


def test_a_korean_chapter_loads_the_korean_quiz(tmp_path, monkeypatch):
    (tmp_path / "quizzes" / "ko").mkdir(parents=True)
    (tmp_path / "quizzes" / "ko" / "x.toml").write_text(
        '[[question]]\nid = "q"\nprompt = "2 + 2는?"\nchoices = ["3", "4"]\nanswer = 1\nexplain = "산수."\n',
        encoding="utf-8")
    monkeypatch.setattr("course.quiz.quiz_path", lambda chapter, lang=None: tmp_path / "quizzes" / (lang or i18n.language()) / f"{chapter}.toml")
    try:
        i18n.set_language("ko")
        (q,) = load_quiz("x")
        assert q.prompt == "2 + 2는?" and q.explain == "산수."
    finally:
        i18n.set_language("en")
