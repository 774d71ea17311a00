"""Time to evaluate one request against a 100-statement identity policy (µs per request)."""

import statistics
import timeit

from course.iam import evaluate
from course.iam.policy import parse_policy

ALICE = "arn:aws:iam::111122223333:user/alice"


def _policy(n: int = 100) -> dict:
    statements = []
    for i in range(n - 1):  # plus one Deny below: n statements in all
        statements.append({
            "Sid": f"S{i}", "Effect": "Allow",
            "Action": [f"s3:Get{i}*", "ec2:Describe*"],
            "Resource": [f"arn:aws:s3:::bucket-{i}/*", f"arn:aws:s3:::bucket-{i}"],
            "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"},
                          "StringEquals": {"aws:PrincipalTag/team": ["blue", "red"]}}})
    statements.append({"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"})
    return {"Version": "2012-10-17", "Statement": statements}


def main() -> None:
    doc = _policy()
    parsed = parse_policy(doc, "identity_policies[0]")
    context = {"aws:SourceIp": "203.0.113.7", "aws:PrincipalTag/team": "blue"}

    def run_parsed():
        evaluate(ALICE, "s3:GetObject", "arn:aws:s3:::bucket-99/x.csv", context=context,
                 identity_policies=[parsed])

    def run_json():
        evaluate(ALICE, "s3:GetObject", "arn:aws:s3:::bucket-99/x.csv", context=context,
                 identity_policies=[doc])

    for label, fn in (("pre-parsed policy", run_parsed), ("policy dict, parsed each time", run_json)):
        number = 20
        runs = [t / number * 1e6 for t in timeit.repeat(fn, number=number, repeat=15)]
        print(f"{len(doc['Statement'])}-statement policy, {label}: "
              f"median {statistics.median(runs):,.0f} µs, min {min(runs):,.0f} µs per request "
              f"({len(runs)} runs x {number})")
