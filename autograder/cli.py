"""The instructor's command line: python -m autograder release|collect|grade|feedback|export.

Examples (the course folder defaults to classroom/ in the repository, as in the formgrader):
  python -m autograder new-lab my-first-lab
  python -m autograder check s3-basics
  python -m autograder release s3-basics
  python -m autograder collect s3-basics ~/Downloads/submissions.zip
  python -m autograder grade s3-basics
  python -m autograder feedback s3-basics
  python -m autograder export s3-basics
"""

import argparse
import sys
import time
from pathlib import Path

from .config import DEFAULT_COURSE_DIR, EXECUTORS, Course, available_labs, released_notebooks
from .errors import CourseError

# Each command imports its step (and nbgrader) itself: `make lab` runs `learner-copies` on
# every start, and with nothing to copy it should cost a blink, not nbgrader's import.


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    course = Course.at(args.course_dir)
    try:
        return args.run(args, course)
    except CourseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m autograder", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--course-dir", default=str(DEFAULT_COURSE_DIR),
                        help="the instructor's course folder (gradebook, submissions, feedback); default: classroom/ in the repository")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser("labs", help="list the labs that can be released")
    p.set_defaults(run=_labs)

    p = sub.add_parser("learner-copies", help="put a learner's copy of every lab in my-labs/ and of every chapter in my-course/ (never overwrites their edits)")
    p.add_argument("--dest", default=None, help="folder for the copies (default: my-labs/ in the repository)")
    p.set_defaults(run=_learner_copies)

    p = sub.add_parser("new-lab", help="scaffold a small working lab in labs/NAME to grow a new one from")
    p.add_argument("name", help="the lab's folder name, e.g. my-first-lab")
    p.set_defaults(run=_new_lab)

    p = sub.add_parser("check", help="list what would stop a lab's release (points, ids, markers)")
    p.add_argument("lab")
    p.set_defaults(run=_check)

    p = sub.add_parser("release", help="generate the learners' version of a lab (nbgrader generate_assignment)")
    p.add_argument("lab", help="a folder name in labs/, e.g. s3-basics")
    p.set_defaults(run=_release)

    p = sub.add_parser("collect", help="take submissions from a folder or a .zip")
    p.add_argument("lab")
    p.add_argument("source", help="folder or .zip: <student>/<notebook>.ipynb, <student>.ipynb or <student>_<anything>.ipynb")
    p.set_defaults(run=_collect)

    p = sub.add_parser("grade", help="autograde every collected submission into nbgrader's gradebook")
    p.add_argument("lab")
    p.add_argument("--student", action="append", help="grade only this student (repeatable)")
    p.add_argument("--executor", choices=EXECUTORS, default="warm",
                   help="warm: fork each submission from a warm isolated process (fast); stock: nbgrader's own kernel per notebook")
    p.add_argument("--timeout", type=int, help="seconds a cell may run (default: the course's, 60)")
    p.add_argument("--no-sandbox", dest="sandbox", action="store_false",
                   help="run student code without isolation (debugging only; says so loudly)")
    p.set_defaults(run=_grade)

    p = sub.add_parser("feedback", help="write HTML feedback for every graded student")
    p.add_argument("lab")
    p.add_argument("--student", action="append")
    p.set_defaults(run=_feedback)

    p = sub.add_parser("export", help="write a per-question scores CSV and a Canvas grades CSV")
    p.add_argument("lab")
    p.set_defaults(run=_export)
    return parser


def _labs(args, course: Course) -> int:
    for lab in available_labs():
        print(lab)
    return 0


def _learner_copies(args, course: Course) -> int:
    from .learner_copies import make_learner_copies, sync_chapter_copies

    done = make_learner_copies(**({"dest": Path(args.dest)} if args.dest else {}))
    if done.made:
        print(f"your copies of {', '.join(done.made)} are in {done.folder}/ (work there; they are never overwritten)")
    if not args.dest:
        chapters = sync_chapter_copies()
        if chapters.made:
            print(f"your copies of the chapters are in {chapters.folder}/ (work there: course/ stays as it came)")
        if chapters.updated:
            print(f"updated to the course's newer version (you had not edited them): {', '.join(chapters.updated)}")
        if chapters.kept_edited:
            print(f"kept your edited copies (the course's own versions are in course/): "
                  f"{', '.join(chapters.kept_edited)}")
    return 0


