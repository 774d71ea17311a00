"""Round-robin load balancing over healthy servers: who gets which request, and who gets none.

A load balancer hands requests to its servers in turn, skipping any that fails its
health check. With no healthy server left, requests fail::

    >>> spread(6, {"web-1": True, "web-2": True, "web-3": False}).per_server
    {'web-1': 3, 'web-2': 3, 'web-3': 0}
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Spread:
    per_server: dict[str, int]    # requests each server handled (0 for unhealthy ones)
    failed: int                   # requests no healthy server could take
    order: tuple[str | None, ...]  # who took request 1, 2, ... (None = failed)
    healthy: tuple[str, ...]      # the servers that passed their health check

    @property
    def served(self) -> int:
        return sum(self.per_server.values())


def spread(requests: int, health: dict[str, bool]) -> Spread:
    """Hand ``requests`` out round-robin to the servers whose health is True.

    Raises:
        ValueError: ``requests`` is negative, or there are no servers at all.
    """
    if requests < 0:
        raise ValueError(f"requests can't be negative, got {requests}")
    if not health:
        raise ValueError("a load balancer needs at least one server behind it")
    healthy = [name for name, ok in health.items() if ok]
    order = tuple(healthy[k % len(healthy)] if healthy else None for k in range(requests))
    per_server = {name: sum(1 for o in order if o == name) for name in health}
    return Spread(per_server, sum(1 for o in order if o is None), order, tuple(healthy))
