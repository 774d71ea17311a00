"""RDS checks: each passes on the right sandbox state and, on the wrong one, says what it found,
what it expected and where in chapter 21 to read. moto accepts a one-AZ DB subnet group; the check does not."""

from __future__ import annotations

import pytest

from labs.checks import rds as check
from tests.test_sandbox import sandbox_in_process

CHAPTER = "21-relational-databases-and-rds.ipynb § "


@pytest.fixture(scope="module")
def aws():
    with sandbox_in_process() as aws:
        ec2, rds = aws.ec2, aws.client("rds")
        vpc = ec2.create_vpc(CidrBlock="10.8.0.0/16")["Vpc"]["VpcId"]
        a, c = (ec2.create_subnet(VpcId=vpc, CidrBlock=cidr, AvailabilityZone=az)["Subnet"]["SubnetId"]
                for cidr, az in (("10.8.1.0/24", "ap-northeast-2a"), ("10.8.2.0/24", "ap-northeast-2c")))
        rds.create_db_subnet_group(DBSubnetGroupName="two-az", DBSubnetGroupDescription="d", SubnetIds=[a, c])
        rds.create_db_subnet_group(DBSubnetGroupName="one-az", DBSubnetGroupDescription="d", SubnetIds=[a])
        rds.create_db_parameter_group(DBParameterGroupName="pg", DBParameterGroupFamily="mysql8.4", Description="d")
        rds.modify_db_parameter_group(DBParameterGroupName="pg", Parameters=[
            {"ParameterName": "max_connections", "ParameterValue": "150", "ApplyMethod": "immediate"}])

        def instance(name, **extra):
            rds.create_db_instance(DBInstanceIdentifier=name, Engine="mysql", DBInstanceClass="db.t4g.micro",
                                   AllocatedStorage=20, MasterUsername="admin", MasterUserPassword="secret-pass-1",
                                   DBSubnetGroupName="two-az", **extra)

        instance("good", MultiAZ=True, PubliclyAccessible=False, StorageEncrypted=True, BackupRetentionPeriod=7,
                 DBParameterGroupName="pg")
        instance("plain", MultiAZ=False, PubliclyAccessible=True, BackupRetentionPeriod=0)
        rds.create_db_snapshot(DBInstanceIdentifier="good", DBSnapshotIdentifier="before-change")
        rds.create_db_instance_read_replica(DBInstanceIdentifier="good-replica", SourceDBInstanceIdentifier="good")
        instance("lookalike-replica")  # a second standalone instance, not a replica
        yield aws


PASSING = [
    lambda: check.subnet_group_azs("two-az"),
    lambda: check.parameter_group("pg", "mysql8.4", max_connections="150"),
    lambda: check.parameter_group("pg", "mysql8.4", max_connections=150),
    lambda: check.db_instance("good", Engine="mysql", MultiAZ=True, PubliclyAccessible=False, StorageEncrypted=True,
                              BackupRetentionPeriod=7, subnet_group="two-az", parameter_group="pg"),
    lambda: check.manual_snapshot("before-change", "good"),
    lambda: check.read_replica("good-replica", "good"),
]


@pytest.mark.parametrize("run", PASSING, ids=range(len(PASSING)))
def test_check_passes_on_the_right_state(aws, run):
    result = run()
    assert result.passed, result.explain()
    assert result.message and result.message_ko and not result.hint


# (check, words in the English message, section of chapter 21 it points to)
FAILING = [
    (lambda: check.subnet_group_azs("one-az"), ["1 Availability Zone", "['ap-northeast-2a']", "at least 2",
                                                "DBSubnetGroupDoesNotCoverEnoughAZs"], "Try it: a database"),
    (lambda: check.subnet_group_azs("nope"), ["'nope' not found", "one-az", "two-az"], "Try it: a database"),
    (lambda: check.parameter_group("gone", "mysql8.4"), ["'gone' not found", "['pg']"], "Try it: a database"),
    (lambda: check.parameter_group("pg", "mysql8.0"), ["family mysql8.4, expected mysql8.0"], "Try it"),
    (lambda: check.parameter_group("pg", "mysql8.4", max_connections="300"), ["max_connections is 150, expected 300"],
     "Try it"),
    (lambda: check.parameter_group("pg", "mysql8.4", wait_timeout="60"), ["wait_timeout is None, expected 60"], "Try"),
    (lambda: check.db_instance("nobody"), ["'nobody' not found", "good"], "Creating a DB instance"),
    (lambda: check.db_instance("plain", MultiAZ=True), ["MultiAZ is False, expected True"], "Multi-AZ: a standby"),
    (lambda: check.db_instance("plain", PubliclyAccessible=False), ["PubliclyAccessible is True, expected False"],
     "Creating a DB instance"),
    (lambda: check.db_instance("plain", StorageEncrypted=True), ["StorageEncrypted is False"], "Creating"),
    (lambda: check.db_instance("plain", BackupRetentionPeriod=7), ["BackupRetentionPeriod is 0, expected 7"],
     "Amazon RDS: a managed"),
    (lambda: check.db_instance("good", subnet_group="one-az"), ["subnet group two-az, expected one-az"], "Try it"),
    (lambda: check.db_instance("plain", parameter_group="pg"), ["parameter group(s) ['default.mysql", "expected pg"],
     "Try it"),
    (lambda: check.manual_snapshot("missing-snap", "good"), ["'missing-snap' not found", "before-change"], "Amazon RDS"),
    (lambda: check.manual_snapshot("before-change", "plain"), ["DBInstanceIdentifier is good, expected plain"],
     "Amazon RDS"),
    (lambda: check.read_replica("lookalike-replica", "good"), ["not a read replica of 'good'", "None"], "Multi-AZ"),
    (lambda: check.read_replica("good-replica", "plain"), ["not a read replica of 'plain'", "good"], "Multi-AZ"),
]


@pytest.mark.parametrize("run, words, section", FAILING, ids=range(len(FAILING)))
def test_check_fails_on_the_wrong_state_and_says_why(aws, run, words, section):
    result = run()
    assert not result.passed
    for word in words:
        assert word in result.message, result.message
    assert result.message_ko and result.hint and result.hint_ko, result.explain()
    assert result.see.startswith(CHAPTER + section), result.see
    assert "=" not in result.hint, result.hint  # a hint teaches; it does not hand over a line of code


def test_automated_snapshots_are_not_manual_ones(aws):
    automated = [s["DBSnapshotIdentifier"] for s in aws.client("rds").describe_db_snapshots(
        DBInstanceIdentifier="good", SnapshotType="automated")["DBSnapshots"]]
    assert automated, "moto keeps an automated snapshot when backups are on"
    result = check.manual_snapshot(automated[0], "good")
    assert not result.passed and "SnapshotType is automated, expected manual" in result.message
