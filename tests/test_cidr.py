"""course.cidr and course.vpc_plan: AWS numbers, strict parsing, plans, export, read-back."""

import ipaddress

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from course import cidr
from course import vpc_plan as plans
from course.cidr import CidrError

REGION = "ap-northeast-2"


# --- AWS numbers a reader can check ------------------------------------------------------

@pytest.mark.parametrize("block, usable", [
    pytest.param("10.0.0.0/16", 65_531, id="slash16-65531"),
    pytest.param("10.0.0.0/20", 4_091, id="slash20-4091"),
    pytest.param("10.0.0.0/24", 251, id="slash24-251"),
    pytest.param("10.0.0.0/27", 27, id="slash27-27"),
    pytest.param("10.0.0.0/28", 11, id="slash28-11"),
])
def test_aws_usable_is_total_minus_five(block, usable):
    assert cidr.describe(block, aws=True).usable == usable
    assert cidr.aws_usable(block) == usable


def test_aws_mode_names_the_five_reserved_addresses_of_a_slash24():
    facts = cidr.describe("10.0.0.0/24", aws=True)
    assert [r.address for r in facts.reserved] == [
        "10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.3", "10.0.0.255"]
    roles = " | ".join(r.role for r in facts.reserved)
    for word in ("network address", "VPC router", "DNS", "future use", "last address"):
        assert word in roles
    assert facts.broadcast is None
    assert (facts.first_usable, facts.last_usable) == ("10.0.0.4", "10.0.0.254")


def test_classic_mode_has_broadcast_and_two_fewer_usable():
    facts = cidr.describe("192.168.1.0/24")
    assert (facts.broadcast, facts.usable, facts.reserved) == ("192.168.1.255", 254, ())
    assert (facts.first_usable, facts.last_usable) == ("192.168.1.1", "192.168.1.254")
    assert facts.netmask == "255.255.255.0"


def test_binary_form_marks_the_prefix():
    facts = cidr.describe("10.0.0.0/8")
    assert facts.binary == "00001010.00000000.00000000.00000000"
    assert facts.bits[:facts.prefix] == "00001010"


@pytest.mark.parametrize("block, private, rng", [
    pytest.param("10.20.0.0/16", True, "10.0.0.0/8", id="ten-slash8"),
    pytest.param("172.31.0.0/16", True, "172.16.0.0/12", id="default-vpc-range"),
    pytest.param("172.32.0.0/16", False, None, id="just-past-172-16-slash12"),
    pytest.param("192.168.0.0/24", True, "192.168.0.0/16", id="home-lan"),
    pytest.param("100.64.0.0/16", False, None, id="cgnat-not-rfc1918"),
    pytest.param("8.8.8.0/24", False, None, id="public"),
])
def test_private_means_rfc1918(block, private, rng):
    facts = cidr.describe(block)
    assert (facts.is_private, facts.private_range) == (private, rng)


def test_aws_mode_warns_about_a_slash29_and_still_counts_it_like_moto():
    facts = cidr.describe("10.0.0.0/29", aws=True)
    assert facts.usable == 3  # moto's AvailableIpAddressCount for a /29
    assert any("smaller than /28" in m for m in facts.warnings)


# --- bad input: every message in the issue ---------------------------------------------

@pytest.mark.parametrize("text, rule, position, words", [
    pytest.param("10.0.0.300/24", "octet-range", 3, ["octet 4 is 300", "0–255"], id="octet-300"),
    pytest.param("10.0.0.0/33", "prefix-range", "prefix", ["/33", "/0 to /32"], id="prefix-33"),
    pytest.param("10.0.1.0/16", "host-bits", None, ["host bits", "10.0.0.0/16"], id="host-bits"),
    pytest.param("", "empty", None, ["empty"], id="empty"),
    pytest.param("   ", "empty", None, ["empty"], id="blank"),
    pytest.param("2001:db8::/56", "ipv6", None, ["IPv6", "IPv4"], id="ipv6"),
    pytest.param("10.0.0/24", "octet-count", None, ["4 octets"], id="three-octets"),
    pytest.param("10.0.0.0", "no-prefix", "prefix", ["no prefix"], id="no-prefix"),
    pytest.param("10.0.0.01/24", "octet-syntax", 3, ["leading zeros"], id="leading-zero"),
    pytest.param("10.0.x.0/24", "octet-syntax", 2, ["octet 3"], id="letter-octet"),
    pytest.param("10.0.0.0/-1", "prefix-syntax", "prefix", ["not a number"], id="negative-prefix"),
])
def test_bad_input_gets_a_precise_message(text, rule, position, words):
    with pytest.raises(CidrError) as caught:
        cidr.parse(text)
    err = caught.value
    assert isinstance(err, ValueError)
    assert (err.rule, err.position, err.input) == (rule, position, text)
    for word in words:
        assert word in str(err)


