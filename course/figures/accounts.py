"""Figures for the accounts-and-IAM chapter: what lives in an account, and how a role is assumed."""

from __future__ import annotations

from course.diagrams import arrow, canvas, group, node, note
from course.i18n import text

TEXT = {
    "en": {
        "account_title": "One AWS account: the root user and the IAM identities inside it",
        "account": "AWS account 123456789012 (contract, bill, resources)",
        "root": "Root user\n(e-mail sign-in)",
        "root_note": "Full access, cannot be limited\nby IAM policies. Lock it away:\nMFA, no access keys.",
        "iam": "IAM (global: the same in every Region)",
        "group": "Group: developers",
        "user_a": "User: mina",
        "user_b": "User: joon",
        "role": "Role: auditor",
        "policy": "Policy (JSON)",
        "role_note": "No password or keys of its own:\nwhoever its trust policy allows\nassumes it for a while.",
        "attached": "attached to",
        "member": "member of",
        "trust_title": "Assuming a role: a trust policy says who may, and STS hands out temporary keys",
        "caller": "User mina\n(long-term keys AKIA…)",
        "sts": "AWS STS\nAssumeRole",
        "role_box": "Role auditor\ntrust policy: mina may assume\npermissions policy: read-only",
        "creds": "Temporary credentials\nASIA… + secret + token\n(expire, 1 h by default)",
        "ask": "1. AssumeRole",
        "check": "2. trust policy\nallows mina?",
        "give": "3. temporary keys",
        "use": "4. calls AWS as the role",
        "services": "AWS services",
    },
    "ko": {
        "account_title": "AWS 계정 하나: 루트 사용자와 그 안의 IAM 자격 증명",
        "account": "AWS 계정 123456789012 (계약, 청구서, 리소스)",
        "root": "루트 사용자\n(이메일로 로그인)",
        "root_note": "모든 권한, IAM 정책으로\n제한할 수 없음. 잘 보관하세요:\nMFA, 액세스 키 없음.",
        "iam": "IAM (글로벌: 모든 리전에서 같음)",
        "group": "그룹: developers",
        "user_a": "사용자: mina",
        "user_b": "사용자: joon",
        "role": "역할: auditor",
        "policy": "정책 (JSON)",
        "role_note": "자체 암호나 키가 없음:\n신뢰 정책이 허용한 주체가\n잠시 동안 역할을 수임함.",
        "attached": "연결됨",
        "member": "멤버",
        "trust_title": "역할 수임: 신뢰 정책이 누가 할 수 있는지 정하고, STS가 임시 키를 발급",
        "caller": "사용자 mina\n(장기 키 AKIA…)",
        "sts": "AWS STS\nAssumeRole",
        "role_box": "역할 auditor\n신뢰 정책: mina가 수임 가능\n권한 정책: 읽기 전용",
        "creds": "임시 자격 증명\nASIA… + 보안 키 + 토큰\n(만료됨, 기본 1시간)",
        "ask": "1. AssumeRole",
        "check": "2. 신뢰 정책이\nmina를 허용?",
        "give": "3. 임시 키",
        "use": "4. 역할로서 AWS 호출",
        "services": "AWS 서비스",
    },
}


def account_figure():
    """An AWS account: the root user beside IAM with a group, two users, a role and a policy."""
    t = lambda key: text(TEXT, key)  # noqa: E731
    fig, ax = canvas(11, 5.6, t("account_title"))
    group(ax, 0.2, 0.2, 10.6, 5.0, t("account"), "neutral")
    node(ax, 1.6, 3.7, t("root"), "security", w=2.2, h=0.9)
    note(ax, 0.55, 2.2, t("root_note"), size=8)
    group(ax, 3.4, 0.5, 7.1, 4.2, t("iam"), "security", dashed=True)
    grp = node(ax, 5.0, 3.4, t("group"), "user", w=2.2, h=0.6)
    mina = node(ax, 4.3, 1.4, t("user_a"), "user", w=1.5, h=0.6)
    joon = node(ax, 5.9, 1.4, t("user_b"), "user", w=1.5, h=0.6)
    policy = node(ax, 8.6, 3.4, t("policy"), "compute", w=2.0, h=0.6)
    role = node(ax, 8.6, 1.4, t("role"), "network", w=2.0, h=0.6)
    arrow(ax, mina.side("top"), (4.6, grp.y), t("member"))
    arrow(ax, joon.side("top"), (5.6, grp.y))
    arrow(ax, policy.side("left"), grp.side("right"), t("attached"))
    arrow(ax, policy.side("bottom"), role.side("top"))
    note(ax, 7.5, 0.75, t("role_note"), size=7.5)
    return fig


def role_trust_figure():
    """mina asks STS to assume a role; the trust policy decides; temporary keys come back."""
    t = lambda key: text(TEXT, key)  # noqa: E731
    fig, ax = canvas(11, 4.6, t("trust_title"))
    caller = node(ax, 1.5, 3.2, t("caller"), "user", w=2.6, h=0.9)
    sts = node(ax, 4.9, 3.2, t("sts"), "security", w=1.8, h=0.9)
    role = node(ax, 9.3, 3.2, t("role_box"), "network", w=3.0, h=1.1)
    creds = node(ax, 3.5, 1.0, t("creds"), "compute", w=3.0, h=1.0)
    services = node(ax, 9.3, 1.0, t("services"), "neutral", w=2.2, h=0.7)
    arrow(ax, caller.side("right"), sts.side("left"), t("ask"))
    arrow(ax, sts.side("right"), role.side("left"), t("check"), both=True)
    arrow(ax, sts.side("bottom"), creds.side("top"), t("give"))
    arrow(ax, creds.side("right"), services.side("left"), t("use"))
    return fig
