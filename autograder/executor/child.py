"""Run one submission's code cells in the forked child, as a Jupyter kernel would for nbgrader.

The zygote builds the shell once (:func:`make_shell`); each fork runs :func:`run_submission`,
which never returns. Results go back over a pipe as JSON lines (never pickle: the parent must
not unpickle what student code may have written). Everything on this pipe is the student's
word: the zygote takes cell outputs from it only for the cells it asked for, and scores come
from the trusted checker (:func:`run_checks`, in the relay), never from here:

    {"t": "sandbox", "sandboxed": bool, "reason": str|None, "layers": [...]}
    {"t": "start", "i": cell_index}
    {"t": "cell", "i": cell_index, "execution_count": n, "outputs": [nbformat outputs]}
    {"t": "note", "kind": "tampering"|"truncated"|"exit"|"memory"|"interrupt", "text": str}
    {"t": "done"}

:func:`run_checks` runs the graded test cells in the relay, after the submission's processes
are gone, against the sandbox server's final state; it writes their outputs to a file the
student never sees and reports only progress (``checking``/``checked``) to the zygote.

Outputs follow ipykernel: ``stream`` (consecutive writes merged), ``execute_result``,
``display_data`` and ``error`` with ``ename``/``evalue``/``traceback``; an exception in one cell
is recorded and the next cell still runs (nbgrader's ``allow_errors``).
"""

from __future__ import annotations

import atexit
import io
import json
import os
import sys
import types

from IPython.core.displayhook import DisplayHook
from IPython.core.displaypub import DisplayPublisher
from IPython.core.interactiveshell import InteractiveShell
from traitlets.config import Config

from . import isolation
from .watch import Watch

PIPE_CLOSED_EXIT = 3


class _Sink:
    """Collects one cell's outputs within a byte budget; later output is dropped with a note."""

    def __init__(self, cell_budget: int, notebook_left: int):
        self.outputs: list[dict] = []
        self.budget = min(cell_budget, notebook_left)
        self.cell_budget = cell_budget
        self.used = 0
        self.dropped = 0

    def stream(self, name: str, text: str) -> None:
        text = self._fit(text)
        if not text:
            return
        last = self.outputs[-1] if self.outputs else None
        if last and last["output_type"] == "stream" and last["name"] == name:
            last["text"] += text
        else:
            self.outputs.append({"output_type": "stream", "name": name, "text": text})

    def add(self, output: dict) -> None:
        size = len(json.dumps(output, default=str))
        if self.used + size > self.budget:
            self.dropped += size
            return
        self.used += size
        self.outputs.append(output)

    def clear(self) -> None:
        self.outputs = []

    def _fit(self, text: str) -> str:
        room = self.budget - self.used
        if len(text) > room:
            self.dropped += len(text) - max(room, 0)
            text = text[: max(room, 0)]
        self.used += len(text)
        return text


class _Stream(io.TextIOBase):
    """What ``sys.stdout``/``sys.stderr`` are in the child: writes become ``stream`` outputs."""

    def __init__(self, shell: "GradingShell", name: str):
        self._shell, self.name = shell, name

    def write(self, text) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self._shell.sink.stream(self.name, text)
        return len(text)

    def writable(self) -> bool:
        return True

    @property
    def encoding(self) -> str:
        return "utf-8"


class _ResultHook(DisplayHook):
    """``execute_result`` of a cell's last expression, numbered like the kernel's."""

    def start_displayhook(self):
        self._result = {"output_type": "execute_result", "execution_count": self.prompt_count,
                        "data": {}, "metadata": {}}

    def write_output_prompt(self):
        pass

    def write_format_data(self, format_dict, md_dict=None):
        self._result["data"], self._result["metadata"] = format_dict, md_dict or {}

    def finish_displayhook(self):
        self.shell.sink.add(self._result)


class _Publisher(DisplayPublisher):
    """``display()`` calls become ``display_data``; ``clear_output`` clears the cell."""

    def publish(self, data, metadata=None, source=None, *, transient=None, update=False, **kw):
        self.shell.sink.add({"output_type": "display_data", "data": data,
                             "metadata": metadata or {}})

    def clear_output(self, wait=False):
        self.shell.sink.clear()


