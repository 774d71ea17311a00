"""S3 storage classes: what a workload costs in each class, and why.

The figures come from ``course/data/storage_classes.toml``; each one carries its
AWS source URL, the date we checked it, the date of its source where that is
older (a copy of a page, a dated document) and whether it was verified. Estimates are for one
"cohort" of objects: ``objects`` objects of ``object_size_kb`` stored for
``months_kept`` months (or until ``delete_after_days``), with a steady monthly
request and retrieval pattern. The cohort's own upload (one PUT per object) is
charged once. Months are 30 days, as in AWS's own examples. Data transfer out of
AWS is not modelled.
"""

from __future__ import annotations

import difflib
import math
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from course import i18n

KB = 1024
GB_IN_KB = 1024 * 1024
CLASS_IDS = (
    "STANDARD", "INTELLIGENT_TIERING", "STANDARD_IA", "ONEZONE_IA", "GLACIER_IR",
    "GLACIER", "DEEP_ARCHIVE", "EXPRESS_ONEZONE", "REDUCED_REDUNDANCY",
)
# Marks a figure that could not be read on an AWS page (see the data file's header).
UNVERIFIED_MARK = "†"


def readable(x: float) -> str:
    """``x`` for a sentence: thousands separators, no exponent, 4 significant digits below 100.

    >>> readable(1024 * 1024), readable(122.0703125), readable(0.09536743), readable(1 / 1024 ** 2)
    ('1,048,576', '122.07', '0.09537', '0.0000009537')
    """
    if not math.isfinite(x):
        return str(x)
    if x == int(x):
        return f"{int(x):,}"
    if abs(x) >= 100:
        return f"{x:,.2f}"
    if abs(x) >= 1e-4:
        return f"{x:.4g}"
    return f"{x:.10f}".rstrip("0").rstrip(".")


def count_of(n: float, noun: str) -> str:
    """``n`` and ``noun``, plural unless ``n`` is 1: ``count_of(1, "object") == "1 object"``."""
    return f"{readable(n)} {noun}{'' if n == 1 else 's'}"


