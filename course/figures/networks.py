"""Figures for "Servers, networks and the web": a LAN with its DMZ, and a DNS lookup."""

from __future__ import annotations

from course import i18n
from course.diagrams import COLOURS, arrow, canvas, group, node, note

TEXT = {
    "en": {
        "lan_title": "A small office network (LAN)",
        "internet": "Internet",
        "firewall": "Router +\nfirewall",
        "fw_note": "one public address;\nNAT for the inside",
        "dmz": "DMZ: servers reachable from outside",
        "switch": "Switch",
        "web": "Web server",
        "mail": "Mail server",
        "lan": "Office LAN (intranet): private addresses",
        "router": "Router\n+ DHCP",
        "subnet_a": "Subnet 192.168.10.0/24: staff",
        "subnet_b": "Subnet 192.168.20.0/24: servers",
        "pc": "PC",
        "printer": "Printer",
        "file": "File server",
        "dns_title": "Resolving www.example.com",
        "pc_dns": "Your PC\n(browser)",
        "resolver": "DNS resolver\n(ISP, office or VPC;\ncaches answers)",
        "root": "Root name server  .",
        "tld": "TLD name server  .com",
        "auth": "Authoritative name server\nfor example.com (e.g. Route 53)",
        "steps": ("1  Your PC asks its resolver: what is the address of www.example.com?\n"
                  "2  The resolver asks a root server.   3  Root: \"ask the .com servers\" (a referral).\n"
                  "4  It asks a .com server.   5  .com: \"ask example.com's name servers\".\n"
                  "6  It asks example.com's name server.   7  The answer: A 203.0.113.10, TTL 300.\n"
                  "8  The resolver answers your PC and keeps the answer for 300 s (the TTL):\n"
                  "    the next lookup for the same name stops at step 1."),
    },
    "ko": {
        "lan_title": "작은 사무실 네트워크 (LAN)",
        "internet": "인터넷",
        "firewall": "라우터 +\n방화벽",
        "fw_note": "퍼블릭 주소 하나;\n안쪽에는 NAT",
        "dmz": "DMZ: 밖에서 접근할 수 있는 서버",
        "switch": "스위치",
        "web": "웹 서버",
        "mail": "메일 서버",
        "lan": "사무실 LAN (인트라넷): 프라이빗 주소",
        "router": "라우터\n+ DHCP",
        "subnet_a": "서브넷 192.168.10.0/24: 직원",
        "subnet_b": "서브넷 192.168.20.0/24: 서버",
        "pc": "PC",
        "printer": "프린터",
        "file": "파일 서버",
        "dns_title": "www.example.com 이름 풀이",
        "pc_dns": "내 PC\n(브라우저)",
        "resolver": "DNS 리졸버\n(ISP, 사무실 또는 VPC;\n응답을 캐시)",
        "root": "루트 네임 서버  .",
        "tld": "TLD 네임 서버  .com",
        "auth": "example.com의 권한 있는\n네임 서버 (예: Route 53)",
        "steps": "1  내 PC가 리졸버에 묻습니다: www.example.com의 주소는?\n2  리졸버가 루트 서버에 묻습니다.   3  루트: \".com 서버에 물어보세요\" (위임).\n4  .com 서버에 묻습니다.   5  .com: \"example.com의 네임 서버에 물어보세요\".\n6  example.com의 네임 서버에 묻습니다.   7  응답: A 203.0.113.10, TTL 300.\n8  리졸버가 내 PC에 응답하고 300초(TTL) 동안 응답을 보관합니다:\n    같은 이름을 다시 찾으면 1단계에서 끝납니다.",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def lan_figure():
    """Internet, a router-firewall, a DMZ with public servers and an inside LAN of two subnets."""
    fig, ax = canvas(12, 6.1, title=_t("lan_title"))
    net = node(ax, 1.0, 3.3, _t("internet"), kind="user", w=1.5)
    fw = node(ax, 3.3, 3.3, _t("firewall"), kind="security", w=1.6, h=0.8)
    note(ax, 1.45, 2.35, _t("fw_note"), size=8)
    arrow(ax, net.side("right"), fw.side("left"), both=True)

    group(ax, 4.7, 3.65, 7.1, 2.05, _t("dmz"), kind="public")
    dmz_switch = node(ax, 5.8, 4.5, _t("switch"), kind="network", w=1.3)
    _cable(ax, [dmz_switch] + [node(ax, x, 4.5, _t(key), kind="compute", w=1.7)
                               for x, key in ((8.1, "web"), (10.4, "mail"))])
    arrow(ax, fw.side("top"), dmz_switch.side("left"), both=True)

    group(ax, 4.7, 0.15, 7.1, 3.3, _t("lan"), kind="private")
    router = node(ax, 5.8, 1.65, _t("router"), kind="network", w=1.3, h=0.8)
    arrow(ax, fw.side("bottom"), router.side("left"), both=True)
    group(ax, 7.0, 1.8, 4.65, 1.3, _t("subnet_a"), kind="az", dashed=True)
    group(ax, 7.0, 0.3, 4.65, 1.3, _t("subnet_b"), kind="az", dashed=True)
    for y, devices in ((2.3, ("pc", "pc", "printer")), (0.8, ("file",))):
        xs = [8.95 + k * 1.05 for k in range(len(devices))] if len(devices) > 1 else [9.6]
        sw = node(ax, 7.75, y, _t("switch"), kind="network", w=1.1, h=0.5)
        arrow(ax, router.side("right"), sw.side("left"), both=True)
        _cable(ax, [sw] + [node(ax, x, y, _t(key), kind="compute", w=0.9 if len(devices) > 1 else 1.8, h=0.5)
                           for x, key in zip(xs, devices)])
    return fig


def _cable(ax, boxes) -> None:
    # Plain lines box to box: every device on the row hangs off the same switch.
    for a, b in zip(boxes, boxes[1:]):
        (x0, y0), (x1, y1) = a.side("right"), b.side("left")
        ax.plot([x0, x1], [y0, y1], color=COLOURS["user"], linewidth=1.3)


def dns_resolution_figure():
    """The eight steps of a lookup: PC → resolver → root → TLD → authoritative → back."""
    fig, ax = canvas(12, 6.0, title=_t("dns_title"))
    pc = node(ax, 1.1, 4.0, _t("pc_dns"), kind="user", w=1.6, h=0.8)
    res = node(ax, 4.4, 4.0, _t("resolver"), kind="network", w=2.2, h=1.1)
    root = node(ax, 9.6, 5.3, _t("root"), kind="neutral", w=3.4, h=0.6)
    tld = node(ax, 9.6, 4.0, _t("tld"), kind="neutral", w=3.4, h=0.6)
    auth = node(ax, 9.6, 2.7, _t("auth"), kind="compute", w=3.4, h=0.8)
    ask, answer = COLOURS["user"], COLOURS["az"]
    _numbered(ax, (pc.x + pc.w, 4.12), (res.x, 4.12), "1", ask, above=True)
    _numbered(ax, (res.x, 3.88), (pc.x + pc.w, 3.88), "8", answer, above=False)
    for target, q, a, dy in ((root, "2", "3", 0.25), (tld, "4", "5", 0.0), (auth, "6", "7", -0.25)):
        cy = target.centre[1]
        _numbered(ax, (res.x + res.w, 4.0 + dy + 0.08), (target.x, cy + 0.08), q, ask, above=True)
        _numbered(ax, (target.x, cy - 0.08), (res.x + res.w, 4.0 + dy - 0.08), a, answer, above=False)
    ax.text(0.3, 1.9, _t("steps"), ha="left", va="top", fontsize=9, color=COLOURS["user"], linespacing=1.5)
    return fig


def _numbered(ax, start, end, number: str, colour: str, above: bool) -> None:
    # The step number sits beside the arrow's middle: above for questions, below for answers.
    arrow(ax, start, end, colour=colour)
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    ax.text(mx, my + (0.12 if above else -0.12), number, ha="center", va="bottom" if above else "top",
            fontsize=9, weight="bold", color=colour)