class GradingShell(InteractiveShell):
    """An InteractiveShell whose tracebacks become ``error`` outputs, as in ipykernel."""

    sink = _Sink(0, 0)

    def system_piped(self, cmd):
        """``!cmd`` through pipes: IPython's default needs a pty, which the sandbox has none of."""
        import subprocess

        if cmd.rstrip().endswith("&"):
            raise OSError("Background processes are not supported.")
        with subprocess.Popen(self.var_expand(cmd, depth=1), shell=True, executable="/bin/sh",
                              stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT) as proc:
            for line in iter(proc.stdout.readline, b""):
                sys.stdout.write(line.decode("utf-8", "replace"))
            self.user_ns["_exit_code"] = proc.wait()

    system = system_piped

    def _format_exception_for_storage(self, exception, filename=None, running_compiled_code=False):
        """What IPython keeps in ``history_manager.exceptions``, without a second traceback.

        IPython 9 formats every exception twice: for the output, and again for its history,
        which nothing in grading reads. The output's traceback is unchanged.
        """
        return {"ename": type(exception).__name__, "evalue": _text_of(exception), "traceback": []}

    def _showtraceback(self, etype, evalue, stb):
        self.sink.add({"output_type": "error", "ename": str(etype.__name__),
                       "evalue": _text_of(evalue, etype), "traceback": list(stb)})


def _text_of(exception, etype=None) -> str:
    try:
        return str(exception)
    except BaseException:  # a student exception whose __str__ raises
        return f"<unprintable {(etype or type(exception)).__name__}>"


#: Highlighted source of the frames tracebacks showed, by (style, code, executing node): the
#: library frames (botocore's, the checks') recur in nearly every traceback, and those the
#: zygote's warm-up showed are highlighted already in every fork.
_highlighted: dict[tuple, tuple[str, ...]] = {}
_HIGHLIGHTED_MAX = 4096


def _formatter_key(formatter) -> tuple:
    """What decides a formatter's output: its class, its style's rules and other options."""
    key = getattr(formatter, "_course_kit_key", None)
    if key is None:
        rules = tuple(sorted((str(token), str(rule)) for token, rule in formatter.style.styles.items()))
        options = tuple(sorted((name, repr(value)) for name, value in formatter.options.items()
                               if name != "style"))
        key = (type(formatter), getattr(formatter.style, "for_executing_node", False), rules, options)
        formatter._course_kit_key = key
    return key


def _highlight_with_one_lexer() -> None:
    """Make IPython's tracebacks cheap to colour, with the same output.

    stack_data (which IPython uses to show each frame's source) defines a new pygments lexer
    class for every frame it highlights, so pygments compiles its Python grammar again each
    time: ~30 ms a frame, most of what a failing cell costs. Here one lexer class, made
    once, marks the executing node exactly as stack_data's does, and a frame's highlighted
    source is kept for the next traceback that shows it.
    """
    import pygments
    import stack_data.core
    from pygments.lexers import get_lexer_by_name

    if getattr(stack_data.core._pygmented_with_ranges, "one_lexer", False):
        return

    class RangesLexer(type(get_lexer_by_name("python3"))):
        def __init__(self, ranges, **options):
            super().__init__(**options)
            self.ranges = ranges

        def get_tokens(self, text):
            length = 0
            for ttype, value in super().get_tokens(text):
                if any(start <= length < end for start, end in self.ranges):
                    ttype = ttype.ExecutingNode
                length += len(value)
                yield ttype, value

    def pygmented_with_ranges(formatter, code, ranges):
        key = (_formatter_key(formatter), code, tuple(tuple(r) for r in ranges))
        lines = _highlighted.get(key)
        if lines is None:
            try:
                highlighted = pygments.highlight(code, RangesLexer(ranges, stripnl=False), formatter)
            except Exception:  # as stack_data: plain code rather than no traceback
                highlighted = code
            lines = tuple(highlighted.splitlines())
            if len(_highlighted) < _HIGHLIGHTED_MAX:
                _highlighted[key] = lines
        return list(lines)

    pygmented_with_ranges.one_lexer = True
    stack_data.core._pygmented_with_ranges = pygmented_with_ranges


