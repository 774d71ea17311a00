"""Architecture rules of the capstone: each passes on a sound three-tier build and fails, in English and
Korean, with why it matters and where to read, on a build with the mistake it is there to catch.

Each variant is built in an emptied sandbox (the rules find the architecture by its Project tag, so
one sandbox holds one architecture) and every rule is judged on it."""

from __future__ import annotations

import json
import re

import pytest

from labs.checks import architecture as check
from labs.checks.result import CheckResult
from tests.test_sandbox import sandbox_in_process

AZ_A, AZ_B = "ap-northeast-2a", "ap-northeast-2b"
READ_ONLY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::capstone-assets"},
    {"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::capstone-assets/*"}]}
TRUST = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Service": "ec2.amazonaws.com"},
                                                 "Action": "sts:AssumeRole"}]}


def build(aws, *, db_route="none", ssh_from=None, policy=READ_ONLY, nats=1, instance_type="t3.micro",
          app_azs=(AZ_A, AZ_B), multi_az=True, public_db=False, db_open=False, tag_vpc=True, profile=True,
          db_group=("db-a", "db-b")):
    """A three-tier architecture as the capstone asks for it; each keyword is one way to get it wrong."""
    ec2, iam, rds = aws.client("ec2"), aws.client("iam"), aws.client("rds")

    def tags(kind, name, tier=None):
        t = [{"Key": "Name", "Value": name}, {"Key": "Project", "Value": "capstone"}]
        return [{"ResourceType": kind, "Tags": t + ([{"Key": "Tier", "Value": tier}] if tier else [])}]

    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16",
                         TagSpecifications=tags("vpc", "capstone") if tag_vpc else [])["Vpc"]["VpcId"]
    plan = {"web-a": ("10.0.0.0/24", AZ_A, "web"), "web-b": ("10.0.1.0/24", AZ_B, "web"),
            "app-a": ("10.0.10.0/24", AZ_A, "app"), "app-b": ("10.0.11.0/24", AZ_B, "app"),
            "db-a": ("10.0.20.0/24", AZ_A, "db"), "db-b": ("10.0.21.0/24", AZ_B, "db")}
    sub = {n: ec2.create_subnet(VpcId=vpc, CidrBlock=c, AvailabilityZone=az,
                                TagSpecifications=tags("subnet", n, t))["Subnet"]["SubnetId"]
           for n, (c, az, t) in plan.items()}
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    for n in ("web-a", "web-b"):
        ec2.associate_route_table(RouteTableId=public_rt, SubnetId=sub[n])
    nat_ids = []
    for i in range(nats):
        eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
        nat_ids.append(ec2.create_nat_gateway(SubnetId=sub[("web-a", "web-b")[i % 2]],
                                              AllocationId=eip)["NatGateway"]["NatGatewayId"])
    app_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=app_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat_ids[0])
    for n in ("app-a", "app-b"):
        ec2.associate_route_table(RouteTableId=app_rt, SubnetId=sub[n])
    db_rt = {"none": ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"] if db_route == "none" else None,
             "igw": public_rt, "nat": app_rt}[db_route]
    for n in ("db-a", "db-b"):
        ec2.associate_route_table(RouteTableId=db_rt, SubnetId=sub[n])

    def group(name, tier):
        return ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc,
                                         TagSpecifications=tags("security-group", name, tier))["GroupId"]

    def tcp(port, *, cidr=None, source=None):
        perm = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port}
        perm.update({"IpRanges": [{"CidrIp": cidr}]} if cidr else {"UserIdGroupPairs": [{"GroupId": source}]})
        return [perm]

    web, app, db = group("web-sg", "web"), group("app-sg", "app"), group("db-sg", "db")
    ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=tcp(443, cidr="0.0.0.0/0"))
    ec2.authorize_security_group_ingress(GroupId=app, IpPermissions=tcp(8080, source=web))
    ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=tcp(3306, source=app))
    if db_open:
        ec2.authorize_security_group_ingress(GroupId=db, IpPermissions=tcp(3306, cidr="0.0.0.0/0"))
    if ssh_from:
        ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=tcp(22, cidr=ssh_from))

    iam.create_role(RoleName="capstone-app", AssumeRolePolicyDocument=json.dumps(TRUST))
    iam.put_role_policy(RoleName="capstone-app", PolicyName="read-assets", PolicyDocument=json.dumps(policy))
    iam.create_instance_profile(InstanceProfileName="capstone-app")
    iam.add_role_to_instance_profile(InstanceProfileName="capstone-app", RoleName="capstone-app")

    for tier, sg, azs in (("web", web, (AZ_A, AZ_B)), ("app", app, app_azs)):
        for az in azs:
            extra = {"IamInstanceProfile": {"Name": "capstone-app"}} if tier == "app" and profile else {}
            ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType=instance_type,
                              SubnetId=sub[f"{tier}-{az[-1]}"], SecurityGroupIds=[sg],
                              TagSpecifications=tags("instance", f"{tier}-{az[-1]}", tier), **extra)

    rds.create_db_subnet_group(DBSubnetGroupName="capstone-db", DBSubnetGroupDescription="db tier",
                               SubnetIds=[sub[n] for n in db_group])
    rds.create_db_instance(DBInstanceIdentifier="capstone-db", DBInstanceClass="db.t4g.micro", Engine="mysql",
                           MasterUsername="admin", MasterUserPassword="not-a-real-one", AllocatedStorage=20,
                           DBSubnetGroupName="capstone-db", VpcSecurityGroupIds=[db], MultiAZ=multi_az,
                           PubliclyAccessible=public_db, Tags=[{"Key": "Project", "Value": "capstone"},
                                                               {"Key": "Tier", "Value": "db"}])


