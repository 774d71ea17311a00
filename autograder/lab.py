"""`make lab`: start JupyterLab with the course settings, log to a file, print one URL.

JupyterLab writes about 35 lines on start; a learner needs one: the address to open.
Everything the server says goes to ``logs/jupyter-lab.log``; the terminal shows a short
block with the real URL (the port JupyterLab really got, and its token).

Usage: ``python -m autograder.lab [jupyter lab options...]``. A ``--LabApp.default_url``
option names the page the URL opens.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CONFIG_DIR = Path(__file__).resolve().parent
LOG_FILE = REPO / "logs" / "jupyter-lab.log"


def lab_url(port: int, token: str, default_url: str = "/lab") -> str:
    """The address a learner opens: localhost, the real port, the page, the token.

    >>> lab_url(8888, "abc", "/lab/tree/my-course/00-start-here.ipynb")
    'http://localhost:8888/lab/tree/my-course/00-start-here.ipynb?token=abc'
    """
    return f"http://localhost:{port}{default_url}?token={token}"


def banner(url: str, log: Path) -> str:
    """The block printed once the server answers."""
    try:
        shown = log.relative_to(REPO)
    except ValueError:
        shown = log
    return (f"\n  The course is open at:\n\n      {url}\n\n"
            f"  Server log: {shown}. Stop with Ctrl-C.\n")


def _default_url(args: list[str]) -> str:
    for arg in args:
        if arg.startswith("--LabApp.default_url="):
            return arg.split("=", 1)[1]
    return "/lab"


def _server_info(pid: int) -> dict | None:
    from jupyter_server.serverapp import list_running_servers

    return next((s for s in list_running_servers() if s.get("pid") == pid), None)


def _stop(signum, _frame):
    # SIGTERM (make killed, `kill`) and SIGHUP (terminal closed) must run the `finally`
    # below: the server runs in a session of its own and would otherwise outlive us.
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _stop)
    LOG_FILE.parent.mkdir(exist_ok=True)
    env = {**os.environ, "JUPYTER_CONFIG_PATH": os.pathsep.join(
        p for p in (str(CONFIG_DIR), os.environ.get("JUPYTER_CONFIG_PATH", "")) if p)}
    jupyter = Path(sys.executable).with_name("jupyter")
    with LOG_FILE.open("w", encoding="utf-8") as log:
        # A session of its own: Ctrl-C reaches this process only, which stops the server
        # with SIGTERM (no "Shutdown this Jupyter server (y/[n])?" prompt lost in the log).
        server = subprocess.Popen([str(jupyter), "lab", *args], stdout=log, stderr=subprocess.STDOUT,
                                  stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        info = None
        while info is None and server.poll() is None:
            time.sleep(0.3)
            info = _server_info(server.pid)
        if info is None:
            tail = LOG_FILE.read_text(encoding="utf-8", errors="replace").splitlines()[-15:]
            print("JupyterLab stopped while starting; the end of its log "
                  f"({LOG_FILE}):\n" + "\n".join(tail), file=sys.stderr)
            return server.returncode or 1
        print(banner(lab_url(info["port"], info["token"], _default_url(args)), LOG_FILE), flush=True)
        return server.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()


if __name__ == "__main__":
    sys.exit(main())
