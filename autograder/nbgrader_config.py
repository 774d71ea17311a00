# The nbgrader configuration of the aws-course-kit course.
#
# `python -m autograder` loads this file for every step and sets the course root itself
# (--course-dir).
# It also works with plain `nbgrader` (and the formgrader in JupyterLab): every course
# folder that `python -m autograder release` creates gets an nbgrader_config.py that
# loads this file.
import os

c = get_config()  # noqa: F821 (provided by traitlets when it runs this file)

c.CourseDirectory.course_id = "aws-course-kit"
# The instructor's course folder, ./classroom beside the repository's labs/ (or
# $AWS_COURSE_CLASSROOM). `make lab` puts this folder on JUPYTER_CONFIG_PATH, so the
# formgrader in JupyterLab shows it too. Absolute and normalised: nbgrader warns on every
# request about a root it has to standardise itself.
classroom = os.path.abspath(os.environ.get("AWS_COURSE_CLASSROOM") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), os.pardir, "classroom"))
c.CourseDirectory.root = classroom
c.CourseDirectory.source_directory = "source"
# The same exchange the CLI uses (autograder/config.py), not nbgrader's /usr/local/share
# default: the formgrader and the learners' Assignment List read it. jupyter_server_config.py
# creates both folders when JupyterLab starts, so a fresh clone needs no `release` first.
c.Exchange.root = os.path.join(classroom, ".exchange")

# What a learner sees in place of a solution.
c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE\nraise NotImplementedError()"}
c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

# A lab is a few boto3 calls against moto; a minute per notebook is generous and still
# bounds an infinite loop.
c.Execute.timeout = 60

# nbgrader's sanitising steps, with DeduplicateIds swapped for a version that does not fail
# the whole submission when a student pasted a copy of a graded cell, and RestoreCellFlags
# (flipped test flags, graded cells pasted from elsewhere) before OverwriteCells.
c.Autograde.sanitize_preprocessors = [
    "nbgrader.preprocessors.ClearOutput",
    "autograder.preprocessors.DropDuplicateIds",
    "autograder.preprocessors.RestoreCellFlags",
    "nbgrader.preprocessors.OverwriteKernelspec",
    "nbgrader.preprocessors.OverwriteCells",
    "nbgrader.preprocessors.CheckCellMetadata",
]

# Stock nbgrader writes hidden-test source (and tracebacks that quote it) into the feedback
# HTML. HideHiddenTests removes both before the HTML is made.
# SanitizeActiveContent keeps a student's scripts (and other active HTML) out of the page.
c.GenerateFeedback.preprocessors = [
    "autograder.preprocessors.HideHiddenTests",
    "autograder.preprocessors.SanitizeActiveContent",
    "nbgrader.preprocessors.GetGrades",
    "nbconvert.preprocessors.CSSHTMLHeaderPreprocessor",
]
c.HTMLExporter.sanitize_html = True

# nbgrader's autograde steps with one added after execution: the autograded notebook, which
# the formgrader renders in the instructor's logged-in session, keeps no active output
# (<script>, on* attributes, javascript: URLs, iframes) from the student's code.
c.Autograde.autograde_preprocessors = [
    "nbgrader.preprocessors.Execute",
    "autograder.preprocessors.SanitizeActiveContent",
    "nbgrader.preprocessors.IgnorePattern",
    "nbconvert.preprocessors.ClearMetadataPreprocessor",
    "nbgrader.preprocessors.LimitOutput",
    "nbgrader.preprocessors.SaveAutoGrades",
    "nbgrader.preprocessors.AssignLatePenalties",
    "nbgrader.preprocessors.CheckCellMetadata",
]
