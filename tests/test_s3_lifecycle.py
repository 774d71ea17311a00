"""S3 Lifecycle: rules S3 rejects are rejected here, and valid rules move objects on the right day."""

import doctest

import boto3
import pytest
from moto import mock_aws

import course.s3_lifecycle as lc
from course.s3_lifecycle import LifecycleConfigError, simulate_lifecycle, validate_lifecycle
from course.storage_classes import GB_IN_KB, price

GIB = 1024 ** 3


def cfg(**rule):
    return {"Rules": [{"ID": "r", "Status": "Enabled", "Filter": {}, **rule}]}


BAD = [
    pytest.param(cfg(Transitions=[{"Days": 10, "StorageClass": "STANDARD_IA"}]), "InvalidArgument",
                 "greater than or equal to 30 for storageClass 'STANDARD_IA'", id="standard-ia-before-30-days"),
    pytest.param(cfg(Transitions=[{"Days": 29, "StorageClass": "ONEZONE_IA"}]), "InvalidArgument",
                 "storageClass 'ONEZONE_IA'", id="onezone-ia-before-30-days"),
    pytest.param(cfg(NoncurrentVersionTransitions=[{"NoncurrentDays": 7, "StorageClass": "STANDARD_IA"}]),
                 "InvalidArgument", "'NoncurrentDays' in NoncurrentVersionTransition", id="noncurrent-ia-before-30"),
    pytest.param(cfg(Transitions=[{"Days": -1, "StorageClass": "GLACIER"}]), "InvalidArgument",
                 "must be nonnegative", id="negative-days"),
    pytest.param(cfg(Expiration={"Days": 0}), "InvalidArgument",
                 "'Days' for Expiration action must be a positive integer", id="expiration-zero-days"),
    pytest.param(cfg(), "InvalidRequest", "At least one action needs to be specified", id="missing-action"),
    pytest.param(cfg(Transitions=[{"Days": 0, "StorageClass": "GLACIER"}, {"Days": 60, "StorageClass": "STANDARD_IA"}]),
                 "InvalidArgument", "cannot follow 'GLACIER'", id="waterfall-upwards"),
    pytest.param(cfg(Transitions=[{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 45, "StorageClass": "GLACIER"}]),
                 "InvalidArgument", "must be 30 days more", id="glacier-too-soon-after-ia"),
    pytest.param(cfg(Transitions=[{"Days": 90, "StorageClass": "GLACIER"}], Expiration={"Days": 60}),
                 "InvalidArgument", "greater than that in the transition action", id="expire-before-transition"),
    pytest.param(cfg(Transitions=[{"Days": 1, "StorageClass": "GLACIER"}, {"Days": 5, "StorageClass": "GLACIER"}]),
                 "InvalidArgument", "must be different", id="same-class-twice"),
    pytest.param(cfg(Transitions=[{"Days": 1, "StorageClass": "STANDARD"}]), "InvalidArgument",
                 "must be one of", id="transition-to-standard"),
    pytest.param({"Rules": [{"ID": "r", "Status": "On", "Filter": {}, "Expiration": {"Days": 1}}]}, "MalformedXML",
                 "Status must be Enabled or Disabled", id="bad-status"),
    pytest.param(cfg(Filter={"Prefix": "a/", "Tag": {"Key": "k", "Value": "v"}}, Expiration={"Days": 1}),
                 "MalformedXML", "inside And", id="prefix-and-tag-without-and"),
    pytest.param({"Rules": [{"ID": "r", "Status": "Enabled", "Transition": {"Days": 1}}]}, "ParamValidationError",
                 'Unknown parameter in Rules[0]: "Transition"', id="typo-transition-boto3-rejects"),
    pytest.param({"Rules": [{"ID": "x", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 1}}] * 2},
                 "InvalidArgument", "Rule ID must be unique", id="duplicate-id"),
    pytest.param(cfg(Filter={"Tag": {"Key": "k", "Value": "v"}}, AbortIncompleteMultipartUpload={"DaysAfterInitiation": 7}),
                 "InvalidRequest", "cannot be specified with Tags", id="abort-mpu-with-tag-filter"),
]


