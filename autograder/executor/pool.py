"""The grading process's side: start warm zygotes, hand them jobs, get results back.

``ZygotePool(workers=2)`` starts one zygote, which warms up once per grading run (~1 s) and
then forks the others from its warm self; :meth:`ZygotePool.run` is thread-safe and blocks
until one of them has run the job. A zygote that dies or stops answering is killed and
replaced; the job comes back as a result whose ``death`` says so, never as an exception that
stops the batch.
"""

from __future__ import annotations

import atexit
import json
import os
import queue
import select
import signal
import subprocess
import sys
import threading
import time

READY_SECONDS = 180  # warm-up on a loaded 2-core machine


class ZygoteError(RuntimeError):
    """The zygote process could not be started or stopped answering."""


class Zygote:
    """One warm zygote process, used by one job at a time.

    ``clones``: how many more zygotes it forks once warm (see :meth:`take_clones`): each costs
    a fork instead of a warm-up of its own (~1 s of CPU, more on a loaded machine).
    """

    def __init__(self, *, services=None, backends=(), python: str = sys.executable, user=None,
                 clones: int = 0):
        config = {} if services is None else {"services": list(services)}
        if backends:
            config["backends"] = list(backends)
        theirs, self._clones = [], []
        for _ in range(clones):
            commands_read, commands_write = os.pipe()
            answers_read, answers_write = os.pipe()
            theirs.append([commands_read, answers_write])
            self._clones.append((commands_write, answers_read))
        if theirs:
            config["clones"] = theirs
        passed = [fd for pair in theirs for fd in pair]
        try:
            self._proc = subprocess.Popen(
                [python, "-m", "autograder.executor.zygote", json.dumps(config)],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, start_new_session=True,
                user=user, close_fds=True, pass_fds=passed)
        finally:
            for fd in passed:
                os.close(fd)
        self._commands, self._answers = self._proc.stdin, self._proc.stdout
        self.ready: dict | None = None

    def take_clones(self) -> list["Clone"]:
        """The zygotes this one forks once warm (each says ready when it is)."""
        clones, self._clones = [Clone(*pair) for pair in self._clones], []
        return clones

    @property
    def pid(self) -> int | None:
        return self._proc.pid

    def wait_ready(self) -> dict:
        if self.ready is None:
            self.ready = self._read(READY_SECONDS, "start")
        return self.ready

    def run(self, job: dict, *, wait_seconds: float) -> dict:
        self.wait_ready()
        try:
            self._commands.write((json.dumps({"op": "run", "job": job}) + "\n").encode())
            self._commands.flush()
        except OSError as exc:
            raise ZygoteError(f"zygote {self.pid} is gone: {exc}") from None
        return self._read(wait_seconds, "answer")

    def _read(self, seconds: float, what: str) -> dict:
        ready, _, _ = select.select([self._answers], [], [], seconds)
        line = self._answers.readline() if ready else b""
        if not line:
            raise ZygoteError(f"zygote {self.pid} did not {what} "
                              f"({self._exit_code()}, waited up to {seconds:.0f} s)")
        return json.loads(line)

    def _exit_code(self) -> str:
        return f"exit code {self._proc.poll()}"

    def close(self) -> None:
        if self._proc.poll() is None:
            try:
                self._commands.close()
                self._proc.wait(timeout=5)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait()
        self._close_streams()
        for pair in self._clones:  # never taken: their zygotes exit on reading the end
            for fd in pair:
                os.close(fd)
        self._clones = []

    def _close_streams(self) -> None:
        for stream in (self._commands, self._answers):
            try:
                stream.close()
            except OSError:
                pass


