"""A real class on a real JupyterHub, on loopback: one instructor, two students, nbgrader's exchange.

The hub runs the deployment's own settings: `hub.config` and `hub.extraConfig` from
deploy/z2jh/config.yaml (authenticator, allowed and admin users, the instructors group, the
pre-spawn hook that gives instructors the formgrader) and the per-role Jupyter configuration
in deploy/jupyter/. Only the spawner differs: local processes under three local accounts
made for the test, instead of Kubernetes pods.

Everything a person would click goes through the hub and the users' own servers: the
formgrader API releases, collects and releases feedback; the assignment-list API fetches,
submits and fetches feedback; the contents API edits and reads notebooks. The instructor's
terminal commands (`python -m autograder …`) run as the instructor's account.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.error
import urllib.request
from urllib.parse import quote
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parent.parent
DEPLOY = REPO / "deploy"
CHP = Path(sys.prefix) / "node" / "node_modules" / ".bin" / "configurable-http-proxy"
LAB = "s3-basics"
COURSE = "aws-course-kit"
# A suffix per run, so two runs on one machine (two xdist workers, two checkouts) never share accounts.
_RUN = secrets.token_hex(2)
ACCOUNTS = {name: f"kit-hub-{name}-{_RUN}" for name in ("teacher", "student1", "student2")}

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("jupyterhub")]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _reachable_by_others(path: Path) -> bool:
    """True when accounts other than the owner can run ``path`` (every folder above is o+x)."""
    path = path.resolve()
    parts = [path, *path.parents]
    return all(os.stat(p).st_mode & 0o001 for p in parts)


def _class_python(base: Path) -> tuple[Path, dict[str, str]]:
    """An interpreter the class's accounts may run, with this project's packages; and its env.

    Where the project's Python lives in a private home (pyenv under /root, say), the
    interpreter's own folder is bind-mounted where the accounts can reach it, and a venv of
    it adds the project venv's site-packages (with its editable installs) by `site.addsitedir`.
    """
    if _reachable_by_others(Path(sys.executable)):
        return Path(sys.executable), {}
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    mount = base / "python"
    mount.mkdir()
    subprocess.run(["mount", "--bind", sys.base_prefix, str(mount)], check=True, capture_output=True)
    # Read-only, so nothing done through this path (a clean-up gone wrong) can touch the original.
    subprocess.run(["mount", "-o", "remount,bind,ro", str(mount)], check=True, capture_output=True)
    extra = {"LD_LIBRARY_PATH": str(mount / "lib")}  # the interpreter's RUNPATH names the private folder
    env = base / "class-python"
    subprocess.run([str(mount / "bin" / version), "-m", "venv", "--without-pip", str(env)],
                   check=True, env={**os.environ, **extra})
    site_packages = sysconfig.get_paths()["purelib"]
    (env / "lib" / version / "site-packages" / "aws_course_kit_class.pth").write_text(
        f"import site; site.addsitedir({site_packages!r})\n", encoding="utf-8")
    # Jupyter looks for server extensions, lab extensions and kernels under sys.prefix.
    for shared in ("etc", "share"):
        if (Path(sys.prefix) / shared).exists():
            (env / shared).symlink_to(Path(sys.prefix) / shared)
    # The project's console scripts (alembic, which nbgrader runs, jupyter, nbgrader…) with
    # this interpreter in their first line.
    ours = Path(sys.executable).parent
    for script in ours.iterdir():
        if script.is_file() and not (env / "bin" / script.name).exists():
            head = script.read_bytes()[:200]
            if head.startswith(b"#!") and str(ours).encode() in head.split(b"\n", 1)[0]:
                text = script.read_text(encoding="utf-8").split("\n", 1)[1]
                (env / "bin" / script.name).write_text(f"#!{env / 'bin' / 'python'}\n{text}", encoding="utf-8")
                os.chmod(env / "bin" / script.name, 0o755)
    return env / "bin" / "python", extra


def _hub_config(base: Path, python: Path, extra_env: dict, port: int, api_port: int, token: str) -> str:
    deployment = yaml.safe_load((DEPLOY / "z2jh" / "config.yaml").read_text(encoding="utf-8"))["hub"]
    return "\n".join([
        "import json, pwd",
        "from traitlets.config import Config",
        "from jupyterhub.spawner import LocalProcessSpawner, set_user_setuid",
        "c = get_config()",
        "# The deployment's hub settings, exactly as the chart would hand them to the hub.",
        f"c.merge(Config(json.loads({json.dumps(json.dumps(deployment['config']))})))",
        *[snippet for snippet in deployment.get("extraConfig", {}).values()],
        "# The local stand-ins for what Kubernetes provides.",
        f"ACCOUNTS = {ACCOUNTS!r}",
        "class ClassroomSpawner(LocalProcessSpawner):",
        "    '''Each hub user runs as their own local account.'''",
        "    def make_preexec_fn(self, name):",
        "        return set_user_setuid(ACCOUNTS[name])",
        "    def user_env(self, env):",
        "        entry = pwd.getpwnam(ACCOUNTS[self.user.name])",
        "        env.update(USER=entry.pw_name, HOME=entry.pw_dir, SHELL=entry.pw_shell)",
        "        return env",
        "c.JupyterHub.spawner_class = ClassroomSpawner",
        f"c.Spawner.cmd = [{str(python)!r}, '-m', 'jupyterhub.singleuser']",
        "c.Spawner.environment = %r" % {"NBGRADER_COURSE_ID": COURSE, "NBGRADER_EXCHANGE": str(base / "exchange"),
                                         **extra_env},
        "c.Spawner.default_url = '/lab'",
        "c.Spawner.http_timeout = 120",
        "c.Spawner.start_timeout = 180",
        f"c.JupyterHub.bind_url = 'http://127.0.0.1:{port}'",
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{api_port}'",
        f"c.ConfigurableHTTPProxy.command = [{str(CHP)!r}]",
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{_free_port()}'",
        f"c.JupyterHub.db_url = 'sqlite:///{base / 'hub' / 'jupyterhub.sqlite'}'",
        f"c.JupyterHub.cookie_secret_file = '{base / 'hub' / 'cookie_secret'}'",
        "c.JupyterHub.cleanup_servers = True",
        "c.JupyterHub.services = [{'name': 'class-test', 'api_token': %r}]" % token,
        "c.JupyterHub.load_roles = [{'name': 'class-test', 'services': ['class-test'], 'scopes': "
        "['admin:users', 'admin:servers', 'tokens', 'access:servers', 'read:groups']}]",
    ])


class Hub:
    """The running hub: its URL, an admin token, and each user's own token."""

    def __init__(self, url: str, token: str, base: Path, python: Path, extra_env: dict):
        self.url, self.token, self.base, self.python, self.extra_env = url, token, base, python, extra_env
        self.user_tokens: dict[str, str] = {}

    def api(self, method: str, path: str, body=None, token: str | None = None, timeout: int = 60):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.url + path, data=data, method=method, headers={
            "Authorization": f"token {token or self.token}", "Content-Type": "application/json"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=timeout) as answer:
            text = answer.read().decode()
            return answer.status, (json.loads(text) if text.strip().startswith(("{", "[")) else text)

    def user(self, name: str, method: str, path: str, body=None, timeout: int = 180):
        """Call ``path`` on ``name``'s own server with that user's token."""
        return self.api(method, f"/user/{name}{path}", body, token=self.user_tokens[name], timeout=timeout)

    def run_as(self, name: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        """Run a command in ``name``'s account, as their terminal would."""
        account = ACCOUNTS[name]
        home = pwd.getpwnam(account).pw_dir
        env = {"HOME": home, "USER": account, "PATH": f"{self.python.parent}:/usr/bin:/bin",
               "LANG": "C.UTF-8", "NBGRADER_COURSE_ID": COURSE, "NBGRADER_EXCHANGE": str(self.base / "exchange"),
               "JUPYTER_CONFIG_PATH": str(DEPLOY / "jupyter" / ("instructor" if name == "teacher" else "student")),
               **self.extra_env}
        done = subprocess.run([shutil.which("runuser"), "-u", account, "--", *args], env=env, cwd=home,
                              capture_output=True, text=True, timeout=900)
        if check and done.returncode != 0:
            raise AssertionError(f"{name}: {' '.join(args)} failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
        return done


@pytest.fixture(scope="module")
def hub():
    if os.geteuid() != 0:
        pytest.skip("the class test makes three local accounts and runs the hub as root: run it as root "
                    "(CI and containers are)")
    for tool in ("useradd", "userdel", "runuser"):
        if not shutil.which(tool):
            pytest.fail(f"{tool} is missing: apt-get install passwd util-linux")
    if not CHP.exists():
        pytest.fail(f"configurable-http-proxy is missing at {CHP}: run `make setup` (it installs it with npm)")
    base = Path(f"/tmp/aws-course-kit-hub-{secrets.token_hex(4)}")
    base.mkdir(mode=0o755)
    (base / "hub").mkdir(mode=0o700)
    (base / "exchange").mkdir()
    os.chmod(base / "exchange", 0o777)
    for account in ACCOUNTS.values():
        subprocess.run(["userdel", "-r", account], capture_output=True)
        subprocess.run(["useradd", "-m", "-d", str(base / "home" / account), "-s", "/bin/bash", account],
                       check=True, capture_output=True)
        os.chmod(base / "home" / account, 0o700)
    os.chmod(base / "home", 0o755)
    python, extra_env = _class_python(base)
    port, token = _free_port(), secrets.token_hex(16)
    config = base / "hub" / "jupyterhub_config.py"
    config.write_text(_hub_config(base, python, extra_env, port, _free_port(), token), encoding="utf-8")
    log = (base / "hub" / "hub.log").open("w")
    env = {**os.environ, "AWS_COURSE_KIT_JUPYTER_CONFIG": str(DEPLOY / "jupyter"),
           "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    proc = subprocess.Popen([sys.executable, "-m", "jupyterhub", "-f", str(config)], cwd=base / "hub",
                            stdout=log, stderr=subprocess.STDOUT, env=env)
    the_hub = Hub(f"http://127.0.0.1:{port}", token, base, python, extra_env)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                the_hub.api("GET", "/hub/api/")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"the hub did not start:\n{(base / 'hub' / 'hub.log').read_text()[-3000:]}")
                time.sleep(0.5)
        for name in ACCOUNTS:
            _, answer = the_hub.api("POST", f"/hub/api/users/{name}/tokens", {"note": "class test"})
            the_hub.user_tokens[name] = answer["token"]
            the_hub.api("POST", f"/hub/api/users/{name}/server")
        for name in ACCOUNTS:
            _wait_until_ready(the_hub, name, base)
        yield the_hub
    finally:
        for name in ACCOUNTS:
            try:
                the_hub.api("DELETE", f"/hub/api/users/{name}/server", timeout=30)
            except Exception:  # noqa: BLE001 - the hub may be gone already
                pass
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        subprocess.run(["pkill", "-u", ",".join(ACCOUNTS.values())], capture_output=True)
        time.sleep(0.5)
        for account in ACCOUNTS.values():
            subprocess.run(["userdel", "-r", account], capture_output=True)
        if (base / "python").exists():
            subprocess.run(["umount", "--lazy", str(base / "python")], capture_output=True)
        # rmtree through a bind mount would delete the interpreter itself.
        if str(base / "python") not in Path("/proc/self/mounts").read_text():
            shutil.rmtree(base, ignore_errors=True)


def _wait_until_ready(hub: Hub, name: str, base: Path) -> None:
    deadline = time.monotonic() + 240
    while time.monotonic() < deadline:
        _, user = hub.api("GET", f"/hub/api/users/{name}")
        server = (user.get("servers") or {}).get("", {})
        if server.get("ready"):
            return
        time.sleep(1)
    pytest.fail(f"{name}'s server did not start:\n{(base / 'hub' / 'hub.log').read_text()[-3000:]}")


def _fill(notebook: dict, answers: dict[str, str]) -> dict:
    for cell in notebook["cells"]:
        grade_id = cell.get("metadata", {}).get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            cell["source"] = answers[grade_id]
    return notebook


def _solutions() -> dict[str, str]:
    source = json.loads((REPO / "labs" / LAB / f"{LAB}.ipynb").read_text(encoding="utf-8"))
    answers = {}
    for cell in source["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and cell["cell_type"] == "code":
            text = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            answers[meta["grade_id"]] = "\n".join(
                line for line in text.splitlines() if "### BEGIN SOLUTION" not in line and "### END SOLUTION" not in line)
    return answers


@pytest.fixture(scope="module")
def graded_class(hub):
    """Release → fetch → submit → collect → grade → feedback, as the class would do it."""
    hub.run_as("teacher", str(hub.python), "-m", "autograder", "--course-dir",
               str(Path(pwd.getpwnam(ACCOUNTS["teacher"]).pw_dir) / "classroom"), "release", LAB)
    _, released = hub.user("teacher", "POST", f"/formgrader/api/assignment/{LAB}/release", {})
    assert released["success"], released

    lab_path = f"/api/contents/{COURSE}/{LAB}/{LAB}.ipynb"
    answers = _solutions()
    for name, filled in (("student1", answers), ("student2", {})):
        _, listing = hub.user(name, "POST", "/assignments/fetch", {"course_id": COURSE, "assignment_id": LAB})
        _, model = hub.user(name, "GET", lab_path)
        hub.user(name, "PUT", lab_path, {"type": "notebook", "format": "json",
                                         "content": _fill(model["content"], filled)})
        _, submitted = hub.user(name, "POST", "/assignments/submit", {"course_id": COURSE, "assignment_id": LAB})
        assert not (isinstance(submitted, dict) and submitted.get("success") is False), submitted

    _, collected = hub.user("teacher", "POST", f"/formgrader/api/assignment/{LAB}/collect", {})
    assert collected["success"], collected
    classroom = Path(pwd.getpwnam(ACCOUNTS["teacher"]).pw_dir) / "classroom"
    graded = hub.run_as("teacher", str(hub.python), "-m", "autograder", "--course-dir", str(classroom), "grade", LAB)
    hub.run_as("teacher", str(hub.python), "-m", "autograder", "--course-dir", str(classroom), "feedback", LAB)
    _, sent = hub.user("teacher", "POST", f"/formgrader/api/assignment/{LAB}/release_feedback", {})
    assert sent["success"], sent
    feedback = {}
    for name in ("student1", "student2"):
        hub.user(name, "POST", "/assignments/fetch_feedback", {"course_id": COURSE, "assignment_id": LAB})
        _, folder = hub.user(name, "GET", f"/api/contents/{COURSE}/{LAB}/feedback")
        (stamp,) = [item["path"] for item in folder["content"] if item["type"] == "directory"]
        _, page = hub.user(name, "GET", f"/api/contents/{quote(stamp)}/{LAB}.html?type=file&format=text")
        feedback[name] = page["content"]
    return {"grade_output": graded.stdout, "feedback": feedback, "classroom": classroom}


def test_scores_come_from_the_kits_grader_through_the_exchange(hub, graded_class):
    _, students = hub.user("teacher", "GET", "/formgrader/api/students")
    scores = {s["id"]: (s["score"], s["max_score"]) for s in students}
    # nbgrader knows students by their account name (in a Kubernetes pod, by the hub user name)
    assert scores == {ACCOUNTS["student1"]: (10.0, 10.0), ACCOUNTS["student2"]: (0.0, 10.0)}
    assert "graded 2, failed 0" in graded_class["grade_output"]
    assert "UNSANDBOXED" not in graded_class["grade_output"], "the grader keeps its isolation on the hub"


def test_each_student_fetches_their_own_feedback(graded_class):
    pages = graded_class["feedback"]
    assert "Score: 10.0 / 10.0" in pages["student1"] or "10.0 / 10.0" in pages["student1"]
    assert "0.0 / 10.0" in pages["student2"]
    for page in pages.values():
        assert "BEGIN HIDDEN TESTS" not in page and "fresh_client(\"s3\", region=\"us-east-1\")" not in page


def test_students_cannot_read_each_other_or_the_instructor(hub, graded_class):
    inbound = hub.base / "exchange" / COURSE / "inbound"
    submissions = sorted(p.name for p in inbound.iterdir())
    assert [s.split("+")[0] for s in submissions] == [ACCOUNTS["student1"], ACCOUNTS["student2"]]
    teacher_home = pwd.getpwnam(ACCOUNTS["teacher"]).pw_dir
    student1_home = pwd.getpwnam(ACCOUNTS["student1"]).pw_dir
    attempts = {
        "list the exchange's submissions": ["ls", str(inbound)],
        "read the instructor's source with hidden tests": ["cat", f"{teacher_home}/classroom/source/{LAB}/{LAB}.ipynb"],
        "read the gradebook": ["cat", f"{teacher_home}/classroom/gradebook.db"],
        "list another student's home": ["ls", student1_home],
        "read another student's notebook": ["cat", f"{student1_home}/{COURSE}/{LAB}/{LAB}.ipynb"],
    }
    for what, command in attempts.items():
        done = hub.run_as("student2", *command, check=False)
        assert done.returncode != 0 and "Permission denied" in done.stderr, f"student2 could {what}"


def test_the_formgrader_is_the_instructors_only(hub):
    status, _ = hub.user("teacher", "GET", "/formgrader/api/status")
    assert status == 200
    with pytest.raises(urllib.error.HTTPError) as refused:
        hub.user("student1", "GET", "/formgrader/api/status")
    assert refused.value.code == 404, "a student's server has no formgrader"
    _, listing = hub.user("student1", "GET", f"/assignments?course_id={COURSE}")
    assert listing["success"], listing


def test_the_deployments_accounts_and_groups_are_applied(hub):
    _, group = hub.api("GET", "/hub/api/groups/instructors")
    assert group["users"] == ["teacher"]
    _, teacher = hub.api("GET", "/hub/api/users/teacher")
    assert teacher["admin"] is True
    _, student = hub.api("GET", "/hub/api/users/student1")
    assert student["admin"] is False
    with pytest.raises(urllib.error.HTTPError) as missing:
        hub.api("GET", "/hub/api/users/mallory")
    assert missing.value.code == 404, "only the deployment's allowed users exist"
