"""course.widgets.cidr driven through its controls, no browser."""

import ipaddress

import pytest

from course import cidr as cidr_logic
from course import vpc_plan as plans
from course.widgets.cidr import BitView, SplitTable
from course.widgets.html_parts import HOST_COLOUR, NETWORK_COLOUR, WARN_BACKGROUND
from course.widgets.vpc_plan import PlanVpc, ShowMyVpc

REGION = "ap-northeast-2"


class TestBitView:
    """The cidr.xyz-style view."""

    @pytest.mark.parametrize("k", [pytest.param(k, id=f"bit-{k + 1}") for k in (0, 7, 8, 15, 16, 23, 31)])
    def test_toggling_bit_k_changes_the_network_as_ipaddress_says(self, k):
        view = BitView("10.0.1.7/16")
        before = int(ipaddress.IPv4Address(view.address))
        view._bits[k].click()
        after = before ^ (1 << (31 - k))
        expected = ipaddress.ip_network(f"{ipaddress.IPv4Address(after)}/16", strict=False)
        assert view.address == str(ipaddress.IPv4Address(after))
        assert view.facts.cidr == str(expected)
        assert [box.value for box in view._octets] == view.address.split(".")

    def test_bits_are_coloured_network_then_host_in_the_synced_state(self):
        # get_state() is what ipywidgets sends to the browser; an attribute the style
        # has no trait for (ToggleButton's button_color) is silently missing from it.
        view = BitView("192.168.0.0/20")
        states = [b.style.get_state() for b in view._bits]
        assert all("button_color" in b.style.keys for b in view._bits)
        assert [s["button_color"] for s in states] == [NETWORK_COLOUR] * 20 + [HOST_COLOUR] * 12
        view._prefix.value = 28
        assert [b.style.get_state()["button_color"] for b in view._bits].count(NETWORK_COLOUR) == 28

    def test_bit_text_differs_from_its_background(self):
        view = BitView("10.0.1.7/16")
        pairs = {(b.style.get_state()["text_color"], b.style.get_state()["button_color"])
                 for b in view._bits}
        assert pairs == {("white", NETWORK_COLOUR), ("#1a1a1a", HOST_COLOUR)}

    def test_bits_show_the_address_in_binary(self):
        view = BitView("10.0.0.0/8")
        assert "".join(b.description for b in view._bits) == format(10 << 24, "032b")
        assert [b.style.font_weight for b in view._bits][:8] == [
            "bold" if c == "1" else "normal" for c in "00001010"]

    def test_facts_table_has_no_empty_header_row(self):
        assert "<th" not in BitView("10.0.0.0/16")._facts_html.value

    def test_aws_mode_shows_251_usable_and_the_reserved_addresses(self):
        view = BitView("10.0.0.0/24", aws=True)
        assert view.facts.usable == 251
        assert "10.0.0.255" in view._facts_html.value and "VPC router" in view._facts_html.value

    def test_bad_octet_shows_a_status_and_keeps_the_last_good_state(self):
        view = BitView("10.0.0.0/16")
        view._octets[3].value = "300"
        assert "octet 4 is 300" in view.status and "octet 4 is 300" in view._status.value
        assert (view.address, view.facts.cidr) == ("10.0.0.0", "10.0.0.0/16")
        view._octets[3].value = "9"
        assert (view.status, view.address) == ("", "10.0.0.9")


