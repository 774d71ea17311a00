"""The sandbox's AWS: moto in server mode, in a process (or thread) of its own, on loopback.

Learner code never holds moto's state: it reaches it only through the AWS API over HTTP
(boto3 and the AWS CLI, both pointed at it by ``AWS_ENDPOINT_URL``). That is the trust
boundary grading relies on (see ``labs/README.md``): what a notebook does inside its own
process can change the sandbox only through the API.

Two ways to run it:

- :func:`spawn` starts ``python -m labs.server`` as a child process (the learner's kernel and
  the tests do this once per process); it dies when its parent closes the pipe to it.
- :class:`ServerThread` serves from a thread of the calling process (the grader's trusted
  relay does this, in a network namespace the submission shares but a process it cannot see).

Of moto's control routes (``/moto-api/...``), only ``POST /moto-api/reset`` answers: it empties
the sandbox, which a learner could do through the API anyway. The others (seed, state manager,
recorder replay, config, the dashboard) change or reveal state outside the AWS API, so they
answer 403.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time

__all__ = ["ServerThread", "Spawned", "launch", "confirmed", "owns", "make_app", "RESET_PATH", "URL_VARIABLE",
           "ServerError"]

RESET_PATH = "/moto-api/reset"
#: Where a process finds the sandbox it should use; `labs.guard` keeps AWS_ENDPOINT_URL equal to it.
URL_VARIABLE = "COURSE_KIT_SANDBOX_URL"
HOST = "127.0.0.1"
READY_SECONDS = 120  # importing moto and flask on a loaded machine
POLL_SECONDS = 0.05
_REFUSED = (b"This sandbox answers the AWS API only; moto's control routes are closed "
            b"(POST /moto-api/reset is the one that answers).\n")


class ServerError(RuntimeError):
    """The sandbox server could not be started or stopped answering."""


_app = None


def make_app():
    """moto's WSGI app (every service), with its control routes closed but reset.

    Made once per process: moto builds a Flask app per service on its first request
    (~0.1 s each), and the grader's zygote warms them once for every fork.
    """
    global _app
    if _app is None:
        _app = _filtered_app()
    return _app


def _dispatcher():
    """moto's dispatcher of requests to its services, with the list of services made once."""
    from moto import backends
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app

    class Dispatcher(DomainDispatcherApplication):
        # moto lists its package folder (~180 listdir/stat calls) on every request to see
        # whether the host names a service: half of a request's time in the server. The
        # folder does not change while the server runs, so it is listed once.
        modules = frozenset(backends.list_of_moto_modules())

        def get_backend_for_host(self, host):
            if host is None or host == "moto_api" or host in self.modules:
                return host
            for backend, pattern in self.backend_url_patterns:
                if pattern.match(f"http://{host}"):
                    return backend
            return None

    return Dispatcher(create_backend_app)


