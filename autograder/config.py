"""Where the course lives and the nbgrader configuration for one course folder."""

import os
from dataclasses import dataclass
from pathlib import Path

from traitlets.config import Config
from traitlets.config.loader import PyFileConfigLoader

from .errors import CourseError

#: The repository's `labs/` folder: one nbgrader source folder per lab.
LABS_DIR = Path(__file__).resolve().parent.parent / "labs"
CONFIG_FILE = Path(__file__).resolve().parent / "nbgrader_config.py"
#: The same folder nbgrader_config.py gives the formgrader: classroom/ in the repository,
#: or $AWS_COURSE_CLASSROOM.
DEFAULT_COURSE_DIR = Path(os.environ.get("AWS_COURSE_CLASSROOM") or LABS_DIR.parent / "classroom").resolve()

EXECUTORS = ("warm", "stock")


@dataclass(frozen=True)
class Course:
    """An instructor's course folder: nbgrader's root (gradebook, submissions, feedback)."""

    root: Path

    @classmethod
    def at(cls, root: str | Path = DEFAULT_COURSE_DIR) -> "Course":
        return cls(Path(root).resolve())

    @property
    def gradebook_url(self) -> str:
        return f"sqlite:///{self.root / 'gradebook.db'}"

    def source(self, lab: str) -> Path:
        return self.root / "source" / lab

    def release(self, lab: str) -> Path:
        return self.root / "release" / lab

    def submitted(self, student: str, lab: str) -> Path:
        return self.root / "submitted" / student / lab

    def autograded(self, student: str, lab: str) -> Path:
        return self.root / "autograded" / student / lab

    def feedback(self, student: str, lab: str) -> Path:
        return self.root / "feedback" / student / lab

    def archive(self, lab: str) -> Path:
        """Every file handed in, exactly as it came, one folder per collection."""
        return self.root / "archive" / lab

    def reports(self, lab: str) -> Path:
        return self.root / "reports" / lab

    def exports(self) -> Path:
        return self.root / "exports"


def available_labs(labs_dir: Path = LABS_DIR) -> list[str]:
    """Names of the labs in `labs/`: folders that hold at least one notebook."""
    return sorted(p.name for p in labs_dir.iterdir() if p.is_dir() and any(p.glob("*.ipynb")))


def released_notebooks(course: Course, lab: str) -> list[str]:
    """The file names of the lab's released notebooks; a CourseError if it isn't released."""
    names = sorted(p.name for p in course.release(lab).glob("*.ipynb"))
    if not names:
        raise CourseError(f"lab {lab!r} has not been released in {course.root}",
                          fix=f"python -m autograder release {lab}")
    return names


def nbgrader_config(course: Course, executor: str = "warm") -> Config:
    """The course's nbgrader config (nbgrader_config.py) rooted at `course`.

    `executor` picks how autograde runs notebooks: "stock" is nbgrader's own Execute (a
    fresh kernel per notebook); "warm" forks each submission from a warm, isolated process.
    """
    if executor not in EXECUTORS:
        raise ValueError(f"executor must be one of {', '.join(EXECUTORS)}, not {executor!r}")
    config = PyFileConfigLoader(CONFIG_FILE.name, path=str(CONFIG_FILE.parent)).load_config()
    config.CourseDirectory.root = str(course.root)
    config.CourseDirectory.db_url = course.gradebook_url
    # nbgrader's exchange (a shared /srv folder) is not used: we collect from folders and zips.
    config.Exchange.root = str(course.root / ".exchange")
    if executor == "warm":
        from nbgrader.converters import Autograde
        from nbgrader.preprocessors import Execute

        from autograder.executor import WarmExecute

        # The course's list (nbgrader_config.py) with only the execute step swapped: every
        # other step (checksums, restoring locked cells, saving grades) stays nbgrader's.
        steps = config.Autograde.get("autograde_preprocessors") or \
            Autograde.class_traits()["autograde_preprocessors"].default()
        config.Autograde.autograde_preprocessors = [
            WarmExecute if step in (Execute, "nbgrader.preprocessors.Execute") else step
            for step in steps
        ]
    return config


def write_course_config(course: Course) -> Path:
    """Write the course folder's nbgrader_config.py so plain `nbgrader` works there too."""
    # nbgrader's API looks for its exchange folder on start and complains loudly if absent.
    (course.root / ".exchange").mkdir(parents=True, exist_ok=True)
    path = course.root / "nbgrader_config.py"
    path.write_text(
        "# Written by `python -m autograder`; the course settings live in the file it loads.\n"
        "c = get_config()  # noqa: F821\n"
        f"load_subconfig({str(CONFIG_FILE)!r})  # noqa: F821\n"
        f"c.CourseDirectory.root = {str(course.root)!r}\n"
        f"c.Exchange.root = {str(course.root / '.exchange')!r}\n",
        encoding="utf-8",
    )
    return path
