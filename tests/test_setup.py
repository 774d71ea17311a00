"""The two-command set-up: what `make lab` opens is there, and JupyterLab serves it.

`make test` itself is the proof that set-up works from a fresh clone (CI runs it there);
these tests pin what `make lab` promises: the course kernel, the ipywidgets and nbgrader
extensions, and the start page, served by a real JupyterLab.
"""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from jupyter_client.kernelspec import KernelSpecManager

from .conftest import REPO


def test_course_kernel_is_installed_and_guarded():
    spec = KernelSpecManager().get_kernel_spec("aws-course-kit")
    assert spec.display_name == "Python 3 (AWS sandbox)"
    assert spec.argv[1:3] == ["-m", "labs.kernel"], "the kernel installs the network guard first"
    assert Path(spec.argv[0]).resolve() == Path(sys.executable).resolve()


def test_readme_first_screen_has_the_two_commands_and_next_steps():
    first_screen = "\n".join((REPO / "README.md").read_text(encoding="utf-8").splitlines()[:40])
    for words in ("make lab", "make test", "Learners:", "Instructors:", "00-start-here.ipynb"):
        assert words in first_screen


def test_paths_named_in_readme_and_notebooks_exist():
    texts = [(REPO / "README.md").read_text(encoding="utf-8")]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "course").glob("*.ipynb"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((REPO / "labs").glob("*/*.ipynb"))]
    named = set()
    for text in texts:
        named |= set(re.findall(r"(?<![\w/.])((?:course|labs|autograder|tests)/[\w./-]*\w)", text))
    named = {n for n in named if "<" not in n and "NN-" not in n and "*" not in n}
    missing = sorted(n for n in named if not (REPO / n).exists())
    assert named and not missing, f"named but not in the repository: {missing}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.mark.slow
def test_make_lab_serves_the_start_page_with_widgets_and_nbgrader(tmp_path):
    port = _free_port()
    log = tmp_path / "lab.log"
    env = {**os.environ, "HOME": str(tmp_path), "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime")}
    with log.open("w") as out:
        proc = subprocess.Popen(["make", "lab", f"PORT={port}", "PYTHON=" + sys.executable],
                                cwd=REPO, stdout=out, stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        url = None
        deadline = time.monotonic() + 300  # a first start on a busy, slow machine
        while url is None and time.monotonic() < deadline and proc.poll() is None:
            match = re.search(rf"(http://localhost:{port}/lab\S*\?token=\w+)", log.read_text())
            url = match.group(1) if match else None
            time.sleep(0.2)
        assert url, f"make lab printed no URL:\n{log.read_text()[-2000:]}"
        token = url.split("token=")[1]
        base = f"http://127.0.0.1:{port}"
        extensions = json.load(urllib.request.urlopen(f"{base}/lab/api/extensions?token={token}"))
        enabled = {e["name"] for e in extensions if e["enabled"]}
        assert {"jupyter-widgets-jupyterlab-manager", "jupyter-nbgrader"} <= enabled
        specs = json.load(urllib.request.urlopen(f"{base}/api/kernelspecs?token={token}"))
        assert "aws-course-kit" in specs["kernelspecs"]
        page = json.load(urllib.request.urlopen(f"{base}/api/contents/course/00-start-here.ipynb?token={token}"))
        assert page["content"]["metadata"]["kernelspec"]["name"] == "aws-course-kit"
        assert url.startswith(f"http://localhost:{port}/lab/tree/my-course/00-start-here.ipynb?"), \
            "make lab opens the learner's copy of the start page"
        printed = log.read_text()
        # One short block, not JupyterLab's ~35 log lines (those go to logs/jupyter-lab.log).
        assert "[I " not in printed and "ServerApp]" not in printed, printed
        assert printed.count("http") == 1 and "logs/jupyter-lab.log" in printed
        listing = json.load(urllib.request.urlopen(f"{base}/api/contents?token={token}"))
        assert {"course", "labs", "my-course"} <= {item["name"] for item in listing["content"]}, \
            "the whole course is browsable"
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=30)
    # The server runs in a session of its own; stopping `make lab` must stop it too.
    deadline = time.monotonic() + 60
    while _serving(port) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _serving(port), "JupyterLab outlived make lab"


def _serving(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0
