"""WarmExecute: kernel-equivalent outputs, every bad submission ends as a recorded reason, and
each submission runs isolated (no network, nothing outside its own folder)."""

import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from autograder.executor import UnsandboxedWarning, WarmExecute, ZygotePool, build_job, merge_result
from autograder.executor import pool as pool_module

REPO = Path(__file__).resolve().parent.parent
LINUX = sys.platform.startswith("linux")


@pytest.fixture(scope="module")
def pool():
    with ZygotePool(1) as zygotes:
        yield zygotes


def notebook(*sources, locked=()):
    cells = []
    for i, source in enumerate(sources):
        cell = new_code_cell(source)
        if i in locked:
            cell.metadata["nbgrader"] = {"grade": True, "grade_id": f"test{i}", "points": 1,
                                         "locked": True, "solution": False, "schema_version": 3}
        cells.append(cell)
    return new_notebook(cells=cells)


def grade(pool, nb, resources=None, **options):
    """What WarmExecute.preprocess does, with the module's pool."""
    step = WarmExecute(**{"timeout": 20, **options})
    job = build_job(nb, resources or {}, step)
    return nb, merge_result(nb, job, pool.run(job))


def stdout(cell):
    return "".join(o.get("text", "") for o in cell.outputs
                   if o.output_type == "stream" and o.name == "stdout")


def enames(cell):
    return [o.ename for o in cell.outputs if o.output_type == "error"]


class TestKernelEquivalence:
    def test_same_errors_and_stdout_as_nbclient(self, pool):
        """Per cell: error or not, and the stdout text, match a real kernel run by nbclient."""
        from nbclient import NotebookClient

        nb = new_notebook(cells=[
            new_code_cell("x = 2\nprint('x is', x)"), new_markdown_cell("text"),
            new_code_cell("x * 21"), new_code_cell("raise ValueError('bad value')"),
            new_code_cell("print('still running')\nimport sys; print('err', file=sys.stderr)"),
            new_code_cell("   "), new_code_cell("from IPython.display import display, HTML\n"
                                               "display(HTML('<b>hi</b>'))"),
            new_code_cell("assert x == 3, 'x should be 3'"),
        ])
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        ref = NotebookClient(nbformat.from_dict(json.loads(json.dumps(nb))), timeout=60,
                             kernel_name="python3", allow_errors=True,
                             extra_arguments=["--IPKernelApp.log_level=ERROR"]).execute()
        ours, summary = grade(pool, nb)
        assert summary["reason"] is None if LINUX else summary["sandboxed"] is False
        for theirs, mine in zip(ref.cells, ours.cells):
            if theirs.cell_type != "code":
                continue
            assert enames(mine) == enames(theirs)
            assert stdout(mine) == stdout(theirs)
            assert mine.execution_count == theirs.execution_count
            assert [o.output_type for o in mine.outputs if o.output_type != "stream"] == \
                [o.output_type for o in theirs.outputs if o.output_type != "stream"]
        assert ours.cells[2].outputs[0]["data"]["text/plain"] == "42"

    def test_grading_twice_gives_identical_outputs(self, pool):
        nb = notebook("import random\nrandom.seed(1)\nprint(random.random())",
                      "1/0", "print(sorted({'b': 1, 'a': 2}))")
        first, _ = grade(pool, nb)
        first = json.dumps(first.cells)
        second, _ = grade(pool, nbformat.from_dict(json.loads(json.dumps(nb))))
        assert json.dumps(second.cells) == first


def _plain(text):
    return re.sub(r"\x1b\[[0-9;]*m", "", text)


def _divide(numerator):
    denominator = numerator - numerator
    return numerator / denominator


class TestTracebacks:
    def test_one_lexer_colours_a_traceback_exactly_as_stack_data(self, monkeypatch):
        import stack_data.core
        import stack_data.utils
        from IPython.core.ultratb import AutoFormattedTB

        from autograder.executor import child

        try:
            _divide(3)
        except ZeroDivisionError as exc:
            info = (type(exc), exc, exc.__traceback__)
        formatter = AutoFormattedTB(mode="Context", theme_name="linux")
        monkeypatch.setattr(stack_data.core, "_pygmented_with_ranges",
                            stack_data.utils._pygmented_with_ranges)
        theirs = formatter.structured_traceback(*info)
        child._highlight_with_one_lexer()
        assert stack_data.core._pygmented_with_ranges is not stack_data.utils._pygmented_with_ranges
        ours = formatter.structured_traceback(*info)
        again = AutoFormattedTB(mode="Context", theme_name="linux").structured_traceback(*info)
        other = AutoFormattedTB(mode="Context", theme_name="lightbg").structured_traceback(*info)
        assert ours == theirs
        assert again == theirs  # from the kept highlighting
        assert other != theirs  # another theme is not served from the kept one
        text = "\n".join(ours)
        assert "\x1b[" in text and "numerator / denominator" in _plain(text)

    def test_a_failing_cell_keeps_its_coloured_traceback(self, pool):
        nb, _ = grade(pool, notebook("def f(n):\n    return n / 0\nf(1)"))
        error = nb.cells[0].outputs[0]
        assert (error.ename, error.evalue) == ("ZeroDivisionError", "division by zero")
        text = "\n".join(error.traceback)
        assert "return n / 0" in _plain(text) and "\x1b[" in text


