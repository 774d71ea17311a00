"""Figures of chapter 14: where the two firewalls sit, and a packet's round trip through them."""

from __future__ import annotations

from course import i18n
from course.diagrams import COLOURS, arrow, canvas, group, node, note

TEXT = {
    "en": {
        "trip_title": "One HTTPS request and its response through a network ACL and a security group",
        "client": "Client\n203.0.113.10",
        "internet": "Internet",
        "vpc": "VPC 10.0.0.0/16",
        "subnet": "Subnet 10.0.1.0/24",
        "nacl": "Network\nACL",
        "sg": "Security group (on the ENI)",
        "instance": "Web server\n10.0.1.10",
        "request": "① request  tcp :50000 → :443",
        "response": "② response  tcp :443 → :50000",
        "nacl_in": "NACL inbound rules:\nchecked in number order,\nfirst match wins",
        "sg_in": "SG inbound rules:\nallow-only, any rule\nof any group allows",
        "sg_out": "SG: stateful —\nthe response is let out,\nno rule checked",
        "nacl_out": "NACL: stateless —\nan outbound rule must allow\nports 1024–65535 (ephemeral)",
        "checked": "rules checked",
        "not_checked": "no rules checked",
        "scope_title": "A network ACL guards a subnet; a security group guards each network interface",
        "public": "Public subnet 10.0.1.0/24",
        "private": "Private subnet 10.0.2.0/24",
        "nacl_a": "NACL A",
        "nacl_b": "NACL B",
        "web1": "web-1",
        "web2": "web-2",
        "db": "database",
        "sg_web": "sg-web",
        "sg_db": "sg-db",
        "scope_note": "web-2 → database, tcp 3306: out through NACL A, in through NACL B, into sg-db.\n"
                      "sg-db allows tcp 3306 from sg-web: a rule may name another group instead of a CIDR.\n"
                      "One NACL can serve many subnets, but a subnet has exactly one NACL.",
    },
    "ko": {
        "trip_title": "HTTPS 요청 하나와 그 응답이 네트워크 ACL과 보안 그룹을 지나는 길",
        "client": "클라이언트\n203.0.113.10",
        "internet": "인터넷",
        "vpc": "VPC 10.0.0.0/16",
        "subnet": "서브넷 10.0.1.0/24",
        "nacl": "네트워크\nACL",
        "sg": "보안 그룹 (ENI에 적용)",
        "instance": "웹 서버\n10.0.1.10",
        "request": "① 요청  tcp :50000 → :443",
        "response": "② 응답  tcp :443 → :50000",
        "nacl_in": "NACL 인바운드 규칙:\n번호 순서로 확인,\n처음 일치한 규칙 적용",
        "sg_in": "SG 인바운드 규칙:\n허용만 있음, 어느 그룹의\n어느 규칙이든 허용하면 통과",
        "sg_out": "SG: 상태 저장 —\n응답은 규칙 확인 없이\n나감",
        "nacl_out": "NACL: 상태 비저장 —\n아웃바운드 규칙이 포트\n1024–65535(임시 포트)를 허용해야 함",
        "checked": "규칙 확인",
        "not_checked": "규칙 확인 안 함",
        "scope_title": "네트워크 ACL은 서브넷을, 보안 그룹은 네트워크 인터페이스 하나하나를 지킵니다",
        "public": "퍼블릭 서브넷 10.0.1.0/24",
        "private": "프라이빗 서브넷 10.0.2.0/24",
        "nacl_a": "NACL A",
        "nacl_b": "NACL B",
        "web1": "web-1",
        "web2": "web-2",
        "db": "데이터베이스",
        "sg_web": "sg-web",
        "sg_db": "sg-db",
        "scope_note": "web-2 → 데이터베이스, tcp 3306: NACL A로 나가고, NACL B로 들어가서, sg-db로 들어감.\nsg-db는 sg-web에서 오는 tcp 3306을 허용: 규칙은 CIDR 대신 다른 보안 그룹을 지정할 수 있음.\nNACL 하나는 여러 서브넷에 쓸 수 있지만, 서브넷에는 NACL이 정확히 하나.",
    },
}


