"""The databases lab (RDS and DynamoDB) through real nbgrader: full marks, zero, and the exact
partial points of wrong answers a learner would plausibly hand in; feedback keeps hidden tests hidden.

Points are documented in labs/databases/README.md (14 in all). One grade() call grades every
submission, with the warm executor.
"""

import pytest


from .conftest import filled
from .lab_grading import feedback_pages, grade_class, release_hides_solutions

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
    def handed_in(blank, answers):
        return {
            "full": filled(blank, answers),
            "blank": blank,
            "one_az_group": filled(blank, {**answers, "task1_solution": ONE_AZ_GROUP}),
            "scan_design": filled(blank, {**answers, **SCAN_DESIGN}),
            "customer_only_key": filled(blank, {**answers, **CUSTOMER_ONLY_KEY}),
        }
    return grade_class(tmp_path_factory.mktemp("dblab"), LAB, handed_in)


def test_released_notebook_has_no_solutions_or_hidden_tests(graded):
    course, _ = graded
    release_hides_solutions(course, LAB)


def test_scores_match_the_documented_points(graded):
    _, results = graded
    scores = {s: (g.status, g.score, g.max_score) for s, g in results.items()}
    assert scores == {s: ("graded", points, 14.0) for s, points in EXPECTED.items()}, {
        s: g.reason for s, g in results.items()}


def test_feedback_shows_no_hidden_test_source_and_says_why(graded):
    course, _ = graded
    for student, html in feedback_pages(course, LAB, EXPECTED).items():
        if student == "one_az_group":
            assert "DBSubnetGroupDoesNotCoverEnoughAZs" in html and "가용 영역" in html
        if student == "scan_design":
            assert "needs a Scan" in html and "스캔이 필요합니다" in html