BAD_CASES = [
    pytest.param("import sys; sys.exit(3)", "sys.exit() called in cell 2", ["SystemExit"], True,
                 id="sys-exit"),
    pytest.param("raise KeyboardInterrupt", "KeyboardInterrupt raised in cell 2",
                 ["KeyboardInterrupt"], True, id="keyboard-interrupt"),
    pytest.param("import os; os._exit(0)", "kernel died: exit code 0 via os._exit",
                 ["DeadKernelError"], False, id="os-exit"),
    pytest.param("import ctypes; ctypes.string_at(0)", "killed by signal SIGSEGV",
                 ["DeadKernelError"], False, id="segfault"),
    pytest.param("while True:\n    pass", "timeout after 2 s in cell 2", ["CellTimeoutError"],
                 False, id="infinite-loop"),
    pytest.param("hog = bytearray(4 << 30)", "memory limit 1 GiB exceeded in cell 2",
                 ["MemoryError"], True, id="memory-hog"),
    pytest.param("for i in range(200_000):\n    print('x' * 50)", "output truncated at",
                 [], True, id="10-mb-of-output"),
    pytest.param("import boto3\nboto3.client = lambda *a, **k: None",
                 "tampering: boto3.client was replaced in cell 2", [], True, id="patch-boto3"),
    pytest.param("import labs.checks.s3\nlabs.checks.s3.require = lambda *a: None",
                 "tampering: labs.checks.s3.require was replaced in cell 2", [], True,
                 id="patch-lab-checks"),
    pytest.param("import botocore.client\n"
                 "botocore.client.BaseClient._make_api_call = lambda *a: {}",
                 "tampering: botocore.client.BaseClient._make_api_call was replaced in cell 2",
                 [], True, id="patch-botocore"),
]


class TestBadSubmissions:
    @pytest.mark.parametrize("source, reason, errors, rest_runs", BAD_CASES)
    def test_ends_with_a_reason_and_marks_the_rest(self, pool, source, reason, errors, rest_runs):
        """The bad cell gets its error; later cells run, or say why they did not.

        Only the infinite loop is meant to time out; the others get a timeout no machine
        reaches (10 MB of prints takes seconds on a slow, busy one).
        """
        timeout = 2 if "timeout after" in reason else 120
        nb, summary = grade(pool, notebook("print('before')", source, "print('after')"),
                            timeout=timeout)
        assert reason in summary["reason"]
        assert stdout(nb.cells[0]) == "before\n"
        assert enames(nb.cells[1]) == errors
        if rest_runs:
            assert stdout(nb.cells[2]) == "after\n"
        else:
            assert enames(nb.cells[2]) == ["CellNotExecuted"]
            assert reason.split(" in cell")[0] in nb.cells[2].outputs[0].evalue

    def test_output_is_capped(self, pool):
        nb, summary = grade(pool, notebook("for i in range(200_000):\n    print('x' * 50)"))
        text = stdout(nb.cells[0])
        assert len(text) <= 1_000_000
        assert "output truncated" in nb.cells[0].outputs[-1].text

    def test_helper_redefined_after_a_locked_cell_is_tampering(self, pool):
        nb, summary = grade(pool, notebook("def check_bucket():\n    assert False, 'no bucket'",
                                           "def check_bucket():\n    pass", "check_bucket()",
                                           locked=(0, 2)))
        assert "test helper 'check_bucket' (defined in a locked cell) was redefined in cell 2" \
            in summary["tampering"][0]

    def test_locked_cells_may_patch_without_tampering(self, pool):
        _, summary = grade(pool, notebook("import boto3\nboto3.client = boto3.client", "x = 1"))
        assert summary["tampering"] == []

    def test_pool_survives_a_crash_and_grades_the_next(self, pool):
        grade(pool, notebook("import ctypes; ctypes.string_at(0)"))
        nb, summary = grade(pool, notebook("print(6 * 7)"))
        assert stdout(nb.cells[0]) == "42\n"
        assert "killed" not in (summary["reason"] or "")


