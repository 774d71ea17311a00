"""Who can read an object? Edit a bucket policy, users' policies and Block Public Access, and see."""

from __future__ import annotations

import html
import json

import ipywidgets as w

from course import i18n
from course.iam import PolicyError
from course.s3_access import BlockPublicAccess, put_policy_refusal, who_can
from course.widgets.fallback import with_fallback
from course.widgets.html_parts import table_html

TEXT = {
    "en": {
        "scenario": "Scenario",
        "sc_public_off": "Public website, Block Public Access off",
        "sc_public_on": "Public website, Block Public Access on (the default)",
        "sc_cross_account": "Cross-account reader",
        "sc_prefix_deny": "Deny on a prefix beats a user's allow",
        "bucket_policy": "Bucket policy of 'site'",
        "alice_policy": "alice's user policy (same account)",
        "bob_policy": "bob's user policy (his own account)",
        "action": "Action",
        "key": "Object key",
        "bpa": "Block Public Access",
        "head": "Caller|Verdict|Why",
        "allowed": "✓ allowed",
        "denied": "✗ denied",
        "saved": "S3 saves this bucket policy.",
        "refused_note": "{refusal} The bucket keeps no policy; the verdicts below are without it.",
        "bad": "⚠ {what}: {error}",
        "empty": "(no policy)",
    },
    "ko": {
        "scenario": "시나리오",
        "sc_public_off": "퍼블릭 웹 사이트, 퍼블릭 액세스 차단 꺼짐",
        "sc_public_on": "퍼블릭 웹 사이트, 퍼블릭 액세스 차단 켜짐 (기본값)",
        "sc_cross_account": "다른 계정의 읽기 사용자",
        "sc_prefix_deny": "접두사에 건 Deny가 사용자의 Allow를 이김",
        "bucket_policy": "'site'의 버킷 정책",
        "alice_policy": "alice의 사용자 정책 (같은 계정)",
        "bob_policy": "bob의 사용자 정책 (bob 자신의 계정)",
        "action": "작업(Action)",
        "key": "객체 키",
        "bpa": "퍼블릭 액세스 차단(Block Public Access)",
        "head": "호출자|판정|이유",
        "allowed": "✓ 허용",
        "denied": "✗ 거부",
        "saved": "S3가 이 버킷 정책을 저장합니다.",
        "refused_note": "{refusal} 버킷에는 정책이 남지 않습니다. 아래 판정은 정책이 없는 상태의 결과입니다.",
        "bad": "⚠ {what}: {error}",
        "empty": "(정책 없음)",
    },
}
BPA_FIELDS = ("block_public_acls", "ignore_public_acls", "block_public_policy", "restrict_public_buckets")
BPA_LABELS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")
_ALL = '"Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/*"'
# A scenario is named in English in code; the dropdown shows its TEXT words.
SCENARIO_WORDS = {"Public website, Block Public Access off": "sc_public_off",
                  "Public website, Block Public Access on (the default)": "sc_public_on",
                  "Cross-account reader": "sc_cross_account",
                  "Deny on a prefix beats a user's allow": "sc_prefix_deny"}
SCENARIOS = {
    "Public website, Block Public Access off": (
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", ' + _ALL + '}]}',
        "", "", (False, False, False, False)),
    "Public website, Block Public Access on (the default)": (
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", ' + _ALL + '}]}',
        "", "", (True, True, True, True)),
    "Cross-account reader": (
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": '
        '{"AWS": "arn:aws:iam::444455556666:user/bob"}, ' + _ALL + '}]}',
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}',
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}',
        (True, True, True, True)),
    "Deny on a prefix beats a user's allow": (
        '{"Version": "2012-10-17", "Statement": [{"Sid": "NoDrafts", "Effect": "Deny", "Principal": "*", '
        '"Action": "s3:GetObject", "Resource": "arn:aws:s3:::site/drafts/*"}]}',
        '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]}',
        "", (True, True, True, True)),
}


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def _pretty(text: str) -> str:
    return json.dumps(json.loads(text), indent=1) if text.strip() else ""


