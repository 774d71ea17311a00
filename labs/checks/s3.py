"""Checks of S3 state in the sandbox, for lab tests.

Every check reads through `labs.sandbox.check_client("s3")`, a client from the checks' own
session that the learner never touched, and returns a `CheckResult` whose message says what was
found against what was expected, in English and Korean, whose hint says what to reconsider
(never the line that solves it) and whose ``see`` names the chapter section that teaches it.
Use them with `require`::

    from labs.checks import s3 as s3_checks
    from labs.checks.result import require
    require(s3_checks.bucket_versioning_status("kit-notes", "Enabled"))
"""

from __future__ import annotations

from collections.abc import Iterable

from labs.checks.result import CheckResult, failed, passed, require
from labs.guard import DEFAULT_REGION

__all__ = [
    "TEXT",
    "require",
    "bucket_exists_in_region",
    "object_exists",
    "object_body",
    "keys_with_prefix",
    "object_metadata",
    "object_content_type",
    "object_storage_class",
    "bucket_versioning_status",
    "object_has_versions",
    "delete_marker_is_latest",
    "object_version_bodies",
]

_SHOWN_KEYS = 10

# Where the course teaches each topic ("file § heading", the heading as the chapter spells it).
SEE_BUCKETS = "16-s3-basics.ipynb § 3. Buckets"
SEE_OBJECTS = "16-s3-basics.ipynb § 4. Objects: key, value, metadata"
SEE_PREFIXES = "16-s3-basics.ipynb § 5. Folders are key prefixes"
SEE_CLASSES = "17-s3-storage-classes.ipynb § 1. The classes at a glance"
SEE_VERSIONING = "19-s3-versioning-lifecycle-replication.ipynb § 1. Versioning states"
SEE_DELETES = "19-s3-versioning-lifecycle-replication.ipynb § 2. Deleting in a versioned bucket"

