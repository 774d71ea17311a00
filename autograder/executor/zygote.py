"""The warm zygote: one process that imports and warms everything once, then forks per submission.

Run as ``python -m autograder.executor.zygote '<json config>'`` by :mod:`.pool`; it speaks
newline-delimited JSON on stdin and on the stdout it had at start (stray prints from imported
code go to stderr instead):

    <- {"t": "ready", "pid": int, "warm_seconds": float, "readable": [...], "hidden": [...]}
    -> {"op": "run", "job": {...}}         (job fields: see pool.build_job)
    <- {"t": "result", ...}                (see run_job)

Once warm it forks a copy of itself for each pair of pipe ends in the config's ``clones``
(:func:`_clone`); a copy speaks the same protocol on those pipes, and its ready line adds
``"cloned_from": pid``.

Per job: a fresh working folder (the submission's files but its notebooks copied in), two
pipes, and ``fork`` → relay → PID 1 of the new namespaces, which isolates itself and runs the
student's cells (:mod:`.child`).

The relay is the trusted side. It unshares a network namespace, forks the sandbox server
(moto in server mode, :class:`labs.server.ServerThread`) on its loopback at ``SANDBOX_URL``,
the same address in every job, then unshares a PID namespace and forks the student's process:
the student reaches moto's state only through the AWS API, and cannot see, signal or trace
the relay or the server (another PID namespace). When the student's process has ended (and
with it every process it started), the relay runs the graded test cells against that final
state (:func:`.child.run_checks`). It reports over a pipe of its own that the student never
holds; the student's pipe carries only its cells' outputs.

The zygote enforces the per-cell wall-clock timeout: on the student's cells by killing the
whole PID namespace (the checks still run), on a check by killing the relay.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import select
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import dataclass

from . import child, isolation
from .watch import Watch, library_targets

SYSTEM_READABLE = ("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64", "/libx32")
STARTUP_SECONDS = 30  # sandbox set-up before the first cell; generous for a loaded machine
KILL_GRACE_SECONDS = 10
MAX_COPY_BYTES = 100 << 20
DEFAULT_SERVICES = ("s3", "ec2", "iam", "sts")  # the moto extras the kit installs
#: Where the sandbox server listens inside a submission's own network namespace: the same
#: address in every fork, so the clients the zygote makes ahead of time fit every submission.
SANDBOX_PORT = 4566
SANDBOX_URL = f"http://127.0.0.1:{SANDBOX_PORT}"


@dataclass
class Warm:
    """What every fork inherits: the built shell, the watch list and the sandbox paths."""

    shell: child.GradingShell
    watch: Watch
    readable: tuple[str, ...]
    hidden: tuple[str, ...]


def warm_up(services: list[str], backends: list[str] = ()) -> Warm:
    """Import, build and exercise everything a lab needs, so each fork starts hot.

    ``backends`` (e.g. ``["ec2"]``) are moto backends built after the warm-up's reset, in the
    state a fresh sandbox has: every fork then starts with them built instead of building
    them in each submission's server (see :func:`_build_backends`).
    """
    os.environ.update(AWS_ACCESS_KEY_ID="testing", AWS_SECRET_ACCESS_KEY="testing",
                      AWS_SESSION_TOKEN="testing", AWS_DEFAULT_REGION="ap-northeast-2")
    import boto3  # noqa: F401
    import botocore  # noqa: F401
    import moto  # noqa: F401

    with contextlib.redirect_stdout(io.StringIO()):  # sandbox.start() greets the learner
        return _warm_up(services, backends)


def _warm_up(services: list[str], backends=()) -> Warm:
    targets = library_targets("labs")  # imports every labs.* module, guard and sandbox included
    try:
        from labs import sandbox, server
    except ImportError:
        sandbox = None
    if sandbox is not None and hasattr(sandbox, "start"):
        # The path a lab takes, through a server thread as in grading: botocore's HTTP path,
        # the shared data loader, flask's routing and moto's S3 code paths stay warm.
        thread = server.ServerThread()
        os.environ[server.URL_VARIABLE] = thread.start()
        try:
            aws = sandbox.start()
            try:
                _exercise(services, aws.client, sandbox.check_client)
                aws.reset()
                _build_backends(backends, aws.client)
            finally:
                sandbox.stop()
        finally:
            thread.stop()  # no thread may be running when the zygote forks
            os.environ.pop(server.URL_VARIABLE, None)
            os.environ.pop("AWS_ENDPOINT_URL", None)
        if hasattr(sandbox, "prepare_clients"):
            sandbox.prepare_clients(SANDBOX_URL, services)
    else:
        import boto3
        import moto

        with moto.mock_aws():
            make = lambda name: boto3.client(name, region_name="ap-northeast-2")  # noqa: E731
            _exercise(services, make, make)
    shell = child.make_shell()
    _warm_shell(shell)
    readable, hidden = sandbox_paths()
    return Warm(shell=shell, watch=Watch(targets), readable=readable, hidden=hidden)


def _build_backends(backends, make_client) -> None:
    """Build moto backends in their fresh state, with read-only calls after the reset.

    EC2's backend loads ~1 300 AMIs (and a default VPC) when first used: ~1 s and ~150 MB
    in every EC2 submission's server otherwise. Built here, forks share those pages
    (``gc.freeze``) and copy only what a submission changes. Only reads are made, so each
    submission starts from exactly what a fresh sandbox holds.
    """
    for name in backends:
        if name == "ec2":
            client = make_client("ec2")
            client.describe_vpcs()
            client.describe_images(Owners=["amazon"], MaxResults=5)


def _exercise(services, make_client, make_fresh) -> None:
    """One client per service; S3 through a lab's usual calls (EC2's backend is left cold
    here; :func:`_build_backends` builds it when the course's labs need it)."""
    from botocore.exceptions import ClientError

    for name in services:
        client = make_client(name)
        # A client's first paginator loads the service's paginator model (and lists every
        # service botocore knows, ~500 folders): ~10 ms in each fork otherwise.
        client.can_paginate(next(iter(client.meta.method_to_api_mapping)))
        if name == "s3":
            bucket = "warm-up-bucket"
            client.create_bucket(Bucket=bucket, CreateBucketConfiguration={
                "LocationConstraint": "ap-northeast-2"})
            client.put_bucket_versioning(Bucket=bucket,
                                         VersioningConfiguration={"Status": "Enabled"})
            client.put_object(Bucket=bucket, Key="a.txt", Body=b"x", Metadata={"k": "v"},
                              StorageClass="STANDARD_IA")
            client.get_object(Bucket=bucket, Key="a.txt")["Body"].read()
            client.head_object(Bucket=bucket, Key="a.txt")
            client.list_objects_v2(Bucket=bucket)
            client.delete_object(Bucket=bucket, Key="a.txt")
            client.list_object_versions(Bucket=bucket)
            client.get_bucket_versioning(Bucket=bucket)
            client.get_bucket_location(Bucket=bucket)
            try:  # an error with a body: moto's error serializer warms up too
                client.get_object(Bucket=bucket, Key="no-such-key")
            except ClientError:
                pass
            fresh = make_fresh("s3")
            fresh.list_buckets()
            try:
                fresh.head_bucket(Bucket="no-such-bucket-warm-up")
            except ClientError:
                pass
        elif name == "iam":
            client.list_users()
        elif name == "sts":
            client.get_caller_identity()
    _warm_error_models(services)


