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
    words = (f"{count_of(n, 'PUT request')} to upload (one per object) into {into} × ${readable(put)} "
             "per 1,000, charged once")
    if into != sc:
        words += "; lifecycle moves them later (see transitions)"
    if up:
        words += f" + {readable(gb)} GB uploaded × ${readable(up)}/GB"
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
                               f"{readable(gb_months)} GB-months × ${readable(r)}/GB-month; objects read in a month "
                               "stay Frequent, the rest drop to Infrequent after 30 days and "
                               "Archive Instant after 90", f))
    else:
        gb = n * w.object_size_kb / GB_IN_KB
        lines.append(_line("storage", gb * rate * months,
                           f"{count_of(n, 'object')} × {readable(w.object_size_kb)} KB = {readable(gb)} GB × "
                           f"${readable(rate)}/GB-month × {count_of(months, 'month')}", rate_fig))
    pad_kb = billable_kb - w.object_size_kb
    pad_gb = n * pad_kb / GB_IN_KB
    lines.append(_line("minimum-size padding", pad_gb * rate * months,
                       f"objects under {min_kb_fig.value} KB are billed as {min_kb_fig.value} KB: "
                       f"{readable(n)} × {readable(pad_kb)} KB extra = {readable(pad_gb)} GB × ${readable(rate)} × "
                       f"{count_of(months, 'month')}"
                       if pad_kb else "no minimum billable size applies",
                       min_kb_fig, rate_fig if pad_kb else None))

    ov_std = figure(cls["overhead_kb_at_standard_rate"])
    ov_cls = figure(cls["overhead_kb_at_class_rate"])
    std_rate, std_fig = _rate("STANDARD", "storage_gb_month", w.region)
    ov_usd = n * (ov_std.value * std_rate + ov_cls.value * rate) / GB_IN_KB * months
    lines.append(_line("per-object overhead", ov_usd,
                       f"{count_of(n, 'object')} × ({ov_std.value} KB at Standard ${readable(std_rate)} + "
                       f"{ov_cls.value} KB at ${readable(rate)}) per GB-month × {count_of(months, 'month')}"
                       if ov_usd else "no per-object metadata overhead",
                       ov_std, ov_cls, std_fig if ov_usd else None))

    lines.append(_upload_line(sc, w))
    put, put_fig = _rate(sc, "put_per_1000", w.region)
    get, get_fig = _rate(sc, "get_per_1000", w.region)
    lines.append(_line("requests", (w.puts_per_month * put + w.gets_per_month * get) / 1000 * months,
                       f"({readable(w.puts_per_month)} PUTs × ${readable(put)} + "
                       f"{readable(w.gets_per_month)} GETs × ${readable(get)}) "
                       f"per 1,000 × {count_of(months, 'month')}", put_fig, get_fig))

    ret, ret_fig = _rate(sc, "retrieval_per_gb", w.region)
    rreq, rreq_fig = _rate(sc, "retrieval_requests_per_1000", w.region)
    up, up_fig = _rate(sc, "upload_per_gb", w.region)
    retrieval = (w.gb_retrieved_per_month * ret + w.gets_per_month * rreq / 1000) * months
    upload_gb = w.puts_per_month * w.object_size_kb / GB_IN_KB
    retrieval += upload_gb * up * months
    words = [f"{readable(w.gb_retrieved_per_month)} GB/month × ${readable(ret)}/GB"]
    if rreq:
        words.append(f"{readable(w.gets_per_month)} restore requests/month × ${readable(rreq)} per 1,000")
    if up:
        words.append(f"{readable(upload_gb)} GB uploaded/month × ${readable(up)}/GB")
    lines.append(_line("retrieval", retrieval,
                       " + ".join(words) + f", × {count_of(months, 'month')}" if (ret or rreq or up)
                       else "no per-GB retrieval fee", ret_fig, rreq_fig, up_fig))

    min_days_fig = figure(cls["min_storage_days"])
    early_days = max(0.0, min_days_fig.value - w.lifetime_days) if w.deleted_early else 0.0
    total_billable_gb = n * (billable_kb + ov_cls.value) / GB_IN_KB
    lines.append(_line("early-deletion charge", total_billable_gb * rate * early_days / 30,
                       f"deleted after {readable(w.lifetime_days)} days but the minimum is "
                       f"{min_days_fig.value} days: {readable(early_days)} more days × "
                       f"{readable(total_billable_gb)} GB "
                       f"× ${readable(rate)}/GB-month / 30" if early_days else
                       f"no early deletion (minimum storage duration {min_days_fig.value} days)",
                       min_days_fig, rate_fig if early_days else None))

    mon, mon_fig = _rate(sc, "monitoring_per_1000_objects_month", w.region)
    if mon:
        tiers = load_data()["classes"]["INTELLIGENT_TIERING"]["tiers"]
        min_fig = figure(tiers["monitoring_min_object_kb"])
        monitored = n if w.object_size_kb >= min_fig.value else 0
        lines.append(_line("monitoring", monitored * mon / 1000 * months,
                           f"{count_of(monitored, 'object')} of {min_fig.value} KB or more × "
                           f"${readable(mon)} per 1,000 "
                           f"× {count_of(months, 'month')}" + ("" if monitored else
                           f" (objects under {min_fig.value} KB are not monitored)"), mon_fig, min_fig))
    else:
        lines.append(Line("monitoring", 0.0, "no monitoring and automation fee"))

    tr, tr_fig = _rate(sc, "transition_in_per_1000", w.region)
    if arrives_by_lifecycle(sc, w):
        lines.append(_line("transitions", n * tr / 1000,
                           f"{count_of(n, 'lifecycle transition request')} × ${readable(tr)} per 1,000", tr_fig))
    else:
        lines.append(Line("transitions", 0.0, "uploaded directly into the class; no transition requests"))
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
        return f"no millisecond first-byte access: {cls['first_byte_latency']['value']}"
    if constraints.survive_az_loss and not cls["survives_az_loss"]["value"]:
        return "keeps data in a single Availability Zone; lost if that AZ is destroyed"
    if not constraints.include_legacy and cls["legacy"]:
        return "legacy class: " + cls["use"]
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