TEXT = {
    "en": {
        "bucket_missing": "bucket {bucket!r} does not exist ({code})",
        "bucket_missing_hint": ("create the bucket first, in {region}: outside us-east-1 the Region goes in "
                                "the create call's bucket configuration (LocationConstraint)"),
        "bucket_region_wrong": "bucket {bucket!r} is in {got}, expected {region}",
        "bucket_region_hint": ("a bucket's Region can't change: delete the bucket and create it again, "
                               "naming {region} as its LocationConstraint"),
        "bucket_region_ok": "bucket {bucket!r} exists in {region}",
        "object_missing": "object {object_key!r} not found in bucket {bucket!r} (keys there: {shown})",
        "object_missing_hint": ("the key is the object's full name, '/' included: compare it letter by "
                                "letter with the task"),
        "object_ok": "object {object_key!r} exists in bucket {bucket!r}",
        "body_unreadable": "object {object_key!r} can't be read: {code}",
        "body_unreadable_hint": ("objects in GLACIER or DEEP_ARCHIVE must be restored before a GET; "
                                 "was this object meant to be in an archive class?"),
        "body_wrong": "object {object_key!r} holds {got!r}, expected {want!r}",
        "body_wrong_hint": "write the object again with exactly the body the task gives (bytes, newlines included)",
        "body_ok": "object {object_key!r} holds {want!r}",
        "prefix_wrong": "keys under {prefix!r} in bucket {bucket!r}: {detail}",
        "prefix_missing_hint": ("every key the task lists must exist with its full name; a prefix is "
                                "only the start of keys, not a folder you create"),
        "prefix_extra_hint": "only the keys the task lists may start with {prefix!r}: remove the others",
        "prefix_ok": "keys under {prefix!r} are {want}",
        "metadata_wrong": "object {object_key!r}: user metadata {detail}; expected {want}",
        "metadata_hint": ("user metadata, like Content-Type and the other system metadata, is set when "
                          "the object is written: write it again with everything the task asks for"),
        "metadata_ok": "object {object_key!r} has metadata {want}",
        "content_type_wrong": "object {object_key!r}: Content-Type {got!r}, expected {want!r}",
        "content_type_hint": ("Content-Type is system metadata, set when the object is written; without it "
                              "S3 stores a generic type. Write the object again with all the task's metadata"),
        "content_type_ok": "object {object_key!r} has Content-Type {want!r}",
        "class_wrong": "object {object_key!r}: storage class {got}, expected {want}",
        "class_hint": "the storage class is chosen per object when it is written; without one it is STANDARD",
        "class_ok": "object {object_key!r} is stored as {want}",
        "versioning_wrong": "bucket {bucket!r}: versioning {got}, expected {want}",
        "versioning_hint": ("a bucket starts unversioned; versioning is a bucket setting you turn on, and "
                            "once on it can only be suspended, never removed"),
        "versioning_ok": "bucket {bucket!r}: versioning {want}",
        "versions_few": "object {object_key!r} has {got} version(s), expected at least {want}",
        "versions_hint": ("S3 keeps older versions only while versioning is on: turn it on before the "
                          "writes, then write the key again"),
        "versions_ok": "object {object_key!r} has {got} versions",
        "marker_missing": "object {object_key!r}: latest is {got}, expected a delete marker",
        "marker_hint": ("in a versioned bucket a DELETE without a version id adds a delete marker; a DELETE "
                        "with a version id removes that version for good"),
        "marker_ok": "object {object_key!r}: the latest version is a delete marker",
        "found_data": "a version with data",
        "found_nothing": "no versions at all",
        "bodies_wrong": "object {object_key!r}: versions hold {got}, expected {want} (oldest first)",
        "bodies_hint": "each write of the key adds a version: write the bodies in the task's order, one write each",
        "bodies_ok": "object {object_key!r}: versions hold {want}",
    },
    "ko": {
        "bucket_missing": "버킷 {bucket!r}이(가) 없습니다 ({code})",
        "bucket_missing_hint": ("먼저 {region}에 버킷을 만드세요. us-east-1 밖에서는 버킷 생성 요청의 버킷 구성"
                                "(LocationConstraint)에 리전을 적습니다"),
        "bucket_region_wrong": "버킷 {bucket!r}은(는) {got}에 있습니다. 기대한 리전은 {region}입니다",
        "bucket_region_hint": ("버킷의 리전은 바꿀 수 없습니다. 버킷을 삭제하고 LocationConstraint에 {region}을(를) "
                               "적어 다시 만드세요"),
        "bucket_region_ok": "버킷 {bucket!r}이(가) {region}에 있습니다",
        "object_missing": "버킷 {bucket!r}에 객체 {object_key!r}이(가) 없습니다 (있는 키: {shown})",
        "object_missing_hint": "키는 '/'까지 포함한 객체의 전체 이름입니다. 과제의 키와 한 글자씩 비교해 보세요",
        "object_ok": "버킷 {bucket!r}에 객체 {object_key!r}이(가) 있습니다",
        "body_unreadable": "객체 {object_key!r}을(를) 읽을 수 없습니다: {code}",
        "body_unreadable_hint": ("GLACIER나 DEEP_ARCHIVE의 객체는 GET 전에 복원해야 합니다. 이 객체가 아카이브 "
                                 "클래스에 있어야 하나요?"),
        "body_wrong": "객체 {object_key!r}의 내용은 {got!r}, 기대한 내용은 {want!r}입니다",
        "body_wrong_hint": "과제에 주어진 내용 그대로(바이트와 줄바꿈까지) 객체를 다시 쓰세요",
        "body_ok": "객체 {object_key!r}의 내용이 {want!r}입니다",
        "prefix_wrong": "버킷 {bucket!r}에서 {prefix!r}(으)로 시작하는 키: {detail}",
        "prefix_missing_hint": ("과제에 나온 키가 전체 이름 그대로 모두 있어야 합니다. 접두사(prefix)는 키의 앞부분일 "
                                "뿐, 따로 만드는 폴더가 아닙니다"),
        "prefix_extra_hint": "과제에 나온 키만 {prefix!r}(으)로 시작해야 합니다. 나머지는 지우세요",
        "prefix_ok": "{prefix!r}(으)로 시작하는 키는 {want}입니다",
        "metadata_wrong": "객체 {object_key!r}: 사용자 메타데이터 {detail}; 기대한 값은 {want}",
        "metadata_hint": ("사용자 메타데이터는 Content-Type 같은 시스템 메타데이터와 마찬가지로 객체를 쓸 때 정해집니다. "
                          "과제가 요구하는 것을 모두 담아 다시 쓰세요"),
        "metadata_ok": "객체 {object_key!r}에 메타데이터 {want}이(가) 있습니다",
        "content_type_wrong": "객체 {object_key!r}: Content-Type이 {got!r}, 기대한 값은 {want!r}입니다",
        "content_type_hint": ("Content-Type은 객체를 쓸 때 정해지는 시스템 메타데이터입니다. 지정하지 않으면 S3가 일반 "
                              "형식을 저장합니다. 과제의 메타데이터를 모두 담아 다시 쓰세요"),
        "content_type_ok": "객체 {object_key!r}의 Content-Type이 {want!r}입니다",
        "class_wrong": "객체 {object_key!r}: 스토리지 클래스가 {got}, 기대한 값은 {want}입니다",
        "class_hint": "스토리지 클래스는 객체를 쓸 때 객체마다 정합니다. 지정하지 않으면 STANDARD입니다",
        "class_ok": "객체 {object_key!r}이(가) {want}(으)로 저장되어 있습니다",
        "versioning_wrong": "버킷 {bucket!r}: 버전 관리가 {got}, 기대한 값은 {want}입니다",
        "versioning_hint": ("버킷은 버전 관리 없이 시작합니다. 버전 관리는 켜는 버킷 설정이며, 한 번 켜면 일시 중지만 "
                            "할 수 있고 없앨 수는 없습니다"),
        "versioning_ok": "버킷 {bucket!r}: 버전 관리 {want}",
        "versions_few": "객체 {object_key!r}의 버전은 {got}개, 기대한 값은 {want}개 이상입니다",
        "versions_hint": "S3는 버전 관리가 켜져 있을 때만 이전 버전을 남깁니다. 먼저 켠 다음 키를 다시 쓰세요",
        "versions_ok": "객체 {object_key!r}의 버전이 {got}개입니다",
        "marker_missing": "객체 {object_key!r}: 최신 버전이 {got}입니다. 기대한 것은 삭제 마커입니다",
        "marker_hint": ("버전 관리 버킷에서 버전 ID 없이 DELETE하면 삭제 마커가 추가되고, 버전 ID를 주고 DELETE하면 "
                        "그 버전이 영구히 삭제됩니다"),
        "marker_ok": "객체 {object_key!r}: 최신 버전이 삭제 마커입니다",
        "found_data": "데이터가 있는 버전",
        "found_nothing": "버전이 하나도 없음",
        "bodies_wrong": "객체 {object_key!r}: 버전의 내용이 {got}, 기대한 값은 {want} (오래된 것부터)",
        "bodies_hint": "키를 쓸 때마다 버전이 하나 추가됩니다. 과제의 순서대로 한 번에 하나씩 쓰세요",
        "bodies_ok": "객체 {object_key!r}: 버전의 내용이 {want}입니다",
    },
}


def bucket_exists_in_region(bucket: str, region: str = DEFAULT_REGION) -> CheckResult:
    """Check that ``bucket`` exists and lives in ``region``.

    A bucket created without a LocationConstraint lives in us-east-1
    (GetBucketLocation returns no constraint for it).
    """
    name = "bucket_exists_in_region"
    s3 = _s3()
    try:
        location = s3.get_bucket_location(Bucket=bucket).get("LocationConstraint")
    except _client_error() as err:
        return _missing_bucket(name, bucket, err, region)
    found = location or "us-east-1"
    if found != region:
        return _fail(name, "bucket_region_wrong", found=found, expected=region,
                      hint="bucket_region_hint", see=SEE_BUCKETS, bucket=bucket, region=region)
    return _pass(name, "bucket_region_ok", found=found, expected=region, bucket=bucket, region=region)


def object_exists(bucket: str, key: str) -> CheckResult:
    """Check that ``key`` is a current object in ``bucket``."""
    name = "object_exists"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    if not _head(s3, bucket, key):
        return _missing_key(name, s3, bucket, key)
    return _pass(name, "object_ok", found=key, expected=key, object_key=key, bucket=bucket)


