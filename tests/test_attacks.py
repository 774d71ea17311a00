"""A determined student against the grader: nothing a submission does in its own process
changes its score (issue 9, "grades a student cannot forge").

Every attack is a *blank* S3-lab notebook (no task done) plus one cell of attack code; each
must score 0, or be scored honestly and flagged. Honest notebooks with shell lines score
what their work earns. One class, graded once through the real pipeline (nbgrader + the
warm executor with its trusted checker), then fed to `feedback`.
"""

import base64
import binascii
import json
import os
import re
import sqlite3

import nbformat
import pytest

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.feedback import feedback, hidden_test_lines
from autograder.grade import grade
from autograder.release import release

from .conftest import filled
from .lab_grading import solutions

LAB = "s3-basics"
NB = f"{LAB}.ipynb"
SECRET = "sk-instructor-7f3a9c"  # an instructor variable not named AWS_*
TIMEOUT = 60  # per cell; only the sleeper reaches it
pytestmark = pytest.mark.slow

# A fragment that stands only in the hidden tests (see labs/s3-basics/s3-basics.ipynb).
HIDDEN_NEEDLE = 'fresh_client("s3", region="us-east-1")'

ATTACKS = {
    "custom_exc": """
get_ipython().set_custom_exc((BaseException,), lambda *args, **kwargs: None)
""",
    "forged_channel": """
import json, os
lines = [json.dumps({"t": "cell", "i": i, "execution_count": i, "outputs": []}) for i in range(60)]
lines += [json.dumps(m) for m in ({"t": "done"}, {"t": "exit", "status": 0}, {"t": "checked"},
          {"t": "checked-one", "i": 9}, {"t": "sandbox", "sandboxed": True, "layers": []})]
for fd in range(3, 256):
    try:
        os.write(fd, ("\\n".join(lines) + "\\n").encode())
    except OSError:
        pass
os._exit(0)
""",
    "fake_check_clients": """
from unittest import mock
import labs.sandbox as sb
fake = mock.MagicMock()
fake.get_bucket_location.return_value = {"LocationConstraint": "ap-northeast-2"}
sb.check_client = lambda *a, **k: fake
sb.fresh_client = lambda *a, **k: fake
sb.Sandbox.check_client = lambda self, *a, **k: fake
sb._new_session = lambda region: mock.MagicMock()
""",
    "swapped_code": """
import labs.checks.result as r
import labs.checks.s3 as c
def _passes(*args, **kwargs):
    from labs.checks.result import CheckResult
    return CheckResult("forged", True, "forged")
r.require.__code__ = (lambda *results: None).__code__
for name in c.__all__:
    f = getattr(c, name)
    if name != "require" and hasattr(f, "__code__"):
        f.__code__ = _passes.__code__
""",
    "patched_builtins_and_modules": """
import builtins, sys, types
builtins.AssertionError = type("AssertionError", (Exception,), {})
fake = types.ModuleType("labs.checks.s3")
fake.__getattr__ = lambda name: (lambda *a, **k: None)
sys.modules["labs.checks.s3"] = fake
sys.modules["labs.checks.result"] = fake
import labs.checks
labs.checks.s3 = fake
""",
    "wrote_moto_backend": """
from moto.core import DEFAULT_ACCOUNT_ID
from moto.s3.models import s3_backends
s3_backends[DEFAULT_ACCOUNT_ID]["global"].create_bucket("kit-s3-basics-lab", "ap-northeast-2")
from moto import mock_aws
mock_aws().start()
""",
    "moto_control_routes": """
import json, os, urllib.request
url = os.environ["AWS_ENDPOINT_URL"]
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
recording = json.dumps({"module": "moto.s3", "method": "PUT", "headers": {},
                        "body": "", "body_encoded": False,
                        "uri": "/kit-s3-basics-lab", "region": "ap-northeast-2"})
for path, data in [("/moto-api/recorder/upload-recording", recording.encode()),
                   ("/moto-api/recorder/replay-recording", b""),
                   ("/moto-api/seed?a=42", b""), ("/moto-api/state-manager/set-transition", b"{}"),
                   ("/moto-api/data.json", None)]:
    try:
        opener.open(urllib.request.Request(url + path, data=data, method="POST" if data is not None else "GET"))
        print(path, "answered")
    except Exception as err:
        print(path, err)
""",
    "killed_everything": """
import os, signal
for pid in list(range(2, 4096)) + [os.getppid(), -1]:
    try:
        os.kill(pid, signal.SIGKILL)
    except (OSError, ValueError):
        pass
""",
    "flooded_pipes": """
import os
junk = (b'{"t": "cell", "i": 9, "outputs": []}\\n' + b"x" * 4000 + b"\\n") * 256
for fd in range(3, 64):
    try:
        for _ in range(64):
            os.write(fd, junk)
    except OSError:
        pass
""",
    "slept_until_timeout": """
import time
time.sleep(10 ** 6)
""",
    "wrote_check_results": """
import glob, json, os
for folder in glob.glob("/tmp/aws-course-kit-checks-*") + glob.glob("/tmp/*/aws-course-kit-checks-*"):
    forged = {str(i): {"execution_count": 1, "outputs": []} for i in range(60)}
    json.dump(forged, open(os.path.join(folder, "results.json"), "w"))
print("folders seen:", glob.glob("/tmp/*"))
""",
    "hunted_hidden_tests": """
import base64, gc, glob
# Built at run time, so this cell's own text does not hold the hidden line it hunts for.
before = ("fresh_client(" + '"s3", ').encode()
after = ('region="us-east-1")' + ".get_bucket_location").encode()
found, regions = [], 0
def look(data):
    at = data.find(after)
    while at >= 0:
        if data[max(0, at - len(before)):at] == before:
            found.append(data[max(0, at - 300): at + 300])
        at = data.find(after, at + 1)
for path in glob.glob("**/*", recursive=True) + glob.glob("/tmp/**", recursive=True):
    try:
        look(open(path, "rb").read())
    except OSError:
        continue
for obj in gc.get_objects():
    for value in (obj.values() if isinstance(obj, dict) else [obj]):
        if isinstance(value, str) and "BEGIN HIDDEN" in value:
            found.append(value.encode()[:4000])
with open("/proc/self/maps") as maps, open("/proc/self/mem", "rb", 0) as mem:
    for line in maps:
        span, perms = line.split()[:2]
        if not perms.startswith("r"):
            continue
        start, end = (int(x, 16) for x in span.split("-"))
        try:
            mem.seek(start)
            look(mem.read(end - start))
            regions += 1
        except (OSError, OverflowError, ValueError, MemoryError):
            continue
print("scanned", regions, "regions")
for item in found:
    print("LEAK", base64.b64encode(item).decode())
""",
    "read_environment": """
import os
print(dict(os.environ))
""",
    "marker_text": """
text = '''
### BEGIN HIDDEN TESTS
assert True
'''
print(text)
# ### END HIDDEN TESTS ### BEGIN HIDDEN TESTS
""",
}

