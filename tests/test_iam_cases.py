"""Every case in tests/data/iam_cases/*.json: the outcome AWS documents, from the page cited."""

import json
from pathlib import Path

import pytest

from course.iam import evaluate_case

CASE_DIR = Path(__file__).parent / "data" / "iam_cases"


def _cases():
    for path in sorted(CASE_DIR.glob("*.json")):
        for case in json.loads(path.read_text("utf-8"))["cases"]:
            yield pytest.param(case, id=case["id"])


CASES = list(_cases())


def test_case_library_is_large_and_cited():
    """At least 120 cases, unique ids, each citing an AWS documentation page."""
    ids = [p.values[0]["id"] for p in CASES]
    assert len(ids) >= 120
    assert len(ids) == len(set(ids))
    for p in CASES:
        assert "https://docs.aws.amazon.com/" in p.values[0]["doc"], p.values[0]["id"]


@pytest.mark.parametrize("case", CASES)
def test_documented_outcome(case):
    decision = evaluate_case(case["case"])
    assert decision.outcome == case["expected"], decision.explain()
    if "decided_by" in case:
        assert decision.decided_by == tuple(case["decided_by"]), decision.explain()
