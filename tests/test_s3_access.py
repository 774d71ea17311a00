"""S3 access decisions: bucket policy, the caller's policies and Block Public Access."""

import pytest

from course.iam import PolicyError
from course.s3_access import BlockPublicAccess, decide, policy_is_public, put_policy_refusal, who_can

OFF = BlockPublicAccess(False, False, False, False)
BUCKET = "arn:aws:s3:::site"
OBJECT = "arn:aws:s3:::site/index.html"


def policy(*statements):
    return {"Version": "2012-10-17", "Statement": list(statements)}


PUBLIC_READ = policy({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": f"{BUCKET}/*"})
BOB_READ = policy({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:user/bob"},
                   "Action": "s3:GetObject", "Resource": f"{BUCKET}/*"})
READ_ANY = policy({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"})


@pytest.mark.parametrize("doc, public", [
    (PUBLIC_READ, True),
    (policy({"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "s3:GetObject", "Resource": "*"}), True),
    (BOB_READ, False),
    (policy({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
             "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}}), False),
    (policy({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
             "Condition": {"StringLike": {"aws:SourceVpce": "vpce-*"}}}), True),
    (policy({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
             "Condition": {"IpAddress": {"aws:SourceIp": "0.0.0.0/0"}}}), True),
    (policy({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
             "Condition": {"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}}}), False),
    (policy({"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "*"}), False),
    (None, False),
])
def test_which_policies_are_public(doc, public):
    assert policy_is_public(doc) is public


def test_block_public_policy_refuses_to_save_a_public_policy_only():
    assert "BlockPublicPolicy is on" in put_policy_refusal(PUBLIC_READ, BlockPublicAccess())
    assert put_policy_refusal(BOB_READ, BlockPublicAccess()) is None
    assert put_policy_refusal(PUBLIC_READ, OFF) is None


def test_a_public_policy_lets_anyone_read_when_block_public_access_is_off():
    verdict = decide("anonymous", "s3:GetObject", OBJECT, bucket_policy=PUBLIC_READ, bpa=OFF)
    assert verdict.allowed and "anyone on the internet" in verdict.notes[0]


def test_restrict_public_buckets_keeps_outsiders_out_of_a_public_bucket():
    verdict = decide("anonymous", "s3:GetObject", OBJECT, bucket_policy=PUBLIC_READ,
                     bpa=BlockPublicAccess(False, False, False, True))
    assert not verdict.allowed and "RestrictPublicBuckets" in verdict.reason
    # The owner's own users are not outsiders.
    alice = decide("arn:aws:iam::111122223333:user/alice", "s3:GetObject", OBJECT, bucket_policy=PUBLIC_READ,
                   bpa=BlockPublicAccess(False, False, False, True))
    assert alice.allowed


def test_cross_account_needs_both_the_bucket_policy_and_the_callers_own_policy():
    only_bucket = decide("arn:aws:iam::444455556666:user/bob", "s3:GetObject", OBJECT, bucket_policy=BOB_READ)
    both = decide("arn:aws:iam::444455556666:user/bob", "s3:GetObject", OBJECT, bucket_policy=BOB_READ,
                  caller_policies=[READ_ANY])
    assert not only_bucket.allowed and "cross-account" in only_bucket.reason
    assert both.allowed


def test_in_the_same_account_a_user_policy_alone_is_enough():
    assert decide("arn:aws:iam::111122223333:user/alice", "s3:GetObject", OBJECT, caller_policies=[READ_ANY]).allowed
    assert not decide("arn:aws:iam::111122223333:user/alice", "s3:GetObject", OBJECT).allowed


def test_an_explicit_deny_in_the_bucket_policy_beats_the_users_allow_and_is_named():
    deny = policy({"Sid": "NoDrafts", "Effect": "Deny", "Principal": "*", "Action": "s3:GetObject",
                   "Resource": f"{BUCKET}/drafts/*"})
    verdict = decide("arn:aws:iam::111122223333:user/alice", "s3:GetObject", f"{BUCKET}/drafts/a.txt",
                     bucket_policy=deny, caller_policies=[READ_ANY])
    assert not verdict.allowed and "NoDrafts" in verdict.reason


def test_who_can_read_gives_one_verdict_per_caller():
    verdicts = who_can("s3:GetObject", OBJECT, bucket_policy=BOB_READ, alice_policies=[READ_ANY],
                       bob_policies=[READ_ANY])
    assert {k: v.allowed for k, v in verdicts.items()} == {
        "alice (same account)": True, "bob (another account)": True, "anyone (anonymous)": False}


def test_malformed_policies_are_refused_with_the_place():
    with pytest.raises(PolicyError):
        decide("anonymous", "s3:GetObject", OBJECT, bucket_policy={"Version": "2012-10-17",
                                                                   "Statement": [{"Effect": "Allowz"}]})
    with pytest.raises(PolicyError, match="bucket policy"):
        decide("anonymous", "s3:GetObject", OBJECT, bucket_policy='{"Version": ')


def test_the_view_shows_who_can_read_and_reacts_to_block_public_access():
    from course.widgets.s3_access import S3AccessView

    view = S3AccessView("Public website, Block Public Access off")
    assert "S3 saves this bucket policy." in view.status.value
    rows = view.result.value.split("<tr")[2:]
    # "*" in the bucket policy covers alice (same account) and anyone; bob's account must allow him too.
    assert ["✓ allowed" in r for r in rows] == [True, False, True]
    view.bpa[2].value = True  # BlockPublicPolicy
    assert "S3 refuses to save this bucket policy" in view.status.value
    assert "✓ allowed" not in view.result.value


def test_the_view_names_a_malformed_policy_instead_of_failing():
    from course.widgets.s3_access import S3AccessView

    view = S3AccessView("Cross-account reader")
    assert view.result.value.count("✓ allowed") == 2
    view.bob_policy.value = '{"Version": "2012-10-17", "Statement": '
    assert "⚠ policy" in view.status.value and "caller policy 1" in view.status.value
    assert view.result.value == ""


def test_the_view_degrades_to_a_table():
    from course.widgets.s3_access import show_s3_access

    bundle = show_s3_access("Deny on a prefix beats a user's allow")._repr_mimebundle_()
    assert "<table" in bundle["text/html"]


def test_the_chapter_figures_draw_with_their_labels():
    from course.figures.s3_access import access_path_figure, encryption_keys_figure

    def texts(fig):
        return {t.get_text() for ax in fig.axes for t in ax.texts}

    assert "Block Public Access\n(bucket and account)" in texts(access_path_figure())
    assert {"SSE-S3 (default)", "SSE-C", "client-side"} <= texts(encryption_keys_figure())


def _star(condition):
    return policy({"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "*",
                   "Condition": condition})


@pytest.mark.parametrize("condition, public", [
    # A negated operator matches every other endpoint, and requests with no endpoint at all.
    ({"StringNotEquals": {"aws:SourceVpce": "vpce-1a2b3c4d"}}, True),
    ({"NotIpAddress": {"aws:SourceIp": "203.0.113.0/24"}}, True),
    # ...IfExists matches requests that lack the key, such as any call from the internet.
    ({"StringEqualsIfExists": {"aws:SourceVpce": "vpce-1a2b3c4d"}}, True),
    ({"Null": {"aws:SourceVpce": "false"}}, True),
    ({"StringEquals": {"aws:SourceAccount": "111122223333"}}, False),
    ({"ArnEquals": {"aws:SourceArn": "arn:aws:cloudfront::111122223333:distribution/E1"}}, False),
    ({"StringEquals": {"s3:x-amz-server-side-encryption-aws-kms-key-id": "arn:aws:kms:us-east-1:1:key/k"}}, False),
    # A key AWS's list doesn't name pins nothing.
    ({"StringEquals": {"aws:UserAgent": "my-app"}}, True),
])
def test_only_positive_conditions_on_listed_keys_make_a_wildcard_principal_non_public(condition, public):
    assert policy_is_public(_star(condition)) is public


def test_restrict_public_buckets_blocks_even_an_account_the_public_policy_names():
    # AWS: with RestrictPublicBuckets, cross-account access through a public policy is blocked,
    # including the policy's non-public grants to specific accounts; AWS services and the
    # owner's account keep theirs.
    mixed = policy(PUBLIC_READ["Statement"][0], BOB_READ["Statement"][0])
    bob = "arn:aws:iam::444455556666:user/bob"
    restricted = decide(bob, "s3:GetObject", OBJECT, bucket_policy=mixed, caller_policies=[READ_ANY],
                        bpa=BlockPublicAccess(False, False, False, True))
    assert not restricted.allowed and "RestrictPublicBuckets" in restricted.reason
    # Without the public statement the same grant to bob works under the same setting.
    assert decide(bob, "s3:GetObject", OBJECT, bucket_policy=BOB_READ, caller_policies=[READ_ANY],
                  bpa=BlockPublicAccess(False, False, False, True)).allowed


def test_an_anonymous_caller_gets_nothing_from_a_policy_that_names_an_account():
    assert not decide("anonymous", "s3:GetObject", OBJECT, bucket_policy=BOB_READ, bpa=OFF).allowed
