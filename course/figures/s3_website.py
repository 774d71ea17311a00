"""Two ways to serve a static site from S3: the website endpoint, or CloudFront in front."""

from __future__ import annotations

from course import i18n
from course.diagrams import arrow, canvas, group, node

TEXT = {
    "en": {
        "title": "A static site from S3: straight from the website endpoint, or through CloudFront",
        "direct": "1. Website endpoint: the bucket must be public",
        "viaCf": "2. CloudFront with origin access control: the bucket stays private",
        "browser": "browser",
        "r53": "Route 53\nalias record",
        "website": "S3 website\nendpoint (HTTP)",
        "public_bucket": "bucket: BPA off,\npublic policy",
        "cf": "CloudFront\n(HTTPS, ACM)",
        "oac": "OAC signs\nrequests",
        "private_bucket": "bucket: private,\nBPA on",
    },
    "ko": {
        "title": "S3 정적 사이트: 웹 사이트 엔드포인트로 바로, 또는 CloudFront를 거쳐",
        "direct": "1. 웹 사이트 엔드포인트: 버킷이 퍼블릭이어야 함",
        "viaCf": "2. 원본 액세스 제어(OAC)를 쓴 CloudFront: 버킷은 프라이빗 유지",
        "browser": "브라우저",
        "r53": "Route 53\n별칭 레코드",
        "website": "S3 웹 사이트\n엔드포인트 (HTTP)",
        "public_bucket": "버킷: BPA 끔,\n퍼블릭 정책",
        "cf": "CloudFront\n(HTTPS, ACM)",
        "oac": "OAC가 요청에\n서명",
        "private_bucket": "버킷: 프라이빗,\nBPA 켬",
    },
}


def _t(key: str) -> str:
    return i18n.text(TEXT, key)


def hosting_figure():
    """The two hosting paths side by side, top and bottom."""
    fig, ax = canvas(12, 5, _t("title"))
    group(ax, 0.1, 2.55, 11.8, 2.0, _t("direct"), "public")
    group(ax, 0.1, 0.2, 11.8, 2.15, _t("viaCf"), "security")
    for y, path in ((3.4, ("browser", "r53", "website", "public_bucket")),
                    (1.15, ("browser", "r53", "cf", "oac", "private_bucket"))):
        xs = [1.2 + i * (9.6 / (len(path) - 1)) for i in range(len(path))]
        kinds = {"browser": "user", "r53": "network", "website": "storage", "public_bucket": "storage",
                 "cf": "network", "oac": "security", "private_bucket": "storage"}
        boxes = [node(ax, x, y, _t(k), kinds[k], w=1.8, h=0.8) for x, k in zip(xs, path)]
        for a, b in zip(boxes, boxes[1:]):
            arrow(ax, a.side("right"), b.side("left"))
    return fig
