"""Pictures for the database chapters: kinds of database, RDS Multi-AZ, a DynamoDB table."""

from __future__ import annotations

from course.diagrams import COLOURS, arrow, canvas, group, node, note
from course.i18n import text

TEXT = {
    "en": {
        "kinds_title": "Four ways to store the same customer",
        "relational": "Relational: tables, rows, SQL joins",
        "keyvalue": "Key-value: look up a value by its key",
        "document": "Document: one nested JSON document",
        "graph": "Graph: nodes and the edges between them",
        "multi_az_title": "RDS Multi-AZ DB instance: one primary, one standby (no reads)",
        "cluster_title": "RDS Multi-AZ DB cluster: one writer, two readable standbys",
        "region": "Region ap-northeast-2",
        "vpc": "VPC 10.20.0.0/16",
        "az": "AZ {name}",
        "private": "private {cidr}",
        "subnet_group": "DB subnet group (subnets in ≥ 2 AZs)",
        "app": "app on EC2",
        "primary": "primary",
        "standby": "standby",
        "writer": "writer",
        "reader": "readable standby",
        "sync": "synchronous copy",
        "semisync": "semi-synchronous copy",
        "endpoint": "endpoint (DNS)",
        "failover": "On failure, RDS promotes the standby and points the endpoint at it.",
        "cluster_note": "Reads can go to the reader endpoint; a write is committed when one standby has it.",
        "ddb_title": "A DynamoDB table: items grouped by partition key, sorted by sort key",
        "table": "table Orders: partition key customer_id, sort key ordered_at",
        "gsi": "GSI by-status: partition key status",
        "item_collection": "{value}",
        "gsi_group": "{value}",
        "ddb_note": "Each partition-key value's items live together; DynamoDB hashes the value to pick a partition.",
    },
    "ko": {
        "kinds_title": "같은 고객을 저장하는 네 가지 방법",
        "relational": "관계형: 테이블, 행, SQL 조인",
        "keyvalue": "키-값: 키로 값을 조회",
        "document": "문서: 중첩된 JSON 문서 하나",
        "graph": "그래프: 노드와 그 사이의 엣지",
        "multi_az_title": "RDS 다중 AZ DB 인스턴스: 기본 하나, 대기 하나 (읽기 불가)",
        "cluster_title": "RDS 다중 AZ DB 클러스터: 라이터 하나, 읽기 가능한 대기 둘",
        "region": "리전 ap-northeast-2",
        "vpc": "VPC 10.20.0.0/16",
        "az": "AZ {name}",
        "private": "프라이빗 {cidr}",
        "subnet_group": "DB 서브넷 그룹 (2개 이상 AZ의 서브넷)",
        "app": "EC2의 앱",
        "primary": "기본",
        "standby": "대기",
        "writer": "라이터",
        "reader": "읽기 가능한 대기",
        "sync": "동기식 복사",
        "semisync": "반동기식 복사",
        "endpoint": "엔드포인트 (DNS)",
        "failover": "장애가 나면 RDS가 대기를 승격하고 엔드포인트가 그쪽을 가리키게 합니다.",
        "cluster_note": "읽기는 리더 엔드포인트로 보낼 수 있고, 쓰기는 대기 하나가 받으면 커밋됩니다.",
        "ddb_title": "DynamoDB 테이블: 파티션 키로 묶이고 정렬 키로 정렬된 항목",
        "table": "테이블 Orders: 파티션 키 customer_id, 정렬 키 ordered_at",
        "gsi": "GSI by-status: 파티션 키 status",
        "item_collection": "{value}",
        "gsi_group": "{value}",
        "ddb_note": "파티션 키 값이 같은 항목은 함께 저장됩니다. DynamoDB는 값을 해시해 파티션을 고릅니다.",
    },
}


