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
    "ko": {
        "ec2_view": "인스턴스 실행 중: EC2 상태 검사 통과 → Healthy",
        "not_checked": "정상(아직 확인 전)",
        "gets_502": "이 대상으로 보낸 요청은 502 Bad Gateway를 받습니다",
        "failed_k": "상태 확인 {k}회 실패. 아직은 정상",
        "some_502": "일부 요청은 여전히 502를 받습니다",
        "to_others": "모든 요청이 정상 대상 {n}개로 갑니다: 더 이상 502 없음",
        "fail_open": "모든 대상이 비정상이라 ALB가 fail open 하여 여기에도 요청을 보냅니다: 502가 계속됩니다",
        "marked": "상태 확인 {k}회 실패 → 비정상(unhealthy)",
        "kept": "여전히 Healthy: 그룹이 EC2 상태 검사만 보기 때문에 쓸모없는 인스턴스를 그대로 두고 요금도 냅니다",
        "replace": "ELB 상태 확인이 Unhealthy라고 함 → 종료하고 대체 인스턴스를 시작",
        "registered": "대체 인스턴스 등록됨: initial(확인 중)",
        "until_passes": "대체 인스턴스가 첫 상태 확인을 통과할 때까지 요청이 실패합니다(5xx 오류)",
        "in_service": "대체 인스턴스 InService",
        "passed": "대체 인스턴스가 첫 상태 확인 통과 → 정상",
        "full": "용량이 다시 가득 참",
        "answered": "요청에 다시 응답합니다",
        "desired_met": "원하는 용량(desired capacity) 충족",
        "bad_number": "{name}은(는) {low}에서 {high} 사이의 정수여야 합니다. 받은 값: {value!r}",
        "bad_type": "health_check_type은 'EC2'나 'ELB'여야 합니다. 받은 값: {value!r}",
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
