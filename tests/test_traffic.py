"""The SG/NACL evaluator, checked against hand-worked packets and rule tables."""

import pytest

from course import traffic as t
from course.traffic import NaclEntry, NetworkAcl, Packet, RuleError, SecurityGroup, SgRule

CLIENT, WEB = "203.0.113.10", "10.0.1.10"
ANY = "0.0.0.0/0"


def http_from(source: str, port: int = 80) -> Packet:
    return Packet(source, WEB, "tcp", port, "in", 50000)


def checks_by_label(step):
    return {c.label: c for c in step.checks}


# ------------------------------------------------------------ NACL: order, first match, *

class TestNaclOrder:
    def test_h5_rule_100_allows_all_so_deny_200_is_never_reached(self):
        acl = t.scenarios()["h5"].acl
        step = t.evaluate_nacl(acl, http_from(CLIENT))
        assert step.allowed is True and step.decided_by == "100"
        c = checks_by_label(step)
        assert c["100"].matched and c["100"].reached
        assert not c["200"].reached and "not reached" in c["200"].why
        assert not c["*"].reached

    def test_h5_swapped_the_deny_comes_first_and_wins(self):
        acl = t.scenarios()["h5-swapped"].acl
        step = t.evaluate_nacl(acl, http_from(CLIENT))
        assert step.allowed is False and step.decided_by == "100"
        assert "denies" in step.reason
        assert not checks_by_label(step)["200"].reached

    def test_h5_swapped_other_sources_fall_through_to_the_allow(self):
        acl = t.scenarios()["h5-swapped"].acl
        step = t.evaluate_nacl(acl, http_from("198.51.100.7"))
        c = checks_by_label(step)
        assert c["100"].reached and not c["100"].matched
        assert c["100"].why == "198.51.100.7 is not in 203.0.113.0/24"
        assert step.allowed is True and step.decided_by == "200"

    def test_rules_are_checked_by_number_not_by_the_order_written(self):
        acl = NetworkAcl("acl-x", (NaclEntry(200, "in", "allow", "all", ANY),
                                   NaclEntry(100, "in", "deny", "tcp", ANY, 80, 80)))
        step = t.evaluate_nacl(acl, http_from(CLIENT))
        assert [c.label for c in step.checks] == ["100", "200", "*"]
        assert step.allowed is False and step.decided_by == "100"
        # Port 81 misses the deny and reaches the allow.
        assert t.evaluate_nacl(acl, http_from(CLIENT, 81)).decided_by == "200"

    def test_nothing_matches_so_the_star_rule_denies(self):
        acl = NetworkAcl("acl-x", (NaclEntry(100, "in", "allow", "tcp", ANY, 443, 443),))
        step = t.evaluate_nacl(acl, http_from(CLIENT, 80))
        assert step.allowed is False and step.decided_by == "*"
        assert checks_by_label(step)["100"].why == "port 80 is not in 443"
        assert checks_by_label(step)["*"].matched

    def test_inbound_and_outbound_rules_are_separate_lists(self):
        acl = NetworkAcl("acl-x", (NaclEntry(100, "out", "allow", "all", ANY),))
        assert t.evaluate_nacl(acl, http_from(CLIENT)).allowed is False
        out = Packet(WEB, CLIENT, "tcp", 443, "out", 40000)
        assert t.evaluate_nacl(acl, out).allowed is True

    def test_port_range_edges(self):
        acl = NetworkAcl("acl-x", (NaclEntry(100, "in", "allow", "tcp", ANY, 1024, 65535),))
        assert t.evaluate_nacl(acl, http_from(CLIENT, 1023)).allowed is False
        assert t.evaluate_nacl(acl, http_from(CLIENT, 1024)).allowed is True
        assert t.evaluate_nacl(acl, http_from(CLIENT, 65535)).allowed is True

    def test_protocols(self):
        acl = NetworkAcl("acl-x", (NaclEntry(100, "in", "allow", "tcp", ANY, 53, 53),
                                   NaclEntry(110, "in", "allow", "icmp", "10.0.0.0/16")))
        dns = Packet(CLIENT, WEB, "udp", 53, "in", 50000)
        step = t.evaluate_nacl(acl, dns)
        assert checks_by_label(step)["100"].why == "protocol udp is not tcp"
        assert step.decided_by == "*"
        ping_inside = Packet("10.0.2.5", WEB, "icmp", None, "in", None)
        assert t.evaluate_nacl(acl, ping_inside).decided_by == "110"
        ping_outside = Packet(CLIENT, WEB, "icmp", None, "in", None)
        assert t.evaluate_nacl(acl, ping_outside).decided_by == "*"

    def test_an_ipv6_rule_never_matches_an_ipv4_packet(self):
        acl = NetworkAcl("acl-x", (NaclEntry(101, "in", "allow", "all", "::/0"),))
        assert t.evaluate_nacl(acl, http_from(CLIENT)).decided_by == "*"
        v6 = Packet("2001:db8::1", "2001:db8:1::10", "tcp", 80, "in", 50000)
        assert t.evaluate_nacl(acl, v6).decided_by == "101"