def test_host_bits_error_suggests_the_network_meant_and_never_fixes_it():
    with pytest.raises(CidrError) as caught:
        cidr.describe("10.0.1.0/16")
    assert caught.value.suggestion == "10.0.0.0/16"
    assert "Did you mean 10.0.0.0/16?" in str(caught.value)


def test_non_text_is_refused():
    with pytest.raises(CidrError, match="not text"):
        cidr.parse(167772160)


# --- split, split_into, join, overlaps --------------------------------------------------

def test_split_slash16_into_slash24_gives_256_not_255():
    blocks = cidr.split("10.0.0.0/16", 24)
    assert len(blocks) == 256
    assert (blocks[0], blocks[-1]) == ("10.0.0.0/24", "10.0.255.0/24")


@pytest.mark.parametrize("new_prefix, rule", [
    pytest.param(20, "split-prefix", id="larger-than-block"),
    pytest.param(33, "prefix-range", id="past-32"),
    pytest.param(True, "prefix-range", id="bool-is-not-a-prefix"),
])
def test_split_refuses_impossible_prefixes(new_prefix, rule):
    with pytest.raises(CidrError) as caught:
        cidr.split("10.0.0.0/24", new_prefix)
    assert caught.value.rule == rule


def test_split_refuses_more_than_the_block_limit():
    with pytest.raises(CidrError, match="65,536"):
        cidr.split("10.0.0.0/8", 32)


def test_split_into_needs_a_power_of_two_and_names_the_next_one():
    with pytest.raises(CidrError, match="use 4 and leave 1 spare"):
        cidr.split_into("10.0.0.0/24", 3)
    assert cidr.split_into("10.0.0.0/24", 4) == cidr.split("10.0.0.0/24", 26)


def test_split_into_refuses_more_blocks_than_addresses():
    with pytest.raises(CidrError, match="only 16 addresses"):
        cidr.split_into("10.0.0.0/28", 32)


def test_join_returns_the_covering_block():
    assert cidr.join(["10.0.0.128/25", "10.0.0.0/25"]) == "10.0.0.0/24"
    assert cidr.join(["10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/25"]) == "10.0.0.0/24"


def test_join_names_the_gap_when_blocks_are_not_one_cidr():
    with pytest.raises(CidrError) as caught:
        cidr.join(["10.0.1.0/24", "10.0.2.0/24"])
    err = caught.value
    assert (err.rule, err.suggestion) == ("not-mergeable", "10.0.0.0/22")
    assert "10.0.0.0/24" in str(err) and "10.0.3.0/24" in str(err)


@pytest.mark.parametrize("blocks, rule", [
    pytest.param([], "join-empty", id="nothing"),
    pytest.param(["10.0.0.0/24", "10.0.0.128/25"], "overlap", id="overlap"),
])
def test_join_refuses_empty_and_overlapping_input(blocks, rule):
    with pytest.raises(CidrError) as caught:
        cidr.join(blocks)
    assert caught.value.rule == rule


def test_overlaps():
    assert cidr.overlaps("10.0.0.0/16", "10.0.200.0/24")
    assert not cidr.overlaps("10.0.0.0/24", "10.0.1.0/24")


# --- properties against ipaddress -------------------------------------------------------

vpc_blocks = st.builds(
    lambda value, prefix: ipaddress.IPv4Network((value, prefix), strict=False),
    st.integers(0, 2 ** 32 - 1), st.integers(16, 28))


@settings(deadline=None)
@given(vpc_blocks, st.integers(0, 12))
def test_any_split_is_disjoint_covering_and_usable_counts_are_exact(vpc, extra):
    new_prefix = min(vpc.prefixlen + extra, 28)
    parts = [ipaddress.IPv4Network(p) for p in cidr.split(str(vpc), new_prefix)]
    assert len(parts) == 2 ** (new_prefix - vpc.prefixlen)
    assert all(a.broadcast_address < b.network_address for a, b in zip(parts, parts[1:]))
    assert list(ipaddress.collapse_addresses(parts)) == [vpc]
    assert all(cidr.describe(str(p), aws=True).usable == 2 ** (32 - new_prefix) - 5 for p in parts[:8])
    assert cidr.join(map(str, parts)) == str(vpc)
    assert cidr.check_vpc_plan(str(vpc), [str(p) for p in parts[:16]]) == []


