"""Decide one request the way the IAM User Guide documents it.

Order (reference_policies_evaluation-logic_policy-eval-denyallow.html): an explicit deny in
any policy; then RCPs; then SCPs; then resource-based policies (whose effect depends on which
principal they name); then identity-based policies; then the permissions boundary; then the
session policy. Cross-account requests need both the trusting account's resource-based
policy and the trusted account's identity-based policies
(reference_policies_evaluation-logic-cross-account.html). Role trust policies and KMS key
policies must allow the principal explicitly, even within one account.

A few fixed rules come before any policy (STS API Reference): AssumeRole must be
called with the credentials of an IAM user or role, so the root user and anonymous
callers are refused; GetCallerIdentity needs no permission, so no policy denies it.
"""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import evaluate_clause
from .decision import (ALLOW, EXPLICIT_DENY, IMPLICIT_DENY, REFUSED, Decision, PolicyTrace, Step,
                       StatementTrace)
from .matching import (Caller, UnresolvedVariable, action_matches, not_principal_excludes,
                       parse_caller, principal_match, resource_matches)
from .policy import Policy, Statement, parse_policy
from .words import who, words

_UG = "https://docs.aws.amazon.com/IAM/latest/UserGuide/"
DOC = {
    "denyallow": _UG + "reference_policies_evaluation-logic_policy-eval-denyallow.html",
    "cross": _UG + "reference_policies_evaluation-logic-cross-account.html",
    "boundary": _UG + "access_policies_boundaries.html",
    "session": _UG + "access_policies.html#policies_session",
    "scp": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps.html",
    "rcp": "https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_rcps.html",
    "kms": "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html",
    "trust": _UG + "id_roles_compare-resource-policies.html",
    "notprincipal": _UG + "reference_policies_elements_notprincipal.html",
    "assumerole": "https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html",
    "callerid": "https://docs.aws.amazon.com/STS/latest/APIReference/API_GetCallerIdentity.html",
    "root": _UG + "root-user-tasks.html",
    "bucketpolicy": "https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteBucketPolicy.html",
}
# The bucket owner's root user can always read, replace or delete its bucket policy, so
# a policy that locks everyone out can be undone; only SCPs, RCPs and VPC endpoint
# policies stop it (DeleteBucketPolicy, S3 API Reference).
_ROOT_BUCKET_POLICY_ACTIONS = ("s3:getbucketpolicy", "s3:putbucketpolicy", "s3:deletebucketpolicy")
_RESOURCE_KINDS = ("resource", "trust", "key")
_DIRECT = ("exact", "everyone", "service", "not-principal")
_RANK = {"exact": 0, "everyone": 0, "service": 0, "not-principal": 0, "role": 1, "issuer": 1,
         "account": 2}


@dataclass
class _Traced:
    policy: Policy
    traces: tuple[StatementTrace, ...]
    in_effect: bool
    note: str = ""

    def first(self, effect: str) -> StatementTrace | None:
        if not self.in_effect:
            return None
        found = [t for t in self.traces if t.applies and t.effect == effect]
        if effect == "Allow" and found and self.policy.kind in _RESOURCE_KINDS:
            return min(found, key=lambda t: _RANK.get(t.principal_as or "exact", 0))
        return found[0] if found else None


def resource_policy_kind(action: str, resource: str) -> str:
    """``trust`` for sts:AssumeRole* on a role, ``key`` for a KMS key, else ``resource``."""
    if action.lower().startswith("sts:assumerole") and ":role/" in resource:
        return "trust"
    if resource.startswith("arn:aws:kms:") or resource.startswith("arn:aws-cn:kms:"):
        return "key"
    return "resource"


