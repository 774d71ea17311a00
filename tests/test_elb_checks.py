"""ELB and Auto Scaling checks: each passes on the right sandbox state and, on the wrong one,
says what it found, what it expected and where in chapter 10 to read; `route` picks rules as an ALB does."""

from __future__ import annotations

import pytest

from labs.checks import autoscaling as asg_check
from labs.checks import elb as elb_check
from labs.checks.elb import matches, route
from tests.test_sandbox import sandbox_in_process

CHAPTER = "10-load-balancing-and-auto-scaling.ipynb § "
TG = "arn:aws:elasticloadbalancing:ap-northeast-2:123456789012:targetgroup/{}/0123456789abcdef"


def rule(priority, *conditions, to="web"):
    return {"Priority": str(priority), "IsDefault": priority == "default", "Conditions": list(conditions),
            "Actions": [{"Type": "forward", "TargetGroupArn": TG.format(to)}]}


def path(*values):
    return {"Field": "path-pattern", "PathPatternConfig": {"Values": list(values)}}


def host(*values):
    return {"Field": "host-header", "HostHeaderConfig": {"Values": list(values)}}


RULES = [rule("default"), rule(20, host("api.example.com"), to="api"), rule(10, path("/api/*"), to="api"),
         rule(5, host("*.example.com"), path("/admin/*"), to="admin")]


@pytest.mark.parametrize("host_name, path_name, priority, group", [
    ("www.example.com", "/api/orders", "10", "api"),
    ("www.example.com", "/api", "default", "web"),              # /api/* needs the slash
    ("www.example.com", "/API/orders", "default", "web"),       # paths are case-sensitive
    ("www.example.com", "/api/x?y=/z", "10", "api"),            # the query string is not the path
    ("API.Example.com", "/", "20", "api"),                      # hosts are not
    ("shop.example.com", "/admin/users", "5", "admin"),         # lowest priority number first, all conditions
    ("example.org", "/admin/users", "default", "web"),          # one condition fails: the rule does not apply
])
def test_route_picks_the_first_matching_rule_by_priority(host_name, path_name, priority, group):
    chosen, arns = route(RULES, host_name, path_name)
    assert chosen["Priority"] == priority and arns == [TG.format(group)]


def test_route_counts_only_weighted_groups_of_a_forward_config():
    weighted = {"Priority": "1", "Conditions": [path("/*")], "Actions": [{"Type": "forward", "ForwardConfig": {
        "TargetGroups": [{"TargetGroupArn": TG.format("a"), "Weight": 0}, {"TargetGroupArn": TG.format("b"), "Weight": 3}]}}]}
    assert route([weighted], "h", "/x")[1] == [TG.format("b")]
    assert route([], "h", "/x") == (None, [])


def test_matches_wildcards_literally_otherwise():
    assert matches("/img/?.png", "/img/a.png", case_sensitive=True)
    assert not matches("/img/?.png", "/img/ab.png", case_sensitive=True)
    assert not matches("/a.b", "/axb", case_sensitive=True)        # a dot is a dot
    assert matches("/[x]", "/[x]", case_sensitive=True)           # brackets are not a class


# --- checks on sandbox state ---------------------------------------------------------------