def _filtered_app():
    inner = _dispatcher()

    def app(environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith("/moto-api") and not (
                path.rstrip("/") == RESET_PATH and environ.get("REQUEST_METHOD") == "POST"):
            start_response("403 Forbidden", [("Content-Type", "text/plain"),
                                             ("Content-Length", str(len(_REFUSED)))])
            return [_REFUSED]
        return inner(environ, start_response)

    return app


class _QuietHandler:
    @staticmethod
    def of(base):
        class Quiet(base):
            def log_request(self, *args, **kwargs):
                pass  # one line per API call would drown the notebook's and the grader's logs

        return Quiet


class ServerThread:
    """moto's server on ``127.0.0.1`` in a daemon thread of this process."""

    def __init__(self, port: int = 0):
        self._port = port
        self._server = None
        self._thread: threading.Thread | None = None

    def start(self) -> str:
        """Start serving; return the endpoint URL, e.g. ``http://127.0.0.1:43121``."""
        from moto.moto_server.werkzeug_app import MotoRequestHandler
        from werkzeug.serving import make_server

        self._server = make_server(HOST, self._port, make_app(), threaded=True,
                                   request_handler=_QuietHandler.of(MotoRequestHandler))
        # stop() waits for the loop to see its request, once per poll: 0.5 s by default,
        # which every grading zygote paid in its warm-up.
        self._thread = threading.Thread(target=self._server.serve_forever, args=(POLL_SECONDS,),
                                        daemon=True, name="aws-sandbox-server")
        self._thread.start()
        return self.endpoint

    @property
    def endpoint(self) -> str:
        return f"http://{HOST}:{self._server.server_address[1]}"

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join()
            self._server = None


class Spawned:
    """A ``python -m labs.server`` child; the endpoint is known once it says it is ready."""

    def __init__(self, env: dict | None = None, port: int = 0):
        self._proc = subprocess.Popen(
            [sys.executable, "-m", "labs.server", str(port)], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env, close_fds=True,
            start_new_session=True)
        self._endpoint: str | None = None
        self._lock = threading.Lock()

    @property
    def pid(self) -> int:
        return self._proc.pid

    def endpoint(self, wait_seconds: float = READY_SECONDS) -> str:
        """Wait until the server listens; return its URL."""
        with self._lock:
            if self._endpoint is None:
                import select

                ready, _, _ = select.select([self._proc.stdout], [], [], wait_seconds)
                line = self._proc.stdout.readline() if ready else b""
                if ready and not line:  # its stdout closed: it is exiting, let it finish
                    try:
                        self._proc.wait(timeout=30)
                    except subprocess.TimeoutExpired:
                        pass
                try:
                    self._endpoint = json.loads(line)["endpoint"]
                except (ValueError, KeyError, TypeError):
                    raise ServerError(
                        f"the AWS sandbox server did not start (exit code {self._proc.poll()}, "
                        f"waited up to {wait_seconds:.0f} s)") from None
            return self._endpoint

    def alive(self) -> bool:
        return self._proc.poll() is None

    def stop(self) -> None:
        if self._proc.poll() is None:
            try:
                self._proc.stdin.close()
                self._proc.wait(timeout=10)
            except (OSError, subprocess.TimeoutExpired):
                self._proc.kill()
                self._proc.wait()


_owned: Spawned | None = None
_owned_url: str | None = None
_avoided: frozenset[int] = frozenset()


def spawn(env: dict | None = None, port: int = 0) -> Spawned:
    """Start a sandbox server process (returns at once; ``.endpoint()`` waits for it)."""
    if env is None:
        from labs.guard import allowed_environment

        env = allowed_environment(os.environ)
    return Spawned(env, port)


def launch(avoid: frozenset[int] = frozenset()) -> str:
    """Start this process's own sandbox server unless it has one; return its URL at once.

    The URL is exported (``COURSE_KIT_SANDBOX_URL`` and ``AWS_ENDPOINT_URL``) so that
    subprocesses such as the AWS CLI use the same sandbox. The server may still be starting:
    `labs.sandbox.start()` waits for it (`confirmed`). ``avoid``: ports that are free now but
    promised to someone else (a kernel's own ports, which it binds after this returns).
    """
    global _owned, _owned_url, _avoided
    _avoided |= avoid  # kept: a server started again (`confirmed`) must avoid them too
    if _owned is None or not _owned.alive():
        port = _free_port(_avoided)
        _owned = spawn(port=port)
        _owned_url = f"http://{HOST}:{port}"
    os.environ[URL_VARIABLE] = _owned_url
    os.environ["AWS_ENDPOINT_URL"] = _owned_url
    return _owned_url


def confirmed(url: str, attempts: int = 3) -> str:
    """``url`` once its server is serving; for a server this process launched, wait for it.

    A port that was free when `launch` chose it can be taken before the server binds it;
    the server then exits, and whatever took the port would swallow the sandbox's requests
    (a kernel's own socket did, once: its first AWS call hung). So this process's own
    server must say it is ready; if it died instead, a new one starts on another port.
    """
    global _owned
    for _ in range(attempts):
        if _owned is None or _owned_url != url:
            return url  # a server someone else runs (the grader's, a test's)
        try:
            _owned.endpoint()
            return url
        except ServerError:
            if _owned.alive():
                raise
            _owned = None
            url = launch()
    raise ServerError(f"the AWS sandbox server did not start after {attempts} attempts")


def owns(url: str) -> bool:
    """True if ``url`` is the server this process launched (and it still runs)."""
    return _owned is not None and _owned_url == url and _owned.alive()


def _free_port(avoid: frozenset[int] = frozenset()) -> int:
    import socket

    while True:
        with socket.socket() as probe:
            probe.bind((HOST, 0))
            port = probe.getsockname()[1]
        if port not in avoid:
            return port


def _die_with_parent() -> None:
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        ctypes.CDLL(None).prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG


def main() -> int:
    """Serve until stdin closes (the parent went away), then exit."""
    _die_with_parent()
    out = os.fdopen(os.dup(1), "w", buffering=1)
    os.dup2(2, 1)  # moto or flask printing must not corrupt the ready line
    started = time.monotonic()
    # EC2's backend loads ~1 300 AMIs on first use; labs that need them say so.
    os.environ.setdefault("MOTO_EC2_LOAD_DEFAULT_AMIS", "true")
    server = ServerThread(int(sys.argv[1]) if len(sys.argv) > 1 else 0)
    endpoint = server.start()
    out.write(json.dumps({"endpoint": endpoint, "pid": os.getpid(),
                          "seconds": time.monotonic() - started}) + "\n")
    try:
        while sys.stdin.buffer.read(1 << 16):
            pass
    except (OSError, KeyboardInterrupt):
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
