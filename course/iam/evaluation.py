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
                      f"a {caller.type} principal has no identity-based policies")
                for i, p in enumerate(identity_policies)]
    rbp = trace(resource_policy, "resource_policy", rkind) if resource_policy is not None else None
    boundary = (trace(permissions_boundary, "permissions_boundary", "boundary", not no_identity,
                      f"a {caller.type} principal has no permissions boundary")
                if has_boundary else None)
    session = (trace(session_policy, "session_policy", "session", caller.is_session,
                     "only role sessions and federated user sessions have session policies")
               if session_policy is not None else None)
    scp_levels = [_level(level, f"scps[{i}]", "scp", trace,
                         caller.type not in ("service", "anonymous"),
                         "SCPs limit principals of member accounts, not AWS services "
                         "or anonymous callers") for i, level in enumerate(scps)]
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
        steps.append(Step("Fixed AWS rule", "allow" if outcome == ALLOW else "deny", why, doc))
        return decide(outcome, why, doc)

    # 1. Explicit deny anywhere wins, but a bucket policy cannot lock out its owner's root user.
    owner_root = (caller.type == "root" and same_account and action.lower() in _ROOT_BUCKET_POLICY_ACTIONS
                  and resource.startswith("arn:aws:s3:::") and "/" not in resource)
    for t in everything:
        if owner_root and t is rbp and t.first("Deny"):
            steps.append(Step("Root user", "pass", "the bucket owner's root user can always get, put and "
                              "delete its bucket policy; the bucket policy's Deny does not apply",
                              DOC["bucketpolicy"]))
            continue
        deny = t.first("Deny")
        if deny:
            steps.append(Step("Explicit deny", "deny", f"{deny.policy} {deny.label} denies",
                              DOC["denyallow"]))
            return decide(EXPLICIT_DENY, f"an explicit Deny in the {t.policy.kind_label} "
                          "overrides every Allow", DOC["denyallow"], deny)
    steps.append(Step("Explicit deny", "pass", "no applicable Deny statement", DOC["denyallow"]))

    # 2. RCPs: AWS attaches RCPFullAWSAccess to the root, every OU and every account, and it
    # cannot be detached, so every level always has an Allow; only RCP Deny statements bite.
    steps.append(Step("RCPs", "pass" if rcp_levels else "skip",
                      "no RCP Deny applies; RCPFullAWSAccess (always attached, cannot be "
                      "detached) allows at every level" if rcp_levels else "none attached",
                      DOC["rcp"]))
    # 3. SCPs: every level from the root down must contain an applicable Allow.
    for levels, label, doc in ((scp_levels, "SCPs", "scp"),):
        if not levels or not all(t.in_effect for lvl in levels for t in lvl):
            detail = "none attached" if not levels else levels[0][0].note
            steps.append(Step(label, "skip", detail, DOC[doc]))
            continue
        for i, lvl in enumerate(levels):
            if not any(t.first("Allow") for t in lvl):
                name = lvl[0].policy.name.split("[")[0] + f"[{i}]"
                steps.append(Step(label, "deny", f"no Allow at level {name}", DOC[doc]))
                return decide(IMPLICIT_DENY, f"no {label[:-1]} at level {name} allows "
                              f"{action}; every level from the root down must allow it",
                              DOC[doc])
        steps.append(Step(label, "pass", f"every one of {len(levels)} level(s) allows",
                          DOC[doc]))

    # 4. Resource-based policy, then the identity side.
    rbp_allow = rbp.first("Allow") if rbp else None
    strict = rkind in ("trust", "key")
    kind_label = {"trust": "role trust policy", "key": "KMS key policy"}.get(
        rkind, "resource-based policy")
    rdoc = DOC["kms"] if rkind == "key" else DOC["trust"] if rkind == "trust" else DOC["denyallow"]

    if caller.type in ("service", "anonymous"):
        if rbp_allow:
            steps.append(Step("Resource-based policy", "allow",
                              f"{rbp_allow.label} allows the {caller.type}", rdoc))
            return decide(ALLOW, f"the {kind_label} allows this {caller.type} principal",
                          rdoc, rbp_allow)
        steps.append(Step("Resource-based policy", "deny", "no statement allows", rdoc))
        return decide(IMPLICIT_DENY, f"a {caller.type} principal has no identity-based "
                      f"policies, and no {kind_label} statement allows it", rdoc)

    if not same_account:
        if not rbp_allow:
            steps.append(Step("Resource-based policy", "deny",
                              "cross-account: no statement allows the principal", DOC["cross"]))
            return decide(IMPLICIT_DENY, f"cross-account access needs the trusting "
                          f"account's {kind_label} to allow the principal, and none does",
                          DOC["cross"])
        steps.append(Step("Resource-based policy", "pass",
                          f"{rbp_allow.label} allows the principal (as {rbp_allow.principal_as})",
                          DOC["cross"]))
        if caller.type == "root":
            steps.append(Step("Identity side", "allow", "the root user has full access "
                              "in its own account", DOC["denyallow"]))
            return decide(ALLOW, "both sides allow: the resource-based policy names the "
                          "caller and the root user needs no identity policy", DOC["cross"],
                          rbp_allow)
        return _identity_chain(caller, identity, boundary, session, steps, decide,
                               "cross-account access also needs the trusted account's "
                               "identity-based policies to allow it", DOC["cross"])

    if caller.type == "root" and rkind != "key":
        steps.append(Step("Root user", "allow", "the account root user has full access in "
                          "its own account", DOC["denyallow"]))
        return decide(ALLOW, "the root user needs no policy in its own account; it was not "
                      "stopped by an explicit deny, an SCP or RCP (member accounts), a KMS key "
                      "policy or a fixed AWS rule",
                      DOC["bucketpolicy"] if owner_root else DOC["denyallow"])

    if rbp_allow:
        how = rbp_allow.principal_as or "exact"
        if how in _DIRECT and caller.type != "role":
            steps.append(Step("Resource-based policy", "allow",
                              f"{rbp_allow.label} names the caller itself ({how})", rdoc))
            return decide(ALLOW, f"the {kind_label} grants access directly to {caller.arn}; "
                          "within one account an implicit deny in identity-based policies, "
                          "a permissions boundary or a session policy does not limit that",
                          rdoc, rbp_allow)
        if how in _DIRECT or how in ("role", "issuer"):
            named = "the role ARN" if how != "issuer" else "the IAM user who federated"
            steps.append(Step("Resource-based policy", "pass",
                              f"{rbp_allow.label} names {named}; the boundary and session "
                              "policy still limit it", DOC["denyallow"]))
            blocked = _limits(boundary, session, steps)
            if blocked:
                return decide(IMPLICIT_DENY, blocked[0], blocked[1])
            return decide(ALLOW, f"the {kind_label} allows {named}, and no permissions "
                          "boundary or session policy limits it", DOC["denyallow"], rbp_allow)
        steps.append(Step("Resource-based policy", "pass", f"{rbp_allow.label} names the "
                          "account, which delegates to its identity-based policies", rdoc))
        return _identity_chain(caller, identity, boundary, session, steps, decide,
                               f"the {kind_label} names only the account", rdoc)

    if strict:
        steps.append(Step("Resource-based policy", "deny", f"the {kind_label} does not "
                          "allow the principal", rdoc))
        why = ("IAM policies have no effect on a KMS key unless its key policy allows it"
               if rkind == "key" else "a role trust policy must allow the principal "
               "explicitly for sts:AssumeRole")
        return decide(IMPLICIT_DENY, why, rdoc)
    steps.append(Step("Resource-based policy", "skip", "none attached" if not rbp
                      else "no statement allows; the identity side may still allow",
                      DOC["denyallow"]))
    if caller.type == "root":  # KMS key without a key policy statement for root
        return decide(IMPLICIT_DENY, "the KMS key policy does not allow the root user",
                      DOC["kms"])
    return _identity_chain(caller, identity, boundary, session, steps, decide,
                           "", DOC["denyallow"])