def object_body(bucket: str, key: str, expected: str | bytes) -> CheckResult:
    """Check that the current version of ``key`` holds exactly ``expected``."""
    name = "object_body"
    want = expected.encode() if isinstance(expected, str) else expected
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket) or _key_problem(name, s3, bucket, key)
    if problem:
        return problem
    try:
        body = s3.get_object(Bucket=bucket, Key=key)["Body"].read()
    except _client_error() as err:
        code = _code(err)
        return _fail(name, "body_unreadable", found=code, expected=want, hint="body_unreadable_hint",
                      see=SEE_CLASSES, object_key=key, code=code)
    if body != want:
        return _fail(name, "body_wrong", found=body, expected=want, hint="body_wrong_hint",
                      see=SEE_OBJECTS, object_key=key)
    return _pass(name, "body_ok", found=body, expected=want, object_key=key)


def keys_with_prefix(bucket: str, prefix: str, expected: Iterable[str]) -> CheckResult:
    """Check that listing ``prefix`` returns exactly the keys ``expected``."""
    name = "keys_with_prefix"
    want = sorted(expected)
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    found = sorted(_keys(s3, bucket, prefix))
    if found != want:
        missing = sorted(set(want) - set(found))
        extra = sorted(set(found) - set(want))
        parts = [f"missing {missing}" if missing else "", f"unexpected {extra}" if extra else ""]
        detail = "; ".join(p for p in parts if p)
        return _fail(name, "prefix_wrong", found=found, expected=want,
                      hint="prefix_missing_hint" if missing else "prefix_extra_hint", see=SEE_PREFIXES,
                      prefix=prefix, bucket=bucket, detail=detail)
    return _pass(name, "prefix_ok", found=found, expected=want, prefix=prefix)


def object_metadata(bucket: str, key: str, expected: dict[str, str]) -> CheckResult:
    """Check that ``key`` carries every user-metadata pair in ``expected``.

    S3 returns user-metadata names in lowercase, so names compare
    case-insensitively; values compare exactly.
    """
    name = "object_metadata"
    s3 = _s3()
    head, problem = _current_head(name, s3, bucket, key)
    if problem:
        return problem
    found = {k.lower(): v for k, v in head.get("Metadata", {}).items()}
    wrong = {k: found.get(k.lower()) for k, v in expected.items() if found.get(k.lower()) != v}
    if wrong:
        detail = ", ".join(f"{k}={v!r}" if v is not None else f"{k} missing" for k, v in wrong.items())
        return _fail(name, "metadata_wrong", found=found, expected=dict(expected),
                      hint="metadata_hint", see=SEE_OBJECTS, object_key=key, detail=detail)
    return _pass(name, "metadata_ok", found=found, expected=dict(expected), object_key=key)


def object_content_type(bucket: str, key: str, expected: str) -> CheckResult:
    """Check the system metadata Content-Type of ``key``."""
    name = "object_content_type"
    s3 = _s3()
    head, problem = _current_head(name, s3, bucket, key)
    if problem:
        return problem
    found = head.get("ContentType")
    if found != expected:
        return _fail(name, "content_type_wrong", found=found, expected=expected,
                      hint="content_type_hint", see=SEE_OBJECTS, object_key=key)
    return _pass(name, "content_type_ok", found=found, expected=expected, object_key=key)


def object_storage_class(bucket: str, key: str, expected: str) -> CheckResult:
    """Check the storage class of the current version of ``key``.

    S3 leaves the header out for STANDARD, so a missing class reads STANDARD.
    """
    name = "object_storage_class"
    s3 = _s3()
    head, problem = _current_head(name, s3, bucket, key)
    if problem:
        return problem
    found = head.get("StorageClass", "STANDARD")
    if found != expected:
        return _fail(name, "class_wrong", found=found, expected=expected, hint="class_hint",
                      see=SEE_CLASSES, object_key=key)
    return _pass(name, "class_ok", found=found, expected=expected, object_key=key)


def bucket_versioning_status(bucket: str, expected: str = "Enabled") -> CheckResult:
    """Check a bucket's versioning status: ``"Enabled"`` or ``"Suspended"``.

    A bucket that never had versioning reports no status; it reads here as
    ``"Unversioned"``.
    """
    name = "bucket_versioning_status"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    found = s3.get_bucket_versioning(Bucket=bucket).get("Status") or "Unversioned"
    if found != expected:
        return _fail(name, "versioning_wrong", found=found, expected=expected,
                      hint="versioning_hint", see=SEE_VERSIONING, bucket=bucket)
    return _pass(name, "versioning_ok", found=found, expected=expected, bucket=bucket)


def object_has_versions(bucket: str, key: str, at_least: int = 2) -> CheckResult:
    """Check that ``key`` has at least ``at_least`` versions holding data.

    Delete markers are not counted: they hold no data.
    """
    name = "object_has_versions"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    versions, _ = _versions(s3, bucket, key)
    found = len(versions)
    if found < at_least:
        return _fail(name, "versions_few", found=found, expected=at_least, hint="versions_hint",
                      see=SEE_VERSIONING, object_key=key)
    return _pass(name, "versions_ok", found=found, expected=at_least, object_key=key)


def delete_marker_is_latest(bucket: str, key: str) -> CheckResult:
    """Check that the current version of ``key`` is a delete marker."""
    name = "delete_marker_is_latest"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    versions, markers = _versions(s3, bucket, key)
    if any(m.get("IsLatest") for m in markers):
        return _pass(name, "marker_ok", found="delete marker", expected="delete marker", object_key=key)
    which = "found_data" if any(v.get("IsLatest") for v in versions) else "found_nothing"
    result = _fail(name, "marker_missing", found=TEXT["en"][which], expected="delete marker",
                   hint="marker_hint", see=SEE_DELETES, object_key=key)
    return _with_korean(result, TEXT["ko"]["marker_missing"].format(object_key=key, got=TEXT["ko"][which]))