@pytest.fixture(scope="module")
def aws():
    """One sandbox for the module, holding a good web tier and its broken variants side by side."""
    with sandbox_in_process() as aws:
        ec2, elbv2, autoscaling = aws.ec2, aws.client("elbv2"), aws.client("autoscaling")
        vpc = ec2.create_vpc(CidrBlock="10.9.0.0/16")["Vpc"]["VpcId"]
        subnets = [ec2.create_subnet(VpcId=vpc, CidrBlock=c, AvailabilityZone=z)["Subnet"]["SubnetId"]
                   for c, z in (("10.9.1.0/24", "ap-northeast-2a"), ("10.9.2.0/24", "ap-northeast-2c"))]
        ec2.create_launch_template(LaunchTemplateName="t-lt", LaunchTemplateData={
            "ImageId": "ami-12345678", "InstanceType": "t3.micro"})
        web = elbv2.create_target_group(Name="t-web", Protocol="HTTP", Port=80, VpcId=vpc,
                                        HealthCheckPath="/health")["TargetGroups"][0]["TargetGroupArn"]
        api = elbv2.create_target_group(Name="t-api", Protocol="HTTP", Port=8080, VpcId=vpc)["TargetGroups"][0]["TargetGroupArn"]

        def alb(name, subnet_ids, api_rule_to):
            arn = elbv2.create_load_balancer(Name=name, Subnets=subnet_ids)["LoadBalancers"][0]["LoadBalancerArn"]
            listener = elbv2.create_listener(LoadBalancerArn=arn, Protocol="HTTP", Port=80, DefaultActions=[
                {"Type": "forward", "TargetGroupArn": web}])["Listeners"][0]["ListenerArn"]
            elbv2.create_rule(ListenerArn=listener, Priority=10, Conditions=[path("/api/*")],
                              Actions=[{"Type": "forward", "TargetGroupArn": api_rule_to}])

        alb("t-alb", subnets, api)
        alb("t-bad-alb", subnets[:1], web)  # one AZ, and /api/* to the web group

        def group(name, subnet_ids, **extra):
            autoscaling.create_auto_scaling_group(AutoScalingGroupName=name, MinSize=2, DesiredCapacity=2, MaxSize=6,
                                                  VPCZoneIdentifier=",".join(subnet_ids), **extra)

        group("t-asg", subnets, LaunchTemplate={"LaunchTemplateName": "t-lt"}, TargetGroupARNs=[web],
              HealthCheckType="ELB", HealthCheckGracePeriod=60)
        group("t-one-az", subnets[:1], LaunchTemplate={"LaunchTemplateName": "t-lt"})
        autoscaling.create_launch_configuration(LaunchConfigurationName="t-lc", ImageId="ami-12345678",
                                                InstanceType="t3.micro")
        group("t-lc-asg", subnets, LaunchConfigurationName="t-lc")
        autoscaling.create_auto_scaling_group(AutoScalingGroupName="t-upside-down", MinSize=5, MaxSize=2,
                                              DesiredCapacity=3, VPCZoneIdentifier=subnets[0],
                                              LaunchTemplate={"LaunchTemplateName": "t-lt"})
        # Registered by hand, not attached: the group's instances are in the target group only by luck.
        group("t-by-hand", subnets, LaunchTemplate={"LaunchTemplateName": "t-lt"})
        autoscaling.put_scaling_policy(AutoScalingGroupName="t-asg", PolicyName="cpu-50",
                                       PolicyType="TargetTrackingScaling", TargetTrackingConfiguration={
                                           "PredefinedMetricSpecification": {"PredefinedMetricType": "ASGAverageCPUUtilization"},
                                           "TargetValue": 50.0})
        autoscaling.put_scaling_policy(AutoScalingGroupName="t-asg", PolicyName="simple",
                                       AdjustmentType="ChangeInCapacity", ScalingAdjustment=1)
        autoscaling.put_scaling_policy(AutoScalingGroupName="t-asg", PolicyName="requests",
                                       PolicyType="TargetTrackingScaling", TargetTrackingConfiguration={
                                           "PredefinedMetricSpecification": {"PredefinedMetricType": "ASGAverageNetworkIn"},
                                           "TargetValue": 70.0})
        yield aws


PASSING = [
    lambda: elb_check.load_balancer("t-alb"),
    lambda: elb_check.target_group("t-web", Port=80, HealthCheckPath="/health", TargetType="instance"),
    lambda: elb_check.listener_default("t-alb", 80, "t-web"),
    lambda: elb_check.request_routes_to("t-alb", 80, "t-api", path="/api/orders"),
    lambda: elb_check.request_routes_to("t-alb", 80, "t-web", path="/index.html"),
    lambda: asg_check.launch_template("t-lt", InstanceType="t3.micro", ImageId="ami-12345678"),
    lambda: asg_check.group_uses_launch_template("t-asg", "t-lt"),
    lambda: asg_check.group_capacity("t-asg", min=2, desired=2, max=6),
    lambda: asg_check.group_spans_azs("t-asg", at_least=2),
    lambda: asg_check.group_health_check_type("t-asg", "ELB"),
    lambda: asg_check.group_target_groups("t-asg", "t-web"),
    lambda: asg_check.target_tracking_policy("t-asg", "cpu-50"),
]


@pytest.mark.parametrize("check", PASSING, ids=range(len(PASSING)))
def test_check_passes_on_the_right_state(aws, check):
    result = check()
    assert result.passed, result.explain()
    assert result.message and result.message_ko and not result.hint


