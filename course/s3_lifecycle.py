"""S3 Lifecycle rules on a virtual clock: validate like S3, then apply day by day.

moto stores a lifecycle configuration but never validates or applies it, so this
module does both. It takes the same ``{"Rules": [...]}`` that boto3's
``put_bucket_lifecycle_configuration(LifecycleConfiguration=...)`` takes.
Rules follow "Transitioning objects using Amazon S3 Lifecycle":
https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

from course.storage_classes import GB_IN_KB, check_class, class_figure, load_data, price

# Supported lifecycle transitions (the "waterfall"), from the page above.
ALLOWED = {
    "STANDARD": {"STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"},
    "REDUCED_REDUNDANCY": {"GLACIER", "DEEP_ARCHIVE"},
    "STANDARD_IA": {"INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"},
    "INTELLIGENT_TIERING": {"ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"},
    "ONEZONE_IA": {"GLACIER", "DEEP_ARCHIVE"},
    "GLACIER_IR": {"GLACIER", "DEEP_ARCHIVE"},
    "GLACIER": {"DEEP_ARCHIVE"},
    "DEEP_ARCHIVE": set(),
    "EXPRESS_ONEZONE": set(),
}
TARGETS = ("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE")
# When several transitions are due, S3 picks the colder class.
COLDNESS = {c: i for i, c in enumerate(
    ("STANDARD", "REDUCED_REDUNDANCY", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA",
     "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"))}
IA = ("STANDARD_IA", "ONEZONE_IA")


class LifecycleConfigError(ValueError):
    """A lifecycle configuration S3 (or boto3) would reject.

    ``code`` is S3's error code; ``aws_wording`` is True when ``message`` is the
    wording S3 or botocore is known to return, False when it is our paraphrase.
    """

    def __init__(self, code: str, message: str, *, rule_index: int | None = None,
                 rule_id: str = "", field: str = "", aws_wording: bool = False):
        where = f" (Rules[{rule_index}]{' ' + repr(rule_id) if rule_id else ''})" if rule_index is not None else ""
        super().__init__(f"{code}: {message}{where}")
        self.code, self.message, self.rule_index = code, message, rule_index
        self.rule_id, self.field, self.aws_wording = rule_id, field, aws_wording


@cache
def _config_shape():
    from botocore.session import get_session
    model = get_session().get_service_model("s3")
    return model.operation_model("PutBucketLifecycleConfiguration").input_shape.members["LifecycleConfiguration"]


def _days(action: dict, key: str, where: str, i: int, rid: str, *, positive: bool) -> int | None:
    value = action.get(key)
    if value is None:
        return None
    if positive and value <= 0:
        # Wording reproduced against AWS in scality/Arsenal#2648.
        raise LifecycleConfigError("InvalidArgument", f"'{key}' for {where} action must be a positive integer",
                                   rule_index=i, rule_id=rid, field=f"{where}.{key}", aws_wording=True)
    if value < 0:
        raise LifecycleConfigError("InvalidArgument", f"'{key}' in {where} action must be nonnegative",
                                   rule_index=i, rule_id=rid, field=f"{where}.{key}")
    return value


def _check_filter(rule: dict, i: int, rid: str) -> None:
    if "Filter" in rule and "Prefix" in rule:
        raise LifecycleConfigError("MalformedXML", "The XML you provided was not well-formed or did not "
                                   "validate against our published schema (use Filter or Prefix, not both)",
                                   rule_index=i, rule_id=rid, field="Filter", aws_wording=True)
    flt = rule.get("Filter", {})
    if len([k for k in flt if k != "And"]) + ("And" in flt) > 1:
        raise LifecycleConfigError("MalformedXML", "The XML you provided was not well-formed or did not "
                                   "validate against our published schema (combine Prefix, Tag and size "
                                   "conditions inside And)", rule_index=i, rule_id=rid, field="Filter",
                                   aws_wording=True)


def _check_transitions(items: list, key: str, where: str, i: int, rid: str) -> list[tuple[int, str]]:
    seen, out = set(), []
    for t in items:
        sc = t.get("StorageClass")
        if sc not in TARGETS:
            raise LifecycleConfigError("InvalidArgument", f"'StorageClass' in {where} action must be one of "
                                       f"{', '.join(TARGETS)}; got {sc!r}", rule_index=i, rule_id=rid,
                                       field=f"{where}.StorageClass")
        if sc in seen:
            raise LifecycleConfigError("InvalidArgument", f"'StorageClass' must be different for '{where}' "
                                       f"actions in same 'Rule'", rule_index=i, rule_id=rid,
                                       field=f"{where}.StorageClass")
        seen.add(sc)
        days = _days(t, key, where, i, rid, positive=False)
        if days is None and "Date" not in t:
            raise LifecycleConfigError("InvalidArgument", f"'{where}' action must specify '{key}' or 'Date'",
                                       rule_index=i, rule_id=rid, field=where)
        if days is not None and sc in IA and days < 30:
            # API_Transition: STANDARD_IA/ONEZONE_IA need objects at least 30 days old.
            raise LifecycleConfigError("InvalidArgument", f"'{key}' in {where} action must be greater than "
                                       f"or equal to 30 for storageClass '{sc}'", rule_index=i, rule_id=rid,
                                       field=f"{where}.{key}")
        if days is not None:
            out.append((days, sc))
    out.sort()
    prev_day, prev = None, "STANDARD"
    for day, sc in out:
        if sc not in ALLOWED[prev]:
            raise LifecycleConfigError("InvalidArgument", f"{where} to '{sc}' at {day} days cannot follow "
                                       f"'{prev}': lifecycle only moves objects down the waterfall "
                                       f"({prev} -> {', '.join(sorted(ALLOWED[prev])) or 'nothing'})",
                                       rule_index=i, rule_id=rid, field=f"{where}.StorageClass")
        if prev in IA and day - prev_day < 30:
            raise LifecycleConfigError("InvalidArgument", f"'{key}' in the {where} action for StorageClass "
                                       f"'{sc}' must be 30 days more than in the {where} action for "
                                       f"StorageClass '{prev}' (minimum 30-day storage charge)",
                                       rule_index=i, rule_id=rid, field=f"{where}.{key}")
        prev_day, prev = day, sc
    return out


def validate_lifecycle(config: dict) -> list[dict]:
    """Check a lifecycle configuration the way S3 would; return its rules.

    Raises:
        LifecycleConfigError: with S3's code, e.g. a STANDARD_IA transition at 10 days.

    >>> try:
    ...     validate_lifecycle({"Rules": [{"ID": "a", "Status": "Enabled", "Filter": {},
    ...         "Transitions": [{"Days": 10, "StorageClass": "STANDARD_IA"}]}]})
    ... except LifecycleConfigError as e:
    ...     print(e)
    InvalidArgument: 'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA' (Rules[0] 'a')
    """
    from botocore.validate import ParamValidator
    report = ParamValidator().validate(config, _config_shape())
    if report.has_errors():
        raise LifecycleConfigError("ParamValidationError", report.generate_report(), aws_wording=True)
    rules, ids = config["Rules"], set()
    if len(rules) > 1000:
        raise LifecycleConfigError("InvalidRequest", "a lifecycle configuration can have up to 1,000 rules")
    for i, rule in enumerate(rules):
        rid = rule.get("ID", "")
        if len(rid) > 255:
            raise LifecycleConfigError("InvalidArgument", "ID length should not exceed allowed limit of 255",
                                       rule_index=i, rule_id=rid, field="ID")
        if rid and rid in ids:
            raise LifecycleConfigError("InvalidArgument", "Rule ID must be unique. Found same ID for more "
                                       "than one rule", rule_index=i, rule_id=rid, field="ID")
        ids.add(rid)
        if rule["Status"] not in ("Enabled", "Disabled"):
            raise LifecycleConfigError("MalformedXML", "The XML you provided was not well-formed or did not "
                                       "validate against our published schema (Status must be Enabled or "
                                       "Disabled)", rule_index=i, rule_id=rid, field="Status", aws_wording=True)
        _check_filter(rule, i, rid)
        actions = ("Expiration", "Transitions", "NoncurrentVersionTransitions",
                   "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload")
        if not any(rule.get(a) for a in actions):
            raise LifecycleConfigError("InvalidRequest", "At least one action needs to be specified in a rule",
                                       rule_index=i, rule_id=rid, field="Rule")
        moves = _check_transitions(rule.get("Transitions", []), "Days", "Transition", i, rid)
        _check_transitions(rule.get("NoncurrentVersionTransitions", []), "NoncurrentDays",
                           "NoncurrentVersionTransition", i, rid)
        exp = rule.get("Expiration", {})
        if len([k for k in ("Days", "Date", "ExpiredObjectDeleteMarker") if k in exp]) > 1:
            raise LifecycleConfigError("MalformedXML", "Expiration takes exactly one of Days, Date or "
                                       "ExpiredObjectDeleteMarker", rule_index=i, rule_id=rid, field="Expiration")
        exp_days = _days(exp, "Days", "Expiration", i, rid, positive=True)
        if exp_days is not None and moves and exp_days <= moves[-1][0]:
            # Wording S3 returned in aws/aws-sdk-ruby#178.
            raise LifecycleConfigError("InvalidArgument", "'Days' in the expiration action must be a non-zero "
                                       "positive integer greater than that in the transition action.",
                                       rule_index=i, rule_id=rid, field="Expiration.Days", aws_wording=True)
        _days(rule.get("NoncurrentVersionExpiration", {}), "NoncurrentDays", "NoncurrentVersionExpiration",
              i, rid, positive=True)
        abort = rule.get("AbortIncompleteMultipartUpload", {})
        _days(abort, "DaysAfterInitiation", "AbortIncompleteMultipartUpload", i, rid, positive=True)
        flt = rule.get("Filter", {})
        if abort and ("Tag" in flt or flt.get("And", {}).get("Tags")):
            raise LifecycleConfigError("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified "
                                       "with Tags", rule_index=i, rule_id=rid, field="Filter")
    return rules


@dataclass(frozen=True)
class S3Object:
    """An object (or an incomplete multipart upload) for the simulation.

    ``noncurrent_since_day`` makes it a noncurrent version from that day.
    """

    key: str
    size_bytes: int
    tags: tuple[tuple[str, str], ...] = ()
    storage_class: str = "STANDARD"
    created_day: int = 0
    noncurrent_since_day: int | None = None
    multipart_upload: bool = False

    @classmethod
    def from_dict(cls, d: dict) -> S3Object:
        tags = d.get("Tags", {})
        if isinstance(tags, list):
            tags = {t["Key"]: t["Value"] for t in tags}
        size = d.get("Size", 0)
        if size < 0:
            raise ValueError(f"object {d.get('Key')!r}: Size must be >= 0 bytes, got {size}")
        return cls(d["Key"], size, tuple(sorted(tags.items())), check_class(d.get("StorageClass", "STANDARD")),
                   d.get("CreatedDay", 0), d.get("NoncurrentSinceDay"), d.get("MultipartUpload", False))


def _matches(rule: dict, o: S3Object) -> tuple[bool, bool]:
    """(rule applies to object, rule sets its own size filter)."""
    flt = rule.get("Filter", {"Prefix": rule.get("Prefix", "")})
    cond = dict(flt.get("And", flt))
    tags = dict(o.tags)
    wanted = cond.get("Tags", []) + ([cond["Tag"]] if "Tag" in cond else [])
    ok = (o.key.startswith(cond.get("Prefix", ""))
          and all(tags.get(t["Key"]) == t["Value"] for t in wanted)
          and o.size_bytes > cond.get("ObjectSizeGreaterThan", -1)
          and o.size_bytes < cond.get("ObjectSizeLessThan", float("inf")))
    return ok, "ObjectSizeGreaterThan" in cond or "ObjectSizeLessThan" in cond


def _due(action: dict, key: str, age: int | None, today: dt.date) -> bool:
    if age is None:
        return False
    if key in action:
        return age >= action[key]
    if "Date" in action:
        when = action["Date"]
        when = dt.date.fromisoformat(when[:10]) if isinstance(when, str) else (
            when.date() if isinstance(when, dt.datetime) else when)
        return today >= when
    return False


def _daily_usd(sc: str, size_kb: float, days_in_class: int, region: str) -> tuple[float, bool]:
    """Storage cost of one object for one day in ``sc``, and whether all rates were verified."""
    rate_name = "storage_gb_month"
    figs = []
    if sc == "INTELLIGENT_TIERING" and size_kb >= 128:
        # Nobody reads simulated objects, so they tier down on AWS's schedule.
        rate_name = ("storage_gb_month" if days_in_class < 30 else
                     "storage_infrequent_gb_month" if days_in_class < 90 else "storage_archive_instant_gb_month")
        figs.append(price(sc, "monitoring_per_1000_objects_month", region))
    rate = price(sc, rate_name, region)
    std = price("STANDARD", "storage_gb_month", region)
    figs += [rate, std]
    billable = max(size_kb, class_figure(sc, "min_billable_kb").value) + class_figure(sc, "overhead_kb_at_class_rate").value
    usd = (billable * rate.value + class_figure(sc, "overhead_kb_at_standard_rate").value * std.value) / GB_IN_KB
    if len(figs) == 3:
        usd += figs[0].value / 1000
    return usd / 30, all(f.verified for f in figs)


@dataclass(frozen=True)
class Event:
    """Something lifecycle did to an object on a day, with what it cost."""

    day: int
    key: str
    action: str
    from_class: str
    to_class: str
    rule_id: str
    usd: float

    @property
    def summary(self) -> str:
        """The event in words, e.g. ``"transition STANDARD → GLACIER"`` or ``"expired (deleted) from GLACIER"``."""
        words = {"transition": f"transition {self.from_class} → {self.to_class}",
                 "deleted": f"expired (deleted) from {self.from_class}",
                 "aborted": f"incomplete multipart upload aborted in {self.from_class}"}
        return words.get(self.action, f"{self.action} in {self.from_class}")


@dataclass(frozen=True)
class LifecycleTimeline:
    """Where each object sat on each day, and what it cost."""

    days: int
    placements: dict[str, tuple[str, ...]]
    noncurrent_from: dict[str, int | None]
    daily_usd: tuple[float, ...]
    cost_by_key: dict[str, float]
    events: tuple[Event, ...]
    verified: bool

    @property
    def total_usd(self) -> float:
        return sum(self.daily_usd)

    def segments(self, key: str) -> list[tuple[int, int, str]]:
        """Runs of equal placement for ``key`` as (first day, last day, state)."""
        runs, states = [], self.placements[key]
        for d, s in enumerate(states):
            if runs and runs[-1][2] == s:
                runs[-1] = (runs[-1][0], d, s)
            else:
                runs.append((d, d, s))
        return runs


def simulate_lifecycle(rules: dict, objects: list, days: int, *, versioning: str = "Unversioned",
                       start: dt.date = dt.date(2026, 1, 1), region: str = "us-east-1",
                       transition_default_minimum_object_size: str = "all_storage_classes_128K",
                       ) -> LifecycleTimeline:
    """Apply lifecycle ``rules`` to ``objects`` for ``days`` days.

    Args:
        rules: ``{"Rules": [...]}`` as given to ``put_bucket_lifecycle_configuration``.
        objects: :class:`S3Object` or dicts with Key, Size (bytes), Tags, StorageClass, CreatedDay.
        days: length of the simulation; day 0 is ``start``.
        versioning: "Enabled" turns expiration of a current version into a noncurrent version.
        transition_default_minimum_object_size: the bucket setting added in 2024;
            by default objects under 128 KB never transition.
    Returns:
        A :class:`LifecycleTimeline`.
    Raises:
        LifecycleConfigError: for rules S3 would reject; ValueError for bad objects or days.

    >>> t = simulate_lifecycle({"Rules": [{"ID": "archive", "Status": "Enabled", "Filter": {},
    ...     "Transitions": [{"Days": 30, "StorageClass": "GLACIER"}]}]},
    ...     [{"Key": "log.gz", "Size": 1024 ** 3}], days=31)
    >>> t.placements["log.gz"][29], t.placements["log.gz"][30]
    ('STANDARD', 'GLACIER')
    """
    if not isinstance(days, int) or days < 1:
        raise ValueError(f"days must be a whole number >= 1, got {days!r}")
    if transition_default_minimum_object_size not in ("all_storage_classes_128K", "varies_by_storage_class"):
        raise ValueError("transition_default_minimum_object_size must be 'all_storage_classes_128K' or "
                         f"'varies_by_storage_class', got {transition_default_minimum_object_size!r}")
    min_kb = load_data()["lifecycle"]["transition_min_object_kb"]["value"]
    enabled = [r for r in validate_lifecycle(rules) if r["Status"] == "Enabled"]
    objs = [o if isinstance(o, S3Object) else S3Object.from_dict(o) for o in objects]
    if len({o.key for o in objs}) != len(objs):
        raise ValueError("object keys must be unique")
    state = {o.key: [o.storage_class, o.created_day, o.noncurrent_since_day, None] for o in objs}
    placements = {o.key: [] for o in objs}
    daily, cost, events, verified = [0.0] * days, {o.key: 0.0 for o in objs}, [], True

    def charge(d, o, usd):
        daily[d] += usd
        cost[o.key] += usd

    def leave(d, o, st, action, to, rid, fee=0.0):
        """Early-deletion charge for leaving a class before its minimum duration."""
        nonlocal verified
        held = d - st[1]
        early = max(0, class_figure(st[0], "min_storage_days").value - held)
        per_day, ok = _daily_usd(st[0], o.size_bytes / 1024, held, region)
        verified &= ok
        usd = early * per_day + fee
        charge(d, o, usd)
        events.append(Event(d, o.key, action, st[0], to, rid, usd))

    for d in range(days):
        today = start + dt.timedelta(days=d)
        for o in objs:
            st = state[o.key]
            if st[3] or d < o.created_day:
                placements[o.key].append(st[3] or "not yet created")
                continue
            age, nc_age = d - o.created_day, (d - st[2] if st[2] is not None else None)
            expire, moves = None, []
            for r in enabled:
                hit, own_size = _matches(r, o)
                if not hit:
                    continue
                if o.multipart_upload:
                    if _due(r.get("AbortIncompleteMultipartUpload", {}), "DaysAfterInitiation", age, today):
                        expire = ("aborted", r.get("ID", ""))
                    continue
                if st[2] is None:
                    if _due(r.get("Expiration", {}), "Days", age, today):
                        expire = ("deleted", r.get("ID", ""))
                    moves += [(t, r, own_size) for t in r.get("Transitions", []) if _due(t, "Days", age, today)]
                else:
                    if _due(r.get("NoncurrentVersionExpiration", {}), "NoncurrentDays", nc_age, today):
                        expire = ("deleted", r.get("ID", ""))
                    moves += [(t, r, own_size) for t in r.get("NoncurrentVersionTransitions", [])
                              if _due(t, "NoncurrentDays", nc_age, today)]
            if expire and versioning == "Enabled" and st[2] is None and not o.multipart_upload:
                st[2] = d  # a delete marker becomes current; the object is now noncurrent
                events.append(Event(d, o.key, "expired (now noncurrent)", st[0], st[0], expire[1], 0.0))
            elif expire:
                leave(d, o, st, expire[0], expire[0], expire[1])
                st[3] = expire[0]
                placements[o.key].append(expire[0])
                continue
            small = o.size_bytes < min_kb * 1024
            options = []
            for t, r, own_size in moves:
                to = t["StorageClass"]
                if to not in ALLOWED[st[0]] or (to in IA and age < 30):
                    continue
                if small and not own_size and (transition_default_minimum_object_size == "all_storage_classes_128K"
                                               or to not in ("GLACIER", "DEEP_ARCHIVE")):
                    continue
                options.append((COLDNESS[to], to, r.get("ID", "")))
            if options:
                _, to, rid = max(options)
                fig = price(to, "transition_in_per_1000", region)
                verified &= fig.verified
                leave(d, o, st, "transition", to, rid, fee=fig.value / 1000)
                st[0], st[1] = to, d
            per_day, ok = _daily_usd(st[0], o.size_bytes / 1024, d - st[1], region)
            verified &= ok
            charge(d, o, per_day)
            placements[o.key].append(st[0])
    return LifecycleTimeline(days, {k: tuple(v) for k, v in placements.items()},
                             {k: v[2] for k, v in state.items()}, tuple(daily), cost, tuple(events), verified)
