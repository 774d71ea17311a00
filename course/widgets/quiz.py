"""The self-check at the end of a chapter: pick an answer per question, then check."""

from __future__ import annotations

import html

import ipywidgets as w

from course import i18n
from course.quiz import Question, check_answer, load_quiz, score
from course.widgets.fallback import with_fallback

TEXT = {
    "en": {
        "check": "Check my answers",
        "right": "✓ Right.",
        "wrong": "✗ Not quite.",
        "unanswered": "Pick an answer first.",
        "score": "{right} of {total} right.",
        "all_right": "{right} of {total} right. Well done!",
        "answer": "Answer",
    },
    "ko": {
        "check": "답 확인하기",
        "right": "✓ 맞았습니다.",
        "wrong": "✗ 다시 생각해 보세요.",
        "unanswered": "먼저 답을 고르세요.",
        "score": "{total}문제 중 {right}문제 맞음.",
        "all_right": "{total}문제 중 {right}문제 맞음. 잘했습니다!",
        "answer": "정답",
    },
}


class Quiz(w.VBox):
    """One radio group per question, a check button and per-question feedback."""

    def __init__(self, questions: tuple[Question, ...]):
        self.questions = questions
        self.pickers = [w.RadioButtons(options=[(c, i) for i, c in enumerate(q.choices)], value=None,
                                       layout=w.Layout(width="auto")) for q in questions]
        self.feedback = [w.HTML() for _ in questions]
        self.button = w.Button(description=i18n.text(TEXT, "check"), button_style="primary")
        self.total = w.HTML()
        self.button.on_click(self._check)
        rows = []
        for n, (q, picker, note) in enumerate(zip(questions, self.pickers, self.feedback), 1):
            rows += [w.HTML(f"<b>{n}.</b> {html.escape(q.prompt)}"), picker, note]
        super().__init__(rows + [self.button, self.total])

    def choices(self) -> list[int | None]:
        """The chosen index of each question (None where nothing is chosen)."""
        return [p.value for p in self.pickers]

    def _check(self, _button=None) -> None:
        for q, choice, note in zip(self.questions, self.choices(), self.feedback):
            verdict = check_answer(q, choice)
            if not verdict.answered:
                note.value = f'<span style="color:#777">{i18n.text(TEXT, "unanswered")}</span>'
            else:
                head = i18n.text(TEXT, "right" if verdict.correct else "wrong")
                colour = "#1a7f37" if verdict.correct else "#b42318"
                note.value = f'<span style="color:{colour}">{head}</span> {html.escape(verdict.explain)}'
        right, total = score(self.questions, self.choices())
        self.total.value = "<b>" + i18n.text(TEXT, "all_right" if right == total else "score",
                                              right=right, total=total) + "</b>"


def static_html(questions: tuple[Question, ...]) -> str:
    """The quiz as a list with answers folded away, for pages without a kernel."""
    items = []
    for q in questions:
        choices = "".join(f"<li>{html.escape(c)}</li>" for c in q.choices)
        items.append(f"<li>{html.escape(q.prompt)}<ol type='a'>{choices}</ol>"
                     f"<details><summary>{i18n.text(TEXT, 'answer')}</summary>"
                     f"{html.escape(q.choices[q.answer])}: {html.escape(q.explain)}</details></li>")
    return "<ol>" + "".join(items) + "</ol>"


def show_quiz(chapter: str):
    """The self-check of ``chapter`` (its notebook stem, e.g. "03-ip-addresses-and-cidr")."""
    questions = load_quiz(chapter)
    return with_fallback(Quiz(questions), html=static_html(questions))
