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
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    head = _head(s3, bucket, key)
    if not head:
        return _missing_key(name, s3, bucket, key)
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
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    head = _head(s3, bucket, key)
    if not head:
        return _missing_key(name, s3, bucket, key)
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
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    head = _head(s3, bucket, key)
    if not head:
        return _missing_key(name, s3, bucket, key)
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