class TestSplitTable:
    """The visual-subnet-calculator-style table."""

    def test_splitting_a_slash24_into_slash26_gives_four_rows_of_59_in_aws_mode(self):
        view = SplitTable("10.0.0.0/24", aws=True)
        view._split_to.value = 26
        view._split_button.click()
        assert [r.cidr for r in view.rows] == [
            "10.0.0.0/26", "10.0.0.64/26", "10.0.0.128/26", "10.0.0.192/26"]
        assert [r.usable for r in view.rows] == [59] * 4
        assert view._table.value.count("<td") and view._table.value.count(">59<") == 4
        assert view.rows[1].reserved[-1] == "10.0.0.127"

    def test_classic_mode_counts_62_per_slash26(self):
        view = SplitTable("10.0.0.0/24", aws=False)
        view._split_to.value = 26
        view._split_button.click()
        assert [r.usable for r in view.rows] == [62] * 4 and view.rows[0].reserved == ()

    def test_join_undoes_a_split_and_needs_the_pair_unsplit(self):
        view = SplitTable("10.0.0.0/24")
        view._split_button.click()                       # two /25
        view._row.value = "10.0.0.128/25"
        view._split_button.click()                       # /25 + two /26
        view._row.value = "10.0.0.0/25"
        view._join_button.click()
        assert "join the blocks inside 10.0.0.128/25 first" in view.status
        assert len(view.rows) == 3
        view._row.value = "10.0.0.128/26"
        view._join_button.click()
        view._join_button.click()
        assert [r.cidr for r in view.rows] == ["10.0.0.0/24"] and view.status == ""

    def test_names_and_notes_stay_with_their_subnet(self):
        view = SplitTable("10.0.0.0/24")
        view._split_button.click()
        view._row.value = "10.0.0.128/25"
        view._name.value = "db"
        view._note.value = "RDS, AZ a"
        assert [(r.name, r.note) for r in view.rows] == [("", ""), ("db", "RDS, AZ a")]
        assert "RDS, AZ a" in view._table.value

    def test_aws_warns_on_subnets_smaller_than_slash28_and_says_the_rule_once(self):
        view = SplitTable("10.0.0.0/27", aws=True)
        view._split_to.value = 29
        view._split_button.click()
        assert [r.warnings for r in view.rows] == [("smaller than /28",)] * 4
        assert all(r.usable == 3 for r in view.rows)
        assert view._table.value.count(cidr_logic.RULES["subnet-size"]) == 1

    def test_buttons_size_to_their_labels(self):
        view = SplitTable()
        assert view._join_button.layout.width == "auto"
        assert view._join_button.layout.flex == "0 0 auto"

    def test_aws_warns_when_the_block_is_no_vpc(self):
        view = SplitTable("10.0.0.0/15", aws=True)
        assert "larger than /16" in view.status

    @pytest.mark.parametrize("text, words", [
        pytest.param("10.0.0.300/24", "octet 4 is 300", id="octet-300"),
        pytest.param("10.0.0.0/33", "/33", id="prefix-33"),
        pytest.param("10.0.1.0/16", "10.0.0.0/16", id="host-bits"),
        pytest.param("", "empty", id="empty"),
        pytest.param("fd00::/64", "IPv6", id="ipv6"),
    ])
    def test_bad_block_shows_a_status_and_keeps_the_table(self, text, words):
        view = SplitTable("10.0.0.0/24")
        view._split_button.click()
        before = view.rows
        view._root_box.value = text
        assert words in view.status
        assert view.rows == before and view.root == "10.0.0.0/24"


class TestPlanVpc:
    """The "Plan a VPC" view."""

    def test_default_plan_is_three_tiers_over_two_azs_and_clean(self):
        view = PlanVpc()
        assert len(view.plan.subnets) == 6 and view.problems == ()
        assert view.code == plans.to_boto3(view.plan)
        assert "create_subnet" in view._code_html.value

    def test_three_azs_and_a_tier_prefix_reshape_the_plan(self):
        view = PlanVpc()
        view._azs.value = 3
        view._tier_prefix["database"].value = 27
        assert len(view.plan.subnets) == 9
        assert all(s.cidr.endswith("/27") for s in view.plan.subnets if s.tier == "database")
        assert view.code.count("AvailabilityZone=") == 9

    def test_moving_one_subnet_is_checked(self):
        view = PlanVpc()
        view._pick.value = "public-b"
        view._pick_cidr.value = "10.0.0.0/29"
        assert view.plan.subnet("public-b").cidr == "10.0.0.0/29"
        assert sorted(v.rule for v in view.problems) == ["overlap", "subnet-size"]
        assert "smaller than /28" in view._table.value and "# AWS would refuse" in view.code

    def test_refused_rows_are_red_and_warned_rows_amber(self):
        from course.widgets.html_parts import WARN_BACKGROUND
        view = PlanVpc()
        view._pick.value = "database-b"
        view._pick_az.value = "ap-northeast-2a"   # accepted by EC2; only a DB subnet group refuses it
        assert WARN_BACKGROUND not in view._table.value and "⛔" not in view._table.value
        view._pick.value = "public-b"
        view._pick_cidr.value = "10.0.0.0/29"
        rows = view._table.value.split("<tr")[2:]
        assert WARN_BACKGROUND in rows[1] and "AWS refuses" in view._table.value
        assert "AWS accepts, but" in view._table.value and "CreateDBSubnetGroup" in view._table.value

    def test_a_row_with_only_a_warning_is_amber(self):
        from course import vpc_plan as plans
        from course.widgets.html_parts import ADVICE_BACKGROUND, WARN_BACKGROUND
        from course.widgets.vpc_plan import row_styles
        plan = plans.add_subnet(plans.template(), "public-a", "10.0.200.0/24", "ap-northeast-2a")
        plan = plans.add_subnet(plan, "tiny", "10.0.201.0/29", "ap-northeast-2a")
        styles = row_styles(plans.problems(plan), len(plan.subnets))
        assert styles[-2] == ADVICE_BACKGROUND and styles[-1] == WARN_BACKGROUND
        assert styles[0] == ""

    def test_an_overlap_marks_both_subnets(self):
        view = PlanVpc()
        view._pick.value = "public-b"
        view._pick_cidr.value = "10.0.0.0/24"
        rows = view._table.value.split("<tr")[2:]
        marked = [r for r in rows if WARN_BACKGROUND in r]
        assert len(marked) == 2
        assert "overlaps &#x27;public-b&#x27;" in marked[0] and ">public-a<" in marked[0]
        assert "overlaps &#x27;public-a&#x27;" in marked[1] and ">public-b<" in marked[1]
        assert view._table.value.count(cidr_logic.RULES["overlap"]) == 1

    def test_boto3_export_is_closed_and_unwrapped(self):
        code = PlanVpc()._code_html.value
        assert code.startswith("<details>") and "white-space:pre" in code

    def test_bad_vpc_block_shows_status_and_keeps_plan(self):
        view = PlanVpc()
        before = view.plan
        view._vpc.value = "10.0.1.0/16"
        assert "Did you mean 10.0.0.0/16?" in view.status and view.plan == before

    def test_a_plan_that_does_not_fit_shows_status_and_the_legal_range(self):
        view = PlanVpc()
        view._tier_prefix["public"].value = 16
        assert "don't fit" in view.status and view.problems == ()
        assert "from /18 to /28" in view.status and "/32" not in view.status

    def test_prefix_dropdowns_offer_only_what_aws_allows(self):
        options = PlanVpc()._tier_prefix["database"].options
        assert (min(options), max(options)) == (16, 28)


