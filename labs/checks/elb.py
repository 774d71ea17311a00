"""Checks of Elastic Load Balancing (v2) state in the sandbox: load balancers, target groups,
listeners and the requests their rules route.

Every check takes names, reads state through `labs.sandbox.check_client("elbv2")` and returns
a bilingual `CheckResult`. The sandbox accepts an ALB in a single subnet and sends no traffic,
so these checks hold the ALB to AWS's two-AZ rule and *evaluate* the listener's rules for a
request the way an ALB does (`route`)::

    from labs.checks import elb as check
    from labs.checks.result import require
    require(check.request_routes_to("kit-web-alb", 80, "kit-api-tg", path="/api/orders"))
"""

from __future__ import annotations

import re

from labs.checks.result import CheckResult, failed, passed, require

__all__ = [
    "require", "TEXT", "route", "matches",
    "load_balancer", "target_group", "listener_default", "request_routes_to",
]

_SEE = {
    "types": "10-load-balancing-and-auto-scaling.ipynb § The four types of Elastic Load Balancing",
    "parts": "10-load-balancing-and-auto-scaling.ipynb § Target groups, listeners and rules",
    "health": "10-load-balancing-and-auto-scaling.ipynb § Health checks and the 502",
}

TEXT = {
    "en": {
        "lb_missing": "load balancer {lb!r} not found (load balancers there: {there})",
        "lb_hint": "create the load balancer with the exact name the task gives",
        "lb_wrong": "load balancer {lb!r}: {field} is {there}, expected {want}",
        "lb_wrong_hint": "a load balancer's type and scheme are fixed when it is created: delete it and create it again",
        "lb_azs": ("load balancer {lb!r} is in {count} Availability Zone(s) {there}, expected at least {want}; "
                   "AWS refuses an ALB with fewer than two (the sandbox does not)"),
        "lb_azs_hint": "an ALB gets one subnet in each AZ it serves",
        "lb_ok": "load balancer {lb!r}: {kind}, {scheme}, in {there}",
        "tg_missing": "target group {target_group!r} not found (target groups there: {there})",
        "tg_hint": "create the target group with the exact name the task gives",
        "tg_wrong": "target group {target_group!r}: {field} is {there}, expected {want}",
        "tg_wrong_hint": ("protocol, port and target type are fixed at creation (create the group again); "
                          "health-check settings can be changed with modify_target_group"),
        "tg_ok": "target group {target_group!r}: {fields}",
        "listener_missing": "load balancer {lb!r} has no listener on port {port} (ports there: {there})",
        "listener_hint": "a listener checks for connections on one protocol and port of the load balancer",
        "default_wrong": "listener {port} of {lb!r}: the default rule sends requests to {there}, expected {target_group!r}",
        "default_hint": "the default rule (DefaultActions) catches every request that no other rule matches",
        "default_ok": "listener {port} of {lb!r}: the default rule forwards to {target_group!r}",
        "route_wrong": ("request Host: {host}, path {path} to {lb!r}:{port} is sent by {rule} to {there}, "
                        "expected {target_group!r}"),
        "route_hint": ("the ALB tries rules from the lowest priority number up and uses the first whose "
                       "conditions all match; compare each rule's conditions and action with the task"),
        "route_ok": "request Host: {host}, path {path} → {target_group!r} ({rule})",
    },
    "ko": {
        "lb_missing": "로드 밸런서 {lb!r}이(가) 없습니다 (있는 로드 밸런서: {there})",
        "lb_hint": "과제가 정한 이름 그대로 로드 밸런서를 만드세요",
        "lb_wrong": "로드 밸런서 {lb!r}: {field}이(가) {there}입니다. 기대값은 {want}입니다",
        "lb_wrong_hint": "로드 밸런서의 유형과 체계는 만들 때 정해집니다. 지우고 다시 만드세요",
        "lb_azs": ("로드 밸런서 {lb!r}은(는) 가용 영역 {count}개 {there}에만 있습니다. 최소 {want}개가 필요합니다. "
                   "AWS는 가용 영역이 둘 미만인 ALB를 거부합니다 (샌드박스는 받아 줍니다)"),
        "lb_azs_hint": "ALB에는 서비스할 가용 영역마다 서브넷을 하나씩 줍니다",
        "lb_ok": "로드 밸런서 {lb!r}: {kind}, {scheme}, 위치 {there}",
        "tg_missing": "대상 그룹 {target_group!r}이(가) 없습니다 (있는 대상 그룹: {there})",
        "tg_hint": "과제가 정한 이름 그대로 대상 그룹을 만드세요",
        "tg_wrong": "대상 그룹 {target_group!r}: {field}이(가) {there}입니다. 기대값은 {want}입니다",
        "tg_wrong_hint": ("프로토콜, 포트, 대상 유형은 만들 때 정해집니다(다시 만드세요). 상태 확인 설정은 "
                          "modify_target_group으로 바꿀 수 있습니다"),
        "tg_ok": "대상 그룹 {target_group!r}: {fields}",
        "listener_missing": "로드 밸런서 {lb!r}에 포트 {port} 리스너가 없습니다 (있는 포트: {there})",
        "listener_hint": "리스너는 로드 밸런서의 프로토콜 하나와 포트 하나로 들어오는 연결을 확인합니다",
        "default_wrong": "{lb!r}의 리스너 {port}: 기본 규칙이 요청을 {there}(으)로 보냅니다. 기대값은 {target_group!r}입니다",
        "default_hint": "기본 규칙(DefaultActions)은 다른 어떤 규칙에도 맞지 않는 요청을 모두 받습니다",
        "default_ok": "{lb!r}의 리스너 {port}: 기본 규칙이 {target_group!r}(으)로 전달합니다",
        "route_wrong": ("요청 Host: {host}, 경로 {path}을(를) {lb!r}:{port}의 {rule}이(가) {there}(으)로 보냅니다. "
                        "기대값은 {target_group!r}입니다"),
        "route_hint": ("ALB는 우선순위 번호가 작은 규칙부터 차례로 보고, 조건이 모두 맞는 첫 규칙을 씁니다. "
                       "규칙마다 조건과 작업을 과제와 비교해 보세요"),
        "route_ok": "요청 Host: {host}, 경로 {path} → {target_group!r} ({rule})",
    },
}