@settings(deadline=None)
@given(vpc_blocks)
def test_describe_agrees_with_ipaddress(vpc):
    facts = cidr.describe(str(vpc))
    assert facts.network == str(vpc.network_address)
    assert facts.netmask == str(vpc.netmask)
    assert facts.broadcast == str(vpc.broadcast_address)
    assert facts.total == vpc.num_addresses
    assert facts.usable == vpc.num_addresses - 2
    if vpc.prefixlen >= 24:
        assert facts.usable == len(list(vpc.hosts()))
    assert int(facts.bits, 2) == int(vpc.network_address)


@settings(deadline=None)
@given(st.integers(0, 2 ** 32 - 1), st.integers(0, 32))
def test_network_of_matches_ipaddress_non_strict(value, prefix):
    address = str(ipaddress.IPv4Address(value))
    assert cidr.network_of(address, prefix) == str(
        ipaddress.ip_network(f"{address}/{prefix}", strict=False))


@settings(deadline=None)
@given(st.integers(0, 2 ** 32 - 1), st.integers(0, 32))
def test_parse_accepts_exactly_what_strict_ipaddress_accepts(value, prefix):
    text = f"{ipaddress.IPv4Address(value)}/{prefix}"
    try:
        expected = ipaddress.IPv4Network(text)
    except ValueError:
        with pytest.raises(CidrError):
            cidr.parse(text)
    else:
        assert cidr.parse(text) == expected


# --- check_vpc_plan ---------------------------------------------------------------------

def test_a_good_plan_has_no_violations():
    assert cidr.check_vpc_plan("10.0.0.0/16", ["10.0.0.0/24", "10.0.1.0/24", "10.0.255.240/28"]) == []


def test_check_vpc_plan_reports_every_violation_at_once():
    found = cidr.check_vpc_plan("10.0.0.0/15", {
        "tiny": "10.0.0.0/29",        # smaller than /28
        "away": "10.9.0.0/24",        # outside the VPC
        "web": "10.0.0.0/24",         # overlaps tiny
        "typo": "10.0.1.300/24",      # not a block
        "huge": "10.0.0.0/15",        # larger than /16, overlaps everything inside
    })
    pairs = sorted((v.rule, v.subject) for v in found)
    assert pairs == sorted([
        ("vpc-size", "VPC"),
        ("subnet-size", "subnet 'tiny'"),
        ("outside-vpc", "subnet 'away'"),
        ("octet-range", "subnet 'typo'"),
        ("subnet-size", "subnet 'huge'"),
        ("overlap", "subnet 'tiny'"),
        ("overlap", "subnet 'tiny'"),
        ("overlap", "subnet 'web'"),
    ])
    assert {v.position for v in found if v.subject == "subnet 'typo'"} == {3}
    assert all(isinstance(v.message, str) and v.subject.split()[0] in v.message for v in found)


@pytest.mark.parametrize("vpc, rule, words", [
    pytest.param("10.0.0.0/15", "vpc-size", ["larger than /16", "between /16 and /28"], id="vpc-15"),
    pytest.param("10.0.0.0/29", "vpc-size", ["smaller than /28"], id="vpc-29"),
    pytest.param("10.0.1.0/16", "host-bits", ["10.0.0.0/16"], id="vpc-host-bits"),
])
def test_vpc_block_rules(vpc, rule, words):
    [violation] = cidr.check_vpc_plan(vpc, [])
    assert violation.rule == rule and violation.position is None
    for word in words:
        assert word in violation.message


def test_subnets_may_sit_in_a_secondary_vpc_block():
    assert cidr.check_vpc_plan(["10.0.0.0/16", "10.1.0.0/16"], ["10.1.5.0/24"]) == []


# --- vpc_plan: template, reshape, problems ----------------------------------------------

def test_template_lays_out_three_tiers_per_az_without_overlap():
    plan = plans.template("10.0.0.0/16", 3)
    assert [s.name for s in plan.subnets] == [
        f"{t}-{z}" for t in plans.TIERS for z in "abc"]
    assert {s.az for s in plan.subnets} == set(plans.DEFAULT_AZS)
    assert plan.subnet("private-a").cidr == "10.0.4.0/24"
    assert plans.problems(plan) == []


def test_template_takes_a_prefix_per_tier_and_keeps_groups_aligned():
    plan = plans.template("10.0.0.0/22", 2, 26, prefixes={"database": 28})
    assert plans.problems(plan) == []
    assert plan.subnet("database-b").cidr == "10.0.2.16/28"


