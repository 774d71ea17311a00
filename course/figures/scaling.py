"""Figures for the load-balancing and Auto Scaling chapter, drawn with `course.diagrams`."""

from __future__ import annotations

import math

from matplotlib.figure import Figure

from course.diagrams import arrow, canvas, group, node, note
from course.i18n import text

TEXT = {
    "en": {
        "lb_title": "One DNS name in front of instances that come and go",
        "clients": "Clients",
        "dns": "DNS name\nweb-alb-…\n.elb.amazonaws.com",
        "resolves": "resolves to the\nALB's current IPs",
        "region": "Region ap-northeast-2 · VPC 10.0.0.0/16",
        "az_a": "AZ ap-northeast-2a · subnet 10.0.1.0/24",
        "az_c": "AZ ap-northeast-2c · subnet 10.0.2.0/24",
        "alb": "Application\nLoad Balancer\n(a node in\neach AZ)",
        "listener": "listener HTTP :80\nrule /api/* → api-tg\ndefault → web-tg",
        "tg": "target group web-tg:\nhealth checks GET /",
        "asg": "Auto Scaling group web-asg (min 2 · desired 4 · max 8)",
        "instance": "EC2\n{ip}",
        "unhealthy": "EC2 ✗\nunhealthy:\nno traffic",
        "vh_title": "Scale up (vertical) or scale out (horizontal)",
        "up": "Scale up: a bigger instance",
        "out": "Scale out: more instances",
        "large": "m7i.large\n2 vCPU",
        "xlarge": "m7i.xlarge\n4 vCPU",
        "2xlarge": "m7i.2xlarge\n8 vCPU",
        "resize": "stop → change type → start",
        "lb": "load\nbalancer",
        "small": "m7i.large",
        "up_notes": "• stops at the largest size of the family\n• resizing means a stop: downtime\n"
                    "• still one instance: one point of failure",
        "out_notes": "• add or remove instances while running\n• survives the loss of an instance or an AZ\n"
                     "• the app must keep no state on the instance",
        "cost_title": "Cost of capacity: one bigger {family} or more {unit} instances",
        "cost_x": "vCPUs needed",
        "cost_y": "USD per hour (price ∝ size)",
        "vertical": "scale up: smallest {family} size with enough vCPUs",
        "horizontal": "scale out: enough {unit} instances",
        "ceiling": "largest size: {name}\n({vcpus} vCPUs): no bigger\ninstance to move to",
    },
    "ko": {
        "lb_title": "오가는 인스턴스 앞의 DNS 이름 하나",
        "clients": "클라이언트",
        "dns": "DNS 이름\nweb-alb-…\n.elb.amazonaws.com",
        "resolves": "ALB의 현재 IP로\n이름 풀이",
        "region": "리전 ap-northeast-2 · VPC 10.0.0.0/16",
        "az_a": "AZ ap-northeast-2a · 서브넷 10.0.1.0/24",
        "az_c": "AZ ap-northeast-2c · 서브넷 10.0.2.0/24",
        "alb": "Application\nLoad Balancer\n(AZ마다\n노드 하나)",
        "listener": "리스너 HTTP :80\n규칙 /api/* → api-tg\n기본 → web-tg",
        "tg": "대상 그룹 web-tg:\n상태 확인 GET /",
        "asg": "Auto Scaling 그룹 web-asg (최소 2 · 원하는 용량 4 · 최대 8)",
        "instance": "EC2\n{ip}",
        "unhealthy": "EC2 ✗\n비정상:\n트래픽 없음",
        "vh_title": "스케일 업(수직) 또는 스케일 아웃(수평)",
        "up": "스케일 업: 더 큰 인스턴스",
        "out": "스케일 아웃: 더 많은 인스턴스",
        "large": "m7i.large\n2 vCPU",
        "xlarge": "m7i.xlarge\n4 vCPU",
        "2xlarge": "m7i.2xlarge\n8 vCPU",
        "resize": "중지 → 유형 변경 → 시작",
        "lb": "로드\n밸런서",
        "small": "m7i.large",
        "up_notes": "• 패밀리의 가장 큰 크기에서 멈춤\n• 크기 변경은 중지가 필요: 다운타임\n• 여전히 인스턴스 하나: 단일 장애 지점",
        "out_notes": "• 실행 중에 인스턴스를 더하고 뺌\n• 인스턴스나 AZ 하나를 잃어도 버팀\n• 앱은 인스턴스에 상태를 두면 안 됨",
        "cost_title": "용량의 비용: 더 큰 {family} 하나 또는 더 많은 {unit} 인스턴스",
        "cost_x": "필요한 vCPU",
        "cost_y": "시간당 USD (가격 ∝ 크기)",
        "vertical": "스케일 업: vCPU가 충분한 가장 작은 {family} 크기",
        "horizontal": "스케일 아웃: 충분한 수의 {unit} 인스턴스",
        "ceiling": "가장 큰 크기: {name}\n(vCPU {vcpus}개): 옮겨 갈\n더 큰 인스턴스가 없음",
    },
}


