"""On-premises versus cloud, month by month, with made-up illustrative prices.

On-premises you buy enough servers for the busiest month before you start, then pay to
run all of them every month. In the cloud you pay each month for the servers that month
needs. The prices are in abstract "cost units", not AWS prices: the point is the shape
of the curves (spiky versus steady demand), not the amounts::

    >>> c = compare(demand_curve(months=12, base=2, peak=10, spike_every=6))
    >>> c.onprem[-1] > c.cloud[-1]
    True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Prices:
    """Illustrative prices in cost units (not AWS prices)."""

    purchase_per_server: float = 60.0        # bought once, before month 1
    running_per_server_month: float = 2.0    # power, space, maintenance share
    cloud_per_server_month: float = 5.0      # rent, only for servers used that month


@dataclass(frozen=True)
class Comparison:
    """Cumulative cost after each month (index 0 = after month 1) and where the lines cross."""

    demand: tuple[int, ...]
    onprem: tuple[float, ...]
    cloud: tuple[float, ...]
    servers_bought: int
    onprem_cheaper_from: int | None    # first month from which on-premises stays no dearer; None if never

    @property
    def cheaper_at_end(self) -> str:
        """``"cloud"``, ``"on-premises"`` or ``"tie"`` after the last month."""
        a, b = self.cloud[-1], self.onprem[-1]
        return "tie" if abs(a - b) < 1e-9 else "cloud" if a < b else "on-premises"


def demand_curve(months: int, base: int, peak: int, spike_every: int) -> tuple[int, ...]:
    """Servers needed each month: ``base``, and ``peak`` every ``spike_every``-th month (0 = never).

    Raises:
        ValueError: a count is negative, there is no month, or ``peak`` is below ``base``.
    """
    if months < 1:
        raise ValueError(f"months must be at least 1, got {months}")
    if base < 0 or peak < 0 or spike_every < 0:
        raise ValueError(f"server counts and spike_every can't be negative "
                         f"(base={base}, peak={peak}, spike_every={spike_every})")
    if peak < base:
        raise ValueError(f"peak ({peak}) must be at least base ({base}): the busiest month needs the most servers")
    return tuple(peak if spike_every and m % spike_every == 0 else base for m in range(1, months + 1))


def compare(demand, prices: Prices = Prices()) -> Comparison:
    """Cumulative on-premises and cloud cost for ``demand`` (servers needed per month).

    Raises:
        ValueError: ``demand`` is empty or holds a negative count, or a price is negative.
    """
    demand = tuple(int(d) for d in demand)
    if not demand:
        raise ValueError("demand is empty: give the servers needed for at least one month")
    if min(demand) < 0:
        raise ValueError(f"demand can't be negative; month {demand.index(min(demand)) + 1} needs {min(demand)}")
    for name, value in vars(prices).items():
        if value < 0:
            raise ValueError(f"price {name} can't be negative, got {value}")
    bought = max(demand)
    onprem, cloud = [], []
    total_onprem = bought * prices.purchase_per_server
    total_cloud = 0.0
    for need in demand:
        total_onprem += bought * prices.running_per_server_month
        total_cloud += need * prices.cloud_per_server_month
        onprem.append(total_onprem)
        cloud.append(total_cloud)
    # Spikes can make the lines cross more than once; what matters is where on-premises
    # takes the lead for good, so walk back from the last month.
    from_month = None
    for m in range(len(demand), 0, -1):
        if onprem[m - 1] > cloud[m - 1]:
            break
        from_month = m
    return Comparison(demand, tuple(onprem), tuple(cloud), bought, from_month)