# The words of cost formulas and exclusion reasons; numbers and rates are filled in.
TEXT = {
    "en": {
        "upload": "{puts} to upload (one per object) into {into} × ${put} per 1,000, charged once",
        "upload_later": "; lifecycle moves them later (see transitions)",
        "upload_gb": " + {gb} GB uploaded × ${rate}/GB",
        "storage_it": ("{gb_months} GB-months × ${rate}/GB-month; objects read in a month stay Frequent, "
                       "the rest drop to Infrequent after 30 days and Archive Instant after 90"),
        "storage": "{objects} × {kb} KB = {gb} GB × ${rate}/GB-month × {months}",
        "padding": ("objects under {min_kb} KB are billed as {min_kb} KB: {n} × {pad_kb} KB extra = {pad_gb} GB "
                    "× ${rate} × {months}"),
        "no_padding": "no minimum billable size applies",
        "overhead": ("{objects} × ({std_kb} KB at Standard ${std_rate} + {cls_kb} KB at ${rate}) per GB-month "
                     "× {months}"),
        "no_overhead": "no per-object metadata overhead",
        "requests": "({puts} PUTs × ${put} + {gets} GETs × ${get}) per 1,000 × {months}",
        "retrieval_gb": "{gb} GB/month × ${rate}/GB",
        "retrieval_requests": "{gets} restore requests/month × ${rate} per 1,000",
        "retrieval_upload": "{gb} GB uploaded/month × ${rate}/GB",
        "retrieval_months": ", × {months}",
        "no_retrieval": "no per-GB retrieval fee",
        "early": ("deleted after {days} days but the minimum is {min_days} days: {more} more days × {gb} GB "
                  "× ${rate}/GB-month / 30"),
        "no_early": "no early deletion (minimum storage duration {min_days} days)",
        "monitoring": "{objects} of {min_kb} KB or more × ${rate} per 1,000 × {months}",
        "not_monitored": " (objects under {min_kb} KB are not monitored)",
        "no_monitoring": "no monitoring and automation fee",
        "transitions": "{requests} × ${rate} per 1,000",
        "no_transitions": "uploaded directly into the class; no transition requests",
        "no_ms": "no millisecond first-byte access: {latency}",
        "one_az": "keeps data in a single Availability Zone; lost if that AZ is destroyed",
        "legacy": "legacy class: {use}",
        "item_storage": "storage",
        "item_minimum-size padding": "minimum-size padding",
        "item_per-object overhead": "per-object overhead",
        "item_uploads": "uploads",
        "item_requests": "requests",
        "item_retrieval": "retrieval",
        "item_early-deletion charge": "early-deletion charge",
        "item_monitoring": "monitoring",
        "item_transitions": "transitions",
    },
    "ko": {
        "upload": "업로드용 {puts} (객체당 1건), {into}에 쓰기 × 1,000건당 ${put}, 한 번만 청구",
        "upload_later": "; 나중에 수명 주기가 옮깁니다 (전환 항목 참고)",
        "upload_gb": " + 업로드 {gb} GB × ${rate}/GB",
        "storage_it": ("{gb_months} GB-월 × ${rate}/GB-월; 한 달 안에 읽힌 객체는 Frequent 계층에 남고, "
                       "나머지는 30일 뒤 Infrequent, 90일 뒤 Archive Instant 계층으로 내려갑니다"),
        "storage": "{objects} × {kb} KB = {gb} GB × ${rate}/GB-월 × {months}",
        "padding": ("{min_kb} KB보다 작은 객체는 {min_kb} KB로 청구됩니다: {n} × 추가 {pad_kb} KB = {pad_gb} GB "
                    "× ${rate} × {months}"),
        "no_padding": "최소 청구 크기가 적용되지 않습니다",
        "overhead": ("{objects} × (Standard 요금 ${std_rate}로 {std_kb} KB + 클래스 요금 ${rate}로 {cls_kb} KB) "
                     "GB-월당 × {months}"),
        "no_overhead": "객체당 메타데이터 오버헤드가 없습니다",
        "requests": "(PUT {puts}건 × ${put} + GET {gets}건 × ${get}) 1,000건당 × {months}",
        "retrieval_gb": "월 {gb} GB × ${rate}/GB",
        "retrieval_requests": "월 복원 요청 {gets}건 × 1,000건당 ${rate}",
        "retrieval_upload": "월 업로드 {gb} GB × ${rate}/GB",
        "retrieval_months": ", × {months}",
        "no_retrieval": "GB당 검색 요금이 없습니다",
        "early": ("{days}일 뒤에 삭제했지만 최소 보관 기간은 {min_days}일입니다: 남은 {more}일 × {gb} GB "
                  "× ${rate}/GB-월 / 30"),
        "no_early": "조기 삭제 요금 없음 (최소 보관 기간 {min_days}일)",
        "monitoring": "{min_kb} KB 이상인 {objects} × 1,000개당 ${rate} × {months}",
        "not_monitored": " ({min_kb} KB보다 작은 객체는 모니터링하지 않습니다)",
        "no_monitoring": "모니터링 및 자동화 요금이 없습니다",
        "transitions": "{requests} × 1,000건당 ${rate}",
        "no_transitions": "클래스에 바로 업로드했으므로 전환 요청이 없습니다",
        "no_ms": "첫 바이트를 밀리초 안에 받을 수 없습니다: {latency}",
        "one_az": "데이터를 가용 영역(Availability Zone) 하나에만 보관합니다. 그 AZ가 파괴되면 데이터를 잃습니다",
        "legacy": "이전 세대 클래스: {use}",
        "item_storage": "스토리지",
        "item_minimum-size padding": "최소 크기 채움",
        "item_per-object overhead": "객체당 오버헤드",
        "item_uploads": "업로드",
        "item_requests": "요청",
        "item_retrieval": "검색(retrieval)",
        "item_early-deletion charge": "조기 삭제 요금",
        "item_monitoring": "모니터링",
        "item_transitions": "전환(transition)",
    },
}
# Korean counts: the noun and its counter word around the number.
_KO_COUNTS = {"object": "객체 {n}개", "month": "{n}개월", "PUT request": "PUT 요청 {n}건",
              "lifecycle transition request": "수명 주기 전환 요청 {n}건"}


