"""S3 checks: each passes on the right state and, on the wrong one, says (in English and Korean)
what it found, what it expected, what to reconsider and where the course teaches it, without
handing over the line that solves the task."""

from __future__ import annotations

import re

import pytest

from labs.checks import s3 as check
from labs.checks.result import CheckResult, require
from labs.sandbox import fresh_client
from tests.test_sandbox import sandbox_in_process

B = "kit-logs"  # not "logs": moto routes logs.s3.<region>.amazonaws.com to CloudWatch Logs
SEOUL = {"LocationConstraint": "ap-northeast-2"}


@pytest.fixture
def s3():
    with sandbox_in_process() as aws:
        yield aws.s3


def bucket(s3, name=B):
    s3.create_bucket(Bucket=name, CreateBucketConfiguration=SEOUL)


def nothing(s3):
    pass


def seoul_bucket(s3):
    bucket(s3)


def virginia_bucket(s3):
    # A us-east-1 client needs no LocationConstraint, and the bucket lands in us-east-1.
    fresh_client("s3", region="us-east-1").create_bucket(Bucket=B)


def one_object(s3, **extra):
    bucket(s3)
    s3.put_object(Bucket=B, Key="reports/2026/a.txt", Body=b"hello", **extra)


def described(s3):
    one_object(s3, Metadata={"Owner": "kim"}, ContentType="text/plain", StorageClass="STANDARD_IA")


def two_reports(s3):
    one_object(s3)
    s3.put_object(Bucket=B, Key="reports/2026/b.txt", Body=b"x")
    s3.put_object(Bucket=B, Key="other.txt", Body=b"x")


def versioned(s3, status="Enabled"):
    bucket(s3)
    s3.put_bucket_versioning(Bucket=B, VersioningConfiguration={"Status": status})


def suspended(s3):
    versioned(s3, "Enabled")
    s3.put_bucket_versioning(Bucket=B, VersioningConfiguration={"Status": "Suspended"})


def two_versions(s3):
    versioned(s3)
    s3.put_object(Bucket=B, Key="n.txt", Body=b"v1")
    s3.put_object(Bucket=B, Key="n.txt", Body=b"v2")


def deleted(s3):
    two_versions(s3)
    s3.delete_object(Bucket=B, Key="n.txt")


def overwritten_unversioned(s3):
    bucket(s3)
    s3.put_object(Bucket=B, Key="n.txt", Body=b"v1")
    s3.put_object(Bucket=B, Key="n.txt", Body=b"v2")


def glacier(s3):
    one_object(s3, StorageClass="GLACIER")