RULES = {"db": check.database_not_public, "ssh": check.ssh_not_open_to_world, "az": check.tiers_in_two_azs,
         "nat": check.private_egress_through_nat, "iam": check.app_role_least_privilege,
         "cost": check.monthly_cost_within_budget}

S3_STAR = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}
READ_ANY = {"Version": "2012-10-17", "Statement": [
    {"Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "*"}]}

# Each wrong build carries unrelated mistakes, so that few builds cover every rule failing.
VARIANTS = {
    "good": {},
    "db-on-igw": {"db_route": "igw"},
    "db-public-open/ssh-world": {"public_db": True, "db_open": True, "ssh_from": "0.0.0.0/0"},
    "s3-star/one-az": {"policy": S3_STAR, "app_azs": (AZ_A, AZ_A), "multi_az": False},
    "read-any-bucket/big": {"policy": READ_ANY, "nats": 3, "instance_type": "m5.large"},
    "no-profile/db-via-nat/ssh-admins/rds-in-web": {"profile": False, "db_route": "nat", "ssh_from": "203.0.113.0/24",
                                                   "db_group": ("web-a", "db-b")},
    "untagged": {"tag_vpc": False},
}


@pytest.fixture(scope="module")
def verdicts():
    out: dict[str, dict[str, CheckResult]] = {}
    with sandbox_in_process() as aws:
        out["empty"] = {rule: judge() for rule, judge in RULES.items()}
        for name, wrong in VARIANTS.items():
            aws.reset()
            build(aws, **wrong)
            out[name] = {rule: judge() for rule, judge in RULES.items()}
    return out


# variant -> the rules it breaks (every other rule passes)
BROKEN = {
    "good": set(),
    "db-on-igw": {"db", "nat"},
    "db-public-open/ssh-world": {"db", "ssh"},
    "s3-star/one-az": {"iam", "az"},
    "read-any-bucket/big": {"iam", "cost"},
    "no-profile/db-via-nat/ssh-admins/rds-in-web": {"iam", "db"},
    "untagged": set(RULES),
    "empty": set(RULES),
}


@pytest.mark.parametrize("variant", sorted(BROKEN))
def test_each_rule_passes_or_fails_as_the_design_deserves(verdicts, variant):
    got = {rule for rule, r in verdicts[variant].items() if not r.passed}
    assert got == BROKEN[variant], {r: verdicts[variant][r].message for r in got ^ BROKEN[variant]}


# variant, rule, words in the English message
WORDS = [
    ("db-on-igw", "db", ["database subnet db-a", "is public", "internet gateway igw-"]),
    ("db-on-igw", "nat", ["subnet db-a", "which is not a NAT gateway"]),
    ("db-public-open/ssh-world", "db", ["DB instance capstone-db is publicly accessible",
                              "db-sg of the database tier admits tcp 3306-3306 from 0.0.0.0/0"]),
    ("db-public-open/ssh-world", "ssh", ["web-sg", "admit TCP 22 from 0.0.0.0/0"]),
    ("s3-star/one-az", "iam", ["role capstone-app", "s3:PutObject on arn:aws:s3:::capstone-assets/", "is allowed",
                        "s3:ListAllMyBuckets on * is allowed"]),
    ("read-any-bucket/big", "iam", ["s3:GetObject on arn:aws:s3:::capstone-backups/db/dump.sql is allowed"]),
    ("no-profile/db-via-nat/ssh-admins/rds-in-web", "iam", ["has no instance profile"]),
    ("no-profile/db-via-nat/ssh-admins/rds-in-web", "db", ["DB instance capstone-db may be placed in subnet web-a"]),
    ("read-any-bucket/big", "cost", ["over the USD 150 budget", "EC2 m5.large x 4", "NAT gateways x 3"]),
    ("s3-star/one-az", "az", ["running instance of tier app is in ap-northeast-2a", "capstone-db is not Multi-AZ"]),
    ("untagged", "db", ["no VPC is tagged Project=capstone"]),
    ("empty", "cost", ["no VPC is tagged Project=capstone"]),
]


@pytest.mark.parametrize("variant, rule, words", WORDS)
def test_a_failure_says_what_was_found_why_it_matters_and_where_to_read(verdicts, variant, rule, words):
    r = verdicts[variant][rule]
    assert not r.passed
    for w in words:
        assert w in r.message, (w, r.message)
    assert r.message.startswith("Rule ") and "fails" in r.message
    assert r.hint.startswith("Why it matters:") and r.hint_ko.startswith("왜 중요한가:")
    assert re.search(r"[가-힣]", r.message_ko) and "실패" in r.message_ko
    assert re.fullmatch(r"\d\d-[\w-]+\.ipynb § .+", r.see), r.see
    # Messages name what is wrong, never the call that fixes it.
    for solution_words in ("authorize_security_group", "create_route(", "PubliclyAccessible=False", "json.dumps"):
        assert solution_words not in r.message + r.hint


def test_a_pass_is_one_line_with_why_it_matters(verdicts, capsys):
    good = verdicts["good"]
    for rule, r in good.items():
        assert r.message.startswith("Rule ") and "passes" in r.message and "Why it matters" in r.message
        assert "\n" not in r.message and "통과" in r.message_ko and "왜 중요한가" in r.message_ko
    check.review(good["cost"])
    line = capsys.readouterr().out
    assert line.count("\n") == 1 and line.startswith("✓ Rule 6") and "규칙 6" in line


def test_the_good_design_costs_what_the_meter_says(verdicts):
    r = verdicts["good"]["cost"]
    # 4 x t3.micro, 4 x 8 GiB gp2 root volumes, 1 NAT gateway, its Elastic IP, 2 auto-assigned web
    # addresses (the sandbox assigns public IPv4 on launch), Multi-AZ db.t4g.micro with 2 x 20 GB.
    assert 90 < r.found < check.BUDGET_USD, r.found


def test_review_raises_with_the_design_review_of_a_failing_rule(verdicts):
    with pytest.raises(AssertionError) as err:
        check.review(verdicts["db-public-open/ssh-world"]["ssh"], verdicts["good"]["db"])
    text = str(err.value)
    assert "Rule 2, SSH not open to the world: fails" in text and "규칙 2" in text
    assert "Why it matters" in text and "see / 참고: 13-routing-nat-and-gateways.ipynb" in text


def test_every_see_pointer_names_a_real_chapter_heading():
    from tests.test_vpc_checks import test_every_see_pointer_names_a_real_chapter_heading as same

    same("architecture")