def _count(n: float, noun: str) -> str:
    """`count_of` in the chapter's language."""
    if i18n.language() == "ko" and noun in _KO_COUNTS:
        return _KO_COUNTS[noun].format(n=readable(n))
    return count_of(n, noun)


def _t(key: str, **values) -> str:
    return i18n.text(TEXT, key, **values)


def item_words(item: str) -> str:
    """A :class:`Line` item (``"storage"``, ``"uploads"`` ...) in the chapter's language."""
    head, sep, rest = item.partition(" (")
    if f"item_{head}" not in TEXT["en"]:
        return item
    return _t(f"item_{head}") + (" (" + rest if sep else "")


def class_use(storage_class: str) -> str:
    """What a class is for, from the data file, in the chapter's language (``use`` or ``use_ko``)."""
    cls = load_data()["classes"][check_class(storage_class)]
    return cls.get("use_ko", cls["use"]) if i18n.language() == "ko" else cls["use"]


def _latency(cls: dict) -> str:
    english = cls["first_byte_latency"]["value"]
    return cls.get("first_byte_latency_ko", english) if i18n.language() == "ko" else english


class StorageClassError(ValueError):
    """Bad input to the cost model; ``field`` names the offending input."""

    def __init__(self, message: str, *, field: str = "", value: object = None, rule: str = ""):
        super().__init__(message)
        self.field = field
        self.value = value
        self.rule = rule


@dataclass(frozen=True)
class Figure:
    """One sourced number (or flag) from the data file."""

    value: object
    source: str
    checked: str
    verified: bool
    unit: str = ""
    note: str = ""
    source_date: str = ""

    def cite(self) -> str:
        """Source, date checked and (where older) date of the source; then † when unverified.

        >>> Figure(0.023, "https://aws.amazon.com/s3/pricing/", "2026-11-27", False, source_date="2025").cite()
        'https://aws.amazon.com/s3/pricing/ (checked 2026-11-27; source dated 2025) †'
        """
        mark = "" if self.verified else f" {UNVERIFIED_MARK}"
        dated = ("" if not self.source_date else "; source undated" if self.source_date == "undated"
                 else f"; source dated {self.source_date}")
        return f"{self.source} (checked {self.checked}{dated}){mark}"


@cache
def load_data() -> dict:
    """Return the parsed data file (cached; treat it as read-only)."""
    text = resources.files("course").joinpath("data/storage_classes.toml").read_text("utf-8")
    return tomllib.loads(text)


def figure(entry: dict) -> Figure:
    """Wrap one inline table of the data file as a :class:`Figure`."""
    return Figure(entry["value"], entry["source"], entry["checked"], entry["verified"],
                  entry.get("unit", ""), entry.get("note", ""), entry.get("source_date", ""))


def all_figures(node: dict | None = None, path: str = "") -> list[tuple[str, dict]]:
    """Every figure of the data file as (dotted path, inline table), in file order."""
    node = load_data() if node is None else node
    found = []
    for key, value in node.items():
        if isinstance(value, dict) and "value" in value:
            found.append((f"{path}{key}", value))
        elif isinstance(value, dict):
            found += all_figures(value, f"{path}{key}.")
    return found


def price_dates(region: str = "us-east-1") -> tuple[str, str]:
    """(latest date checked, oldest source date) of a Region's prices; "" when no source is older.

    Both are shown with prices, so a price copied from an older page is not taken
    for one read on the day it was checked.
    """
    figs = [f for _, f in all_figures(_region_prices(region))]
    older = sorted(f["source_date"] for f in figs if f.get("source_date", "undated") != "undated")
    return max(f["checked"] for f in figs), (older[0] if older else "")


def unverified_properties() -> dict[str, list[str]]:
    """Class properties (not prices) marked ``verified = false``, by class.

    >>> "durability_percent" in unverified_properties()["REDUCED_REDUNDANCY"]
    True
    """
    out: dict[str, list[str]] = {}
    for sc, props in load_data()["classes"].items():
        bad = [name for name, fig in all_figures(props) if not fig["verified"]]
        if bad:
            out[sc] = bad
    return out


