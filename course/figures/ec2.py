"""Figures for the EC2 chapters: building blocks, AMI contents, lifecycle, purchase options, snapshots, EFS."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from course.diagrams import COLOURS, arrow, canvas, group, node, note
from course.i18n import text

TEXT = {
    "en": {
        "blocks_title": "The building blocks of an EC2 server",
        "region": "Region ap-northeast-2",
        "vpc": "VPC",
        "az": "Availability Zone 2a",
        "subnet": "subnet",
        "sg": "security group",
        "instance": "EC2 instance",
        "ami": "AMI",
        "key": "key pair",
        "ebs": "EBS volume",
        "eip": "Elastic IP",
        "you": "you (SSH)",
        "launch_from": "launch from",
        "public_key": "public key",
        "attached": "attached",
        "address": "public address",
        "ssh": "SSH with private key",
        "ami_title": "What an AMI holds, and what launching it makes",
        "ami_box": "AMI (ami-…)",
        "snapshot_root": "EBS snapshot: root",
        "snapshot_data": "EBS snapshot: data",
        "bdm": "block device mapping",
        "perms": "launch permissions",
        "perms_words": "implicit (owner) · explicit (accounts) · public",
        "bdm_words": "/dev/xvda ← root snapshot, 8 GiB gp3\n/dev/sdf ← data snapshot",
        "new_instance": "new instance",
        "root_vol": "root volume",
        "data_vol": "data volume",
        "copies": "each launch copies the\nsnapshots into new volumes",
        "lc_title": "EC2 instance states (not launched → … → terminated)",
        "not launched": "not launched",
        "launch": "launch",
        "stop": "stop / hibernate",
        "start": "start",
        "reboot": "reboot",
        "terminate": "terminate",
        "billed": "billed",
        "not_billed": "not billed",
        # The one exception in AWS's instance-state table: stopping is billed when it hibernates.
        "stopping_billed": "billed only if hibernating",
        "po_title": "{itype} in {region}, {hours:g} h/day for {months} months",
        "po_monthly": "per month (USD)",
        "po_total": "total (USD)",
        "po_unavailable": "n/a",
        "po_dagger": ("† unverified: On-Demand rates from copies of AWS's price list; Savings Plan, "
                      "RI and Spot apply an illustrative discount to them, not a list price"),
        "snap_title": "EBS snapshots are incremental",
        "snap_volume": "volume blocks",
        "snap_n": "snapshot {n}",
        "snap_stored": "stored: {n} blocks",
        "snap_stored_one": "stored: 1 block",
        "snap_day": "day {n}",
        "snap_note": ("Each snapshot stores only the blocks changed since the previous one,\n"
                      "but any snapshot alone restores the whole volume."),
        "efs_title": "One EFS file system, a mount target in each AZ",
        "efs": "EFS file system",
        "mt": "mount target",
        "nfs": "NFS (TCP 2049)",
        "az_a": "AZ 2a",
        "az_c": "AZ 2c",
    },
    "ko": {
        "blocks_title": "EC2 서버를 이루는 요소",
        "region": "리전 ap-northeast-2",
        "vpc": "VPC",
        "az": "가용 영역 2a",
        "subnet": "서브넷",
        "sg": "보안 그룹",
        "instance": "EC2 인스턴스",
        "ami": "AMI",
        "key": "키 페어",
        "ebs": "EBS 볼륨",
        "eip": "탄력적 IP",
        "you": "나 (SSH)",
        "launch_from": "시작 원본",
        "public_key": "퍼블릭 키",
        "attached": "연결됨",
        "address": "퍼블릭 주소",
        "ssh": "프라이빗 키로 SSH",
        "ami_title": "AMI에 담긴 것과 AMI로 시작하면 만들어지는 것",
        "ami_box": "AMI (ami-…)",
        "snapshot_root": "EBS 스냅샷: 루트",
        "snapshot_data": "EBS 스냅샷: 데이터",
        "bdm": "블록 디바이스 매핑",
        "perms": "시작 권한",
        "perms_words": "암시적 (소유자) · 명시적 (계정) · 퍼블릭",
        "bdm_words": "/dev/xvda ← 루트 스냅샷, 8 GiB gp3\n/dev/sdf ← 데이터 스냅샷",
        "new_instance": "새 인스턴스",
        "root_vol": "루트 볼륨",
        "data_vol": "데이터 볼륨",
        "copies": "시작할 때마다 스냅샷을\n새 볼륨으로 복사",
        "lc_title": "EC2 인스턴스 상태 (시작 전 → … → terminated)",
        "not launched": "시작 전",
        "launch": "launch",
        "stop": "중지 / 최대 절전",
        "start": "시작 (start)",
        "reboot": "재부팅",
        "terminate": "종료",
        "billed": "과금",
        "not_billed": "과금 안 됨",
        "stopping_billed": "최대 절전 중일 때만 과금",
        "po_title": "{region}의 {itype}, 하루 {hours:g}시간, {months}개월",
        "po_monthly": "월 (USD)",
        "po_total": "합계 (USD)",
        "po_unavailable": "해당 없음",
        "po_dagger": "† 미확인: 온디맨드 요금은 AWS 가격 목록 사본에서 왔고, Savings Plan, RI, 스팟은 여기에 예시 할인을 적용한 값이며 정가가 아님",
        "snap_title": "EBS 스냅샷은 증분식입니다",
        "snap_volume": "볼륨 블록",
        "snap_n": "스냅샷 {n}",
        "snap_stored": "저장: 블록 {n}개",
        "snap_stored_one": "저장: 블록 1개",
        "snap_day": "{n}일째",
        "snap_note": "스냅샷마다 이전 스냅샷 이후 바뀐 블록만 저장하지만,\n어느 스냅샷 하나만으로도 볼륨 전체를 복원할 수 있습니다.",
        "efs_title": "EFS 파일 시스템 하나, AZ마다 탑재 대상 하나",
        "efs": "EFS 파일 시스템",
        "mt": "탑재 대상",
        "nfs": "NFS (TCP 2049)",
        "az_a": "AZ 2a",
        "az_c": "AZ 2c",
    },
}

STATE_XY = {
    "not launched": (1.1, 3.6),
    "pending": (3.6, 3.6),
    "running": (7.0, 3.6),
    "stopping": (7.0, 1.9),
    "stopped": (3.6, 1.9),
    "shutting-down": (5.3, 0.45),
    "terminated": (1.6, 0.45),
}
BOX_W, BOX_H = 1.9, 0.64


def _t(key: str, **values) -> str:
    return text(TEXT, key, **values)


def building_blocks_figure() -> Figure:
    """Instance in a subnet, with its AMI, key pair, security group, EBS volume and Elastic IP."""
    fig, ax = canvas(10, 5.6, _t("blocks_title"))
    group(ax, 0.2, 0.2, 7.3, 5.0, _t("region"), "region")
    group(ax, 0.5, 0.45, 6.8, 4.35, _t("vpc"), "vpc")
    group(ax, 0.8, 0.7, 6.2, 3.7, _t("az"), "az", dashed=True)
    group(ax, 1.1, 0.95, 5.6, 3.05, _t("subnet"), "public")
    group(ax, 2.0, 2.05, 2.6, 1.3, _t("sg"), "security", dashed=True)
    inst = node(ax, 3.3, 2.55, _t("instance"), "compute", w=1.9)
    ebs = node(ax, 3.3, 1.4, _t("ebs"), "storage", w=1.7)
    arrow(ax, inst.side("bottom"), ebs.side("top"), _t("attached"), colour=COLOURS["storage"], both=True)
    eip = node(ax, 5.7, 2.55, _t("eip"), "network", w=1.5)
    arrow(ax, eip.side("left"), (4.62, 2.55), None, colour=COLOURS["network"])
    ami = node(ax, 8.7, 4.3, _t("ami"), "neutral", w=1.4)
    key = node(ax, 8.7, 3.1, _t("key"), "security", w=1.4)
    you = node(ax, 8.7, 1.2, _t("you"), "user", w=1.4)
    arrow(ax, ami.side("left"), (4.0, 3.35), _t("launch_from"), colour=COLOURS["neutral"])
    arrow(ax, key.side("left"), (4.25, 2.85), _t("public_key"), colour=COLOURS["security"], dashed=True)
    arrow(ax, you.side("left"), eip.side("bottom"), _t("ssh"), colour=COLOURS["user"])
    return fig


def ami_figure() -> Figure:
    """An AMI's parts (snapshots, block device mapping, launch permissions) and the instance it makes."""
    fig, ax = canvas(10, 4.6, _t("ami_title"))
    group(ax, 0.2, 0.3, 4.6, 3.8, _t("ami_box"), "neutral")
    s1 = node(ax, 2.5, 3.35, _t("snapshot_root"), "storage", w=2.6, h=0.45)
    s2 = node(ax, 2.5, 2.75, _t("snapshot_data"), "storage", w=2.6, h=0.45)
    node(ax, 2.5, 2.05, _t("bdm"), "neutral", w=2.6, h=0.45)
    note(ax, 0.45, 1.45, _t("bdm_words"), size=8)
    node(ax, 2.5, 0.75, _t("perms"), "security", w=2.6, h=0.45)
    group(ax, 6.0, 0.6, 3.7, 3.2, _t("new_instance"), "compute")
    r = node(ax, 7.0, 2.0, _t("root_vol"), "storage", w=1.5, h=0.5)
    d = node(ax, 8.75, 2.0, _t("data_vol"), "storage", w=1.5, h=0.5)
    arrow(ax, s1.side("right"), r.side("top"), None, colour=COLOURS["storage"])
    arrow(ax, s2.side("right"), d.side("top"), None, colour=COLOURS["storage"])
    note(ax, 6.15, 1.1, _t("copies"), size=8)
    note(ax, 0.45, 0.15, _t("perms_words"), size=8)
    return fig