def evaluate(principal_arn: str, action: str, resource: str, *, context: dict | None = None,
             identity_policies=(), resource_policy=None, permissions_boundary=None,
             scps=(), rcps=(), session_policy=None, same_account: bool = True,
             session_issuer_arn: str | None = None) -> Decision:
    """Evaluate one request against every policy that applies to it.

    Args:
        principal_arn: who calls, e.g. ``arn:aws:iam::111122223333:user/alice``.
        action: ``service:Action``; resource: the ARN acted on.
        context: the complete request context; an absent key is absent.
        identity_policies, resource_policy, permissions_boundary, session_policy: policy
            JSON text or dicts (``None`` when there is none).
        scps: SCP levels of the caller's account, root first; each level is one policy or
            a list of policies. rcps: the same for the resource's account.
        same_account: whether principal and resource are in one account.
        session_issuer_arn: for a federated user session, the IAM user that called
            GetFederationToken (a role session derives its role from its ARN).

    Returns:
        A :class:`Decision`.

    Raises:
        PolicyError: a policy is malformed. ValueError: the principal ARN is not one.

    >>> evaluate("arn:aws:iam::111122223333:user/alice", "s3:GetObject",
    ...          "arn:aws:s3:::reports/2026/q1.csv", identity_policies=[{"Version":
    ...          "2012-10-17", "Statement": {"Effect": "Allow", "Action": "s3:GetObject",
    ...          "Resource": "arn:aws:s3:::reports/*"}}]).outcome
    'Allow'
    """
    context = dict(context or {})
    caller = parse_caller(principal_arn, session_issuer_arn)
    rkind = resource_policy_kind(action, resource)
    has_boundary = permissions_boundary is not None

    def trace(source, name, kind, in_effect=True, note="") -> _Traced:
        policy = source if isinstance(source, Policy) else parse_policy(source, name, kind)
        ts = tuple(_trace(policy, s, caller, action, resource, context, has_boundary)
                   for s in policy.statements)
        return _Traced(policy, ts, in_effect, note)

    no_identity = caller.type in ("root", "service", "anonymous")
    identity = [trace(p, f"identity_policies[{i}]", "identity", not no_identity,
                      words("no_identity_policies", who=who(caller.type)))
                for i, p in enumerate(identity_policies)]
    rbp = trace(resource_policy, "resource_policy", rkind) if resource_policy is not None else None
    boundary = (trace(permissions_boundary, "permissions_boundary", "boundary", not no_identity,
                      words("no_boundary", who=who(caller.type)))
                if has_boundary else None)
    session = (trace(session_policy, "session_policy", "session", caller.is_session,
                     words("no_session_policies"))
               if session_policy is not None else None)
    scp_levels = [_level(level, f"scps[{i}]", "scp", trace,
                         caller.type not in ("service", "anonymous"),
                         words("scp_not_for")) for i, level in enumerate(scps)]
    rcp_levels = [_level(level, f"rcps[{i}]", "rcp", trace) for i, level in enumerate(rcps)]

    everything = [t for lvl in rcp_levels for t in lvl] + [t for lvl in scp_levels for t in lvl]
    everything += ([rbp] if rbp else []) + identity + ([boundary] if boundary else [])
    everything += [session] if session else []
    traces = tuple(PolicyTrace(t.policy.name, t.policy.kind_label, t.traces, t.in_effect,
                               "" if t.in_effect else t.note) for t in everything)
    steps: list[Step] = []

    def decide(outcome, reason, doc, by: StatementTrace | None = None) -> Decision:
        return Decision(outcome, reason, (by.policy, by.label) if by else None, doc,
                        tuple(steps), traces)

    # 0. Fixed STS rules that no policy changes.
    fixed = fixed_rule(caller.type, action)
    if fixed:
        outcome, why, doc = fixed
        steps.append(Step(words("step_fixed"), "allow" if outcome == ALLOW else "deny", why, doc))
        return decide(outcome, why, doc)

    # 1. Explicit deny anywhere wins, but a bucket policy cannot lock out its owner's root user.
    owner_root = (caller.type == "root" and same_account and action.lower() in _ROOT_BUCKET_POLICY_ACTIONS
                  and resource.startswith("arn:aws:s3:::") and "/" not in resource)
    for t in everything:
        if owner_root and t is rbp and t.first("Deny"):
            steps.append(Step(words("step_root"), "pass", words("root_bucket_policy"), DOC["bucketpolicy"]))
            continue
        deny = t.first("Deny")
        if deny:
            steps.append(Step(words("step_deny"), "deny", words("denies", policy=deny.policy, label=deny.label),
                              DOC["denyallow"]))
            return decide(EXPLICIT_DENY, words("explicit_deny", kind=t.policy.kind_label),
                          DOC["denyallow"], deny)
    steps.append(Step(words("step_deny"), "pass", words("no_deny"), DOC["denyallow"]))

    # 2. RCPs: AWS attaches RCPFullAWSAccess to the root, every OU and every account, and it
    # cannot be detached, so every level always has an Allow; only RCP Deny statements bite.
    steps.append(Step(words("step_rcps"), "pass" if rcp_levels else "skip",
                      words("rcps_pass") if rcp_levels else words("none_attached"), DOC["rcp"]))
    # 3. SCPs: every level from the root down must contain an applicable Allow.
    for levels, label, doc in ((scp_levels, words("step_scps"), "scp"),):
        if not levels or not all(t.in_effect for lvl in levels for t in lvl):
            detail = words("none_attached") if not levels else levels[0][0].note
            steps.append(Step(label, "skip", detail, DOC[doc]))
            continue
        for i, lvl in enumerate(levels):
            if not any(t.first("Allow") for t in lvl):
                name = lvl[0].policy.name.split("[")[0] + f"[{i}]"
                steps.append(Step(label, "deny", words("no_allow_at_level", name=name), DOC[doc]))
                return decide(IMPLICIT_DENY, words("scp_level_denies", name=name, action=action),
                              DOC[doc])
        steps.append(Step(label, "pass", words("every_level", count=len(levels)), DOC[doc]))

    # 4. Resource-based policy, then the identity side.
    rbp_allow = rbp.first("Allow") if rbp else None
    strict = rkind in ("trust", "key")
    kind_label = words(f"kind_{rkind}")
    rdoc = DOC["kms"] if rkind == "key" else DOC["trust"] if rkind == "trust" else DOC["denyallow"]

    if caller.type in ("service", "anonymous"):
        if rbp_allow:
            steps.append(Step(words("step_resource"), "allow",
                              words("allows_caller", label=rbp_allow.label, who=who(caller.type)), rdoc))
            return decide(ALLOW, words("resource_allows_caller", kind=kind_label, who=who(caller.type)),
                          rdoc, rbp_allow)
        steps.append(Step(words("step_resource"), "deny", words("no_statement_allows"), rdoc))
        return decide(IMPLICIT_DENY, words("no_identity_no_resource", who=who(caller.type), kind=kind_label),
                      rdoc)

    if not same_account:
        if not rbp_allow:
            steps.append(Step(words("step_resource"), "deny", words("cross_no_statement"), DOC["cross"]))
            return decide(IMPLICIT_DENY, words("cross_needs_resource", kind=kind_label), DOC["cross"])
        steps.append(Step(words("step_resource"), "pass",
                          words("allows_principal_as", label=rbp_allow.label, how=rbp_allow.principal_as),
                          DOC["cross"]))
        if caller.type == "root":
            steps.append(Step(words("step_identity_side"), "allow", words("root_full_own"), DOC["denyallow"]))
            return decide(ALLOW, words("cross_root_allow"), DOC["cross"], rbp_allow)
        return _identity_chain(caller, identity, boundary, session, steps, decide,
                               words("cross_needs_identity"), DOC["cross"])

    if caller.type == "root" and rkind != "key":
        steps.append(Step(words("step_root"), "allow", words("account_root_full"), DOC["denyallow"]))
        return decide(ALLOW, words("root_allow"),
                      DOC["bucketpolicy"] if owner_root else DOC["denyallow"])

    if rbp_allow:
        how = rbp_allow.principal_as or "exact"
        if how in _DIRECT and caller.type != "role":
            steps.append(Step(words("step_resource"), "allow",
                              words("names_caller", label=rbp_allow.label, how=how), rdoc))
            return decide(ALLOW, words("direct_allow", kind=kind_label, arn=caller.arn), rdoc, rbp_allow)
        if how in _DIRECT or how in ("role", "issuer"):
            named = words("named_role") if how != "issuer" else words("named_issuer")
            steps.append(Step(words("step_resource"), "pass",
                              words("names_still_limited", label=rbp_allow.label, named=named), DOC["denyallow"]))
            blocked = _limits(boundary, session, steps)
            if blocked:
                return decide(IMPLICIT_DENY, blocked[0], blocked[1])
            return decide(ALLOW, words("named_allow", kind=kind_label, named=named), DOC["denyallow"],
                          rbp_allow)
        steps.append(Step(words("step_resource"), "pass", words("names_account", label=rbp_allow.label), rdoc))
        return _identity_chain(caller, identity, boundary, session, steps, decide,
                               words("only_account", kind=kind_label), rdoc)

    if strict:
        steps.append(Step(words("step_resource"), "deny", words("strict_not_allow", kind=kind_label), rdoc))
        why = words("key_needs_policy") if rkind == "key" else words("trust_needs_principal")
        return decide(IMPLICIT_DENY, why, rdoc)
    steps.append(Step(words("step_resource"), "skip", words("none_attached") if not rbp
                      else words("identity_may_allow"), DOC["denyallow"]))
    if caller.type == "root":  # KMS key without a key policy statement for root
        return decide(IMPLICIT_DENY, words("key_not_root"), DOC["kms"])
    return _identity_chain(caller, identity, boundary, session, steps, decide,
                           "", DOC["denyallow"])