@pytest.mark.skipif(not LINUX, reason="Linux namespaces")
class TestIsolation:
    def test_cannot_read_a_file_the_parent_can(self, pool, tmp_path):
        secret = tmp_path / "gradebook.db"
        secret.write_text("hidden answers")
        nb, summary = grade(pool, notebook(f"print(open({str(secret)!r}).read())"))
        assert summary["sandboxed"]
        assert secret.read_text() == "hidden answers"
        assert enames(nb.cells[0]) == ["FileNotFoundError"]

    def test_cannot_read_lab_source_notebooks(self, pool):
        import labs

        sources = sorted(Path(labs.__path__[0]).glob("*/*.ipynb"))
        if not sources:
            pytest.skip("no lab source notebook yet")
        nb, _ = grade(pool, notebook(f"print(len(open({str(sources[0])!r}).read()))"))
        assert stdout(nb.cells[0]) in ("", "0\n")
        assert enames(nb.cells[0]) in ([], ["FileNotFoundError"])

    def test_relative_climb_to_the_course_finds_nothing(self, pool, tmp_path):
        (tmp_path / "gradebook.db").write_text("x")
        student = tmp_path / "autograded" / "alice" / "lab"
        student.mkdir(parents=True)
        (student / "data.csv").write_text("a,b\n")
        nb, _ = grade(pool, notebook("print(open('data.csv').read(), end='')",
                                     "open('../../../gradebook.db').read()"),
                      {"metadata": {"path": str(student)}})
        assert stdout(nb.cells[0]) == "a,b\n"
        assert enames(nb.cells[1]) == ["FileNotFoundError"]

    @pytest.mark.parametrize("path", ["/tmp/escaped.txt", "/usr/escaped.txt", "{tmp}/escaped.txt"])
    def test_cannot_write_outside_its_folder(self, pool, tmp_path, path):
        path = path.format(tmp=tmp_path)
        nb, _ = grade(pool, notebook(f"open({path!r}, 'w').write('x')", "open('mine.txt', 'w')"))
        assert enames(nb.cells[0]) in (["OSError"], ["FileNotFoundError"], ["PermissionError"])
        assert enames(nb.cells[1]) == []
        assert not os.path.exists(path)

    def test_no_network_not_even_to_a_parent_listening_on_loopback(self, pool):
        with socket.socket() as server:
            server.bind(("127.0.0.1", 0))
            server.listen()
            port = server.getsockname()[1]
            nb, _ = grade(pool, notebook(
                "import socket\nsocket.create_connection(('127.0.0.1', %d), timeout=2)" % port))
        assert len(enames(nb.cells[0])) == 1  # ENETUNREACH, or labs.guard's refusal

    def test_submissions_do_not_see_each_other(self, pool):
        one = ["from labs.sandbox import start\naws = start()",
               "aws.s3.create_bucket(Bucket='alice-bucket', CreateBucketConfiguration="
               "{'LocationConstraint': 'ap-northeast-2'})\nopen('alice.txt', 'w').write('a')"]
        two = ["from labs.sandbox import start\naws = start()",
               "import os\nprint([b['Name'] for b in aws.s3.list_buckets()['Buckets']],"
               " os.path.exists('alice.txt'))"]
        nb1, _ = grade(pool, notebook(*one))
        nb2, _ = grade(pool, notebook(*two))
        assert enames(nb1.cells[1]) == []
        assert stdout(nb2.cells[1]) == "[] False\n"

    def test_forced_user_namespace_path_also_isolates(self, pool, tmp_path):
        secret = tmp_path / "secret.txt"
        secret.write_text("s")
        step = WarmExecute(timeout=20)
        nb = notebook(f"open({str(secret)!r})")
        job = {**build_job(nb, {}, step), "userns": True}
        summary = merge_result(nb, job, pool.run(job))
        assert summary["sandboxed"] and "user" in summary["layers"]
        assert enames(nb.cells[0]) == ["FileNotFoundError"]

    @pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("python3.11", path="/usr/bin"),
                        reason="needs root to switch to an unprivileged user")
    def test_unprivileged_user_gets_the_sandbox(self):
        """As uid 65534 (the venv's Python lives under /root, so the system Python runs it)."""
        tmp_path = Path(tempfile.mkdtemp(prefix="unprivileged-"))  # pytest's tmp is root-only
        secret = tmp_path / "secret.txt"
        secret.write_text("s")
        script = textwrap.dedent(f"""
            import json, os, socket, sys
            sys.path.insert(0, {str(REPO / 'autograder' / 'executor')!r})
            import isolation
            work, root = sys.argv[1], sys.argv[2]
            plan = isolation.SandboxPlan(workdir=work, readable=("/usr", "/bin", "/lib", "/lib64"))
            state = isolation.SandboxState()
            isolation.enter_namespaces(plan, state)
            r, w = os.pipe()
            if os.fork() == 0:
                isolation.build_root(plan, root, state)
                out = {{"sandboxed": state.sandboxed, "layers": state.layers, "reason": state.reason,
                       "uid": os.getuid(), "read": os.path.exists({str(secret)!r})}}
                try:
                    socket.create_connection(("127.0.0.1", 22), timeout=2); out["net"] = True
                except OSError:
                    out["net"] = False
                try:
                    open("/usr/x", "w"); out["write"] = True
                except OSError:
                    out["write"] = False
                os.write(w, json.dumps(out).encode()); os._exit(0)
            os.close(w); os.wait(); print(os.read(r, 65536).decode())
        """)
        base = tmp_path / "job"
        (base / "work").mkdir(parents=True)
        (base / "root").mkdir()
        shutil.chown(base / "work", 65534, 65534)
        os.chmod(tmp_path, 0o755)
        (base / "run.py").write_text(script)
        done = subprocess.run(["/usr/bin/python3.11", str(base / "run.py"), str(base / "work"),
                               str(base / "root")], capture_output=True, text=True, user=65534,
                              group=65534, extra_groups=[], timeout=60)
        shutil.rmtree(tmp_path, ignore_errors=True)
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert result == {"sandboxed": True, "reason": None, "uid": 65534, "read": False,
                          "net": False, "write": False,
                          "layers": ["net", "user", "pid", "mount", "fs", "no-caps"]}


