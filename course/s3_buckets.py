"""What AWS's naming rules say about a general purpose bucket name.

moto accepts names AWS refuses (upper case, underscores, IP-address form), so the course
checks names itself. Rules: "General purpose bucket naming rules", Amazon S3 User Guide,
https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html (checked 2026-12-02).
The rules are those of a bucket in the shared global namespace, the default; the extra
format of a bucket in an account regional namespace is not checked.
"""

from __future__ import annotations

import re

RESERVED_PREFIXES = ("xn--", "sthree-", "amzn-s3-demo-")
RESERVED_SUFFIXES = {
    "-s3alias": "access point aliases",
    "--ol-s3": "Object Lambda Access Point aliases",
    ".mrap": "Multi-Region Access Points",
    "--x-s3": "directory buckets",
    "--table-s3": "table buckets",
    # Only a bucket in its account regional namespace (NAME-ACCOUNTID-REGION-an) may end so.
    "-an": "buckets in an account regional namespace",
}
_ALLOWED = re.compile(r"[a-z0-9.-]*")
_IP_FORM = re.compile(r"\d{1,3}(\.\d{1,3}){3}")


def bucket_name_problems(name: str) -> tuple[str, ...]:
    """Every naming rule ``name`` breaks, in words; empty when AWS accepts the name.

    Uniqueness is not checked: it depends on every other account's buckets.
    """
    problems = []
    if not 3 <= len(name) <= 63:
        problems.append(f"is {len(name)} characters long; names have 3 to 63")
    bad = sorted(set(_ALLOWED.sub("", name)))
    if bad:
        problems.append("contains " + ", ".join(repr(c) for c in bad)
                        + "; only lowercase letters, numbers, dots and hyphens are allowed")
    if name and not (name[0].isalnum() and name[0].isascii() and name[-1].isalnum() and name[-1].isascii()):
        problems.append("must begin and end with a letter or a number")
    if ".." in name:
        problems.append("contains two adjacent dots")
    if _IP_FORM.fullmatch(name):
        problems.append("is formatted as an IP address")
    problems += [f"starts with {p!r}, a reserved prefix" for p in RESERVED_PREFIXES if name.startswith(p)]
    problems += [f"ends with {s!r}, reserved for {what}" for s, what in RESERVED_SUFFIXES.items()
                 if name.endswith(s)]
    return tuple(problems)
