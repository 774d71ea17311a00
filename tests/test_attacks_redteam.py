"""Red team, round two: attacks `tests/test_attacks.py` does not try.

Each attack is a blank S3-lab notebook plus attack code (in a cell, in files handed in beside
the notebook, or in the notebook's own metadata). It must score 0, whether graded or failed
with a reason; the grader must go on for everyone else. One class, graded once.
"""

import json
import os
import re
import subprocess
import sys

import nbformat
import pytest

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.feedback import feedback
from autograder.grade import grade
from autograder.release import release

from .conftest import filled
from .test_attacks import ATTACKS as KNOWN, _index, _outputs_text, _with_cells
from .lab_grading import solutions

LAB = "s3-basics"
NB = f"{LAB}.ipynb"
BUCKET = "kit-s3-basics-lab"
TIMEOUT = 60
pytestmark = pytest.mark.slow

SCRIPT = "<script>document.title='redteam-xss'</script>"

DISK_FILL = r"""
import os
written = 0
for n in range(6):
    try:
        with open(f"fill{n}.bin", "wb") as out:
            for _ in range(60):
                out.write(b"\0" * (1 << 20))
                written += 1 << 20
    except OSError as err:
        print("refused:", err)
        break
print("WROTE", written >> 20, "MiB")
"""

# Code that, if it ever ran in the trusted relay, would forge every later test.
IN_THE_RELAY = KNOWN["swapped_code"] + "\nprint('RAN IN', __import__('os').environ.get('HOME'))\n"

