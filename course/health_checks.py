"""What happens when the web server on one instance dies, seen by clients, the load balancer and Auto Scaling.

The instance keeps running, so EC2's status checks stay green; only the load balancer's
health check (an HTTP request to the target) notices. The timeline follows AWS's rules:
a target is unhealthy after ``unhealthy_threshold`` failed checks in a row and healthy
again after ``healthy_threshold`` passed checks; an Application Load Balancer routes only
to healthy targets, but if every target is unhealthy it "fails open" and routes to all of
them; an Auto Scaling group replaces an instance on the load balancer's verdict only if its
health check type includes ELB (``HealthCheckType="ELB"``).

Simplified: checks run exactly every ``interval_seconds`` from the moment the server dies,
Auto Scaling reacts at once (no grace period left), and the replacement boots in
``boot_seconds``. moto cannot show any of this: its targets are always "healthy".
"""

from __future__ import annotations

from dataclasses import dataclass


class HealthCheckInputError(ValueError):
    """A setting out of range; the message names it."""


@dataclass(frozen=True)
class Moment:
    """One row of the timeline: seconds after the web server died, and what each party sees."""

    seconds: int
    target: str
    clients: str
    auto_scaling: str


def web_server_dies(*, interval_seconds: int = 30, unhealthy_threshold: int = 2, healthy_threshold: int = 5,
                    health_check_type: str = "EC2", other_healthy_targets: int = 1,
                    boot_seconds: int = 60) -> tuple[Moment, ...]:
    """The timeline after the web server process on one target stops (the instance keeps running).

    >>> [m.seconds for m in web_server_dies(health_check_type="ELB")]
    [0, 30, 60, 120, 270]
    """
    for value, name, low, high in ((interval_seconds, "interval_seconds", 5, 300),
                                   (unhealthy_threshold, "unhealthy_threshold", 2, 10),
                                   (healthy_threshold, "healthy_threshold", 2, 10),
                                   (other_healthy_targets, "other_healthy_targets", 0, 1000),
                                   (boot_seconds, "boot_seconds", 0, 3600)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise HealthCheckInputError(f"{name} must be a whole number from {low} to {high}, got {value!r}")
    if health_check_type not in ("EC2", "ELB"):
        raise HealthCheckInputError(f"health_check_type must be 'EC2' or 'ELB', got {health_check_type!r}")

    others = other_healthy_targets > 0
    ec2_view = "instance running: EC2 status checks pass → Healthy"
    rows = [Moment(0, "healthy (not checked yet)", "requests sent to this target get 502 Bad Gateway", ec2_view)]
    for k in range(1, unhealthy_threshold):
        rows.append(Moment(k * interval_seconds, f"health check {k} failed; still healthy",
                           "some requests still get 502", ec2_view))
    marked = unhealthy_threshold * interval_seconds
    if others:
        clients = f"all requests go to the {other_healthy_targets} healthy target(s): no more 502"
    else:
        clients = "every target is unhealthy, so the ALB fails open and still sends requests here: 502s go on"
    if health_check_type == "EC2":
        rows.append(Moment(marked, f"health check {unhealthy_threshold} failed → unhealthy", clients,
                           "still Healthy: the group only looks at EC2 status checks and keeps (and pays for) "
                           "a useless instance"))
        return tuple(rows)
    rows.append(Moment(marked, f"health check {unhealthy_threshold} failed → unhealthy", clients,
                       "the ELB health check says Unhealthy → terminate it and launch a replacement"))
    booted = marked + boot_seconds
    rows.append(Moment(booted, "replacement registered: initial (being checked)", clients if others else
                       "502s go on until the replacement passes its checks", "replacement InService"))
    healthy = booted + healthy_threshold * interval_seconds
    rows.append(Moment(healthy, f"replacement passed {healthy_threshold} checks → healthy",
                       "full capacity again" if others else "requests are answered again", "desired capacity met"))
    return tuple(rows)