@pytest.mark.parametrize("args, kwargs, rule", [
    pytest.param(("10.0.0.0/24", 2, 24), {}, "no-room", id="prefix-too-large-for-vpc"),
    pytest.param(("10.0.0.0/24", 2, 26), {}, "no-room", id="tiers-do-not-fit"),
    pytest.param(("10.0.0.0/16", 5), {}, "az-count", id="five-azs"),
    pytest.param(("10.0.0.0/16", ["ap-northeast-2a"] * 2), {}, "az-count", id="repeated-az"),
])
def test_template_refuses_plans_that_cannot_be_laid_out(args, kwargs, rule):
    with pytest.raises(plans.PlanError) as caught:
        plans.template(*args, **kwargs)
    assert caught.value.rule == rule and isinstance(caught.value, ValueError)


def test_reshaping_is_checked_and_every_problem_is_reported():
    plan = plans.template("10.0.0.0/16", 2)
    plan = plans.replace_subnet(plan, "public-a", cidr="10.0.0.0/29")
    plan = plans.replace_subnet(plan, "database-b", az="ap-northeast-2a")
    plan = plans.add_subnet(plan, "public-b", "10.0.1.128/25", "us-east-1a", "public")
    rules = sorted(v.rule for v in plans.problems(plan))
    assert rules == sorted(["subnet-size", "overlap", "duplicate-name", "az-region",
                            "db-subnet-group-azs"])


@pytest.mark.parametrize("rule, severity", [
    pytest.param("subnet-size", "refused", id="slash29-refused-by-createsubnet"),
    pytest.param("overlap", "refused", id="overlap-refused"),
    pytest.param("az-region", "refused", id="az-of-another-region-refused"),
    pytest.param("duplicate-name", "warning", id="duplicate-name-tag-accepted"),
    pytest.param("db-subnet-group-azs", "warning", id="one-az-db-subnets-created-then-group-refused"),
])
def test_findings_say_whether_aws_refuses_or_accepts(rule, severity):
    # AWS accepts duplicate Name tags and creates database subnets in one AZ; only
    # CreateDBSubnetGroup refuses them later. Those must not read "AWS would refuse".
    plan = plans.template("10.0.0.0/16", 2)
    plan = plans.replace_subnet(plan, "public-a", cidr="10.0.0.0/29")
    plan = plans.replace_subnet(plan, "database-b", az="ap-northeast-2a")
    plan = plans.add_subnet(plan, "public-b", "10.0.1.128/25", "us-east-1a", "public")
    found = [v for v in plans.problems(plan) if v.rule == rule]
    assert found and all(v.severity == severity for v in found)
    if severity == "warning":
        assert all("accepts" in v.message or "creates" in v.message for v in found)


def test_export_separates_refusals_from_warnings():
    plan = plans.replace_subnet(plans.template(), "database-b", az="ap-northeast-2a")
    plan = plans.add_subnet(plan, "public-a", "10.0.200.0/24", "ap-northeast-2a", "public")
    code = plans.to_boto3(plan)
    assert "# AWS would refuse" not in code
    assert "# AWS accepts these, but take note:" in code and "CreateDBSubnetGroup" in code


def test_replace_subnet_refuses_a_bad_block_and_remove_drops_one():
    plan = plans.template()
    with pytest.raises(CidrError):
        plans.replace_subnet(plan, "public-a", cidr="10.0.0.1/24")
    assert len(plans.remove_subnet(plan, "public-a").subnets) == len(plan.subnets) - 1
    with pytest.raises(KeyError):
        plans.remove_subnet(plan, "nope")


def test_export_lists_aws_problems_as_comments():
    plan = plans.replace_subnet(plans.template(), "public-a", cidr="10.0.0.0/29")
    code = plans.to_boto3(plan)
    assert "# AWS would refuse these calls" in code
    assert "#   - subnet 'public-a': 10.0.0.0/29 is smaller than /28" in code
    assert "# AWS accepts these" not in code
    compile(code, "<plan>", "exec")


def test_export_keeps_hostile_names_inside_strings_and_comments():
    plan = plans.replace_subnet(plans.template(), "public-a", new_name='x"\nimport os #')
    plan = plans.add_subnet(plan, 'x"\nimport os #', "10.0.200.0/24", "ap-northeast-2a")
    code = plans.to_boto3(plan)
    assert not any(line.startswith("import") for line in code.splitlines())
    compile(code, "<plan>", "exec")


# --- export runs in moto; read-back flags what AWS would refuse ---------------------------