def _new_lab(args, course: Course) -> int:
    from .new_lab import new_lab

    done = new_lab(args.name)
    print(f"made {done.notebook} ({done.points} points) and its README")
    print(f"next: open it, write your tasks (labs/AUTHORING.md), then: python -m autograder check {done.name}")
    return 0


def _check(args, course: Course) -> int:
    from .lab_problems import lab_problems
    from .release import lab_source

    problems = lab_problems(lab_source(args.lab))
    for problem in problems:
        print(f"  - {problem}")
    print(f"{args.lab}: {len(problems)} problem(s)" if problems else f"{args.lab}: ready to release")
    return 1 if problems else 0


def _release(args, course: Course) -> int:
    from .release import release

    done = release(args.lab, course=course)
    print(f"released {done.lab}: {', '.join(done.notebooks)} ({done.max_score:g} points) -> {done.folder}")
    print(f"next: give learners {done.folder}, then: python -m autograder collect {done.lab} SUBMISSIONS")
    return 0


def _collect(args, course: Course) -> int:
    from .collect import collect

    done = collect(args.lab, args.source, course=course)
    print(f"collected {len(done.students)} submission(s) of {done.lab}; originals archived in {done.archive}")
    for student in done.students:
        for note in student.notes:
            print(f"  {student.student}: {note}")
    for problem in done.problems:
        print(f"  problem: {problem}")
    print(f"next: python -m autograder grade {done.lab}")
    return 0 if done.students else 1


def _grade(args, course: Course) -> int:
    from tqdm import tqdm

    from .grade import grade, submitted_students

    students = args.student or submitted_students(course, args.lab)
    if not students:
        raise CourseError(f"no submissions of {args.lab!r} in {course.root}",
                          fix=f"python -m autograder collect {args.lab} SUBMISSIONS")
    outcomes = []
    started = time.perf_counter()
    bar = tqdm(total=len(students), unit="submission", desc=f"grading {args.lab}")
    for outcome in grade(args.lab, course=course, students=students, executor=args.executor,
                         timeout=args.timeout, sandbox=args.sandbox):
        outcomes.append(outcome)
        bar.set_postfix_str(f"{outcome.student}: {outcome.score:g}/{outcome.max_score:g}")
        bar.update()
    bar.close()
    _print_grade_summary(outcomes, time.perf_counter() - started)
    return 1 if any(o.status == "failed" for o in outcomes) else 0


def _print_grade_summary(outcomes, seconds: float) -> None:
    failed = [o for o in outcomes if o.status == "failed"]
    flagged = [o for o in outcomes if o.status == "graded" and o.reason]
    print(f"graded {len(outcomes) - len(failed)}, failed {len(failed)}, in {seconds:.1f} s")
    unsandboxed = [o for o in outcomes if o.reason and "UNSANDBOXED" in o.reason]
    if unsandboxed:
        print(f"WARNING: {len(unsandboxed)} submission(s) ran UNSANDBOXED: their code could read "
              "the course, other students' work and the gradebook, and use the network.")
    if failed or flagged:
        width = max(len(o.student) for o in failed + flagged)
        for o in failed:
            print(f"  FAILED  {o.student:<{width}}  {o.reason}")
        for o in flagged:
            print(f"  note    {o.student:<{width}}  {o.score:g}/{o.max_score:g}  {o.reason}")


def _feedback(args, course: Course) -> int:
    from tqdm import tqdm

    from .feedback import feedback
    from .grade import submitted_students

    released_notebooks(course, args.lab)  # says what to run if the lab isn't released
    students = args.student or submitted_students(course, args.lab)
    problems = []
    for done in tqdm(feedback(args.lab, course=course, students=students), total=len(students),
                     unit="student", desc=f"feedback {args.lab}"):
        if done.problem:
            problems.append(done)
    print(f"feedback written for {len(students) - len(problems)} student(s) in {course.root / 'feedback'}")
    for done in problems:
        print(f"  {done.student}: {done.problem}")
    return 1 if problems else 0


def _export(args, course: Course) -> int:
    from .export import export

    released_notebooks(course, args.lab)  # says what to run if the lab isn't released
    done = export(args.lab, course=course)
    print(f"scores: {done.scores}\ncanvas: {done.canvas}")
    return 0