class TestDefaults:
    def test_default_nacl_allows_everything_both_ways(self):
        acl = t.default_network_acl()
        assert t.evaluate_nacl(acl, http_from(CLIENT, 3389)).decided_by == "100"
        out = Packet(WEB, "198.51.100.1", "udp", 123, "out", 40000)
        assert t.evaluate_nacl(acl, out).allowed is True

    def test_new_custom_nacl_denies_everything_both_ways(self):
        acl = t.new_network_acl()
        assert acl.entries == ()
        assert t.evaluate_nacl(acl, http_from(CLIENT)).decided_by == "*"
        out = Packet(WEB, CLIENT, "tcp", 443, "out", 40000)
        assert t.evaluate_nacl(acl, out).allowed is False

    def test_default_sg_admits_only_its_own_members_and_lets_all_out(self):
        sg = t.default_security_group("sg-0d")
        stranger = http_from(CLIENT, 22)
        member = Packet("10.0.1.20", WEB, "tcp", 22, "in", 50000, peer_groups=("sg-0d",))
        step = t.evaluate_groups([sg], stranger)
        assert step.allowed is False
        assert checks_by_label(step)["sg-0d #1"].why == f"{CLIENT} is not a member of sg-0d"
        assert t.evaluate_groups([sg], member).decided_by == "sg-0d #1"
        out = Packet(WEB, CLIENT, "tcp", 443, "out", 40000)
        assert t.evaluate_groups([sg], out).allowed is True

    def test_new_custom_sg_has_no_inbound_and_all_outbound(self):
        sg = t.new_security_group("sg-new")
        assert t.evaluate_groups([sg], http_from(CLIENT)).allowed is False
        out = Packet(WEB, CLIENT, "udp", 53, "out", 40000)
        assert t.evaluate_groups([sg], out).decided_by == "sg-new #1"


# ------------------------------------------------------------ security groups

class TestSecurityGroups:
    admin = SecurityGroup("sg-admin", (SgRule("in", "tcp", "10.0.0.0/8", 22, 22),))
    web = SecurityGroup("sg-web", (SgRule("in", "tcp", ANY, 443, 443),))

    def test_several_groups_are_one_union(self):
        both = [self.admin, self.web]
        assert t.evaluate_groups(both, http_from(CLIENT, 443)).decided_by == "sg-web #1"
        assert t.evaluate_groups(both, http_from("10.9.8.7", 22)).decided_by == "sg-admin #1"
        assert t.evaluate_groups(both, http_from(CLIENT, 22)).allowed is False
        # Every rule of every group is tried; none can deny.
        labels = [c.label for c in t.evaluate_groups(both, http_from(CLIENT, 22)).checks]
        assert labels == ["sg-admin #1", "sg-web #1"]

    def test_no_group_allows_nothing(self):
        step = t.evaluate_groups([], http_from(CLIENT))
        assert step.allowed is False and "no security group" in step.reason

    def test_rule_naming_another_group_matches_its_members(self):
        db = SecurityGroup("sg-db", (SgRule("in", "tcp", "sg-app", 3306, 3306),))
        from_app = Packet("10.0.1.30", "10.0.2.10", "tcp", 3306, "in", 50000, peer_groups=("sg-app",))
        assert t.evaluate_groups([db], from_app).allowed is True
        same_ip_no_group = Packet("10.0.1.30", "10.0.2.10", "tcp", 3306, "in", 50000)
        assert t.evaluate_groups([db], same_ip_no_group).allowed is False


