"""The verdict for one request and the trace that explains it."""

from __future__ import annotations

from dataclasses import dataclass

from .conditions import ConditionResult
from .words import words

ALLOW = "Allow"
EXPLICIT_DENY = "ExplicitDeny"
IMPLICIT_DENY = "ImplicitDeny"
# AWS turns the request down by a fixed rule, before and whatever any policy says
# (e.g. AssumeRole called with root user credentials). No Allow can change it.
REFUSED = "Refused"


@dataclass(frozen=True)
class StatementTrace:
    """Which parts of one statement matched the request."""

    policy: str
    label: str                     # "Statement[1] (DenyLogs)"
    effect: str
    action: bool
    resource: bool | None          # None: the policy has no Resource (trust policy)
    principal: bool | None         # None: the policy type has no Principal
    principal_as: str | None       # how the Principal named the caller ("exact", "account"...)
    conditions: tuple[ConditionResult, ...]
    applies: bool
    note: str = ""
    action_element: str = "Action"       # or "NotAction": the element the statement has
    resource_element: str = "Resource"   # or "NotResource"

    def summary(self) -> str:
        """One line: ``Statement[0] Allow: Action ✓ Resource ✗ -> does not apply``.

        A NotAction (NotResource) statement is labelled by its own element, and says whether
        the request is listed: ``NotAction ✗ (listed)`` means the exclusion list names it.
        """
        parts = [_element(self.action_element, self.action)]
        if self.resource is not None:
            parts.append(_element(self.resource_element, self.resource))
        if self.principal is not None:
            how = words("principal_as", how=self.principal_as) if self.principal and self.principal_as else ""
            parts.append(f"Principal {_mark(self.principal)}{how}")
        if self.conditions:
            parts.append(f"Condition {_mark(all(c.matched for c in self.conditions))}")
        verdict = words("applies") if self.applies else words("does_not_apply")
        text = f"{self.label} {self.effect}: " + ", ".join(parts) + f" -> {verdict}"
        return text + (f" ({self.note})" if self.note else "")


@dataclass(frozen=True)
class PolicyTrace:
    name: str
    kind_label: str
    statements: tuple[StatementTrace, ...]
    in_effect: bool = True
    note: str = ""


@dataclass(frozen=True)
class Step:
    """One step of the documented evaluation order and what it found."""

    name: str
    result: str        # "pass", "deny", "allow", "skip"
    detail: str
    doc: str


@dataclass(frozen=True)
class Decision:
    """Outcome of evaluating one request.

    Attributes:
        outcome: ``"Allow"``, ``"ExplicitDeny"``, ``"ImplicitDeny"`` or ``"Refused"``
            (a fixed AWS rule turns the request down whatever the policies say).
        reason: one sentence saying what decided.
        decided_by: ``(policy name, statement label)`` of the deciding statement, or
            ``None`` when a rule (e.g. "no SCP allows it") decided.
        doc: the AWS documentation page of the deciding rule.
        steps: the evaluation steps in the documented order.
        policies: per-policy, per-statement match trace.
    """

    outcome: str
    reason: str
    decided_by: tuple[str, str] | None
    doc: str
    steps: tuple[Step, ...]
    policies: tuple[PolicyTrace, ...]

    @property
    def allowed(self) -> bool:
        return self.outcome == ALLOW

    def statement(self, policy: str, index: int) -> StatementTrace:
        """The trace of ``Statement[index]`` in the named policy."""
        for p in self.policies:
            if p.name == policy:
                return p.statements[index]
        raise KeyError(policy)

    def explain(self) -> str:
        """The trace as readable text: verdict, steps, then every statement."""
        lines = [f"{self.outcome}: {self.reason}"]
        if self.decided_by:
            lines.append(words("decided_by", policy=self.decided_by[0], label=self.decided_by[1]))
        lines.append(words("rule", doc=self.doc))
        lines.append("")
        lines.append(words("order"))
        for n, step in enumerate(self.steps, 1):
            lines.append(f"  {n}. {step.name}: {words('result_' + step.result)} - {step.detail}")
        for p in self.policies:
            lines.append("")
            head = f"{p.name} ({p.kind_label})"
            lines.append(head + ("" if p.in_effect else words("not_in_effect", note=p.note)))
            for s in p.statements:
                lines.append("  " + s.summary())
                for c in s.conditions:
                    got = words("absent") if c.request_value is None else repr(c.request_value)
                    lines.append(f"      {c.operator} {c.key} {list(c.policy_values)} "
                                 f"{words('versus')} {got}: {_mark(c.matched)} {c.note}")
        return "\n".join(lines)


def _mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def _element(name: str, ok: bool) -> str:
    """``Action ✓``; for a Not- element, also whether the request is in its list."""
    if name.startswith("Not"):
        return f"{name} {_mark(ok)} ({words('not_listed') if ok else words('listed')})"
    return f"{name} {_mark(ok)}"
