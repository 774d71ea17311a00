"""The clock on a real sandbox: each effect applied through the API, checked through the API."""

from __future__ import annotations

import datetime as dt

import pytest

from course.virtual_clock import ClockError
from tests.test_sandbox import sandbox_in_process

KB = 1024
SEOUL = {"LocationConstraint": "ap-northeast-2"}


@pytest.fixture
def aws():
    with sandbox_in_process() as box:
        box.reset()
        yield box


def test_lifecycle_moves_keeps_metadata_then_expires(aws):
    s3 = aws.s3
    s3.create_bucket(Bucket="clock-logs", CreateBucketConfiguration=SEOUL)
    s3.put_object(Bucket="clock-logs", Key="logs/app.log", Body=b"x" * 200 * KB, Metadata={"team": "web"},
                  ContentType="text/plain")
    s3.put_object(Bucket="clock-logs", Key="tmp/a.txt", Body=b"x")
    s3.put_bucket_lifecycle_configuration(Bucket="clock-logs", LifecycleConfiguration={"Rules": [
        {"ID": "archive-logs", "Status": "Enabled", "Filter": {"Prefix": "logs/"},
         "Transitions": [{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}],
         "Expiration": {"Days": 365}},
        {"ID": "tmp", "Status": "Enabled", "Filter": {"Prefix": "tmp/"}, "Expiration": {"Days": 7}}]})
    report = aws.clock.advance(days=29)
    # Uploaded today; a 7-day rule is due at the 8th midnight: day 7 of the clock's count.
    assert report.lines == ["day 7: tmp/a.txt expired (deleted) by rule tmp"]
    assert s3.head_object(Bucket="clock-logs", Key="logs/app.log").get("StorageClass", "STANDARD") == "STANDARD"
    report = aws.clock.advance(days=2)
    assert report.lines == ["day 30: logs/app.log moved to STANDARD_IA by rule archive-logs"]
    head = s3.head_object(Bucket="clock-logs", Key="logs/app.log")
    assert (head["StorageClass"], head["Metadata"], head["ContentType"]) == ("STANDARD_IA", {"team": "web"}, "text/plain")
    aws.clock.advance(days=365)
    assert s3.list_objects_v2(Bucket="clock-logs").get("KeyCount") == 0
    log = aws.clock.log()
    assert "day 90: logs/app.log moved to GLACIER by rule archive-logs" in log
    assert "day 365: logs/app.log expired (deleted) by rule archive-logs" in log


def test_versioned_expiry_leaves_a_noncurrent_version_that_expires_later(aws):
    s3 = aws.s3
    s3.create_bucket(Bucket="clock-versions", CreateBucketConfiguration=SEOUL)
    s3.put_bucket_versioning(Bucket="clock-versions", VersioningConfiguration={"Status": "Enabled"})
    s3.put_object(Bucket="clock-versions", Key="a.txt", Body=b"v1")
    s3.put_bucket_lifecycle_configuration(Bucket="clock-versions", LifecycleConfiguration={"Rules": [
        {"ID": "r", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 10},
         "NoncurrentVersionExpiration": {"NoncurrentDays": 5}}]})
    aws.clock.advance(days=12)
    listed = s3.list_object_versions(Bucket="clock-versions")
    assert len(listed["Versions"]) == 1 and not listed["Versions"][0]["IsLatest"]
    assert len(listed["DeleteMarkers"]) == 1
    # Noncurrent from day 10 (00:00); 5 days later, at 00:00 on day 15, it goes.
    report = aws.clock.advance(days=4)
    assert report.lines == ["day 15: clock-versions: noncurrent version of a.txt deleted by rule r"]
    assert "Versions" not in s3.list_object_versions(Bucket="clock-versions")