# id, state, check, passed, words the message must contain, words the hint must contain
CASES = [
    pytest.param(seoul_bucket, lambda: check.bucket_exists_in_region(B), True,
                 ["exists in ap-northeast-2"], [], id="bucket-in-seoul"),
    pytest.param(nothing, lambda: check.bucket_exists_in_region(B), False,
                 ["'kit-logs' does not exist"], ["create the bucket first, in ap-northeast-2", "LocationConstraint"],
                 id="bucket-missing"),
    pytest.param(virginia_bucket, lambda: check.bucket_exists_in_region(B), False,
                 ["is in us-east-1, expected ap-northeast-2"], ["can't change", "LocationConstraint"],
                 id="bucket-in-wrong-region"),
    pytest.param(one_object, lambda: check.object_exists(B, "reports/2026/a.txt"), True,
                 ["exists"], [], id="object-exists"),
    pytest.param(one_object, lambda: check.object_exists(B, "reports/a.txt"), False,
                 ["'reports/a.txt' not found", "reports/2026/a.txt"],
                 ["full name"], id="object-missing-lists-keys-there"),
    pytest.param(nothing, lambda: check.object_exists(B, "a.txt"), False,
                 ["'kit-logs' does not exist"], ["create the bucket"], id="object-in-missing-bucket"),
    pytest.param(one_object, lambda: check.object_body(B, "reports/2026/a.txt", "hello"), True,
                 ["holds b'hello'"], [], id="body-matches"),
    pytest.param(one_object, lambda: check.object_body(B, "reports/2026/a.txt", "bye"), False,
                 ["holds b'hello', expected b'bye'"], ["exactly the body"], id="body-differs"),
    pytest.param(glacier, lambda: check.object_body(B, "reports/2026/a.txt", "hello"), False,
                 ["can't be read: InvalidObjectState"], ["restore"], id="body-of-glacier-object"),
    pytest.param(two_reports, lambda: check.keys_with_prefix(B, "reports/", ["reports/2026/a.txt", "reports/2026/b.txt"]),
                 True, ["keys under 'reports/'"], [], id="prefix-lists-exactly"),
    pytest.param(one_object, lambda: check.keys_with_prefix(B, "reports/", ["reports/2026/a.txt", "reports/2026/b.txt"]),
                 False, ["missing ['reports/2026/b.txt']"], ["full name", "not a folder"], id="prefix-missing-key"),
    pytest.param(two_reports, lambda: check.keys_with_prefix(B, "reports/", ["reports/2026/a.txt"]),
                 False, ["unexpected ['reports/2026/b.txt']"], ["remove the others"], id="prefix-extra-key"),
    pytest.param(described, lambda: check.object_metadata(B, "reports/2026/a.txt", {"owner": "kim"}), True,
                 ["has metadata"], [], id="metadata-names-are-lowercase"),
    pytest.param(described, lambda: check.object_metadata(B, "reports/2026/a.txt", {"owner": "lee", "team": "ops"}),
                 False, ["owner='kim'", "team missing"], ["when the object is written", "Content-Type"],
                 id="metadata-wrong-and-missing"),
    pytest.param(described, lambda: check.object_content_type(B, "reports/2026/a.txt", "text/plain"), True,
                 ["text/plain"], [], id="content-type"),
    pytest.param(described, lambda: check.object_content_type(B, "reports/2026/a.txt", "application/json"), False,
                 ["'text/plain', expected 'application/json'"], ["system metadata", "all the task's metadata"],
                 id="content-type-wrong"),
    pytest.param(described, lambda: check.object_storage_class(B, "reports/2026/a.txt", "STANDARD_IA"), True,
                 ["stored as STANDARD_IA"], [], id="storage-class"),
    pytest.param(one_object, lambda: check.object_storage_class(B, "reports/2026/a.txt", "STANDARD"), True,
                 ["stored as STANDARD"], [], id="no-class-header-means-standard"),
    pytest.param(one_object, lambda: check.object_storage_class(B, "reports/2026/a.txt", "GLACIER"), False,
                 ["storage class STANDARD, expected GLACIER"], ["per object"], id="storage-class-wrong"),
    pytest.param(versioned, lambda: check.bucket_versioning_status(B, "Enabled"), True,
                 ["versioning Enabled"], [], id="versioning-enabled"),
    pytest.param(suspended, lambda: check.bucket_versioning_status(B, "Enabled"), False,
                 ["bucket 'kit-logs': versioning Suspended, expected Enabled"],
                 ["starts unversioned", "only be suspended"],
                 id="versioning-suspended"),
    pytest.param(seoul_bucket, lambda: check.bucket_versioning_status(B, "Enabled"), False,
                 ["versioning Unversioned, expected Enabled"], ["bucket setting"], id="versioning-never-on"),
    pytest.param(two_versions, lambda: check.object_has_versions(B, "n.txt", 2), True,
                 ["has 2 versions"], [], id="two-versions"),
    pytest.param(overwritten_unversioned, lambda: check.object_has_versions(B, "n.txt", 2), False,
                 ["has 1 version(s), expected at least 2"], ["before the writes"],
                 id="overwrite-without-versioning-keeps-one"),
    pytest.param(deleted, lambda: check.delete_marker_is_latest(B, "n.txt"), True,
                 ["latest version is a delete marker"], [], id="delete-marker-latest"),
    pytest.param(two_versions, lambda: check.delete_marker_is_latest(B, "n.txt"), False,
                 ["latest is a version with data, expected a delete marker"],
                 ["without a version id adds a delete marker"], id="not-deleted"),
    pytest.param(seoul_bucket, lambda: check.delete_marker_is_latest(B, "n.txt"), False,
                 ["latest is no versions at all"], ["delete marker"], id="never-written"),
    pytest.param(deleted, lambda: check.object_version_bodies(B, "n.txt", ["v1", "v2"]), True,
                 ["versions hold"], [], id="version-bodies-oldest-first"),
    pytest.param(two_versions, lambda: check.object_version_bodies(B, "n.txt", ["v2", "v1"]), False,
                 ["expected [b'v2', b'v1'] (oldest first)"], ["one write each"], id="version-bodies-wrong-order"),
]