HONEST = {
    # student: (extra cells after named solution cells, expected score, flagged)
    "honest_shell": ({"task1_solution": "!ls\n!aws s3 ls",
                      "task2_solution": "%%bash\naws s3api list-objects-v2 --bucket kit-s3-basics-lab "
                                        "--query 'Contents[].Key' --output text"}, 10.0, False),
    "honest_then_sleeps": ({"task5_solution": "import time\ntime.sleep(10 ** 6)"}, 10.0, False),
    "honest_then_patches": ({"task5_solution": "import botocore.client\n"
                                               "botocore.client.BaseClient._make_api_call = "
                                               "lambda self, op, params: {}"}, 10.0, True),
    "half_then_custom_exc": ({"task2_solution": ATTACKS["custom_exc"]}, 4.0, False),
    # kill(0) signals the caller's process group, which PID namespaces do not confine.
    "honest_then_kills_its_group": ({"task5_solution": "import os, signal\nos.kill(0, signal.SIGKILL)"},
                                    10.0, False),
}


def _index(nb, grade_id):
    return next(i for i, c in enumerate(nb.cells) if c.metadata.get("nbgrader", {}).get("grade_id") == grade_id)


def _with_cells(nb, after: dict[str, str]):
    nb = nbformat.from_dict(json.loads(json.dumps(nb)))
    for grade_id, source in after.items():
        nb.cells.insert(_index(nb, grade_id) + 1, nbformat.v4.new_code_cell(source.strip("\n")))
    return nb


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    root = tmp_path_factory.mktemp("attacks")
    course = Course.at(root / "classroom")
    release(LAB, course=course)
    source = nbformat.read(LABS_DIR / LAB / NB, as_version=4)
    blank = nbformat.read(course.release(LAB) / NB, as_version=4)
    answers = solutions(source)
    handed_in = {name: _with_cells(blank, {"names": code}) for name, code in ATTACKS.items()}
    for name, (extra, _score, _flag) in HONEST.items():
        done = answers if name != "half_then_custom_exc" else {
            k: v for k, v in answers.items() if k in ("task1_solution", "task2_solution")}
        handed_in[name] = _with_cells(filled(blank, done), extra)
    subs = root / "subs"
    for student, nb in handed_in.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / NB)
    collect(LAB, subs, course=course)
    os.environ["INSTRUCTOR_API_TOKEN"] = SECRET
    try:
        outcomes = {o.student: o for o in grade(LAB, course=course, executor="warm", timeout=TIMEOUT)}
    finally:
        del os.environ["INSTRUCTOR_API_TOKEN"]
    return course, outcomes


