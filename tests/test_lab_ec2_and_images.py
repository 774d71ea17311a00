"""The EC2 and images lab through real nbgrader: full marks, zero, and the exact partial points
of wrong answers a learner would plausibly hand in, including two that the sandbox accepts but
AWS would refuse; feedback keeps hidden tests hidden.

Points are documented in labs/ec2-and-images/README.md (20 in all). One grade() call grades
every submission, with the warm executor.
"""

import nbformat
import pytest

from autograder.config import LABS_DIR

from .conftest import filled
from .lab_grading import feedback_pages, grade_class, release_hides_solutions

LAB = "ec2-and-images"
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group(LAB)]

# The volume is created and snapshotted but never attached: task4_volume (2 points).
FORGOT_ATTACH = '''
web = find_instance(INSTANCE)
zone = web["Placement"]["AvailabilityZone"]
volume = ec2.create_volume(AvailabilityZone=zone, Size=10, VolumeType="gp3", TagSpecifications=[
    {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": VOLUME}]}])
snap = ec2.create_snapshot(VolumeId=volume["VolumeId"], TagSpecifications=[
    {"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": SNAPSHOT}]}])
'''

# The volume is made in another zone; the sandbox attaches it anyway, AWS would not: task4_volume (2).
OTHER_ZONE = '''
web = find_instance(INSTANCE)
volume = ec2.create_volume(AvailabilityZone="ap-northeast-2c", Size=10, VolumeType="gp3", TagSpecifications=[
    {"ResourceType": "volume", "Tags": [{"Key": "Name", "Value": VOLUME}]}])
ec2.attach_volume(VolumeId=volume["VolumeId"], InstanceId=web["InstanceId"], Device="/dev/sdf")
snap = ec2.create_snapshot(VolumeId=volume["VolumeId"], TagSpecifications=[
    {"ResourceType": "snapshot", "Tags": [{"Key": "Name", "Value": SNAPSHOT}]}])
'''

# A reviewer's cheat: the "copy" in us-east-1 is an image made there from another instance,
# named right and available; the hidden image_copied_from catches it: task5_copy (2 points).
MADE_IN_US_EAST_1 = '''
web = find_instance(INSTANCE)
image_id = ec2.create_image(InstanceId=web["InstanceId"], Name=IMAGE)["ImageId"]
ec2.get_waiter("image_available").wait(ImageIds=[image_id])
virginia = aws.client("ec2", region_name=COPY_REGION)
al2023 = virginia.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-2023*"]}])
there = virginia.run_instances(ImageId=al2023["Images"][0]["ImageId"], MinCount=1, MaxCount=1)["Instances"][0]
virginia.create_image(InstanceId=there["InstanceId"], Name=IMAGE)
'''

EXPECTED = {"full": 20.0, "blank": 0.0, "forgot_attach": 18.0, "other_zone": 18.0, "key_typo": 18.0,
            "made_in_us_east_1": 18.0}


def key_typo(answers):
    """Task 3 launched with a key pair name that does not exist (moto accepts it): task3_instance (2)."""
    text = answers["task3_solution"]
    assert "KeyName=KEY," in text
    return text.replace("KeyName=KEY,", 'KeyName="kit-ec2-lab-keys",')


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    def handed_in(blank, answers):
        return {
            "full": filled(blank, answers),
            "blank": blank,
            "forgot_attach": filled(blank, {**answers, "task4_solution": FORGOT_ATTACH}),
            "other_zone": filled(blank, {**answers, "task4_solution": OTHER_ZONE}),
            "key_typo": filled(blank, {**answers, "task3_solution": key_typo(answers)}),
            "made_in_us_east_1": filled(blank, {**answers, "task5_solution": MADE_IN_US_EAST_1}),
        }
    return grade_class(tmp_path_factory.mktemp("ec2lab"), LAB, handed_in)


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
        if student == "key_typo":
            assert "InvalidKeyPair.NotFound" in html  # the learner sees what AWS would have said
        if student == "other_zone":
            assert "same Availability Zone" in html


def test_readme_documents_every_graded_cell_and_its_points():
    import re

    source = nbformat.read(LABS_DIR / LAB / f"{LAB}.ipynb", as_version=4)
    cells = {c.metadata["nbgrader"]["grade_id"]: c.metadata["nbgrader"]["points"]
             for c in source.cells if c.metadata.get("nbgrader", {}).get("grade")}
    readme = (LABS_DIR / LAB / "README.md").read_text(encoding="utf-8")
    documented = {gid: int(points) for gid, points in re.findall(r"`(task\d_\w+)` (\d+)", readme)}
    assert documented == cells
    assert sum(cells.values()) == 20 == EXPECTED["full"]
