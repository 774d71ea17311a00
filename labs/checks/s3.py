"""Checks of S3 state in the sandbox, for lab tests.

Every check reads through `labs.sandbox.check_client("s3")`, a client from the
checks' own session that the learner never touched, and returns a `CheckResult` whose message says what
was found against what was expected and whose hint is code that fixes it.
Use them with `require`::

    from labs.checks import s3 as s3_checks
    from labs.checks.result import require
    require(s3_checks.bucket_versioning_status("logs", "Enabled"))
"""

from __future__ import annotations

from collections.abc import Iterable

from labs.checks.result import CheckResult, require
from labs.guard import DEFAULT_REGION

__all__ = [
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
        return _missing_bucket(name, bucket, region, err)
    found = location or "us-east-1"
    if found != region:
        return CheckResult(
            name, False, f"bucket {bucket!r} is in {found}, expected {region}",
            found=found, expected=region,
            hint=("a bucket's Region can't change: delete it and create it again with "
                  + _create_bucket_code(bucket, region)),
        )
    return _ok(name, f"bucket {bucket!r} exists in {region}", found, region)


def object_exists(bucket: str, key: str) -> CheckResult:
    """Check that ``key`` is a current object in ``bucket``."""
    name = "object_exists"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    if not _head(s3, bucket, key):
        return _missing_key(name, s3, bucket, key)
    return _ok(name, f"object {key!r} exists in bucket {bucket!r}", key, key)


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
        return CheckResult(
            name, False, f"object {key!r} can't be read: {code}", found=code, expected=want,
            hint="objects in GLACIER or DEEP_ARCHIVE must be restored before GET (restore_object)",
        )
    if body != want:
        return CheckResult(
            name, False, f"object {key!r} holds {body!r}, expected {want!r}", found=body,
            expected=want, hint=f"s3.put_object(Bucket={bucket!r}, Key={key!r}, Body={want!r})",
        )
    return _ok(name, f"object {key!r} holds {want!r}", body, want)


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
        return CheckResult(
            name, False, f"keys under {prefix!r} in bucket {bucket!r}: {detail}",
            found=found, expected=want,
            hint=("a key is the object's full name, '/' included: "
                  f"s3.put_object(Bucket={bucket!r}, Key={(missing or want or [prefix])[0]!r}, Body=b'...')"
                  if missing else f"remove the extra objects with s3.delete_object(Bucket={bucket!r}, Key=...)"),
        )
    return _ok(name, f"keys under {prefix!r} are {want}", found, want)


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
        return CheckResult(
            name, False, f"object {key!r}: user metadata {detail}; expected {expected}",
            found=found, expected=dict(expected),
            hint=("metadata is set when the object is written: "
                  f"s3.put_object(Bucket={bucket!r}, Key={key!r}, Body=..., Metadata={dict(expected)!r})"),
        )
    return _ok(name, f"object {key!r} has metadata {expected}", found, dict(expected))


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
        return CheckResult(
            name, False, f"object {key!r}: Content-Type {found!r}, expected {expected!r}",
            found=found, expected=expected,
            hint=f"s3.put_object(Bucket={bucket!r}, Key={key!r}, Body=..., ContentType={expected!r})",
        )
    return _ok(name, f"object {key!r} has Content-Type {expected!r}", found, expected)


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
        return CheckResult(
            name, False, f"object {key!r}: storage class {found}, expected {expected}",
            found=found, expected=expected,
            hint=f"s3.put_object(Bucket={bucket!r}, Key={key!r}, Body=..., StorageClass={expected!r})",
        )
    return _ok(name, f"object {key!r} is stored as {expected}", found, expected)


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
        return CheckResult(
            name, False, f"bucket {bucket!r}: versioning {found}, expected {expected}",
            found=found, expected=expected,
            hint=(f"s3.put_bucket_versioning(Bucket={bucket!r}, "
                  f"VersioningConfiguration={{'Status': {expected!r}}})"),
        )
    return _ok(name, f"bucket {bucket!r}: versioning {expected}", found, expected)


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
        return CheckResult(
            name, False,
            f"object {key!r} has {found} version(s), expected at least {at_least}",
            found=found, expected=at_least,
            hint=(f"turn versioning on first ({_versioning_code(bucket)}), "
                  f"then write the key again: s3.put_object(Bucket={bucket!r}, Key={key!r}, Body=...)"),
        )
    return _ok(name, f"object {key!r} has {found} versions", found, at_least)


def delete_marker_is_latest(bucket: str, key: str) -> CheckResult:
    """Check that the current version of ``key`` is a delete marker."""
    name = "delete_marker_is_latest"
    s3 = _s3()
    problem = _bucket_problem(name, s3, bucket)
    if problem:
        return problem
    versions, markers = _versions(s3, bucket, key)
    if any(m.get("IsLatest") for m in markers):
        return _ok(name, f"object {key!r}: the latest version is a delete marker",
                   "delete marker", "delete marker")
    if any(v.get("IsLatest") for v in versions):
        found = "a version with data"
    else:
        found = "no versions at all"
    return CheckResult(
        name, False, f"object {key!r}: latest is {found}, expected a delete marker",
        found=found, expected="delete marker",
        hint=(f"with versioning on, a DELETE without VersionId adds a delete marker: "
              f"s3.delete_object(Bucket={bucket!r}, Key={key!r})"),
    )


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
        return CheckResult(
            name, False, f"object {key!r}: versions hold {found}, expected {want} (oldest first)",
            found=found, expected=want,
            hint=(f"with versioning on, each put_object to {key!r} adds a version; "
                  "write the bodies in order, one put_object each"),
        )
    return _ok(name, f"object {key!r}: versions hold {want}", found, want)


# --- helpers -----------------------------------------------------------------


def _s3():
    from labs.sandbox import check_client

    return check_client("s3")


def _client_error():
    from botocore.exceptions import ClientError

    return ClientError


def _code(err) -> str:
    return err.response.get("Error", {}).get("Code", "Unknown")


def _ok(name: str, message: str, found, expected) -> CheckResult:
    return CheckResult(name, True, message, found=found, expected=expected)


def _create_bucket_code(bucket: str, region: str = DEFAULT_REGION) -> str:
    if region == "us-east-1":
        return f"s3.create_bucket(Bucket={bucket!r})"
    return (f"s3.create_bucket(Bucket={bucket!r}, "
            f"CreateBucketConfiguration={{'LocationConstraint': {region!r}}})")


def _versioning_code(bucket: str) -> str:
    return f"s3.put_bucket_versioning(Bucket={bucket!r}, VersioningConfiguration={{'Status': 'Enabled'}})"


def _missing_bucket(name: str, bucket: str, region: str, err) -> CheckResult:
    return CheckResult(
        name, False, f"bucket {bucket!r} does not exist ({_code(err)})", found=None,
        expected=bucket, hint=_create_bucket_code(bucket, region),
    )


def _bucket_problem(name: str, s3, bucket: str) -> CheckResult | None:
    try:
        s3.head_bucket(Bucket=bucket)
    except _client_error() as err:
        return _missing_bucket(name, bucket, DEFAULT_REGION, err)
    return None


def _head(s3, bucket: str, key: str) -> dict | None:
    try:
        return s3.head_object(Bucket=bucket, Key=key)
    except _client_error():
        return None


def _key_problem(name: str, s3, bucket: str, key: str) -> CheckResult | None:
    return None if _head(s3, bucket, key) else _missing_key(name, s3, bucket, key)


def _missing_key(name: str, s3, bucket: str, key: str) -> CheckResult:
    keys = _keys(s3, bucket, "")
    shown = keys[:_SHOWN_KEYS]
    return CheckResult(
        name, False, f"object {key!r} not found in bucket {bucket!r} (keys there: {shown})",
        found=shown, expected=key,
        hint=f"s3.put_object(Bucket={bucket!r}, Key={key!r}, Body=b'...')",
    )


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
