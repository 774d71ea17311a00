"""VPC checks: each passes on a well-built VPC and, on a VPC built the way a learner gets it wrong,
says (in English and Korean) what it found against what it expected and where to read, judged by
AWS's rules where the sandbox is lenient (a /29 subnet, a second internet gateway)."""

from __future__ import annotations

import re

import pytest

from labs.checks import vpc as check
from labs.checks.result import CheckResult
from tests.test_sandbox import sandbox_in_process

TIERS = {"public": ["public-a", "public-b"], "private": ["private-a", "private-b"],
         "database": ["db-a", "db-b"]}
BLOCKS = {"public-a": "10.0.0.0/24", "public-b": "10.0.1.0/24", "private-a": "10.0.10.0/24",
          "private-b": "10.0.11.0/24", "db-a": "10.0.20.0/28", "db-b": "10.0.21.0/28"}
ADMINS = "203.0.113.0/24"


def build(ec2, vpc_name, *, blocks=BLOCKS, public_b_az="ap-northeast-2b", nat_in="public-a",
          db_source="app", ssh_from=ADMINS, second_igw=False, nacl_egress=True, nacl_assoc=("db-a", "db-b")):
    """A three-tier VPC as the lab asks for it; each keyword is one way to get it wrong."""
    def tag(kind, name):
        return [{"ResourceType": kind, "Tags": [{"Key": "Name", "Value": name}]}]

    vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16", TagSpecifications=tag("vpc", vpc_name))["Vpc"]["VpcId"]
    azs = {"a": "ap-northeast-2a", "b": "ap-northeast-2b"}
    sub = {}
    for name, block in blocks.items():
        az = public_b_az if name == "public-b" else azs[name[-1]]
        sub[name] = ec2.create_subnet(VpcId=vpc, CidrBlock=block, AvailabilityZone=az,
                                      TagSpecifications=tag("subnet", name))["Subnet"]["SubnetId"]
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    if second_igw:
        extra = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=extra, VpcId=vpc)
    public_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=public_rt, DestinationCidrBlock="0.0.0.0/0", GatewayId=igw)
    for name in ("public-a", "public-b"):
        ec2.associate_route_table(RouteTableId=public_rt, SubnetId=sub[name])
    eip = ec2.allocate_address(Domain="vpc")["AllocationId"]
    nat = ec2.create_nat_gateway(SubnetId=sub[nat_in], AllocationId=eip)["NatGateway"]["NatGatewayId"]
    private_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    ec2.create_route(RouteTableId=private_rt, DestinationCidrBlock="0.0.0.0/0", NatGatewayId=nat)
    for name in ("private-a", "private-b"):
        ec2.associate_route_table(RouteTableId=private_rt, SubnetId=sub[name])
    db_rt = ec2.create_route_table(VpcId=vpc)["RouteTable"]["RouteTableId"]
    for name in ("db-a", "db-b"):
        ec2.associate_route_table(RouteTableId=db_rt, SubnetId=sub[name])

    def group(name):
        return ec2.create_security_group(GroupName=name, Description=name, VpcId=vpc)["GroupId"]

    def tcp(port, *, cidr=None, source=None):
        perm = {"IpProtocol": "tcp", "FromPort": port, "ToPort": port}
        if cidr:
            perm["IpRanges"] = [{"CidrIp": cidr}]
        else:
            perm["UserIdGroupPairs"] = [{"GroupId": source}]
        return [perm]

    web, app, db, bastion = group("web-sg"), group("app-sg"), group("db-sg"), group("bastion-sg")
    ec2.authorize_security_group_ingress(GroupId=web, IpPermissions=tcp(443, cidr="0.0.0.0/0"))
    ec2.authorize_security_group_ingress(GroupId=app, IpPermissions=tcp(8080, source=web))
    ec2.authorize_security_group_ingress(
        GroupId=db, IpPermissions=tcp(3306, source=app) if db_source == "app" else tcp(3306, cidr=db_source))
    ec2.authorize_security_group_ingress(GroupId=bastion, IpPermissions=tcp(22, cidr=ssh_from))
    ec2.authorize_security_group_ingress(GroupId=app, IpPermissions=tcp(22, source=bastion))
    acl = ec2.create_network_acl(VpcId=vpc, TagSpecifications=tag("network-acl", "db-nacl"))["NetworkAcl"]
    for n, name in enumerate(("private-a", "private-b")):
        ec2.create_network_acl_entry(NetworkAclId=acl["NetworkAclId"], RuleNumber=100 + 10 * n, Protocol="6",
                                     RuleAction="allow", Egress=False, CidrBlock=blocks[name],
                                     PortRange={"From": 3306, "To": 3306})
        if nacl_egress:
            ec2.create_network_acl_entry(NetworkAclId=acl["NetworkAclId"], RuleNumber=100 + 10 * n, Protocol="6",
                                         RuleAction="allow", Egress=True, CidrBlock=blocks[name],
                                         PortRange={"From": 1024, "To": 65535})
    acls = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NetworkAcls"]
    for name in nacl_assoc:
        assoc = next(a["NetworkAclAssociationId"] for x in acls for a in x["Associations"]
                     if a["SubnetId"] == sub[name])
        ec2.replace_network_acl_association(AssociationId=assoc, NetworkAclId=acl["NetworkAclId"])
    ec2.run_instances(ImageId="ami-12c6146b", MinCount=1, MaxCount=1, InstanceType="t3.micro",
                      SubnetId=sub["public-a"], SecurityGroupIds=[bastion],
                      TagSpecifications=tag("instance", "bastion"))