def _t(key: str) -> str:
    return i18n.text(TEXT, key)


def round_trip_figure():
    """A request in through NACL then SG, and its response out through SG then NACL."""
    fig, ax = canvas(12, 6.2, title=_t("trip_title"))
    ax.text(0.9, 5.45, _t("internet"), ha="center", fontsize=9, color=COLOURS["neutral"])
    client = node(ax, 0.9, 3.0, _t("client"), kind="user", w=1.5, h=3.0)
    group(ax, 2.3, 0.25, 9.5, 5.35, _t("vpc"), kind="vpc")
    group(ax, 3.2, 0.5, 8.4, 4.8, _t("subnet"), kind="public")
    nacl = node(ax, 3.2, 3.0, _t("nacl"), kind="security", w=0.9, h=3.5)
    group(ax, 8.1, 1.2, 3.2, 3.6, _t("sg"), kind="security", dashed=True)
    server = node(ax, 9.7, 3.0, _t("instance"), kind="compute", w=1.6, h=0.9)
    sg_edge = 8.1
    top, bottom = 4.2, 1.8
    # Request: left to right along the top lane.
    arrow(ax, (client.x + client.w, top), (nacl.x, top), colour=COLOURS["user"])
    arrow(ax, (nacl.x + nacl.w, top), (sg_edge, top), label=_t("request"), colour=COLOURS["user"])
    arrow(ax, (sg_edge, top), (server.centre[0], server.y + server.h), colour=COLOURS["user"])
    # Response: right to left along the bottom lane.
    arrow(ax, (server.centre[0], server.y), (sg_edge, bottom), colour=COLOURS["compute"], dashed=True)
    arrow(ax, (sg_edge, bottom), (nacl.x + nacl.w, bottom), label=_t("response"),
          colour=COLOURS["compute"], dashed=True)
    arrow(ax, (nacl.x, bottom), (client.x + client.w, bottom), colour=COLOURS["compute"], dashed=True)
    green, red, grey = "#1a7f37", "#b42318", COLOURS["neutral"]
    note(ax, 4.0, 3.45, "● " + _t("nacl_in"), colour=green, size=8)
    note(ax, 6.0, 3.45, "● " + _t("sg_in"), colour=green, size=8)
    note(ax, 5.6, 1.05, "○ " + _t("sg_out"), colour=grey, size=8)
    note(ax, 4.0, 2.45, "● " + _t("nacl_out"), colour=red, size=8)
    note(ax, 0.2, 0.6, "● " + _t("checked") + "\n○ " + _t("not_checked"), colour=grey, size=8)
    return fig


def scope_figure():
    """Two subnets, each behind its NACL; security groups around instances, one naming the other."""
    fig, ax = canvas(12, 5.6, title=_t("scope_title"))
    group(ax, 0.2, 1.1, 11.6, 4.0, _t("vpc"), kind="vpc")
    group(ax, 0.5, 1.4, 5.7, 3.3, _t("public"), kind="public")
    group(ax, 7.4, 1.4, 4.1, 3.3, _t("private"), kind="private")
    node(ax, 6.2, 3.05, _t("nacl_a"), kind="security", w=0.75, h=2.6)
    node(ax, 7.4, 3.05, _t("nacl_b"), kind="security", w=0.75, h=2.6)
    group(ax, 0.9, 1.75, 4.6, 2.3, _t("sg_web"), kind="security", dashed=True)
    node(ax, 2.0, 2.6, _t("web1"), kind="compute", w=1.5)
    web2 = node(ax, 4.2, 2.6, _t("web2"), kind="compute", w=1.5)
    group(ax, 8.3, 1.75, 2.9, 2.3, _t("sg_db"), kind="security", dashed=True)
    db = node(ax, 9.75, 2.6, _t("db"), kind="database", w=1.6)
    arrow(ax, (web2.x + web2.w, 2.3), (db.x, 2.3), colour=COLOURS["user"])
    note(ax, 0.3, 0.55, _t("scope_note"), size=8.5)
    return fig
