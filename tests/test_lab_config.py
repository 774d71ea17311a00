"""`make lab`'s settings: the formgrader's course folder and exchange, the learners' chapter
copies, and the one block of text it prints.

The served behaviour (formgrader pages, a chapter opened in a browser) is tested in
tests/browser/; these pin the pieces without a server.
"""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

from traitlets.config.loader import PyFileConfigLoader

from autograder.config import CONFIG_FILE, Course, nbgrader_config, write_course_config
from autograder.lab import LOG_FILE, banner, lab_url
from autograder.learner_copies import MANIFEST, cells_fingerprint, kernel_language_info, sync_chapter_copies

from .conftest import REPO

AUTOGRADER = REPO / "autograder"


def _load(name: str):
    return PyFileConfigLoader(name, path=str(AUTOGRADER)).load_config()


def test_formgrader_root_is_absolute_and_normalised():
    root = _load("nbgrader_config.py").CourseDirectory.root
    # nbgrader logs "root '…/autograder/../classroom' is not absolute" on every request otherwise.
    assert os.path.isabs(root) and os.path.normpath(root) == root
    assert Path(root) == REPO / "classroom"


def test_formgrader_uses_the_same_exchange_as_the_command_line():
    loaded = _load("nbgrader_config.py")
    cli = nbgrader_config(Course.at(loaded.CourseDirectory.root), executor="stock")
    assert loaded.Exchange.root == cli.Exchange.root == str(REPO / "classroom" / ".exchange")


def test_course_folder_from_the_environment_is_used_by_both(tmp_path, monkeypatch):
    monkeypatch.setenv("AWS_COURSE_CLASSROOM", str(tmp_path / "class"))
    loaded = _load("nbgrader_config.py")
    assert loaded.CourseDirectory.root == str(tmp_path / "class")
    assert loaded.Exchange.root == str(tmp_path / "class" / ".exchange")


def test_server_config_creates_course_folder_and_exchange_on_a_fresh_clone(tmp_path, monkeypatch):
    fresh = tmp_path / "no-release-yet" / "classroom"
    monkeypatch.setenv("AWS_COURSE_CLASSROOM", str(fresh))
    _load("jupyter_server_config.py")
    # Without them: formgrader 500 (sqlite cannot open the gradebook), "Error fetching courses!".
    assert fresh.is_dir() and (fresh / ".exchange").is_dir()


def test_server_config_puts_nbgraders_alembic_on_path(tmp_path, monkeypatch):
    # `make lab` runs .venv/bin/jupyter without activating the venv; nbgrader then could not
    # find `alembic` to create the gradebook and Manage Students answered 500.
    import shutil
    import sys
    monkeypatch.setenv("AWS_COURSE_CLASSROOM", str(tmp_path / "classroom"))
    monkeypatch.setenv("PATH", "/usr/bin:/bin")
    _load("jupyter_server_config.py")
    assert shutil.which("alembic") == str(Path(sys.executable).parent / "alembic")


def test_course_folder_config_points_plain_nbgrader_at_its_own_exchange(tmp_path):
    course = Course.at(tmp_path / "c")
    path = write_course_config(course)
    config = PyFileConfigLoader(path.name, path=str(path.parent)).load_config()
    assert config.CourseDirectory.root == str(course.root)
    assert config.Exchange.root == str(course.root / ".exchange")
    assert CONFIG_FILE.exists()


def test_lab_prints_one_url_with_the_token_and_where_the_log_is():
    url = lab_url(8890, "tok123", "/lab/tree/my-course/00-start-here.ipynb")
    assert url == "http://localhost:8890/lab/tree/my-course/00-start-here.ipynb?token=tok123"
    text = banner(url, LOG_FILE)
    assert re.findall(r"https?://\S+", text) == [url]
    assert "logs/jupyter-lab.log" in text and len(text.strip().splitlines()) <= 6


def test_readme_shows_the_url_make_lab_prints():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    dry_run = subprocess.run(["make", "-n", "lab"], cwd=REPO, capture_output=True, text=True, timeout=60)
    assert "--LabApp.default_url=/lab/tree/my-course/00-start-here.ipynb" in dry_run.stdout
    assert "http://localhost:8888/lab/tree/my-course/00-start-here.ipynb?token=" in readme
    assert "logs/jupyter-lab.log" in readme