# Each wrong VPC carries two unrelated mistakes, so one sandbox holds every case in five VPCs.
VARIANTS = {
    "good": {},
    "tiny-open": {"blocks": {**BLOCKS, "db-a": "10.0.20.0/29", "db-b": "10.0.21.0/29"}, "ssh_from": "0.0.0.0/0"},
    "nat-cidr": {"nat_in": "private-a", "db_source": "10.0.0.0/16"},
    "one-az-stateless": {"public_b_az": "ap-northeast-2a", "nacl_egress": False},
    "two-igw-unassociated": {"second_igw": True, "nacl_assoc": ("db-a",)},
}


def _ids(ec2, vpc_name):
    vpc = ec2.describe_vpcs(Filters=[{"Name": "tag:Name", "Values": [vpc_name]}])["Vpcs"][0]["VpcId"]
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["Subnets"]
    return vpc, {next(t["Value"] for t in s["Tags"] if t["Key"] == "Name"): s["SubnetId"] for s in subnets}


def detach_the_igw(ec2, vpc_name):
    """The public route stays, the gateway goes: moto keeps the route active, AWS marks it blackhole."""
    vpc, _ = _ids(ec2, vpc_name)
    igw = ec2.describe_internet_gateways(
        Filters=[{"Name": "attachment.vpc-id", "Values": [vpc]}])["InternetGateways"][0]["InternetGatewayId"]
    ec2.detach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)


def route_private_to_a_private_nat(ec2, vpc_name):
    """A NAT gateway without an Elastic IP (ConnectivityType private) in a public subnet: it can't reach the internet."""
    vpc, sub = _ids(ec2, vpc_name)
    nat = ec2.create_nat_gateway(SubnetId=sub["public-b"], ConnectivityType="private")["NatGateway"]["NatGatewayId"]
    for old in ec2.describe_nat_gateways(Filters=[{"Name": "vpc-id", "Values": [vpc]}])["NatGateways"]:
        if old["NatGatewayId"] != nat:
            ec2.delete_nat_gateway(NatGatewayId=old["NatGatewayId"])
    tables = ec2.describe_route_tables(Filters=[{"Name": "association.subnet-id", "Values": [sub["private-a"]]}])
    ec2.replace_route(RouteTableId=tables["RouteTables"][0]["RouteTableId"], DestinationCidrBlock="0.0.0.0/0",
                      NatGatewayId=nat)


def open_ssh_in_two_halves(ec2, vpc_name):
    """0.0.0.0/1 and 128.0.0.0/1: the whole internet, spelled so that no rule says 0.0.0.0/0."""
    vpc, _ = _ids(ec2, vpc_name)
    sg = ec2.describe_security_groups(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                               {"Name": "group-name", "Values": ["bastion-sg"]}])["SecurityGroups"][0]
    ec2.authorize_security_group_ingress(GroupId=sg["GroupId"], IpPermissions=[{
        "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
        "IpRanges": [{"CidrIp": "0.0.0.0/1"}, {"CidrIp": "128.0.0.0/1"}]}])