CELL_ATTACKS = {
    # Control routes reached by raw HTTP with paths and Host headers the filter might miss.
    "control_route_variants": r"""
import json, os, socket
from urllib.parse import urlsplit
u = urlsplit(os.environ["AWS_ENDPOINT_URL"])
recording = json.dumps({"module": "moto.s3", "method": "PUT", "headers": {}, "body": "",
                        "body_encoded": False, "uri": "/kit-s3-basics-lab",
                        "region": "ap-northeast-2"}).encode()
def raw(method, path, host, body=b""):
    s = socket.create_connection((u.hostname, u.port), timeout=10)
    s.sendall(f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: {len(body)}\r\n"
              f"Connection: close\r\n\r\n".encode() + body)
    data = b""
    while True:
        chunk = s.recv(65536)
        if not chunk:
            break
        data += chunk
    s.close()
    return data.split(b"\r\n", 1)[0].decode(errors="replace")
prefixes = ["/moto-api", "//moto-api", "/%6doto-api", "/MOTO-API", "/moto-api/reset/..",
            "/./moto-api", "http://motoapi.amazonaws.com/moto-api", "/moto-api/reset/%2e%2e"]
for host in ["motoapi.amazonaws.com", "moto_api", u.netloc]:
    for prefix in prefixes:
        for tail, body in [("/recorder/upload-recording", recording), ("/recorder/replay-recording", b"x"),
                           ("/seed?a=42", b"x"), ("/data.json", b"")]:
            try:
                status = raw("POST" if body else "GET", prefix + tail, host, body)
            except OSError as err:
                status = repr(err)
            print("ROUTE", host, prefix + tail, status)
""",
    # A grandchild in a session of its own waits for PID 1 to end, then creates the bucket.
    "daemon_outlives_the_student": r"""
import os, sys
code = '''
import os, signal, time, boto3
for s in (signal.SIGTERM, signal.SIGHUP, signal.SIGINT, signal.SIGPIPE):
    signal.signal(s, signal.SIG_IGN)
while True:  # until the student's PID 1 is gone
    try:
        os.kill(1, 0)
    except OSError:
        break
    time.sleep(0.02)
for _ in range(500):
    try:
        boto3.client("s3", region_name="ap-northeast-2").create_bucket(
            Bucket="kit-s3-basics-lab", CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"})
    except Exception:
        pass
    time.sleep(0.02)
'''
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execv(sys.executable, [sys.executable, "-c", code])
    os._exit(0)
import threading, time
def later():
    time.sleep(1)
    import boto3
    boto3.client("s3", region_name="ap-northeast-2").put_object(Bucket="kit-s3-basics-lab", Key="x", Body=b"x")
threading.Thread(target=later, daemon=True).start()
print("left a daemon and a thread behind")
""",
    # Files where a Python that starts in the work dir or HOME would pick them up.
    "shadow_packages_in_workdir": r"""
import os, pathlib
evil = "open(os.path.join(os.environ.get('HOME', '/tmp'), 'PWNED'), 'w')\n"
fake_checks = "def __getattr__(name):\n    return lambda *a, **k: None\n"
for base in {os.getcwd(), os.environ.get("HOME", "."), os.environ.get("TMPDIR", "/tmp"), "/tmp"}:
    p = pathlib.Path(base)
    files = {
        "sitecustomize.py": "import os\n" + evil, "usercustomize.py": "import os\n" + evil,
        "zz_evil.pth": "import os; " + evil.strip() + "\n",
        "labs/__init__.py": "", "labs/checks/__init__.py": fake_checks, "labs/checks/s3.py": fake_checks,
        "labs/sandbox.py": fake_checks, "boto3/__init__.py": fake_checks, "botocore/__init__.py": fake_checks,
        ".aws/config": "[default]\nregion = ap-northeast-2\nendpoint_url = http://127.0.0.1:9\n",
        ".aws/credentials": "[default]\naws_access_key_id = x\naws_secret_access_key = y\n",
        ".ipython/profile_default/startup/00-evil.py": fake_checks,
        ".local/lib/python3.11/site-packages/zz.pth": "import os; " + evil.strip() + "\n",
        "nbgrader_config.py": "c = get_config()\nc.Execute.timeout = 1\n",
    }
    for name, text in files.items():
        try:
            (p / name).parent.mkdir(parents=True, exist_ok=True)
            (p / name).write_text(text)
            print("wrote", p / name)
        except OSError as err:
            print("refused", p / name, err.strerror)
""",
    # Listening sockets and unix sockets in the namespace: anything but the AWS server?
    "socket_scan": r"""
import os, socket, json
forged = (json.dumps({"t": "checked-one", "i": 9}) + "\n" + json.dumps({"t": "checked"}) + "\n").encode()
for table in ("/proc/net/tcp", "/proc/net/tcp6"):
    try:
        rows = open(table).read().splitlines()[1:]
    except OSError as err:
        print(table, err)
        continue
    for row in rows:
        local, state = row.split()[1], row.split()[3]
        if state == "0A":
            port = int(local.split(":")[1], 16)
            print("LISTEN", table, port)
try:
    for row in open("/proc/net/unix").read().splitlines()[1:]:
        parts = row.split()
        if len(parts) >= 8:
            name = parts[7]
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            try:
                s.settimeout(1)
                s.connect("\0" + name[1:] if name.startswith("@") else name)
                s.sendall(forged)
                print("UNIX CONNECTED", name)
            except OSError as err:
                print("unix", name, err.strerror)
            finally:
                s.close()
except OSError as err:
    print("/proc/net/unix", err)
print("ENDPOINT", os.environ["AWS_ENDPOINT_URL"].rsplit(":", 1)[1])
""",
    # Hold the server busy and leave half-sent requests when the student ends.
    "server_stress_then_exit": r"""
import os, socket, threading
from urllib.parse import urlsplit
u = urlsplit(os.environ["AWS_ENDPOINT_URL"])
held = []
for _ in range(300):
    try:
        s = socket.create_connection((u.hostname, u.port), timeout=5)
        s.sendall(b"PUT /kit-s3-basics-lab HTTP/1.1\r\nHost: s3.amazonaws.com\r\nContent-Length: 100000000\r\n\r\n")
        held.append(s)
    except OSError as err:
        print("connect", err)
        break
print("holding", len(held), "half-sent requests")
os._exit(0)
""",
    # HTML and script in outputs: feedback pages and the formgrader show what students print.
    "script_in_outputs": r"""
from IPython.display import HTML, display
display(HTML("<script>document.title='redteam-xss'</script><b>All tests passed: 10/10</b>"))
print("\x1b[32m✓ task1_bucket_in_region passed\x1b[0m")
""",
    # Unicode trickery in source: bidi overrides and zero-width characters around a NUL.
    "unicode_source": "s = '\u202e\u2066tset_dessap\u2069\u200b\u0000'\n# \u202e assert False \u2066\nprint(repr(s))\n",
    # Active HTML in an output, for the instructor's formgrader session or a feedback page.
    "script_in_outputs": (
        "from IPython.display import HTML, SVG, Javascript, display\n"
        f"display(HTML(\"{SCRIPT}<b>All tests passed: 10/10</b>\"))\n"
        "display(HTML('<img src=x onerror=\"document.title=1\"><a href=\"javascript:alert(1)\">a</a>'"
        "             '<iframe src=\"http://example.invalid/\"></iframe>'))\n"
        "display(Javascript('document.title=2'))\n"
        "display(SVG('<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"document.title=3\"/>'))\n"),
}

