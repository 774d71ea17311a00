"""S3 Lifecycle configuration rules: validate a configuration the way S3 does.

The checks follow "Transitioning objects using Amazon S3 Lifecycle":
https://docs.aws.amazon.com/AmazonS3/latest/userguide/lifecycle-transition-general-considerations.html
moto accepts any configuration; `course.s3_lifecycle` simulates what a valid one does.
"""

from __future__ import annotations

from functools import cache

from course.storage_classes import load_data

# Supported lifecycle transitions (the "waterfall"), from the page above. Out of
# REDUCED_REDUNDANCY the data file holds the moves, marked unverified: only a 2023
# copy of the page could be read.
ALLOWED = {
    "STANDARD": {"STANDARD_IA", "INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"},
    "REDUCED_REDUNDANCY": set(load_data()["lifecycle"]["rrs_transition_targets"]["value"]),
    "STANDARD_IA": {"INTELLIGENT_TIERING", "ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"},
    "INTELLIGENT_TIERING": {"ONEZONE_IA", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"},
    "ONEZONE_IA": {"GLACIER", "DEEP_ARCHIVE"},
    "GLACIER_IR": {"GLACIER", "DEEP_ARCHIVE"},
    "GLACIER": {"DEEP_ARCHIVE"},
    "DEEP_ARCHIVE": set(),
    "EXPRESS_ONEZONE": set(),
}
TARGETS = ("STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE")
IA = ("STANDARD_IA", "ONEZONE_IA")


class LifecycleConfigError(ValueError):
    """A lifecycle configuration S3 (or boto3) would reject.

    ``code`` is S3's error code; ``aws_wording`` is True when ``message`` is the
    wording S3 or botocore is known to return, False when it is our paraphrase.
    """

    def __init__(self, code: str, message: str, *, rule_index: int | None = None,
                 rule_id: str = "", field: str = "", aws_wording: bool = False):
        where = f" (Rules[{rule_index}]{' ' + repr(rule_id) if rule_id else ''})" if rule_index is not None else ""
        super().__init__(f"{code}: {message}{where}")
        self.code, self.message, self.rule_index = code, message, rule_index
        self.rule_id, self.field, self.aws_wording = rule_id, field, aws_wording


@cache
def _config_shape():
    from botocore.session import get_session
    model = get_session().get_service_model("s3")
    return model.operation_model("PutBucketLifecycleConfiguration").input_shape.members["LifecycleConfiguration"]


def _days(action: dict, key: str, where: str, i: int, rid: str, *, positive: bool) -> int | None:
    value = action.get(key)
    if value is None:
        return None
    if positive and value <= 0:
        # Wording reproduced against AWS in scality/Arsenal#2648.
        raise LifecycleConfigError("InvalidArgument", f"'{key}' for {where} action must be a positive integer",
                                   rule_index=i, rule_id=rid, field=f"{where}.{key}", aws_wording=True)
    if value < 0:
        raise LifecycleConfigError("InvalidArgument", f"'{key}' in {where} action must be nonnegative",
                                   rule_index=i, rule_id=rid, field=f"{where}.{key}")
    return value


def _check_filter(rule: dict, i: int, rid: str) -> None:
    if "Filter" in rule and "Prefix" in rule:
        raise LifecycleConfigError("MalformedXML", "The XML you provided was not well-formed or did not "
                                   "validate against our published schema (use Filter or Prefix, not both)",
                                   rule_index=i, rule_id=rid, field="Filter", aws_wording=True)
    flt = rule.get("Filter", {})
    if len([k for k in flt if k != "And"]) + ("And" in flt) > 1:
        raise LifecycleConfigError("MalformedXML", "The XML you provided was not well-formed or did not "
                                   "validate against our published schema (combine Prefix, Tag and size "
                                   "conditions inside And)", rule_index=i, rule_id=rid, field="Filter",
                                   aws_wording=True)


def _check_transitions(items: list, key: str, where: str, i: int, rid: str) -> list[tuple[int, str]]:
    seen, out = set(), []
    for t in items:
        sc = t.get("StorageClass")
        if sc not in TARGETS:
            raise LifecycleConfigError("InvalidArgument", f"'StorageClass' in {where} action must be one of "
                                       f"{', '.join(TARGETS)}; got {sc!r}", rule_index=i, rule_id=rid,
                                       field=f"{where}.StorageClass")
        if sc in seen:
            raise LifecycleConfigError("InvalidArgument", f"'StorageClass' must be different for '{where}' "
                                       f"actions in same 'Rule'", rule_index=i, rule_id=rid,
                                       field=f"{where}.StorageClass")
        seen.add(sc)
        days = _days(t, key, where, i, rid, positive=False)
        if days is None and "Date" not in t:
            raise LifecycleConfigError("InvalidArgument", f"'{where}' action must specify '{key}' or 'Date'",
                                       rule_index=i, rule_id=rid, field=where)
        if days is not None and sc in IA and days < 30:
            # API_Transition: STANDARD_IA/ONEZONE_IA need objects at least 30 days old.
            raise LifecycleConfigError("InvalidArgument", f"'{key}' in {where} action must be greater than "
                                       f"or equal to 30 for storageClass '{sc}'", rule_index=i, rule_id=rid,
                                       field=f"{where}.{key}")
        if days is not None:
            out.append((days, sc))
    out.sort()
    prev_day, prev = None, "STANDARD"
    for day, sc in out:
        if sc not in ALLOWED[prev]:
            raise LifecycleConfigError("InvalidArgument", f"{where} to '{sc}' at {day} days cannot follow "
                                       f"'{prev}': lifecycle only moves objects down the waterfall "
                                       f"({prev} -> {', '.join(sorted(ALLOWED[prev])) or 'nothing'})",
                                       rule_index=i, rule_id=rid, field=f"{where}.StorageClass")
        if prev in IA and day - prev_day < 30:
            raise LifecycleConfigError("InvalidArgument", f"'{key}' in the {where} action for StorageClass "
                                       f"'{sc}' must be 30 days more than in the {where} action for "
                                       f"StorageClass '{prev}' (minimum 30-day storage charge)",
                                       rule_index=i, rule_id=rid, field=f"{where}.{key}")
        prev_day, prev = day, sc
    return out


def validate_lifecycle(config: dict) -> list[dict]:
    """Check a lifecycle configuration the way S3 would; return its rules.

    Raises:
        LifecycleConfigError: with S3's code, e.g. a STANDARD_IA transition at 10 days.

    >>> try:
    ...     validate_lifecycle({"Rules": [{"ID": "a", "Status": "Enabled", "Filter": {},
    ...         "Transitions": [{"Days": 10, "StorageClass": "STANDARD_IA"}]}]})
    ... except LifecycleConfigError as e:
    ...     print(e)
    InvalidArgument: 'Days' in Transition action must be greater than or equal to 30 for storageClass 'STANDARD_IA' (Rules[0] 'a')
    """
    from botocore.validate import ParamValidator
    report = ParamValidator().validate(config, _config_shape())
    if report.has_errors():
        raise LifecycleConfigError("ParamValidationError", report.generate_report(), aws_wording=True)
    rules, ids = config["Rules"], set()
    if len(rules) > 1000:
        raise LifecycleConfigError("InvalidRequest", "a lifecycle configuration can have up to 1,000 rules")
    for i, rule in enumerate(rules):
        rid = rule.get("ID", "")
        if len(rid) > 255:
            raise LifecycleConfigError("InvalidArgument", "ID length should not exceed allowed limit of 255",
                                       rule_index=i, rule_id=rid, field="ID")
        if rid and rid in ids:
            raise LifecycleConfigError("InvalidArgument", "Rule ID must be unique. Found same ID for more "
                                       "than one rule", rule_index=i, rule_id=rid, field="ID")
        ids.add(rid)
        if rule["Status"] not in ("Enabled", "Disabled"):
            raise LifecycleConfigError("MalformedXML", "The XML you provided was not well-formed or did not "
                                       "validate against our published schema (Status must be Enabled or "
                                       "Disabled)", rule_index=i, rule_id=rid, field="Status", aws_wording=True)
        _check_filter(rule, i, rid)
        actions = ("Expiration", "Transitions", "NoncurrentVersionTransitions",
                   "NoncurrentVersionExpiration", "AbortIncompleteMultipartUpload")
        if not any(rule.get(a) for a in actions):
            raise LifecycleConfigError("InvalidRequest", "At least one action needs to be specified in a rule",
                                       rule_index=i, rule_id=rid, field="Rule")
        moves = _check_transitions(rule.get("Transitions", []), "Days", "Transition", i, rid)
        _check_transitions(rule.get("NoncurrentVersionTransitions", []), "NoncurrentDays",
                           "NoncurrentVersionTransition", i, rid)
        exp = rule.get("Expiration", {})
        if len([k for k in ("Days", "Date", "ExpiredObjectDeleteMarker") if k in exp]) > 1:
            raise LifecycleConfigError("MalformedXML", "Expiration takes exactly one of Days, Date or "
                                       "ExpiredObjectDeleteMarker", rule_index=i, rule_id=rid, field="Expiration")
        exp_days = _days(exp, "Days", "Expiration", i, rid, positive=True)
        if exp_days is not None and moves and exp_days <= moves[-1][0]:
            # Wording S3 returned in aws/aws-sdk-ruby#178.
            raise LifecycleConfigError("InvalidArgument", "'Days' in the expiration action must be a non-zero "
                                       "positive integer greater than that in the transition action.",
                                       rule_index=i, rule_id=rid, field="Expiration.Days", aws_wording=True)
        _days(rule.get("NoncurrentVersionExpiration", {}), "NoncurrentDays", "NoncurrentVersionExpiration",
              i, rid, positive=True)
        abort = rule.get("AbortIncompleteMultipartUpload", {})
        _days(abort, "DaysAfterInitiation", "AbortIncompleteMultipartUpload", i, rid, positive=True)
        flt = rule.get("Filter", {})
        if abort and ("Tag" in flt or flt.get("And", {}).get("Tags")):
            raise LifecycleConfigError("InvalidRequest", "AbortIncompleteMultipartUpload cannot be specified "
                                       "with Tags", rule_index=i, rule_id=rid, field="Filter")
    return rules