def load_balancer_figure():
    """Clients → DNS name → ALB → target group → instances in two AZs, inside an Auto Scaling group."""
    t = lambda key, **v: text(TEXT, key, **v)  # noqa: E731
    fig, ax = canvas(12, 6.6, title=t("lb_title"))
    clients = node(ax, 0.95, 3.2, t("clients"), kind="user", w=1.3, h=0.6)
    note(ax, 0.2, 4.2, t("dns"), size=7.5)
    group(ax, 2.3, 0.1, 9.6, 6.45, t("region"), kind="vpc")
    alb = node(ax, 3.45, 3.2, t("alb"), kind="network", w=1.6, h=2.0)
    arrow(ax, clients.side("right"), alb.side("left"), label=None)
    note(ax, 0.2, 2.35, t("resolves"), size=7.5)
    note(ax, 2.55, 1.5, t("listener"), size=7.5, colour="#8c4fff")
    note(ax, 2.55, 0.7, t("tg"), size=7.5, colour="#ed7100")
    group(ax, 5.0, 3.25, 6.7, 2.35, t("az_a"), kind="public")
    group(ax, 5.0, 0.45, 6.7, 2.35, t("az_c"), kind="public")
    group(ax, 4.85, 0.25, 6.95, 5.8, t("asg"), kind="compute", dashed=True)
    ips = (("10.0.1.17", 7.9, 4.0), ("10.0.1.42", 10.3, 4.0), ("10.0.2.9", 7.9, 1.45))
    for ip, x, y in ips:
        box = node(ax, x, y, t("instance", ip=ip), kind="compute", w=1.5, h=0.75)
        arrow(ax, alb.side("right"), box.side("left"))
    dead = node(ax, 10.3, 1.45, t("unhealthy"), kind="security", w=1.5, h=0.95)
    arrow(ax, alb.side("right"), dead.side("left"), dashed=True, colour="#dd344c")
    return fig


def scale_up_or_out_figure():
    """Vertical scaling (one ever bigger instance) beside horizontal scaling (more equal instances)."""
    t = lambda key, **v: text(TEXT, key, **v)  # noqa: E731
    fig, ax = canvas(12, 5.6, title=t("vh_title"))
    group(ax, 0.15, 0.15, 5.6, 5.0, t("up"), kind="compute")
    sizes = (("large", 0.9, 0.7), ("xlarge", 1.2, 0.95), ("2xlarge", 1.5, 1.3))
    x = 0.4
    boxes = []
    for key, w, h in sizes:
        boxes.append(node(ax, x + w / 2, 3.3, t(key), kind="compute", w=w, h=h))
        x += w + 0.55
    for a, b in zip(boxes, boxes[1:]):
        arrow(ax, a.side("right"), b.side("left"))
    note(ax, 0.45, 2.2, t("resize"), size=8)
    note(ax, 0.35, 1.05, t("up_notes"), size=8.5)
    group(ax, 6.1, 0.15, 5.75, 5.0, t("out"), kind="compute")
    lb = node(ax, 7.0, 3.3, t("lb"), kind="network", w=1.1, h=1.0)
    for i in range(4):
        box = node(ax, 9.9, 4.5 - i * 0.6, t("small"), kind="compute", w=1.3, h=0.45)
        arrow(ax, lb.side("right"), box.side("left"))
    note(ax, 6.3, 1.05, t("out_notes"), size=8.5)
    return fig


def scaling_cost_figure(ladder: list[tuple[str, int]], unit_price: float) -> Figure:
    """Hourly cost of n vCPUs bought as one instance of the family or as many of its smallest size.

    ``ladder`` is the family's sizes as ``(name, vCPUs)``, smallest first; ``unit_price`` is
    the hourly price of the smallest. Prices are taken as proportional to size, as AWS's list
    prices within a family are.
    """
    if not ladder or unit_price <= 0:
        raise ValueError("need at least one (name, vCPUs) size and a positive unit price")
    ladder = sorted(ladder, key=lambda pair: pair[1])
    unit_name, unit_vcpus = ladder[0]
    family = unit_name.split(".")[0]
    top_name, top_vcpus = ladder[-1]
    needs = list(range(1, int(top_vcpus * 1.5) + 1))
    per_vcpu = unit_price / unit_vcpus
    vertical = [next((v for _, v in ladder if v >= n), math.nan) * per_vcpu for n in needs]
    horizontal = [math.ceil(n / unit_vcpus) * unit_price for n in needs]
    fig = Figure(figsize=(7.5, 4))
    ax = fig.add_subplot()
    ax.step(needs, horizontal, where="post", color="#147eba", linewidth=1.6,
            label=text(TEXT, "horizontal", unit=unit_name))
    ax.step(needs, vertical, where="post", color="#ed7100", linewidth=1.6,
            label=text(TEXT, "vertical", family=family))
    ax.axvline(top_vcpus, color="#dd344c", linestyle=":", linewidth=1)
    ax.text(top_vcpus * 1.02, max(horizontal) * 0.15, text(TEXT, "ceiling", name=top_name, vcpus=top_vcpus),
            fontsize=8, color="#dd344c")
    ax.set_xlabel(text(TEXT, "cost_x"))
    ax.set_ylabel(text(TEXT, "cost_y"))
    ax.set_title(text(TEXT, "cost_title", family=family, unit=unit_name), fontsize=10)
    ax.set_xlim(0, needs[-1])
    ax.set_ylim(bottom=0)
    ax.legend(fontsize=8, loc="upper left")
    fig.subplots_adjust(left=0.1, right=0.97, top=0.9, bottom=0.13)
    return fig
