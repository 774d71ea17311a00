"""Pictures for the VPC chapters (11, 13, 15): network layout, NAT, endpoints, peering.

Every label comes from ``TEXT`` (one table per language), so the Korean edition adds a
table, not code. Each function returns a matplotlib ``Figure``; show it in a notebook with
``course.diagrams.show``.
"""

from __future__ import annotations

from course.diagrams import arrow, canvas, group, node, note
from course.i18n import text
from course.nat import outbound

TEXT = {
    "en": {
        "phys_title": "A physical network and a VPC do the same job",
        "phys_group": "Physical network (on-premises)",
        "phys_isp": "Internet (ISP line)",
        "phys_router": "Router (a box)",
        "phys_switch": "Switch",
        "phys_server": "Server {n}",
        "phys_note": "cables, boxes you buy, configure and replace",
        "vpc_group": "VPC 10.0.0.0/16 (software-defined)",
        "vpc_router": "VPC router (implicit)",
        "vpc_rt": "route table:\n10.0.0.0/16 → local\n0.0.0.0/0 → igw",
        "vpc_subnet_a": "10.0.1.0/24",
        "vpc_subnet_b": "10.0.2.0/24",
        "vpc_ec2": "EC2",
        "vpc_rds": "RDS",
        "vpc_igw": "Internet gateway",
        "vpc_note": "no boxes: routers and gateways are API resources",
        "layout_title": "A VPC across two Availability Zones",
        "internet": "Internet",
        "region": "Region ap-northeast-2 (Seoul)",
        "vpc": "VPC 10.0.0.0/16",
        "igw": "Internet gateway",
        "az": "AZ {az}",
        "public": "public {cidr}",
        "private": "private {cidr}",
        "database": "database {cidr}",
        "nat": "NAT gateway",
        "app": "EC2 (app)",
        "rds": "RDS",
        "rt_public": "Public route table",
        "rt_private": "Private route table (AZ {az})",
        "rt_db": "Database route table",
        "rt_local": "10.0.0.0/16 → local",
        "rt_to_igw": "0.0.0.0/0 → igw-…",
        "rt_to_nat": "0.0.0.0/0 → nat-… (AZ {az})",
        "rt_none": "no 0.0.0.0/0 route",
        "out_only": "outbound only",
        "nat_title": "PAT (NAPT): many private addresses share one public address",
        "nat_inside": "Private subnet 10.0.4.0/24",
        "nat_box": "NAT gateway\n{ip}",
        "nat_server": "Web server\n{ip}",
        "nat_reply": "A reply to {outside} goes back to {inside}; a packet nobody asked for matches no row and is dropped.",
        "nat_src": "src {src}",
        "ep_title": "Reaching AWS services from a private subnet without the internet",
        "ep_region": "Region",
        "ep_vpc": "VPC",
        "ep_subnet": "private subnet (no route to the internet)",
        "ep_ec2": "EC2",
        "ep_rt": "route table: pl-… (S3 prefix list) → vpce-…",
        "ep_eni": "ENI 10.0.4.25\n(interface endpoint)",
        "ep_services": "AWS services (outside your VPC)",
        "ep_s3": "S3 / DynamoDB",
        "ep_other": "SQS, KMS, STS …\n(PrivateLink)",
        "ep_gateway": "gateway endpoint: a route, no charge",
        "ep_interface": "interface endpoint:\nper hour per AZ + per GB",
        "peer_title": "Connecting VPCs: a mesh of peerings or a transit gateway hub",
        "peer_group": "VPC peering (one-to-one)",
        "peer_note": "4 VPCs need 6 peerings: n(n−1)/2.\nNot transitive: A–B and B–C don't give A–C.",
        "tgw_group": "Transit gateway (hub and spokes)",
        "tgw": "Transit gateway",
        "tgw_vpn": "Office (Site-to-Site VPN)",
        "tgw_note": "one attachment per network;\nthe hub's route table connects them",
        "vpc_n": "VPC {n}",
    },
    "ko": {
        "phys_title": "물리 네트워크와 VPC는 같은 일을 합니다",
        "phys_group": "물리 네트워크 (온프레미스)",
        "phys_isp": "인터넷 (ISP 회선)",
        "phys_router": "라우터 (장비)",
        "phys_switch": "스위치",
        "phys_server": "서버 {n}",
        "phys_note": "케이블, 사서 설정하고 교체하는 장비",
        "vpc_group": "VPC 10.0.0.0/16 (소프트웨어 정의)",
        "vpc_router": "VPC 라우터 (암시적)",
        "vpc_rt": "라우팅 테이블:\n10.0.0.0/16 → local\n0.0.0.0/0 → igw",
        "vpc_subnet_a": "10.0.1.0/24",
        "vpc_subnet_b": "10.0.2.0/24",
        "vpc_ec2": "EC2",
        "vpc_rds": "RDS",
        "vpc_igw": "인터넷 게이트웨이",
        "vpc_note": "장비 없음: 라우터와 게이트웨이는 API 리소스",
        "layout_title": "가용 영역 두 개에 걸친 VPC",
        "internet": "인터넷",
        "region": "리전 ap-northeast-2 (서울)",
        "vpc": "VPC 10.0.0.0/16",
        "igw": "인터넷 게이트웨이",
        "az": "AZ {az}",
        "public": "퍼블릭 {cidr}",
        "private": "프라이빗 {cidr}",
        "database": "데이터베이스 {cidr}",
        "nat": "NAT 게이트웨이",
        "app": "EC2 (앱)",
        "rds": "RDS",
        "rt_public": "퍼블릭 라우팅 테이블",
        "rt_private": "프라이빗 라우팅 테이블 (AZ {az})",
        "rt_db": "데이터베이스 라우팅 테이블",
        "rt_local": "10.0.0.0/16 → local",
        "rt_to_igw": "0.0.0.0/0 → igw-…",
        "rt_to_nat": "0.0.0.0/0 → nat-… (AZ {az})",
        "rt_none": "0.0.0.0/0 경로 없음",
        "out_only": "아웃바운드 전용",
        "nat_title": "PAT (NAPT): 여러 프라이빗 주소가 퍼블릭 주소 하나를 공유",
        "nat_inside": "프라이빗 서브넷 10.0.4.0/24",
        "nat_box": "NAT 게이트웨이\n{ip}",
        "nat_server": "웹 서버\n{ip}",
        "nat_reply": "{outside}로 온 응답은 {inside}로 돌아갑니다. 아무도 요청하지 않은 패킷은 어느 행과도 맞지 않아 버려집니다.",
        "nat_src": "출발지 {src}",
        "ep_title": "인터넷 없이 프라이빗 서브넷에서 AWS 서비스에 접근하기",
        "ep_region": "리전",
        "ep_vpc": "VPC",
        "ep_subnet": "프라이빗 서브넷 (인터넷으로 가는 경로 없음)",
        "ep_ec2": "EC2",
        "ep_rt": "라우팅 테이블: pl-… (S3 접두사 목록) → vpce-…",
        "ep_eni": "ENI 10.0.4.25\n(인터페이스 엔드포인트)",
        "ep_services": "AWS 서비스 (VPC 밖)",
        "ep_s3": "S3 / DynamoDB",
        "ep_other": "SQS, KMS, STS …\n(PrivateLink)",
        "ep_gateway": "게이트웨이 엔드포인트: 경로 하나, 무료",
        "ep_interface": "인터페이스 엔드포인트:\nAZ당 시간 요금 + GB당 요금",
        "peer_title": "VPC 연결: 피어링 메시 또는 Transit Gateway 허브",
        "peer_group": "VPC 피어링 (일대일)",
        "peer_note": "VPC 4개에는 피어링 6개가 필요: n(n−1)/2.\n전이되지 않음: A–B와 B–C가 있어도 A–C는 안 됨.",
        "tgw_group": "Transit Gateway (허브 앤 스포크)",
        "tgw": "Transit Gateway",
        "tgw_vpn": "사무실 (Site-to-Site VPN)",
        "tgw_note": "네트워크마다 연결(attachment) 하나;\n허브의 라우팅 테이블이 이들을 연결",
        "vpc_n": "VPC {n}",
    },
}


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)