class TestShowMyVpc:
    """The "Show my VPC" view on a moto client."""

    def test_draws_the_exported_plan_and_flags_a_slash29(self, ec2):
        plan = plans.replace_subnet(plans.template(), "public-a", cidr="10.0.0.0/29")
        exec(plans.to_boto3(plan), {"ec2": ec2})         # moto accepts the /29
        view = ShowMyVpc(ec2, include_default=False)
        [vpc] = view.vpcs[1:]
        assert [p.rule for p in vpc.problems] == ["subnet-size"]
        assert "course-vpc" in view._drawing.value and "172.31.0.0/16" not in view._drawing.value
        assert "smaller than /28" in view._drawing.value and view.status == ""

    def test_refresh_sees_new_subnets(self, ec2):
        view = ShowMyVpc(ec2)
        assert [v.cidr for v in view.vpcs] == ["172.31.0.0/16"]
        vpc_id = ec2.create_vpc(CidrBlock="10.5.0.0/16")["Vpc"]["VpcId"]
        ec2.create_subnet(VpcId=vpc_id, CidrBlock="10.5.1.0/24", AvailabilityZone="ap-northeast-2b")
        view._refresh.click()
        assert [s.cidr for s in view.vpcs[1].subnets] == ["10.5.1.0/24"]
        assert "10.5.1.0/24" in view._drawing.value

    def test_an_error_from_aws_shows_in_the_status_line(self, ec2, monkeypatch):
        view = ShowMyVpc(ec2)
        before = view.vpcs

        def refuse(*args, **kwargs):
            from botocore.exceptions import EndpointConnectionError
            raise EndpointConnectionError(endpoint_url="http://nowhere")
        monkeypatch.setattr(plans, "read_vpcs", refuse)
        view._refresh.click()
        assert "could not read your VPCs" in view.status and view.vpcs == before


def test_split_table_error_shows_above_the_table_not_under_it():
    # Under a long table the message was off-screen: the learner saw nothing happen.
    view = SplitTable("10.0.0.0/24")
    view._split_to.value = 28
    view._split_button.click()
    view._root_box.value = "10.0.0.300/24"
    assert "octet 4 is 300" in view.status
    assert view.children.index(view._status) < view.children.index(view._table)


class TestPlanVpcStale:
    """An invalid choice leaves the last good plan on show: it must say so."""

    def test_a_prefix_that_does_not_fit_marks_table_and_code_stale(self):
        view = PlanVpc()
        view._tier_prefix["public"].value = 16
        assert view._tier_prefix["public"].value == 16 and view.stale
        assert "Out of date" in view._table.value and "opacity:0.35" in view._table.value
        assert "opacity:0.35" in view._code_html.value
        assert all(s.cidr.endswith("/24") for s in view.plan.subnets if s.tier == "public")
        view._tier_prefix["public"].value = 26
        assert not view.stale and "Out of date" not in view._table.value
        assert "opacity" not in view._code_html.value
        assert all(s.cidr.endswith("/26") for s in view.plan.subnets if s.tier == "public")

    def test_a_second_error_does_not_dim_twice(self):
        view = PlanVpc()
        view._tier_prefix["public"].value = 16
        view._tier_prefix["private"].value = 16
        assert view._table.value.count("Out of date") == 1

    def test_a_bad_subnet_block_marks_the_plan_stale(self):
        view = PlanVpc()
        view._pick.value = "public-b"
        view._pick_cidr.value = "10.0.0.300/24"
        assert view.status and view.stale and "Out of date" in view._table.value

    def test_status_sits_above_the_table(self):
        view = PlanVpc()
        assert view.children.index(view._status) < view.children.index(view._table)
