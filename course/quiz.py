"""Self-check quizzes: questions kept as data, answers checked in the notebook.

Each chapter's questions live in ``course/data/quizzes/<lang>/<chapter>.toml``::

    [[question]]
    id = "usable-in-24"                 # stable across languages
    prompt = "How many addresses of a /24 subnet can instances use?"
    choices = ["256", "254", "251"]
    answer = 2                          # index into choices, from 0
    explain = "AWS keeps five: network, router, DNS, future use, broadcast."
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

from course import i18n


class QuizError(ValueError):
    """A quiz file is malformed; the message names the file and the question."""


@dataclass(frozen=True)
class Question:
    id: str
    prompt: str
    choices: tuple[str, ...]
    answer: int
    explain: str


@dataclass(frozen=True)
class Verdict:
    correct: bool
    answered: bool
    explain: str


def quiz_path(chapter: str, lang: str | None = None):
    """The packaged quiz file of ``chapter`` (a notebook stem) in ``lang``."""
    return resources.files("course") / "data" / "quizzes" / (lang or i18n.language()) / f"{chapter}.toml"


def load_quiz(chapter: str, lang: str | None = None) -> tuple[Question, ...]:
    """The questions of ``chapter``'s self-check, validated.

    Raises:
        QuizError: the file is missing or malformed (the message says where).
    """
    path = quiz_path(chapter, lang)
    name = f"quizzes/{lang or i18n.language()}/{chapter}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise QuizError(f"no quiz file {name}") from None
    except tomllib.TOMLDecodeError as e:
        raise QuizError(f"{name}: not valid TOML: {e}") from None
    return parse_questions(data.get("question", []), name)


def parse_questions(rows: list[dict], where: str = "quiz") -> tuple[Question, ...]:
    """Questions from the rows of a quiz file; ``where`` names the file in errors."""
    if not rows:
        raise QuizError(f"{where}: no [[question]] entries")
    seen: set[str] = set()
    questions = []
    for n, row in enumerate(rows, 1):
        at = f"{where}, question {n}"
        missing = [k for k in ("id", "prompt", "choices", "answer", "explain") if k not in row]
        if missing:
            raise QuizError(f"{at}: missing {', '.join(missing)}")
        choices = tuple(str(c) for c in row["choices"])
        if len(choices) < 2:
            raise QuizError(f"{at} ({row['id']}): needs at least two choices")
        if len(set(choices)) != len(choices):
            raise QuizError(f"{at} ({row['id']}): two choices are the same")
        answer = row["answer"]
        if not isinstance(answer, int) or not 0 <= answer < len(choices):
            raise QuizError(f"{at} ({row['id']}): answer must be a choice index 0..{len(choices) - 1}")
        if row["id"] in seen:
            raise QuizError(f"{at}: id {row['id']!r} is used twice")
        seen.add(row["id"])
        questions.append(Question(str(row["id"]), str(row["prompt"]), choices, answer, str(row["explain"])))
    return tuple(questions)


def check_answer(question: Question, choice: int | None) -> Verdict:
    """The verdict on ``choice`` (an index, or None when unanswered)."""
    if choice is None:
        return Verdict(False, False, "")
    return Verdict(choice == question.answer, True, question.explain)


def score(questions, choices) -> tuple[int, int]:
    """(right, total) for ``choices`` given in question order (None = unanswered)."""
    right = sum(check_answer(q, c).correct for q, c in zip(questions, choices))
    return right, len(questions)