def fixed_rule(caller_type: str, action: str) -> tuple[str, str, str] | None:
    """A fixed AWS rule that decides the request whatever the policies say, or None.

    >>> fixed_rule("root", "sts:AssumeRole")[0]
    'Refused'
    """
    act = action.lower()
    if act == "sts:assumerole" and caller_type in ("root", "anonymous"):
        who = "the root user's credentials" if caller_type == "root" else "no credentials"
        return (REFUSED, f"AWS refuses AssumeRole called with {who}: it must be called with the "
                "credentials of an IAM user or an IAM role, whatever the trust policy says",
                DOC["assumerole"])
    if act == "sts:getcalleridentity" and caller_type not in ("service", "anonymous"):
        return (ALLOW, "GetCallerIdentity needs no permission: even an explicit deny of "
                "sts:GetCallerIdentity does not stop it", DOC["callerid"])
    return None


def _level(level, name, kind, trace, in_effect=True, note=""):
    policies = level if isinstance(level, list) else [level]
    if len(policies) == 1:
        return [trace(policies[0], name, kind, in_effect, note)]
    return [trace(p, f"{name}[{j}]", kind, in_effect, note) for j, p in enumerate(policies)]


def _limits(boundary, session, steps) -> tuple[str, str] | None:
    if boundary and boundary.in_effect:
        if not boundary.first("Allow"):
            steps.append(Step("Permissions boundary", "deny", "no statement allows",
                              DOC["boundary"]))
            return ("the permissions boundary does not allow it (implicit deny)",
                    DOC["boundary"])
        steps.append(Step("Permissions boundary", "pass", "allows", DOC["boundary"]))
    if session and session.in_effect:
        if not session.first("Allow"):
            steps.append(Step("Session policy", "deny", "no statement allows", DOC["session"]))
            return "the session policy does not allow it (implicit deny)", DOC["session"]
        steps.append(Step("Session policy", "pass", "allows", DOC["session"]))
    return None