def physical_vs_vpc_figure():
    """A cabled LAN with a router beside a VPC whose router and gateway are software."""
    fig, ax = canvas(12, 5.4, title=_t("phys_title"))
    group(ax, 0.2, 0.3, 5.6, 3.9, _t("phys_group"), kind="neutral")
    isp = node(ax, 3.0, 4.75, _t("phys_isp"), kind="user", w=2.4)
    router = node(ax, 3.0, 3.35, _t("phys_router"), kind="network", w=2.0)
    switch = node(ax, 3.0, 2.3, _t("phys_switch"), kind="neutral", w=1.6)
    arrow(ax, router.side("top"), isp.side("bottom"), both=True)
    arrow(ax, switch.side("top"), router.side("bottom"), both=True)
    for n, x in enumerate((1.3, 3.0, 4.7), start=1):
        server = node(ax, x, 1.2, _t("phys_server", n=n), kind="compute", w=1.4)
        arrow(ax, server.side("top"), switch.side("bottom"), both=True)
    note(ax, 0.45, 0.55, _t("phys_note"), size=8)

    group(ax, 6.2, 0.3, 5.6, 3.9, _t("vpc_group"), kind="vpc")
    igw = node(ax, 9.2, 4.75, _t("vpc_igw"), kind="network", w=2.4)
    vpc_router = node(ax, 9.2, 3.35, _t("vpc_router"), kind="network", w=3.6)
    note(ax, 6.4, 2.6, _t("vpc_rt"), size=8)
    arrow(ax, vpc_router.side("top"), igw.side("bottom"), both=True)
    group(ax, 6.45, 0.75, 2.4, 1.35, _t("vpc_subnet_a"), kind="private")
    group(ax, 9.15, 0.75, 2.4, 1.35, _t("vpc_subnet_b"), kind="private")
    # Each resource sits under the router so its link runs straight up, clear of the labels.
    for x, key, kind in ((8.1, "vpc_ec2", "compute"), (10.75, "vpc_rds", "database")):
        box = node(ax, x, 1.2, _t(key), kind=kind, w=1.1)
        arrow(ax, box.side("top"), (x, vpc_router.y), dashed=True, both=True)
    note(ax, 6.45, 0.5, _t("vpc_note"), size=8)
    return fig


