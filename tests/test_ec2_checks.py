"""EC2 lab checks: each passes on the right sandbox state and, on the wrong one, says what it
found, what it expected and where to read. They hold moto to AWS's rules: an unknown AMI or
key pair, or a volume from another Availability Zone, fails the check although moto accepts it."""

from __future__ import annotations

import pytest

from labs.checks import ec2 as check
from tests.test_sandbox import sandbox_in_process

AL2023 = "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64"
ZONE = "ap-northeast-2a"


@pytest.fixture
def aws():
    with sandbox_in_process() as running:
        yield running


def named(name, kind="instance", **more):
    tags = [{"Key": "Name", "Value": name}] + [{"Key": k, "Value": v} for k, v in more.items()]
    return [{"ResourceType": kind, "Tags": tags}]


def launch(aws, name="kit-web-1", image=None, **extra):
    image = image or aws.client("ssm").get_parameter(Name=AL2023)["Parameter"]["Value"]
    return aws.ec2.run_instances(ImageId=image, InstanceType="t3.micro", MinCount=1, MaxCount=1,
                                 Placement={"AvailabilityZone": ZONE},
                                 TagSpecifications=named(name, Project="kit-ec2-lab"), **extra)["Instances"][0]


def assert_failed(result, *words):
    assert not result.passed, result.message
    text = result.explain()
    for word in words:
        assert word in text, f"{word!r} not in:\n{text}"
    assert result.message_ko and result.see, result
    return text


def test_key_pair(aws):
    assert_failed(check.key_pair_exists("kit-key"), "'kit-key' not found", "§ Key pairs")
    aws.ec2.create_key_pair(KeyName="kit-key")
    assert check.key_pair_exists("kit-key").passed
    assert_failed(check.key_pair_exists("kit-key", "ed25519"), "type rsa, expected ed25519")
    aws.ec2.create_key_pair(KeyName="kit-ed", KeyType="ed25519")
    assert check.key_pair_exists("kit-ed", "ed25519").passed


def test_instance_launch_settings(aws):
    assert_failed(check.instance_running("kit-web-1"), "no instance tagged Name='kit-web-1'")
    aws.ec2.create_key_pair(KeyName="kit-key")
    web = launch(aws, KeyName="kit-key", UserData="#!/bin/bash\naws s3 cp s3://kit-site/index.html /var/www/html/")
    assert check.instance_running("kit-web-1").passed
    assert check.instance_image_exists("kit-web-1").passed
    assert check.instance_key_pair("kit-web-1", "kit-key").passed
    assert check.instance_type("kit-web-1", "t3.micro").passed
    assert_failed(check.instance_type("kit-web-1", "t3.small"), "is a t3.micro, expected t3.small")
    assert check.instance_tags("kit-web-1", {"Project": "kit-ec2-lab"}).passed
    assert_failed(check.instance_tags("kit-web-1", {"Project": "other"}), "'Project': 'kit-ec2-lab'")
    assert check.instance_user_data("kit-web-1", "s3://kit-site/index.html").passed
    assert_failed(check.instance_user_data("kit-web-1", "s3://kit-other/index.html"), "does not mention")
    assert_failed(check.instance_key_pair("kit-web-1", "kit-other"), "uses key pair 'kit-key', expected 'kit-other'")
    assert_failed(check.instance_profile("kit-web-1", "kit-web-profile"), "instance profile None")
    aws.ec2.stop_instances(InstanceIds=[web["InstanceId"]])
    assert_failed(check.instance_running("kit-web-1"), "is stopped, expected running", "§ The instance lifecycle")


def test_what_moto_accepts_but_aws_refuses(aws):
    # moto launches from an AMI id and a key pair that do not exist; AWS refuses both.
    launch(aws, image="ami-0123456789abcdef0", KeyName="kit-typo")
    assert_failed(check.instance_image_exists("kit-web-1"), "ami-0123456789abcdef0", "does not exist",
                  "InvalidAMIID.NotFound")
    assert_failed(check.instance_key_pair("kit-web-1", "kit-typo"), "does not exist", "InvalidKeyPair.NotFound")
    aws.ec2.create_key_pair(KeyName="kit-key")
    assert_failed(check.instance_key_pair("kit-web-1", "kit-key"), "'kit-typo', which does not exist")
    launch(aws)
    assert_failed(check.instance_running("kit-web-1"), "2 instances are tagged", "aws.reset()")