def lifecycle_figure(current: str | None = None) -> Figure:
    """The instance states and the actions between them; ``current`` is highlighted."""
    from course.ec2_lifecycle import BILLED  # the billing table lives with the state machine

    fig, ax = canvas(10.0, 4.6, _t("lc_title"))
    for state, (x, y) in STATE_XY.items():
        on = state == current
        colour = COLOURS["security"] if on else COLOURS["compute" if BILLED.get(state) else "neutral"]
        ax.add_patch(FancyBboxPatch((x - BOX_W / 2, y - BOX_H / 2), BOX_W, BOX_H,
                                    boxstyle="round,pad=0.02,rounding_size=0.1", facecolor=colour,
                                    edgecolor="#232f3e" if on else colour, linewidth=3 if on else 1,
                                    alpha=1 if on else 0.8))
        ax.text(x, y + 0.08, _t(state) if state == "not launched" else state, ha="center", va="center",
                fontsize=9, color="white", weight="bold")
        if state != "not launched":
            words = ("stopping_billed" if state == "stopping" else "billed" if BILLED[state] else "not_billed")
            ax.text(x, y - 0.18, _t(words), ha="center", va="center", fontsize=7, color="white")

    def line(points, label=None, at=None, ha="center"):
        for a, b in zip(points[:-2], points[1:-1]):
            ax.plot([a[0], b[0]], [a[1], b[1]], color="#232f3e", linewidth=1.2)
        ax.add_patch(FancyArrowPatch(points[-2], points[-1], arrowstyle="-|>", mutation_scale=12,
                                     color="#232f3e", linewidth=1.2))
        if label:
            ax.text(at[0], at[1], label, ha=ha, va="center", fontsize=8, color="#232f3e",
                    bbox={"facecolor": "white", "edgecolor": "none", "pad": 1, "alpha": 0.95})

    half_w, half_h = BOX_W / 2, BOX_H / 2
    line([(1.1 + half_w, 3.6), (3.6 - half_w, 3.6)], _t("launch"), (2.35, 3.82))
    line([(3.6 + half_w, 3.6), (7.0 - half_w, 3.6)])
    line([(7.0, 3.6 - half_h), (7.0, 1.9 + half_h)], _t("stop"), (7.12, 2.75), ha="left")
    line([(7.0 - half_w, 1.9), (3.6 + half_w, 1.9)])
    line([(3.6, 1.9 + half_h), (3.6, 3.6 - half_h)], _t("start"), (3.48, 2.75), ha="right")
    line([(3.6, 1.9 - half_h), (4.75, 0.45 + half_h)], _t("terminate"), (3.5, 1.0), ha="right")
    line([(7.0 + half_w, 3.6), (9.35, 3.6), (9.35, 0.45), (5.3 + half_w, 0.45)], _t("terminate"), (9.35, 2.0))
    line([(5.3 - half_w, 0.45), (1.6 + half_w, 0.45)])
    # reboot: a loop over running, which it never leaves
    ax.add_patch(FancyArrowPatch((6.7, 3.6 + half_h), (7.3, 3.6 + half_h), arrowstyle="-|>", mutation_scale=12,
                                 color="#232f3e", linewidth=1.2, connectionstyle="arc3,rad=-1.6"))
    ax.text(7.0, 4.45, _t("reboot"), ha="center", va="bottom", fontsize=8, color="#232f3e")
    ax.set_ylim(0, 4.9)
    return fig