# ------------------------------------------------------------ round trips

class TestRoundTrip:
    def test_web_server_request_in_response_out(self):
        s = t.scenarios()["web"]
        rt = t.round_trip(s.packet, s.acl, s.groups)
        assert rt.allowed and rt.blocked_at is None
        assert [(st.layer, st.direction, st.is_response) for st in rt.steps] == [
            ("nacl", "in", False), ("sg", "in", False), ("sg", "out", True), ("nacl", "out", True)]
        assert [st.decided_by for st in rt.steps] == ["110", "sg-web #2", "stateful", "100"]
        response = rt.steps[3].packet
        assert (response.source, response.destination, response.port, response.source_port) == (
            WEB, CLIENT, 50000, 443)

    def test_forgotten_ephemeral_ports_block_the_response_at_the_nacl(self):
        s = t.scenarios()["ephemeral"]
        rt = t.round_trip(s.packet, s.acl, s.groups)
        assert not rt.allowed
        assert [st.allowed for st in rt.steps] == [True, True, True, False]
        blocked = rt.blocked_at
        assert blocked.layer == "nacl" and blocked.is_response and blocked.decided_by == "*"
        assert checks_by_label(blocked)["110"].why == "port 50000 is not in 443"
        assert "stateless" in blocked.reason and "1024–65535" in blocked.reason

    def test_the_sg_lets_the_response_out_even_with_no_outbound_rules(self):
        inbound_only = SecurityGroup("sg-in", (SgRule("in", "tcp", ANY, 443, 443),))
        rt = t.round_trip(http_from(CLIENT, 443), t.default_network_acl(), [inbound_only])
        assert rt.allowed
        assert rt.steps[2].decided_by == "stateful" and rt.steps[2].checks == ()
        # The same group denies a new outbound request: no outbound rule allows it.
        new_out = Packet(WEB, CLIENT, "tcp", 443, "out", 40000)
        assert t.round_trip(new_out, t.default_network_acl(), [inbound_only]).blocked_at.layer == "sg"

    def test_instance_starts_the_request_and_the_response_needs_an_inbound_nacl_rule(self):
        out = Packet(WEB, "198.51.100.20", "tcp", 443, "out", 40000)
        sg = t.new_security_group("sg-app")  # no inbound rules at all
        acl = NetworkAcl("acl-x", (NaclEntry(100, "out", "allow", "tcp", ANY, 443, 443),
                                   NaclEntry(100, "in", "allow", "tcp", ANY, 1024, 65535)))
        rt = t.round_trip(out, acl, [sg])
        assert [(st.layer, st.direction) for st in rt.steps] == [
            ("sg", "out"), ("nacl", "out"), ("nacl", "in"), ("sg", "in")]
        assert rt.allowed and rt.steps[2].packet.port == 40000
        narrow = NetworkAcl("acl-y", (NaclEntry(100, "out", "allow", "tcp", ANY, 443, 443),
                                      NaclEntry(100, "in", "allow", "tcp", ANY, 443, 443)))
        blocked = t.round_trip(out, narrow, [sg]).blocked_at
        assert blocked.direction == "in" and blocked.is_response and blocked.decided_by == "*"

    def test_steps_after_a_denial_are_not_reached(self):
        s = t.scenarios()["h5-swapped"]
        rt = t.round_trip(s.packet, s.acl, s.groups)
        assert [st.allowed for st in rt.steps] == [False, None, None, None]
        assert all("not reached" in st.reason for st in rt.steps[1:])

    def test_defaults_scenario_stops_at_the_default_sg(self):
        s = t.scenarios()["defaults"]
        rt = t.round_trip(s.packet, s.acl, s.groups)
        assert [st.allowed for st in rt.steps[:2]] == [True, False]

    def test_every_preset_runs(self):
        keys = set(t.scenarios())
        assert {"web", "h5", "h5-swapped", "ephemeral", "defaults", "new-nacl"} <= keys
        verdicts = {k: t.round_trip(s.packet, s.acl, s.groups).allowed for k, s in t.scenarios().items()}
        assert verdicts == {"web": True, "h5": True, "h5-swapped": False, "ephemeral": False,
                            "defaults": False, "new-nacl": False}


