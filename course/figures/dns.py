"""Figures for "Route 53 and DNS": the query's path to Route 53, and CNAME versus alias at the apex."""

from __future__ import annotations

from course import i18n
from course.diagrams import COLOURS, arrow, canvas, group, node, note

TEXT = {
    "en": {
        "walk_title": "A query for www.example.com, answered by a Route 53 routing policy",
        "stub": "Your device\n(stub resolver)",
        "recursive": "Recursive resolver\n(ISP, office or VPC)\ncaches for the TTL",
        "root": "Root name servers",
        "tld": ".com TLD name servers",
        "r53": "Route 53 name servers\nfor example.com\n(authoritative)",
        "zone": "Hosted zone example.com",
        "policy": "Records www A share\none routing policy:\nsimple, weighted,\nlatency, failover,\ngeolocation",
        "q1": "1 www.example.com A?", "a1": "8 answer (cached)",
        "r_root": "2-3: \"ask .com\"", "r_tld": "4-5: \"ask ns-…awsdns…\"", "r_auth": "6-7: 192.0.2.10, TTL 60",
        "registry": "registry keeps .com;\nyour registrar set the NS\nrecords there",
        "apex_title": "At the zone apex: CNAME is not allowed, an alias record is",
        "cname_side": "Plain DNS",
        "alias_side": "Route 53 alias",
        "apex": "example.com (apex)\nhas SOA + NS records",
        "cname": "CNAME → my-lb-1.elb…\n✗ a CNAME may not share\nits name with other records",
        "www_cname": "www.example.com\nCNAME → my-lb-1.elb… ✓",
        "alias": "example.com A (alias)\n→ ELB or S3 website ✓",
        "alias_note": ("Route 53 looks up the target itself\nand answers with its IP addresses;\n"
                       "alias queries to AWS resources are free"),
    },
    "ko": {
        "walk_title": "www.example.com 쿼리와 Route 53 라우팅 정책의 응답",
        "stub": "내 기기\n(스텁 리졸버)",
        "recursive": "재귀 리졸버\n(ISP, 사무실 또는 VPC)\nTTL 동안 캐시",
        "root": "루트 네임 서버",
        "tld": ".com TLD 네임 서버",
        "r53": "example.com의\nRoute 53 네임 서버\n(권한 있는 서버)",
        "zone": "호스팅 영역 example.com",
        "policy": "www A 레코드는\n라우팅 정책 하나를 공유:\n단순, 가중치 기반,\n지연 시간, 장애 조치,\n지리 위치",
        "q1": "1 www.example.com A?",
        "a1": "8 응답 (캐시됨)",
        "r_root": "2-3: \".com에 물어보세요\"",
        "r_tld": "4-5: \"ns-…awsdns…에 물어보세요\"",
        "r_auth": "6-7: 192.0.2.10, TTL 60",
        "registry": "레지스트리가 .com을 관리;\n등록 대행자가 그곳에\nNS 레코드를 설정",
        "apex_title": "영역 apex에서는 CNAME은 안 되고 별칭 레코드는 됩니다",
        "cname_side": "일반 DNS",
        "alias_side": "Route 53 별칭(alias)",
        "apex": "example.com (apex)\nSOA + NS 레코드가 있음",
        "cname": "CNAME → my-lb-1.elb…\n✗ CNAME은 같은 이름의\n다른 레코드와 함께 못 씀",
        "www_cname": "www.example.com\nCNAME → my-lb-1.elb… ✓",
        "alias": "example.com A (별칭)\n→ ELB 또는 S3 웹 사이트 ✓",
        "alias_note": "Route 53이 대상을 직접 조회해\n그 IP 주소로 응답합니다.\nAWS 리소스에 대한 별칭 쿼리는 무료",
    },
}


def _t(key: str) -> str:
    return i18n.text(TEXT, key)


def route53_walk_figure():
    """Stub → recursive resolver → root → .com TLD → Route 53, where a routing policy picks the answer."""
    fig, ax = canvas(12, 5.6, title=_t("walk_title"))
    stub = node(ax, 1.1, 4.2, _t("stub"), kind="user", w=1.8, h=0.9)
    rec = node(ax, 5.0, 4.2, _t("recursive"), kind="network", w=2.3, h=1.1)
    root = node(ax, 9.6, 4.7, _t("root"), kind="neutral", w=2.6, h=0.5)
    tld = node(ax, 9.6, 3.8, _t("tld"), kind="neutral", w=2.6, h=0.5)
    group(ax, 6.6, 0.2, 5.2, 2.9, _t("zone"), kind="region")
    r53 = node(ax, 7.8, 1.5, _t("r53"), kind="network", w=2.2, h=1.1)
    pol = node(ax, 10.45, 1.5, _t("policy"), kind="compute", w=2.5, h=1.7)
    arrow(ax, (stub.x + stub.w, stub.centre[1] + 0.15), (rec.x, rec.centre[1] + 0.15), _t("q1"))
    arrow(ax, (rec.x, rec.centre[1] - 0.25), (stub.x + stub.w, stub.centre[1] - 0.25), dashed=True)
    note(ax, 2.1, 3.5, _t("a1"), size=8)
    arrow(ax, rec.side("right"), root.side("left"), both=True)
    note(ax, 6.7, 5.0, _t("r_root"), size=8)
    arrow(ax, rec.side("right"), tld.side("left"), both=True)
    note(ax, 6.7, 3.45, _t("r_tld"), size=8)
    arrow(ax, rec.side("bottom"), r53.side("left"), both=True)
    note(ax, 3.4, 2.4, _t("r_auth"), size=8)
    arrow(ax, r53.side("right"), pol.side("left"), both=True)
    note(ax, 0.2, 1.1, _t("registry"), colour=COLOURS["neutral"], size=8)
    return fig


def alias_vs_cname_figure():
    """The apex example.com can't be a CNAME; an alias record answers with the target's addresses."""
    fig, ax = canvas(11, 4.4, title=_t("apex_title"))
    group(ax, 0.2, 0.2, 5.0, 3.6, _t("cname_side"), kind="neutral")
    group(ax, 5.8, 0.2, 5.0, 3.6, _t("alias_side"), kind="region")
    node(ax, 2.7, 3.0, _t("apex"), kind="neutral", w=3.0, h=0.7)
    node(ax, 2.7, 1.85, _t("cname"), kind="security", w=4.2, h=0.9)
    node(ax, 2.7, 0.75, _t("www_cname"), kind="public", w=3.4, h=0.7)
    node(ax, 8.3, 3.0, _t("apex"), kind="neutral", w=3.0, h=0.7)
    node(ax, 8.3, 1.9, _t("alias"), kind="public", w=3.4, h=0.7)
    note(ax, 6.2, 0.8, _t("alias_note"), size=8)
    return fig
