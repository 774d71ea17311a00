"""Route tables: which one a subnet uses, public or private, longest prefix match."""

import pytest

from course.vpc_routes import RouteError, exposure, lookup, route_table_of

LOCAL = {"DestinationCidrBlock": "10.0.0.0/16", "GatewayId": "local", "State": "active"}
MAIN = {"RouteTableId": "rtb-main", "VpcId": "vpc-1", "Associations": [{"Main": True}], "Routes": [LOCAL]}
PUBLIC = {"RouteTableId": "rtb-pub", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-pub"}],
          "Routes": [LOCAL, {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1", "State": "active"}]}
PRIVATE = {"RouteTableId": "rtb-prv", "VpcId": "vpc-1", "Associations": [{"SubnetId": "subnet-prv"}],
           "Routes": [LOCAL, {"DestinationCidrBlock": "0.0.0.0/0", "NatGatewayId": "nat-1", "State": "active"},
                      {"DestinationPrefixListId": "pl-s3", "GatewayId": "vpce-1", "State": "active"}]}
TABLES = [MAIN, PUBLIC, PRIVATE]


def test_a_subnet_uses_its_own_table_else_the_main_one():
    assert route_table_of(TABLES, "subnet-pub", "vpc-1") is PUBLIC
    assert route_table_of(TABLES, "subnet-db", "vpc-1") is MAIN


def test_no_main_table_is_an_error_naming_the_vpc():
    with pytest.raises(RouteError, match="vpc-2 has no main route table"):
        route_table_of(TABLES, "subnet-x", "vpc-2")


@pytest.mark.parametrize("table, kind, target", [
    pytest.param(PUBLIC, "public", "igw-1", id="igw-default-route"),
    pytest.param(PRIVATE, "private", "nat-1", id="nat-default-route"),
    pytest.param(MAIN, "isolated", None, id="no-default-route"),
])
def test_the_default_route_decides_public_private_or_isolated(table, kind, target):
    e = exposure(table)
    assert (e.kind, e.target, e.route_table_id) == (kind, target, table["RouteTableId"])


def test_a_blackholed_default_route_does_not_make_a_subnet_public():
    dead = {**PUBLIC, "Routes": [LOCAL, {"DestinationCidrBlock": "0.0.0.0/0", "GatewayId": "igw-1",
                                         "State": "blackhole"}]}
    assert exposure(dead).kind == "isolated"


def test_the_most_specific_route_wins():
    assert lookup("10.0.9.9", PRIVATE).target == "local"
    assert lookup("8.8.8.8", PRIVATE).target == "nat-1"
    s3 = lookup("52.217.0.1", PRIVATE, {"pl-s3": ["52.216.0.0/15"]})
    assert (s3.target, s3.destination, s3.prefix) == ("vpce-1", "52.216.0.0/15", 15)


def test_lookup_errors_name_the_problem():
    with pytest.raises(RouteError, match="'10.0.0.300' is not an IPv4 address"):
        lookup("10.0.0.300", PRIVATE)
    with pytest.raises(RouteError, match="no route in rtb-main contains 8.8.8.8"):
        lookup("8.8.8.8", MAIN)
