"""What AWS would refuse in a VPC that moto built: one IGW, /28 minimum, no overlapping peers."""

import pytest

from course.vpc_rules import refusals


def _vpc(ec2, cidr="10.0.0.0/16"):
    return ec2.create_vpc(CidrBlock=cidr)["Vpc"]["VpcId"]


def test_a_clean_vpc_has_no_refusals(ec2):
    vpc = _vpc(ec2)
    ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/24", AvailabilityZone="ap-northeast-2a")
    igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
    ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    assert refusals(ec2, vpc) == []


def test_a_second_internet_gateway_is_named(ec2):
    vpc = _vpc(ec2)
    for _ in range(2):  # moto accepts the second attach; AWS refuses it
        igw = ec2.create_internet_gateway()["InternetGateway"]["InternetGatewayId"]
        ec2.attach_internet_gateway(InternetGatewayId=igw, VpcId=vpc)
    (r,) = refusals(ec2, vpc)
    assert r.rule == "one-igw" and "2 internet gateways" in r.message and "at most one" in r.message


def test_a_subnet_smaller_than_28_is_named_with_its_name_tag(ec2):
    vpc = _vpc(ec2)
    ec2.create_subnet(VpcId=vpc, CidrBlock="10.0.0.0/29", AvailabilityZone="ap-northeast-2a",
                      TagSpecifications=[{"ResourceType": "subnet", "Tags": [{"Key": "Name", "Value": "tiny"}]}])
    (r,) = refusals(ec2, vpc)
    assert r.rule == "subnet-size" and "tiny" in r.resource and "/28" in r.message


def test_peering_overlapping_vpcs_is_named_from_either_side(ec2):
    a, b, c = _vpc(ec2), _vpc(ec2, "10.0.0.0/16"), _vpc(ec2, "10.1.0.0/16")
    overlap = ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=b)["VpcPeeringConnection"]
    ec2.create_vpc_peering_connection(VpcId=a, PeerVpcId=c)
    for side in (a, b):
        (r,) = refusals(ec2, side)
        assert r.rule == "peering-overlap" and r.resource == overlap["VpcPeeringConnectionId"]
    assert refusals(ec2, c) == []


def test_an_unknown_vpc_is_an_error(ec2):
    with pytest.raises(LookupError, match="no VPC 'vpc-nope'"):
        refusals(ec2, "vpc-nope")
