"""What AWS's naming rules say about a general purpose bucket name.

moto accepts names AWS refuses (upper case, underscores, IP-address form), so the course
checks names itself. Rules: "General purpose bucket naming rules", Amazon S3 User Guide,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (checked 2026-12-02).
The rules are those of a bucket in the shared global namespace, the default; the extra
format of a bucket in an account regional namespace is not checked.
"""

from __future__ import annotations

import re

from course.i18n import text

RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
# Suffix -> TEXT key of what it is reserved for.
RESERVED_SUFFIXES = {
    "-s3alias": "for_access_point",
    "--ol-s3": "for_object_lambda",
    ".mrap": "for_mrap",
    "--x-s3": "for_directory",
    "--table-s3": "for_table",
    # Only a bucket in its account regional namespace (NAME-ACCOUNTID-REGION-an) may end so.
    "-an": "for_regional_namespace",
}
TEXT = {
    "en": {
        "length": "is {n} characters long; names have 3 to 63",
        "characters": "contains {bad}; only lowercase letters, numbers, dots and hyphens are allowed",
        "ends": "must begin and end with a letter or a number",
        "dots": "contains two adjacent dots",
        "ip": "is formatted as an IP address",
        "prefix": "starts with {prefix}, a reserved prefix",
        "suffix": "ends with {suffix}, reserved for {what}",
        "for_access_point": "access point aliases",
        "for_object_lambda": "Object Lambda Access Point aliases",
        "for_mrap": "Multi-Region Access Points",
        "for_directory": "directory buckets",
        "for_table": "table buckets",
        "for_regional_namespace": "buckets in an account regional namespace",
    },
    "ko": {
        "length": "길이가 {n}자입니다. 이름은 3~63자여야 합니다",
        "characters": "{bad}이(가) 들어 있습니다. 소문자, 숫자, 점(.), 하이픈(-)만 쓸 수 있습니다",
        "ends": "문자나 숫자로 시작하고 끝나야 합니다",
        "dots": "점 두 개가 붙어 있습니다",
        "ip": "IP 주소 형식입니다",
        "prefix": "예약된 접두사 {prefix}(으)로 시작합니다",
        "suffix": "{what}에 예약된 접미사 {suffix}(으)로 끝납니다",
        "for_access_point": "액세스 포인트 별칭",
        "for_object_lambda": "Object Lambda 액세스 포인트 별칭",
        "for_mrap": "다중 리전 액세스 포인트",
        "for_directory": "디렉터리 버킷",
        "for_table": "테이블 버킷",
        "for_regional_namespace": "계정 리전 네임스페이스의 버킷",
    },
}
_ALLOWED = re.compile(r"[a-z0-9.-]*")
_IP_FORM = re.compile(r"\d{1,3}(\.\d{1,3}){3}")


def bucket_name_problems(name: str) -> tuple[str, ...]:
    """Every naming rule ``name`` breaks, in words; empty when AWS accepts the name.

    Uniqueness is not checked: it depends on every other account's buckets.
    """
    problems = []
    if not 3 <= len(name) <= 63:
        problems.append(text(TEXT, "length", n=len(name)))
    bad = sorted(set(_ALLOWED.sub("", name)))
    if bad:
        problems.append(text(TEXT, "characters", bad=", ".join(repr(c) for c in bad)))
    if name and not (name[0].isalnum() and name[0].isascii() and name[-1].isalnum() and name[-1].isascii()):
        problems.append(text(TEXT, "ends"))
    if ".." in name:
        problems.append(text(TEXT, "dots"))
    if _IP_FORM.fullmatch(name):
        problems.append(text(TEXT, "ip"))
    problems += [text(TEXT, "prefix", prefix=repr(p)) for p in RESERVED_PREFIXES if name.startswith(p)]
    problems += [text(TEXT, "suffix", suffix=repr(s), what=text(TEXT, what)) for s, what in RESERVED_SUFFIXES.items()
                 if name.endswith(s)]
    return tuple(problems)