def object_version_bodies(bucket: str, key: str, expected: list[str | bytes]) -> CheckResult:
    """Check the bodies of ``key``'s data versions, oldest first."""
    name = "object_version_bodies"
    want = [e.encode() if isinstance(e, str) else e for e in expected]
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    versions, _ = _versions(s3, bucket, key)
    # ListObjectVersions returns the newest version first.
    found = [
        s3.get_object(Bucket=bucket, Key=key, VersionId=v["VersionId"])["Body"].read()
        for v in reversed(versions)
    ]
    if found != want:
        return _fail(name, "bodies_wrong", found=found, expected=want, hint="bodies_hint",
                      see=SEE_VERSIONING, object_key=key)
    return _pass(name, "bodies_ok", found=found, expected=want, object_key=key)


# --- helpers -----------------------------------------------------------------


def _s3():
    from labs.sandbox import check_client

    return check_client("s3")


def _client_error():
    from botocore.exceptions import ClientError

    return ClientError


def _code(err) -> str:
    return err.response.get("Error", {}).get("Code", "Unknown")


def _pass(name: str, words: str, *, found=None, expected=None, **values) -> CheckResult:
    # Messages name what was found and expected as {got} and {want}.
    return passed(name, TEXT, words, found=found, expected=expected, got=found, want=expected, **values)


def _fail(name: str, words: str, *, found=None, expected=None, hint: str | None = None, see: str = "",
          **values) -> CheckResult:
    return failed(name, TEXT, words, found=found, expected=expected, hint=hint, see=see, got=found,
                  want=expected, **values)


def _with_korean(result: CheckResult, message_ko: str) -> CheckResult:
    from dataclasses import replace

    return replace(result, message_ko=message_ko)


def _missing_bucket(name: str, bucket: str, err, region: str = DEFAULT_REGION) -> CheckResult:
    return _fail(name, "bucket_missing", found=None, expected=bucket, hint="bucket_missing_hint",
                  see=SEE_BUCKETS, bucket=bucket, code=_code(err), region=region)


def _bucket_problem(name: str, s3, bucket: str) -> CheckResult | None:
    try:
        s3.head_bucket(Bucket=bucket)
    except _client_error() as err:
        return _missing_bucket(name, bucket, err)
    return None



def _current_head(name: str, s3, bucket: str, key: str) -> tuple[dict | None, CheckResult | None]:
    """(HEAD of the current ``key``, None), or (None, the failure: no bucket, or no such key)."""
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return None, problem
    head = _head(s3, bucket, key)
    if not head:
        return None, _missing_key(name, s3, bucket, key)
    return head, None

def _head(s3, bucket: str, key: str) -> dict | None:
    try:
        return s3.head_object(Bucket=bucket, Key=key)
    except _client_error():
        return None


def _key_problem(name: str, s3, bucket: str, key: str) -> CheckResult | None:
    return None if _head(s3, bucket, key) else _missing_key(name, s3, bucket, key)


def _missing_key(name: str, s3, bucket: str, key: str) -> CheckResult:
    shown = _keys(s3, bucket, "")[:_SHOWN_KEYS]
    return _fail(name, "object_missing", found=shown, expected=key, hint="object_missing_hint",
                  see=SEE_OBJECTS, object_key=key, bucket=bucket, shown=shown)


def _keys(s3, bucket: str, prefix: str) -> list[str]:
    keys: list[str] = []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=bucket, Prefix=prefix):
        keys += [item["Key"] for item in page.get("Contents", [])]
    return keys


def _versions(s3, bucket: str, key: str) -> tuple[list[dict], list[dict]]:
    response = s3.list_object_versions(Bucket=bucket, Prefix=key)
    versions = [v for v in response.get("Versions", []) if v["Key"] == key]
    markers = [m for m in response.get("DeleteMarkers", []) if m["Key"] == key]
    return versions, markers


# --- data protection and hosting -------------------------------------------------
# moto stores these settings without acting on them (lifecycle never runs, Block Public Access
# and KMS key ids are not enforced), so the checks judge the stored settings by AWS's rules with
# the course's own logic: course.s3_lifecycle (validate, then play rules forward on a virtual
# clock) and course.s3_access (is a policy public; would S3 save it under Block Public Access).

SEE_LIFECYCLE = "19-s3-versioning-lifecycle-replication.ipynb § 5. Lifecycle rules for versions and uploads"
SEE_LIFECYCLE_CLOCK = "17-s3-storage-classes.ipynb § 5. Lifecycle (수명 주기): rules on a virtual clock"
SEE_LOCK = "19-s3-versioning-lifecycle-replication.ipynb § 4. Object Lock: write once, read many"
SEE_ENCRYPTION = "18-s3-access-and-encryption.ipynb § 9. Encryption at rest"
SEE_BPA = "18-s3-access-and-encryption.ipynb § 5. Block Public Access"
SEE_POLICY = "18-s3-access-and-encryption.ipynb § 2. Anatomy of a bucket policy"
SEE_WEBSITE = "20-s3-websites-and-cloudfront.ipynb § 2. Website hosting on a bucket"
SEE_WEBSITE_ACCESS = "20-s3-websites-and-cloudfront.ipynb § 3. Permissions for a public website"
BPA_SETTINGS = ("BlockPublicAcls", "IgnorePublicAcls", "BlockPublicPolicy", "RestrictPublicBuckets")