def database_kinds_figure():
    """Relational, key-value, document and graph storage of one customer, side by side."""
    fig, ax = canvas(12, 4.6, text(TEXT, "kinds_title"))
    # Relational: two tables and a join.
    note(ax, 0.2, 4.1, text(TEXT, "relational"), colour=COLOURS["database"], size=9)
    for row, line in enumerate(["customers", "id | name", "C03 | Mina"]):
        ax.text(0.3, 3.6 - row * 0.35, line, family="monospace", fontsize=8.5,
                weight="bold" if row == 0 else "normal")
    for row, line in enumerate(["orders", "id | customer_id | total", "O-1 | C03 | 42"]):
        ax.text(0.3, 2.4 - row * 0.35, line, family="monospace", fontsize=8.5,
                weight="bold" if row == 0 else "normal")
    ax.text(3.2, 2.05, "orders.customer_id\n= customers.id (JOIN)", fontsize=8, color=COLOURS["neutral"])
    # Key-value.
    note(ax, 6.2, 4.1, text(TEXT, "keyvalue"), colour=COLOURS["database"], size=9)
    for row, (k, v) in enumerate([("session:9f2", "{cart: 3 items}"), ("user:C03", "Mina")]):
        node(ax, 7.0, 3.5 - row * 0.75, k, kind="database", w=1.6, h=0.5)
        arrow(ax, (7.85, 3.5 - row * 0.75), (8.6, 3.5 - row * 0.75))
        ax.text(8.7, 3.5 - row * 0.75, v, family="monospace", fontsize=8.5, va="center")
    # Document.
    note(ax, 0.2, 0.85, text(TEXT, "document"), colour=COLOURS["database"], size=9)
    ax.text(0.3, 0.05, '{"id": "C03", "name": "Mina",\n "orders": [{"id": "O-1", "total": 42}]}',
            family="monospace", fontsize=8.5)
    # Graph.
    note(ax, 6.2, 1.95, text(TEXT, "graph"), colour=COLOURS["database"], size=9)
    mina = node(ax, 7.2, 1.3, "Mina", kind="user", w=1.1, h=0.45)
    order = node(ax, 9.6, 1.3, "O-1", kind="storage", w=1.1, h=0.45)
    friend = node(ax, 7.2, 0.3, "Jun", kind="user", w=1.1, h=0.45)
    arrow(ax, mina.side("right"), order.side("left"), label="BOUGHT")
    arrow(ax, mina.side("bottom"), friend.side("top"), label="FOLLOWS")
    return fig


