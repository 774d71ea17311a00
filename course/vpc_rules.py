"""What AWS would refuse in a VPC that the sandbox (moto) built without complaint.

moto accepts a few things AWS rejects (see the course's moto notes): a second internet
gateway on one VPC, a subnet smaller than /28, and a peering connection between VPCs whose
CIDR blocks overlap. :func:`refusals` reads a VPC through any EC2 client and names each one.

AWS rules (checked 2026-12-02):

* one internet gateway per VPC: only one can be attached to a VPC at a time
  (VPC quotas, https://docs.aws.amazon.com/vpc/latest/userguide/amazon-vpc-limits.html);
* subnet blocks /16 to /28, inside the VPC, not overlapping (:mod:`course.cidr`);
* no peering between overlapping CIDR blocks: such a request ends ``failed``
  (CreateVpcPeeringConnection, https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_CreateVpcPeeringConnection.html).
"""

from __future__ import annotations

from dataclasses import dataclass

from course.cidr import check_vpc_plan, overlaps
from course.i18n import text

TEXT = {
    "en": {
        "no_vpc": "no VPC {vpc}: check the id (describe_vpcs lists them)",
        "one_igw": "{vpc} has {n} internet gateways attached ({ids}); AWS attaches at most one per VPC",
        "peering_overlap": "peering {pcx} joins {a} and {b}, which overlap; AWS would mark the request failed",
    },
    "ko": {
        "no_vpc": "VPC {vpc}이(가) 없습니다. ID를 확인하세요 (describe_vpcs가 목록을 보여 줍니다)",
        "one_igw": "{vpc}에 인터넷 게이트웨이 {n}개가 연결되어 있습니다 ({ids}). AWS는 VPC당 하나만 연결합니다",
        "peering_overlap": "피어링 {pcx}이(가) 서로 겹치는 {a}와(과) {b}를 잇습니다. AWS라면 요청을 "
                           "failed로 표시합니다",
    },
}


@dataclass(frozen=True)
class Refusal:
    """One thing AWS would refuse: the rule's short id, the resource, and a sentence."""

    rule: str
    resource: str
    message: str


def refusals(ec2, vpc_id: str) -> list[Refusal]:
    """Everything in VPC ``vpc_id`` that AWS would have refused; empty if none.

    Raises:
        LookupError: no VPC has that id.
    """
    vpcs = ec2.describe_vpcs(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Vpcs"]
    if not vpcs:
        raise LookupError(text(TEXT, "no_vpc", vpc=repr(vpc_id)))
    vpc = vpcs[0]
    found: list[Refusal] = []
    igws = ec2.describe_internet_gateways(
        Filters=[{"Name": "attachment.vpc-id", "Values": [vpc_id]}])["InternetGateways"]
    if len(igws) > 1:
        ids = ", ".join(g["InternetGatewayId"] for g in igws)
        found.append(Refusal("one-igw", vpc_id, text(TEXT, "one_igw", vpc=vpc_id, n=len(igws), ids=ids)))
    subnets = ec2.describe_subnets(Filters=[{"Name": "vpc-id", "Values": [vpc_id]}])["Subnets"]
    names = {s["SubnetId"]: _name(s) for s in subnets}
    for v in check_vpc_plan(vpc["CidrBlock"], {names[s["SubnetId"]]: s["CidrBlock"] for s in subnets}):
        found.append(Refusal(v.rule, v.subject, v.message))
    for pcx in _peerings(ec2, vpc_id):
        a = pcx["RequesterVpcInfo"].get("CidrBlock", "")
        b = pcx["AccepterVpcInfo"].get("CidrBlock", "")
        if a and b and overlaps(a, b):
            found.append(Refusal("peering-overlap", pcx["VpcPeeringConnectionId"],
                                 text(TEXT, "peering_overlap", pcx=pcx["VpcPeeringConnectionId"], a=a, b=b)))
    return found


def _peerings(ec2, vpc_id: str) -> list[dict]:
    # Filtered here, not with describe_vpc_peering_connections' Filters: moto 5.2's
    # accepter-vpc-info filter also matched the requester side.
    found = ec2.describe_vpc_peering_connections()["VpcPeeringConnections"]
    return [p for p in found
            if vpc_id in (p["RequesterVpcInfo"].get("VpcId"), p["AccepterVpcInfo"].get("VpcId"))]


def _name(resource: dict) -> str:
    tag = next((t["Value"] for t in resource.get("Tags", []) if t["Key"] == "Name"), None)
    return f"{tag} ({resource['SubnetId']})" if tag else resource["SubnetId"]
