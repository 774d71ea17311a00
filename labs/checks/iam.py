"""Checks of IAM state in the sandbox, for lab tests.

Every check takes names, reads state through `labs.sandbox.check_client("iam")` (a client
the learner never touched) and returns a bilingual `CheckResult`. Policies are read back
through the IAM API and judged with the course's own evaluator (`course.iam.evaluate`),
which follows AWS's documented evaluation logic, so a policy is graded by what it allows,
not by how it is spelled::

    from labs.checks import iam as check
    from labs.checks.result import require
    require(check.managed_policy_decides("kit-reports-read", "s3:PutObject",
                                         "arn:aws:s3:::kit-iam-lab-data/reports/q1.csv", "deny"))
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from labs.checks.result import CheckResult, failed, passed, require

__all__ = [
    "require", "TEXT", "ACCOUNT_ID",
    "user_exists", "user_in_group", "managed_policy_attached",
    "managed_policy_decides", "inline_policy_decides", "role_trusts", "role_trusts_only", "role_decides", "role_policies_only",
    "instance_profile_has_role", "mfa_enabled", "credential_report_lists",
    "credential_report_value",
]

ACCOUNT_ID = "123456789012"  # the sandbox's account (labs.sandbox.ACCOUNT_ID)

_SEE = {
    "users": "04-accounts-and-iam.ipynb § IAM users for everyday work",
    "groups": "04-accounts-and-iam.ipynb § Groups",
    "managed": "04-accounts-and-iam.ipynb § AWS managed policies",
    "policies": "04-accounts-and-iam.ipynb § Identity-based and resource-based policies",
    "decide": "05-iam-policy-evaluation.ipynb § 5.1 One request, one decision",
    "roles": "04-accounts-and-iam.ipynb § Roles and trust",
    "mfa": "04-accounts-and-iam.ipynb § IAM best practices today",
    "report": "04-accounts-and-iam.ipynb § The credential report",
}

TEXT = {
    "en": {
        "user_ok": "IAM user {user!r} exists",
        "user_missing": "IAM user {user!r} not found (users there: {there})",
        "user_hint": "create the user with the exact name the task gives; IAM names are case-sensitive",
        "group_missing": "IAM group {group!r} not found (groups there: {there})",
        "group_hint": "create the group first, then add the users to it",
        "member_ok": "user {user!r} is in group {group!r}",
        "member_missing": "user {user!r} is not in group {group!r} (its members: {there})",
        "member_hint": "a user gets a group's policies only once it is added to the group",
        "policy_missing": "customer managed policy {policy!r} not found (policies there: {there})",
        "policy_hint": "create the policy with the name the task gives; the tests read it back by that name",
        "attached_ok": "policy {policy!r} is attached to {kind} {target!r}",
        "attached_missing": "policy {policy!r} is not attached to {kind} {target!r} (attached there: {there})",
        "attached_hint": "creating a managed policy does not attach it anywhere; attach it to the {kind} too",
        "target_missing": "{kind} {target!r} not found",
        "decide_ok_allow": "policy {policy!r}: {action} on {resource} is allowed, as required",
        "decide_ok_deny": "policy {policy!r}: {action} on {resource} is denied, as required",
        "decide_want_allow": "policy {policy!r}: {action} on {resource} is denied ({why}), expected allowed",
        "decide_want_deny": "policy {policy!r}: {action} on {resource} is allowed by {statement}, expected denied",
        "want_allow_hint": ("no statement matches this action on this resource: check the action's exact name "
                            "and whether it acts on the bucket itself or on the objects in it"),
        "want_deny_hint": ("least privilege: that statement matches more actions or resources than the task "
                           "needs; narrow its Action or its Resource so this request no longer matches"),
        "why_implicit": "no statement allows it",
        "why_explicit": "an explicit Deny",
        "why_malformed": "the policy is malformed: {error}",
        "inline_missing": "user {user!r} has no inline policy {policy!r} (inline policies there: {there})",
        "inline_hint": "an inline policy is written into the user itself, not created as a managed policy",
        "role_missing": "IAM role {role!r} not found (roles there: {there})",
        "role_hint": "create the role with a trust policy; a role without one cannot exist",
        "trust_ok_allow": "role {role!r}: its trust policy lets {principal} assume it",
        "trust_ok_deny": "role {role!r}: its trust policy does not let {principal} assume it, as required",
        "trust_want_allow": "role {role!r}: its trust policy does not let {principal} assume it (it names {there})",
        "trust_want_deny": "role {role!r}: its trust policy lets {principal} assume it, expected only the principals the task names",
        "trust_hint": ("a trust policy names who may call sts:AssumeRole on the role: for a program on an "
                       "instance that is the EC2 service principal"),
        "trust_deny_hint": "name only the principal the task gives in the trust policy's Principal",
        "trust_only_ok": "role {role!r}: its trust policy names only {want}",
        "trust_only_wrong": "role {role!r}: its trust policy also trusts {extra}, expected only {want}",
        "role_decide_ok_allow": "role {role!r}: {action} on {resource} is allowed, as required",
        "role_decide_ok_deny": "role {role!r}: {action} on {resource} is denied, as required",
        "role_decide_want_allow": "role {role!r}: {action} on {resource} is denied ({why}), expected allowed (policies: {there})",
        "role_decide_want_deny": "role {role!r}: {action} on {resource} is allowed by {statement}, expected denied",
        "role_allow_hint": ("a role's permissions come from the policies attached to it or written into it; "
                            "give it one that allows reading this object"),
        "role_policies_ok": "role {role!r} has only the policies {want}",
        "role_policies_extra": "role {role!r} also has the policies {extra}, expected only {want}",
        "role_policies_hint": "least privilege: give the role only the policy the task names, and remove the others",
        "profile_ok": "instance profile {profile!r} holds role {role!r}",
        "profile_missing": "instance profile {profile!r} not found (profiles there: {there})",
        "profile_hint": ("an instance gets a role through an instance profile: create the profile and add "
                         "the role to it"),
        "profile_wrong_role": "instance profile {profile!r} holds {there}, expected role {role!r}",
        "profile_role_hint": "an instance profile holds at most one role; add the role the task names",
        "mfa_ok": "user {user!r} has an MFA device enabled ({there})",
        "mfa_missing": "user {user!r} has no MFA device enabled",
        "mfa_hint": ("creating a virtual MFA device is not enough: enable it for the user with two "
                     "consecutive codes"),
        "mfa_not_virtual": "user {user!r}: MFA device {there} is not a virtual MFA device named {device!r}",
        "mfa_virtual_hint": "create the virtual MFA device with the name the task gives, then enable it",
        "report_missing": "no credential report has been generated ({there})",
        "report_hint": "generate the report first, then download it",
        "report_ok": "the credential report lists {users}",
        "report_users_missing": "the credential report does not list {missing} (it lists {there})",
        "report_users_hint": ("the report is a snapshot: generate it after creating the users (AWS makes a new one only "
                              "when the last is more than four hours old)"),
        "report_value_ok": "credential report: {user!r} has {column} = {want}",
        "report_value_wrong": "credential report: {user!r} has {column} = {there}, expected {want}",
        "report_value_hint": "the report shows the state when it was generated: finish the earlier task, then generate it",
    },
    "ko": {
        "user_ok": "IAM 사용자 {user!r}이(가) 있습니다",
        "user_missing": "IAM 사용자 {user!r}을(를) 찾을 수 없습니다 (있는 사용자: {there})",
        "user_hint": "과제에 적힌 이름 그대로 사용자를 만드세요. IAM 이름은 대소문자를 구분합니다",
        "group_missing": "IAM 그룹 {group!r}을(를) 찾을 수 없습니다 (있는 그룹: {there})",
        "group_hint": "먼저 그룹을 만든 다음 사용자를 그룹에 추가하세요",
        "member_ok": "사용자 {user!r}이(가) 그룹 {group!r}에 속해 있습니다",
        "member_missing": "사용자 {user!r}이(가) 그룹 {group!r}에 없습니다 (그룹 구성원: {there})",
        "member_hint": "사용자는 그룹에 추가되어야 그룹의 정책을 받습니다",
        "policy_missing": "고객 관리형 정책 {policy!r}을(를) 찾을 수 없습니다 (있는 정책: {there})",
        "policy_hint": "과제에 적힌 이름으로 정책을 만드세요. 테스트는 그 이름으로 정책을 읽습니다",
        "attached_ok": "정책 {policy!r}이(가) {kind} {target!r}에 연결되어 있습니다",
        "attached_missing": "정책 {policy!r}이(가) {kind} {target!r}에 연결되어 있지 않습니다 (연결된 정책: {there})",
        "attached_hint": "관리형 정책은 만들기만 해서는 어디에도 연결되지 않습니다. {kind}에도 연결하세요",
        "target_missing": "{kind} {target!r}을(를) 찾을 수 없습니다",
        "decide_ok_allow": "정책 {policy!r}: {resource}에 대한 {action}이(가) 요구대로 허용됩니다",
        "decide_ok_deny": "정책 {policy!r}: {resource}에 대한 {action}이(가) 요구대로 거부됩니다",
        "decide_want_allow": "정책 {policy!r}: {resource}에 대한 {action}이(가) 거부됩니다 ({why}). 허용되어야 합니다",
        "decide_want_deny": "정책 {policy!r}: {resource}에 대한 {action}을(를) {statement}이(가) 허용합니다. 거부되어야 합니다",
        "want_allow_hint": ("이 리소스에 대한 이 작업과 맞는 문(Statement)이 없습니다. 작업 이름이 정확한지, 그 작업이 "
                            "버킷 자체에 대한 것인지 버킷 안의 객체에 대한 것인지 확인하세요"),
        "want_deny_hint": ("최소 권한: 그 문은 과제에 필요한 것보다 많은 작업이나 리소스와 맞습니다. 이 요청과 더는 "
                           "맞지 않도록 Action이나 Resource를 좁히세요"),
        "why_implicit": "허용하는 문이 없음",
        "why_explicit": "명시적 Deny",
        "why_malformed": "정책 형식이 잘못되었습니다: {error}",
        "inline_missing": "사용자 {user!r}에게 인라인 정책 {policy!r}이(가) 없습니다 (있는 인라인 정책: {there})",
        "inline_hint": "인라인 정책은 관리형 정책으로 만드는 것이 아니라 사용자에 직접 넣는 정책입니다",
        "role_missing": "IAM 역할 {role!r}을(를) 찾을 수 없습니다 (있는 역할: {there})",
        "role_hint": "신뢰 정책과 함께 역할을 만드세요. 신뢰 정책 없는 역할은 만들 수 없습니다",
        "trust_ok_allow": "역할 {role!r}: 신뢰 정책이 {principal}의 역할 수임을 허용합니다",
        "trust_ok_deny": "역할 {role!r}: 신뢰 정책이 요구대로 {principal}의 역할 수임을 허용하지 않습니다",
        "trust_want_allow": "역할 {role!r}: 신뢰 정책이 {principal}의 역할 수임을 허용하지 않습니다 (지정된 보안 주체: {there})",
        "trust_want_deny": "역할 {role!r}: 신뢰 정책이 {principal}의 역할 수임을 허용합니다. 과제에 나온 보안 주체만 허용해야 합니다",
        "trust_hint": ("신뢰 정책은 이 역할에 sts:AssumeRole을 호출할 수 있는 주체를 지정합니다. 인스턴스에서 도는 "
                       "프로그램이라면 EC2 서비스 보안 주체입니다"),
        "trust_deny_hint": "신뢰 정책의 Principal에는 과제에 나온 보안 주체만 넣으세요",
        "trust_only_ok": "역할 {role!r}: 신뢰 정책에 지정된 보안 주체는 {want}뿐입니다",
        "trust_only_wrong": "역할 {role!r}: 신뢰 정책이 {extra}도 신뢰합니다. {want}만 신뢰해야 합니다",
        "role_decide_ok_allow": "역할 {role!r}: {resource}에 대한 {action}이(가) 요구대로 허용됩니다",
        "role_decide_ok_deny": "역할 {role!r}: {resource}에 대한 {action}이(가) 요구대로 거부됩니다",
        "role_decide_want_allow": "역할 {role!r}: {resource}에 대한 {action}이(가) 거부됩니다 ({why}). 허용되어야 합니다 (정책: {there})",
        "role_decide_want_deny": "역할 {role!r}: {resource}에 대한 {action}을(를) {statement}이(가) 허용합니다. 거부되어야 합니다",
        "role_allow_hint": ("역할의 권한은 역할에 연결되거나 역할에 직접 넣은 정책에서 옵니다. 이 객체를 읽을 수 있게 "
                            "하는 정책을 주세요"),
        "role_policies_ok": "역할 {role!r}에는 정책 {want}만 있습니다",
        "role_policies_extra": "역할 {role!r}에 정책 {extra}도 있습니다. {want}만 있어야 합니다",
        "role_policies_hint": "최소 권한: 역할에는 과제에 나온 정책만 주고 나머지는 제거하세요",
        "profile_ok": "인스턴스 프로파일 {profile!r}에 역할 {role!r}이(가) 있습니다",
        "profile_missing": "인스턴스 프로파일 {profile!r}을(를) 찾을 수 없습니다 (있는 프로파일: {there})",
        "profile_hint": ("인스턴스는 인스턴스 프로파일을 통해 역할을 받습니다. 프로파일을 만들고 역할을 추가하세요"),
        "profile_wrong_role": "인스턴스 프로파일 {profile!r}에 {there}이(가) 있습니다. 역할 {role!r}이(가) 있어야 합니다",
        "profile_role_hint": "인스턴스 프로파일에는 역할이 하나만 들어갑니다. 과제에 나온 역할을 추가하세요",
        "mfa_ok": "사용자 {user!r}에게 MFA 디바이스가 활성화되어 있습니다 ({there})",
        "mfa_missing": "사용자 {user!r}에게 활성화된 MFA 디바이스가 없습니다",
        "mfa_hint": ("가상 MFA 디바이스를 만들기만 해서는 안 됩니다. 연속된 코드 두 개로 사용자에게 "
                     "활성화하세요"),
        "mfa_not_virtual": "사용자 {user!r}: MFA 디바이스 {there}은(는) 이름이 {device!r}인 가상 MFA 디바이스가 아닙니다",
        "mfa_virtual_hint": "과제에 나온 이름으로 가상 MFA 디바이스를 만든 다음 활성화하세요",
        "report_missing": "생성된 자격 증명 보고서가 없습니다 ({there})",
        "report_hint": "먼저 보고서를 생성한 다음 내려받으세요",
        "report_ok": "자격 증명 보고서에 {users}이(가) 있습니다",
        "report_users_missing": "자격 증명 보고서에 {missing}이(가) 없습니다 (보고서의 사용자: {there})",
        "report_users_hint": ("보고서는 생성 시점의 상태입니다. 사용자를 만든 뒤에 생성하세요(AWS는 마지막 보고서가 "
                              "4시간이 지났을 때만 새로 만듭니다)"),
        "report_value_ok": "자격 증명 보고서: {user!r}의 {column} = {want}",
        "report_value_wrong": "자격 증명 보고서: {user!r}의 {column} = {there}, 기대값 {want}",
        "report_value_hint": "보고서는 생성 시점의 상태를 보여 줍니다. 앞 과제를 마친 뒤에 보고서를 생성하세요",
    },
}

_KIND_KO = {"group": "그룹", "role": "역할", "user": "사용자"}


def user_arn(user: str) -> str:
    """The sandbox ARN of IAM user ``user``."""
    return f"arn:aws:iam::{ACCOUNT_ID}:user/{user}"


def role_arn(role: str) -> str:
    """The sandbox ARN of IAM role ``role``."""
    return f"arn:aws:iam::{ACCOUNT_ID}:role/{role}"


def user_exists(user: str) -> CheckResult:
    """Check that IAM user ``user`` exists."""
    name = "user_exists"
    if _get(_iam().get_user, UserName=user) is None:
        return failed(name, TEXT, "user_missing", found=_names("users"), expected=user,
                      hint="user_hint", see=_SEE["users"], user=user, there=_names("users"))
    return passed(name, TEXT, "user_ok", found=user, expected=user, user=user)


def user_in_group(user: str, group: str) -> CheckResult:
    """Check that ``user`` is a member of ``group``."""
    name = "user_in_group"
    got = _get(_iam().get_group, GroupName=group)
    if got is None:
        return failed(name, TEXT, "group_missing", found=_names("groups"), expected=group,
                      hint="group_hint", see=_SEE["groups"], group=group, there=_names("groups"))
    members = sorted(u["UserName"] for u in got["Users"])
    if user not in members:
        return failed(name, TEXT, "member_missing", found=members, expected=user, hint="member_hint",
                      see=_SEE["groups"], user=user, group=group, there=members)
    return passed(name, TEXT, "member_ok", found=members, expected=user, user=user, group=group)


def managed_policy_attached(policy: str, *, group: str | None = None, role: str | None = None,
                            user: str | None = None) -> CheckResult:
    """Check that customer managed policy ``policy`` is attached to the group, role or user named."""
    name = "managed_policy_attached"
    kind, target = next((k, v) for k, v in (("group", group), ("role", role), ("user", user)) if v)
    iam = _iam()
    if _policy_arn(policy) is None:
        return _policy_missing(name, policy)
    lister = {"group": (iam.list_attached_group_policies, "GroupName"),
              "role": (iam.list_attached_role_policies, "RoleName"),
              "user": (iam.list_attached_user_policies, "UserName")}[kind]
    got = _get(lister[0], **{lister[1]: target})
    if got is None:
        return failed(name, TEXT, "target_missing", found=None, expected=target, hint="attached_hint",
                      see=_SEE["managed"], kind=kind, target=target)
    attached = sorted(p["PolicyName"] for p in got["AttachedPolicies"])
    if policy not in attached:
        return _bilingual_kind(failed(name, TEXT, "attached_missing", found=attached, expected=policy,
                                      hint="attached_hint", see=_SEE["managed"], policy=policy,
                                      kind=kind, target=target, there=attached), kind)
    return _bilingual_kind(passed(name, TEXT, "attached_ok", found=attached, expected=policy,
                                  policy=policy, kind=kind, target=target), kind)


def managed_policy_decides(policy: str, action: str, resource: str, expected: str, *,
                           principal: str | None = None, context: dict | None = None) -> CheckResult:
    """Check what customer managed policy ``policy`` alone decides for one request.

    Args:
        policy: the policy's name; its default version is read through the IAM API.
        action, resource: the request, e.g. ``"s3:GetObject"``, an object ARN.
        expected: ``"allow"`` or ``"deny"`` (denied explicitly or implicitly).
        principal: who asks (an IAM user ARN); defaults to a user of the sandbox account who has
            only this policy.
        context: request context keys (``aws:username`` etc.).
    """
    name = "managed_policy_decides"
    arn = _policy_arn(policy)
    if arn is None:
        return _policy_missing(name, policy)
    iam = _iam()
    meta = iam.get_policy(PolicyArn=arn)["Policy"]
    doc = iam.get_policy_version(PolicyArn=arn, VersionId=meta["DefaultVersionId"])["PolicyVersion"]["Document"]
    return _judge(name, "decide", {"policy": policy}, [doc], action, resource, expected,
                  principal or user_arn("kit-auditor"), context)


def inline_policy_decides(user: str, policy: str, action: str, resource: str, expected: str, *,
                          context: dict | None = None) -> CheckResult:
    """Check what user ``user``'s inline policy ``policy`` alone decides for one request.

    The request comes from ``user``, with ``aws:username`` and ``aws:PrincipalArn`` in its
    context as IAM sets them for an IAM user.
    """
    name = "inline_policy_decides"
    iam = _iam()
    if _get(iam.get_user, UserName=user) is None:
        return failed(name, TEXT, "user_missing", found=_names("users"), expected=user,
                      hint="user_hint", see=_SEE["users"], user=user, there=_names("users"))
    got = _get(iam.get_user_policy, UserName=user, PolicyName=policy)
    if got is None:
        found = sorted(iam.list_user_policies(UserName=user)["PolicyNames"])
        return failed(name, TEXT, "inline_missing", found=found, expected=policy, hint="inline_hint",
                      see=_SEE["policies"], user=user, policy=policy, there=found)
    ctx = {"aws:username": user, "aws:PrincipalArn": user_arn(user), **(context or {})}
    return _judge(name, "decide", {"policy": policy}, [got["PolicyDocument"]], action, resource,
                  expected, user_arn(user), ctx)


def role_trusts(role: str, principal: str, expected: str = "allow") -> CheckResult:
    """Check whether ``role``'s trust policy lets ``principal`` call sts:AssumeRole.

    ``principal`` is a service principal (``"ec2.amazonaws.com"``) or an IAM ARN; the trust
    policy is judged by the course's evaluator, as AWS does for AssumeRole.
    """
    from course.iam import PolicyError, evaluate

    name = "role_trusts"
    got = _get(_iam().get_role, RoleName=role)
    if got is None:
        return _role_missing(name, role)
    trust = got["Role"]["AssumeRolePolicyDocument"]
    named = _principals(trust)
    try:
        allowed = evaluate(principal, "sts:AssumeRole", role_arn(role), resource_policy=trust).allowed
    except PolicyError as err:
        allowed = False
        named = f"a malformed policy: {err}"
    want = expected == "allow"
    if allowed == want:
        return passed(name, TEXT, "trust_ok_allow" if want else "trust_ok_deny", found=named,
                      expected=principal, role=role, principal=principal)
    if want:
        return failed(name, TEXT, "trust_want_allow", found=named, expected=principal, hint="trust_hint",
                      see=_SEE["roles"], role=role, principal=principal, there=named)
    return failed(name, TEXT, "trust_want_deny", found=named, expected=f"not {principal}",
                  hint="trust_deny_hint", see=_SEE["roles"], role=role, principal=principal)


def role_trusts_only(role: str, principals: Iterable[str]) -> CheckResult:
    """Check that every Allow statement of ``role``'s trust policy names only ``principals``.

    `role_trusts` asks the evaluator about one caller; this catches the extra ones it cannot
    enumerate: a second service, an account (``arn:aws:iam::…:root`` delegates to every
    identity there with sts:AssumeRole), ``"*"`` or a ``NotPrincipal``.
    """
    name = "role_trusts_only"
    got = _get(_iam().get_role, RoleName=role)
    if got is None:
        return _role_missing(name, role)
    want = sorted(principals)
    statements = got["Role"]["AssumeRolePolicyDocument"].get("Statement", [])
    statements = [statements] if isinstance(statements, dict) else statements
    extra = []
    for st in statements:
        if st.get("Effect") != "Allow":
            continue
        if "NotPrincipal" in st:
            extra.append("NotPrincipal (everyone not listed)")
        extra += [p for p in _principals({"Statement": [st]}) if p not in want]
    if extra:
        return failed(name, TEXT, "trust_only_wrong", found=sorted(set(extra)), expected=want,
                      hint="trust_deny_hint", see=_SEE["roles"], role=role, extra=sorted(set(extra)),
                      want=want)
    return passed(name, TEXT, "trust_only_ok", found=want, expected=want, role=role, want=want)


def role_decides(role: str, action: str, resource: str, expected: str) -> CheckResult:
    """Check what ``role``'s permissions policies (attached managed and inline) decide together.

    The request comes from a session of the role, as software on an instance would send it.
    """
    name = "role_decides"
    iam = _iam()
    if _get(iam.get_role, RoleName=role) is None:
        return _role_missing(name, role)
    docs, names = [], []
    for p in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]:
        meta = iam.get_policy(PolicyArn=p["PolicyArn"])["Policy"]
        docs.append(iam.get_policy_version(PolicyArn=p["PolicyArn"],
                                           VersionId=meta["DefaultVersionId"])["PolicyVersion"]["Document"])
        names.append(p["PolicyName"])
    for inline in iam.list_role_policies(RoleName=role)["PolicyNames"]:
        docs.append(iam.get_role_policy(RoleName=role, PolicyName=inline)["PolicyDocument"])
        names.append(inline)
    session = f"arn:aws:sts::{ACCOUNT_ID}:assumed-role/{role}/i-instance"
    return _judge(name, "role_decide", {"role": role}, docs, action, resource, expected, session,
                  None, names)


def role_policies_only(role: str, policies: Iterable[str]) -> CheckResult:
    """Check that ``role`` has no permissions policy (attached or inline) besides ``policies``.

    Judges the role's setup apart from what those policies say, which other checks grade.
    """
    name = "role_policies_only"
    iam = _iam()
    if _get(iam.get_role, RoleName=role) is None:
        return _role_missing(name, role)
    want = sorted(policies)
    have = sorted([p["PolicyName"] for p in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]]
                  + iam.list_role_policies(RoleName=role)["PolicyNames"])
    extra = [p for p in have if p not in want]
    if extra:
        return failed(name, TEXT, "role_policies_extra", found=have, expected=want, hint="role_policies_hint",
                      see=_SEE["roles"], role=role, extra=extra, want=want)
    return passed(name, TEXT, "role_policies_ok", found=have, expected=want, role=role, want=want)


def instance_profile_has_role(profile: str, role: str) -> CheckResult:
    """Check that instance profile ``profile`` exists and holds ``role``."""
    name = "instance_profile_has_role"
    got = _get(_iam().get_instance_profile, InstanceProfileName=profile)
    if got is None:
        found = _names("instance_profiles")
        return failed(name, TEXT, "profile_missing", found=found, expected=profile, hint="profile_hint",
                      see=_SEE["roles"], profile=profile, there=found)
    roles = sorted(r["RoleName"] for r in got["InstanceProfile"]["Roles"])
    if role not in roles:
        return failed(name, TEXT, "profile_wrong_role", found=roles, expected=role,
                      hint="profile_role_hint", see=_SEE["roles"], profile=profile, role=role,
                      there=roles or "no role")
    return passed(name, TEXT, "profile_ok", found=roles, expected=role, profile=profile, role=role)


def mfa_enabled(user: str, device: str | None = None) -> CheckResult:
    """Check that ``user`` has an MFA device enabled; with ``device``, a virtual one of that name."""
    name = "mfa_enabled"
    iam = _iam()
    if _get(iam.get_user, UserName=user) is None:
        return failed(name, TEXT, "user_missing", found=_names("users"), expected=user,
                      hint="user_hint", see=_SEE["users"], user=user, there=_names("users"))
    serials = sorted(d["SerialNumber"] for d in iam.list_mfa_devices(UserName=user)["MFADevices"])
    if not serials:
        return failed(name, TEXT, "mfa_missing", found=[], expected=device or "an MFA device",
                      hint="mfa_hint", see=_SEE["mfa"], user=user)
    if device is not None:
        want = f"arn:aws:iam::{ACCOUNT_ID}:mfa/{device}"
        virtual = {d["SerialNumber"] for d in
                   iam.list_virtual_mfa_devices(AssignmentStatus="Assigned")["VirtualMFADevices"]}
        if want not in serials or want not in virtual:
            return failed(name, TEXT, "mfa_not_virtual", found=serials, expected=want,
                          hint="mfa_virtual_hint", see=_SEE["mfa"], user=user, device=device,
                          there=", ".join(serials))
    return passed(name, TEXT, "mfa_ok", found=serials, expected=device, user=user, there=", ".join(serials))


def credential_report_lists(users: Iterable[str]) -> CheckResult:
    """Check that a credential report has been generated and has a row for each of ``users``."""
    name = "credential_report_lists"
    want = sorted(users)
    rows = _report_rows()
    if isinstance(rows, str):
        return failed(name, TEXT, "report_missing", found=rows, expected=want, hint="report_hint",
                      see=_SEE["report"], there=rows)
    found = sorted(rows)
    missing = [u for u in want if u not in rows]
    if missing:
        return failed(name, TEXT, "report_users_missing", found=found, expected=want,
                      hint="report_users_hint", see=_SEE["report"], missing=missing, there=found)
    return passed(name, TEXT, "report_ok", found=found, expected=want, users=want)


def credential_report_value(user: str, column: str, expected: str) -> CheckResult:
    """Check one cell of the credential report, e.g. ``mfa_active`` of a user is ``"true"``."""
    name = "credential_report_value"
    rows = _report_rows()
    if isinstance(rows, str):
        return failed(name, TEXT, "report_missing", found=rows, expected=expected, hint="report_hint",
                      see=_SEE["report"], there=rows)
    if user not in rows:
        return failed(name, TEXT, "report_users_missing", found=sorted(rows), expected=user,
                      hint="report_users_hint", see=_SEE["report"], missing=[user], there=sorted(rows))
    found = rows[user].get(column)
    if found != expected:
        return failed(name, TEXT, "report_value_wrong", found=found, expected=expected,
                      hint="report_value_hint", see=_SEE["report"], user=user, column=column,
                      there=found, want=expected)
    return passed(name, TEXT, "report_value_ok", found=found, expected=expected, user=user,
                  column=column, want=expected)


# --- helpers -----------------------------------------------------------------


def _iam():
    from labs.sandbox import check_client

    return check_client("iam")


def _get(call, **kwargs):
    """The response, or None when IAM answers NoSuchEntity."""
    from botocore.exceptions import ClientError

    try:
        return call(**kwargs)
    except ClientError as err:
        if err.response.get("Error", {}).get("Code") in ("NoSuchEntity", "NoSuchEntityException"):
            return None
        raise


def _names(what: str) -> list[str]:
    iam = _iam()
    if what == "users":
        return sorted(u["UserName"] for u in iam.list_users()["Users"])
    if what == "groups":
        return sorted(g["GroupName"] for g in iam.list_groups()["Groups"])
    if what == "roles":
        return sorted(r["RoleName"] for r in iam.list_roles()["Roles"])
    if what == "instance_profiles":
        return sorted(p["InstanceProfileName"] for p in iam.list_instance_profiles()["InstanceProfiles"])
    return sorted(p["PolicyName"] for p in iam.list_policies(Scope="Local")["Policies"])


def _policy_arn(policy: str) -> str | None:
    for page in _iam().get_paginator("list_policies").paginate(Scope="Local"):
        for p in page["Policies"]:
            if p["PolicyName"] == policy:
                return p["Arn"]
    return None


def _policy_missing(name: str, policy: str) -> CheckResult:
    found = _names("policies")
    return failed(name, TEXT, "policy_missing", found=found, expected=policy, hint="policy_hint",
                  see=_SEE["managed"], policy=policy, there=found)


def _role_missing(name: str, role: str) -> CheckResult:
    found = _names("roles")
    return failed(name, TEXT, "role_missing", found=found, expected=role, hint="role_hint",
                  see=_SEE["roles"], role=role, there=found)


def _bilingual_kind(result: CheckResult, kind: str) -> CheckResult:
    """Swap the English kind word in the Korean text for its Korean name."""
    from dataclasses import replace

    return replace(result, message_ko=result.message_ko.replace(f" {kind} ", f" {_KIND_KO[kind]} "),
                   hint_ko=result.hint_ko.replace(f"{kind}에", f"{_KIND_KO[kind]}에"))


def _judge(name, prefix, who, docs, action, resource, expected, principal, context, names=None):
    """Evaluate the request against ``docs`` with the course evaluator and word the verdict."""
    from course.iam import EXPLICIT_DENY, PolicyError, evaluate

    want_allow = expected == "allow"
    values = {**who, "action": action, "resource": resource}
    see = _SEE["decide"]
    try:
        decision = evaluate(principal, action, resource, context=context, identity_policies=docs)
    except PolicyError as err:
        why = TEXT["en"]["why_malformed"].format(error=err)
        return _want_allow_failure(name, prefix, values, why, why, see, names)
    outcome = "allow" if decision.allowed else "deny"
    if outcome == expected:
        return passed(name, TEXT, f"{prefix}_ok_{outcome}", found=decision.outcome, expected=expected,
                      **values)
    if want_allow:
        why_key = "why_explicit" if decision.outcome == EXPLICIT_DENY else "why_implicit"
        return _want_allow_failure(name, prefix, values, TEXT["en"][why_key], TEXT["ko"][why_key], see,
                                   names, decision.outcome)
    statement = "a statement"
    if decision.decided_by:
        source, statement = decision.decided_by
        index = int(source.rsplit("[", 1)[1].rstrip("]")) if source.endswith("]") else None
        if names and index is not None and index < len(names):
            statement = f"{names[index]!r} {statement}"
    return failed(name, TEXT, f"{prefix}_want_deny", found=decision.outcome, expected="deny",
                  hint="want_deny_hint", see=see, statement=statement, **values)


def _want_allow_failure(name, prefix, values, why_en, why_ko, see, names, outcome="Malformed"):
    from dataclasses import replace

    hint = "role_allow_hint" if prefix == "role_decide" else "want_allow_hint"
    extra = {"there": names} if prefix == "role_decide" else {}
    result = failed(name, TEXT, f"{prefix}_want_allow", found=outcome, expected="allow", hint=hint,
                    see=see, why=why_en, **values, **extra)
    return replace(result, message_ko=result.message_ko.replace(f"({why_en})", f"({why_ko})"))


def _principals(trust: dict) -> list[str]:
    statements = trust.get("Statement", [])
    statements = [statements] if isinstance(statements, dict) else statements
    named = []
    for st in statements:
        principal = st.get("Principal", {})
        if isinstance(principal, str):
            named.append(principal)
            continue
        for values in principal.values():
            named += [values] if isinstance(values, str) else list(values)
    return sorted(named)


def _report_rows() -> dict[str, dict[str, str]] | str:
    """Rows of the latest credential report by user name, or the error code when there is none."""
    from botocore.exceptions import ClientError

    try:
        content = _iam().get_credential_report()["Content"]
    except ClientError as err:
        return err.response.get("Error", {}).get("Code", "Unknown")
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    return {row["user"]: row for row in csv.DictReader(io.StringIO(text))}
