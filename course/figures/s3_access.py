"""Pictures for the S3 access and encryption chapter."""

from __future__ import annotations

from course import i18n
from course.diagrams import arrow, canvas, group, node, note

TEXT = {
    "en": {
        "path_title": "What S3 checks before it answers a request",
        "caller": "caller\n(user, role, anyone)",
        "identity": "caller's own policies\n(identity-based)",
        "bpa": "Block Public Access\n(bucket and account)",
        "bucket_policy": "bucket policy\n(resource-based)",
        "object": "object",
        "same": "same account: an Allow in either policy is enough",
        "cross": "another account: both must allow; any explicit Deny wins",
        "keys_title": "Encryption at rest: who holds the key?",
        "sse_s3": "SSE-S3 (default)",
        "sse_s3_how": "S3 creates and manages the keys; nothing to set up",
        "sse_kms": "SSE-KMS / DSSE-KMS",
        "sse_kms_how": "a KMS key you control: its key policy and kms:Decrypt decide who can read",
        "sse_c": "SSE-C",
        "sse_c_how": "you send the key with every request; S3 doesn't store it (off by default on new buckets)",
        "client": "client-side",
        "client_how": "you encrypt before uploading; S3 stores ciphertext it can't read",
    },
    "ko": {
        "path_title": "S3가 요청에 응답하기 전에 확인하는 것",
        "caller": "호출자\n(사용자, 역할, 누구나)",
        "identity": "호출자 자신의 정책\n(자격 증명 기반)",
        "bpa": "퍼블릭 액세스 차단\n(버킷과 계정)",
        "bucket_policy": "버킷 정책\n(리소스 기반)",
        "object": "객체",
        "same": "같은 계정: 어느 한쪽 정책의 Allow로 충분",
        "cross": "다른 계정: 양쪽 모두 허용해야 함; 명시적 Deny는 항상 우선",
        "keys_title": "저장 시 암호화: 키는 누가 가지고 있나?",
        "sse_s3": "SSE-S3 (기본값)",
        "sse_s3_how": "S3가 키를 만들고 관리; 설정할 것 없음",
        "sse_kms": "SSE-KMS / DSSE-KMS",
        "sse_kms_how": "내가 관리하는 KMS 키: 키 정책과 kms:Decrypt가 누가 읽을지 결정",
        "sse_c": "SSE-C",
        "sse_c_how": "요청마다 키를 보냄; S3는 키를 저장하지 않음 (새 버킷에서는 기본적으로 꺼짐)",
        "client": "클라이언트 측",
        "client_how": "업로드 전에 내가 암호화; S3는 읽을 수 없는 암호문을 저장",
    },
}


def _t(key: str) -> str:
    return i18n.text(TEXT, key)


def access_path_figure():
    """A request passing the caller's policies, Block Public Access and the bucket policy."""
    fig, ax = canvas(12, 3.6, _t("path_title"))
    caller = node(ax, 1.2, 2.2, _t("caller"), "user", w=1.9, h=0.8)
    ident = node(ax, 3.9, 2.2, _t("identity"), "security", w=2.3, h=0.8)
    bpa = node(ax, 6.6, 2.2, _t("bpa"), "security", w=2.3, h=0.8)
    pol = node(ax, 9.3, 2.2, _t("bucket_policy"), "security", w=2.3, h=0.8)
    obj = node(ax, 11.3, 2.2, _t("object"), "storage", w=1.0, h=0.6)
    for a, b in ((caller, ident), (ident, bpa), (bpa, pol), (pol, obj)):
        arrow(ax, a.side("right"), b.side("left"))
    note(ax, 0.3, 0.95, _t("same"), colour="#1a7f37", size=9)
    note(ax, 0.3, 0.5, _t("cross"), colour="#b42318", size=9)
    return fig


def encryption_keys_figure():
    """The four ways S3 objects are encrypted at rest, by who holds the key."""
    fig, ax = canvas(12, 3.8, _t("keys_title"))
    rows = (("sse_s3", "storage"), ("sse_kms", "security"), ("sse_c", "user"), ("client", "neutral"))
    for i, (key, kind) in enumerate(rows):
        y = 3.0 - i * 0.8
        node(ax, 1.4, y, _t(key), kind, w=2.5, h=0.55)
        note(ax, 2.9, y, _t(f"{key}_how"), colour="#232f3e", size=9.5)
    group(ax, 0.05, 0.25, 11.9, 3.15, "", "neutral")
    return fig