def make_shell() -> GradingShell:
    """The shell the zygote builds once; history off so that no thread or file is opened."""
    _highlight_with_one_lexer()
    config = Config()
    config.HistoryManager.enabled = False
    # instance(): IPython's display() finds the shell through the singleton.
    shell = GradingShell.instance(config=config, displayhook_class=_ResultHook,
                                  display_pub_class=_Publisher, colors="linux")
    # IPython's exit hook resets history and the cwd list; a grading shell keeps neither,
    # and the hook fails noisily when the process's cwd was a temporary folder.
    atexit.unregister(shell.atexit_operations)
    return shell


def run_submission(job: dict, fd: int, go_fd: int, shell: GradingShell, watch: Watch,
                   plan: isolation.SandboxPlan, state: isolation.SandboxState,
                   scratch: str) -> None:
    """Isolate this process, run the job's cells, report over ``fd`` and ``os._exit``.

    ``go_fd`` brings one line from the relay: the sandbox server's URL, once it listens.
    """
    keep_only_fds(fd, go_fd)
    isolation.apply_limits(plan)
    isolation.build_root(plan, scratch, state)
    _set_environment(job.get("env", {}), plan.workdir)
    _use_server(_read_line(go_fd))
    os.close(go_fd)
    os.chdir(plan.workdir)
    guard = _install_guard()
    send = sender(fd)
    reason = state.reason if not state.sandboxed else None
    send({"t": "sandbox", "sandboxed": state.sandboxed, "reason": reason,
          "layers": state.layers + guard})
    watch.set_baseline()
    left = job["max_notebook_output"]
    disk_full = False
    for cell in job["cells"]:
        send({"t": "start", "i": cell["index"]})
        watch.before(cell, shell.user_ns)
        sink = _run_cell(shell, cell["source"], job["max_cell_output"], left)
        left -= sink.used
        send({"t": "cell", "i": cell["index"], "execution_count": shell.execution_count - 1,
              "outputs": sink.outputs})
        for kind, text in _notes(shell, sink, cell, job) + watch.check(cell, shell.user_ns):
            send({"t": "note", "kind": kind, "text": text})
        if not disk_full and _work_dir_full(plan, state):
            disk_full = True
            send({"t": "note", "kind": "disk", "text": (
                f"{cell['label']}: the working folder reached its cap of {plan.disk_bytes >> 20} MiB "
                "in all (WarmExecute.disk_limit); writes beyond it failed with 'No space left on device'")})
    send({"t": "done"})
    os._exit(0)


def _run_cell(shell: GradingShell, source: str, cell_budget: int, left: int) -> _Sink:
    sink = _Sink(cell_budget, left)
    shell.sink = sink
    sys.stdout, sys.stderr = _Stream(shell, "stdout"), _Stream(shell, "stderr")
    try:
        shell.run_cell(source, store_history=True)
    except BaseException as exc:  # raised outside run_code, e.g. by a hostile __del__
        shell._showtraceback(type(exc), exc, [f"{type(exc).__name__}: {exc}"])
    if sink.dropped:
        sink.outputs.append({"output_type": "stream", "name": "stderr",
                             "text": f"\n[output truncated: {sink.dropped:,} more characters "
                                     f"dropped; the limit is {sink.budget:,} per cell]\n"})
    return sink


def _notes(shell, sink: _Sink, cell: dict, job: dict) -> list[tuple[str, str]]:
    where = cell["label"]
    notes = []
    if sink.dropped:
        limit = sink.budget
        notes.append(("truncated", f"output truncated at {_size(limit)} in {where}"))
    for out in sink.outputs:
        if out["output_type"] != "error":
            continue
        if out["ename"] == "MemoryError":
            notes.append(("memory", f"memory limit {_size(job['memory_limit'])} exceeded in {where}"))
        elif out["ename"] == "SystemExit":
            notes.append(("exit", f"sys.exit() called in {where} (recorded as an error)"))
        elif out["ename"] == "KeyboardInterrupt":
            notes.append(("interrupt", f"KeyboardInterrupt raised in {where}"))
    if shell.exit_now:
        shell.exit_now = False
        notes.append(("exit", f"exit() called in {where} (ignored; grading went on)"))
    return notes


def _size(n: int) -> str:
    for unit, factor in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= factor:
            return f"{n / factor:g} {unit}"
    return f"{n} B"


