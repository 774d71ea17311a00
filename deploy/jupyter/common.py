# Shared by the instructor and student configurations of a JupyterHub class.
# The course and the nbgrader exchange come from the environment the hub gives each server
# (deploy/z2jh/config.yaml sets them; the loopback test sets its own).
import os

COURSE_ID = os.environ.get("NBGRADER_COURSE_ID", "aws-course-kit")
EXCHANGE = os.environ.get("NBGRADER_EXCHANGE", "/srv/nbgrader/exchange")


def configure(c):
    c.CourseDirectory.course_id = COURSE_ID
    c.Exchange.root = EXCHANGE
    # A student may be in several courses on one hub; the assignment list asks per course.
    c.Exchange.path_includes_course = True
