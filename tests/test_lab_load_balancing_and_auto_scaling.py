"""The load-balancing and Auto Scaling lab through real nbgrader: full marks, zero, and the exact
partial points of wrong answers a learner would plausibly hand in; feedback keeps hidden tests hidden.

Points are documented in labs/load-balancing-and-auto-scaling/README.md (14 in all). One grade()
call grades every submission, with the warm executor.
"""

import pytest


from .conftest import filled
from .lab_grading import feedback_pages, grade_class, release_hides_solutions

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
    def handed_in(blank, answers):
        return {
            "full": filled(blank, answers),
            "blank": blank,
            "one_az": filled(blank, {**answers, "task5_solution": ONE_AZ}),
            "api_to_web": filled(blank, {**answers, "task4_solution": API_TO_WEB}),
            "launch_configuration": filled(blank, {**answers, **LAUNCH_CONFIGURATION}),
        }
    return grade_class(tmp_path_factory.mktemp("lblab"), LAB, handed_in)


def test_released_notebook_has_no_solutions_or_hidden_tests(graded):
    course, _ = graded
    release_hides_solutions(course, LAB)


def test_scores_match_the_documented_points(graded):
    _, results = graded
    scores = {s: (g.status, g.score, g.max_score) for s, g in results.items()}
    assert scores == {s: ("graded", points, 14.0) for s, points in EXPECTED.items()}, {
        s: g.reason for s, g in results.items()}


def test_feedback_shows_no_hidden_test_source_and_says_why(graded):
    course, _ = graded
    for student, html in feedback_pages(course, LAB, EXPECTED).items():
        if student == "one_az":
            assert "1 Availability Zone" in html and "가용 영역" in html  # the learner sees why, in both languages
        if student == "api_to_web":
            assert "/api/orders" in html and "kit-api-tg" in html