def _course(tmp_path: Path) -> Path:
    src = tmp_path / "course"
    (src / "ko").mkdir(parents=True)
    for name in ("00-start-here.ipynb", "03-ip-addresses-and-cidr.ipynb"):
        shutil.copy(REPO / "course" / name, src / name)
    ko = json.loads((REPO / "course" / "03-ip-addresses-and-cidr.ipynb").read_text(encoding="utf-8"))
    ko["cells"][0]["source"] = "# IP 주소와 CIDR\n\n[English](../03-ip-addresses-and-cidr.ipynb)"
    (src / "ko" / "03-ip-addresses-and-cidr.ipynb").write_text(json.dumps(ko), encoding="utf-8")
    return src


def _edit_first_cell(path: Path, words: str):
    nb = json.loads(path.read_text(encoding="utf-8"))
    nb["cells"][0]["source"] = words
    path.write_text(json.dumps(nb), encoding="utf-8")


def test_chapter_copies_keep_the_folder_layout_and_the_kernels_language_info(tmp_path):
    src, dest = _course(tmp_path), tmp_path / "my-course"
    done = sync_chapter_copies(dest, src)
    assert done.made == ["00-start-here.ipynb", "03-ip-addresses-and-cidr.ipynb", "ko/03-ip-addresses-and-cidr.ipynb"]
    # ko/NN links ../NN: the copies keep the layout, so the link still resolves.
    assert (dest / "ko" / "03-ip-addresses-and-cidr.ipynb").exists()
    assert (dest / "ko" / "../03-ip-addresses-and-cidr.ipynb").resolve().exists()
    copy = json.loads((dest / "03-ip-addresses-and-cidr.ipynb").read_text(encoding="utf-8"))
    # JupyterLab rewrites language_info on connect; equal metadata means "not modified" on open.
    assert copy["metadata"]["language_info"] == kernel_language_info()
    assert copy["metadata"]["language_info"]["version"]
    assert cells_fingerprint((dest / "00-start-here.ipynb").read_text(encoding="utf-8")) == \
        cells_fingerprint((src / "00-start-here.ipynb").read_text(encoding="utf-8"))


def test_untouched_copies_follow_the_course_and_edited_ones_are_kept(tmp_path):
    src, dest = _course(tmp_path), tmp_path / "my-course"
    sync_chapter_copies(dest, src)
    # The learner runs chapter 00 and saves: outputs only, not an edit of theirs.
    ran = json.loads((dest / "00-start-here.ipynb").read_text(encoding="utf-8"))
    code = next(c for c in ran["cells"] if c["cell_type"] == "code")
    code["outputs"] = [{"output_type": "stream", "name": "stdout", "text": "hi\n"}]
    (dest / "00-start-here.ipynb").write_text(json.dumps(ran), encoding="utf-8")
    # The learner edits chapter 03.
    _edit_first_cell(dest / "03-ip-addresses-and-cidr.ipynb", "# my notes")
    again = sync_chapter_copies(dest, src)
    assert again.made == again.updated == again.kept_edited == [], "nothing changed in the course"
    # Then the course changes both chapters.
    _edit_first_cell(src / "00-start-here.ipynb", "# Start here (revised)")
    _edit_first_cell(src / "03-ip-addresses-and-cidr.ipynb", "# CIDR (revised)")
    done = sync_chapter_copies(dest, src)
    assert done.updated == ["00-start-here.ipynb"]
    assert done.kept_edited == ["03-ip-addresses-and-cidr.ipynb"]
    assert "(revised)" in (dest / "00-start-here.ipynb").read_text(encoding="utf-8")
    assert "# my notes" in (dest / "03-ip-addresses-and-cidr.ipynb").read_text(encoding="utf-8")
    assert (dest / MANIFEST).exists()
    # A deleted copy comes back from the course.
    (dest / "03-ip-addresses-and-cidr.ipynb").unlink()
    assert sync_chapter_copies(dest, src).made == ["03-ip-addresses-and-cidr.ipynb"]


def test_a_copy_that_is_no_longer_a_notebook_is_left_alone(tmp_path):
    src, dest = _course(tmp_path), tmp_path / "my-course"
    sync_chapter_copies(dest, src)
    (dest / "00-start-here.ipynb").write_text("not json", encoding="utf-8")
    _edit_first_cell(src / "00-start-here.ipynb", "# changed")
    done = sync_chapter_copies(dest, src)
    assert done.kept_edited == ["00-start-here.ipynb"]
    assert (dest / "00-start-here.ipynb").read_text(encoding="utf-8") == "not json"