@pytest.mark.parametrize("state, run_check, passed, message_words, hint_words", CASES)
def test_check(s3, state, run_check, passed, message_words, hint_words):
    state(s3)
    result = run_check()
    assert isinstance(result, CheckResult)
    assert result.passed is passed, result.explain()
    for words in message_words:
        assert words in result.message, result.message
    for words in hint_words:
        assert words in result.hint, result.hint
    assert result.message_ko and result.message_ko != result.message, "every message comes in Korean too"
    if passed:
        assert result.hint == ""
    else:
        assert result.expected is not None
        assert result.hint_ko, "a failure's hint comes in Korean too"
        assert re.fullmatch(r"\d\d-[\w-]+\.ipynb § .+", result.see), result.see
        assert_no_solution_code(result.hint)


def assert_no_solution_code(hint: str) -> None:
    """A hint says what to reconsider; it never holds a call to paste."""
    assert not re.search(r"\w+\.\w+\(|\w+=", hint), f"hint hands over code: {hint}"


def test_checks_read_state_not_the_learners_client(s3):
    """A check still sees the truth after the learner's own client is broken."""
    bucket(s3)
    s3.meta.events.register("before-call.s3.*", lambda **kwargs: {"fake": "response"})
    assert check.bucket_exists_in_region(B).passed


class TestRequire:
    ok = CheckResult("a", True, "fine")
    bad = CheckResult("versioning", False, "bucket 'kit-logs': versioning Suspended, expected Enabled",
                      found="Suspended", expected="Enabled",
                      hint="versioning, once enabled, is never off again: enable it",
                      message_ko="버킷 'kit-logs': 버전 관리가 Suspended, 기대한 값은 Enabled",
                      hint_ko="버전 관리를 활성화하세요", see="16-s3-basics.ipynb § Versioning")

    def test_passes_with_one_short_line(self, capsys):
        assert require(self.ok, self.ok) is None
        assert capsys.readouterr().out.strip() == "✓ 2 check(s) passed / 2개 확인 통과"

    def test_failure_lists_found_expected_and_fix(self):
        with pytest.raises(AssertionError) as err:
            require(self.ok, self.bad)
        text = str(err.value)
        assert text.startswith("1 of 2 check(s) failed")
        assert "versioning Suspended, expected Enabled" in text
        assert "버전 관리가 Suspended" in text, "the Korean message follows the English one"
        assert "hint: versioning, once enabled" in text and "힌트: 버전 관리를" in text
        assert "see / 참고: 16-s3-basics.ipynb § Versioning" in text
        assert "fine" not in text, "passed checks are not repeated"


# --- data protection and hosting ---------------------------------------------------

import json  # noqa: E402

LIFECYCLE = {"Rules": [
    {"ID": "logs-archive", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
     "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}],
     "Expiration": {"Days": 365}},
    {"ID": "old-versions", "Status": "Enabled", "Filter": {}, "NoncurrentVersionExpiration": {"NoncurrentDays": 30}},
]}
ROLE = "arn:aws:iam::123456789012:role/kit-reader"
ALL_ON = {s: True for s in check.BPA_SETTINGS}


def lifecycle(s3, config=LIFECYCLE):
    bucket(s3)
    s3.put_bucket_lifecycle_configuration(Bucket=B, LifecycleConfiguration=config)