def test_incomplete_multipart_upload_is_aborted(aws):
    s3 = aws.s3
    s3.create_bucket(Bucket="clock-mpu", CreateBucketConfiguration=SEOUL)
    s3.create_multipart_upload(Bucket="clock-mpu", Key="big.bin")
    s3.put_bucket_lifecycle_configuration(Bucket="clock-mpu", LifecycleConfiguration={"Rules": [
        {"ID": "mpu", "Status": "Enabled", "Filter": {}, "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 3}}]})
    assert aws.clock.advance(days=5).lines == ["day 3: clock-mpu: incomplete multipart upload of big.bin aborted by rule mpu"]
    assert "Uploads" not in s3.list_multipart_uploads(Bucket="clock-mpu")


def test_dynamodb_ttl_deletes_expired_items_only(aws):
    ddb = aws.client("dynamodb")
    ddb.create_table(TableName="sessions", KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
                     AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}], BillingMode="PAY_PER_REQUEST")
    ddb.update_time_to_live(TableName="sessions", TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires"})
    now = int(aws.clock.now().timestamp())
    ddb.put_item(TableName="sessions", Item={"id": {"S": "day-one"}, "expires": {"N": str(now + 86400 + 60)}})
    ddb.put_item(TableName="sessions", Item={"id": {"S": "week"}, "expires": {"N": str(now + 7 * 86400)}})
    ddb.put_item(TableName="sessions", Item={"id": {"S": "forever"}})
    report = aws.clock.advance(days=2)
    assert report.lines == ["day 1: table sessions: item id=day-one deleted (TTL expires passed on day 1)"]
    left = sorted(i["id"]["S"] for i in ddb.scan(TableName="sessions")["Items"])
    assert left == ["forever", "week"]


def _group(aws, name="web"):
    aws.ec2.create_launch_template(LaunchTemplateName=f"{name}-lt",
                                   LaunchTemplateData={"ImageId": "ami-12c6146b", "InstanceType": "t3.micro"})
    asg = aws.client("autoscaling")
    asg.create_auto_scaling_group(AutoScalingGroupName=name, LaunchTemplate={"LaunchTemplateName": f"{name}-lt"},
                                  MinSize=1, MaxSize=5, DesiredCapacity=1, AvailabilityZones=[aws.region + "a"])
    return asg


def test_alarm_evaluated_on_put_metrics_runs_its_scaling_policy(aws):
    asg = _group(aws)
    asg.put_scaling_policy(AutoScalingGroupName="web", PolicyName="add-one", PolicyType="SimpleScaling",
                           AdjustmentType="ChangeInCapacity", ScalingAdjustment=1)
    arn = asg.describe_policies(AutoScalingGroupName="web")["ScalingPolicies"][0]["PolicyARN"]
    cw = aws.client("cloudwatch")
    real = dt.datetime.now(dt.timezone.utc)
    cw.put_metric_data(Namespace="Shop", MetricData=[
        {"MetricName": "Load", "Value": v, "Timestamp": real - dt.timedelta(minutes=m)}
        for v, m in ((50.0, 3), (90.0, 2), (95.0, 1))])
    cw.put_metric_alarm(AlarmName="busy", Namespace="Shop", MetricName="Load", Statistic="Average", Period=60,
                        EvaluationPeriods=3, DatapointsToAlarm=2, Threshold=80,
                        ComparisonOperator="GreaterThanThreshold", AlarmActions=[arn])
    report = aws.clock.advance(hours=1)
    # 2 of the latest 3 one-minute averages (50, 90, 95) are above 80: ALARM, and the policy adds one.
    assert report.lines == ["day 0: alarm busy went from OK to ALARM (50, 90, 95 vs 80)",
                            "day 0: alarm busy ran policy add-one: group web desired capacity 1 -> 2"]
    assert cw.describe_alarms(AlarmNames=["busy"])["MetricAlarms"][0]["StateValue"] == "ALARM"
    assert asg.describe_auto_scaling_groups(AutoScalingGroupNames=["web"])["AutoScalingGroups"][0]["DesiredCapacity"] == 2


def test_scheduled_action_sets_the_group_size(aws):
    asg = _group(aws, "batch")
    start = aws.clock.now() + dt.timedelta(days=2)
    asg.put_scheduled_update_group_action(AutoScalingGroupName="batch", ScheduledActionName="night-shift",
                                          StartTime=start, DesiredCapacity=3)
    assert aws.clock.advance(days=1).lines == []
    assert aws.clock.advance(days=2).lines == ["day 2: scheduled action night-shift set group batch to DesiredCapacity=3"]
    group = asg.describe_auto_scaling_groups(AutoScalingGroupNames=["batch"])["AutoScalingGroups"][0]
    assert group["DesiredCapacity"] == 3


def test_bad_advance_and_reset(aws):
    with pytest.raises(ClockError, match="days must be 0 or more, got -3"):
        aws.clock.advance(days=-3)
    aws.clock.advance(days=2)
    assert aws.clock.day == 2 and repr(aws.clock).startswith("<Sandbox clock: day 2, ")
    aws.reset()
    assert aws.clock.day == 0 and aws.clock.log() == "(nothing has happened yet)"


def test_cost_meter_follows_the_clock(aws):
    from course.cost_meter import CostMeterError
    ec2 = aws.ec2
    ec2.run_instances(ImageId="ami-12c6146b", InstanceType="t3.micro", MinCount=1, MaxCount=1)
    vol = ec2.create_volume(AvailabilityZone=aws.region + "a", Size=10, VolumeType="gp3")
    ec2.create_snapshot(VolumeId=vol["VolumeId"])
    meter = aws.cost_meter()
    keys = {x.key for x in meter.bill().lines}
    # The instance, its 8 GiB root volume (gp2 in moto), our gp3 volume, its snapshot, its public IP.
    assert keys == {"ec2:t3.micro", "ebs:gp2", "ebs:gp3", "ebs:snapshots", "ipv4"}
    hourly = meter.bill().hourly_usd
    aws.clock.advance(days=30)
    assert meter.ledger.hours == pytest.approx(720)
    assert meter.ledger.total_usd == pytest.approx(hourly * 720, rel=1e-6)
    assert repr(meter).endswith(f"${hourly * 720:,.2f} so far over 30 virtual days>")
    with pytest.raises(CostMeterError, match="Region 'ap-northeast-2'"):
        aws.cost_meter(price_region="ap-northeast-2")


def test_object_lock_refusal_is_logged_and_the_advance_goes_on(aws):
    s3 = aws.s3
    s3.create_bucket(Bucket="clock-locked", CreateBucketConfiguration=SEOUL, ObjectLockEnabledForBucket=True)
    until = aws.clock.now() + dt.timedelta(days=400)
    first = s3.put_object(Bucket="clock-locked", Key="ledger.txt", Body=b"v1", ObjectLockMode="COMPLIANCE",
                          ObjectLockRetainUntilDate=until)
    s3.put_object(Bucket="clock-locked", Key="ledger.txt", Body=b"v2")
    s3.put_bucket_lifecycle_configuration(Bucket="clock-locked", LifecycleConfiguration={"Rules": [
        {"ID": "old", "Status": "Enabled", "Filter": {}, "NoncurrentVersionExpiration": {"NoncurrentDays": 1}}]})
    lines = aws.clock.advance(days=3).lines
    # Lifecycle tries again each day, as S3 does, and each refusal is logged.
    assert lines and all("clock-locked/ledger.txt: AWS refused the clock's action (AccessDenied" in x for x in lines)
    ids = [v["VersionId"] for v in s3.list_object_versions(Bucket="clock-locked")["Versions"]]
    assert first["VersionId"] in ids


def test_meter_charges_requests_and_early_deletion(aws):
    s3 = aws.s3
    s3.create_bucket(Bucket="clock-early", CreateBucketConfiguration=SEOUL)
    s3.put_object(Bucket="clock-early", Key="a.bin", Body=b"x" * 1024 * 1024, StorageClass="STANDARD_IA")
    s3.put_bucket_lifecycle_configuration(Bucket="clock-early", LifecycleConfiguration={"Rules": [
        {"ID": "soon", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 10}}]})
    meter = aws.cost_meter()
    aws.clock.advance(days=12)
    # create_bucket, put_object and put_bucket_lifecycle_configuration: 3 PUT-tier requests at $0.005 per 1,000.
    assert meter.ledger.totals["s3:requests:put"] == pytest.approx(3 * 0.005 / 1000)
    # Deleted after `held` days of STANDARD_IA's 30: the rest, for 1 MB (= 1/1024 GB) at $0.0125 per GB-month.
    [change] = aws.clock.s3_changes
    assert 10 < change.days_held < 11
    assert meter.ledger.totals["s3:early"] == pytest.approx(0.0125 / 1024 * (30 - change.days_held) / 30)


def test_expired_object_delete_marker_is_removed(aws):
    s3 = aws.s3
    s3.create_bucket(Bucket="clock-markers", CreateBucketConfiguration=SEOUL)
    s3.put_bucket_versioning(Bucket="clock-markers", VersioningConfiguration={"Status": "Enabled"})
    v = s3.put_object(Bucket="clock-markers", Key="old.txt", Body=b"x")["VersionId"]
    s3.delete_object(Bucket="clock-markers", Key="old.txt")                 # a delete marker on top
    s3.delete_object(Bucket="clock-markers", Key="old.txt", VersionId=v)    # the data goes: the marker is alone
    s3.put_bucket_lifecycle_configuration(Bucket="clock-markers", LifecycleConfiguration={"Rules": [
        {"ID": "markers", "Status": "Enabled", "Filter": {}, "Expiration": {"ExpiredObjectDeleteMarker": True}}]})
    assert aws.clock.advance(days=2).lines == ["day 0: clock-markers: expired delete marker of old.txt removed by rule markers"]
    assert "DeleteMarkers" not in s3.list_object_versions(Bucket="clock-markers")