def test_user_data_must_be_a_script(aws):
    launch(aws, UserData="aws s3 cp s3://kit-site/index.html /var/www/html/")
    assert_failed(check.instance_user_data("kit-web-1", "s3://kit-site/index.html"), "expected a script starting with '#!'")


def test_instance_profile(aws):
    import json

    trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "sts:AssumeRole",
                                                     "Principal": {"Service": "ec2.amazonaws.com"}}]}
    aws.iam.create_role(RoleName="r", AssumeRolePolicyDocument=json.dumps(trust))
    aws.iam.create_instance_profile(InstanceProfileName="kit-web-profile")
    aws.iam.add_role_to_instance_profile(InstanceProfileName="kit-web-profile", RoleName="r")
    launch(aws, IamInstanceProfile={"Name": "kit-web-profile"})
    assert check.instance_profile("kit-web-1", "kit-web-profile").passed
    assert_failed(check.instance_profile("kit-web-1", "other"), "'kit-web-profile', expected 'other'")


def test_volume_snapshot_and_zone(aws):
    web = launch(aws)
    assert_failed(check.volume_attached("kit-data", "kit-web-1", "/dev/sdf"), "no volume tagged Name='kit-data'")
    far = aws.ec2.create_volume(AvailabilityZone="ap-northeast-2c", Size=10, VolumeType="gp3",
                                TagSpecifications=named("kit-far", "volume"))
    aws.ec2.attach_volume(VolumeId=far["VolumeId"], InstanceId=web["InstanceId"], Device="/dev/sdg")  # moto allows
    assert_failed(check.volume_attached("kit-far", "kit-web-1", "/dev/sdg"), "ap-northeast-2c", ZONE,
                  "same Availability Zone")
    vol = aws.ec2.create_volume(AvailabilityZone=ZONE, Size=10, VolumeType="gp3",
                                TagSpecifications=named("kit-data", "volume"))
    assert_failed(check.volume_attached("kit-data", "kit-web-1", "/dev/sdf"), "is available, not attached")
    aws.ec2.attach_volume(VolumeId=vol["VolumeId"], InstanceId=web["InstanceId"], Device="/dev/sdh")
    assert_failed(check.volume_attached("kit-data", "kit-web-1", "/dev/sdf"), "attached as /dev/sdh on")
    aws.ec2.detach_volume(VolumeId=vol["VolumeId"], InstanceId=web["InstanceId"])
    aws.ec2.attach_volume(VolumeId=vol["VolumeId"], InstanceId=web["InstanceId"], Device="/dev/sdf")
    assert check.volume_attached("kit-data", "kit-web-1", "/dev/sdf").passed
    assert check.volume_spec("kit-data", 10, "gp3").passed
    assert_failed(check.volume_spec("kit-data", 20, "gp3"), "is 10 GiB gp3, expected 20 GiB gp3")

    assert_failed(check.snapshot_of_volume("kit-snap", "kit-data"), "no snapshot tagged Name='kit-snap'")
    aws.ec2.create_snapshot(VolumeId=far["VolumeId"], TagSpecifications=named("kit-snap", "snapshot"))
    assert_failed(check.snapshot_of_volume("kit-snap", "kit-data"), f"kit-snap of {far['VolumeId']}")
    aws.ec2.create_snapshot(VolumeId=vol["VolumeId"], TagSpecifications=named("kit-snap", "snapshot"))
    assert check.snapshot_of_volume("kit-snap", "kit-data").passed