def lifecycle_ia_at_10(s3):
    rules = json.loads(json.dumps(LIFECYCLE))
    rules["Rules"][0]["Transitions"][0]["Days"] = 10
    lifecycle(s3, rules)


def locked(s3, mode="COMPLIANCE", **period):
    s3.create_bucket(Bucket=B, CreateBucketConfiguration=SEOUL, ObjectLockEnabledForBucket=True)
    s3.put_object_lock_configuration(Bucket=B, ObjectLockConfiguration={
        "ObjectLockEnabled": "Enabled", "Rule": {"DefaultRetention": {"Mode": mode, **(period or {"Years": 7})}}})
    s3.put_object(Bucket=B, Key="invoice.pdf", Body=b"%PDF")


def kms_encrypted(s3, key_id=None):
    from labs.sandbox import start

    kms = start().client("kms")
    key = kms.create_key(Description="lab")["KeyMetadata"]["KeyId"]
    kms.create_alias(AliasName="alias/kit-test-key", TargetKeyId=key)
    bucket(s3)
    s3.put_bucket_encryption(Bucket=B, ServerSideEncryptionConfiguration={"Rules": [{
        "ApplyServerSideEncryptionByDefault": {"SSEAlgorithm": "aws:kms", "KMSMasterKeyID": key_id or key},
        "BucketKeyEnabled": True}]})
    s3.put_object(Bucket=B, Key="secret.txt", Body=b"s")


def policy(s3, principal=None, bpa=ALL_ON, key="reports/*"):
    bucket(s3)
    s3.put_public_access_block(Bucket=B, PublicAccessBlockConfiguration=bpa)
    s3.put_bucket_policy(Bucket=B, Policy=json.dumps({"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": principal or {"AWS": ROLE}, "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{B}/{key}"}]}))


def locked_for_a_day(s3):
    """The bucket's default is 7 years, but the invoice carries its own one-day retention."""
    from datetime import datetime, timedelta, timezone

    locked(s3)
    s3.put_object(Bucket=B, Key="invoice.pdf", Body=b"%PDF", ObjectLockMode="COMPLIANCE",
                  ObjectLockRetainUntilDate=datetime.now(timezone.utc) + timedelta(days=1))


def statements(s3, *statement, bpa=ALL_ON):
    bucket(s3)
    s3.put_public_access_block(Bucket=B, PublicAccessBlockConfiguration=bpa)
    s3.put_bucket_policy(Bucket=B, Policy=json.dumps({"Version": "2012-10-17", "Statement": list(statement)}))


def deny_with_the_right_sid(s3):
    """The Sid the solution uses, with the wrong effect."""
    statements(s3, {"Sid": "ReadersReadReports", "Effect": "Deny", "Principal": {"AWS": ROLE},
                    "Action": "s3:GetObject", "Resource": f"arn:aws:s3:::{B}/reports/*"})


def everything_but_secrets(s3):
    """s3:* on every object and a Deny on secrets/: the reader may read reports/, and write and delete too."""
    statements(s3, {"Effect": "Allow", "Principal": {"AWS": ROLE}, "Action": "s3:*", "Resource": f"arn:aws:s3:::{B}/*"},
               {"Effect": "Deny", "Principal": {"AWS": ROLE}, "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{B}/secrets/*"})


def allow_with_not_principal(s3, bpa=ALL_ON):
    """A policy S3 won't parse that the sandbox stores anyway."""
    statements(s3, {"Effect": "Allow", "NotPrincipal": {"AWS": ROLE}, "Action": "s3:GetObject",
                    "Resource": f"arn:aws:s3:::{B}/*"}, bpa=bpa)


def public_site(s3, bpa=None):
    policy(s3, principal="*", key="*", bpa=bpa or {**ALL_ON, "BlockPublicPolicy": False, "RestrictPublicBuckets": False})
    s3.put_bucket_website(Bucket=B, WebsiteConfiguration={"IndexDocument": {"Suffix": "index.html"},
                                                          "ErrorDocument": {"Key": "error.html"}})