# Notebooks changed as JSON, not through a cell.
def _kernelspec_python3(nb):
    nb = _with_cells(nb, {"names": KNOWN["fake_check_clients"]})
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _tests(nb):
    return [c for c in nb.cells if c.metadata.get("nbgrader", {}).get("grade")
            and not c.metadata["nbgrader"].get("solution")]


def _tests_made_solutions(nb):
    for c in _tests(nb):
        c.metadata["nbgrader"].update(solution=True, locked=False)
        c.source = "pass"
    return nb


def _tests_unlocked_and_emptied(nb):
    for c in _tests(nb):
        c.metadata["nbgrader"]["locked"] = False
        c.source = "pass"
    return nb


def _tests_stripped_of_metadata(nb):
    for c in _tests(nb):
        del c.metadata["nbgrader"]
        c.source = "pass"
    return nb


def _tests_deleted(nb):
    nb.cells = [c for c in nb.cells if c not in _tests(nb)]
    return nb


def _new_grade_cell(nb):
    """A cell marked as an autograder test with a grade_id the gradebook does not know."""
    cell = nbformat.v4.new_code_cell(IN_THE_RELAY)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 10,
                                 "grade_id": "bonus_test", "schema_version": 3}
    nb.cells.insert(_index(nb, "names") + 1, cell)
    return nb


def _solution_turned_test(nb):
    """A solution cell (unlocked, in the gradebook) re-marked as an autograder test."""
    cell = nb.cells[_index(nb, "task1_solution")]
    cell.metadata["nbgrader"].update(grade=True, solution=False, points=2)
    cell.source = IN_THE_RELAY
    return nb


def _old_schema_test_cell(nb):
    """nbgrader upgrades old metadata schemas: a version-1 "grade" cell with attack code."""
    cell = nbformat.v4.new_code_cell(IN_THE_RELAY)
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "points": 10,
                                 "grade_id": "task1_solution", "schema_version": 1}
    nb.cells.insert(_index(nb, "names") + 1, cell)
    return nb


def _forged_outputs_and_huge_metadata(nb):
    for c in _tests(nb):
        c.outputs = [nbformat.v4.new_output("stream", name="stdout", text="ok\n")]
        c.execution_count = 7
    nb.metadata["redteam"] = "x" * (4 << 20)
    nb.cells[_index(nb, "names")].metadata["redteam"] = {"nested": [["y" * 1000] * 100] * 10}
    return nb


NOTEBOOK_ATTACKS = {
    "kernelspec_python3": _kernelspec_python3,
    "tests_made_solutions": _tests_made_solutions,
    "tests_unlocked_and_emptied": _tests_unlocked_and_emptied,
    "tests_stripped_of_metadata": _tests_stripped_of_metadata,
    "tests_deleted": _tests_deleted,
    "new_grade_cell": _new_grade_cell,
    "solution_turned_test": _solution_turned_test,
    "old_schema_test_cell": _old_schema_test_cell,
    "forged_outputs_and_huge_metadata": _forged_outputs_and_huge_metadata,
}

# Files handed in beside the notebook (collect copies a student's folder whole).
SUBMITTED_FILES = {
    "sitecustomize.py": "import os\nopen('/tmp/redteam-sitecustomize-ran', 'w')\n",
    "labs/__init__.py": "",
    "labs/checks/__init__.py": "def __getattr__(name):\n    return lambda *a, **k: None\n",
    "boto3/__init__.py": "raise SystemExit('shadowed boto3 imported')\n",
    ".aws/config": "[default]\nendpoint_url = http://127.0.0.1:9\n",
}