@pytest.mark.parametrize("config, code, message", BAD)
def test_invalid_rules_are_rejected_like_s3(config, code, message):
    with pytest.raises(LifecycleConfigError) as err:
        validate_lifecycle(config)
    assert err.value.code == code
    assert message in str(err.value)


def test_error_locates_the_rule_for_a_widget():
    config = {"Rules": [{"ID": "ok", "Status": "Enabled", "Filter": {}, "Expiration": {"Days": 5}},
                        {"ID": "bad", "Status": "Enabled", "Filter": {},
                         "Transitions": [{"Days": 3, "StorageClass": "STANDARD_IA"}]}]}
    with pytest.raises(LifecycleConfigError) as err:
        validate_lifecycle(config)
    assert (err.value.rule_index, err.value.rule_id, err.value.field) == (1, "bad", "Transition.Days")


@pytest.mark.parametrize("config", [
    pytest.param(cfg(Transitions=[{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 60, "StorageClass": "GLACIER"}],
                     Expiration={"Days": 365}), id="classic-ia-glacier-expire"),
    pytest.param(cfg(Transitions=[{"Days": 0, "StorageClass": "INTELLIGENT_TIERING"}]), id="it-on-day-0"),
    pytest.param(cfg(Transitions=[{"Days": 0, "StorageClass": "GLACIER"}, {"Days": 90, "StorageClass": "DEEP_ARCHIVE"}]),
                 id="glacier-then-deep-archive"),
    pytest.param(cfg(AbortIncompleteMultipartUpload={"DaysAfterInitiation": 7}), id="abort-mpu"),
])
def test_valid_rules_are_accepted(config):
    assert validate_lifecycle(config) == config["Rules"]