def _identity_chain(caller: Caller, identity, boundary, session, steps, decide, context_note,
                    doc) -> Decision:
    allow = next((a for t in identity if (a := t.first("Allow"))), None)
    if not allow:
        steps.append(Step("Identity-based policies", "deny", "no statement allows",
                          DOC["denyallow"]))
        why = "no identity-based policy allows it (implicit deny)"
        return decide(IMPLICIT_DENY, (context_note + "; " if context_note else "") + why, doc)
    steps.append(Step("Identity-based policies", "pass", f"{allow.policy} {allow.label} allows",
                      DOC["denyallow"]))
    blocked = _limits(boundary, session, steps)
    if blocked:
        return decide(IMPLICIT_DENY, blocked[0], blocked[1])
    if caller.type == "federated-session" and not (session and session.in_effect):
        steps.append(Step("Session policy", "deny", "a federated user session without a "
                          "session policy has no permissions", DOC["denyallow"]))
        return decide(IMPLICIT_DENY, "a federated user session needs a session policy that "
                      "allows the action", DOC["denyallow"])
    return decide(ALLOW, "an identity-based policy allows it and nothing limits it",
                  doc, allow)


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
            notes.append(f"policy variable {err.variable} has no value in the request "
                         "context and no default, so the statement does not apply")

    prin: bool | None = None
    how = None
    if st.principal is not None:
        how = principal_match(st.principal, caller)
        prin = how is not None
    elif st.not_principal is not None:
        if st.effect == "Deny" and has_boundary and policy.kind in _RESOURCE_KINDS:
            prin, how = True, "not-principal"
            notes.append("NotPrincipal with Deny always denies a principal that has a "
                         "permissions boundary")
        else:
            prin = not not_principal_excludes(st.not_principal, caller)
            how = "not-principal" if prin else None

    conds = tuple(evaluate_clause(c, context, policy.version) for c in st.conditions)
    applies = act and res is not False and prin is not False and all(c.matched for c in conds)
    return StatementTrace(policy.name, st.label, st.effect, act, res, prin, how, conds,
                          applies, "; ".join(notes),
                          action_element="Action" if st.actions is not None else "NotAction",
                          resource_element="Resource" if st.resources is not None else "NotResource")