def test_images_and_their_regions(aws):
    web = launch(aws)
    assert_failed(check.image_in_region("kit-image"), "no image of yours named 'kit-image' in ap-northeast-2")
    other = launch(aws, name="kit-other")
    aws.ec2.create_image(InstanceId=other["InstanceId"], Name="kit-image")
    assert check.image_in_region("kit-image").passed
    assert_failed(check.image_from_instance("kit-image", "kit-web-1"), other["InstanceId"], "expected instance 'kit-web-1'")
    aws.ec2.deregister_image(ImageId=aws.ec2.describe_images(Owners=["self"])["Images"][0]["ImageId"])
    image = aws.ec2.create_image(InstanceId=web["InstanceId"], Name="kit-image")["ImageId"]
    assert check.image_from_instance("kit-image", "kit-web-1").passed
    assert_failed(check.image_in_region("kit-image", "us-east-1"), "in us-east-1")
    aws.client("ec2", region_name="us-east-1").copy_image(SourceImageId=image, SourceRegion="ap-northeast-2",
                                                          Name="kit-image")
    assert check.image_in_region("kit-image", "us-east-1").passed


def test_public_ip_tags_and_elastic_ip(aws):
    web = launch(aws)
    iid = web["InstanceId"]
    assert_failed(check.tags_hold_different_ipv4("kit-web-1", "Before", "After"), "tag Before is None")
    aws.ec2.create_tags(Resources=[iid], Tags=[{"Key": "Before", "Value": "54.180.0.10"},
                                               {"Key": "After", "Value": "54.180.0.10"}])
    assert_failed(check.tags_hold_different_ipv4("kit-web-1", "Before", "After"), "both 54.180.0.10")
    aws.ec2.create_tags(Resources=[iid], Tags=[{"Key": "After", "Value": "10.0.0.5"}])
    assert_failed(check.tags_hold_different_ipv4("kit-web-1", "Before", "After"), "'10.0.0.5', expected a public")
    aws.ec2.create_tags(Resources=[iid], Tags=[{"Key": "After", "Value": "3.35.0.7"}])
    assert check.tags_hold_different_ipv4("kit-web-1", "Before", "After").passed

    assert_failed(check.elastic_ip_associated("kit-eip", "kit-web-1"), "no Elastic IP tagged Name='kit-eip'")
    eip = aws.ec2.allocate_address(Domain="vpc", TagSpecifications=named("kit-eip", "elastic-ip"))
    assert_failed(check.elastic_ip_associated("kit-eip", "kit-web-1"), "associated with nothing")
    aws.ec2.associate_address(InstanceId=iid, AllocationId=eip["AllocationId"])
    assert check.elastic_ip_associated("kit-eip", "kit-web-1").passed


def test_user_data_that_names_the_page_only_in_a_comment(aws):
    launch(aws, UserData="#!/bin/bash\n# TODO: aws s3 cp s3://kit-site/index.html /usr/share/nginx/html/\n")
    assert_failed(check.instance_user_data("kit-web-1", "s3://kit-site/index.html"), "does not mention", "§ Launching")


def test_an_image_made_in_the_destination_is_not_a_copy(aws):
    web = launch(aws)
    aws.ec2.create_image(InstanceId=web["InstanceId"], Name="kit-image")
    virginia = aws.client("ec2", region_name="us-east-1")
    image = virginia.describe_images(Owners=["amazon"], Filters=[{"Name": "name", "Values": ["al2023-ami-2023*"]}])
    there = virginia.run_instances(ImageId=image["Images"][0]["ImageId"], MinCount=1, MaxCount=1)["Instances"][0]
    virginia.create_image(InstanceId=there["InstanceId"], Name="kit-image")
    assert check.image_in_region("kit-image", "us-east-1").passed  # named right, available...
    text = assert_failed(check.image_copied_from("kit-image", "us-east-1"), there["InstanceId"],
                         "not copied from ap-northeast-2", "§ What an AMI contains")
    assert "복사한 것이 아닙니다" in text


def test_a_copy_of_the_right_image_passes(aws):
    web = launch(aws)
    image = aws.ec2.create_image(InstanceId=web["InstanceId"], Name="kit-image")["ImageId"]
    assert_failed(check.image_copied_from("kit-image", "us-east-1"), "no image of yours named 'kit-image' in us-east-1")
    aws.client("ec2", region_name="us-east-1").copy_image(SourceImageId=image, SourceRegion="ap-northeast-2",
                                                          Name="kit-image")
    assert check.image_copied_from("kit-image", "us-east-1").passed