def _warm_error_models(services) -> None:
    """moto finds a service's error shapes on its first error by building a botocore session
    and loading the service model (~0.1 s, in every fork, for every failing submission); do
    it here once, for every service, without building a backend (EC2's is left cold)."""
    try:
        from moto.core.utils import get_service_model, service_name_from_moto_package_name
    except ImportError:
        return
    for name in services:
        try:
            get_service_model(service_name_from_moto_package_name(name.replace("-", "")))
        except Exception:  # a service moto doesn't model: nothing to warm
            continue


def _warm_shell(shell) -> None:
    """Format one traceback (IPython's first costs ~0.1 s), then start the shell afresh."""
    shell.sink = child._Sink(1 << 20, 1 << 20)
    shell.run_cell("def _f():\n    return 1 / 0\n_f()", store_history=True)
    shell.run_cell("import boto3\nboto3.client('s3').head_bucket(Bucket='x')", store_history=True)
    shell.run_cell("1", store_history=True)
    shell.reset(new_session=False)
    shell.execution_count = 1
    shell.sink = child._Sink(0, 0)


def sandbox_paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(readable, hidden): system and Python trees; lab notebooks and lab folders hidden."""
    prefixes = {os.path.realpath(p) for p in (sys.prefix, sys.base_prefix, sys.exec_prefix)}
    readable = list(SYSTEM_READABLE) + [sys.prefix, sys.base_prefix, sys.exec_prefix]
    for entry in sys.path:
        real = os.path.realpath(entry) if entry else ""
        if real and os.path.isdir(real) and any(real.startswith(p + os.sep) for p in prefixes):
            readable.append(entry)
    hidden = []
    for package, hide_data in (("labs", True), ("course", False)):
        module = sys.modules.get(package)
        for folder in getattr(module, "__path__", []):
            readable.append(folder)
            hidden += _lab_sources(folder) if hide_data else []
    return tuple(readable), tuple(hidden)


def _lab_sources(folder: str) -> list[str]:
    """Source notebooks (hidden tests) and lab folders: everything in ``labs`` but its code."""
    hidden = []
    for here, dirs, files in os.walk(folder):
        for name in list(dirs):
            path = os.path.join(here, name)
            if name != "__pycache__" and not os.path.exists(os.path.join(path, "__init__.py")):
                hidden.append(path)
                dirs.remove(name)
        hidden += [os.path.join(here, f) for f in files if f.endswith(".ipynb")]
    return hidden


def run_job(job: dict, warm: Warm) -> dict:
    """Run one notebook in a fresh isolated child; always returns a result, never raises."""
    started = time.monotonic()
    jobdir = tempfile.mkdtemp(prefix="warm-execute-")
    workdir, scratch = os.path.join(jobdir, "work"), os.path.join(jobdir, "root")
    os.mkdir(workdir)
    os.mkdir(scratch)
    try:
        notes = _copy_inputs(job.get("source_dir"), workdir)
        plan = isolation.SandboxPlan(
            workdir=workdir, readable=warm.readable + tuple(job.get("readable", ())),
            hidden=warm.hidden + tuple(job.get("hidden", ())),
            memory_bytes=job.get("memory_limit"), cpu_seconds=job.get("cpu_limit"),
            file_bytes=job.get("file_limit"), disk_bytes=job.get("disk_limit"),
            userns=job.get("userns"))
        read_end, write_end = os.pipe()  # the student's word
        trust_read, trust_write = os.pipe()  # the relay's
        pid = os.fork()
        if pid == 0:
            try:
                os.close(read_end)
                os.close(trust_read)
                _relay(job, write_end, trust_write, plan, scratch, warm)
            finally:
                os._exit(70)
        os.close(write_end)
        os.close(trust_write)
        result = _collect(read_end, trust_read, pid, job)
        os.close(read_end)
        os.close(trust_read)
        result["notes"] = notes + result["notes"]
    finally:
        shutil.rmtree(jobdir, ignore_errors=True)
    result["seconds"] = time.monotonic() - started
    result["phases"] = _phases(result.pop("marks"), started, started + result["seconds"])
    return result


def _copy_inputs(source_dir: str | None, workdir: str) -> list[dict]:
    """Copy the submission's own files (never symlinks, never notebooks) into the working folder.

    Notebooks stay out: the one being graded holds the restored hidden tests.
    """
    if not source_dir or not os.path.isdir(source_dir):
        return []
    total, jobdir = 0, os.path.dirname(workdir)
    for here, dirs, files in os.walk(source_dir):
        dirs[:] = [d for d in dirs if not os.path.islink(os.path.join(here, d))
                   and os.path.join(here, d) != jobdir]
        rel = os.path.relpath(here, source_dir)
        os.makedirs(os.path.join(workdir, rel), exist_ok=True)
        for name in files:
            src = os.path.join(here, name)
            if os.path.islink(src) or not os.path.isfile(src) or name.endswith(".ipynb"):
                continue
            total += os.path.getsize(src)
            if total > MAX_COPY_BYTES:
                return [{"kind": "truncated", "text": "submission files over 100 MiB: "
                                                      "not all were copied to the working folder"}]
            shutil.copyfile(src, os.path.join(workdir, rel, name))
    return []


def _relay(job, fd, trust_fd, plan, scratch, warm) -> None:
    """The trusted side: namespaces, the sandbox server, the student's process, the checks."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    state = isolation.SandboxState()
    if job.get("sandbox", True):
        isolation.enter_network_namespace(plan, state)
    else:
        state.reason = "sandbox disabled by configuration"
    # Forked before the PID namespace exists: the student can't see the server's PID.
    # In a network namespace of its own the port is always free; without one, any free port.
    server_pid, url = _start_server(plan, SANDBOX_PORT if state.reason is None else 0)
    if job.get("sandbox", True):
        isolation.enter_pid_namespace(state)
    go_read, go_write = os.pipe()
    gpid = os.fork()
    if gpid == 0:
        try:
            os.close(go_write)
            os.close(trust_fd)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            isolation.set_parent_death_signal()
            # A session of its own: kill(0) would otherwise signal the relay, the server and
            # the zygote, which share the zygote's process group across PID namespaces.
            os.setsid()
            child.run_submission(job, fd, go_read, warm.shell, warm.watch, plan, state, scratch)
        finally:
            os._exit(71)
    send = child.sender(trust_fd)
    child.keep_only_fds(trust_fd, go_write)
    send({"t": "pid", "pid": gpid, "ns": state.namespaces})
    try:
        os.write(go_write, (url + "\n").encode())
    except OSError:
        pass  # the child is already gone; its end is reported below
    os.close(go_write)
    _, status = os.waitpid(gpid, 0)
    send({"t": "exit", "status": status})
    try:
        if job.get("checks_dir"):
            child.run_checks(job, warm.shell, url, send)
        send({"t": "checked"})
    finally:
        if server_pid:
            os.kill(server_pid, signal.SIGKILL)
    os._exit(0)


