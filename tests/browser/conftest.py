"""One JupyterLab and one headless Chromium for the browser tests (per xdist worker).

The server is the kit's own: JupyterLab with `make lab`'s config folder (autograder/ on
JUPYTER_CONFIG_PATH), on loopback, with a token, serving the learner's copies of the
chapters and labs made the way `make lab` makes them, and a course folder that does not
exist yet (a fresh clone). The browser is Debian's /usr/bin/chromium, driven through
Playwright's Python API; Playwright never downloads a browser here.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = REPO / ".pytest-artifacts" / "browser"
# Without these chromium tries to reach Google's services and hangs on a closed network.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Generous: a loaded 2-core machine, three times slower than ours, must still pass.
TIMEOUT_MS = int(os.environ.get("BROWSER_TIMEOUT_MS", 180_000))



@dataclass(frozen=True)
class Lab:
    base: str
    token: str
    root: Path
    classroom: Path
    log: Path

    def url(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.base}{path}{sep}token={self.token}"

    def get(self, path: str, method: str = "GET") -> tuple[int, str]:
        try:
            request = urllib.request.Request(self.url(path), method=method)
            with urllib.request.urlopen(request, timeout=120) as r:
                return r.status, r.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as err:
            return err.code, err.read().decode("utf-8", "replace")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory) -> Lab:
    from autograder.learner_copies import make_learner_copies, sync_chapter_copies

    tmp = tmp_path_factory.mktemp("browser-lab")
    root = tmp / "kit"
    sync_chapter_copies(root / "my-course", REPO / "course")
    make_learner_copies(root / "my-labs")
    # Not there yet: nothing released. Inside the server's root, as classroom/ is in the
    # repository (the formgrader refuses a course folder outside it).
    classroom = root / "classroom"
    assert not classroom.exists()
    port, token = _free_port(), secrets.token_hex(16)
    env = {**os.environ, "JUPYTER_CONFIG_PATH": str(REPO / "autograder"),
           "AWS_COURSE_CLASSROOM": str(classroom), "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp / "workspaces"),
           "JUPYTERLAB_SETTINGS_DIR": str(tmp / "settings")}
    # No "Would you like to get notified about official Jupyter news?" toast over the widgets.
    news = tmp / "settings" / "@jupyterlab" / "apputils-extension" / "notification.jupyterlab-settings"
    news.parent.mkdir(parents=True)
    news.write_text('{"fetchNews": "false", "checkForUpdates": false}', encoding="utf-8")
    log = tmp / "jupyter-lab.log"
    args = [str(Path(sys.executable).with_name("jupyter")), "lab", "--no-browser", "--ip=127.0.0.1",
            f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={root}"]
    if os.getuid() == 0:
        args.append("--allow-root")
    with log.open("w") as out:
        server = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                  env=env, cwd=root, start_new_session=True)
    found = Lab(f"http://127.0.0.1:{port}", token, root, classroom, log)
    try:
        deadline = time.monotonic() + TIMEOUT_MS / 1000
        while True:
            assert server.poll() is None, f"JupyterLab stopped:\n{log.read_text()[-3000:]}"
            try:
                if found.get("/api/status")[0] == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"JupyterLab did not answer:\n{log.read_text()[-3000:]}"
            time.sleep(0.5)
        yield found
    finally:
        server.terminate()
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(log, ARTIFACTS / "jupyter-lab.log")


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    assert Path(CHROMIUM).exists(), (f"{CHROMIUM} is missing: run `sudo apt-get install -y chromium` "
                                     "(make test does it where it can)")
    from playwright.sync_api import sync_playwright

    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh --user-data-dir
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1400, "height": 1000}, timeout=TIMEOUT_MS)
        context.set_default_timeout(TIMEOUT_MS)
        try:
            yield context
        finally:
            context.close()


@pytest.fixture
def page(browser, lab, request):
    """A new tab; its screenshot is saved under .pytest-artifacts/browser/ at the end.

    The tab's kernels are shut down after it: each chapter starts a sandbox of its own.
    """
    tab = browser.new_page()
    yield tab
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = request.node.name.replace("/", "_").replace("[", "_").replace("]", "")
    try:
        tab.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        tab.close()
        status, body = lab.get("/api/sessions")
        for session in json.loads(body) if status == 200 else []:
            lab.get(f"/api/sessions/{session['id']}", method="DELETE")


def open_notebook(page, lab: Lab, path: str):
    """Open ``path`` in its own JupyterLab workspace and wait until its kernel is idle."""
    workspace = "t" + secrets.token_hex(4)
    page.goto(lab.url(f"/lab/workspaces/{workspace}/tree/{path}"))
    page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook").first.wait_for()
    # The status bar says "Idle" only once the kernel is started and connected.
    page.locator("#jp-main-statusbar", has_text="| Idle").first.wait_for()
    return page


def run_all(page):
    """Run > Run All Cells, then wait until every code cell has run."""
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    done = """() => {
        const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
        return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
    }"""
    deadline = time.monotonic() + TIMEOUT_MS / 1000
    while not page.evaluate(done):
        # On a slow start JupyterLab may ask which kernel to use: the course's is preselected.
        dialog = page.locator(".jp-Dialog", has_text="Select Kernel")
        if dialog.count():
            dialog.locator("button", has_text="Select").click()
        assert time.monotonic() < deadline, "Run All did not finish"
        page.wait_for_timeout(500)
    page.locator("#jp-main-statusbar", has_text="| Idle").first.wait_for()


def errors_shown(page) -> list[str]:
    """Tracebacks in the notebook's outputs (JupyterLab renders them as stderr)."""
    texts = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']").all_inner_texts()
    return [t for t in texts if "Traceback" in t or "Error" in t.split("\n", 1)[0]]


def output_of(page, code: str):
    """The output area of the code cell whose source contains ``code``."""
    cell = page.locator(".jp-CodeCell", has=page.locator(".jp-InputArea", has_text=code)).first
    return cell.locator(".jp-OutputArea").first