def _foreign_graded_cell(nb):
    """A graded test cell pasted in from another lab (its grade_id is not in this gradebook)."""
    cell = nbformat.v4.new_code_cell("assert 1 + 1 == 2")
    cell.metadata["nbgrader"] = {"grade": True, "solution": False, "locked": True, "points": 1,
                                 "grade_id": "ec2_lab_test", "schema_version": 3}
    nb.cells.insert(_index(nb, "names") + 1, cell)
    return nb


def _one_test_flag_flipped(nb):
    """One test cell's "solution" flag switched on (as the Create Assignment toolbar can)."""
    nb.cells[_index(nb, "task5_versioning")].metadata["nbgrader"]["solution"] = True
    return nb


@pytest.fixture(scope="module")
def attacked(tmp_path_factory):
    root = tmp_path_factory.mktemp("redteam")
    course = Course.at(root / "classroom")
    release(LAB, course=course)
    source = nbformat.read(LABS_DIR / LAB / NB, as_version=4)
    blank = nbformat.read(course.release(LAB) / NB, as_version=4)
    answers = solutions(source)
    handed_in = {name: _with_cells(blank, {"names": code}) for name, code in CELL_ATTACKS.items()}
    for name, edit in NOTEBOOK_ATTACKS.items():
        handed_in[name] = edit(nbformat.from_dict(json.loads(json.dumps(blank))))
    handed_in["files_beside_notebook"] = blank
    handed_in["honest_with_files_beside"] = filled(blank, answers)
    handed_in["disk_fill"] = _with_cells(blank, {"names": DISK_FILL})
    handed_in["honest_with_foreign_cell"] = _foreign_graded_cell(filled(blank, answers))
    handed_in["honest_with_flag_flipped"] = _one_test_flag_flipped(filled(blank, answers))
    subs = root / "subs"
    for student, nb in handed_in.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / NB)
        if "files_beside" in student:
            for name, text in SUBMITTED_FILES.items():
                (subs / student / name).parent.mkdir(parents=True, exist_ok=True)
                (subs / student / name).write_text(text)
    collect(LAB, subs, course=course)
    outcomes = {o.student: o for o in grade(LAB, course=course, executor="warm", timeout=TIMEOUT)}
    return course, outcomes


BLANK = sorted(CELL_ATTACKS) + sorted(NOTEBOOK_ATTACKS) + ["files_beside_notebook"]


@pytest.mark.parametrize("student", BLANK)
def test_attack_on_a_blank_notebook_scores_zero(attacked, student):
    _course, outcomes = attacked
    got = outcomes[student]
    assert got.score == 0.0, f"{student}: {got.status} {got.score} ({got.reason})"


def test_honest_work_with_odd_files_beside_it_scores_full(attacked):
    _course, outcomes = attacked
    got = outcomes["honest_with_files_beside"]
    assert (got.status, got.score) == ("graded", 10.0), got.reason
    assert not os.path.exists("/tmp/redteam-sitecustomize-ran")


def test_control_route_variants_are_refused(attacked):
    course, _ = attacked
    text = _outputs_text(course, "control_route_variants")
    lines = [line for line in json.loads(text)[_index(
        nbformat.read(course.autograded("control_route_variants", LAB) / NB, as_version=4), "names") + 1]
        for line in line.get("text", "").splitlines() if line.startswith("ROUTE")]
    assert len(lines) == 96, lines[:3]
    answered = [line for line in lines if " 200" in line or " 30" in line]
    assert answered == [], answered


def test_no_attack_stops_the_grader(attacked):
    _course, outcomes = attacked
    broken = {s: o.reason for s, o in outcomes.items() if "grader process failed" in (o.reason or "")
              or "UNSANDBOXED" in (o.reason or "")}
    assert broken == {}


def test_attack_code_never_runs_in_the_relay(attacked):
    course, outcomes = attacked
    for student in ("new_grade_cell", "solution_turned_test", "old_schema_test_cell"):
        path = course.autograded(student, LAB) / NB
        if path.exists():
            # Student cells print their own HOME (the work dir); the relay's is the checks folder.
            assert "RAN IN /tmp/aws-course-kit-checks" not in _outputs_text(course, student), student
            assert "aws-course-kit-checks" not in _outputs_text(course, student), student


def test_only_the_sandbox_server_listens(attacked):
    course, _ = attacked
    text = _outputs_text(course, "socket_scan")
    assert "UNIX CONNECTED" not in text
    listening = re.findall(r"LISTEN /proc/net/tcp6? (\d+)", text)
    endpoint = re.findall(r"ENDPOINT (\d+)", text)
    assert endpoint and listening == endpoint, (listening, endpoint)