def test_moto_stores_what_we_validate(monkeypatch):
    """moto accepts the same shape (and, unlike S3, also accepts invalid rules)."""
    for k, v in {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
                 "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(k, v)
    good = cfg(Transitions=[{"Days": 30, "StorageClass": "STANDARD_IA"}])
    bad = cfg(Transitions=[{"Days": 10, "StorageClass": "STANDARD_IA"}])
    with mock_aws():
        s3 = boto3.client("s3")
        s3.create_bucket(Bucket="lifecycle-demo")
        s3.put_bucket_lifecycle_configuration(Bucket="lifecycle-demo", LifecycleConfiguration=good)
        assert s3.get_bucket_lifecycle_configuration(Bucket="lifecycle-demo")["Rules"][0]["Transitions"][0]["Days"] == 30
        s3.put_bucket_lifecycle_configuration(Bucket="lifecycle-demo", LifecycleConfiguration=bad)  # moto: no error
    with pytest.raises(LifecycleConfigError):
        validate_lifecycle(bad)


class TestTimeline:
    RULES = cfg(Transitions=[{"Days": 30, "StorageClass": "STANDARD_IA"}, {"Days": 90, "StorageClass": "GLACIER"}],
                Expiration={"Days": 365})

    def test_object_moves_on_the_right_days(self):
        t = simulate_lifecycle(self.RULES, [{"Key": "a", "Size": GIB}], days=400)
        assert t.segments("a") == [(0, 29, "STANDARD"), (30, 89, "STANDARD_IA"), (90, 364, "GLACIER"),
                                   (365, 399, "deleted")]
        assert [e.action for e in t.events] == ["upload", "transition", "transition", "deleted"]

    def test_daily_storage_cost_is_rate_over_30(self):
        t = simulate_lifecycle(self.RULES, [{"Key": "a", "Size": GIB}], days=10)
        assert t.daily_usd[1] == pytest.approx(price("STANDARD", "storage_gb_month").value / 30)
        assert t.total_usd == pytest.approx(sum(t.daily_usd)) == pytest.approx(t.cost_by_key["a"])

    def test_transition_costs_one_request(self):
        t = simulate_lifecycle(cfg(Transitions=[{"Days": 1, "StorageClass": "GLACIER"}]),
                               [{"Key": "a", "Size": GIB}], days=2)
        move = next(e for e in t.events if e.action == "transition")
        assert move.usd == pytest.approx(price("GLACIER", "transition_in_per_1000").value / 1000)

    def test_the_upload_put_is_charged_on_the_creation_day(self):
        # Day 0 holds the PUT that created the object, at the rate of the class it was written to.
        t = simulate_lifecycle(self.RULES, [{"Key": "a", "Size": GIB, "StorageClass": "STANDARD_IA"},
                                            {"Key": "b", "Size": GIB, "CreatedDay": 3}], days=10)
        ups = {e.key: e for e in t.events if e.action == "upload"}
        assert ups["a"].day == 0 and ups["a"].usd == pytest.approx(price("STANDARD_IA", "put_per_1000").value / 1000)
        assert ups["b"].day == 3 and ups["b"].usd == pytest.approx(price("STANDARD", "put_per_1000").value / 1000)
        day0 = (price("STANDARD_IA", "put_per_1000").value / 1000
                + price("STANDARD_IA", "storage_gb_month").value / 30)
        assert t.daily_usd[0] == pytest.approx(day0)

    def test_rrs_objects_move_only_where_the_2023_page_allowed(self):
        rules = cfg(Transitions=[{"Days": 1, "StorageClass": "GLACIER"}])
        t = simulate_lifecycle(rules, [{"Key": "old", "Size": GIB, "StorageClass": "REDUCED_REDUNDANCY"}], days=3)
        assert t.placements["old"][2] == "REDUCED_REDUNDANCY"
        deep = simulate_lifecycle(cfg(Transitions=[{"Days": 1, "StorageClass": "DEEP_ARCHIVE"}]),
                                  [{"Key": "old", "Size": GIB, "StorageClass": "REDUCED_REDUNDANCY"}], days=3)
        assert deep.placements["old"][2] == "DEEP_ARCHIVE"

    def test_leaving_glacier_early_bills_the_rest_of_90_days(self):
        rules = cfg(Transitions=[{"Days": 0, "StorageClass": "GLACIER"}, {"Days": 10, "StorageClass": "DEEP_ARCHIVE"}])
        t = simulate_lifecycle(rules, [{"Key": "a", "Size": GIB}], days=11)
        move = [e for e in t.events if e.to_class == "DEEP_ARCHIVE"][0]
        per_day = ((GB_IN_KB + 32) * price("GLACIER", "storage_gb_month").value
                   + 8 * price("STANDARD", "storage_gb_month").value) / GB_IN_KB / 30
        fee = price("DEEP_ARCHIVE", "transition_in_per_1000").value / 1000
        assert move.usd == pytest.approx(80 * per_day + fee)

    @pytest.mark.parametrize("setting, expected", [
        pytest.param("all_storage_classes_128K", "STANDARD", id="default-small-objects-stay"),
        pytest.param("varies_by_storage_class", "GLACIER", id="varies-lets-them-reach-glacier"),
    ])
    def test_objects_under_128kb_do_not_transition_by_default(self, setting, expected):
        t = simulate_lifecycle(cfg(Transitions=[{"Days": 1, "StorageClass": "GLACIER"}]),
                               [{"Key": "tiny", "Size": 1024}], days=3,
                               transition_default_minimum_object_size=setting)
        assert t.placements["tiny"][2] == expected

    def test_size_filter_overrides_the_128kb_default(self):
        rules = cfg(Filter={"ObjectSizeGreaterThan": 0}, Transitions=[{"Days": 1, "StorageClass": "GLACIER_IR"}])
        assert simulate_lifecycle(rules, [{"Key": "tiny", "Size": 1024}], days=3).placements["tiny"][2] == "GLACIER_IR"

    def test_filters_select_by_prefix_and_tag(self):
        rules = cfg(Filter={"And": {"Prefix": "logs/", "Tags": [{"Key": "tier", "Value": "cold"}]}},
                    Transitions=[{"Days": 1, "StorageClass": "GLACIER"}])
        objs = [{"Key": "logs/a", "Size": GIB, "Tags": {"tier": "cold"}}, {"Key": "logs/b", "Size": GIB},
                {"Key": "img/c", "Size": GIB, "Tags": {"tier": "cold"}}]
        t = simulate_lifecycle(rules, objs, days=2)
        assert {k: v[1] for k, v in t.placements.items()} == {"logs/a": "GLACIER", "logs/b": "STANDARD",
                                                               "img/c": "STANDARD"}

    def test_expiration_in_versioned_bucket_leaves_a_noncurrent_version(self):
        rules = cfg(Expiration={"Days": 5}, NoncurrentVersionExpiration={"NoncurrentDays": 10})
        t = simulate_lifecycle(rules, [{"Key": "a", "Size": GIB}], days=20, versioning="Enabled")
        assert t.noncurrent_from["a"] == 5
        assert t.segments("a") == [(0, 14, "STANDARD"), (15, 19, "deleted")]

    def test_incomplete_multipart_upload_is_aborted(self):
        rules = cfg(AbortIncompleteMultipartUpload={"DaysAfterInitiation": 7})
        t = simulate_lifecycle(rules, [{"Key": "big.iso", "Size": GIB, "MultipartUpload": True}], days=10)
        assert t.placements["big.iso"][6:8] == ("STANDARD", "aborted")

    def test_disabled_rules_do_nothing(self):
        rules = {"Rules": [{"ID": "r", "Status": "Disabled", "Filter": {}, "Expiration": {"Days": 1}}]}
        assert set(simulate_lifecycle(rules, [{"Key": "a", "Size": 1}], days=5).placements["a"]) == {"STANDARD"}

    def test_unverified_prices_are_flagged(self):
        t = simulate_lifecycle(self.RULES, [{"Key": "a", "Size": GIB}], days=5)
        assert t.verified is False

    @pytest.mark.parametrize("rules, obj, summaries", [
        pytest.param(RULES, {"Key": "a", "Size": GIB},
                     ["uploaded into STANDARD (one PUT request)",
                      "transition STANDARD → STANDARD_IA", "transition STANDARD_IA → GLACIER",
                      "expired (deleted) from GLACIER"], id="waterfall-then-expire"),
        pytest.param(cfg(AbortIncompleteMultipartUpload={"DaysAfterInitiation": 7}),
                     {"Key": "big.iso", "Size": GIB, "MultipartUpload": True},
                     ["incomplete multipart upload aborted in STANDARD"], id="abort-multipart"),
    ])
    def test_events_read_as_words(self, rules, obj, summaries):
        t = simulate_lifecycle(rules, [obj], days=400)
        assert [e.summary for e in t.events] == summaries
        assert all(e.to_class != "-" for e in t.events)

    @pytest.mark.parametrize("kwargs, message", [
        pytest.param({"days": 0}, "days must be", id="zero-days"),
        pytest.param({"objects": [{"Key": "a", "Size": -1}]}, "Size must be >= 0", id="negative-size"),
        pytest.param({"objects": [{"Key": "a", "Size": 1}, {"Key": "a", "Size": 2}]}, "unique", id="duplicate-key"),
    ])
    def test_bad_simulation_input(self, kwargs, message):
        args = {"rules": self.RULES, "objects": [{"Key": "a", "Size": 1}], "days": 5, **kwargs}
        with pytest.raises(ValueError, match=message):
            simulate_lifecycle(**args)


def test_docstring_examples():
    assert doctest.testmod(lc).failed == 0
