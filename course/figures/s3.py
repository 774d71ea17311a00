"""Pictures for the S3 basics chapter: kinds of storage, keys and prefixes, multipart upload."""

from __future__ import annotations

from course import i18n
from course.diagrams import arrow, canvas, group, node, note

TEXT = {
    "en": {
        "kinds_title": "Three kinds of storage",
        "block": "Block storage (EBS)",
        "block_how": "fixed-size blocks, one OS\nformats and mounts them",
        "instance": "EC2 instance",
        "volume": "volume",
        "file": "File storage (EFS)",
        "file_how": "folders and files,\nshared over NFS",
        "object": "Object storage (S3)",
        "object_how": "whole objects by key,\nover HTTPS from anywhere",
        "bucket": "bucket",
        "key": "key: photos/2026/cat.jpg",
        "value": "value: the bytes",
        "meta": "metadata: Content-Type, …",
        "keys_title": "S3 stores flat keys; the console draws folders from the / in them",
        "stored": "What the bucket stores",
        "shown": "What the console shows",
        "mp_title": "Multipart upload: parts go up separately, then become one object",
        "file_in": "a 12 MiB file",
        "part": "part {n}",
        "create": "CreateMultipartUpload\n→ UploadId",
        "complete": "CompleteMultipartUpload\n(list of parts and ETags)",
        "one_object": "one object",
    },
    "ko": {
        "kinds_title": "세 가지 스토리지",
        "block": "블록 스토리지 (EBS)",
        "block_how": "고정 크기 블록, OS 하나가\n포맷하고 마운트",
        "instance": "EC2 인스턴스",
        "volume": "볼륨",
        "file": "파일 스토리지 (EFS)",
        "file_how": "폴더와 파일,\nNFS로 공유",
        "object": "객체 스토리지 (S3)",
        "object_how": "키로 객체 전체를,\n어디서나 HTTPS로",
        "bucket": "버킷",
        "key": "키: photos/2026/cat.jpg",
        "value": "값: 바이트",
        "meta": "메타데이터: Content-Type, …",
        "keys_title": "S3는 평평한 키를 저장하고, 콘솔은 키의 /로 폴더를 그립니다",
        "stored": "버킷에 저장된 것",
        "shown": "콘솔에 보이는 것",
        "mp_title": "멀티파트 업로드: 파트를 따로 올린 다음 객체 하나로 합칩니다",
        "file_in": "12 MiB 파일",
        "part": "파트 {n}",
        "create": "CreateMultipartUpload\n→ UploadId",
        "complete": "CompleteMultipartUpload\n(파트와 ETag 목록)",
        "one_object": "객체 하나",
    },
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def storage_kinds_figure():
    """Block, file and object storage side by side."""
    fig, ax = canvas(12, 4.2, _t("kinds_title"))
    group(ax, 0.2, 0.3, 3.7, 3.5, _t("block"), "compute")
    node(ax, 2.05, 2.7, _t("instance"), "compute", w=2.0)
    for i in range(4):
        node(ax, 0.9 + i * 0.75, 1.35, str(i), "storage", w=0.6, h=0.5)
    note(ax, 0.5, 0.7, _t("block_how"), size=8)
    arrow(ax, (2.05, 2.4), (2.05, 1.65))

    group(ax, 4.2, 0.3, 3.7, 3.5, _t("file"), "network")
    node(ax, 6.05, 2.8, "/shared", "network", w=1.4)
    node(ax, 5.3, 1.8, "/shared/a", "network", w=1.3)
    node(ax, 6.8, 1.8, "/shared/b", "network", w=1.3)
    arrow(ax, (5.9, 2.5), (5.4, 2.1))
    arrow(ax, (6.2, 2.5), (6.7, 2.1))
    note(ax, 4.5, 0.8, _t("file_how"), size=8)

    group(ax, 8.2, 0.3, 3.6, 3.5, _t("object"), "storage")
    group(ax, 8.5, 1.25, 3.0, 1.95, _t("bucket"), "storage", dashed=True)
    note(ax, 8.7, 2.6, _t("key"), size=8)
    note(ax, 8.7, 2.15, _t("value"), size=8)
    note(ax, 8.7, 1.7, _t("meta"), size=8)
    note(ax, 8.5, 0.8, _t("object_how"), size=8)
    return fig


def keys_figure(keys=("index.html", "photos/2026/cat.jpg", "photos/2026/dog.jpg", "photos/old.jpg")):
    """The flat keys a bucket stores next to the folders the console draws from them."""
    fig, ax = canvas(11, 3.8, _t("keys_title"))
    group(ax, 0.2, 0.3, 4.6, 3.0, _t("stored"), "storage")
    for i, key in enumerate(keys):
        note(ax, 0.5, 2.6 - i * 0.5, key, colour="#232f3e", size=9)
    group(ax, 6.0, 0.3, 4.8, 3.0, _t("shown"), "neutral")
    lines = ["index.html", "photos/", "    2026/", "        cat.jpg", "        dog.jpg", "    old.jpg"]
    for i, line in enumerate(lines):
        note(ax, 6.3, 2.75 - i * 0.4, line, colour="#232f3e", size=9)
    arrow(ax, (4.9, 1.8), (5.9, 1.8), "Delimiter='/'")
    return fig


def multipart_figure(parts: int = 3):
    """A file cut into ``parts`` parts, each uploaded, then joined into one object."""
    fig, ax = canvas(11, 3.6, _t("mp_title"))
    node(ax, 1.2, 1.8, _t("file_in"), "neutral", w=1.8)
    node(ax, 3.7, 3.0, _t("create"), "user", w=2.6, h=0.55)
    for n in range(1, parts + 1):
        y = 2.2 - (n - 1) * 0.7
        box = node(ax, 4.3, y, _t("part", n=n), "storage", w=1.2, h=0.45)
        arrow(ax, (2.1, 1.8), box.side("left"))
        arrow(ax, box.side("right"), (6.4, 1.8))
    node(ax, 7.6, 1.8, _t("complete"), "user", w=2.4, h=0.7)
    node(ax, 10.0, 1.8, _t("one_object"), "storage", w=1.5)
    arrow(ax, (8.8, 1.8), (9.25, 1.8))
    return fig