def purchase_options_figure(comparison) -> Figure:
    """Bars of monthly and total cost per option for a `course.purchase_options.Comparison`."""
    p = comparison.profile
    fig = Figure(figsize=(9, 3.6))
    axes = fig.subplots(1, 2)
    names = [o.name for o in comparison.options]
    cheapest = comparison.cheapest.key
    for ax, attr, title in ((axes[0], "monthly_usd", _t("po_monthly")), (axes[1], "total_usd", _t("po_total"))):
        values = [getattr(o, attr) if o.available else 0 for o in comparison.options]
        colours = [COLOURS["compute"] if o.key == cheapest else COLOURS["private"] if o.available else "#d5dbdb"
                   for o in comparison.options]
        bars = ax.barh(names, values, color=colours)
        top = max(values) or 1
        for bar, o, v in zip(bars, comparison.options, values):
            label = _t("po_unavailable") if not o.available else f"${v:,.2f}" + ("" if o.verified else " †")
            ax.text(v + top * 0.02, bar.get_y() + bar.get_height() / 2, label, va="center", fontsize=8)
        ax.set_xlim(0, top * 1.35)
        ax.invert_yaxis()
        ax.set_title(title, fontsize=10)
        ax.tick_params(labelsize=8)
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
    axes[1].set_yticklabels([])
    fig.suptitle(_t("po_title", itype=p.instance_type, region=p.region, hours=p.hours_per_day, months=p.months),
                 fontsize=10)
    fig.text(0.01, 0.01, _t("po_dagger"), fontsize=7.5, color="#545b64")
    fig.tight_layout(rect=(0, 0.05, 1, 0.95))
    return fig