_PROTECTION = {
    "en": {
        "lifecycle_missing": "bucket {bucket!r} has no lifecycle configuration",
        "lifecycle_missing_hint": "lifecycle rules are one configuration per bucket, holding every rule the task lists",
        "lifecycle_invalid": "bucket {bucket!r}: S3 would reject this lifecycle configuration: {error}",
        "lifecycle_invalid_hint": ("the sandbox stored it, but S3 checks minimum days per storage class and the order "
                                   "of transitions: compare each rule with the rules in the chapter"),
        "lifecycle_ok": "bucket {bucket!r}: S3 would accept the lifecycle configuration ({count} rule(s))",
        "lifecycle_wrong": "bucket {bucket!r}, {what}: {details} (the course's lifecycle simulator playing your rules forward)",
        "lifecycle_wrong_hint": ("check each rule's filter (which keys it covers), its days and its storage classes "
                                 "against the task"),
        "lifecycle_places_ok": "bucket {bucket!r}, {what}: placed as expected on days {days}",
        "lock_missing": "bucket {bucket!r} has no Object Lock configuration ({code})",
        "lock_missing_hint": ("Object Lock is turned on when the bucket is created (it also turns on versioning), or "
                              "later on a bucket whose versioning is on; a default retention is set before objects "
                              "are uploaded"),
        "lock_wrong": "bucket {bucket!r}: default retention {got}, expected {want}",
        "lock_wrong_hint": ("in governance mode users with a special permission can still delete or shorten; in "
                            "compliance mode nobody can, not even the root user, until the period ends"),
        "lock_ok": "bucket {bucket!r}: default retention {want}",
        "object_lock_wrong": "object {object_key!r}: lock mode {got}, expected {want}",
        "object_lock_hint": "a new object takes the bucket's default retention; objects uploaded before it was set have none",
        "object_lock_ok": "object {object_key!r} is locked in {want} mode",
        "object_lock_short": "object {object_key!r}: locked until {until}, expected at least {days} days from now",
        "object_lock_short_hint": ("a retention you give one object replaces the bucket's default for that object; "
                                   "the task asks for the full period"),
        "sse_missing": "bucket {bucket!r} has no default encryption configuration ({code})",
        "sse_wrong": "bucket {bucket!r}: default encryption {got}, expected {want}",
        "sse_hint": ("default encryption is a bucket setting: the algorithm, the KMS key, and an S3 Bucket Key "
                     "to cut KMS requests; the key must exist in KMS (the sandbox accepts any id)"),
        "sse_ok": "bucket {bucket!r}: new objects are encrypted with SSE-KMS key {want}",
        "object_sse_wrong": "object {object_key!r}: encryption {got}, expected {want}",
        "object_sse_hint": "an object takes the bucket's default encryption when it is written; write it after the default is set",
        "object_sse_ok": "object {object_key!r} is encrypted with SSE-KMS key {want}",
        "no_such_key": "no KMS key {kms_key!r} exists ({code})",
        "bpa_missing": "bucket {bucket!r} has no Block Public Access configuration",
        "bpa_missing_hint": ("AWS turns all four settings on for every new bucket (since April 2023); the sandbox does "
                             "not, so set them on the bucket yourself"),
        "bpa_wrong": "bucket {bucket!r}: Block Public Access {got}, expected {want}",
        "bpa_wrong_hint": "each of the four settings blocks one path to public access; set each to what the task asks",
        "bpa_ok": "bucket {bucket!r}: Block Public Access {want}",
        "policy_missing": "bucket {bucket!r} has no bucket policy ({code})",
        "policy_missing_hint": "a bucket policy is one JSON document on the bucket, with the statements the task lists",
        "policy_invalid": "bucket {bucket!r}: S3 would refuse to save this bucket policy (the sandbox saved it): {error}",
        "policy_refused": ("bucket {bucket!r}: the bucket policy is public and BlockPublicPolicy is on; S3 would have "
                           "refused to save it (the sandbox does not enforce Block Public Access)"),
        "policy_refused_hint": ("a policy is public when it grants to everyone (Principal \"*\") with nothing pinning who "
                                "or where; name the principal the task names"),
        "policy_wrong": "bucket {bucket!r}: {caller} doing {action} on {resource}: {got}, expected {want} ({reason})",
        "policy_wrong_hint": "check the statement's principal, action and resource (the bucket ARN or the objects under it)",
        "policy_ok": "bucket {bucket!r}: {caller} doing {action} on {resource} is {want}",
        "website_missing": "bucket {bucket!r} has no website configuration ({code})",
        "website_wrong": "bucket {bucket!r}: website index document {index!r}, error document {error!r}; expected {want}",
        "website_hint": "static website hosting is a bucket setting naming the index document and the error document",
        "website_ok": "bucket {bucket!r} serves a website: index {index!r}, errors {error!r}",
        "allowed": "allowed",
        "denied": "denied",
    },
    "ko": {
        "lifecycle_missing": "버킷 {bucket!r}에 수명 주기 구성이 없습니다",
        "lifecycle_missing_hint": "수명 주기 규칙은 버킷마다 구성 하나에 담기며, 과제에 나온 규칙을 모두 담아야 합니다",
        "lifecycle_invalid": "버킷 {bucket!r}: S3라면 이 수명 주기 구성을 거부합니다: {error}",
        "lifecycle_invalid_hint": ("샌드박스는 저장했지만, S3는 스토리지 클래스별 최소 일수와 전환 순서를 검사합니다. "
                                   "규칙을 장의 규칙과 하나씩 비교해 보세요"),
        "lifecycle_ok": "버킷 {bucket!r}: S3가 수명 주기 구성을 받아들입니다 (규칙 {count}개)",
        "lifecycle_wrong": "버킷 {bucket!r}, {what}: {details} (코스의 수명 주기 시뮬레이터로 규칙을 돌려 본 결과)",
        "lifecycle_wrong_hint": "규칙마다 필터(어떤 키에 적용되는지), 일수, 스토리지 클래스를 과제와 비교해 보세요",
        "lifecycle_places_ok": "버킷 {bucket!r}, {what}: {days}일째 위치가 기대한 대로입니다",
        "lock_missing": "버킷 {bucket!r}에 객체 잠금(Object Lock) 구성이 없습니다 ({code})",
        "lock_missing_hint": ("객체 잠금은 버킷을 만들 때 켜거나(버전 관리도 함께 켜집니다), 나중에 버전 관리가 켜진 "
                              "버킷에서 켭니다. 기본 보존 기간은 객체를 올리기 전에 설정합니다"),
        "lock_wrong": "버킷 {bucket!r}: 기본 보존이 {got}, 기대한 값은 {want}입니다",
        "lock_wrong_hint": ("거버넌스 모드에서는 특별한 권한이 있는 사용자가 여전히 삭제하거나 기간을 줄일 수 있고, "
                            "규정 준수(compliance) 모드에서는 기간이 끝날 때까지 루트 사용자도 할 수 없습니다"),
        "lock_ok": "버킷 {bucket!r}: 기본 보존 {want}",
        "object_lock_wrong": "객체 {object_key!r}: 잠금 모드가 {got}, 기대한 값은 {want}입니다",
        "object_lock_hint": "새 객체는 버킷의 기본 보존을 따릅니다. 기본 보존을 설정하기 전에 올린 객체에는 잠금이 없습니다",
        "object_lock_ok": "객체 {object_key!r}이(가) {want} 모드로 잠겨 있습니다",
        "object_lock_short": "객체 {object_key!r}: {until}까지 잠겨 있습니다. 지금부터 적어도 {days}일이어야 합니다",
        "object_lock_short_hint": "객체 하나에 준 보존 기간은 그 객체에 대해 버킷의 기본값을 대신합니다. 과제는 전체 기간을 요구합니다",
        "sse_missing": "버킷 {bucket!r}에 기본 암호화 구성이 없습니다 ({code})",
        "sse_wrong": "버킷 {bucket!r}: 기본 암호화가 {got}, 기대한 값은 {want}입니다",
        "sse_hint": ("기본 암호화는 버킷 설정입니다. 알고리즘, KMS 키, 그리고 KMS 요청을 줄이는 S3 버킷 키를 정합니다. "
                     "키는 KMS에 실제로 있어야 합니다(샌드박스는 아무 ID나 받아들입니다)"),
        "sse_ok": "버킷 {bucket!r}: 새 객체는 SSE-KMS 키 {want}(으)로 암호화됩니다",
        "object_sse_wrong": "객체 {object_key!r}: 암호화가 {got}, 기대한 값은 {want}입니다",
        "object_sse_hint": "객체는 쓸 때 버킷의 기본 암호화를 따릅니다. 기본 암호화를 설정한 뒤에 쓰세요",
        "object_sse_ok": "객체 {object_key!r}이(가) SSE-KMS 키 {want}(으)로 암호화되어 있습니다",
        "no_such_key": "KMS 키 {kms_key!r}이(가) 없습니다 ({code})",
        "bpa_missing": "버킷 {bucket!r}에 퍼블릭 액세스 차단(Block Public Access) 구성이 없습니다",
        "bpa_missing_hint": ("AWS는 2023년 4월부터 새 버킷마다 네 설정을 모두 켜지만 샌드박스는 그렇지 않으므로, "
                             "버킷에 직접 설정하세요"),
        "bpa_wrong": "버킷 {bucket!r}: 퍼블릭 액세스 차단이 {got}, 기대한 값은 {want}입니다",
        "bpa_wrong_hint": "네 설정은 각각 퍼블릭 액세스로 가는 길 하나를 막습니다. 과제가 요구하는 대로 하나씩 설정하세요",
        "bpa_ok": "버킷 {bucket!r}: 퍼블릭 액세스 차단 {want}",
        "policy_missing": "버킷 {bucket!r}에 버킷 정책이 없습니다 ({code})",
        "policy_missing_hint": "버킷 정책은 버킷에 붙는 JSON 문서 하나이며, 과제에 나온 문(statement)을 담습니다",
        "policy_invalid": "버킷 {bucket!r}: S3라면 이 버킷 정책의 저장을 거부합니다(샌드박스는 저장했습니다): {error}",
        "policy_refused": ("버킷 {bucket!r}: 버킷 정책이 퍼블릭이고 BlockPublicPolicy가 켜져 있습니다. S3라면 저장을 "
                           "거부했을 것입니다(샌드박스는 퍼블릭 액세스 차단을 강제하지 않습니다)"),
        "policy_refused_hint": ("누구에게나(Principal \"*\") 허용하면서 누가, 어디서를 고정하는 조건이 없으면 퍼블릭 정책입니다. "
                                "과제가 말하는 보안 주체를 지정하세요"),
        "policy_wrong": "버킷 {bucket!r}: {caller}의 {action} ({resource}): {got}, 기대한 결과는 {want} ({reason})",
        "policy_wrong_hint": "문의 보안 주체(Principal), 작업(Action), 리소스(버킷 ARN 또는 그 아래 객체)를 확인하세요",
        "policy_ok": "버킷 {bucket!r}: {caller}의 {action} ({resource})이(가) {want}",
        "website_missing": "버킷 {bucket!r}에 웹 사이트 구성이 없습니다 ({code})",
        "website_wrong": "버킷 {bucket!r}: 웹 사이트 인덱스 문서 {index!r}, 오류 문서 {error!r}; 기대한 값은 {want}",
        "website_hint": "정적 웹 사이트 호스팅은 인덱스 문서와 오류 문서를 지정하는 버킷 설정입니다",
        "website_ok": "버킷 {bucket!r}이(가) 웹 사이트를 제공합니다: 인덱스 {index!r}, 오류 {error!r}",
        "allowed": "허용됨",
        "denied": "거부됨",
    },
}
for _lang in ("en", "ko"):
    TEXT[_lang].update(_PROTECTION[_lang])