def matches(pattern: str, value: str, *, case_sensitive: bool) -> bool:
    """True if ``value`` matches an ALB condition value: ``*`` is any run of characters, ``?`` one.

    >>> matches("/api/*", "/api/orders", case_sensitive=True), matches("/api/*", "/api", case_sensitive=True)
    (True, False)
    """
    regex = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.fullmatch(regex, value, re.DOTALL | (0 if case_sensitive else re.IGNORECASE)) is not None


def route(rules: list[dict], host: str, path: str) -> tuple[dict | None, list[str]]:
    """The rule an ALB listener uses for a request, and the target group ARNs it forwards to.

    ``rules`` is DescribeRules' list. Rules are tried by priority, lowest number first, the
    default rule last; a rule applies when every condition matches (a condition matches when
    any of its values does). Path patterns are case-sensitive and see only the path (not the
    query string); host names are not case-sensitive. Conditions other than path and host,
    and regular-expression values (RegexValues), never match here.
    A forward to several groups counts the groups with a weight above 0.
    """
    path = path.split("?", 1)[0]

    def order(rule):
        return (1, 0) if rule.get("IsDefault") or rule.get("Priority") == "default" else (0, int(rule["Priority"]))

    for rule in sorted(rules, key=order):
        if all(_condition_matches(c, host, path) for c in rule.get("Conditions", [])):
            return rule, _forward_targets(rule.get("Actions", []))
    return None, []


def load_balancer(lb: str, kind: str = "application", scheme: str = "internet-facing",
                  at_least_azs: int = 2) -> CheckResult:
    """Check that load balancer ``lb`` exists with type ``kind`` and ``scheme``, in enough AZs."""
    name = "load_balancer"
    found = _load_balancer(lb)
    if isinstance(found, CheckResult):
        return found
    # Left out at creation, both take AWS's defaults; moto then reports no Scheme at all.
    for field, there, want in (("Type", found.get("Type") or "application", kind),
                               ("Scheme", found.get("Scheme") or "internet-facing", scheme)):
        if there != want:
            return failed(name, TEXT, "lb_wrong", found=there, expected=want, hint="lb_wrong_hint",
                          see=_SEE["types"], lb=lb, field=field, there=there, want=want)
    azs = sorted({z["ZoneName"] for z in found.get("AvailabilityZones", [])})
    if len(azs) < at_least_azs:
        return failed(name, TEXT, "lb_azs", found=azs, expected=at_least_azs, hint="lb_azs_hint",
                      see=_SEE["parts"], lb=lb, count=len(azs), there=azs, want=at_least_azs)
    return passed(name, TEXT, "lb_ok", found=azs, expected=at_least_azs, lb=lb, kind=kind, scheme=scheme, there=azs)


def target_group(target_group: str, **expected) -> CheckResult:
    """Check fields of target group ``target_group`` as DescribeTargetGroups shows them.

    ``expected`` names fields, e.g. ``Port=80, HealthCheckPath="/health", TargetType="instance"``.
    """
    name = "target_group"
    groups = {g["TargetGroupName"]: g for g in _target_groups()}
    if target_group not in groups:
        return failed(name, TEXT, "tg_missing", found=sorted(groups), expected=target_group, hint="tg_hint",
                      see=_SEE["parts"], target_group=target_group, there=sorted(groups))
    found = groups[target_group]
    for field, want in expected.items():
        there = found.get(field)
        if there != want:
            see = _SEE["health"] if field.startswith(("HealthCheck", "Healthy", "Unhealthy")) else _SEE["parts"]
            return failed(name, TEXT, "tg_wrong", found=there, expected=want, hint="tg_wrong_hint", see=see,
                          target_group=target_group, field=field, there=there, want=want)
    fields = ", ".join(f"{k}={v}" for k, v in expected.items()) or "exists"
    return passed(name, TEXT, "tg_ok", found=found, expected=expected, target_group=target_group, fields=fields)