# Cheats: state that looks right to a lenient sandbox; each VPC is built right, then bent.
CHEATS = {"cheat-detached": detach_the_igw, "cheat-private-nat": route_private_to_a_private_nat,
          "cheat-halves": open_ssh_in_two_halves}


@pytest.fixture(scope="module")
def sandbox():
    with sandbox_in_process() as aws:
        ec2 = aws.client("ec2")
        for name, wrong in VARIANTS.items():
            build(ec2, name, **wrong)
        for name, bend in CHEATS.items():
            build(ec2, name)
            bend(ec2, name)
        yield aws


PROBES = [("in", 3306, "private-a", True), ("in", 3306, "private-b", True), ("in", 3306, "public-a", False),
          ("in", 22, "private-a", False), ("out", 50000, "private-a", True)]

# vpc name, check, passed, words in the English message
CASES = [
    ("good", lambda v: check.vpc_block(v), True, ["has block 10.0.0.0/16"]),
    ("nowhere", lambda v: check.vpc_block(v), False, ["no VPC is tagged Name='nowhere'"]),
    ("good", lambda v: check.subnets_in_tiers(v, TIERS), True, ["two AZs"]),
    ("good", lambda v: check.subnets_in_tiers(v, {**TIERS, "extra": ["web-c"]}), False, ["no subnet tagged ['web-c']"]),
    ("one-az-stateless", lambda v: check.subnets_in_tiers(v, TIERS), False,
     ["the public subnets ['public-a', 'public-b'] are all in ['ap-northeast-2a']"]),
    ("good", lambda v: check.aws_would_accept(v), True, ["nothing AWS would refuse"]),
    ("tiny-open", lambda v: check.aws_would_accept(v), False, ["AWS would refuse 2", "smaller than /28"]),
    ("two-igw-unassociated", lambda v: check.aws_would_accept(v), False, ["2 internet gateways", "at most one"]),
    ("two-igw-unassociated", lambda v: check.aws_would_accept(v, rules=["subnet-size", "overlap"]), True, ["nothing"]),
    ("good", lambda v: check.subnet_route(v, "public-b", "public"), True, ["is public"]),
    ("good", lambda v: check.subnet_route(v, "private-b", "private"), True, ["NAT gateway"]),
    ("good", lambda v: check.subnet_route(v, "db-a", "isolated"), True, ["isolated"]),
    ("good", lambda v: check.subnet_route(v, "private-a", "public"), False, ["not to an internet gateway"]),
    ("good", lambda v: check.nat_gateways_in_public_subnets(v), True, ["sit in public subnets"]),
    ("nat-cidr", lambda v: check.nat_gateways_in_public_subnets(v), False,
     ["is in subnet 'private-a', which is private; expected a public subnet"]),
    ("good", lambda v: check.sg_allows_from_group(v, "db-sg", 3306, "app-sg"), True, ["from group 'app-sg' only"]),
    ("nat-cidr", lambda v: check.sg_allows_from_group(v, "db-sg", 3306, "app-sg"), False,
     ["no inbound TCP 3306 rule from group 'app-sg'", "tcp 3306-3306 from 10.0.0.0/16"]),
    ("good", lambda v: check.sg_allows_from_group(v, "app-sg", 8080, "nope-sg"), False, ["no security group named 'nope-sg'"]),
    ("good", lambda v: check.sg_allows_cidr(v, "bastion-sg", 22, ADMINS), True, ["admits TCP 22 from 203.0.113.0/24"]),
    ("tiny-open", lambda v: check.sg_allows_cidr(v, "bastion-sg", 22, ADMINS), False, ["found ['tcp 22-22 from 0.0.0.0/0']"]),
    ("good", lambda v: check.port_not_open_to_world(v, 22), True, ["no security group opens TCP 22"]),
    ("tiny-open", lambda v: check.port_not_open_to_world(v, 22), False, ["TCP 22 is open to the whole internet in ['bastion-sg']"]),
    ("good", lambda v: check.nacl_verdicts(v, "db-nacl", ["db-a", "db-b"], PROBES), True, ["on 5 packets"]),
    ("one-az-stateless", lambda v: check.nacl_verdicts(v, "db-nacl", ["db-a", "db-b"], PROBES), False,
     ["tcp 10.0.20.10:3306 → 10.0.10.10:50000 (out, private-a) was denied, expected allowed"]),
    ("two-igw-unassociated", lambda v: check.nacl_verdicts(v, "db-nacl", ["db-a", "db-b"], PROBES), False,
     ["not associated with ['db-b']"]),
    ("good", lambda v: check.instance_placed(v, "bastion", ["public-a", "public-b"], "bastion-sg"), True, ["runs in 'public-a'"]),
    ("good", lambda v: check.instance_placed(v, "bastion", ["private-a"], "bastion-sg"), False,
     ["subnet 'public-a', expected one of ['private-a']"]),
    ("cheat-detached", lambda v: check.subnet_route(v, "public-a", "public"), False,
     ["not attached to this VPC", "blackhole"]),
    ("cheat-detached", lambda v: check.nat_gateways_in_public_subnets(v), False, ["which is isolated"]),
    ("cheat-private-nat", lambda v: check.subnet_route(v, "private-a", "private"), False,
     ["is a private NAT gateway", "traffic would not reach the internet"]),
    ("cheat-private-nat", lambda v: check.nat_gateways_in_public_subnets(v), False,
     ["no available public NAT gateway"]),
    ("cheat-halves", lambda v: check.port_not_open_to_world(v, 22), False,
     ["TCP 22 is open to the whole internet in ['bastion-sg']"]),
    ("cheat-halves", lambda v: check.sg_allows_cidr(v, "bastion-sg", 22, ADMINS, only=True), False,
     ["also open to ['0.0.0.0/1', '128.0.0.0/1']"]),
    ("good", lambda v: check.sg_allows_cidr(v, "bastion-sg", 22, ADMINS, only=True), True, ["from 203.0.113.0/24"]),
]