def check_class(storage_class: str) -> str:
    """Return ``storage_class`` if known, else raise with a "did you mean".

    >>> check_class("GLACIER_IR")
    'GLACIER_IR'
    """
    if storage_class in CLASS_IDS:
        return storage_class
    guess = difflib.get_close_matches(str(storage_class).upper().replace("-", "_"), CLASS_IDS, n=1)
    hint = f"; did you mean {guess[0]!r}?" if guess else ""
    raise StorageClassError(
        f"unknown storage class {storage_class!r}{hint} "
        f"(valid: {', '.join(CLASS_IDS)})",
        field="storage_class", value=storage_class, rule="StorageClass must be a valid value")


def class_figure(storage_class: str, name: str) -> Figure:
    """A property of a class, e.g. ``class_figure("STANDARD_IA", "min_storage_days")``."""
    return figure(load_data()["classes"][check_class(storage_class)][name])


def price(storage_class: str, name: str, region: str = "us-east-1") -> Figure | None:
    """A price figure, or None when the class has no such charge."""
    entry = _region_prices(region)[check_class(storage_class)].get(name)
    return figure(entry) if entry else None


def priced_regions() -> tuple[str, ...]:
    """The Regions the data file has checked prices for; the only ones a cost can be worked out in.

    >>> "us-east-1" in priced_regions()
    True
    """
    return tuple(sorted(load_data()["prices"]))


def _region_prices(region: str) -> dict:
    regions = load_data()["prices"]
    if region not in regions:
        raise StorageClassError(
            f"no prices for Region {region!r} in the data file; only "
            f"{', '.join(sorted(regions))} could be checked, see the live S3 pricing page",
            field="region", value=region, rule="Region must have verified prices")
    return regions[region]


@dataclass(frozen=True)
class Workload:
    """What you store and how you use it.

    Args:
        objects: number of objects stored.
        object_size_kb: size of each object in KB (1 KB = 1,024 bytes).
        months_kept: how many 30-day months the estimate covers.
        gets_per_month: GET requests per month (each reads one object).
        puts_per_month: PUT/COPY/POST/LIST requests per month.
        gb_retrieved_per_month: GB read back per month.
        delete_after_days: every object is deleted this many days after upload
            (None: kept for the whole estimate).
        region: AWS Region whose list prices are used.
        via_lifecycle: objects are uploaded to S3 Standard (one PUT each) and reach
            the class by a lifecycle transition (one transition request each) instead
            of a direct PUT into the class. Their days in Standard before the
            transition are not part of the estimate.
    """

    objects: int = 1000
    object_size_kb: float = 1024.0
    months_kept: float = 12
    gets_per_month: float = 0
    puts_per_month: float = 0
    gb_retrieved_per_month: float = 0
    delete_after_days: int | None = None
    region: str = "us-east-1"
    via_lifecycle: bool = False

    def __post_init__(self):
        for name in ("objects", "object_size_kb", "months_kept", "gets_per_month",
                     "puts_per_month", "gb_retrieved_per_month"):
            value = getattr(self, name)
            if not isinstance(value, (int, float)) or value != value or value < 0:
                raise StorageClassError(f"{name} must be a number >= 0, got {value!r}",
                                        field=name, value=value, rule="non-negative")
        if self.delete_after_days is not None and self.delete_after_days < 0:
            raise StorageClassError(
                f"delete_after_days must be >= 0 or None, got {self.delete_after_days!r}",
                field="delete_after_days", value=self.delete_after_days, rule="non-negative")

    @property
    def lifetime_days(self) -> float:
        """Days the objects are stored within the estimate."""
        horizon = self.months_kept * 30
        if self.delete_after_days is None:
            return horizon
        return min(horizon, self.delete_after_days)

    @property
    def deleted_early(self) -> bool:
        """True when the objects are deleted inside the estimate's horizon."""
        return self.delete_after_days is not None and self.delete_after_days <= self.months_kept * 30


@dataclass(frozen=True)
class Line:
    """One itemised charge: what, how much, the formula in words, and where the rates came from."""

    item: str
    usd: float
    formula: str
    sources: tuple[str, ...] = ()
    verified: bool = True


