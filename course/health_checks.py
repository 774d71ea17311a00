"""What happens when the web server on one instance dies, seen by clients, the load balancer and Auto Scaling.

The instance keeps running, so EC2's status checks stay green; only the load balancer's
health check (an HTTP request to the target) notices. The timeline follows AWS's rules:
a target is unhealthy after ``unhealthy_threshold`` failed checks in a row, and a newly
registered target is healthy after it passes one check; an Application Load Balancer routes only
to healthy targets, but if every target is unhealthy it "fails open" and routes to all of
them; an Auto Scaling group replaces an instance on the load balancer's verdict only if its
health check type includes ELB (``HealthCheckType="ELB"``).

Simplified: checks run exactly every ``interval_seconds`` from the moment the server dies,
Auto Scaling reacts at once (no grace period left), and the replacement boots in
``boot_seconds``. moto cannot show any of this: its targets are always "healthy".
"""

from __future__ import annotations

from dataclasses import dataclass

from course.i18n import text

TEXT = {
    "en": {
        "ec2_view": "instance running: EC2 status checks pass → Healthy",
        "not_checked": "healthy (not checked yet)",
        "gets_502": "requests sent to this target get 502 Bad Gateway",
        "failed_k": "health check {k} failed; still healthy",
        "some_502": "some requests still get 502",
        "to_others": "all requests go to the {n} healthy target(s): no more 502",
        "fail_open": "every target is unhealthy, so the ALB fails open and still sends requests here: 502s go on",
        "marked": "health check {k} failed → unhealthy",
        "kept": "still Healthy: the group only looks at EC2 status checks and keeps (and pays for) a useless instance",
        "replace": "the ELB health check says Unhealthy → terminate it and launch a replacement",
        "registered": "replacement registered: initial (being checked)",
        "until_passes": "requests still fail (5xx errors) until the replacement passes its first check",
        "in_service": "replacement InService",
        "passed": "replacement passed its first check → healthy",
        "full": "full capacity again",
        "answered": "requests are answered again",
        "desired_met": "desired capacity met",
        "bad_number": "{name} must be a whole number from {low} to {high}, got {value!r}",
        "bad_type": "health_check_type must be 'EC2' or 'ELB', got {value!r}",
    },
}


class HealthCheckInputError(ValueError):
    """A setting out of range; the message names it."""


@dataclass(frozen=True)
class Moment:
    """One row of the timeline: seconds after the web server died, and what each party sees."""

    seconds: int
    target: str
    clients: str
    auto_scaling: str


def web_server_dies(*, interval_seconds: int = 30, unhealthy_threshold: int = 2,
                    health_check_type: str = "EC2", other_healthy_targets: int = 1,
                    boot_seconds: int = 60) -> tuple[Moment, ...]:
    """The timeline after the web server process on one target stops (the instance keeps running).

    >>> [m.seconds for m in web_server_dies(health_check_type="ELB")]
    [0, 30, 60, 120, 150]
    """
    for value, name, low, high in ((interval_seconds, "interval_seconds", 5, 300),
                                   (unhealthy_threshold, "unhealthy_threshold", 2, 10),
                                   (other_healthy_targets, "other_healthy_targets", 0, 1000),
                                   (boot_seconds, "boot_seconds", 0, 3600)):
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            raise HealthCheckInputError(text(TEXT, "bad_number", name=name, low=low, high=high, value=value))
    if health_check_type not in ("EC2", "ELB"):
        raise HealthCheckInputError(text(TEXT, "bad_type", value=health_check_type))

    t = lambda key, **v: text(TEXT, key, **v)  # noqa: E731
    others = other_healthy_targets > 0
    rows = [Moment(0, t("not_checked"), t("gets_502"), t("ec2_view"))]
    for k in range(1, unhealthy_threshold):
        rows.append(Moment(k * interval_seconds, t("failed_k", k=k), t("some_502"), t("ec2_view")))
    marked = unhealthy_threshold * interval_seconds
    clients = t("to_others", n=other_healthy_targets) if others else t("fail_open")
    if health_check_type == "EC2":
        rows.append(Moment(marked, t("marked", k=unhealthy_threshold), clients, t("kept")))
        return tuple(rows)
    rows.append(Moment(marked, t("marked", k=unhealthy_threshold), clients, t("replace")))
    booted = marked + boot_seconds
    rows.append(Moment(booted, t("registered"), clients if others else t("until_passes"), t("in_service")))
    # A newly registered target needs one passed check (ALB guide, "Health checks for your target groups");
    # HealthyThresholdCount applies to a target coming back from unhealthy.
    healthy = booted + interval_seconds
    rows.append(Moment(healthy, t("passed"), t("full") if others else t("answered"),
                       t("desired_met")))
    return tuple(rows)