PROTECTION = [
    pytest.param(lifecycle, lambda: check.lifecycle_valid(B), True, ["S3 would accept", "2 rule(s)"], [],
                 id="lifecycle-valid"),
    pytest.param(lifecycle_ia_at_10, lambda: check.lifecycle_valid(B), False,
                 ["S3 would reject", "greater than or equal to 30 for storageClass 'STANDARD_IA'"], ["minimum days"],
                 id="lifecycle-ia-at-10-days"),
    pytest.param(seoul_bucket, lambda: check.lifecycle_valid(B), False, ["no lifecycle configuration"], ["one configuration"],
                 id="lifecycle-missing"),
    pytest.param(lifecycle, lambda: check.lifecycle_places(B, "logs/app.log", {29: "STANDARD", 30: "STANDARD_IA",
                                                                                90: "GLACIER", 365: "deleted"}),
                 True, ["placed as expected"], [], id="lifecycle-played-forward"),
    pytest.param(lifecycle, lambda: check.lifecycle_places(B, "notes.txt", {400: "STANDARD"}), True, ["day"], [],
                 id="lifecycle-filter-leaves-other-keys"),
    pytest.param(lifecycle, lambda: check.lifecycle_places(B, "any.txt", {29: "STANDARD", 30: "deleted"}, noncurrent=True),
                 True, ["a noncurrent version of 'any.txt'"], [], id="lifecycle-noncurrent-expiry"),
    pytest.param(lifecycle, lambda: check.lifecycle_places(B, "logs/app.log", {60: "GLACIER"}), False,
                 ["day 60: STANDARD_IA, expected GLACIER", "lifecycle simulator"], ["filter"], id="lifecycle-wrong-day"),
    pytest.param(locked, lambda: check.object_lock_default(B, "COMPLIANCE", 2555), True, ["COMPLIANCE for at least 2555 days"],
                 [], id="lock-compliance-7-years"),
    pytest.param(lambda s3: locked(s3, "GOVERNANCE"), lambda: check.object_lock_default(B, "COMPLIANCE", 2555), False,
                 ["default retention GOVERNANCE for 2555 days, expected COMPLIANCE"], ["not even the root user"],
                 id="lock-governance-not-compliance"),
    pytest.param(lambda s3: locked(s3, Days=30), lambda: check.object_lock_default(B, "COMPLIANCE", 2555), False,
                 ["COMPLIANCE for 30 days"], ["compliance mode"], id="lock-too-short"),
    pytest.param(seoul_bucket, lambda: check.object_lock_default(B, "COMPLIANCE", 1), False, ["no Object Lock configuration"],
                 ["when the bucket is created"], id="lock-missing"),
    pytest.param(locked, lambda: check.object_lock_mode(B, "invoice.pdf", "COMPLIANCE"), True, ["locked in COMPLIANCE"], [],
                 id="object-locked"),
    pytest.param(lambda s3: locked(s3, "GOVERNANCE"), lambda: check.object_lock_mode(B, "invoice.pdf", "COMPLIANCE"), False,
                 ["lock mode GOVERNANCE, expected COMPLIANCE"], ["default retention"], id="object-locked-governance"),
    pytest.param(locked, lambda: check.object_lock_mode(B, "invoice.pdf", "COMPLIANCE", days=2555), True,
                 ["locked in COMPLIANCE"], [], id="object-locked-for-the-full-period"),
    pytest.param(locked_for_a_day, lambda: check.object_lock_mode(B, "invoice.pdf", "COMPLIANCE", days=2555), False,
                 ["expected at least 2555 days from now"], ["replaces the bucket's default"], id="object-locked-for-a-day"),
    pytest.param(kms_encrypted, lambda: check.bucket_default_kms(B, "alias/kit-test-key"), True, ["SSE-KMS key"], [],
                 id="default-kms"),
    pytest.param(lambda s3: kms_encrypted(s3, key_id="alias/no-such-key"), lambda: check.bucket_default_kms(B, "alias/kit-test-key"),
                 False, ["alias/no-such-key"], ["must exist in KMS"], id="default-kms-unknown-key"),
    pytest.param(seoul_bucket, lambda: check.bucket_default_kms(B, "alias/nope"), False, ["no KMS key 'alias/nope'"],
                 ["KMS"], id="kms-key-missing"),
    pytest.param(kms_encrypted, lambda: check.object_kms_encrypted(B, "secret.txt", "alias/kit-test-key"), True,
                 ["encrypted with SSE-KMS"], [], id="object-kms"),
    pytest.param(policy, lambda: check.public_access_block(B), True, ["Block Public Access"], [], id="bpa-all-on"),
    pytest.param(seoul_bucket, lambda: check.public_access_block(B), False, ["no Block Public Access configuration"],
                 ["since April 2023"], id="bpa-missing"),
    pytest.param(policy, lambda: check.policy_decides(B, ROLE, "s3:GetObject", "reports/q1.csv"), True,
                 ["is allowed"], [], id="policy-grants-role"),
    pytest.param(policy, lambda: check.policy_decides(B, "anonymous", "s3:GetObject", "reports/q1.csv", allowed=False),
                 True, ["anonymous", "is denied"], [], id="policy-denies-anyone"),
    pytest.param(policy, lambda: check.policy_decides(B, ROLE, "s3:GetObject", "secret.txt"), False,
                 ["expected allowed"], ["principal, action and resource"], id="policy-outside-prefix"),
    pytest.param(lambda s3: policy(s3, principal="*"), lambda: check.policy_decides(B, ROLE, "s3:GetObject", "reports/q1.csv"),
                 False, ["public and BlockPublicPolicy is on", "would have refused"], ["Principal"], id="public-policy-under-bpa"),
    pytest.param(deny_with_the_right_sid, lambda: check.policy_decides(B, ROLE, "s3:GetObject", "reports/q1.csv"), False,
                 [": denied, expected allowed", "explicit Deny"], ["principal, action and resource"], id="policy-sid-right-effect-wrong"),
    pytest.param(everything_but_secrets, lambda: check.policy_decides(B, ROLE, "s3:PutObject", "reports/q1.csv",
                                                                      allowed=False), False,
                 [": allowed, expected denied"], [], id="policy-reader-may-write"),
    pytest.param(policy, lambda: check.policy_decides(B, ROLE, "s3:PutObject", "reports/q1.csv", allowed=False), True,
                 ["is denied"], [], id="policy-reader-may-not-write"),
    pytest.param(allow_with_not_principal, lambda: check.policy_decides(B, ROLE, "s3:GetObject", "reports/q1.csv"), False,
                 ["S3 would refuse to save this bucket policy", "NotPrincipal"], [], id="policy-s3-would-not-parse"),
    pytest.param(lambda s3: allow_with_not_principal(s3, {**ALL_ON, "BlockPublicPolicy": False}),
                 lambda: check.policy_decides(B, "anonymous", "s3:GetObject", "index.html"), False,
                 ["S3 would refuse to save this bucket policy"], [], id="policy-s3-would-not-parse-bpa-off"),
    pytest.param(public_site, lambda: check.policy_decides(B, "anonymous", "s3:GetObject", "index.html"), True,
                 ["is allowed"], [], id="public-website-policy"),
    pytest.param(lambda s3: public_site(s3, bpa=ALL_ON), lambda: check.policy_decides(B, "anonymous", "s3:GetObject", "index.html"),
                 False, ["would have refused"], ["Principal"], id="website-policy-under-bpa"),
    pytest.param(public_site, lambda: check.public_access_block(B, BlockPublicPolicy=False, RestrictPublicBuckets=False),
                 True, ["Block Public Access"], [], id="bpa-for-website"),
    pytest.param(public_site, lambda: check.website_hosting(B), True, ["serves a website"], [], id="website"),
    pytest.param(seoul_bucket, lambda: check.website_hosting(B), False, ["no website configuration"], ["index document"],
                 id="website-missing"),
]


@pytest.mark.parametrize("state, run_check, passed, message_words, hint_words", PROTECTION)
def test_protection_check(s3, state, run_check, passed, message_words, hint_words):
    test_check(s3, state, run_check, passed, message_words, hint_words)
