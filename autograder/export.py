"""Step 5: export scores from the gradebook as CSV: one with every question, one for Canvas."""

import csv
from dataclasses import dataclass
from pathlib import Path

from .config import Course
from .grade import load_report
from .gradebook import question_ids, score_of


@dataclass(frozen=True)
class Export:
    scores: Path
    canvas: Path


def export(lab: str, *, course: Course) -> Export:
    """Write exports/<lab>-scores.csv and exports/<lab>-canvas.csv; return their paths."""
    questions = question_ids(course, lab)
    report = load_report(course, lab)
    students = sorted(report)
    # Read each score once; both files are written from it.
    scores = {s: score_of(course, lab, s) if report[s]["status"] == "graded" else None for s in students}
    course.exports().mkdir(parents=True, exist_ok=True)

    scores_path = course.exports() / f"{lab}-scores.csv"
    with scores_path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["student", "status", "score", "max_score"]
                     + [f"{qid} ({points:g})" for qid, points in questions] + ["reason"])
        for student in students:
            outcome, score = report[student], scores[student]
            per_question = [score.questions.get(qid, (0.0, 0.0))[0] if score else 0.0 for qid, _ in questions]
            total = score.score if score else 0.0
            max_score = score.max_score if score else outcome["max_score"]
            out.writerow([student, outcome["status"], f"{total:g}", f"{max_score:g}"]
                         + [f"{p:g}" for p in per_question] + [outcome.get("reason") or ""])

    # Canvas's gradebook import matches rows by any of its ID columns; nbgrader's student id
    # is the LMS login when students were collected from an LMS download.
    canvas_path = course.exports() / f"{lab}-canvas.csv"
    max_points = sum(points for _, points in questions)
    with canvas_path.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["Student", "ID", "SIS User ID", "SIS Login ID", "Section", lab])
        out.writerow(["Points Possible", "", "", "", "", f"{max_points:g}"])
        for student in students:
            score = scores[student]
            out.writerow([student, "", "", student, "", f"{(score.score if score else 0.0):g}"])
    return Export(scores_path, canvas_path)