def snapshots_figure() -> Figure:
    """A volume's blocks on three days and what each incremental snapshot stores."""
    fig, ax = canvas(10, 4.3, _t("snap_title"))
    days = [(("A", "B", "C", "D"), ("A", "B", "C", "D")),
            (("A", "B′", "C", "D"), ("B′",)),
            (("A", "B′", "C", "D′"), ("D′",))]
    for row, (blocks, stored) in enumerate(days):
        y = 3.2 - row * 1.0
        note(ax, 0.2, y, _t("snap_day", n=row + 1), size=9)
        for j, label in enumerate(blocks):
            node(ax, 1.6 + j * 0.75, y, label, "storage" if label in stored else "neutral", w=0.62, h=0.5)
        snap = node(ax, 6.3, y, _t("snap_n", n=row + 1), "storage", w=1.5, h=0.5)
        arrow(ax, (4.45, y), snap.side("left"), None, colour=COLOURS["storage"])
        note(ax, 7.25, y, _t("snap_stored_one") if len(stored) == 1 else _t("snap_stored", n=len(stored)), size=9)
    note(ax, 0.2, 0.35, _t("snap_note"), size=8.5)
    return fig


def efs_figure() -> Figure:
    """An EFS file system with a mount target per AZ and instances mounting it over NFS."""
    fig, ax = canvas(10, 4.4, _t("efs_title"))
    group(ax, 0.2, 0.2, 9.6, 3.6, _t("region"), "region")
    group(ax, 0.5, 0.45, 4.0, 2.6, _t("az_a"), "az", dashed=True)
    group(ax, 5.5, 0.45, 4.0, 2.6, _t("az_c"), "az", dashed=True)
    efs = node(ax, 5.0, 3.35, _t("efs"), "storage", w=2.4, h=0.5)
    for x in (2.5, 7.5):
        mt = node(ax, x, 2.2, _t("mt"), "network", w=1.7, h=0.5)
        inst = node(ax, x, 1.0, _t("instance"), "compute", w=1.7, h=0.5)
        arrow(ax, inst.side("top"), mt.side("bottom"), _t("nfs"), colour=COLOURS["network"])
        arrow(ax, mt.side("top"), (efs.centre[0] + (x - 5) * 0.35, efs.y), None, colour=COLOURS["storage"], both=True)
    return fig