def vpc_layout_figure():
    """Region, VPC, two AZs with public/private/database subnets, IGW, NAT gateways, route tables."""
    fig, ax = canvas(12, 7.8, title=_t("layout_title"))
    internet = node(ax, 5.25, 7.35, _t("internet"), kind="user", w=1.8)
    group(ax, 0.2, 0.2, 11.6, 6.75, _t("region"), kind="region")
    group(ax, 0.45, 0.4, 8.3, 6.0, _t("vpc"), kind="vpc")
    # Wide enough that each NAT gateway's arrow goes straight up, clear of the subnet labels.
    igw = node(ax, 5.25, 6.4, _t("igw"), kind="network", w=4.6)
    arrow(ax, igw.side("top"), internet.side("bottom"), both=True)
    nats = []
    for i, (az, third) in enumerate((("a", 0), ("c", 1))):
        x = 0.65 + i * 4.0
        group(ax, x, 0.6, 3.85, 5.25, _t("az", az=f"ap-northeast-2{az}"), kind="az", dashed=True)
        group(ax, x + 0.15, 3.9, 3.55, 1.45, _t("public", cidr=f"10.0.{third}.0/24"), kind="public")
        group(ax, x + 0.15, 2.3, 3.55, 1.45, _t("private", cidr=f"10.0.{4 + third}.0/24"), kind="private")
        group(ax, x + 0.15, 0.75, 3.55, 1.4, _t("database", cidr=f"10.0.{8 + third}.0/24"), kind="private")
        nat = node(ax, x + 2.6, 4.4, _t("nat"), kind="network", w=1.9)
        app = node(ax, x + 2.6, 2.8, _t("app"), kind="compute", w=1.7)
        node(ax, x + 2.6, 1.2, _t("rds"), kind="database", w=1.4)
        arrow(ax, app.side("top"), nat.side("bottom"), label=_t("out_only"), dashed=True)
        nats.append(nat)
    for nat in nats:
        arrow(ax, nat.side("top"), (nat.centre[0], igw.y))
    rows = [
        (_t("rt_public"), [_t("rt_local"), _t("rt_to_igw")]),
        (_t("rt_private", az="a"), [_t("rt_local"), _t("rt_to_nat", az="a")]),
        (_t("rt_db"), [_t("rt_local"), _t("rt_none")]),
    ]
    y = 5.9
    for title, lines in rows:
        note(ax, 8.95, y, title, colour="#232f3e", size=8.5)
        for line in lines:
            y -= 0.35
            note(ax, 9.1, y, line, size=8)
        y -= 0.7
    return fig