# ------------------------------------------------------------ validation

class TestValidation:
    def bad(self, acl):
        with pytest.raises(RuleError) as err:
            t.checked_acl(acl)
        return err.value.message

    def test_malformed_cidr_names_the_rule(self):
        msg = self.bad(NetworkAcl("a", (NaclEntry(100, "in", "allow", "all", "10.0.0.300/24"),)))
        assert msg.startswith("NACL inbound rule 100:") and "10.0.0.300/24" in msg

    def test_port_outside_range(self):
        msg = self.bad(NetworkAcl("a", (NaclEntry(120, "out", "allow", "tcp", ANY, 1024, 70000),)))
        assert msg == "NACL outbound rule 120: port 70000 is outside 0–65535"

    def test_backwards_port_range(self):
        msg = self.bad(NetworkAcl("a", (NaclEntry(120, "out", "allow", "tcp", ANY, 2000, 1000),)))
        assert "2000-1000 runs backwards" in msg

    @pytest.mark.parametrize("number", [0, 32767, 40000, -5])
    def test_rule_number_outside_1_to_32766(self, number):
        msg = self.bad(NetworkAcl("a", (NaclEntry(number, "in", "allow", "all", ANY),)))
        assert f"rule number {number} is outside 1–32766" in msg

    def test_rule_numbers_1_and_32766_are_fine(self):
        acl = t.checked_acl(NetworkAcl("a", (NaclEntry(1, "in", "allow", "all", ANY),
                                             NaclEntry(32766, "in", "deny", "all", ANY))))
        assert [e.number for e in acl.rules("in")] == [1, 32766]

    def test_duplicate_rule_number_in_one_direction(self):
        msg = self.bad(NetworkAcl("a", (NaclEntry(100, "in", "allow", "all", ANY),
                                        NaclEntry(100, "in", "deny", "tcp", ANY, 22, 22))))
        assert msg == "NACL inbound rule 100: rule number 100 is used twice in the inbound rules"

    def test_same_number_in_each_direction_is_fine(self):
        assert len(t.checked_acl(t.default_network_acl()).entries) == 2

    def test_unknown_protocol_and_action(self):
        msg = self.bad(NetworkAcl("a", (NaclEntry(100, "in", "allow", "tcpp", ANY),)))
        assert msg == "NACL inbound rule 100: unknown protocol 'tcpp' (use tcp, udp, icmp or all)"
        msg = self.bad(NetworkAcl("a", (NaclEntry(100, "in", "maybe", "tcp", ANY),)))
        assert "action 'maybe'" in msg

    def test_cidr_with_host_bits_is_stored_as_its_network(self):
        acl = t.checked_acl(NetworkAcl("a", (NaclEntry(100, "in", "allow", "all", "10.0.0.7/24"),)))
        assert acl.entries[0].cidr == "10.0.0.0/24"

    def test_sg_rule_errors_name_group_direction_and_place(self):
        sg = SecurityGroup("sg-web", (SgRule("in", "tcp", ANY, 443, 443),
                                      SgRule("in", "tcp", "10.0.0/8", 22, 22)))
        with pytest.raises(RuleError, match=r"^sg-web inbound rule 2: '10.0.0/8' is not a CIDR"):
            t.checked_group(sg)
        with pytest.raises(RuleError, match="sg-x inbound rule 1: unknown protocol 'gre'"):
            t.checked_group(SecurityGroup("sg-x", (SgRule("in", "gre", ANY),)))

    def test_bad_packets(self):
        with pytest.raises(RuleError, match="packet: source '203.0.113.300' is not an IP address"):
            t.round_trip(http_from("203.0.113.300"), t.default_network_acl(), [])
        with pytest.raises(RuleError, match="packet: port 65536 is outside 0–65535"):
            t.round_trip(http_from(CLIENT, 65536), t.default_network_acl(), [])
        with pytest.raises(RuleError, match="packet: protocol 'all' is not one of tcp, udp, icmp"):
            t.round_trip(Packet(CLIENT, WEB, "all", None), t.default_network_acl(), [])

    def test_round_trip_checks_the_rules_before_evaluating(self):
        acl = NetworkAcl("a", (NaclEntry(100, "in", "allow", "all", ANY),
                               NaclEntry(100, "in", "deny", "all", ANY)))
        with pytest.raises(RuleError, match="used twice"):
            t.round_trip(http_from(CLIENT), acl, [])