def _start_server(plan, port: int = 0) -> tuple[int, str]:
    """Fork the sandbox server (moto, :class:`labs.server.ServerThread`); (pid, URL).

    (0, "") if the course has no ``labs.server``.
    """
    try:
        from labs.server import ServerThread
    except ImportError:
        return 0, ""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            isolation.set_parent_death_signal()
            child.keep_only_fds(write_end)
            if plan.memory_bytes is not None:  # the student's uploads land in this process
                isolation.apply_limits(isolation.SandboxPlan(
                    workdir=plan.workdir, memory_bytes=2 * plan.memory_bytes, cpu_seconds=None,
                    file_bytes=None))
            url = ServerThread(port).start()
            os.write(write_end, (url + "\n").encode())
            os.close(write_end)
            while True:
                signal.pause()
        finally:
            os._exit(72)
    os.close(write_end)
    url = child._read_line(read_end)
    os.close(read_end)
    return pid, url


#: Where a job's time goes, as (phase, the mark that ends it), in order; see :func:`_phases`.
PHASES = (("setup", "pid"), ("isolate", "sandbox"), ("cells", "done"), ("exit", "exit"),
          ("checks setup", "checking"), ("checks", "checked"), ("teardown", "end"))


def _phases(marks: dict, started: float, ended: float) -> dict[str, float]:
    """Seconds per phase: setup (working folder, relay, namespaces, server, fork), isolate
    (the child's limits and root), cells, exit, checks setup, checks, teardown. A phase
    whose end was never seen (the child died) counts into the next one seen."""
    marks = {**marks, "end": ended}
    phases, last = {}, started
    for name, mark in PHASES:
        at = marks.get(mark)
        if at is not None and at >= last:
            phases[name] = at - last
            last = at
        else:
            phases[name] = 0.0
    return phases


