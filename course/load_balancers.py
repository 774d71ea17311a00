"""Which Elastic Load Balancing type fits a workload, and why.

The facts (OSI layer, protocols, static IPs, target types, status) live in
``course/data/load_balancers.toml`` with the AWS pages they come from.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from course.i18n import language, text

TRAFFIC = ("http", "tcp-udp", "appliances")
TEXT = {
    "en": {
        "appliances": "All IP packets must pass through inspection appliances: a Gateway Load Balancer works at "
                      "layer 3 and sends them to the appliances with GENEVE.",
        "layer4": "Plain TCP or UDP works at layer 4: a Network Load Balancer forwards connections without "
                  "reading HTTP.",
        "static_nlb": "It also gives one static IP address per Availability Zone.",
        "layer7": "HTTP and HTTPS are layer 7: an Application Load Balancer reads each request.",
        "routing": "Its listener rules route by path, host name or header to different target groups.",
        "lambda": "Only an Application Load Balancer can have a Lambda function as a target.",
        "static_alb": "An ALB's IP addresses change over time, so clients use its DNS name. For fixed IPs, put a "
                      "Network Load Balancer in front: its target group can have the ALB as its target "
                      "(target type alb).",
        "bad_traffic": "traffic {traffic!r} is not one of: {choices}",
        "no_paths": "routing by path or host and Lambda targets need HTTP traffic (an Application Load "
                    "Balancer); plain TCP/UDP has no paths",
    },
    "ko": {
        "appliances": "모든 IP 패킷이 검사 어플라이언스를 거쳐야 합니다: Gateway Load Balancer는 3계층에서 동작하며 GENEVE로 패킷을 어플라이언스에 보냅니다.",
        "layer4": "일반 TCP나 UDP는 4계층입니다: Network Load Balancer는 HTTP를 읽지 않고 연결을 전달합니다.",
        "static_nlb": "가용 영역마다 고정 IP 주소도 하나씩 줍니다.",
        "layer7": "HTTP와 HTTPS는 7계층입니다: Application Load Balancer가 요청 하나하나를 읽습니다.",
        "routing": "리스너 규칙으로 경로, 호스트 이름, 헤더에 따라 서로 다른 대상 그룹으로 라우팅합니다.",
        "lambda": "Lambda 함수를 대상으로 둘 수 있는 것은 Application Load Balancer뿐입니다.",
        "static_alb": "ALB의 IP 주소는 시간이 지나면 바뀌므로 클라이언트는 DNS 이름을 씁니다. 고정 IP가 필요하면 앞에 Network Load Balancer를 두세요. 그 대상 그룹이 ALB를 대상으로 가질 수 있습니다(대상 유형 alb).",
        "bad_traffic": "트래픽 {traffic!r}은(는) 다음 중 하나가 아닙니다: {choices}",
        "no_paths": "경로나 호스트 기반 라우팅과 Lambda 대상에는 HTTP 트래픽(Application Load Balancer)이 필요합니다. 일반 TCP/UDP에는 경로가 없습니다",
    },
}


class LoadBalancerChoiceError(ValueError):
    """A need that the chooser does not know; the message lists the ones it does."""


@dataclass(frozen=True)
class Needs:
    """What a workload asks of its load balancer.

    Attributes:
        traffic: "http" (web pages, APIs), "tcp-udp" (any other TCP or UDP service) or
            "appliances" (all IP traffic must pass through firewalls or other inspection appliances).
        static_ip: clients or partners must reach fixed IP addresses (an allow-list).
        content_routing: send /api/* or api.example.com to other targets than the rest.
        lambda_targets: a Lambda function answers some requests.
    """

    traffic: str = "http"
    static_ip: bool = False
    content_routing: bool = False
    lambda_targets: bool = False


@dataclass(frozen=True)
class Choice:
    """The recommended type(s), front first, and one sentence per reason."""

    types: tuple[str, ...]
    reasons: tuple[str, ...]

    @property
    def label(self) -> str:
        names = [load_balancer_types()[t]["short"] for t in self.types]
        return " → ".join(names)


@cache
def _types() -> dict:
    path = resources.files("course") / "data" / "load_balancers.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["types"]


def load_balancer_types() -> dict:
    """The four types from the data file, keyed "application", "network", "gateway", "classic".

    In a Korean chapter ``use``, ``status``, ``features`` and ``note`` are the file's Korean
    words (``use_ko`` ...); names, protocols and target types stay as AWS writes them.
    """
    types = {key: dict(t) for key, t in _types().items()}  # a copy: the caller may change it
    if language() == "ko":
        for t in types.values():
            t.update({field: t[f"{field}_ko"] for field in ("use", "status", "features", "note") if f"{field}_ko" in t})
    return types


def choose_load_balancer(needs: Needs) -> Choice:
    """The load balancer type for ``needs``; never the Classic Load Balancer (previous generation).

    >>> choose_load_balancer(Needs("http", content_routing=True)).label
    'ALB'
    >>> choose_load_balancer(Needs("http", static_ip=True, content_routing=True)).label
    'NLB → ALB'
    """
    if needs.traffic not in TRAFFIC:
        raise LoadBalancerChoiceError(text(TEXT, "bad_traffic", traffic=needs.traffic, choices=", ".join(TRAFFIC)))
    if needs.traffic == "appliances":
        return Choice(("gateway",), (text(TEXT, "appliances"),))
    if needs.traffic == "tcp-udp":
        if needs.content_routing or needs.lambda_targets:
            raise LoadBalancerChoiceError(text(TEXT, "no_paths"))
        reasons = [text(TEXT, "layer4")]
        if needs.static_ip:
            reasons.append(text(TEXT, "static_nlb"))
        return Choice(("network",), tuple(reasons))
    reasons = [text(TEXT, "layer7")]
    if needs.content_routing:
        reasons.append(text(TEXT, "routing"))
    if needs.lambda_targets:
        reasons.append(text(TEXT, "lambda"))
    if needs.static_ip:
        reasons.append(text(TEXT, "static_alb"))
        return Choice(("network", "application"), tuple(reasons))
    return Choice(("application",), tuple(reasons))