def fixed_rule(caller_type: str, action: str) -> tuple[str, str, str] | None:
    """A fixed AWS rule that decides the request whatever the policies say, or None.

    >>> fixed_rule("root", "sts:AssumeRole")[0]
    'Refused'
    """
    act = action.lower()
    if act == "sts:assumerole" and caller_type in ("root", "anonymous"):
        creds = words("root_credentials") if caller_type == "root" else words("no_credentials")
        return (REFUSED, words("assumerole_refused", who=creds), DOC["assumerole"])
    if act == "sts:getcalleridentity" and caller_type not in ("service", "anonymous"):
        return (ALLOW, words("callerid_free"), DOC["callerid"])
    return None


def _level(level, name, kind, trace, in_effect=True, note=""):
    policies = level if isinstance(level, list) else [level]
    if len(policies) == 1:
        return [trace(policies[0], name, kind, in_effect, note)]
    return [trace(p, f"{name}[{j}]", kind, in_effect, note) for j, p in enumerate(policies)]


def _limits(boundary, session, steps) -> tuple[str, str] | None:
    if boundary and boundary.in_effect:
        if not boundary.first("Allow"):
            steps.append(Step(words("step_boundary"), "deny", words("no_statement_allows"), DOC["boundary"]))
            return words("boundary_denies"), DOC["boundary"]
        steps.append(Step(words("step_boundary"), "pass", words("allows"), DOC["boundary"]))
    if session and session.in_effect:
        if not session.first("Allow"):
            steps.append(Step(words("step_session"), "deny", words("no_statement_allows"), DOC["session"]))
            return words("session_denies"), DOC["session"]
        steps.append(Step(words("step_session"), "pass", words("allows"), DOC["session"]))
    return None