def _collect(fd: int, trust_fd: int, relay: int, job: dict) -> dict:
    """Read both pipes, enforce timeouts and the output cap, describe the ending.

    From the student's pipe only outputs of the cells the child was given are taken, and
    only the first ``sandbox`` report (sent before any student code ran). How the child
    ended and how far the checks got come from the relay's pipe.
    """
    cell_timeout = job.get("timeout")
    cap = job["max_notebook_output"] * 2 + (1 << 20)
    wanted = {str(c["index"]) for c in job["cells"]}
    res = {"t": "result", "cells": {}, "notes": [], "sandboxed": False, "sandbox_reason": None,
           "layers": [], "running": None, "done": False, "death": None, "checked": [],
           "checking": None, "check_death": None, "marks": {}}
    marks = res["marks"]  # when each step was first seen, for the phase breakdown
    gpid, in_ns, status, received = None, False, None, 0
    buffers = {fd: b"", trust_fd: b""}
    open_fds = [fd, trust_fd]
    deadline = time.monotonic() + STARTUP_SECONDS
    killed_for = None
    checks_over = False
    sandbox_seen = False
    started: set = set()
    while trust_fd in open_fds:
        wait = None if deadline is None else max(0.0, deadline - time.monotonic())
        ready, _, _ = select.select(open_fds, [], [], wait)
        if not ready:
            if status is not None:  # a check ran out of time: stop the relay
                res["check_death"] = (f"timeout after {cell_timeout} s in "
                                      f"{_label(job, res['checking'], 'the checks')}")
                _kill_relay(relay)
                deadline = None
                continue
            if killed_for is not None:
                _kill_relay(relay)  # killed and still silent: give up on this child
                deadline = None
                continue
            where = _label(job, res["running"])
            killed_for = (f"timeout after {cell_timeout} s in {where}" if res["running"] is not None
                          else "timeout while setting up the sandbox")
            _kill(relay, gpid, in_ns)
            deadline = time.monotonic() + KILL_GRACE_SECONDS
            continue
        for source in ready:
            data = os.read(source, 1 << 20)
            if not data:
                open_fds.remove(source)
                continue
            if source == fd:
                received += len(data)
                if received > cap:
                    if killed_for is None:
                        killed_for = f"output over {cap:,} bytes: child stopped"
                        _kill(relay, gpid, in_ns)
                        deadline = time.monotonic() + KILL_GRACE_SECONDS
                    continue
            buffers[source] += data
            *lines, buffers[source] = buffers[source].split(b"\n")
            for line in lines:
                msg = _message(line, res)
                if msg is None:
                    continue
                kind = msg["t"]
                if source == trust_fd or kind in ("sandbox", "done"):
                    marks.setdefault(kind, time.monotonic())
                if source == trust_fd:
                    if kind == "pid":
                        gpid, in_ns = int(msg["pid"]), bool(msg["ns"])
                    elif kind == "exit":
                        status = int(msg["status"])
                        deadline = time.monotonic() + STARTUP_SECONDS  # checks set up
                    elif kind == "checking":
                        res["checking"] = msg["i"]
                        deadline = None if cell_timeout is None else time.monotonic() + cell_timeout
                    elif kind == "checked-one":
                        res["checked"].append(msg["i"])
                        res["checking"] = None
                    elif kind == "checked":
                        checks_over = True
                    continue
                if kind == "sandbox" and sandbox_seen:
                    continue
                if kind == "start":
                    # Each cell starts once: repeated "start"s can't stretch the timeout.
                    if str(msg.get("i")) not in wanted or msg.get("i") in started:
                        continue
                    started.add(msg.get("i"))
                sandbox_seen = sandbox_seen or kind == "sandbox"
                _student_message(msg, res, wanted)
                if kind == "start" and killed_for is None and status is None:
                    deadline = None if cell_timeout is None else time.monotonic() + cell_timeout
        if checks_over:
            break
    if fd in open_fds and received <= cap:
        # The child is gone: what it wrote is in the pipe, and the pipe's writers are closed.
        _drain(fd, res, wanted, buffers[fd], cap - received)
    try:
        _, relay_status = os.waitpid(relay, 0)
    except ChildProcessError:
        relay_status = 0
    # "done" counts only if every cell it was given reported back.
    res["done"] = res.pop("done_claimed", False) and wanted <= set(res["cells"])
    res["death"] = killed_for or _describe_end(res["done"], status, relay_status, job)
    if job.get("checks_dir") and not checks_over and res["check_death"] is None:
        res["check_death"] = "the checker stopped"
    return res