# ------------------------------------------------------------ text lines

class TestLines:
    def test_nacl_lines_round_trip(self):
        text = "100 allow tcp 80 0.0.0.0/0\n110 allow tcp 443 0.0.0.0/0\n120 deny all all 198.51.100.0/24"
        entries = t.parse_nacl_lines(text, "in")
        assert entries[1] == NaclEntry(110, "in", "allow", "tcp", ANY, 443, 443)
        assert entries[2].protocol == "all" and entries[2].from_port is None
        acl = NetworkAcl("a", tuple(entries))
        assert t.acl_lines(acl, "in") == text

    def test_comments_blank_lines_star_and_numbers_for_protocols(self):
        text = "# web\n\n100 ALLOW 6 1024-65535 0.0.0.0/0  # ephemeral\n* deny all all 0.0.0.0/0\n"
        (entry,) = t.parse_nacl_lines(text, "out")
        assert (entry.action, entry.protocol, entry.from_port, entry.to_port) == ("allow", "tcp", 1024, 65535)

    def test_nacl_line_errors_name_the_line(self):
        with pytest.raises(RuleError, match=r"NACL inbound line 2 \('100 allow tcp 80'\): expected 5 fields"):
            t.parse_nacl_lines("90 allow all all 0.0.0.0/0\n100 allow tcp 80", "in")
        with pytest.raises(RuleError, match="line 1 .*rule number 'abc' is not a whole number"):
            t.parse_nacl_lines("abc allow all all 0.0.0.0/0", "in")
        with pytest.raises(RuleError, match="line 1 .*ports '8o' are not a number"):
            t.parse_nacl_lines("100 allow tcp 8o 0.0.0.0/0", "in")
        with pytest.raises(RuleError, match="line 1 .*rule number 0 is outside 1–32766"):
            t.parse_nacl_lines("0 allow tcp 80 0.0.0.0/0", "in")
        with pytest.raises(RuleError, match="NACL outbound rule 100: rule number 100 is used twice"):
            t.parse_nacl_lines("100 allow tcp 80 0.0.0.0/0\n100 deny tcp 22 0.0.0.0/0", "out")

    def test_sg_lines_group_rules_by_group(self):
        groups = t.groups_from_lines("sg-web tcp 443 0.0.0.0/0\nsg-admin tcp 22 10.0.0.0/8",
                                     "sg-web all all 0.0.0.0/0")
        assert [g.group_id for g in groups] == ["sg-web", "sg-admin"]
        assert groups[0].rules == (SgRule("in", "tcp", ANY, 443, 443), SgRule("out", "all", ANY))
        assert t.sg_lines(groups, "in") == "sg-web tcp 443 0.0.0.0/0\nsg-admin tcp 22 10.0.0.0/8"

    def test_sg_line_errors(self):
        with pytest.raises(RuleError, match=r"SG inbound line 1 \('web tcp 443 0.0.0.0/0'\): .*sg-web"):
            t.parse_sg_lines("web tcp 443 0.0.0.0/0", "in")
        with pytest.raises(RuleError, match="SG outbound line 1 .*port 99999 is outside"):
            t.parse_sg_lines("sg-web tcp 99999 0.0.0.0/0", "out")


