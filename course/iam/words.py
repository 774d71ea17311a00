"""The words of the IAM evaluator's trace and reasons, in each language of the course.

Korean uses AWS's Korean console terms (명시적 거부, 암시적 거부, 자격 증명 기반 정책,
리소스 기반 정책, 권한 경계, 세션 정책, 서비스 제어 정책(SCP)). Policy element names
(Allow, Deny, Principal, NotAction ...) and API names stay as AWS writes them.
"""

from __future__ import annotations

from course import i18n

TEXT = {
    "en": {
        # policy kinds (Policy.kind_label)
        "kind_identity": "identity-based policy",
        "kind_resource": "resource-based policy",
        "kind_trust": "role trust policy",
        "kind_key": "KMS key policy",
        "kind_boundary": "permissions boundary",
        "kind_scp": "service control policy (SCP)",
        "kind_rcp": "resource control policy (RCP)",
        "kind_session": "session policy",
        # callers, as in "a {who} principal"
        "who_root": "root",
        "who_service": "service",
        "who_anonymous": "anonymous",
        # step names
        "step_fixed": "Fixed AWS rule",
        "step_root": "Root user",
        "step_deny": "Explicit deny",
        "step_rcps": "RCPs",
        "step_scps": "SCPs",
        "step_resource": "Resource-based policy",
        "step_identity_side": "Identity side",
        "step_boundary": "Permissions boundary",
        "step_session": "Session policy",
        "step_identity": "Identity-based policies",
        # notes on policies not in effect
        "no_identity_policies": "a {who} principal has no identity-based policies",
        "no_boundary": "a {who} principal has no permissions boundary",
        "no_session_policies": "only role sessions and federated user sessions have session policies",
        "scp_not_for": "SCPs limit principals of member accounts, not AWS services or anonymous callers",
        # step details and reasons
        "root_bucket_policy": ("the bucket owner's root user can always get, put and delete its bucket "
                               "policy; the bucket policy's Deny does not apply"),
        "denies": "{policy} {label} denies",
        "explicit_deny": "an explicit Deny in the {kind} overrides every Allow",
        "no_deny": "no applicable Deny statement",
        "rcps_pass": ("no RCP Deny applies; RCPFullAWSAccess (always attached, cannot be detached) "
                      "allows at every level"),
        "none_attached": "none attached",
        "no_allow_at_level": "no Allow at level {name}",
        "scp_level_denies": ("no SCP at level {name} allows {action}; every level from the root down "
                             "must allow it"),
        "every_level": "every one of {count} level(s) allows",
        "allows_caller": "{label} allows the {who}",
        "resource_allows_caller": "the {kind} allows this {who} principal",
        "no_statement_allows": "no statement allows",
        "no_identity_no_resource": ("a {who} principal has no identity-based policies, and no {kind} "
                                    "statement allows it"),
        "cross_no_statement": "cross-account: no statement allows the principal",
        "cross_needs_resource": ("cross-account access needs the trusting account's {kind} to allow the "
                                 "principal, and none does"),
        "allows_principal_as": "{label} allows the principal (as {how})",
        "root_full_own": "the root user has full access in its own account",
        "cross_root_allow": ("both sides allow: the resource-based policy names the caller and the root "
                             "user needs no identity policy"),
        "cross_needs_identity": ("cross-account access also needs the trusted account's identity-based "
                                 "policies to allow it"),
        "account_root_full": "the account root user has full access in its own account",
        "root_allow": ("the root user needs no policy in its own account; it was not stopped by an "
                       "explicit deny, an SCP or RCP (member accounts), a KMS key policy or a fixed "
                       "AWS rule"),
        "names_caller": "{label} names the caller itself ({how})",
        "direct_allow": ("the {kind} grants access directly to {arn}; within one account an implicit "
                         "deny in identity-based policies, a permissions boundary or a session policy "
                         "does not limit that"),
        "named_role": "the role ARN",
        "named_issuer": "the IAM user who federated",
        "names_still_limited": "{label} names {named}; the boundary and session policy still limit it",
        "named_allow": ("the {kind} allows {named}, and no permissions boundary or session policy "
                        "limits it"),
        "names_account": "{label} names the account, which delegates to its identity-based policies",
        "only_account": "the {kind} names only the account",
        "strict_not_allow": "the {kind} does not allow the principal",
        "key_needs_policy": "IAM policies have no effect on a KMS key unless its key policy allows it",
        "trust_needs_principal": "a role trust policy must allow the principal explicitly for sts:AssumeRole",
        "identity_may_allow": "no statement allows; the identity side may still allow",
        "key_not_root": "the KMS key policy does not allow the root user",
        "root_credentials": "the root user's credentials",
        "no_credentials": "no credentials",
        "assumerole_refused": ("AWS refuses AssumeRole called with {who}: it must be called with the "
                               "credentials of an IAM user or an IAM role, whatever the trust policy says"),
        "callerid_free": ("GetCallerIdentity needs no permission: even an explicit deny of "
                          "sts:GetCallerIdentity does not stop it"),
        "boundary_denies": "the permissions boundary does not allow it (implicit deny)",
        "allows": "allows",
        "session_denies": "the session policy does not allow it (implicit deny)",
        "identity_denies": "no identity-based policy allows it (implicit deny)",
        "statement_allows": "{policy} {label} allows",
        "federated_no_session": "a federated user session without a session policy has no permissions",
        "federated_needs_session": "a federated user session needs a session policy that allows the action",
        "identity_allow": "an identity-based policy allows it and nothing limits it",
        "unresolved_variable": ("policy variable {variable} has no value in the request context and no "
                                "default, so the statement does not apply"),
        "notprincipal_boundary": "NotPrincipal with Deny always denies a principal that has a permissions boundary",
        # Decision.explain and StatementTrace.summary
        "decided_by": "Decided by {policy} {label}",
        "rule": "Rule: {doc}",
        "order": "Evaluation order:",
        "not_in_effect": " - not in effect: {note}",
        "result_pass": "pass",
        "result_deny": "deny",
        "result_allow": "allow",
        "result_skip": "skip",
        "applies": "applies",
        "does_not_apply": "does not apply",
        "principal_as": " as {how}",
        "listed": "listed",
        "not_listed": "not listed",
        "absent": "absent",
        "versus": "vs",
        # condition notes
        "key_absent_or_present": "key is {state}",
        "present": "present",
        "forall_empty": "key absent: ForAllValues is true for an empty set",
        "forany_absent": "key absent: ForAnyValue has nothing to match",
        "ifexists_true": " (IfExists makes it true)",
        "ifexists_absent": "key absent: ...IfExists treats the condition as true",
        "negated_absent": "key absent: a negated operator is true",
        "key_absent": "key absent from the request context: no match",
        "no_values": "key has no values: {qualifier} is {ok}",
        "cond_unresolved": ("policy variable {variable} has no value in the request context and no "
                            "default: the statement does not apply"),
        "every_matches_none": "every request value matches none of the policy values",
        "every_matches_one": "every request value matches one of the policy values",
        "some_fails": "some request value fails",
        "one_satisfies": "at least one request value satisfies it",
        "none_satisfies": "no request value satisfies it",
        "nor_ok": "matches none of the values (NOR)",
        "nor_fails": "matches a listed value",
        "or_ok": "matches one of the values (OR)",
        "or_fails": "matches none of the values",
    },
    "ko": {
        "kind_identity": "자격 증명 기반 정책",
        "kind_resource": "리소스 기반 정책",
        "kind_trust": "역할 신뢰 정책",
        "kind_key": "KMS 키 정책",
        "kind_boundary": "권한 경계",
        "kind_scp": "서비스 제어 정책(SCP)",
        "kind_rcp": "리소스 제어 정책(RCP)",
        "kind_session": "세션 정책",
        "who_root": "루트 사용자",
        "who_service": "서비스",
        "who_anonymous": "익명",
        "step_fixed": "AWS 고정 규칙",
        "step_root": "루트 사용자",
        "step_deny": "명시적 거부",
        "step_rcps": "리소스 제어 정책(RCP)",
        "step_scps": "서비스 제어 정책(SCP)",
        "step_resource": "리소스 기반 정책",
        "step_identity_side": "자격 증명 쪽",
        "step_boundary": "권한 경계",
        "step_session": "세션 정책",
        "step_identity": "자격 증명 기반 정책",
        "no_identity_policies": "{who} 보안 주체(principal)에는 자격 증명 기반 정책이 없습니다",
        "no_boundary": "{who} 보안 주체(principal)에는 권한 경계가 없습니다",
        "no_session_policies": "세션 정책은 역할 세션과 페더레이션 사용자 세션에만 있습니다",
        "scp_not_for": "SCP는 멤버 계정의 보안 주체를 제한하며, AWS 서비스나 익명 호출자는 제한하지 않습니다",
        "root_bucket_policy": ("버킷 소유자의 루트 사용자는 언제나 버킷 정책을 조회, 설정, 삭제할 수 있으므로 "
                               "버킷 정책의 Deny가 적용되지 않습니다"),
        "denies": "{policy} {label}이(가) 거부합니다",
        "explicit_deny": "{kind}의 명시적 거부(Deny)는 모든 Allow보다 우선합니다",
        "no_deny": "적용되는 Deny 문이 없습니다",
        "rcps_pass": ("적용되는 RCP Deny가 없습니다. RCPFullAWSAccess(항상 연결되어 있고 분리할 수 없음)가 "
                      "모든 수준에서 허용합니다"),
        "none_attached": "연결된 정책 없음",
        "no_allow_at_level": "{name} 수준에 Allow가 없습니다",
        "scp_level_denies": ("{name} 수준의 SCP 중 {action}을(를) 허용하는 것이 없습니다. 루트부터 아래로 "
                             "모든 수준이 허용해야 합니다"),
        "every_level": "{count}개 수준이 모두 허용합니다",
        "allows_caller": "{label}이(가) {who}을(를) 허용합니다",
        "resource_allows_caller": "{kind}이(가) 이 {who} 보안 주체를 허용합니다",
        "no_statement_allows": "허용하는 문(statement)이 없습니다",
        "no_identity_no_resource": ("{who} 보안 주체에는 자격 증명 기반 정책이 없고, {kind}에도 이를 허용하는 "
                                    "문이 없습니다"),
        "cross_no_statement": "교차 계정: 보안 주체를 허용하는 문이 없습니다",
        "cross_needs_resource": ("교차 계정 액세스에는 신뢰하는 계정의 {kind}이(가) 보안 주체를 허용해야 하는데, "
                                 "허용하는 것이 없습니다"),
        "allows_principal_as": "{label}이(가) 보안 주체를 허용합니다 ({how}로 지정)",
        "root_full_own": "루트 사용자는 자기 계정에서 모든 권한을 가집니다",
        "cross_root_allow": ("양쪽 모두 허용합니다: 리소스 기반 정책이 호출자를 지정하고, 루트 사용자에게는 "
                             "자격 증명 정책이 필요 없습니다"),
        "cross_needs_identity": "교차 계정 액세스에는 신뢰받는 계정의 자격 증명 기반 정책도 허용해야 합니다",
        "account_root_full": "계정 루트 사용자는 자기 계정에서 모든 권한을 가집니다",
        "root_allow": ("루트 사용자는 자기 계정에서 정책이 필요 없습니다. 명시적 거부, SCP나 RCP(멤버 계정), "
                       "KMS 키 정책, AWS 고정 규칙 중 어느 것에도 막히지 않았습니다"),
        "names_caller": "{label}이(가) 호출자 자신을 지정합니다 ({how})",
        "direct_allow": ("{kind}이(가) {arn}에 직접 액세스를 부여합니다. 같은 계정 안에서는 자격 증명 기반 "
                         "정책의 암시적 거부, 권한 경계, 세션 정책이 이를 제한하지 않습니다"),
        "named_role": "역할 ARN",
        "named_issuer": "페더레이션한 IAM 사용자",
        "names_still_limited": "{label}이(가) {named}을(를) 지정합니다. 권한 경계와 세션 정책은 여전히 제한합니다",
        "named_allow": "{kind}이(가) {named}을(를) 허용하고, 이를 제한하는 권한 경계나 세션 정책이 없습니다",
        "names_account": "{label}이(가) 계정을 지정하며, 계정은 판단을 자격 증명 기반 정책에 맡깁니다",
        "only_account": "{kind}은(는) 계정만 지정합니다",
        "strict_not_allow": "{kind}이(가) 보안 주체를 허용하지 않습니다",
        "key_needs_policy": "KMS 키는 키 정책이 허용하지 않는 한 IAM 정책의 영향을 받지 않습니다",
        "trust_needs_principal": "sts:AssumeRole에는 역할 신뢰 정책이 보안 주체를 명시적으로 허용해야 합니다",
        "identity_may_allow": "허용하는 문이 없습니다. 자격 증명 쪽이 아직 허용할 수 있습니다",
        "key_not_root": "KMS 키 정책이 루트 사용자를 허용하지 않습니다",
        "root_credentials": "루트 사용자의 자격 증명으로",
        "no_credentials": "자격 증명 없이",
        "assumerole_refused": ("AWS는 {who} 호출한 AssumeRole을 거절합니다. 신뢰 정책이 무엇이라 하든 "
                               "IAM 사용자나 IAM 역할의 자격 증명으로 호출해야 합니다"),
        "callerid_free": ("GetCallerIdentity에는 권한이 필요 없습니다. sts:GetCallerIdentity를 명시적으로 "
                          "거부해도 막을 수 없습니다"),
        "boundary_denies": "권한 경계가 허용하지 않습니다 (암시적 거부)",
        "allows": "허용",
        "session_denies": "세션 정책이 허용하지 않습니다 (암시적 거부)",
        "identity_denies": "허용하는 자격 증명 기반 정책이 없습니다 (암시적 거부)",
        "statement_allows": "{policy} {label}이(가) 허용합니다",
        "federated_no_session": "세션 정책이 없는 페더레이션 사용자 세션에는 권한이 없습니다",
        "federated_needs_session": "페더레이션 사용자 세션에는 이 작업을 허용하는 세션 정책이 필요합니다",
        "identity_allow": "자격 증명 기반 정책이 허용하고, 이를 제한하는 것이 없습니다",
        "unresolved_variable": ("정책 변수 {variable}에 요청 컨텍스트의 값도 기본값도 없으므로 이 문은 "
                                "적용되지 않습니다"),
        "notprincipal_boundary": "Deny와 함께 쓴 NotPrincipal은 권한 경계가 있는 보안 주체를 언제나 거부합니다",
        "decided_by": "결정한 문: {policy} {label}",
        "rule": "규칙: {doc}",
        "order": "평가 순서:",
        "not_in_effect": " - 적용되지 않음: {note}",
        "result_pass": "통과",
        "result_deny": "거부",
        "result_allow": "허용",
        "result_skip": "건너뜀",
        "applies": "적용됨",
        "does_not_apply": "적용되지 않음",
        "principal_as": " ({how}로 지정)",
        "listed": "목록에 있음",
        "not_listed": "목록에 없음",
        "absent": "없음",
        "versus": "대 요청 값",
        "key_absent_or_present": "키가 {state}",
        "present": "있음",
        "forall_empty": "키 없음: 빈 집합에 대해 ForAllValues는 참입니다",
        "forany_absent": "키 없음: ForAnyValue가 비교할 값이 없습니다",
        "ifexists_true": " (IfExists 때문에 참)",
        "ifexists_absent": "키 없음: ...IfExists는 조건을 참으로 봅니다",
        "negated_absent": "키 없음: 부정 연산자는 참입니다",
        "key_absent": "요청 컨텍스트에 키가 없습니다: 일치하지 않음",
        "no_values": "키에 값이 없습니다: {qualifier}은(는) {ok}",
        "cond_unresolved": ("정책 변수 {variable}에 요청 컨텍스트의 값도 기본값도 없습니다: 이 문은 "
                            "적용되지 않습니다"),
        "every_matches_none": "모든 요청 값이 정책 값 중 어느 것과도 일치하지 않습니다",
        "every_matches_one": "모든 요청 값이 정책 값 중 하나와 일치합니다",
        "some_fails": "조건을 만족하지 않는 요청 값이 있습니다",
        "one_satisfies": "조건을 만족하는 요청 값이 하나 이상 있습니다",
        "none_satisfies": "조건을 만족하는 요청 값이 없습니다",
        "nor_ok": "어떤 값과도 일치하지 않습니다 (NOR)",
        "nor_fails": "목록의 값과 일치합니다",
        "or_ok": "값 중 하나와 일치합니다 (OR)",
        "or_fails": "어떤 값과도 일치하지 않습니다",
    },
}


def words(key: str, /, **values) -> str:
    """``TEXT[language][key]`` filled with ``values``, in the chapter's language."""
    return i18n.text(TEXT, key, **values)


def who(caller_type: str) -> str:
    """A caller type ("root", "service" ...) as the chapter's language says it."""
    key = f"who_{caller_type}"
    return words(key) if key in TEXT["en"] else caller_type
