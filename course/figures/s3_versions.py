"""Pictures for the versioning chapter: a key's version stack, and replication between buckets."""

from __future__ import annotations

from course import i18n
from course.diagrams import arrow, canvas, group, node, note

TEXT = {
    "en": {
        "stack_title": "One key with two versions: a DELETE without a version ID adds a delete marker",
        "before": "before DELETE",
        "after": "after DELETE",
        "restored": "after deleting the marker",
        "current": "current",
        "marker": "delete marker",
        "get_404": "GET → 404 NoSuchKey",
        "get_v2": "GET → version 2",
        "repl_title": "Replication copies new versions to another bucket, through a role you give S3",
        "source": "source bucket (Seoul)\nversioning Enabled",
        "dest": "destination bucket (N. Virginia)\nversioning Enabled",
        "role": "IAM role S3 assumes",
        "new": "new objects and versions\nafter the rule exists",
        "not": "not copied: older objects (use Batch Replication),\ndeletes of a version; delete markers only if enabled",
    },
    "ko": {
        "stack_title": "버전이 두 개인 키 하나: 버전 ID 없는 DELETE는 삭제 마커를 추가합니다",
        "before": "DELETE 전",
        "after": "DELETE 후",
        "restored": "삭제 마커를 지운 후",
        "current": "현재 버전",
        "marker": "삭제 마커",
        "get_404": "GET → 404 NoSuchKey",
        "get_v2": "GET → 버전 2",
        "repl_title": "복제는 내가 S3에 준 역할을 통해 새 버전을 다른 버킷으로 복사합니다",
        "source": "소스 버킷 (서울)\n버전 관리 활성화",
        "dest": "대상 버킷 (버지니아 북부)\n버전 관리 활성화",
        "role": "S3가 수임하는 IAM 역할",
        "new": "규칙이 생긴 뒤의\n새 객체와 버전",
        "not": "복사 안 됨: 이전 객체 (배치 복제 사용),\n버전 삭제; 삭제 마커는 켰을 때만",
    },
}


def _t(key: str) -> str:
    return i18n.text(TEXT, key)


def version_stack_figure():
    """Versions of report.csv before and after a simple DELETE, and after the marker is removed."""
    fig, ax = canvas(11, 4.2, _t("stack_title"))
    columns = [
        (_t("before"), ["v1", "v2"], _t("get_v2")),
        (_t("after"), ["v1", "v2", _t("marker")], _t("get_404")),
        (_t("restored"), ["v1", "v2"], _t("get_v2")),
    ]
    for c, (title, stack, result) in enumerate(columns):
        x = 0.3 + c * 3.6
        group(ax, x, 0.3, 3.3, 3.4, title, "storage")
        for level, label in enumerate(stack):
            top = level == len(stack) - 1
            kind = "security" if label == _t("marker") else "storage"
            node(ax, x + 1.65, 0.9 + level * 0.7, label + (f"  ({_t('current')})" if top else ""), kind, w=2.6, h=0.5)
        note(ax, x + 0.3, 3.05, result, colour="#232f3e", size=9)
    return fig


def replication_figure():
    """Cross-Region replication: source, destination, the role, and what is not copied."""
    fig, ax = canvas(11, 3.8, _t("repl_title"))
    src = node(ax, 1.9, 2.2, _t("source"), "storage", w=3.2, h=0.9)
    dst = node(ax, 9.0, 2.2, _t("dest"), "storage", w=3.4, h=0.9)
    node(ax, 5.45, 3.2, _t("role"), "security", w=2.4, h=0.5)
    arrow(ax, src.side("right"), dst.side("left"), _t("new"))
    note(ax, 2.6, 0.6, _t("not"), colour="#b42318", size=8.5)
    return fig