def _message(line: bytes, res: dict) -> dict | None:
    try:
        msg = json.loads(line)
        msg["t"]
    except (ValueError, KeyError, TypeError):
        res["notes"].append({"kind": "protocol", "text": "unreadable message from child"})
        return None
    return msg


def _student_message(msg: dict, res: dict, wanted: set[str]) -> None:
    kind = msg["t"]
    if kind == "sandbox":
        res["sandboxed"] = bool(msg.get("sandboxed"))
        res["sandbox_reason"], res["layers"] = msg.get("reason"), msg.get("layers", [])
    elif kind == "start":
        res["running"] = msg.get("i")
    elif kind == "cell" and str(msg.get("i")) in wanted:
        res["cells"][str(msg["i"])] = {"execution_count": msg.get("execution_count"),
                                       "outputs": msg.get("outputs", [])}
        res["running"] = None
    elif kind == "note":
        res["notes"].append({"kind": str(msg.get("kind")), "text": str(msg.get("text"))})
    elif kind == "done":
        res["done_claimed"] = True


def _drain(fd: int, res: dict, wanted: set[str], buffer: bytes, room: int) -> None:
    while room > 0:
        ready, _, _ = select.select([fd], [], [], KILL_GRACE_SECONDS)
        data = os.read(fd, 1 << 20) if ready else b""
        if not data:
            break
        room -= len(data)
        buffer += data
        *lines, buffer = buffer.split(b"\n")
        for line in lines:
            msg = _message(line, res)
            if msg is not None and msg["t"] not in ("sandbox", "start"):
                _student_message(msg, res, wanted)


