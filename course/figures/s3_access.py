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