@dataclass(frozen=True)
class Estimate:
    """The cost of a workload in one storage class."""

    storage_class: str
    workload: Workload
    lines: tuple[Line, ...]

    @property
    def total_usd(self) -> float:
        return sum(line.usd for line in self.lines)

    @property
    def verified(self) -> bool:
        """False if any non-zero line used an unverified figure."""
        return all(line.verified for line in self.lines if line.usd)


def _line(item: str, usd: float, formula: str, *figs: Figure | None) -> Line:
    used = [f for f in figs if f is not None]
    return Line(item, usd, formula, tuple(dict.fromkeys(f.cite() for f in used)),
                all(f.verified for f in used))


def _rate(storage_class: str, name: str, region: str) -> tuple[float, Figure | None]:
    fig = price(storage_class, name, region)
    return (float(fig.value) if fig else 0.0), fig


def _it_storage_gb_months(w: Workload, size_kb: float) -> dict[str, float]:
    """GB-months per Intelligent-Tiering tier for the cohort.

    Objects read in a month stay in Frequent Access; the rest move to
    Infrequent after 30 days and Archive Instant after 90 days without access.
    We assume reads hit distinct objects, so the share read monthly is
    min(1, GETs per month / objects). Objects under 128 KB are never tiered.
    """
    tiers = load_data()["classes"]["INTELLIGENT_TIERING"]["tiers"]
    gb = w.objects * size_kb / GB_IN_KB
    days = w.lifetime_days
    if size_kb < tiers["monitoring_min_object_kb"]["value"] or w.objects == 0:
        return {"storage_gb_month": gb * days / 30}
    hot = min(1.0, w.gets_per_month / w.objects)
    d_ia = tiers["infrequent_after_days"]["value"]
    d_ai = tiers["archive_instant_after_days"]["value"]
    cold_frequent = min(days, d_ia)
    cold_infrequent = max(0.0, min(days, d_ai) - d_ia)
    cold_archive = max(0.0, days - d_ai)
    return {
        "storage_gb_month": gb * (hot * days + (1 - hot) * cold_frequent) / 30,
        "storage_infrequent_gb_month": gb * (1 - hot) * cold_infrequent / 30,
        "storage_archive_instant_gb_month": gb * (1 - hot) * cold_archive / 30,
    }


def arrives_by_lifecycle(storage_class: str, w: Workload) -> bool:
    """True when the objects reach ``storage_class`` by lifecycle transition from S3 Standard.

    Lifecycle cannot move objects into Standard, Reduced Redundancy or Express One Zone
    (a directory-bucket class), so for those ``via_lifecycle`` is ignored.
    """
    return w.via_lifecycle and storage_class not in ("STANDARD", "REDUCED_REDUNDANCY", "EXPRESS_ONEZONE")


def _upload_line(sc: str, w: Workload) -> Line:
    """The requests that put the cohort into S3, charged once, in the first month.

    Each object costs one PUT at the rate of the class it is written to: the class
    itself, or S3 Standard when lifecycle moves it later (the transition is its own line).
    Express One Zone also charges per GB uploaded.
    """
    n = w.objects
    into = "STANDARD" if arrives_by_lifecycle(sc, w) else sc
    put, put_fig = _rate(into, "put_per_1000", w.region)
    up, up_fig = _rate(into, "upload_per_gb", w.region)
    gb = n * w.object_size_kb / GB_IN_KB
    words = _t("upload", puts=_count(n, "PUT request"), into=into, put=readable(put))
    if into != sc:
        words += _t("upload_later")
    if up:
        words += _t("upload_gb", gb=readable(gb), rate=readable(up))
    return _line("uploads", n * put / 1000 + gb * up, words, put_fig, up_fig if up else None)


