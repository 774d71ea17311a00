"""IAM policy evaluator and explainer that follows AWS's documented evaluation logic.

>>> d = evaluate_case({"request": {"principal_arn": "arn:aws:iam::111122223333:user/alice",
...     "action": "s3:GetObject", "resource": "arn:aws:s3:::reports/2026/q1.csv"},
...     "identity_policies": [{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
...     "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}]}]})
>>> d.outcome
'Allow'
"""

from .case import CaseError, decode_context, evaluate_case, load_scenarios, scenario_title
from .decision import ALLOW, EXPLICIT_DENY, IMPLICIT_DENY, REFUSED, Decision
from .evaluation import evaluate
from .policy import PolicyError, parse_policy

__all__ = [
    "ALLOW", "EXPLICIT_DENY", "IMPLICIT_DENY", "REFUSED", "CaseError", "Decision", "PolicyError",
    "decode_context", "evaluate", "evaluate_case", "load_scenarios", "parse_policy", "scenario_title",
]