def test_exported_calls_create_the_plan(ec2):
    plan = plans.template("10.0.0.0/16", 3)
    scope = {"ec2": ec2}
    exec(plans.to_boto3(plan), scope)
    assert set(scope["subnet_ids"]) == {s.name for s in plan.subnets}
    [vpc] = [v for v in plans.read_vpcs(ec2) if not v.is_default]
    assert (vpc.cidr, vpc.name, vpc.problems) == ("10.0.0.0/16", "course-vpc", ())
    got = {(s.name, s.cidr, s.az, s.available_ips) for s in vpc.subnets}
    assert got == {(s.name, s.cidr, s.az, 251) for s in plan.subnets}


def test_read_vpcs_flags_what_moto_accepted_but_aws_refuses(ec2):
    vpc_id = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
    ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.0.0/29", AvailabilityZone="ap-northeast-2a",
                      TagSpecifications=[{"ResourceType": "subnet",
                                          "Tags": [{"Key": "Name", "Value": "tiny"}]}])
    ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.0.1.0/24", AvailabilityZone="us-east-1a")
    ec2.create_vpc(CidrBlock="10.9.0.1/16")
    found = {v.cidr: v for v in plans.read_vpcs(ec2)}
    mine = found["10.0.0.0/16"]
    assert sorted(p.rule for p in mine.problems) == ["az-region", "subnet-size"]
    tiny = next(p for p in mine.problems if p.rule == "subnet-size")
    assert tiny.subject == "subnet 'tiny'" and mine.subnets[tiny.position].available_ips == 3
    [host_bits] = found["10.9.0.1/16"].problems
    assert host_bits.rule == "host-bits" and "10.9.0.0/16" in host_bits.message


def test_read_vpcs_lists_the_default_vpc_first_without_problems(ec2):
    default = plans.read_vpcs(ec2)[0]
    assert default.is_default and default.cidr == "172.31.0.0/16"
    assert default.problems == () and all(s.cidr.endswith("/20") for s in default.subnets)


# --- short notes and messages a table can show ----------------------------------------------

def test_an_overlap_is_noted_on_both_subnets_and_said_once():
    found = cidr.check_vpc_plan("10.0.0.0/16", {"a": "10.0.0.0/24", "b": "10.0.1.0/24",
                                                "c": "10.0.0.0/25"})
    [overlap] = found
    assert (overlap.position, overlap.other) == (0, 2)
    assert cidr.short_notes(found, 3) == [["overlaps 'c'"], [], ["overlaps 'a'"]]


@pytest.mark.parametrize("vpc, prefix, words", [
    pytest.param("10.0.0.0/16", 16, "from /18 to /28", id="vpc16-tier16"),
    pytest.param("10.0.0.0/8", 9, "from /16 to /28", id="vpc8-capped-at-16"),
    pytest.param("10.0.0.0/24", 23, "from /26 to /28", id="vpc24"),
    pytest.param("10.0.0.0/27", 24, "VPC block of /26 or larger", id="vpc27-nothing-fits"),
])
def test_a_prefix_that_does_not_fit_gets_the_legal_aws_range(vpc, prefix, words):
    with pytest.raises(plans.PlanError) as caught:
        plans.template(vpc, 2, prefix)
    assert words in caught.value.message and "/32" not in caught.value.message


def test_export_lines_are_short_enough_to_print_unwrapped():
    plan = plans.replace_subnet(plans.template("10.0.0.0/16", 3), "public-b", cidr="10.0.0.0/24")
    code = plans.to_boto3(plan)
    assert max(len(line) for line in code.splitlines()) <= 79
    assert "# AWS would refuse these calls" in code
    compile(code, "<plan>", "exec")


class TestBasePlusTwo:
    """AWS reserves base + 2 in every subnet, but the DNS server is only at the VPC primary block's base + 2."""

    def test_without_the_vpc_the_label_does_not_call_every_base_plus_two_the_dns_server(self):
        role = cidr.describe("10.0.8.0/22", aws=True).reserved[2].role
        assert role.startswith("reserved by AWS") and "primary block only" in role
        assert role != "reserved by AWS for the Amazon-provided DNS"

    @pytest.mark.parametrize("subnet, vpc, is_dns", [
        pytest.param("10.0.0.0/24", "10.0.0.0/16", True, id="subnet-at-vpc-base"),
        pytest.param("10.0.1.0/24", "10.0.0.0/16", False, id="other-subnet"),
        pytest.param("10.1.0.0/24", "10.0.0.0/16", False, id="subnet-of-a-secondary-block"),
    ])
    def test_with_the_vpc_base_plus_two_is_named_exactly(self, subnet, vpc, is_dns):
        from course.cidr import DNS_ROLE, NOT_DNS_ROLE
        r = cidr.describe(subnet, aws=True, vpc_primary=vpc).reserved[2]
        assert r.role == (DNS_ROLE if is_dns else NOT_DNS_ROLE)