# ------------------------------------------------------------ boto3 shapes

SG_RESPONSE = {"SecurityGroups": [
    {"GroupId": "sg-0aaa", "GroupName": "web",
     "IpPermissions": [
         {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443,
          "IpRanges": [{"CidrIp": "0.0.0.0/0"}], "Ipv6Ranges": [], "UserIdGroupPairs": []},
         {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 22,
          "IpRanges": [{"CidrIp": "198.51.100.0/24"}],
          "UserIdGroupPairs": [{"GroupId": "sg-0bbb", "UserId": "123456789012"}]}],
     "IpPermissionsEgress": [{"IpProtocol": "-1", "IpRanges": [{"CidrIp": "0.0.0.0/0"}]}]},
]}

ACL_ITEM = {"NetworkAclId": "acl-0ccc", "IsDefault": False, "Entries": [
    {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": False,
     "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 443, "To": 443}},
    {"RuleNumber": 100, "Protocol": "6", "RuleAction": "allow", "Egress": True,
     "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 1024, "To": 65535}},
    {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": False, "CidrBlock": "0.0.0.0/0"},
    {"RuleNumber": 32767, "Protocol": "-1", "RuleAction": "deny", "Egress": True, "CidrBlock": "0.0.0.0/0"},
]}


class TestBoto3Shapes:
    def test_security_groups(self):
        (g,) = t.groups_from_boto3(SG_RESPONSE)
        assert g.name == "web"
        assert g.rules == (SgRule("in", "tcp", ANY, 443, 443),
                           SgRule("in", "tcp", "198.51.100.0/24", 22, 22),
                           SgRule("in", "tcp", "sg-0bbb", 22, 22),
                           SgRule("out", "all", ANY))
        assert t.groups_from_boto3(SG_RESPONSE["SecurityGroups"]) == [g]

    def test_network_acl_drops_the_star_entries(self):
        acl = t.acl_from_boto3(ACL_ITEM)
        assert [e.describe() for e in acl.rules("in")] == ["100 allow tcp 443 0.0.0.0/0"]
        assert [e.describe() for e in acl.rules("out")] == ["100 allow tcp 1024-65535 0.0.0.0/0"]
        rt = t.round_trip(http_from(CLIENT, 443), acl, t.groups_from_boto3(SG_RESPONSE))
        assert rt.allowed

    def test_an_empty_custom_acl_reads_like_a_new_one(self):
        acl = t.acl_from_boto3({"NetworkAclId": "acl-0ddd", "IsDefault": False, "Entries": []})
        assert t.evaluate_nacl(acl, http_from(CLIENT)).decided_by == "*"

    def test_bad_entries_are_named(self):
        bad = {"NetworkAclId": "acl-0eee", "Entries": [
            {"RuleNumber": 100, "Protocol": "47", "RuleAction": "allow", "Egress": False,
             "CidrBlock": "0.0.0.0/0"}]}
        with pytest.raises(RuleError, match="NACL inbound rule 100: unknown protocol '47'"):
            t.acl_from_boto3(bad)
        beyond = {"NetworkAclId": "acl-0fff", "Entries": [
            {"RuleNumber": 40000, "Protocol": "6", "RuleAction": "allow", "Egress": False,
             "CidrBlock": "0.0.0.0/0", "PortRange": {"From": 22, "To": 22}}]}
        with pytest.raises(RuleError, match="NACL inbound rule 40000: rule number 40000 is outside 1–32766"):
            t.acl_from_boto3(beyond)
        sg = {"SecurityGroups": [{"GroupId": "sg-1", "IpPermissions": [
            {"IpProtocol": "tcp", "FromPort": 22, "ToPort": 70000, "IpRanges": [{"CidrIp": ANY}]}]}]}
        with pytest.raises(RuleError, match="sg-1 inbound permission 1: port 70000"):
            t.groups_from_boto3(sg)

    def test_what_moto_creates(self, ec2):
        vpc = ec2.create_vpc(CidrBlock="10.0.0.0/16")["Vpc"]["VpcId"]
        sg = ec2.create_security_group(GroupName="web", Description="web", VpcId=vpc)["GroupId"]
        ec2.authorize_security_group_ingress(GroupId=sg, IpPermissions=[
            {"IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "IpRanges": [{"CidrIp": ANY}]}])
        acl_id = ec2.create_network_acl(VpcId=vpc)["NetworkAcl"]["NetworkAclId"]
        fresh = t.acl_from_boto3(ec2.describe_network_acls(NetworkAclIds=[acl_id])["NetworkAcls"][0])
        assert fresh.entries == ()  # moto: no entries; AWS: only the * rules
        ec2.create_network_acl_entry(NetworkAclId=acl_id, RuleNumber=100, Protocol="6",
                                     RuleAction="allow", Egress=False, CidrBlock=ANY,
                                     PortRange={"From": 443, "To": 443})
        acl = t.acl_from_boto3(ec2.describe_network_acls(NetworkAclIds=[acl_id])["NetworkAcls"][0])
        groups = t.groups_from_boto3(ec2.describe_security_groups(GroupIds=[sg]))
        assert t.sg_lines(groups, "in") == f"{sg} tcp 443 0.0.0.0/0"
        assert t.sg_lines(groups, "out") == f"{sg} all all 0.0.0.0/0"
        rt = t.round_trip(http_from(CLIENT, 443), acl, groups)
        assert [s.allowed for s in rt.steps] == [True, True, True, False]  # no outbound NACL rule yet
        # moto's default SG lacks AWS's inbound rule from its own members.
        moto_default = ec2.describe_security_groups(Filters=[
            {"Name": "vpc-id", "Values": [vpc]}, {"Name": "group-name", "Values": ["default"]}])
        assert t.sg_lines(t.groups_from_boto3(moto_default), "in") == ""
        default = ec2.describe_network_acls(Filters=[{"Name": "vpc-id", "Values": [vpc]},
                                                     {"Name": "default", "Values": ["true"]}])
        assert t.round_trip(http_from(CLIENT, 443), t.acl_from_boto3(default["NetworkAcls"][0]),
                            groups).allowed


# ------------------------------------------------------------ sourced figures

def test_quotas_are_sourced_and_dated():
    quotas = t.vpc_quotas()
    assert quotas["sg_rules_per_direction"].value == 60
    assert quotas["sgs_per_eni"].value == 5 and quotas["sgs_per_eni"].up_to == 16
    assert quotas["nacl_rules_per_direction"].value == 20
    # AWS's cap: SGs per ENI times rules per SG is at most 1,000, at the defaults too.
    assert quotas["sgs_per_eni"].up_to * quotas["sg_rules_per_direction"].value <= 1000
    for q in quotas.values():
        assert q.source.startswith("https://docs.aws.amazon.com/"), q.key
        assert str(q.checked) == "2026-12-02" and isinstance(q.verified, bool)


def test_ephemeral_ranges_fit_inside_aws_advice():
    ranges, meta = t.ephemeral_ranges()
    assert tuple(meta["advice"]) == t.EPHEMERAL
    assert meta["source"].endswith("nacl-ephemeral-ports.html")
    by_who = {r.who: (r.low, r.high) for r in ranges}
    assert by_who["Windows Server 2008 and later"] == (49152, 65535)
    # AWS's advice, 1024-65535, covers every client it lists.
    assert all(t.EPHEMERAL[0] <= r.low <= r.high <= t.EPHEMERAL[1] for r in ranges)