class S3AccessView(w.VBox):
    """A bucket policy, two users' policies and Block Public Access in; who can do it out."""

    def __init__(self, scenario: str = "Public website, Block Public Access on (the default)"):
        area = w.Layout(width="100%", height="9em")
        self.scenario = w.Dropdown(options=[(_t(SCENARIO_WORDS[k]), k) for k in SCENARIOS], value=scenario, description=_t("scenario"),
                                   layout=w.Layout(width="36em"), style={"description_width": "initial"})
        self.bucket_policy = w.Textarea(layout=area)
        self.alice_policy = w.Textarea(layout=area)
        self.bob_policy = w.Textarea(layout=area)
        self.action = w.Dropdown(options=["s3:GetObject", "s3:PutObject", "s3:ListBucket"],
                                 description=_t("action"))
        self.key = w.Text(value="index.html", description=_t("key"))
        self.bpa = [w.Checkbox(value=True, description=label, indent=False) for label in BPA_LABELS]
        self.status = w.HTML()
        self.result = w.HTML()
        self.scenario.observe(lambda _c: self._load(), names="value")
        for control in (self.bucket_policy, self.alice_policy, self.bob_policy, self.action, self.key, *self.bpa):
            control.observe(lambda _c: self._update(), names="value")
        policies = w.GridBox([w.VBox([w.HTML(f"<b>{_t(k)}</b>"), t]) for k, t in (
            ("bucket_policy", self.bucket_policy), ("alice_policy", self.alice_policy),
            ("bob_policy", self.bob_policy))], layout=w.Layout(grid_template_columns="repeat(3, 1fr)"))
        super().__init__([self.scenario, policies, w.HBox([self.action, self.key]),
                          w.HBox([w.HTML(f"<b>{_t('bpa')}</b>&nbsp;"), *self.bpa]), self.status, self.result])
        self._load()

    def _load(self) -> None:
        bucket, alice, bob, flags = SCENARIOS[self.scenario.value]
        self._loading = True
        self.bucket_policy.value, self.alice_policy.value, self.bob_policy.value = (
            _pretty(bucket), _pretty(alice), _pretty(bob))
        for box, flag in zip(self.bpa, flags):
            box.value = flag
        self._loading = False
        self._update()

    def _update(self) -> None:
        if getattr(self, "_loading", False):
            return
        bpa = BlockPublicAccess(*(box.value for box in self.bpa))
        resource = "arn:aws:s3:::site" if self.action.value == "s3:ListBucket" else f"arn:aws:s3:::site/{self.key.value}"
        try:
            refusal = put_policy_refusal(self.bucket_policy.value, bpa)
            policy = None if refusal else self.bucket_policy.value
            verdicts = who_can(self.action.value, resource, bucket_policy=policy,
                               alice_policies=[self.alice_policy.value], bob_policies=[self.bob_policy.value], bpa=bpa)
        except PolicyError as error:
            self.status.value = f'<span style="color:#b42318">{html.escape(_t("bad", what="policy", error=str(error)))}</span>'
            self.result.value = ""
            return
        self.status.value = html.escape(_t("refused_note", refusal=refusal) if refusal else _t("saved"))
        rows = [(label, _t("allowed") if v.allowed else _t("denied"), " ".join((v.reason, *v.notes)))
                for label, v in verdicts.items()]
        colours = ["#e6f4ea" if v.allowed else "#fde2e1" for v in verdicts.values()]
        self.result.value = table_html(_t("head").split("|"), rows, colours, wrap=(2,))


def show_s3_access(scenario: str = "Public website, Block Public Access on (the default)"):
    """The S3 access view, with its first verdicts as the stand-in for pages without a kernel."""
    view = S3AccessView(scenario)
    return with_fallback(view, html=view.status.value + view.result.value)