def nat_rewrite_figure(public_ip: str = "3.34.0.10", server: str = "93.184.216.34:443"):
    """Three private hosts reach one server through PAT; the figure shows each source rewrite.

    The rewrites come from :func:`course.nat.outbound`, so the picture and the logic agree.
    """
    hosts = ["10.0.4.10:40001", "10.0.4.11:40001", "10.0.4.20:51000"]
    rewrites, table = outbound("pat", [f"{h} -> {server}" for h in hosts], public_ip)
    fig, ax = canvas(12, 5.2, title=_t("nat_title"))
    group(ax, 0.2, 0.9, 3.4, 3.6, _t("nat_inside"), kind="private")
    nat = node(ax, 6.0, 2.6, _t("nat_box", ip=public_ip), kind="network", w=1.9, h=2.4)
    dest = node(ax, 10.6, 2.6, _t("nat_server", ip=server), kind="user", w=2.2, h=1.0)
    for i, r in enumerate(rewrites):
        y = 3.6 - i * 1.0
        host = node(ax, 1.9, y, str(r.before.src), kind="compute", w=2.6, h=0.55)
        arrow(ax, host.side("right"), (nat.x, y))
        arrow(ax, (nat.x + nat.w, y), (dest.x, dest.centre[1] + (1 - i) * 0.3),
              label=_t("nat_src", src=r.after.src))
    first = table.entries[1]
    note(ax, 0.3, 0.45, _t("nat_reply", outside=first.outside, inside=first.inside), size=8.5)
    return fig


def endpoints_figure():
    """A private subnet reaching S3 through a gateway endpoint and other services through an ENI."""
    fig, ax = canvas(12, 5.6, title=_t("ep_title"))
    group(ax, 0.2, 0.2, 11.6, 4.9, _t("ep_region"), kind="region")
    group(ax, 0.45, 0.45, 6.1, 4.3, _t("ep_vpc"), kind="vpc")
    group(ax, 0.7, 0.7, 5.6, 3.4, _t("ep_subnet"), kind="private")
    ec2 = node(ax, 1.8, 2.3, _t("ep_ec2"), kind="compute", w=1.3)
    eni = node(ax, 4.6, 1.35, _t("ep_eni"), kind="network", w=2.2, h=0.8)
    note(ax, 0.95, 3.6, _t("ep_rt"), size=8)
    group(ax, 7.4, 0.45, 4.15, 4.3, _t("ep_services"), kind="neutral")
    s3 = node(ax, 9.5, 3.35, _t("ep_s3"), kind="storage", w=2.2)
    other = node(ax, 9.5, 1.35, _t("ep_other"), kind="security", w=2.2, h=0.8)
    arrow(ax, ec2.side("top"), s3.side("left"), label=_t("ep_gateway"))
    arrow(ax, ec2.side("right"), eni.side("left"))
    arrow(ax, eni.side("right"), other.side("left"), label=_t("ep_interface"))
    return fig


def peering_vs_tgw_figure():
    """Four VPCs in a full peering mesh beside the same four on a transit gateway hub."""
    fig, ax = canvas(12, 5.4, title=_t("peer_title"))
    group(ax, 0.2, 0.2, 5.6, 4.7, _t("peer_group"), kind="vpc")
    spots = {"A": (1.4, 3.9), "B": (4.6, 3.9), "C": (1.4, 1.9), "D": (4.6, 1.9)}
    names = list(spots)
    # Lines first, boxes after: later patches are drawn on top, so labels stay readable.
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            arrow(ax, spots[a], spots[b], both=True, colour="#8c4fff")
    for n, (x, y) in spots.items():
        node(ax, x, y, _t("vpc_n", n=n), kind="vpc", w=1.3)
    note(ax, 0.4, 0.75, _t("peer_note"), size=8)

    group(ax, 6.2, 0.2, 5.6, 4.7, _t("tgw_group"), kind="network")
    centre = (9.0, 2.6)
    spokes = dict(zip("ABCD", ((7.1, 3.7), (10.9, 3.7), (7.1, 1.5), (10.9, 1.5))))
    for x, y in spokes.values():
        arrow(ax, (x, y), centre, both=True)
    hub = node(ax, *centre, _t("tgw"), kind="network", w=1.9)
    for n, (x, y) in spokes.items():
        node(ax, x, y, _t("vpc_n", n=n), kind="vpc", w=1.3)
    vpn = node(ax, 9.0, 4.2, _t("tgw_vpn"), kind="user", w=2.2)
    arrow(ax, vpn.side("bottom"), hub.side("top"), both=True)
    note(ax, 6.4, 0.55, _t("tgw_note"), size=8)
    return fig
