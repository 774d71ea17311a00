"""Figures for the Regions-and-AZs chapter: a Region's AZs, AZ names vs AZ IDs, and edge caching."""

from __future__ import annotations

from course.diagrams import arrow, canvas, group, node, note
from course.i18n import text

TEXT = {
    "en": {
        "region_title": "A Region is a set of Availability Zones; an AZ is one or more data centres",
        "region": "Region ap-northeast-2 (Seoul)",
        "az": "AZ {name}\n{zid}",
        "dc": "data\ncentre",
        "link": "redundant, low-latency private fibre between AZs",
        "apart": "AZs: meaningfully apart, within 100 km (60 miles) of each other;\nseparate power, cooling and network",
        "map_title": "AZ names are labels per account in the oldest Regions; AZ IDs name the same place for everyone",
        "account_a": "Account A (before Nov 2025)",
        "account_b": "Account B (before Nov 2025)",
        "physical": "Physical AZs (AZ IDs)",
        "example": "Example mapping only: look up your own with describe_availability_zones.",
        "edge_title": "Edge locations: CloudFront answers from a cache near the viewer, the origin stays in its Region",
        "viewer": "Viewer in Busan",
        "edge": "Edge location\n(CloudFront cache)",
        "origin": "Origin in a Region\n(S3 bucket, load balancer)",
        "hit": "cache hit: answered here",
        "miss": "cache miss:\nfetch once",
        "request": "request",
    },
    "ko": {
        "region_title": "리전은 가용 영역의 모음이고, 가용 영역은 하나 이상의 데이터 센터입니다",
        "region": "리전 ap-northeast-2 (서울)",
        "az": "AZ {name}\n{zid}",
        "dc": "데이터\n센터",
        "link": "AZ 사이를 잇는 이중화된 저지연 전용 광섬유",
        "apart": "AZ끼리는 충분히 떨어져 있지만 서로 100 km(60마일) 이내;\n전력, 냉각, 네트워크가 따로",
        "map_title": "오래된 리전에서 AZ 이름은 계정마다 다른 라벨이고, AZ ID는 모두에게 같은 장소를 가리킵니다",
        "account_a": "계정 A (2025년 11월 이전)",
        "account_b": "계정 B (2025년 11월 이전)",
        "physical": "물리적 AZ (AZ ID)",
        "example": "매핑 예시일 뿐입니다: 내 계정의 매핑은 describe_availability_zones로 확인하세요.",
        "edge_title": "엣지 로케이션: CloudFront가 뷰어 가까운 캐시에서 응답하고, 오리진은 리전에 그대로 있습니다",
        "viewer": "부산의 뷰어",
        "edge": "엣지 로케이션\n(CloudFront 캐시)",
        "origin": "리전의 오리진\n(S3 버킷, 로드 밸런서)",
        "hit": "캐시 적중: 여기서 응답",
        "miss": "캐시 누락:\n한 번 가져옴",
        "request": "요청",
    },
}


def region_figure():
    """Seoul with its four AZs (2a–2d, apne2-az1…az4), each drawn with data centres."""
    t = lambda key, **v: text(TEXT, key, **v)  # noqa: E731
    fig, ax = canvas(12, 5.2, t("region_title"))
    group(ax, 0.2, 0.6, 11.6, 4.0, t("region"), "region")
    for i, (letter, zid) in enumerate([("2a", "az1"), ("2b", "az2"), ("2c", "az3"), ("2d", "az4")]):
        x = 0.5 + i * 2.85
        group(ax, x, 1.45, 2.6, 2.7, t("az", name=f"ap-northeast-{letter}", zid=f"apne2-{zid}"), "az")
        for j in range(2 if i % 2 == 0 else 1):
            node(ax, x + 0.75 + j * 1.1, 2.45, t("dc"), "neutral", w=0.95, h=0.9)
    for i in range(3):
        x = 0.5 + i * 2.85 + 2.6
        arrow(ax, (x, 1.75), (x + 0.25, 1.75), both=True, colour="#147eba")
    note(ax, 0.45, 1.05, t("link"), colour="#147eba", size=8.5)
    note(ax, 6.2, 1.05, t("apart"), size=8)
    return fig


def az_mapping_figure():
    """Two accounts whose labels us-east-1a/b/c point at different physical AZs (an example)."""
    t = lambda key: text(TEXT, key)  # noqa: E731
    fig, ax = canvas(11, 5.0, t("map_title"))
    group(ax, 0.2, 0.7, 3.0, 3.7, t("account_a"), "neutral")
    group(ax, 7.8, 0.7, 3.0, 3.7, t("account_b"), "neutral")
    group(ax, 4.0, 0.7, 3.0, 3.7, t("physical"), "az", dashed=True)
    ids = {"use1-az1": 3.4, "use1-az2": 2.5, "use1-az4": 1.6}
    phys = {zid: node(ax, 5.5, y, zid, "az", w=1.8, h=0.55) for zid, y in ids.items()}
    a = {"us-east-1a": "use1-az4", "us-east-1b": "use1-az1", "us-east-1c": "use1-az2"}
    b = {"us-east-1a": "use1-az1", "us-east-1b": "use1-az2", "us-east-1c": "use1-az4"}
    for i, name in enumerate(a):
        y = 3.4 - i * 0.9
        left = node(ax, 1.7, y, name, "user", w=1.9, h=0.55)
        right = node(ax, 9.3, y, name, "user", w=1.9, h=0.55)
        arrow(ax, left.side("right"), phys[a[name]].side("left"))
        arrow(ax, right.side("left"), phys[b[name]].side("right"))
    note(ax, 0.3, 0.35, t("example"), size=8)
    return fig


def edge_figure():
    """A viewer's request served from a nearby edge cache; misses go once to the origin."""
    t = lambda key: text(TEXT, key)  # noqa: E731
    fig, ax = canvas(11, 3.8, t("edge_title"))
    viewer = node(ax, 1.4, 1.8, t("viewer"), "user", w=2.2, h=0.8)
    edge = node(ax, 5.3, 1.8, t("edge"), "network", w=2.4, h=0.9)
    origin = node(ax, 9.4, 1.8, t("origin"), "storage", w=2.8, h=0.9)
    arrow(ax, viewer.side("right"), edge.side("left"), t("request"), both=True)
    arrow(ax, edge.side("right"), origin.side("left"), t("miss"), dashed=True, both=True)
    note(ax, 4.15, 0.95, t("hit"), size=8.5)
    return fig