class Clone(Zygote):
    """A zygote forked from a warm one (``zygote._clone``): the same protocol over pipes the
    pool made. It is not this process's child: it ends when its command pipe closes."""

    def __init__(self, commands: int, answers: int):
        self._proc = None
        self._clones = []
        self._commands, self._answers = os.fdopen(commands, "wb"), os.fdopen(answers, "rb")
        self.ready = None

    @property
    def pid(self) -> int | None:
        return (self.ready or {}).get("pid")

    def _exit_code(self) -> str:
        return "a clone: its exit code goes to no one"

    def close(self) -> None:
        try:
            self._commands.close()
        except OSError:
            pass
        # It exits on reading the end of its commands; its answers then end too.
        ended, _, _ = select.select([self._answers], [], [], 5)
        if self.pid and not (ended and os.read(self._answers.fileno(), 1 << 16) == b""):
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self._close_streams()


class ZygotePool:
    """``workers`` zygotes; use as a context manager or call :meth:`shutdown`.

    ``backends``: moto backends each zygote builds before forking (``["ec2"]``: see
    ``zygote._build_backends``).
    """

    def __init__(self, workers: int = 1, *, services=None, backends=(), user=None):
        self.backends = tuple(backends)
        self._options = {"services": services, "backends": self.backends, "user": user}
        self._free: queue.Queue[Zygote] = queue.Queue()
        self._all: list[Zygote] = []
        self._lock = threading.Lock()
        self._closed = False
        # One warm-up: the other zygotes are forked from the first once it is warm.
        first = self._add(clones=max(1, workers) - 1)
        for clone in first.take_clones():
            self._enlist(clone)
        for zygote in list(self._all):
            zygote.wait_ready()

    def _add(self, clones: int = 0) -> Zygote:
        return self._enlist(Zygote(**self._options, clones=clones))

    def _enlist(self, zygote: Zygote) -> Zygote:
        with self._lock:
            self._all.append(zygote)
        self._free.put(zygote)
        return zygote

    def run(self, job: dict) -> dict:
        """Run one job; on a zygote failure, replace it and return a result saying why."""
        if self._closed:
            raise ZygoteError("the pool was shut down")
        zygote = self._free.get()
        cells = max(1, len(job["cells"]))
        per_cell = job.get("timeout") or 3600
        wait = 60 + cells * (per_cell + 15)
        started = time.monotonic()
        try:
            result = zygote.run(job, wait_seconds=wait)
        except (ZygoteError, ValueError) as exc:
            with self._lock:
                self._all.remove(zygote)
            zygote.close()
            self._add()
            return {"cells": {}, "notes": [], "sandboxed": False, "layers": [],
                    "sandbox_reason": "no child was started", "running": None, "done": False,
                    "death": f"grader process failed: {exc}",
                    "seconds": time.monotonic() - started}
        self._free.put(zygote)
        return result

    @property
    def readable(self) -> list[str]:
        """Paths a submission can read (from the first zygote's sandbox plan)."""
        return list(self._all[0].wait_ready()["readable"])

    def shutdown(self) -> None:
        self._closed = True
        with self._lock:
            zygotes, self._all = self._all, []
        for zygote in zygotes:
            zygote.close()

    def __enter__(self) -> "ZygotePool":
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()


_default: ZygotePool | None = None
_default_lock = threading.Lock()


def zygote_count(workers: int | None = None) -> int:
    """How many zygotes a pool has: ``workers`` if given, else one per core."""
    return workers or os.cpu_count() or 1


def default_pool(workers: int | None = None, backends=()) -> ZygotePool:
    """The module-level pool, started on first use (``workers`` defaults to the core count).

    A pool without all of ``backends`` built is replaced by one with them.
    """
    global _default
    with _default_lock:
        if _default is not None and not set(backends) <= set(_default.backends):
            backends = sorted(set(backends) | set(_default.backends))
            _default.shutdown()
        if _default is None or _default._closed:
            _default = ZygotePool(zygote_count(workers), backends=backends)
        return _default


def shutdown() -> None:
    """Stop the module-level pool's zygotes (also done at interpreter exit)."""
    global _default
    with _default_lock:
        if _default is not None:
            _default.shutdown()
            _default = None


atexit.register(shutdown)