def _identity_chain(caller: Caller, identity, boundary, session, steps, decide, context_note,
                    doc) -> Decision:
    allow = next((a for t in identity if (a := t.first("Allow"))), None)
    if not allow:
        steps.append(Step(words("step_identity"), "deny", words("no_statement_allows"), DOC["denyallow"]))
        why = words("identity_denies")
        return decide(IMPLICIT_DENY, words("context_why", note=context_note, why=why) if context_note else why,
                      doc)
    steps.append(Step(words("step_identity"), "pass", words("statement_allows", policy=allow.policy, label=allow.label),
                      DOC["denyallow"]))
    blocked = _limits(boundary, session, steps)
    if blocked:
        return decide(IMPLICIT_DENY, blocked[0], blocked[1])
    if caller.type == "federated-session" and not (session and session.in_effect):
        steps.append(Step(words("step_session"), "deny", words("federated_no_session"), DOC["denyallow"]))
        return decide(IMPLICIT_DENY, words("federated_needs_session"), DOC["denyallow"])
    return decide(ALLOW, words("identity_allow"), doc, allow)


def _trace(policy: Policy, st: Statement, caller: Caller, action: str, resource: str,
           context: dict, has_boundary: bool) -> StatementTrace:
    notes = []
    if st.actions is not None:
        act = any(action_matches(p, action) for p in st.actions)
    else:
        act = not any(action_matches(p, action) for p in st.not_actions)

    res: bool | None = None
    if policy.kind != "trust":
        patterns = st.resources if st.resources is not None else st.not_resources
        try:
            hit = any(resource_matches(p, resource, context, policy.version) for p in patterns)
            res = hit if st.resources is not None else not hit
        except UnresolvedVariable as err:
            res = False
            notes.append(words("unresolved_variable", variable=err.variable))

    prin: bool | None = None
    how = None
    if st.principal is not None:
        how = principal_match(st.principal, caller)
        prin = how is not None
    elif st.not_principal is not None:
        if st.effect == "Deny" and has_boundary and policy.kind in _RESOURCE_KINDS:
            prin, how = True, "not-principal"
            notes.append(words("notprincipal_boundary"))
        else:
            prin = not not_principal_excludes(st.not_principal, caller)
            how = "not-principal" if prin else None

    conds = tuple(evaluate_clause(c, context, policy.version) for c in st.conditions)
    applies = act and res is not False and prin is not False and all(c.matched for c in conds)
    return StatementTrace(policy.name, st.label, st.effect, act, res, prin, how, conds,
                          applies, "; ".join(notes),
                          action_element="Action" if st.actions is not None else "NotAction",
                          resource_element="Resource" if st.resources is not None else "NotResource")