@pytest.mark.parametrize("vpc_name, run_check, passed, words", CASES,
                         ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_check(sandbox, vpc_name, run_check, passed, words):
    result = run_check(vpc_name)
    assert isinstance(result, CheckResult)
    assert result.passed is passed, result.explain()
    for w in words:
        assert w in result.message, result.message
    assert result.message_ko and result.message_ko != result.message
    if not passed:
        assert result.hint and result.hint_ko
        assert re.fullmatch(r"\d\d-[\w-]+\.ipynb § .+", result.see), result.see
        assert not re.search(r"\w+\.\w+\(|\w+=", result.hint), f"hint hands over code: {result.hint}"


def test_the_good_vpc_passes_every_check_the_lab_runs(sandbox):
    v = "good"
    results = [check.vpc_block(v), check.subnets_in_tiers(v, TIERS), check.aws_would_accept(v),
               *(check.subnet_route(v, s, k) for s, k in (("public-a", "public"), ("public-b", "public"),
                                                         ("private-a", "private"), ("private-b", "private"),
                                                         ("db-a", "isolated"), ("db-b", "isolated"))),
               check.nat_gateways_in_public_subnets(v), check.sg_allows_from_group(v, "app-sg", 8080, "web-sg"),
               check.sg_allows_from_group(v, "db-sg", 3306, "app-sg"),
               check.sg_allows_from_group(v, "app-sg", 22, "bastion-sg"),
               check.sg_allows_cidr(v, "web-sg", 443, "0.0.0.0/0"), check.sg_allows_cidr(v, "bastion-sg", 22, ADMINS),
               check.port_not_open_to_world(v, 22), check.nacl_verdicts(v, "db-nacl", ["db-a", "db-b"], PROBES),
               check.instance_placed(v, "bastion", ["public-a", "public-b"], "bastion-sg")]
    assert [r.explain() for r in results if not r.passed] == []


@pytest.mark.parametrize("module", ["vpc", "s3"])
def test_every_see_pointer_names_a_real_chapter_heading(module):
    """`see` sends the learner to "NN-topic.ipynb § heading": that chapter must have that heading."""
    import importlib

    import nbformat

    from tests.conftest import REPO

    checks = importlib.import_module(f"labs.checks.{module}")
    pointers = {v for k, v in vars(checks).items() if k.startswith("SEE_")}
    assert pointers
    for pointer in pointers:
        chapter, heading = pointer.split(" § ")
        nb = nbformat.read(REPO / "course" / chapter, as_version=4)
        headings = {line[3:].strip() for c in nb.cells if c.cell_type == "markdown"
                    for line in c.source.splitlines() if line.startswith("## ")}
        assert heading in headings, f"{pointer}: {chapter} has no heading {heading!r}"