def rds_multi_az_figure(deployment: str = "instance"):
    """RDS across AZs in private subnets of one DB subnet group.

    ``deployment`` is ``"instance"`` (primary + one standby that serves no reads) or
    ``"cluster"`` (a writer and two readable standbys in three AZs).
    """
    if deployment not in ("instance", "cluster"):
        raise ValueError(f"deployment must be 'instance' or 'cluster', not {deployment!r}")
    cluster = deployment == "cluster"
    azs = [("a", "10.20.1.0/24"), ("b", "10.20.2.0/24"), ("c", "10.20.3.0/24")] if cluster \
        else [("a", "10.20.1.0/24"), ("c", "10.20.2.0/24")]
    width = 12 if cluster else 10
    fig, ax = canvas(width, 5.4, text(TEXT, "cluster_title" if cluster else "multi_az_title"))
    group(ax, 0.1, 0.1, width - 0.2, 4.9, text(TEXT, "region"), kind="region")
    group(ax, 0.3, 0.3, width - 0.6, 4.3, text(TEXT, "vpc"), kind="vpc")
    app = node(ax, 1.5, 2.3, text(TEXT, "app"), kind="compute", w=1.5)
    col = (width - 3.3) / len(azs)
    boxes = []
    for n, (az, cidr) in enumerate(azs):
        x = 3.0 + n * col
        group(ax, x, 0.8, col - 0.2, 3.6, text(TEXT, "az", name=f"ap-northeast-2{az}"), kind="az")
        group(ax, x + 0.15, 1.4, col - 0.5, 2.1, text(TEXT, "private", cidr=cidr), kind="private")
        if cluster:
            label = text(TEXT, "writer") if n == 0 else text(TEXT, "reader")
        else:
            label = text(TEXT, "primary") if n == 0 else text(TEXT, "standby")
        boxes.append(node(ax, x + 0.15 + (col - 0.5) / 2, 2.2, label, kind="database", w=min(1.9, col - 0.8)))
    # The subnet group spans the DB subnets: one dashed outline, labelled at its foot so the
    # label stays clear of the subnets' own.
    group(ax, 2.9, 1.0, width - 3.45, 2.75, "", kind="database", dashed=True)
    ax.text(3.0, 1.08, text(TEXT, "subnet_group"), fontsize=8.5, color=COLOURS["database"],
            weight="bold", va="bottom")
    arrow(ax, app.side("right"), boxes[0].side("left"), label=text(TEXT, "endpoint"))
    for n, standby in enumerate(boxes[1:]):
        if n == 0:
            arrow(ax, boxes[0].side("right"), standby.side("left"),
                  label=text(TEXT, "semisync" if cluster else "sync"),
                  colour=COLOURS["database"], dashed=True)
        else:  # the second standby: an arc under the first, so the two copies don't overlap
            ax.annotate("", xy=(standby.centre[0], standby.y), xytext=(boxes[0].centre[0], boxes[0].y),
                        arrowprops={"arrowstyle": "-|>", "color": COLOURS["database"], "linestyle": "--",
                                    "connectionstyle": "arc3,rad=0.15", "linewidth": 1.3})
    ax.text(width / 2, 0.5, text(TEXT, "cluster_note" if cluster else "failover"), ha="center",
            va="center", fontsize=8.5, color=COLOURS["neutral"])
    return fig


def dynamodb_table_figure(items: list[dict] | None = None):
    """Items of a small Orders table grouped by partition key, and the same items in a GSI by status."""
    items = items or [
        {"customer_id": "C01", "ordered_at": "2026-04-02", "status": "DELIVERED"},
        {"customer_id": "C01", "ordered_at": "2026-05-03", "status": "PENDING"},
        {"customer_id": "C01", "ordered_at": "2026-06-01", "status": "DELIVERED"},
        {"customer_id": "C02", "ordered_at": "2026-05-09", "status": "PENDING"},
        {"customer_id": "C03", "ordered_at": "2026-06-11", "status": "DELIVERED"},
    ]
    fig, ax = canvas(12, 5.2, text(TEXT, "ddb_title"))
    group(ax, 0.1, 0.5, 6.2, 4.1, text(TEXT, "table"), kind="database")
    group(ax, 6.6, 0.5, 5.3, 4.1, text(TEXT, "gsi"), kind="network", dashed=True)
    _collections(ax, items, "customer_id", "ordered_at", 0.3, 6.0, "item_collection")
    _collections(ax, items, "status", "customer_id", 6.8, 11.7, "gsi_group")
    ax.text(6.0, 0.2, text(TEXT, "ddb_note"), ha="center", fontsize=8.5, color=COLOURS["neutral"])
    return fig


def _collections(ax, items, key, then, x0, x1, label_key):
    groups: dict = {}
    for item in sorted(items, key=lambda i: (str(i[key]), str(i.get(then, "")))):
        groups.setdefault(item[key], []).append(item)
    width = (x1 - x0) / max(len(groups), 1)
    for n, (value, members) in enumerate(groups.items()):
        x = x0 + n * width
        group(ax, x + 0.05, 0.7, width - 0.15, 3.4, text(TEXT, label_key, value=value), kind="private")
        for row, item in enumerate(members):
            words = f"{item.get(then, '')}" if key == "customer_id" else f"{item['customer_id']} {item['ordered_at'][5:]}"
            node(ax, x + width / 2 - 0.05, 3.4 - row * 0.7, words, kind="database", w=width - 0.45, h=0.5)
