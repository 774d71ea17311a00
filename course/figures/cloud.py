"""Figures for "The cloud and AWS": service models, virtualization, load balancing."""

from __future__ import annotations

from course import i18n
from course.diagrams import COLOURS, arrow, canvas, group, node, note
from course.service_models import EXAMPLES, LAYER_NAMES, LAYERS, MODELS, who_manages

TEXT = {
    "en": {
        **LAYER_NAMES["en"],
        **{model: model for model in MODELS},
        **{f"example:{m}": e for m, e in EXAMPLES.items()},
        "stack_title": "Who manages which layer",
        "you": "you",
        "provider": "provider",
        "bare_title": "Bare metal: one OS owns the server",
        "virt_title": "Virtualized: a hypervisor shares the server",
        "hardware": "Physical server\n(CPU, memory, disk, network)",
        "hypervisor": "Hypervisor",
        "os": "Operating system",
        "guest": "Guest OS {n}",
        "apps": "Applications",
        "vm": "Virtual machine {n}",
        "history_title": "How x86 virtualization got fast",
        "h1": "Full emulation",
        "h1_note": "every device imitated\nin software: slow",
        "h2": "Paravirtualization",
        "h2_note": "guest OS modified to\ncall the hypervisor",
        "h3": "Hardware-assisted (HVM)",
        "h3_note": "CPU support (Intel VT-x,\nAMD-V): unmodified guests",
        "h4": "AWS Nitro System",
        "h4_note": "I/O on dedicated cards;\nfrom C5 (2017) a thin\nKVM-based hypervisor",
        "lb_title": "Distribution and redundancy: a load balancer spreads requests",
        "users": "Users",
        "lb": "Load balancer",
        "server": "Server {n}",
        "down": "Server 3 (failed)",
        "check_failed": "health check fails",
        "lb_note": "Requests go only to healthy servers;\nthe service stays up when one fails.",
    },
    "ko": {
        **LAYER_NAMES["ko"],
        "On-premises": "온프레미스",
        "IaaS": "IaaS",
        "PaaS": "PaaS",
        "SaaS": "SaaS",
        "example:On-premises": "자체 데이터 센터",
        "example:IaaS": "Amazon EC2",
        "example:PaaS": "AWS Elastic Beanstalk",
        "example:SaaS": "웹 메일, 온라인 오피스",
        "stack_title": "어느 계층을 누가 관리하나",
        "you": "나",
        "provider": "제공자",
        "bare_title": "베어 메탈: 운영 체제 하나가 서버를 차지",
        "virt_title": "가상화: 하이퍼바이저가 서버를 나눠 씀",
        "hardware": "물리 서버\n(CPU, 메모리, 디스크, 네트워크)",
        "hypervisor": "하이퍼바이저",
        "os": "운영 체제",
        "guest": "게스트 OS {n}",
        "apps": "애플리케이션",
        "vm": "가상 머신 {n}",
        "history_title": "x86 가상화가 빨라진 과정",
        "h1": "완전 에뮬레이션",
        "h1_note": "모든 장치를 소프트웨어로\n흉내 냄: 느림",
        "h2": "반가상화",
        "h2_note": "게스트 OS를 고쳐\n하이퍼바이저를 호출",
        "h3": "하드웨어 지원 (HVM)",
        "h3_note": "CPU 지원 (Intel VT-x,\nAMD-V): 게스트 수정 불필요",
        "h4": "AWS Nitro System",
        "h4_note": "I/O는 전용 카드에서;\nC5(2017)부터 얇은\nKVM 기반 하이퍼바이저",
        "lb_title": "분산과 이중화: 로드 밸런서가 요청을 나눔",
        "users": "사용자",
        "lb": "로드 밸런서",
        "server": "서버 {n}",
        "down": "서버 3 (장애)",
        "check_failed": "상태 확인 실패",
        "lb_note": "요청은 정상 서버로만 갑니다.\n서버 하나가 고장 나도 서비스는 계속됩니다.",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def responsibility_stack_figure():
    """On-premises, IaaS, PaaS and SaaS side by side: each layer coloured by who manages it."""
    fig, ax = canvas(12, 5.5, title=_t("stack_title"))
    col_w, row_h, left, bottom = 1.75, 0.6, 4.3, 0.75
    for r, layer in enumerate(LAYERS):
        ax.text(left - 0.15, bottom + r * row_h + row_h / 2, _t(layer), ha="right", va="center",
                fontsize=9.5, color=COLOURS["user"])
    for c, model in enumerate(MODELS):
        x = left + c * (col_w + 0.2) + col_w / 2
        ax.text(x, bottom + len(LAYERS) * row_h + 0.15, _t(model),
                ha="center", va="bottom", fontsize=11, weight="bold", color=COLOURS["user"])
        ax.text(x, bottom - 0.15, _t(f"example:{model}"), ha="center", va="top",
                fontsize=8.5, style="italic", color=COLOURS["neutral"])
        for r, layer in enumerate(LAYERS):
            who = who_manages(model, layer)
            node(ax, x, bottom + r * row_h + row_h / 2, _t(who), kind="compute" if who == "you" else "az",
                 w=col_w - 0.05, h=row_h - 0.08)
    return fig


def virtualization_figure():
    """Bare metal (one OS on the hardware) beside a hypervisor running three guest OSes."""
    fig, ax = canvas(12, 4.8)
    group(ax, 0.2, 0.2, 4.4, 4.4, _t("bare_title"), kind="neutral")
    node(ax, 2.4, 0.8, _t("hardware"), kind="neutral", w=4.0, h=0.75)
    node(ax, 2.4, 1.85, _t("os"), kind="network", w=4.0, h=0.6)
    node(ax, 2.4, 2.75, _t("apps"), kind="compute", w=4.0, h=0.6)
    group(ax, 4.9, 0.2, 6.9, 4.4, _t("virt_title"), kind="neutral")
    node(ax, 8.35, 0.8, _t("hardware"), kind="neutral", w=6.5, h=0.75)
    node(ax, 8.35, 1.65, _t("hypervisor"), kind="security", w=6.5, h=0.5)
    for n in range(3):
        x = 6.2 + n * 2.15
        group(ax, x - 1.0, 2.05, 2.0, 1.95, _t("vm", n=n + 1), kind="vpc", dashed=True)
        node(ax, x, 2.5, _t("guest", n=n + 1), kind="network", w=1.8, h=0.5)
        node(ax, x, 3.15, _t("apps"), kind="compute", w=1.8, h=0.5)
    return fig


def virtualization_history_figure():
    """Four generations on one line: full emulation, paravirtualization, HVM, Nitro."""
    fig, ax = canvas(12, 2.2, title=_t("history_title"))
    steps = ("h1", "h2", "h3", "h4")
    kinds = ("neutral", "network", "az", "compute")
    for k, (step, kind) in enumerate(zip(steps, kinds)):
        x = 1.5 + k * 3.0
        box = node(ax, x, 1.7, _t(step), kind=kind, w=2.6, h=0.6)
        ax.text(x, 1.25, _t(f"{step}_note"), ha="center", va="top", fontsize=8.5, color=COLOURS["user"])
        if k:
            arrow(ax, (x - 3.0 + 1.3, 1.7), box.side("left"))
    return fig


def load_balancer_figure():
    """Users, a load balancer and three servers, one failed: requests skip it."""
    fig, ax = canvas(11, 4.2, title=_t("lb_title"))
    users = node(ax, 1.2, 2.0, _t("users"), kind="user", w=1.5)
    lb = node(ax, 4.2, 2.0, _t("lb"), kind="network", w=1.9)
    arrow(ax, users.side("right"), lb.side("left"))
    for n, y in enumerate((3.2, 2.0, 0.8)):
        failed = n == 2
        srv = node(ax, 7.6, y, _t("down") if failed else _t("server", n=n + 1),
                   kind="neutral" if failed else "compute", w=2.1)
        arrow(ax, lb.side("right"), srv.side("left"), dashed=failed,
              label=_t("check_failed") if failed else None,
              colour=COLOURS["security"] if failed else COLOURS["user"])
    note(ax, 8.9, 2.0, _t("lb_note"), size=8.5)
    return fig
