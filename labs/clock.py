"""The sandbox's virtual clock: move time forward and make AWS act, through the AWS API only.

moto stores lifecycle rules, TTLs, alarms and schedules but has no clock: nothing ever
happens. ``aws.clock.advance(days=30)`` moves the sandbox's virtual time forward (virtual
now = real now + an offset kept here, one per sandbox) and applies what AWS would have done
in that time, each through an ordinary API call on the clock's own boto3 session:

- S3 Lifecycle: transitions (the object is copied onto itself with the new StorageClass,
  metadata and tags kept), expirations, noncurrent-version expiry, expired delete markers, aborting incomplete
  multipart uploads. Decisions: `course.virtual_clock.lifecycle_steps`.
- DynamoDB TTL: expired items are deleted.
- CloudWatch alarms: evaluated on the datapoints put so far (``set_alarm_state``), and their
  Auto Scaling policy actions run (``execute_policy``).
- Auto Scaling scheduled actions: group sizes updated when a StartTime or cron time passes.

Object ages: moto's LastModified is real time. The clock looks at every object version and
upload before it moves time, and remembers the virtual time it was made (LastModified plus
the offset then in force: the offset only changes inside ``advance``, so that is exact).
An in-place copy changes LastModified but not the remembered creation time, as a lifecycle
transition does not change an object's age in S3. moto reports a fixed Initiated date for
multipart uploads, so an upload's age counts from when the clock first saw it.

Where the sandbox simplifies (the chapters say so too): S3 applies lifecycle at 00:00 UTC and
may take hours to finish; here it happens exactly at midnight. DynamoDB deletes expired items
typically within two days; here at the first advance past the expiry. Alarms are evaluated
once per advance on the latest N datapoints, ignoring missing ones. Transitions of
noncurrent versions are logged but not applied (copying a version would make it current).
In a versioned bucket a transition replaces the current version with a copy (a new version
ID) and deletes the old one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from botocore.exceptions import ClientError

from course.i18n import phrase, text
from course.s3_lifecycle import S3Object
from course.virtual_clock import (DAY, ClockEvent, advance_span, alarm_state, day_number, expired_marker_rule,
                                  lifecycle_steps, midnights, scheduled_runs, ttl_expired, utc)

ARCHIVED = ("GLACIER", "DEEP_ARCHIVE")
MAX_STEPS = 12  # a long advance is applied (and billed) in at most this many steps of a day or more

# The clock's log speaks the chapter's language; API names, states and IDs stay as AWS writes them.
TEXT = {
    "en": {
        "report_head": "Sandbox clock: day {day} ({now} UTC)",
        "nothing_happened": "(nothing happened)",
        "nothing_yet": "(nothing has happened yet)",
        "clock_repr": "<Sandbox clock: day {day}, {now} UTC, {n} event(s) logged>",
        "no_id": "(no ID)",
        "refused": "{where}: AWS refused the clock's action ({code}: {message})",
        "marker_removed": "{bucket}: expired delete marker of {key} removed by rule {rule}",
        "upload_aborted": "{bucket}: incomplete multipart upload of {key} aborted by rule {rule}",
        "noncurrent_due": "{bucket}: noncurrent version of {key} is due to move to {to_class} by rule {rule} "
                          "(the sandbox leaves its class unchanged)",
        "moved": "{key} moved to {to_class} by rule {rule}",
        "noncurrent_deleted": "{bucket}: noncurrent version of {key} deleted by rule {rule}",
        "expired_to_marker": "{key} expired by rule {rule}: a delete marker is now its current version "
                             "(the data stays as a noncurrent version)",
        "expired_deleted": "{key} expired (deleted) by rule {rule}",
        "where_table": "table {table}",
        "ttl_deleted": "table {table}: item {item} deleted (TTL {attr} passed on day {day})",
        "alarm_changed": "alarm {alarm} went from {old} to {new} ({values} vs {threshold})",
        "no_data": "no data",
        "action_not_run": "alarm {alarm}: action {arn} is not run in the sandbox (only Auto Scaling policy "
                          "actions are)",
        "where_policy": "alarm {alarm}, policy {policy}",
        "policy_ran": "alarm {alarm} ran policy {policy}: group {group} desired capacity {before} -> {after}",
        "where_group": "group {group}",
        "scheduled": "scheduled action {name} set group {group} to {sizes}",
        "scheduled_times": "scheduled action {name} set group {group} to {sizes} (ran {n} times, last shown)",
    },
    "ko": {
        "report_head": "샌드박스 시계: {day}일째 ({now} UTC)",
        "nothing_happened": "(아무 일도 없었습니다)",
        "nothing_yet": "(아직 아무 일도 없었습니다)",
        "clock_repr": "<샌드박스 시계: {day}일째, {now} UTC, 기록된 이벤트 {n}개>",
        "no_id": "(ID 없음)",
        "refused": "{where}: AWS가 시계의 작업을 거부함 ({code}: {message})",
        "marker_removed": "{bucket}: 규칙 {rule}에 따라 {key}의 만료된 객체 삭제 마커 제거",
        "upload_aborted": "{bucket}: 규칙 {rule}에 따라 {key}의 불완전한 멀티파트 업로드 중단",
        "noncurrent_due": "{bucket}: 규칙 {rule}에 따라 {key}의 이전 버전(noncurrent version)이 {to_class}(으)로 "
                          "전환될 때가 됨 (샌드박스는 클래스를 바꾸지 않음)",
        "moved": "규칙 {rule}에 따라 {key}을(를) {to_class}(으)로 전환",
        "noncurrent_deleted": "{bucket}: 규칙 {rule}에 따라 {key}의 이전 버전 삭제",
        "expired_to_marker": "규칙 {rule}에 따라 {key} 만료: 이제 삭제 마커가 현재 버전 "
                             "(데이터는 이전 버전으로 남음)",
        "expired_deleted": "규칙 {rule}에 따라 {key} 만료 (삭제됨)",
        "where_table": "테이블 {table}",
        "ttl_deleted": "테이블 {table}: 항목 {item} 삭제 (TTL 속성 {attr}의 시각이 {day}일째에 지남)",
        "alarm_changed": "경보 {alarm}의 상태가 {old}에서 {new}(으)로 바뀜 ({values}, 임계값 {threshold})",
        "no_data": "데이터 없음",
        "action_not_run": "경보 {alarm}: 작업 {arn}은(는) 샌드박스에서 실행하지 않음 (Auto Scaling 정책 작업만 실행)",
        "where_policy": "경보 {alarm}, 정책 {policy}",
        "policy_ran": "경보 {alarm}이(가) 정책 {policy} 실행: 그룹 {group}의 원하는 용량 {before} -> {after}",
        "where_group": "그룹 {group}",
        "scheduled": "예약된 작업 {name}이(가) 그룹 {group}을(를) {sizes}(으)로 설정",
        "scheduled_times": "예약된 작업 {name}이(가) 그룹 {group}을(를) {sizes}(으)로 설정 "
                           "({n}번 실행, 마지막 것만 표시)",
    },
}


@dataclass
class _Seen:
    """What the clock remembers of one object version: its LastModified and its virtual ages."""

    last_modified: dt.datetime
    created: dt.datetime
    class_since: dt.datetime


@dataclass(frozen=True)
class S3Change:
    """An object leaving a storage class (for the cost meter's minimum-duration charges)."""

    when: dt.datetime
    storage_class: str
    size_bytes: int
    days_held: float


@dataclass
class AdvanceReport:
    """What one ``advance`` did: the log lines it added and the virtual time it reached."""

    lines: list[str]
    now: dt.datetime
    day: int

    def __repr__(self) -> str:
        head = text(TEXT, "report_head", day=self.day, now=f"{self.now:%Y-%m-%d %H:%M}")
        return "\n".join([head] + (self.lines or [text(TEXT, "nothing_happened")]))


@dataclass(repr=False)
class Clock:
    """The virtual clock of one sandbox (``aws.clock``)."""

    sandbox: object
    offset: dt.timedelta = dt.timedelta(0)
    epoch: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.timezone.utc))
    events: list[ClockEvent] = field(default_factory=list)

    def __post_init__(self):
        self._seen: dict[tuple[str, str, str], _Seen] = {}
        self._uploads: dict[str, dt.datetime] = {}
        self._listeners: list = []
        self._after: list = []
        self.s3_changes: list[S3Change] = []

    def __repr__(self) -> str:
        return text(TEXT, "clock_repr", day=self.day, now=f"{self.now():%Y-%m-%d %H:%M}", n=len(self.events))

    # ------------------------------------------------------------------ reading the time
    def now(self) -> dt.datetime:
        """The sandbox's virtual time (UTC)."""
        return dt.datetime.now(dt.timezone.utc) + self.offset

    @property
    def day(self) -> int:
        """Whole virtual days since the clock started (day 0)."""
        return day_number(self.now(), self.epoch)

    def log(self) -> str:
        """Everything the clock made AWS do, one line each ("day 30: ...")."""
        return "\n".join(e.line(self.epoch) for e in self.events) or text(TEXT, "nothing_yet")

    def on_advance(self, callback) -> None:
        """Call ``callback(start, end)`` for each step of an advance, before its effects."""
        if callback not in self._listeners:
            self._listeners.append(callback)

    def after_advance(self, callback) -> None:
        """Call ``callback()`` when an advance has finished."""
        if callback not in self._after:
            self._after.append(callback)

    def reset(self) -> None:
        """Back to day 0 with an empty log (``aws.reset()`` calls this)."""
        self.offset, self.epoch = dt.timedelta(0), dt.datetime.now(dt.timezone.utc)
        self.events.clear()
        self.s3_changes.clear()
        self._seen.clear()
        self._uploads.clear()

    # ------------------------------------------------------------------ moving it
    def advance(self, days: float = 0, hours: float = 0) -> AdvanceReport:
        """Move virtual time forward and apply what AWS would do meanwhile.

        Raises:
            ClockError: a negative or non-numeric amount.
        """
        span = advance_span(days, hours)
        first = len(self.events)
        self._observe()
        start = self.now()
        self._evaluate_alarms(start)
        # Only the clock changes the sandbox during an advance, so configuration is read once.
        buckets, tables = self._lifecycle_buckets(), self._ttl_tables()
        actions = self._client("autoscaling").describe_scheduled_actions().get("ScheduledUpdateGroupActions", [])
        step = max(DAY, span / MAX_STEPS)
        t, end = start, start + span
        while t < end:
            nxt = min(t + step, end)
            for callback in list(self._listeners):
                callback(t, nxt)
            self.offset += nxt - t
            self._lifecycle(buckets, t, nxt)
            self._ttl(tables, t, nxt)
            self._schedules(actions, t, nxt)
            t = nxt
        for callback in list(self._after):
            callback()
        new = self.events[first:]
        return AdvanceReport([e.line(self.epoch) for e in new], self.now(), self.day)

    # ------------------------------------------------------------------ helpers
    def _client(self, name: str):
        return self.sandbox.check_client(name)

    def _note(self, when: dt.datetime, service: str, message: str, /, **values) -> None:
        """Log ``TEXT[message]``; it is shown in the language set when the log is read."""
        self.events.append(ClockEvent(utc(when), service, phrase(TEXT, message, **values)))

    def _refused(self, when: dt.datetime, service: str, where, error: ClientError) -> None:
        """Log an action the API refused; the rest of the advance goes on."""
        info = error.response.get("Error", {})
        self._note(when, service, "refused", where=where, code=info.get("Code"), message=info.get("Message"))

    def _observe(self) -> None:
        """Remember the virtual creation time of every object version and upload not seen yet."""
        s3 = self._client("s3")
        for bucket in [b["Name"] for b in s3.list_buckets().get("Buckets", [])]:
            for v in _versions(s3, bucket):
                ident = (bucket, v["Key"], v.get("VersionId") or "null")
                lm = utc(v["LastModified"])
                seen = self._seen.get(ident)
                if seen is None or seen.last_modified != lm:
                    created = lm + self.offset
                    self._seen[ident] = _Seen(lm, created, created)
            for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
                self._uploads.setdefault(u["UploadId"], self.now())

    # ------------------------------------------------------------------ S3 Lifecycle
    def _lifecycle_buckets(self) -> list[tuple[str, list, str]]:
        """(bucket, lifecycle rules, versioning status) for each bucket with a lifecycle configuration."""
        s3, out = self._client("s3"), []
        for bucket in [b["Name"] for b in s3.list_buckets().get("Buckets", [])]:
            try:
                rules = s3.get_bucket_lifecycle_configuration(Bucket=bucket)["Rules"]
            except ClientError:
                continue  # no lifecycle configuration
            out.append((bucket, rules, s3.get_bucket_versioning(Bucket=bucket).get("Status", "Unversioned")))
        return out

    def _lifecycle(self, buckets, since: dt.datetime, until: dt.datetime) -> None:
        s3 = self._client("s3")
        for bucket, rules, versioning in buckets:
            wants_tags = any("Tag" in str(r.get("Filter", {})) for r in rules)
            by_key: dict[str, list[dict]] = {}
            for v in _versions(s3, bucket):
                by_key.setdefault(v["Key"], []).append(v)
            for key, versions in by_key.items():
                versions.sort(key=lambda v: self._created(bucket, v), reverse=True)
                if len(versions) == 1 and versions[0].get("IsDeleteMarker"):
                    rule_id = expired_marker_rule(rules, key)
                    if rule_id and midnights(since, until):
                        when = midnights(since, until)[0]
                        s3.delete_object(Bucket=bucket, Key=key, VersionId=versions[0]["VersionId"])
                        self._note(when, "s3", "marker_removed", bucket=bucket, key=key, rule=rule_id)
                    continue
                for i, v in enumerate(versions):
                    if v.get("IsDeleteMarker"):
                        continue
                    tags = ()
                    if wants_tags:
                        tags = tuple(sorted((t["Key"], t["Value"]) for t in s3.get_object_tagging(
                            Bucket=bucket, Key=key, VersionId=v.get("VersionId") or "null")["TagSet"]))
                    obj = S3Object(key, v.get("Size", 0), tags, v.get("StorageClass", "STANDARD"))
                    if v.get("IsLatest"):
                        started, noncurrent = self._created(bucket, v), False
                    else:
                        started, noncurrent = self._created(bucket, versions[i - 1]), True
                    steps = lifecycle_steps(rules, obj, started, since, until, noncurrent=noncurrent)
                    if steps:
                        try:
                            self._apply_s3(s3, bucket, v, obj, steps, versioning, noncurrent)
                        except ClientError as e:  # e.g. an Object Lock retention S3 also honours
                            self._refused(steps[-1].when, "s3", f"{bucket}/{key}", e)
            for u in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
                started = self._uploads.setdefault(u["UploadId"], since)
                steps = lifecycle_steps(rules, S3Object(u["Key"], 0, multipart_upload=True), started, since, until)
                if steps and steps[-1].action == "aborted":
                    try:
                        s3.abort_multipart_upload(Bucket=bucket, Key=u["Key"], UploadId=u["UploadId"])
                    except ClientError as e:
                        self._refused(steps[-1].when, "s3", f"{bucket}/{u['Key']}", e)
                        continue
                    self._note(steps[-1].when, "s3", "upload_aborted", bucket=bucket, key=u["Key"],
                               rule=steps[-1].rule_id or phrase(TEXT, "no_id"))

    def _remember(self, s3, bucket: str, key: str, version_id: str, created: dt.datetime) -> None:
        """Record a version the clock itself made (a delete marker) as made at virtual ``created``."""
        for v in _versions(s3, bucket):
            if v["Key"] == key and (v.get("VersionId") or "null") == version_id:
                self._seen[(bucket, key, version_id)] = _Seen(utc(v["LastModified"]), created, created)

    def _created(self, bucket: str, v: dict) -> dt.datetime:
        seen = self._seen.get((bucket, v["Key"], v.get("VersionId") or "null"))
        return seen.created if seen else utc(v["LastModified"]) + self.offset

    def _apply_s3(self, s3, bucket, v, obj, steps, versioning, noncurrent) -> None:
        ident = (bucket, v["Key"], v.get("VersionId") or "null")
        seen = self._seen.get(ident) or _Seen(utc(v["LastModified"]), steps[0].when, steps[0].when)
        rule = lambda s: s.rule_id or phrase(TEXT, "no_id")  # noqa: E731
        for s in steps:
            held = (s.when - seen.class_since) / DAY
            self.s3_changes.append(S3Change(s.when, s.from_class, obj.size_bytes, held))
            if s.action == "transition":
                if noncurrent:
                    self._note(s.when, "s3", "noncurrent_due", bucket=bucket, key=obj.key, to_class=s.to_class,
                               rule=rule(s))
                    continue
                self._note(s.when, "s3", "moved", key=obj.key, to_class=s.to_class, rule=rule(s))
                seen.class_since = s.when
            elif noncurrent:
                s3.delete_object(Bucket=bucket, Key=obj.key, VersionId=v["VersionId"])
                self._note(s.when, "s3", "noncurrent_deleted", bucket=bucket, key=obj.key, rule=rule(s))
                return
            elif versioning in ("Enabled", "Suspended"):
                marker = s3.delete_object(Bucket=bucket, Key=obj.key).get("VersionId") or "null"
                self._remember(s3, bucket, obj.key, marker, s.when)
                self._note(s.when, "s3", "expired_to_marker", key=obj.key, rule=rule(s))
                return
            else:
                s3.delete_object(Bucket=bucket, Key=obj.key)
                self._note(s.when, "s3", "expired_deleted", key=obj.key, rule=rule(s))
                return
        final = steps[-1].to_class
        if noncurrent or final == obj.storage_class:
            return
        if obj.storage_class in ARCHIVED:
            # S3 copies only from an active tier; the clock restores first, as a person would.
            s3.restore_object(Bucket=bucket, Key=obj.key, RestoreRequest={"Days": 1})
        answer = s3.copy_object(Bucket=bucket, Key=obj.key, CopySource={"Bucket": bucket, "Key": obj.key},
                                StorageClass=final, MetadataDirective="COPY", TaggingDirective="COPY")
        new_id = answer.get("VersionId") or "null"
        if versioning in ("Enabled", "Suspended") and v.get("VersionId") not in (None, "null", new_id):
            s3.delete_object(Bucket=bucket, Key=obj.key, VersionId=v["VersionId"])
        head = s3.head_object(Bucket=bucket, Key=obj.key)
        self._seen.pop(ident, None)
        self._seen[(bucket, obj.key, new_id)] = _Seen(utc(head["LastModified"]), seen.created, seen.class_since)

    # ------------------------------------------------------------------ DynamoDB TTL
    def _ttl_tables(self) -> list[tuple[str, str, list[str]]]:
        """(table, TTL attribute, key attributes) for each table with TTL enabled."""
        ddb, out = self._client("dynamodb"), []
        for table in ddb.list_tables().get("TableNames", []):
            ttl = ddb.describe_time_to_live(TableName=table)["TimeToLiveDescription"]
            if ttl.get("TimeToLiveStatus") == "ENABLED":
                keys = [k["AttributeName"] for k in ddb.describe_table(TableName=table)["Table"]["KeySchema"]]
                out.append((table, ttl["AttributeName"], keys))
        return out

    def _ttl(self, tables, since: dt.datetime, until: dt.datetime) -> None:
        ddb = self._client("dynamodb")
        for table, attr, keys in tables:
            for item in _scan(ddb, table):
                value = item.get(attr, {}).get("N")
                if value is None or not ttl_expired(value, until):
                    continue
                try:
                    ddb.delete_item(TableName=table, Key={k: item[k] for k in keys})
                except ClientError as e:
                    self._refused(since, "dynamodb", phrase(TEXT, "where_table", table=table), e)
                    continue
                expired = dt.datetime.fromtimestamp(float(value), dt.timezone.utc)
                shown = ", ".join(f"{k}={next(iter(item[k].values()))}" for k in keys)
                self._note(max(expired, since), "dynamodb", "ttl_deleted", table=table, item=shown, attr=attr,
                           day=day_number(expired, self.epoch))

    # ------------------------------------------------------------------ CloudWatch alarms
    def _evaluate_alarms(self, when: dt.datetime) -> None:
        cw = self._client("cloudwatch")
        real_now = dt.datetime.now(dt.timezone.utc)
        for alarm in cw.describe_alarms().get("MetricAlarms", []):
            if not alarm.get("MetricName"):
                continue
            stat = alarm.get("Statistic", "Average")
            points = cw.get_metric_statistics(
                Namespace=alarm["Namespace"], MetricName=alarm["MetricName"],
                Dimensions=alarm.get("Dimensions", []), Period=alarm["Period"], Statistics=[stat],
                StartTime=real_now - dt.timedelta(days=15), EndTime=real_now + self.offset + DAY,
            ).get("Datapoints", [])
            values = [p[stat] for p in sorted(points, key=lambda p: p["Timestamp"])]
            n, m = alarm["EvaluationPeriods"], alarm.get("DatapointsToAlarm") or alarm["EvaluationPeriods"]
            state = alarm_state(values, alarm["Threshold"], alarm["ComparisonOperator"], n, m)
            if state == alarm["StateValue"]:
                continue
            window = values[-n:]
            reason = (f"sandbox clock: {len(window)} latest datapoint(s) {window} against threshold "
                      f"{alarm['Threshold']} ({alarm['ComparisonOperator']}, {m} of {n} to alarm)")
            cw.set_alarm_state(AlarmName=alarm["AlarmName"], StateValue=state, StateReason=reason)
            shown = ", ".join(f"{x:g}" for x in window) or phrase(TEXT, "no_data")
            self._note(when, "cloudwatch", "alarm_changed", alarm=alarm["AlarmName"], old=alarm["StateValue"],
                       new=state, values=shown, threshold=f"{alarm['Threshold']:g}")
            if alarm.get("ActionsEnabled", True):
                actions = {"ALARM": "AlarmActions", "OK": "OKActions",
                           "INSUFFICIENT_DATA": "InsufficientDataActions"}[state]
                for arn in alarm.get(actions, []):
                    self._run_action(when, alarm["AlarmName"], arn)

    def _run_action(self, when: dt.datetime, alarm: str, arn: str) -> None:
        if ":scalingPolicy:" not in arn:
            self._note(when, "cloudwatch", "action_not_run", alarm=alarm, arn=arn)
            return
        parts = dict(p.split("/", 1) for p in arn.split(":")[-2:] if "/" in p)
        group, policy = parts.get("autoScalingGroupName"), parts.get("policyName")
        asg = self._client("autoscaling")
        before = _desired(asg, group)
        try:
            asg.execute_policy(AutoScalingGroupName=group, PolicyName=policy, HonorCooldown=False)
        except ClientError as e:
            self._refused(when, "autoscaling", phrase(TEXT, "where_policy", alarm=alarm, policy=policy), e)
            return
        self._note(when, "autoscaling", "policy_ran", alarm=alarm, policy=policy, group=group, before=before,
                   after=_desired(asg, group))

    # ------------------------------------------------------------------ scheduled scaling
    def _schedules(self, actions, since: dt.datetime, until: dt.datetime) -> None:
        asg = self._client("autoscaling")
        runs = sorted((t, a["ScheduledActionName"], a) for a in actions for t in scheduled_runs(a, since, until))
        sizes: dict[str, dict] = {}
        count: dict[str, list] = {}
        for t, name, a in runs:
            new = {k: a[k] for k in ("MinSize", "MaxSize", "DesiredCapacity") if a.get(k) is not None}
            sizes.setdefault(a["AutoScalingGroupName"], {}).update(new)
            count.setdefault(name, [t, 0, a, new])
            count[name][0], count[name][1] = t, count[name][1] + 1
        for group, new in sizes.items():
            try:
                asg.update_auto_scaling_group(AutoScalingGroupName=group, **new)
            except ClientError as e:
                self._refused(until, "autoscaling", phrase(TEXT, "where_group", group=group), e)
        for name, (t, n, a, new) in count.items():
            sizes = ", ".join(f"{k}={v}" for k, v in new.items())
            self._note(t, "autoscaling", "scheduled" if n == 1 else "scheduled_times", name=name,
                       group=a["AutoScalingGroupName"], sizes=sizes, n=n)


def _versions(s3, bucket: str) -> list[dict]:
    out = []
    for page in s3.get_paginator("list_object_versions").paginate(Bucket=bucket):
        out += page.get("Versions", [])
        out += [dict(m, IsDeleteMarker=True) for m in page.get("DeleteMarkers", [])]
    return out


def _scan(ddb, table: str) -> list[dict]:
    out = []
    for page in ddb.get_paginator("scan").paginate(TableName=table):
        out += page.get("Items", [])
    return out


def _desired(asg, group: str) -> int | None:
    groups = asg.describe_auto_scaling_groups(AutoScalingGroupNames=[group])["AutoScalingGroups"]
    return groups[0]["DesiredCapacity"] if groups else None