__all__ += ["lifecycle_valid", "lifecycle_places", "object_lock_default", "object_lock_mode",
            "bucket_default_kms", "object_kms_encrypted", "public_access_block", "policy_decides",
            "website_hosting"]


def lifecycle_valid(bucket: str) -> CheckResult:
    """Check that the bucket's stored lifecycle configuration is one S3 would accept."""
    from course.s3_lifecycle import LifecycleConfigError, validate_lifecycle

    name = "lifecycle_valid"
    rules, problem = _lifecycle_rules(name, bucket)
    if problem:
        return problem
    try:
        validate_lifecycle({"Rules": rules})
    except LifecycleConfigError as err:
        return _fail(name, "lifecycle_invalid", found=err.code, expected="a valid configuration",
                     hint="lifecycle_invalid_hint", see=SEE_LIFECYCLE_CLOCK, bucket=bucket, error=str(err))
    return _pass(name, "lifecycle_ok", found=len(rules), expected="valid", bucket=bucket, count=len(rules))


def lifecycle_places(bucket: str, key: str, expected: dict[int, str], *, size_bytes: int = 1024 ** 3,
                     noncurrent: bool = False) -> CheckResult:
    """Play the bucket's stored lifecycle rules forward on one object; check where it is on given days.

    Args:
        expected: day -> storage class, or ``"deleted"`` once expired.
        noncurrent: the object is a noncurrent version from day 0 (versioning on).
    """
    from course.s3_lifecycle import LifecycleConfigError, S3Object, simulate_lifecycle

    name = "lifecycle_places"
    rules, problem = _lifecycle_rules(name, bucket)
    if problem:
        return problem
    what = f"{'a noncurrent version of ' if noncurrent else 'object '}{key!r} ({size_bytes // 1024 ** 2} MiB)"
    obj = S3Object(key, size_bytes, noncurrent_since_day=0 if noncurrent else None)
    try:
        # Prices don't matter here, only placements; us-east-1 is the Region the price data covers.
        timeline = simulate_lifecycle({"Rules": rules}, [obj], days=max(expected) + 1,
                                      versioning="Enabled" if noncurrent else "Unversioned")
    except LifecycleConfigError as err:
        return _fail(name, "lifecycle_invalid", found=err.code, expected="a valid configuration",
                     hint="lifecycle_invalid_hint", see=SEE_LIFECYCLE_CLOCK, bucket=bucket, error=str(err))
    found = {day: timeline.placements[key][day] for day in expected}
    wrong = {day: (found[day], want) for day, want in expected.items() if found[day] != want}
    if wrong:
        details = "; ".join(f"day {d}: {got}, expected {want}" for d, (got, want) in wrong.items())
        details_ko = "; ".join(f"{d}일째: {got}, 기대한 값 {want}" for d, (got, want) in wrong.items())
        what_ko = f"{key!r}{'의 최신이 아닌 버전' if noncurrent else ''} ({size_bytes // 1024 ** 2} MiB)"
        result = _fail(name, "lifecycle_wrong", found=found, expected=dict(expected), hint="lifecycle_wrong_hint",
                       see=SEE_LIFECYCLE, bucket=bucket, what=what, details=details)
        return _with_korean(result, TEXT["ko"]["lifecycle_wrong"].format(bucket=bucket, what=what_ko,
                                                                         details=details_ko))
    return _pass(name, "lifecycle_places_ok", found=found, expected=dict(expected), bucket=bucket, what=what,
                 days=sorted(expected))


