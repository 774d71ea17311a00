"""EC2 purchase options compared for one usage profile: On-Demand, Savings Plan, Reserved Instance, Spot.

One instance, Linux, shared tenancy. A month is 730 hours, as in the AWS Pricing Calculator.
On-Demand and Spot are billed for the hours the instance runs. A Compute Savings Plan and a
Standard Reserved Instance (both No Upfront here) are billed for every hour of their 1- or
3-year term, used or not, so the model buys as many whole terms as the profile's months
need. Savings Plan, RI and Spot rates are On-Demand minus an illustrative discount from
``course/data/ec2_prices.toml``; the widget marks them unverified (†).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from course import ec2_pricing
from course.i18n import text

OPTION_KEYS = ("on_demand", "savings_plan", "reserved_instance", "spot")

TEXT = {
    "en": {
        "on_demand": "On-Demand",
        "savings_plan": "Compute Savings Plan",
        "reserved_instance": "Reserved Instance",
        "spot": "Spot",
        "od_why": ("Billed per second (60-second minimum) only while the instance runs: "
                   "{hours:,.0f} h a month × ${rate:.4f} = ${monthly:,.2f}. No commitment."),
        "sp_why": ("You commit to ${rate:.4f} an hour ({discount:.0%} off On-Demand†) for {years} year(s). "
                   "The commitment is billed every hour of the term, used or not: 730 h × ${rate:.4f} = "
                   "${monthly:,.2f} a month for {term_months} months. It follows you to any instance "
                   "family, size or Region."),
        "ri_why": ("A {years}-year Standard RI, No Upfront, at ${rate:.4f} an hour ({discount:.0%} off†), "
                   "billed every hour of the term whether the instance runs or not: ${monthly:,.2f} a month "
                   "for {term_months} months. It only discounts usage that matches its instance family, Region, "
                   "operating system and tenancy."),
        "idle_penalty": ("At {hours_per_day:g} h a day you use {use:.0%} of the hours you pay for, so it costs "
                         "more than On-Demand: a commitment pays off only above {breakeven:.0%} use."),
        "idle_ok": "At {hours_per_day:g} h a day you use {use:.0%} of the paid hours; break-even is {breakeven:.0%}.",
        "term_longer": ("Your project lasts {months} months but a term is {term} months: you pay for "
                        "{wasted} months you do not need."),
        "spot_why": ("Spare capacity at about {discount:.0%} off† On-Demand (${rate:.4f} an hour, the price moves "
                     "with supply and demand): {hours:,.0f} h × ${rate:.4f} = ${monthly:,.2f} a month. AWS can "
                     "reclaim the instance with a two-minute notice."),
        "no_commitment": "Needs a 1- or 3-year commitment; this profile has none.",
        "not_interruptible": "Spot instances can be interrupted; this workload cannot be.",
        "bad_hours": "hours per day must be a number above 0 and at most 24, got {value!r}",
        "bad_months": "months must be a whole number from 1 to 60, got {value!r}",
        "bad_commitment": "commitment must be 0, 1 or 3 years, got {value!r}",
    },
    "ko": {
        "on_demand": "온디맨드(On-Demand)",
        "savings_plan": "Compute Savings Plan",
        "reserved_instance": "예약 인스턴스(RI)",
        "spot": "스팟(Spot)",
        "od_why": "인스턴스가 실행되는 동안만 초 단위로 과금(최소 60초): 한 달 {hours:,.0f}시간 × ${rate:.4f} = ${monthly:,.2f}. 약정 없음.",
        "sp_why": "{years}년 동안 시간당 ${rate:.4f}(온디맨드보다 {discount:.0%} 저렴†)를 약정합니다. 약정 금액은 쓰든 안 쓰든 기간 내내 매시간 청구됩니다: 730시간 × ${rate:.4f} = 월 ${monthly:,.2f}, {term_months}개월 동안. 인스턴스 패밀리, 크기, 리전이 바뀌어도 적용됩니다.",
        "ri_why": "{years}년 Standard RI, 선결제 없음(No Upfront), 시간당 ${rate:.4f}({discount:.0%} 할인†). 인스턴스가 실행되든 안 되든 기간 내내 매시간 청구됩니다: 월 ${monthly:,.2f}, {term_months}개월 동안. 인스턴스 패밀리, 리전, 운영 체제, 테넌시가 맞는 사용량에만 할인이 적용됩니다.",
        "idle_penalty": "하루 {hours_per_day:g}시간이면 돈을 내는 시간의 {use:.0%}만 쓰므로 온디맨드보다 비쌉니다: 약정은 사용률이 {breakeven:.0%}를 넘어야 이득입니다.",
        "idle_ok": "하루 {hours_per_day:g}시간이면 돈을 내는 시간의 {use:.0%}를 씁니다. 손익분기점은 {breakeven:.0%}입니다.",
        "term_longer": "프로젝트는 {months}개월인데 약정 기간은 {term}개월입니다: 필요 없는 {wasted}개월 치를 냅니다.",
        "spot_why": "남는 용량을 온디맨드보다 약 {discount:.0%} 싸게† 씁니다(시간당 ${rate:.4f}, 가격은 수요와 공급에 따라 움직임): {hours:,.0f}시간 × ${rate:.4f} = 월 ${monthly:,.2f}. AWS는 2분 전에 알리고 인스턴스를 회수할 수 있습니다.",
        "no_commitment": "1년 또는 3년 약정이 필요한데, 이 조건에는 약정이 없습니다.",
        "not_interruptible": "스팟 인스턴스는 중단될 수 있는데, 이 작업은 중단되면 안 됩니다.",
        "bad_hours": "하루 사용 시간은 0보다 크고 24 이하인 숫자여야 합니다. 받은 값: {value!r}",
        "bad_months": "개월 수는 1에서 60 사이의 정수여야 합니다. 받은 값: {value!r}",
        "bad_commitment": "약정은 0, 1, 3년 중 하나여야 합니다. 받은 값: {value!r}",
    },
}


class ProfileError(ValueError):
    """Bad usage profile; ``field`` names the input that is wrong."""

    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class UsageProfile:
    """How one instance is used.

    Args:
        instance_type: e.g. "t3.large"; must have a price in ``region``.
        region: e.g. "ap-northeast-2".
        hours_per_day: hours the instance runs each day, more than 0 and at most 24.
        months: how long the workload lasts, a whole number from 1 to 60.
        interruptible: the work survives being stopped at two minutes' notice.
        commitment_years: 0 (none), 1 or 3.
    """

    instance_type: str = "t3.large"
    region: str = ec2_pricing.DEFAULT_REGION
    hours_per_day: float = 24.0
    months: int = 12
    interruptible: bool = False
    commitment_years: int = 0

    def __post_init__(self):
        h = self.hours_per_day
        if isinstance(h, bool) or not isinstance(h, (int, float)) or not 0 < h <= 24:
            raise ProfileError(text(TEXT, "bad_hours", value=h), "hours_per_day")
        m = self.months
        if isinstance(m, bool) or not isinstance(m, int) or not 1 <= m <= 60:
            raise ProfileError(text(TEXT, "bad_months", value=m), "months")
        if self.commitment_years not in (0, 1, 3):
            raise ProfileError(text(TEXT, "bad_commitment", value=self.commitment_years), "commitment_years")
        try:
            ec2_pricing.on_demand_price(self.instance_type, self.region)
        except ValueError as e:
            raise ProfileError(str(e), "instance_type") from None

    @property
    def hours_per_month(self) -> float:
        """Hours the instance runs in a 730-hour month."""
        return self.hours_per_day / 24 * ec2_pricing.hours_per_month().value


@dataclass(frozen=True)
class OptionCost:
    """One purchase option's cost for a profile, or why it is not available."""

    key: str
    name: str
    available: bool
    hourly_usd: float = 0.0
    monthly_usd: float = 0.0
    total_usd: float = 0.0
    billed_months: int = 0
    reasoning: str = ""
    verified: bool = False
    sources: tuple[str, ...] = ()


