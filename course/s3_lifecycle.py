"""S3 Lifecycle rules on a virtual clock: validate like S3, then apply day by day.

moto stores a lifecycle configuration but never validates or applies it, so this
module applies it, after `course.s3_lifecycle_rules` has validated it. It takes the same ``{"Rules": [...]}`` that boto3's
``put_bucket_lifecycle_configuration(LifecycleConfiguration=...)`` takes.
Rules follow "Transitioning objects using Amazon S3 Lifecycle":
https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

# LifecycleConfigError and validate_lifecycle are re-exported: callers import them from here.
from course import i18n
from course.s3_lifecycle_rules import ALLOWED, IA, LifecycleConfigError, validate_lifecycle  # noqa: F401
from course.storage_classes import GB_IN_KB, check_class, class_figure, load_data, price

# When several transitions are due, S3 picks the colder class.
COLDNESS = {c: i for i, c in enumerate(
    ("STANDARD", "REDUCED_REDUNDANCY", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA",
     "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"))}


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

TEXT = {
    "en": {
        "upload": "uploaded into {source} (one PUT request)",
        "transition": "transition {source} → {target}",
        "deleted": "expired (deleted) from {source}",
        "aborted": "incomplete multipart upload aborted in {source}",
        "expired (now noncurrent)": "expired (now noncurrent) in {source}",
    },
    "ko": {
        "upload": "{source}에 업로드됨 (PUT 요청 1건)",
        "transition": "전환(transition) {source} → {target}",
        "deleted": "{source}에서 만료되어 삭제됨",
        "aborted": "{source}에서 완료되지 않은 멀티파트 업로드가 중단됨",
        "expired (now noncurrent)": "{source}에서 만료됨 (이제 이전 버전(noncurrent))",
    },
}


@dataclass(frozen=True)
class Event:
    """Something that happened to an object on a day (its upload, or a lifecycle action), with its cost."""

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
        if self.action in TEXT["en"]:
            return i18n.text(TEXT, self.action, source=self.from_class, target=self.to_class)
        return f"{self.action} in {self.from_class}"


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


def decide(enabled: list, o: S3Object, storage_class: str, age: int | None, nc_age: int | None,
           today: dt.date, *, noncurrent: bool, min_kb: float,
           default_minimum: str = "all_storage_classes_128K") -> tuple[tuple[str, str] | None, tuple[str, str] | None]:
    """What enabled rules do to ``o`` on a day: (expiry, move), each None or (what, rule ID).

    ``age`` counts lifecycle days since creation, ``nc_age`` since the version became
    noncurrent (None while it is current). Expiry is ``("deleted", id)`` or ``("aborted", id)``;
    a move is ``(target class, id)``, the coldest due transition S3 allows from ``storage_class``.
    """
    expire, moves = None, []
    for r in enabled:
        hit, own_size = _matches(r, o)
        if not hit:
            continue
        if o.multipart_upload:
            if _due(r.get("AbortIncompleteMultipartUpload", {}), "DaysAfterInitiation", age, today):
                expire = ("aborted", r.get("ID", ""))
            continue
        if not noncurrent:
            if _due(r.get("Expiration", {}), "Days", age, today):
                expire = ("deleted", r.get("ID", ""))
            moves += [(t, r, own_size) for t in r.get("Transitions", []) if _due(t, "Days", age, today)]
        else:
            if _due(r.get("NoncurrentVersionExpiration", {}), "NoncurrentDays", nc_age, today):
                expire = ("deleted", r.get("ID", ""))
            moves += [(t, r, own_size) for t in r.get("NoncurrentVersionTransitions", [])
                      if _due(t, "NoncurrentDays", nc_age, today)]
    small = o.size_bytes < min_kb * 1024
    options = []
    for t, r, own_size in moves:
        to = t["StorageClass"]
        if to not in ALLOWED[storage_class] or (to in IA and age is not None and age < 30):
            continue
        if small and not own_size and (default_minimum == "all_storage_classes_128K"
                                       or to not in ("GLACIER", "DEEP_ARCHIVE")):
            continue
        options.append((COLDNESS[to], to, r.get("ID", "")))
    move = None
    if options:
        _, to, rid = max(options)
        move = (to, rid)
    return expire, move



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
        A :class:`LifecycleTimeline`. Its costs include the PUT that uploads each
        object on its creation day (an ``"upload"`` event), storage, transition
        requests and early-deletion charges.
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

    rrs_moves = load_data()["lifecycle"]["rrs_transition_targets"]
    for d in range(days):
        today = start + dt.timedelta(days=d)
        for o in objs:
            st = state[o.key]
            if st[3] or d < o.created_day:
                placements[o.key].append(st[3] or "not yet created")
                continue
            if d == o.created_day and not o.multipart_upload:
                # The PUT that created the object. An incomplete multipart upload's part
                # count is unknown, so its requests are not charged.
                put, per_gb = price(o.storage_class, "put_per_1000", region), price(o.storage_class,
                                                                                    "upload_per_gb", region)
                usd = put.value / 1000 + (per_gb.value * o.size_bytes / 1024 / GB_IN_KB if per_gb else 0.0)
                verified &= put.verified and (per_gb is None or per_gb.verified)
                charge(d, o, usd)
                events.append(Event(d, o.key, "upload", o.storage_class, o.storage_class, "", usd))
            age, nc_age = d - o.created_day, (d - st[2] if st[2] is not None else None)
            expire, move = decide(enabled, o, st[0], age, nc_age, today, noncurrent=st[2] is not None,
                                  min_kb=min_kb, default_minimum=transition_default_minimum_object_size)
            if expire and versioning == "Enabled" and st[2] is None and not o.multipart_upload:
                st[2] = d  # a delete marker becomes current; the object is now noncurrent
                events.append(Event(d, o.key, "expired (now noncurrent)", st[0], st[0], expire[1], 0.0))
            elif expire:
                leave(d, o, st, expire[0], expire[0], expire[1])
                st[3] = expire[0]
                placements[o.key].append(expire[0])
                continue
            if move:
                to, rid = move
                fig = price(to, "transition_in_per_1000", region)
                verified &= fig.verified and (st[0] != "REDUCED_REDUNDANCY" or rrs_moves["verified"])
                leave(d, o, st, "transition", to, rid, fee=fig.value / 1000)
                st[0], st[1] = to, d
            per_day, ok = _daily_usd(st[0], o.size_bytes / 1024, d - st[1], region)
            verified &= ok
            charge(d, o, per_day)
            placements[o.key].append(st[0])
    return LifecycleTimeline(days, {k: tuple(v) for k, v in placements.items()},
                             {k: v[2] for k, v in state.items()}, tuple(daily), cost, tuple(events), verified)