def object_lock_default(bucket: str, mode: str, days: int) -> CheckResult:
    """Check that Object Lock is on with a default retention of ``mode`` for at least ``days`` days."""
    name = "object_lock_default"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    want = f"{mode} for at least {days} days"
    try:
        config = s3.get_object_lock_configuration(Bucket=bucket)["ObjectLockConfiguration"]
    except _client_error() as err:
        return _fail(name, "lock_missing", found=None, expected=want, hint="lock_missing_hint", see=SEE_LOCK,
                     bucket=bucket, code=_code(err))
    retention = config.get("Rule", {}).get("DefaultRetention", {})
    # AWS returns Days or Years; the sandbox returns both, one of them 0.
    period = (retention.get("Days") or 0) + 365 * (retention.get("Years") or 0)
    got = f"{retention.get('Mode', 'none')} for {period} days" if retention else "none"
    if config.get("ObjectLockEnabled") != "Enabled" or retention.get("Mode") != mode or period < days:
        return _fail(name, "lock_wrong", found=got, expected=want, hint="lock_wrong_hint", see=SEE_LOCK,
                     bucket=bucket)
    return _pass(name, "lock_ok", found=got, expected=want, bucket=bucket)


def object_lock_mode(bucket: str, key: str, mode: str, days: int | None = None) -> CheckResult:
    """Check the Object Lock retention mode of the current version of ``key`` (and, given ``days``, that it
    stays locked at least that long from now: a retention set on the object itself can be shorter)."""
    name = "object_lock_mode"
    s3 = _s3()
    head, problem = _current_head(name, s3, bucket, key)
    if problem:
        return problem
    # GetObjectRetention answers 500 in the sandbox; HEAD carries the same mode.
    got = head.get("ObjectLockMode", "none")
    if got != mode:
        return _fail(name, "object_lock_wrong", found=got, expected=mode, hint="object_lock_hint", see=SEE_LOCK,
                     object_key=key)
    if days is not None:
        from datetime import datetime, timedelta, timezone

        until = head.get("ObjectLockRetainUntilDate")
        # Two days' slack: "7 years" may be counted as 2,555 days or by the calendar.
        if until is None or until < datetime.now(timezone.utc) + timedelta(days=days - 2):
            return _fail(name, "object_lock_short", found=str(until), expected=f">= {days} days",
                         hint="object_lock_short_hint", see=SEE_LOCK, object_key=key, until=until, days=days)
    return _pass(name, "object_lock_ok", found=got, expected=mode, object_key=key)


def bucket_default_kms(bucket: str, kms_key: str) -> CheckResult:
    """Check default encryption SSE-KMS with the KMS key ``kms_key`` (an alias or id) and an S3 Bucket Key."""
    name = "bucket_default_kms"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    want_arn, problem = _kms_arn(name, kms_key)
    if problem:
        return problem
    want = f"aws:kms with {kms_key}, Bucket Key on"
    try:
        rules = s3.get_bucket_encryption(Bucket=bucket)["ServerSideEncryptionConfiguration"]["Rules"]
    except _client_error() as err:
        return _fail(name, "sse_missing", found=None, expected=want, hint="sse_hint", see=SEE_ENCRYPTION,
                     bucket=bucket, code=_code(err))
    rule = rules[0] if rules else {}
    default = rule.get("ApplyServerSideEncryptionByDefault", {})
    key_id = default.get("KMSMasterKeyID")
    got = (f"{default.get('SSEAlgorithm', 'none')} with {key_id or 'no key'}, "
           f"Bucket Key {'on' if rule.get('BucketKeyEnabled') else 'off'}")
    if (default.get("SSEAlgorithm") != "aws:kms" or not key_id or _kms_arn(name, key_id)[0] != want_arn
            or not rule.get("BucketKeyEnabled")):
        return _fail(name, "sse_wrong", found=got, expected=want, hint="sse_hint", see=SEE_ENCRYPTION, bucket=bucket)
    return _pass(name, "sse_ok", found=got, expected=kms_key, bucket=bucket)


def object_kms_encrypted(bucket: str, key: str, kms_key: str) -> CheckResult:
    """Check that the current version of ``key`` is encrypted with SSE-KMS under ``kms_key``."""
    name = "object_kms_encrypted"
    s3 = _s3()
    head, problem = _current_head(name, s3, bucket, key)
    if problem:
        return problem
    want_arn, problem = _kms_arn(name, kms_key)
    if problem:
        return problem
    algorithm, key_id = head.get("ServerSideEncryption", "none"), head.get("SSEKMSKeyId")
    got = f"{algorithm}{' with ' + key_id if key_id else ''}"
    if algorithm != "aws:kms" or not key_id or _kms_arn(name, key_id)[0] != want_arn:
        return _fail(name, "object_sse_wrong", found=got, expected=f"aws:kms with {kms_key}", hint="object_sse_hint",
                     see=SEE_ENCRYPTION, object_key=key)
    return _pass(name, "object_sse_ok", found=got, expected=kms_key, object_key=key)