@pytest.mark.slow
class TestBuiltBackends:
    """A zygote that builds EC2's backend once still gives every submission a fresh sandbox."""

    def test_each_submission_starts_from_a_fresh_ec2(self):
        nb = notebook("from labs.sandbox import start; aws = start()",
                      "ec2 = aws.ec2\n"
                      "print(len(ec2.describe_vpcs()['Vpcs']))\n"
                      "ec2.create_vpc(CidrBlock='10.9.0.0/16')\n"
                      "print(len(ec2.describe_vpcs()['Vpcs']))\n"
                      "print(len(ec2.describe_images(Owners=['amazon'], MaxResults=5)['Images']) > 0)")
        with ZygotePool(1, backends=["ec2"]) as built:
            seen = [stdout(grade(built, nbformat.from_dict(json.loads(json.dumps(nb))), timeout=60)[0].cells[1])
                    for _ in range(2)]
        # The default VPC only, then the student's: the first submission's VPC is gone.
        assert seen == ["1\n2\nTrue\n", "1\n2\nTrue\n"]

    def test_default_pool_is_replaced_by_one_with_the_backends(self, monkeypatch):
        started = []

        class FakePool:
            def __init__(self, workers, backends=()):
                self.backends, self._closed = tuple(backends), False
                started.append(self.backends)

            def shutdown(self):
                self._closed = True

        monkeypatch.setattr(pool_module, "ZygotePool", FakePool)
        monkeypatch.setattr(pool_module, "_default", None)
        first = pool_module.default_pool(1)
        assert pool_module.default_pool(1) is first
        second = pool_module.default_pool(1, backends=["ec2"])
        assert first._closed and second.backends == ("ec2",)
        assert pool_module.default_pool(1) is second  # no backends asked: the built one serves
        assert started == [(), ("ec2",)]
        monkeypatch.setattr(pool_module, "_default", None)


