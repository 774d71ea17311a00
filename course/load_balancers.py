"""Which Elastic Load Balancing type fits a workload, and why.

The facts (OSI layer, protocols, static IPs, target types, status) live in
``course/data/load_balancers.toml`` with the AWS pages they come from.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

from course.i18n import text

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
def load_balancer_types() -> dict:
    """The four types from the data file, keyed "application", "network", "gateway", "classic"."""
    path = resources.files("course") / "data" / "load_balancers.toml"
    return tomllib.loads(path.read_text(encoding="utf-8"))["types"]


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
