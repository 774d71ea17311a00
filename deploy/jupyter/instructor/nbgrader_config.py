# An instructor's nbgrader: the course folder ~/classroom (the gradebook, sources,
# submissions, feedback), released to and collected from the shared exchange. `python -m autograder
# --course-dir ~/classroom …` grades it with the kit's isolated grader.
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
from common import configure  # noqa: E402

c = get_config()  # noqa: F821
configure(c)
c.CourseDirectory.root = os.path.expanduser("~/classroom")