def public_access_block(bucket: str, **expected: bool) -> CheckResult:
    """Check the bucket's Block Public Access settings; unnamed settings are expected on.

    >>> # public_access_block("site", BlockPublicPolicy=False, RestrictPublicBuckets=False)
    """
    name = "public_access_block"
    want = {s: expected.get(s, True) for s in BPA_SETTINGS}
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    got = _bpa(s3, bucket)
    if got is None:
        return _fail(name, "bpa_missing", found=None, expected=want, hint="bpa_missing_hint", see=SEE_BPA,
                     bucket=bucket)
    if got != want:
        return _fail(name, "bpa_wrong", found=got, expected=want, hint="bpa_wrong_hint", see=SEE_BPA, bucket=bucket)
    return _pass(name, "bpa_ok", found=got, expected=want, bucket=bucket)


def policy_decides(bucket: str, caller: str, action: str, key: str = "", *, allowed: bool = True,
                   see: str = SEE_POLICY) -> CheckResult:
    """Check what the bucket's policy decides for ``caller`` (an ARN, or ``"anonymous"``) doing ``action``.

    First, as S3 would: a public policy can't be saved while BlockPublicPolicy is on. Then the
    course's evaluator (`course.s3_access.decide`) with the bucket's Block Public Access settings.
    ``key`` names an object; empty means the bucket itself.
    """
    from course.iam import PolicyError
    from course.s3_access import BlockPublicAccess, decide, put_policy_refusal

    name = "policy_decides"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    try:
        policy = s3.get_bucket_policy(Bucket=bucket)["Policy"]
    except _client_error() as err:
        return _fail(name, "policy_missing", found=None, expected="a bucket policy", hint="policy_missing_hint",
                     see=see, bucket=bucket, code=_code(err))
    # A bucket with no settings of its own has AWS's defaults for new buckets: all four on.
    settings = _bpa(s3, bucket) or {s: True for s in BPA_SETTINGS}
    bpa = BlockPublicAccess(settings["BlockPublicAcls"], settings["IgnorePublicAcls"],
                            settings["BlockPublicPolicy"], settings["RestrictPublicBuckets"])
    resource = f"arn:aws:s3:::{bucket}" + (f"/{key}" if key else "")
    try:
        refused = put_policy_refusal(policy, bpa)
        verdict = None if refused else decide(caller, action, resource, bucket_policy=policy, bpa=bpa,
                                              bucket_account=_account())
    except PolicyError as err:  # the sandbox stores any text; S3 parses it first
        return _fail(name, "policy_invalid", found=str(err), expected="a policy S3 would save",
                     hint="policy_wrong_hint", see=see, bucket=bucket, error=str(err))
    if refused:
        return _fail(name, "policy_refused", found="public policy", expected="a policy S3 would save",
                     hint="policy_refused_hint", see=SEE_BPA, bucket=bucket)
    words = {True: "allowed", False: "denied"}
    values = dict(bucket=bucket, caller=caller, action=action, resource=resource)
    if verdict.allowed != allowed:
        result = _fail(name, "policy_wrong", found=words[verdict.allowed], expected=words[allowed],
                       hint="policy_wrong_hint", see=see, reason=verdict.reason, **values)
        return _with_korean(result, TEXT["ko"]["policy_wrong"].format(
            got=TEXT["ko"][words[verdict.allowed]], want=TEXT["ko"][words[allowed]],
            reason=getattr(verdict.reason, "in_language", lambda lang: verdict.reason)("ko"), **values))
    result = _pass(name, "policy_ok", found=words[allowed], expected=words[allowed], **values)
    return _with_korean(result, TEXT["ko"]["policy_ok"].format(want=TEXT["ko"][words[allowed]], **values))


def website_hosting(bucket: str, index: str = "index.html", error: str = "error.html") -> CheckResult:
    """Check the bucket's static website configuration: its index and error documents."""
    name = "website_hosting"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    want = {"index": index, "error": error}
    try:
        site = s3.get_bucket_website(Bucket=bucket)
    except _client_error() as err:
        return _fail(name, "website_missing", found=None, expected=want, hint="website_hint", see=SEE_WEBSITE,
                     bucket=bucket, code=_code(err))
    got = {"index": site.get("IndexDocument", {}).get("Suffix"), "error": site.get("ErrorDocument", {}).get("Key")}
    if got != want:
        return _fail(name, "website_wrong", found=got, expected=want, hint="website_hint", see=SEE_WEBSITE,
                     bucket=bucket, index=got["index"], error=got["error"])
    return _pass(name, "website_ok", found=got, expected=want, bucket=bucket, index=index, error=error)


def _lifecycle_rules(name: str, bucket: str) -> tuple[list, CheckResult | None]:
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return [], problem
    try:
        return s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"], None
    except _client_error():
        return [], _fail(name, "lifecycle_missing", found=None, expected="lifecycle rules",
                         hint="lifecycle_missing_hint", see=SEE_LIFECYCLE, bucket=bucket)


def _kms_arn(name: str, kms_key: str) -> tuple[str | None, CheckResult | None]:
    from labs.sandbox import check_client

    try:
        return check_client("kms").describe_key(KeyId=kms_key)["KeyMetadata"]["Arn"], None
    except _client_error() as err:
        return None, _fail(name, "no_such_key", found=None, expected=kms_key, hint="sse_hint", see=SEE_ENCRYPTION,
                           kms_key=kms_key, code=_code(err))


def _bpa(s3, bucket: str) -> dict | None:
    try:
        config = s3.get_public_access_block(Bucket=bucket)["PublicAccessBlockConfiguration"]
    except _client_error():
        return None
    return {s: bool(config.get(s)) for s in BPA_SETTINGS}


def _account() -> str:
    from labs.sandbox import check_client

    return check_client("sts").get_caller_identity()["Account"]
