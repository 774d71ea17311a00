"""The IAM least-privilege lab through real nbgrader: full marks, zero, and the exact partial
points of wrong answers a learner would plausibly hand in; feedback keeps hidden tests hidden.

Points are documented in labs/iam-least-privilege/README.md (20 in all). One grade() call
grades every submission, with the warm executor.
"""

import nbformat
import pytest

from autograder.config import LABS_DIR

from .conftest import filled
from .lab_grading import feedback_pages, grade_class, release_hides_solutions

LAB = "iam-least-privilege"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(LAB)]

# Least privilege got wrong: every S3 action on the bucket and its objects. The two allow
# tests, the other-bucket test and the attachment pass; put, delete, outside-prefix and
# bucket-policy requests are allowed where they must be denied: 4 of task 2's 8 points.
S3_STAR = '''
reports_read = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Action": "s3:*",
                   "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/*"]}],
}
policy = iam.create_policy(PolicyName=POLICY, PolicyDocument=json.dumps(reports_read))["Policy"]
iam.attach_group_policy(GroupName=GROUP, PolicyArn=policy["Arn"])
'''

# The role trusts the wrong service (copied from a Lambda example): task 4's trust test (2 points).
LAMBDA_TRUST = '''
trust = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                   "Action": "sts:AssumeRole"}],
}
iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=json.dumps(trust))
iam.attach_role_policy(RoleName=ROLE, PolicyArn=f"arn:aws:iam::{ACCOUNT}:policy/{POLICY}")
iam.create_instance_profile(InstanceProfileName=PROFILE)
iam.add_role_to_instance_profile(InstanceProfileName=PROFILE, RoleName=ROLE)
'''

# The MFA device is created but never enabled for the user: task 5 (2 points), and the
# report's hidden mfa_active test, so task 6 (2 points) too.
MFA_NOT_ENABLED = '''
device = iam.create_virtual_mfa_device(VirtualMFADeviceName=MFA_DEVICE)["VirtualMFADevice"]
print(device["SerialNumber"])
'''

# A reviewer's cheat: NotAction lists only the visible tests' forbidden actions, so every
# visible request passes; the hidden ones (DeleteObjectVersion, PutObjectAcl, GetBucketPolicy)
# are allowed: task2_deny_delete and task2_deny_admin fail (2 points).
NOT_ACTION = '''
reports_read = {
    "Version": "2012-10-17",
    "Statement": [{"Effect": "Allow",
                   "NotAction": ["s3:PutObject", "s3:DeleteObject", "s3:PutBucketPolicy", "s3:DeleteBucket"],
                   "Resource": [f"arn:aws:s3:::{BUCKET}", f"arn:aws:s3:::{BUCKET}/reports/*"]}],
}
policy = iam.create_policy(PolicyName=POLICY, PolicyDocument=json.dumps(reports_read))["Policy"]
iam.attach_group_policy(GroupName=GROUP, PolicyArn=policy["Arn"])
'''

EXPECTED = {"full": 20.0, "blank": 0.0, "s3_star": 16.0, "lambda_trust": 18.0, "mfa_not_enabled": 16.0,
            "not_action": 18.0}


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    def handed_in(blank, answers):
        return {
            "full": filled(blank, answers),
            "blank": blank,
            "s3_star": filled(blank, {**answers, "task2_solution": S3_STAR}),
            "lambda_trust": filled(blank, {**answers, "task4_solution": LAMBDA_TRUST}),
            "mfa_not_enabled": filled(blank, {**answers, "task5_solution": MFA_NOT_ENABLED}),
            "not_action": filled(blank, {**answers, "task2_solution": NOT_ACTION}),
        }
    return grade_class(tmp_path_factory.mktemp("iamlab"), LAB, handed_in)


def test_released_notebook_has_no_solutions_or_hidden_tests(graded):
    course, _ = graded
    release_hides_solutions(course, LAB)


def test_scores_match_the_documented_points(graded):
    _, results = graded
    scores = {s: (g.status, g.score, g.max_score) for s, g in results.items()}
    assert scores == {s: ("graded", points, 20.0) for s, points in EXPECTED.items()}, {
        s: g.reason for s, g in results.items()}


def test_feedback_shows_no_hidden_test_source(graded):
    course, _ = graded
    for student, html in feedback_pages(course, LAB, EXPECTED).items():
        if student == "s3_star":
            assert "expected denied" in html and "s3:PutObject" in html  # the learner sees why


def test_readme_documents_every_graded_cell_and_its_points():
    import re

    source = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
    cells = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
             for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")}
    readme = (LABS_DIR / LAB / "README.md").read_text(encoding="utf-8")
    documented = {gid: int(points) for gid, points in re.findall(r"`(task\d_\w+)` (\d+)", readme)}
    assert documented == cells
    assert sum(cells.values()) == 20 == EXPECTED["full"]