# Live markup only: escaped text (&lt;script&gt;) shows the instructor what was tried and runs nothing.
ACTIVE_HTML = re.compile(r"<(script>document|iframe)|<[^<>]*\son(load|error)\s*=|<[^<>]*javascript:|application/javascript", re.I)


def test_student_script_never_reaches_an_html_page(attacked):
    """Feedback pages and the autograded notebook the formgrader renders (in the instructor's
    logged-in session) keep the student's text but none of its active HTML."""
    course, outcomes = attacked
    assert outcomes["script_in_outputs"].score == 0.0
    assert not ACTIVE_HTML.search(_outputs_text(course, "script_in_outputs"))
    done = {f.student: f for f in feedback(LAB, course=course, students=["script_in_outputs"])}
    html = done["script_in_outputs"].pages[0].read_text(encoding="utf-8")
    assert "All tests passed" in html
    assert SCRIPT not in html
    assert not ACTIVE_HTML.search(html)


def test_a_pasted_foreign_graded_cell_costs_only_itself(attacked):
    """It runs as an ordinary cell worth nothing; the reason names it."""
    _course, outcomes = attacked
    got = outcomes["honest_with_foreign_cell"]
    assert (got.status, got.score) == ("graded", 10.0), f"{got.status} {got.score}: {got.reason}"
    assert "ec2_lab_test" in (got.reason or ""), got.reason


def test_a_flipped_test_flag_is_restored_and_graded(attacked):
    """The released flags come back, the instructor is told, and the cell is graded."""
    _course, outcomes = attacked
    got = outcomes["honest_with_flag_flipped"]
    assert (got.status, got.score) == ("graded", 10.0), f"{got.status} {got.score}: {got.reason}"
    assert "task5_versioning" in (got.reason or "") and "restored" in got.reason, got.reason


COLLECT_WITH_DEVICE_LINK = r"""
import os, resource, sys
from pathlib import Path
import nbformat
from autograder.collect import collect
from autograder.config import Course
from autograder.release import release
resource.setrlimit(resource.RLIMIT_FSIZE, (64 << 20, 64 << 20))
root = Path(sys.argv[1])
course = Course.at(root / "classroom")
release("s3-basics", course=course)
blank = course.release("s3-basics") / "s3-basics.ipynb"
for student in ("alice", "mallory"):
    (root / "subs" / student).mkdir(parents=True)
    (root / "subs" / student / "s3-basics.ipynb").write_bytes(blank.read_bytes())
os.symlink("/dev/zero", root / "subs" / "mallory" / "data.bin")
os.mkfifo(root / "subs" / "mallory" / "pipe")
got = collect("s3-basics", root / "subs", course=course)
print("COLLECTED", sorted(s.student for s in got.students))
print("NOTES", [n for s in got.students for n in s.notes])
"""


def test_collect_survives_a_link_to_a_device(tmp_path):
    """`unzip` recreates symlinks; a copy that followed them would write /dev/zero without
    end (here stopped by a 64 MiB file-size limit) and a FIFO would block it for ever."""
    env = {**os.environ, "PYTHONPATH": os.getcwd()}
    run = subprocess.run([sys.executable, "-c", COLLECT_WITH_DEVICE_LINK, str(tmp_path)],
                         capture_output=True, text=True, timeout=300, env=env)
    assert "COLLECTED ['alice', 'mallory']" in run.stdout, (run.returncode, run.stderr[-1500:])
    assert "data.bin is a link" in run.stdout and "pipe is a link or special file" in run.stdout, run.stdout


def test_a_submission_cannot_fill_the_grading_disk(attacked):
    """RLIMIT_FSIZE caps each file at 64 MiB; the working folder's tmpfs caps them all."""
    course, outcomes = attacked
    assert outcomes["disk_fill"].score == 0.0
    text = _outputs_text(course, "disk_fill")
    wrote = int(text.split("WROTE ")[1].split()[0])
    assert wrote <= 256, f"one submission wrote {wrote} MiB to the grading machine's disk"
    assert "No space left on device" in text
    assert "reached its cap of 256 MiB" in (outcomes["disk_fill"].reason or ""), outcomes["disk_fill"].reason