def estimate(storage_class: str, workload: Workload) -> Estimate:
    """Itemised cost of ``workload`` in ``storage_class`` (list prices, USD).

    Args:
        storage_class: S3 API name, e.g. ``"STANDARD_IA"``.
        workload: the objects and access pattern.
    Returns:
        An :class:`Estimate`; ``total_usd`` is the sum of its lines.
    Raises:
        StorageClassError: unknown class or Region without prices.

    A 1 KB object in Standard-IA is billed as 128 KB for at least 30 days, and each
    object took one PUT request to upload:

    >>> e = estimate("STANDARD_IA", Workload(objects=1_000_000, object_size_kb=1, months_kept=1))
    >>> round(e.total_usd, 4)  # 1e6 x 128 KB = 122.07 GB x $0.0125, + 1e6 PUTs x $0.01 / 1,000
    11.5259
    """
    sc, w = check_class(storage_class), workload
    cls = load_data()["classes"][sc]
    months = w.lifetime_days / 30
    n = w.objects
    min_kb_fig = figure(cls["min_billable_kb"])
    billable_kb = max(w.object_size_kb, float(min_kb_fig.value))
    rate, rate_fig = _rate(sc, "storage_gb_month", w.region)
    lines: list[Line] = []

    if sc == "INTELLIGENT_TIERING":
        for key, gb_months in _it_storage_gb_months(w, w.object_size_kb).items():
            r, f = _rate(sc, key, w.region)
            lines.append(_line(f"storage ({f.note or key})", gb_months * r,
                               _t("storage_it", gb_months=readable(gb_months), rate=readable(r)), f))
    else:
        gb = n * w.object_size_kb / GB_IN_KB
        lines.append(_line("storage", gb * rate * months,
                           _t("storage", objects=_count(n, "object"), kb=readable(w.object_size_kb),
                              gb=readable(gb), rate=readable(rate), months=_count(months, "month")), rate_fig))
    pad_kb = billable_kb - w.object_size_kb
    pad_gb = n * pad_kb / GB_IN_KB
    lines.append(_line("minimum-size padding", pad_gb * rate * months,
                       _t("padding", min_kb=min_kb_fig.value, n=readable(n), pad_kb=readable(pad_kb),
                          pad_gb=readable(pad_gb), rate=readable(rate), months=_count(months, "month"))
                       if pad_kb else _t("no_padding"),
                       min_kb_fig, rate_fig if pad_kb else None))

    ov_std = figure(cls["overhead_kb_at_standard_rate"])
    ov_cls = figure(cls["overhead_kb_at_class_rate"])
    std_rate, std_fig = _rate("STANDARD", "storage_gb_month", w.region)
    ov_usd = n * (ov_std.value * std_rate + ov_cls.value * rate) / GB_IN_KB * months
    lines.append(_line("per-object overhead", ov_usd,
                       _t("overhead", objects=_count(n, "object"), std_kb=ov_std.value,
                          std_rate=readable(std_rate), cls_kb=ov_cls.value, rate=readable(rate),
                          months=_count(months, "month"))
                       if ov_usd else _t("no_overhead"),
                       ov_std, ov_cls, std_fig if ov_usd else None))

    lines.append(_upload_line(sc, w))
    put, put_fig = _rate(sc, "put_per_1000", w.region)
    get, get_fig = _rate(sc, "get_per_1000", w.region)
    lines.append(_line("requests", (w.puts_per_month * put + w.gets_per_month * get) / 1000 * months,
                       _t("requests", puts=readable(w.puts_per_month), put=readable(put),
                          gets=readable(w.gets_per_month), get=readable(get), months=_count(months, "month")),
                       put_fig, get_fig))

    ret, ret_fig = _rate(sc, "retrieval_per_gb", w.region)
    rreq, rreq_fig = _rate(sc, "retrieval_requests_per_1000", w.region)
    up, up_fig = _rate(sc, "upload_per_gb", w.region)
    retrieval = (w.gb_retrieved_per_month * ret + w.gets_per_month * rreq / 1000) * months
    upload_gb = w.puts_per_month * w.object_size_kb / GB_IN_KB
    retrieval += upload_gb * up * months
    words = [_t("retrieval_gb", gb=readable(w.gb_retrieved_per_month), rate=readable(ret))]
    if rreq:
        words.append(_t("retrieval_requests", gets=readable(w.gets_per_month), rate=readable(rreq)))
    if up:
        words.append(_t("retrieval_upload", gb=readable(upload_gb), rate=readable(up)))
    lines.append(_line("retrieval", retrieval,
                       " + ".join(words) + _t("retrieval_months", months=_count(months, "month"))
                       if (ret or rreq or up) else _t("no_retrieval"), ret_fig, rreq_fig, up_fig))

    min_days_fig = figure(cls["min_storage_days"])
    early_days = max(0.0, min_days_fig.value - w.lifetime_days) if w.deleted_early else 0.0
    total_billable_gb = n * (billable_kb + ov_cls.value) / GB_IN_KB
    lines.append(_line("early-deletion charge", total_billable_gb * rate * early_days / 30,
                       _t("early", days=readable(w.lifetime_days), min_days=min_days_fig.value,
                          more=readable(early_days), gb=readable(total_billable_gb), rate=readable(rate))
                       if early_days else _t("no_early", min_days=min_days_fig.value),
                       min_days_fig, rate_fig if early_days else None))

    mon, mon_fig = _rate(sc, "monitoring_per_1000_objects_month", w.region)
    if mon:
        tiers = load_data()["classes"]["INTELLIGENT_TIERING"]["tiers"]
        min_fig = figure(tiers["monitoring_min_object_kb"])
        monitored = n if w.object_size_kb >= min_fig.value else 0
        lines.append(_line("monitoring", monitored * mon / 1000 * months,
                           _t("monitoring", objects=_count(monitored, "object"), min_kb=min_fig.value,
                              rate=readable(mon), months=_count(months, "month"))
                           + ("" if monitored else _t("not_monitored", min_kb=min_fig.value)), mon_fig, min_fig))
    else:
        lines.append(Line("monitoring", 0.0, _t("no_monitoring")))

    tr, tr_fig = _rate(sc, "transition_in_per_1000", w.region)
    if arrives_by_lifecycle(sc, w):
        lines.append(_line("transitions", n * tr / 1000,
                           _t("transitions", requests=_count(n, "lifecycle transition request"), rate=readable(tr)),
                           tr_fig))
    else:
        lines.append(Line("transitions", 0.0, _t("no_transitions")))
    return Estimate(sc, w, tuple(lines))