class TestWarmExecuteStep:
    def test_preprocess_fills_resources(self, pool, monkeypatch):
        monkeypatch.setattr(pool_module, "default_pool", lambda workers=None, **options: pool)
        nb = notebook("print('hi')", "import os; os._exit(1)", "print('never')")
        nb, resources = WarmExecute(timeout=20).preprocess(nb, {})
        summary = resources["warm_execute"]
        assert set(summary) >= {"sandboxed", "reason", "seconds"}
        assert summary["reason"].endswith("kernel died: exit code 1 via os._exit")
        assert summary["seconds"] > 0
        assert enames(nb.cells[2]) == ["CellNotExecuted"]

    def test_phases_account_for_the_run(self, pool, monkeypatch):
        from autograder.executor.zygote import PHASES

        monkeypatch.setattr(pool_module, "default_pool", lambda workers=None, **options: pool)
        nb, resources = WarmExecute(timeout=20).preprocess(notebook("print('hi')"), {})
        phases = resources["warm_execute"]["phases"]
        assert list(phases) == ["execute"] + [name for name, _ in PHASES]
        assert all(seconds >= 0 for seconds in phases.values())
        # The zygote's phases split its own run, which the wait for it contains.
        inside = sum(seconds for name, seconds in phases.items() if name != "execute")
        assert inside == pytest.approx(resources["warm_execute"]["seconds"])
        assert phases["execute"] >= inside
        assert phases["cells"] > 0

    def test_unsandboxed_run_warns_loudly(self, pool, monkeypatch):
        monkeypatch.setattr(pool_module, "default_pool", lambda workers=None, **options: pool)
        with pytest.warns(UnsandboxedWarning, match="UNSANDBOXED"):
            nb, resources = WarmExecute(sandbox=False).preprocess(notebook("print(1)"), {})
        assert resources["warm_execute"]["sandboxed"] is False
        assert resources["warm_execute"]["reason"].startswith("UNSANDBOXED")
        assert stdout(nb.cells[0]) == "1\n"


def test_the_zygote_imports_nothing_of_the_grading_side():
    # The zygote starts as `python -m autograder.executor.zygote`; nbgrader and nbformat
    # (with jsonschema's format checkers) were 1.4 s of its warm-up and it uses neither.
    probe = ("import contextlib, io, sys; from autograder.executor import zygote; "
             "zygote.warm_up(list(zygote.DEFAULT_SERVICES)); "
             "print(sorted(m for m in ('nbgrader', 'nbformat', 'jsonschema') if m in sys.modules))")
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=REPO, timeout=300)
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip().splitlines()[-1] == "[]"


def test_the_executor_package_still_offers_every_name():
    import autograder.executor as executor

    for name in executor.__all__:
        assert getattr(executor, name) is not None
    with pytest.raises(AttributeError, match="no_such_name"):
        executor.no_such_name  # noqa: B018


def test_a_pool_warms_one_zygote_and_forks_the_others_from_it():
    with ZygotePool(3) as zygotes:
        first, *clones = zygotes._all
        ready = [z.wait_ready() for z in zygotes._all]
        assert "cloned_from" not in ready[0] and ready[0]["warm_seconds"] > 0
        assert [r["cloned_from"] for r in ready[1:]] == [ready[0]["pid"]] * 2
        assert len({r["pid"] for r in ready}) == 3
        nb = notebook("print(6 * 7)")
        outputs = set()
        for _ in range(6):  # every zygote runs jobs: each takes the next free one
            job = build_job(nb, {}, WarmExecute())
            result = zygotes.run(job)
            outputs.add(result["cells"]["0"]["outputs"][0]["text"])
        assert outputs == {"42\n"}
        clone_pid = ready[1]["pid"]
    # Closed with the pool: a clone is no child of ours, so look for its process. Where no
    # init reaps orphans (a container whose PID 1 is python) it stays a zombie: ended too.
    def running() -> bool:
        try:
            with open(f"/proc/{clone_pid}/status") as status:
                return "\nState:\tZ" not in status.read()
        except FileNotFoundError:
            return False

    deadline = time.monotonic() + 60
    while running() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not running()


def test_a_dead_clone_is_replaced_and_its_job_says_why():
    import signal

    with ZygotePool(2) as zygotes:
        clone = zygotes._all[1]
        os.kill(clone.wait_ready()["pid"], signal.SIGKILL)
        nb = notebook("print('after')")
        deaths = [zygotes.run(build_job(nb, {}, WarmExecute())).get("death") for _ in range(3)]
        assert any(d and "grader process failed" in d for d in deaths)
        assert deaths[-1] is None
        assert clone not in zygotes._all


def test_each_submission_finds_the_sandbox_at_one_address_with_clients_made_before_the_fork():
    probe = ("from labs import sandbox\naws = sandbox.start()\n"
             "print(aws.endpoint, aws.s3 is sandbox._prepared.clients['s3'])\n"
             "aws.s3.create_bucket(Bucket='kit-probe', CreateBucketConfiguration={'LocationConstraint': aws.region})\n"
             "print([b['Name'] for b in aws.s3.list_buckets()['Buckets']])")
    with ZygotePool(2) as zygotes:
        for _ in range(2):  # the first zygote and its clone
            result = zygotes.run(build_job(notebook(probe), {}, WarmExecute()))
            assert result["sandboxed"], result["sandbox_reason"]
            text = result["cells"]["0"]["outputs"][-1]["text"]
            assert text.splitlines()[-2:] == ["http://127.0.0.1:4566 True", "['kit-probe']"], result
