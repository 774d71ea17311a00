"""The databases lab (RDS and DynamoDB) through real nbgrader: full marks, zero, and the exact
partial points of wrong answers a learner would plausibly hand in; feedback keeps hidden tests hidden.

Points are documented in labs/databases/README.md (14 in all). One grade() call grades every
submission, with the warm executor.
"""

import nbformat
import pytest

from autograder.collect import collect
from autograder.config import LABS_DIR, Course
from autograder.feedback import feedback, hidden_test_lines
from autograder.grade import grade
from autograder.release import release

from .conftest import filled
from .test_s3_lab_grading import solutions

LAB = "databases"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(LAB)]

# One subnet is enough for the sandbox, not for AWS: task 1 (2 points).
ONE_AZ_GROUP = '''
rds.create_db_subnet_group(DBSubnetGroupName=SUBNET_GROUP, DBSubnetGroupDescription="help-desk database",
                           SubnetIds=[SUBNETS["ap-northeast-2a"]])
'''

# Keyed by ticket id, as a relational table would be; the customer's tickets come from a Scan.
# P1 and P2 need a Scan (task 5, 3 points); the GSI still answers P3 (task 6 passes).
SCAN_DESIGN = {
    "task5_solution": '''
ddb.create_table(
    TableName=TABLE, BillingMode="PAY_PER_REQUEST",
    AttributeDefinitions=[{"AttributeName": "ticket_id", "AttributeType": "S"}],
    KeySchema=[{"AttributeName": "ticket_id", "KeyType": "HASH"}],
)
for ticket in TICKETS:
    ddb.put_item(TableName=TABLE, Item={k: {"N": str(v)} if isinstance(v, int) else {"S": v} for k, v in ticket.items()})
p1 = ddb.scan(TableName=TABLE, FilterExpression="customer_id = :c", ExpressionAttributeValues={":c": {"S": "C-101"}})
print("P1", sorted((i["created_at"]["S"], i["ticket_id"]["S"]) for i in p1["Items"]))
''',
}

# The customer id alone as the primary key: each put overwrites the customer's previous ticket.
# P1 has no sort key to order by (task 5, 3 points), and the GSI holds only the three surviving
# tickets, so the agent's queue comes back short (task 6, 2 points).
CUSTOMER_ONLY_KEY = {
    "task5_solution": '''
ddb.create_table(
    TableName=TABLE, BillingMode="PAY_PER_REQUEST",
    AttributeDefinitions=[{"AttributeName": "customer_id", "AttributeType": "S"}],
    KeySchema=[{"AttributeName": "customer_id", "KeyType": "HASH"}],
)
for ticket in TICKETS:
    ddb.put_item(TableName=TABLE, Item={k: {"N": str(v)} if isinstance(v, int) else {"S": v} for k, v in ticket.items()})
''',
}

EXPECTED = {"full": 14.0, "blank": 0.0, "one_az_group": 12.0, "scan_design": 11.0, "customer_only_key": 9.0}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    root = tmp_path_factory.mktemp("dblab")
    course = Course.at(root / "classroom")
    release(LAB, course=course)
    source = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
    blank = nbformat.read(course.release(LAB) / f"{LAB}.ipynb", as_version=4)
    answers = solutions(source)
    handed_in = {
        "full": filled(blank, answers),
        "blank": blank,
        "one_az_group": filled(blank, {**answers, "task1_solution": ONE_AZ_GROUP}),
        "scan_design": filled(blank, {**answers, **SCAN_DESIGN}),
        "customer_only_key": filled(blank, {**answers, **CUSTOMER_ONLY_KEY}),
    }
    subs = root / "subs"
    for student, nb in handed_in.items():
        (subs / student).mkdir(parents=True)
        nbformat.write(nb, subs / student / f"{LAB}.ipynb")
    collect(LAB, subs, course=course)
    results = {g.student: g for g in grade(LAB, course=course, executor="warm")}
    return course, results


def test_released_notebook_has_no_solutions_or_hidden_tests(graded):
    course, _ = graded
    text = (course.release(LAB) / f"{LAB}.ipynb").read_text(encoding="utf-8")
    assert "BEGIN HIDDEN TESTS" not in text and "BEGIN SOLUTION" not in text
    assert not [line for line in hidden_test_lines(course, LAB) if line in text]


def test_scores_match_the_documented_points(graded):
    _, results = graded
    scores = {s: (g.status, g.score, g.max_score) for s, g in results.items()}
    assert scores == {s: ("graded", points, 14.0) for s, points in EXPECTED.items()}, {
        s: g.reason for s, g in results.items()}


def test_feedback_shows_no_hidden_test_source_and_says_why(graded):
    course, _ = graded
    secrets = hidden_test_lines(course, LAB)
    assert secrets, "the lab has hidden tests to protect"
    for done in feedback(LAB, course=course, students=sorted(EXPECTED)):
        assert done.problem is None and done.pages, done.student
        html = done.pages[0].read_text(encoding="utf-8")
        assert "BEGIN HIDDEN TESTS" not in html
        assert not [line for line in secrets if line in html], f"{done.student}'s feedback quotes a hidden test"
        if done.student == "one_az_group":
            assert "DBSubnetGroupDoesNotCoverEnoughAZs" in html and "가용 영역" in html
        if done.student == "scan_design":
            assert "needs a Scan" in html and "스캔이 필요합니다" in html