@dataclass(frozen=True)
class Constraints:
    """Requirements a class must meet to be considered."""

    millisecond_access: bool = False
    survive_az_loss: bool = False
    include_legacy: bool = False


@dataclass(frozen=True)
class Comparison:
    """Classes ranked cheapest first, plus the excluded ones with the reason."""

    ranked: tuple[Estimate, ...]
    excluded: tuple[tuple[str, str], ...] = field(default=())

    @property
    def cheapest(self) -> Estimate | None:
        return self.ranked[0] if self.ranked else None


def exclusion_reason(storage_class: str, constraints: Constraints) -> str | None:
    """Why a class breaks the constraints, or None if it meets them."""
    cls = load_data()["classes"][check_class(storage_class)]
    if constraints.millisecond_access and not cls["millisecond_access"]["value"]:
        return _t("no_ms", latency=_latency(cls))
    if constraints.survive_az_loss and not cls["survives_az_loss"]["value"]:
        return _t("one_az")
    if not constraints.include_legacy and cls["legacy"]:
        return _t("legacy", use=class_use(storage_class))
    return None


def compare(workload: Workload, constraints: Constraints = Constraints()) -> Comparison:
    """Rank every class for ``workload``, cheapest first, excluding those breaking ``constraints``.

    >>> c = compare(Workload(), Constraints(millisecond_access=True))
    >>> dict(c.excluded)["GLACIER"].startswith("no millisecond")
    True
    """
    ranked, excluded = [], []
    for sc in CLASS_IDS:
        reason = exclusion_reason(sc, constraints)
        if reason:
            excluded.append((sc, reason))
        else:
            ranked.append(estimate(sc, workload))
    ranked.sort(key=lambda e: e.total_usd)
    return Comparison(tuple(ranked), tuple(excluded))


def cumulative_costs(storage_class: str, workload: Workload, months: int) -> list[float]:
    """Total cost after 1, 2, ... ``months`` months (the estimate at each horizon)."""
    from dataclasses import replace
    return [estimate(storage_class, replace(workload, months_kept=m)).total_usd
            for m in range(1, months + 1)]