# (check, words in the English message, section of chapter 10 it points to)
FAILING = [
    (lambda: elb_check.load_balancer("nope"), ["'nope' not found", "t-alb"], "Target groups, listeners and rules"),
    (lambda: elb_check.load_balancer("t-bad-alb"), ["1 Availability Zone", "ap-northeast-2a", "at least 2"],
     "Target groups, listeners and rules"),
    (lambda: elb_check.load_balancer("t-alb", scheme="internal"), ["Scheme is internet-facing, expected internal"],
     "The four types of Elastic Load Balancing"),
    (lambda: elb_check.target_group("t-api", HealthCheckPath="/api/health"), ["HealthCheckPath is /", "/api/health"],
     "Health checks and the 502"),
    (lambda: elb_check.target_group("t-api", Port=80), ["Port is 8080, expected 80"], "Target groups, listeners"),
    (lambda: elb_check.target_group("missing"), ["'missing' not found", "t-api"], "Target groups"),
    (lambda: elb_check.listener_default("t-alb", 443, "t-web"), ["no listener on port 443", "[80]"], "Target groups"),
    (lambda: elb_check.listener_default("t-alb", 80, "t-api"), ["sends requests to ['t-web']", "'t-api'"], "Target groups"),
    (lambda: elb_check.request_routes_to("t-bad-alb", 80, "t-api", path="/api/orders"),
     ["path /api/orders", "rule 10", "['t-web']", "expected 't-api'"], "Target groups"),
    (lambda: elb_check.request_routes_to("t-alb", 80, "t-api", path="/api"), ["the default rule", "['t-web']"],
     "Target groups"),
    (lambda: asg_check.launch_template("gone"), ["'gone' not found", "t-lt"], "Launch templates, not launch configurations"),
    (lambda: asg_check.launch_template("t-lt", InstanceType="t3.small"), ["InstanceType is t3.micro, expected t3.small"],
     "Launch templates"),
    (lambda: asg_check.group_uses_launch_template("t-lc-asg", "t-lt"), ["launch configuration 't-lc'", "legacy"],
     "Launch templates"),
    (lambda: asg_check.group_capacity("t-asg", min=1, desired=2, max=4), ["min 2, desired 2, max 6", "expected min 1"],
     "Auto Scaling groups: min, max and desired"),
    (lambda: asg_check.group_capacity("t-upside-down", min=2, desired=3, max=5), ["min 5", "max 2", "min ≤ desired ≤ max"],
     "Auto Scaling groups"),
    (lambda: asg_check.group_spans_azs("t-one-az"), ["1 Availability Zone", "['ap-northeast-2a']", "at least 2"],
     "Auto Scaling groups"),
    (lambda: asg_check.group_spans_azs("nobody"), ["'nobody' not found", "t-asg"], "Auto Scaling groups"),
    (lambda: asg_check.group_health_check_type("t-one-az"), ["health check type EC2, expected ELB"],
     "Health checks and the 502"),
    (lambda: asg_check.group_target_groups("t-by-hand", "t-web"), ["attached to target groups []", "'t-web'"],
     "Auto Scaling groups"),
    (lambda: asg_check.group_target_groups("t-asg", "t-none"), ["'t-none' not found", "t-web"], "Auto Scaling groups"),
    (lambda: asg_check.target_tracking_policy("t-one-az", "cpu-50"), ["no scaling policy 'cpu-50'"],
     "Ways to change capacity"),
    (lambda: asg_check.target_tracking_policy("t-asg", "simple"), ["type SimpleScaling", "TargetTrackingScaling"],
     "Ways to change capacity"),
    (lambda: asg_check.target_tracking_policy("t-asg", "requests"), ["tracks ASGAverageNetworkIn",
                                                                     "expected ASGAverageCPUUtilization"], "Ways"),
    (lambda: asg_check.target_tracking_policy("t-asg", "cpu-50", target=60.0), ["aims at 50.0, expected 60.0"], "Ways"),
]


@pytest.mark.parametrize("check, words, section", FAILING, ids=range(len(FAILING)))
def test_check_fails_on_the_wrong_state_and_says_why(aws, check, words, section):
    result = check()
    assert not result.passed
    for word in words:
        assert word in result.message, result.message
    assert result.message_ko and result.hint and result.hint_ko, result.explain()
    assert result.see.startswith(CHAPTER + section), result.see
    # A hint teaches; it does not hand over a ready line of code.
    assert "(" not in result.hint.replace("(s)", "") or "=" not in result.hint, result.hint


def test_hand_registered_instances_are_not_the_groups_wiring(aws):
    """Registering the group's instances by hand does not attach the group: the check still fails."""
    elbv2, autoscaling = aws.client("elbv2"), aws.client("autoscaling")
    web = elbv2.describe_target_groups(Names=["t-web"])["TargetGroups"][0]["TargetGroupArn"]
    ids = [i["InstanceId"] for i in autoscaling.describe_auto_scaling_groups(
        AutoScalingGroupNames=["t-by-hand"])["AutoScalingGroups"][0]["Instances"]]
    elbv2.register_targets(TargetGroupArn=web, Targets=[{"Id": i} for i in ids])
    assert not asg_check.group_target_groups("t-by-hand", "t-web").passed


def test_instances_taken_out_of_the_target_group_are_named(aws):
    """Attached, but its instances deregistered behind its back: the check names the missing ones."""
    elbv2, autoscaling = aws.client("elbv2"), aws.client("autoscaling")
    api = elbv2.describe_target_groups(Names=["t-api"])["TargetGroups"][0]["TargetGroupArn"]
    autoscaling.attach_load_balancer_target_groups(AutoScalingGroupName="t-one-az", TargetGroupARNs=[api])
    assert asg_check.group_target_groups("t-one-az", "t-api").passed
    ids = sorted(i["InstanceId"] for i in autoscaling.describe_auto_scaling_groups(
        AutoScalingGroupNames=["t-one-az"])["AutoScalingGroups"][0]["Instances"])
    elbv2.deregister_targets(TargetGroupArn=api, Targets=[{"Id": ids[0]}])
    result = asg_check.group_target_groups("t-one-az", "t-api")
    assert not result.passed and f"does not hold the group's instances ['{ids[0]}']" in result.message, result.message
    assert result.see.startswith(CHAPTER + "Auto Scaling groups")