@dataclass(frozen=True)
class Comparison:
    """All four options for one profile."""

    profile: UsageProfile
    options: tuple[OptionCost, ...]

    def option(self, key: str) -> OptionCost:
        return next(o for o in self.options if o.key == key)

    @property
    def cheapest(self) -> OptionCost:
        """The available option with the lowest total (On-Demand wins ties: it commits you to nothing)."""
        available = [o for o in self.options if o.available]
        return min(available, key=lambda o: (round(o.total_usd, 6), OPTION_KEYS.index(o.key)))


def _committed(profile: UsageProfile, key: str, discount_name: str, why_key: str, od) -> OptionCost:
    name = text(TEXT, key)
    if profile.commitment_years == 0:
        return OptionCost(key, name, False, reasoning=text(TEXT, "no_commitment"))
    d = ec2_pricing.discount(discount_name)
    rate = float(od.value) * (1 - d.value)
    monthly = rate * ec2_pricing.hours_per_month().value
    term = 12 * profile.commitment_years
    billed = math.ceil(profile.months / term) * term
    use = profile.hours_per_day / 24
    breakeven = 1 - d.value
    why = [text(TEXT, why_key, rate=rate, discount=d.value, years=profile.commitment_years,
                monthly=monthly, term_months=billed)]
    why.append(text(TEXT, "idle_penalty" if use < breakeven else "idle_ok",
                    hours_per_day=profile.hours_per_day, use=use, breakeven=breakeven))
    if billed > profile.months:
        why.append(text(TEXT, "term_longer", months=profile.months, term=term, wasted=billed - profile.months))
    return OptionCost(key, name, True, rate, monthly, monthly * billed, billed, " ".join(why),
                      od.verified and d.verified, (od.source, d.source))


def compare_options(profile: UsageProfile) -> Comparison:
    """Monthly and total cost of each purchase option for ``profile``, with the reasoning."""
    od = ec2_pricing.on_demand_price(profile.instance_type, profile.region)
    rate = float(od.value)
    hours = profile.hours_per_month
    monthly = rate * hours
    on_demand = OptionCost("on_demand", text(TEXT, "on_demand"), True, rate, monthly, monthly * profile.months,
                           profile.months, text(TEXT, "od_why", hours=hours, rate=rate, monthly=monthly),
                           od.verified, (od.source,))
    sp = _committed(profile, "savings_plan", f"compute_savings_plan_{profile.commitment_years}yr", "sp_why", od)
    ri = _committed(profile, "reserved_instance", f"reserved_instance_{profile.commitment_years}yr", "ri_why", od)
    if profile.interruptible:
        d = ec2_pricing.discount("spot_typical")
        spot_rate = rate * (1 - d.value)
        spot_monthly = spot_rate * hours
        spot = OptionCost("spot", text(TEXT, "spot"), True, spot_rate, spot_monthly, spot_monthly * profile.months,
                          profile.months, text(TEXT, "spot_why", discount=d.value, rate=spot_rate, hours=hours,
                                               monthly=spot_monthly), False, (od.source, d.source))
    else:
        spot = OptionCost("spot", text(TEXT, "spot"), False, reasoning=text(TEXT, "not_interruptible"))
    return Comparison(profile, (on_demand, sp, ri, spot))
