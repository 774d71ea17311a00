"""The load-balancing and Auto Scaling lab through real nbgrader: full marks, zero, and the exact
partial points of wrong answers a learner would plausibly hand in; feedback keeps hidden tests hidden.

Points are documented in labs/load-balancing-and-auto-scaling/README.md (14 in all). One grade()
call grades every submission, with the warm executor.
"""

import nbformat
import pytest

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.feedback import feedback, hidden_test_lines
from autograder.grade import grade
from autograder.release import release

from .conftest import filled
from .test_s3_lab_grading import solutions

LAB = "load-balancing-and-auto-scaling"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(LAB)]

# The group gets one subnet: every instance in one AZ. Task 5's AZ test fails (3 points).
ONE_AZ = '''
autoscaling.create_auto_scaling_group(
    AutoScalingGroupName=ASG,
    LaunchTemplate={"LaunchTemplateName": TEMPLATE, "Version": "$Default"},
    MinSize=2, DesiredCapacity=2, MaxSize=6,
    VPCZoneIdentifier=SUBNETS["ap-northeast-2a"],
    TargetGroupARNs=[elbv2.describe_target_groups(Names=[WEB_TG])["TargetGroups"][0]["TargetGroupArn"]],
    HealthCheckType="ELB", HealthCheckGracePeriod=120,
)
'''

# The /api/* rule forwards to the web group (copied from the default action): task 4 (3 points).
API_TO_WEB = '''
listener_arn = elbv2.describe_listeners(LoadBalancerArn=elbv2.describe_load_balancers(Names=[ALB])[
    "LoadBalancers"][0]["LoadBalancerArn"])["Listeners"][0]["ListenerArn"]
web_tg_arn = elbv2.describe_target_groups(Names=[WEB_TG])["TargetGroups"][0]["TargetGroupArn"]
api_tg_arn = elbv2.describe_target_groups(Names=[API_TG])["TargetGroups"][0]["TargetGroupArn"]
elbv2.create_rule(ListenerArn=listener_arn, Priority=10,
                  Conditions=[{"Field": "path-pattern", "PathPatternConfig": {"Values": ["/api/*"]}}],
                  Actions=[{"Type": "forward", "TargetGroupArn": web_tg_arn}])
elbv2.create_rule(ListenerArn=listener_arn, Priority=20,
                  Conditions=[{"Field": "host-header", "HostHeaderConfig": {"Values": ["api.example.com"]}}],
                  Actions=[{"Type": "forward", "TargetGroupArn": api_tg_arn}])
'''

# An old tutorial: a launch configuration instead of a template (tasks 1 and 5: 5 points).
LAUNCH_CONFIGURATION = {
    "task1_solution": '''
autoscaling.create_launch_configuration(LaunchConfigurationName=TEMPLATE, ImageId=AMI,
                                        InstanceType="t3.micro", SecurityGroups=[WEB_SG])
''',
    "task5_solution": '''
autoscaling.create_auto_scaling_group(
    AutoScalingGroupName=ASG, LaunchConfigurationName=TEMPLATE,
    MinSize=2, DesiredCapacity=2, MaxSize=6,
    VPCZoneIdentifier=",".join(SUBNETS.values()),
    TargetGroupARNs=[elbv2.describe_target_groups(Names=[WEB_TG])["TargetGroups"][0]["TargetGroupArn"]],
    HealthCheckType="ELB", HealthCheckGracePeriod=120,
)
''',
}

EXPECTED = {"full": 14.0, "blank": 0.0, "one_az": 11.0, "api_to_web": 11.0, "launch_configuration": 9.0}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("lblab")
    course = Course.at(root / "classroom")
    release(LAB, course=course)
    source = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
    blank = nbformat.read(course.release(LAB) / f"{LAB}.ipynb", as_version=4)
    answers = solutions(source)
    handed_in = {
        "full": filled(blank, answers),
        "blank": blank,
        "one_az": filled(blank, {**answers, "task5_solution": ONE_AZ}),
        "api_to_web": filled(blank, {**answers, "task4_solution": API_TO_WEB}),
        "launch_configuration": filled(blank, {**answers, **LAUNCH_CONFIGURATION}),
    }
    subs = root / "subs"
    for student, nb in handed_in.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / f"{LAB}.ipynb")
    collect(LAB, subs, course=course)
    results = {g.student: g for g in grade(LAB, course=course, executor="warm")}
    return course, results


def test_released_notebook_has_no_solutions_or_hidden_tests(graded):
    course, _ = graded
    text = (course.release(LAB) / f"{LAB}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert not [line for line in hidden_test_lines(course, LAB) if line in text]


def test_scores_match_the_documented_points(graded):
    _, results = graded
    scores = {s: (g.status, g.score, g.max_score) for s, g in results.items()}
    assert scores == {s: ("graded", points, 14.0) for s, points in EXPECTED.items()}, {
        s: g.reason for s, g in results.items()}


def test_feedback_shows_no_hidden_test_source_and_says_why(graded):
    course, _ = graded
    secrets = hidden_test_lines(course, LAB)
    assert secrets, "the lab has hidden tests to protect"
    for done in feedback(LAB, course=course, students=sorted(EXPECTED)):
        assert done.problem is None and done.pages, done.student
        html = done.pages[0].read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in html
        assert not [line for line in secrets if line in html], f"{done.student}'s feedback quotes a hidden test"
        if done.student == "one_az":
            assert "1 Availability Zone" in html and "가용 영역" in html  # the learner sees why, in both languages
        if done.student == "api_to_web":
            assert "/api/orders" in html and "kit-api-tg" in html