def sender(fd: int):
    def send(message: dict) -> None:
        data = (json.dumps(message, default=str) + "\n").encode()
        try:
            while data:
                data = data[os.write(fd, data):]
        except OSError:
            os._exit(PIPE_CLOSED_EXIT)
    return send


def keep_only_fd(fd: int) -> None:
    """Close every inherited descriptor (gradebook handles, zygote pipes) but ``fd``."""
    keep_only_fds(fd)


def keep_only_fds(*fds: int) -> None:
    """Close every inherited descriptor but ``fds``; 0, 1 and 2 become /dev/null."""
    null = os.open(os.devnull, os.O_RDWR)
    for std in (0, 1, 2):
        os.dup2(null, std)
    if null not in fds and null > 2:
        os.close(null)
    low = 3
    for fd in sorted(set(fds)):
        if fd >= low:
            os.closerange(low, fd)
            low = fd + 1
    os.closerange(low, 65536)


def _read_line(fd: int) -> str:
    data = b""
    while not data.endswith(b"\n"):
        chunk = os.read(fd, 4096)
        if not chunk:
            break
        data += chunk
    return data.decode().strip()


def _use_server(url: str) -> None:
    """Point this process (and its subprocesses) at the relay's sandbox server."""
    if not url:
        return
    os.environ["COURSE_KIT_SANDBOX_URL"] = url
    os.environ["AWS_ENDPOINT_URL"] = url


def run_checks(job: dict, shell: GradingShell, url: str, send) -> None:
    """Run the graded test cells against the sandbox server; write outputs to the job's file.

    Runs in the relay, after the submission's PID namespace is gone: nothing the student
    started can still change the state or this process. The test sources come from a file
    the student's root never held; the outputs go to another such file, written after each
    test so that a check that times out leaves the earlier ones.
    """
    folder = job["checks_dir"]
    with open(os.path.join(folder, "checks.json"), encoding="utf-8") as handle:
        checks = json.load(handle)
    _set_environment(job.get("env", {}), folder)
    _use_server(url)
    _install_guard()
    sandbox = sys.modules.get("labs.sandbox")
    if sandbox is not None:
        sandbox._current = None
    shell.reset(new_session=False)
    shell.execution_count = 1
    _run_cell(shell, "from labs.sandbox import start\naws = start()", 1 << 16, 1 << 16)
    sandbox = sys.modules.get("labs.sandbox")
    results, left = {}, job["max_notebook_output"]
    for check in checks:
        send({"t": "checking", "i": check["index"]})
        if hasattr(sandbox, "checks_read_final_state"):
            # Nothing else can change the sandbox now: a read the checks repeat within a test
            # cell comes from memory; each test cell starts with an empty one.
            sandbox.checks_read_final_state()
        sink = _run_cell(shell, check["source"], job["max_cell_output"], left)
        left -= sink.used
        results[str(check["index"])] = {"execution_count": shell.execution_count - 1,
                                        "outputs": sink.outputs}
        _write_json(os.path.join(folder, "results.json"), results)
        send({"t": "checked-one", "i": check["index"]})


def _write_json(path: str, data) -> None:
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        json.dump(data, handle, default=str)
    os.replace(tmp, path)


def _work_dir_full(plan: isolation.SandboxPlan, state: isolation.SandboxState) -> bool:
    """The size-capped working folder (a tmpfs; see isolation) has less than 1 MiB left."""
    if not plan.disk_bytes or not state.filesystem:
        return False
    try:
        free = os.statvfs(plan.workdir)
    except OSError:
        return False
    return free.f_bavail * free.f_frsize < 1 << 20


def _set_environment(env: dict, workdir: str) -> None:
    os.environ.clear()
    os.environ.update(env)
    tmp = os.path.join(workdir, ".tmp")
    os.makedirs(tmp, mode=0o700, exist_ok=True)
    os.environ.update(HOME=workdir, TMPDIR=tmp, PWD=workdir)
    import tempfile
    tempfile.tempdir = tmp


def _install_guard() -> list[str]:
    guard = sys.modules.get("labs.guard")
    if isinstance(guard, types.ModuleType) and hasattr(guard, "install"):
        guard.install()
        return ["labs.guard"]
    return []