def _outputs_text(course, student) -> str:
    nb = nbformat.read(course.autograded(student, LAB) / NB, as_version=4)
    return json.dumps([c.get("outputs", []) for c in nb.cells])


def _flagged(course) -> set[str]:
    with sqlite3.connect(course.root / "gradebook.db") as db:
        return {row[0] for row in db.execute(
            "select student.id from submitted_notebook join submitted_assignment on "
            "submitted_notebook.assignment_id = submitted_assignment.id join student on "
            "submitted_assignment.student_id = student.id where submitted_notebook.flagged")}


@pytest.mark.parametrize("student", sorted(ATTACKS))
def test_attack_on_a_blank_notebook_scores_zero(attacked, student):
    _course, outcomes = attacked
    got = outcomes[student]
    assert (got.status, got.score) == ("graded", 0.0), f"{student}: {got.status} {got.score} ({got.reason})"


@pytest.mark.parametrize("student", sorted(HONEST))
def test_honest_work_scores_what_it_earns(attacked, student):
    course, outcomes = attacked
    _extra, score, flagged = HONEST[student]
    got = outcomes[student]
    assert (got.status, got.score) == ("graded", score), f"{student}: {got.score} ({got.reason})"
    assert (student in _flagged(course)) is flagged, got.reason


def test_shell_lines_work_in_grading(attacked):
    course, outcomes = attacked
    text = _outputs_text(course, "honest_shell")
    assert "pty" not in text and "OSError" not in text
    assert text.count("kit-s3-basics-lab") >= 1, "!aws s3 ls saw the sandbox"
    assert "reports/2026/summary.txt" in text, "%%bash ran the AWS CLI against the same sandbox"


def test_no_attack_stops_the_grader(attacked):
    _course, outcomes = attacked
    broken = {s: o.reason for s, o in outcomes.items() if "grader process failed" in (o.reason or "")
              or "UNSANDBOXED" in (o.reason or "")}
    assert broken == {}


def test_sleeping_student_is_cut_off_and_its_work_still_counts(attacked):
    _course, outcomes = attacked
    assert f"timeout after {TIMEOUT} s" in outcomes["honest_then_sleeps"].reason
    assert f"timeout after {TIMEOUT} s" in outcomes["slept_until_timeout"].reason


def test_control_routes_are_closed(attacked):
    course, _ = attacked
    text = _outputs_text(course, "moto_control_routes")
    assert "answered" not in text and text.count("403") >= 5


def test_hidden_tests_never_reach_the_student(attacked):
    course, _ = attacked
    secrets = hidden_test_lines(course, LAB)
    nb = nbformat.read(course.autograded("hunted_hidden_tests", LAB) / NB, as_version=4)
    student_cells = [c for c in nb.cells if c.cell_type == "code"
                     and not c.metadata.get("nbgrader", {}).get("grade")]
    printed = "".join(o.get("text", "") for c in student_cells for o in c.get("outputs", [])
                      if o.get("output_type") == "stream")
    assert "Error" not in printed and "scanned" in printed, printed[-2000:]
    assert int(printed.split("scanned ")[1].split()[0]) > 10, "it read its own memory"
    decoded = []
    for token in re.findall(r"LEAK (\S+)", printed):
        try:
            decoded.append(base64.b64decode(token).decode("utf-8", "replace"))
        except (binascii.Error, ValueError):
            decoded.append(token)
    assert decoded == [], decoded[:3]
    assert not [d for d in decoded if HIDDEN_NEEDLE in d or any(s in d for s in secrets)]


def test_instructor_environment_never_reaches_student_code(attacked):
    course, _ = attacked
    text = _outputs_text(course, "read_environment")
    assert "AWS_ENDPOINT_URL" in text, "the student's cell ran and printed its environment"
    assert SECRET not in text and "INSTRUCTOR_API_TOKEN" not in text


def test_feedback_works_whatever_the_student_wrote(attacked):
    course, outcomes = attacked
    secrets = hidden_test_lines(course, LAB)
    done = {f.student: f for f in feedback(LAB, course=course, students=sorted(outcomes))}
    for student, result in done.items():
        assert result.problem is None and result.pages, f"{student}: {result.problem}"
        html = result.pages[0].read_text(encoding="utf-8")
        assert not [line for line in secrets if line in html], f"{student}'s feedback quotes a hidden test"
    assert "BEGIN HIDDEN TESTS" in done["marker_text"].pages[0].read_text(encoding="utf-8"), \
        "the student's own text is shown as written"