def listener_default(lb: str, port: int, target_group: str) -> CheckResult:
    """Check that ``lb`` has a listener on ``port`` whose default rule forwards to ``target_group``."""
    name = "listener_default"
    listener = _listener(name, lb, port)
    if isinstance(listener, CheckResult):
        return listener
    there = _names(_forward_targets(listener.get("DefaultActions", [])))
    if there != [target_group]:
        return failed(name, TEXT, "default_wrong", found=there, expected=target_group, hint="default_hint",
                      see=_SEE["parts"], lb=lb, port=port, target_group=target_group, there=there or "no target group")
    return passed(name, TEXT, "default_ok", found=there, expected=target_group, lb=lb, port=port,
                  target_group=target_group)


def request_routes_to(lb: str, port: int, target_group: str, *, path: str = "/",
                      host: str = "www.example.com") -> CheckResult:
    """Check that a request for ``host`` and ``path`` to ``lb``:``port`` is forwarded to ``target_group`` only.

    The listener's rules are read through the API and evaluated with `route`.
    """
    name = "request_routes_to"
    listener = _listener(name, lb, port)
    if isinstance(listener, CheckResult):
        return listener
    rules = _client().describe_rules(ListenerArn=listener["ListenerArn"])["Rules"]
    rule, arns = route(rules, host, path)
    which = ("no rule" if rule is None else "the default rule" if rule.get("IsDefault")
             else f"rule {rule.get('Priority')}")
    there = _names(arns)
    if there != [target_group]:
        return failed(name, TEXT, "route_wrong", found=there, expected=target_group, hint="route_hint",
                      see=_SEE["parts"], lb=lb, port=port, host=host, path=path, rule=which,
                      there=there or "no target group", target_group=target_group)
    return passed(name, TEXT, "route_ok", found=there, expected=target_group, host=host, path=path,
                  rule=which, target_group=target_group)


# --- helpers -----------------------------------------------------------------


def _client():
    from labs.sandbox import check_client

    return check_client("elbv2")


def _condition_matches(condition: dict, host: str, path: str) -> bool:
    field = condition.get("Field")
    if field == "path-pattern":
        values = (condition.get("PathPatternConfig") or {}).get("Values") or condition.get("Values", [])
        return any(matches(v, path, case_sensitive=True) for v in values)
    if field == "host-header":
        values = (condition.get("HostHeaderConfig") or {}).get("Values") or condition.get("Values", [])
        return any(matches(v, host, case_sensitive=False) for v in values)
    return False


def _forward_targets(actions: list[dict]) -> list[str]:
    for action in sorted(actions, key=lambda a: a.get("Order", 0)):
        if action.get("Type") != "forward":
            continue
        groups = (action.get("ForwardConfig") or {}).get("TargetGroups")
        if groups:
            return sorted(g["TargetGroupArn"] for g in groups if g.get("Weight", 1) > 0)
        return [action["TargetGroupArn"]] if action.get("TargetGroupArn") else []
    return []


def _target_groups() -> list[dict]:
    groups: list[dict] = []
    for page in _client().get_paginator("describe_target_groups").paginate():
        groups += page.get("TargetGroups", [])
    return groups


def _names(arns: list[str]) -> list[str]:
    # A target group ARN ends in targetgroup/<name>/<id>.
    return sorted(arn.split("/")[-2] if "/" in arn else arn for arn in arns)


def _load_balancer(lb: str) -> dict | CheckResult:
    balancers = []
    for page in _client().get_paginator("describe_load_balancers").paginate():
        balancers += page.get("LoadBalancers", [])
    by_name = {b["LoadBalancerName"]: b for b in balancers}
    if lb not in by_name:
        return failed("load_balancer", TEXT, "lb_missing", found=sorted(by_name), expected=lb, hint="lb_hint",
                      see=_SEE["parts"], lb=lb, there=sorted(by_name))
    return by_name[lb]


def _listener(name: str, lb: str, port: int) -> dict | CheckResult:
    found = _load_balancer(lb)
    if isinstance(found, CheckResult):
        return found
    listeners = _client().describe_listeners(LoadBalancerArn=found["LoadBalancerArn"])["Listeners"]
    for listener in listeners:
        if listener.get("Port") == port:
            return listener
    ports = sorted(listener.get("Port") for listener in listeners)
    return failed(name, TEXT, "listener_missing", found=ports, expected=port, hint="listener_hint",
                  see=_SEE["parts"], lb=lb, port=port, there=ports)