def _kill_relay(relay: int) -> None:
    try:
        os.kill(relay, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _label(job: dict, index, default: str = "setup") -> str:
    for cell in job["cells"] + job.get("checks", []):
        if cell["index"] == index:
            return cell["label"]
    return default


def _kill(relay: int, gpid: int | None, in_ns: bool) -> None:
    """Kill PID 1 of the namespace (the kernel then kills the rest), or the process group."""
    try:
        if gpid is None:
            os.kill(relay, signal.SIGKILL)  # the child dies too: parent-death signal
        elif in_ns:
            os.kill(gpid, signal.SIGKILL)
        else:
            os.killpg(gpid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def _describe_end(done: bool, status: int | None, relay_status: int, job: dict) -> str | None:
    if status is None:
        status = relay_status
        if done and status == 0:
            return None
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU:
            return f"CPU limit {job.get('cpu_limit')} s exceeded"
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return f"killed by signal {name}"
    code = os.WEXITSTATUS(status)
    if done and code == 0:
        return None
    if code == child.PIPE_CLOSED_EXIT:
        return "kernel died: the submission closed the grader's pipe"
    return f"kernel died: exit code {code} via os._exit"


def main(argv: list[str]) -> None:
    config = json.loads(argv[0]) if argv else {}
    commands = sys.stdin.buffer
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # anything imported code prints goes to stderr, not into the protocol
    started = time.monotonic()
    # The warm-up makes objects that live as long as the zygote: collecting while it runs
    # finds nothing to free. One collection at the end does.
    gc.disable()
    warm = warm_up(config.get("services", list(DEFAULT_SERVICES)), config.get("backends", []))
    gc.collect()
    gc.freeze()  # keep the warm heap out of the collector: forks then share its pages
    gc.enable()
    ready = {"t": "ready", "pid": os.getpid(), "readable": warm.readable, "hidden": warm.hidden,
             "warm_seconds": time.monotonic() - started}
    clone = _clone(config.get("clones", []), out)
    if clone is not None:  # this process is a clone: its own pipes, the same warm heap
        commands, out = clone
        ready = {**ready, "pid": os.getpid(), "cloned_from": ready["pid"], "warm_seconds": 0.0}
    out.write(json.dumps(ready) + "\n")
    for line in commands:
        request = json.loads(line)
        if request.get("op") == "run":
            out.write(json.dumps(run_job(request["job"], warm)) + "\n")
        elif request.get("op") == "ping":
            out.write(json.dumps({"t": "pong"}) + "\n")
    out.flush()
    # Nothing is left to do: tearing down the warm heap object by object would only delay
    # the pool that waits for this process to end.
    os._exit(0)


def _clone(pipes: list[list[int]], out) -> tuple | None:
    """Fork a warm copy of this zygote for each (commands, answers) pair of pipe ends.

    The pool makes the pipes before it starts the zygote: a second zygote then costs a fork
    instead of a second warm-up. Each copy double-forks (no zombie waits on this zygote,
    which only reads its own commands), keeps only its own pipe ends, and returns them as
    (command lines, answer stream); the zygote itself returns None.
    """
    every_end = [fd for pair in pipes for fd in pair]
    for commands, answers in pipes:
        pid = os.fork()
        if pid == 0:
            if os.fork() != 0:
                os._exit(0)
            out.close()  # the zygote's own answers: its pool must see them end with it
            null = os.open(os.devnull, os.O_RDONLY)
            os.dup2(null, 0)  # and its commands
            os.close(null)
            for fd in every_end:
                if fd not in (commands, answers):
                    os.close(fd)
            return os.fdopen(commands, "rb"), os.fdopen(answers, "w", buffering=1)
        os.waitpid(pid, 0)
    for fd in every_end:
        os.close(fd)
    return None


if __name__ == "__main__":
    main(sys.argv[1:])
