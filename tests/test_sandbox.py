"""The lab sandbox: one line starts moto for the notebook; nothing leaves the machine.

In-process tests run the real sandbox (it installs the guard in this process) inside
`sandbox_in_process()`, which puts the environment, the sockets and botocore back
afterwards. Network guarantees with the sandbox running are proven in a fresh process.
"""

from __future__ import annotations

import contextlib
import json
import os

import pytest

from labs import guard, sandbox
from tests.test_guard import BOTO3_CALL, PLAIN_NETWORK, non_loopback, run_guarded

START = "from labs.sandbox import start\naws = start()\n"


@contextlib.contextmanager
def sandbox_in_process():
    """Run the sandbox in this process, then undo every global change it made.

    The environment is put back whole: install() and start() add variables
    (fake keys, the dead proxy, the sandbox's URL) that were not there before.
    """
    saved = dict(os.environ)
    was_installed = guard.is_installed()
    try:
        yield sandbox.start()
    finally:
        sandbox.stop()
        if not was_installed:
            guard.uninstall()
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture
def aws():
    with sandbox_in_process() as running:
        yield running


class TestStart:
    def test_returns_ready_clients_in_seoul(self, aws):
        assert aws.region == "ap-northeast-2"
        assert aws.s3.meta.region_name == "ap-northeast-2"
        assert aws.sts.get_caller_identity()["Account"] == "123456789012"
        assert aws.iam.list_users()["Users"] == []
        assert aws.ec2.meta.service_model.service_name == "ec2"

    def test_second_start_returns_the_same_sandbox(self, aws):
        assert sandbox.start() is aws
        assert sandbox.is_running() and aws.is_running()

    def test_second_start_in_another_region_is_refused(self, aws):
        with pytest.raises(sandbox.SandboxError, match="already running in ap-northeast-2"):
            sandbox.start(region="us-east-1")

    def test_clients_are_made_once(self, aws):
        assert aws.s3 is aws.s3
        assert aws.client("s3") is aws.s3

    def test_client_for_another_service(self, aws):
        sqs = aws.client("sqs")
        url = sqs.create_queue(QueueName="jobs")["QueueUrl"]
        assert url.endswith("/123456789012/jobs")

    def test_start_greets_in_two_short_lines(self, capsys):
        with sandbox_in_process():
            lines = capsys.readouterr().out.splitlines()
        assert len(lines) == 2 and max(map(len, lines)) <= 80, lines
        for words in ("ap-northeast-2", "123456789012", "Nothing leaves this machine"):
            assert any(words in line for line in lines)


class TestResetAndFreshClients:
    def test_reset_empties_the_sandbox_and_clients_keep_working(self, aws):
        aws.s3.create_bucket(Bucket="before-reset",
                             CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"})
        sandbox.reset()
        assert aws.s3.list_buckets()["Buckets"] == []
        assert sandbox.fresh_client("s3").list_buckets()["Buckets"] == []

    def test_fresh_client_is_new_and_sees_the_same_state(self, aws):
        aws.s3.create_bucket(Bucket="shared-state",
                             CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"})
        first, second = sandbox.fresh_client("s3"), sandbox.fresh_client("s3")
        assert first is not second and first is not aws.s3
        assert [b["Name"] for b in first.list_buckets()["Buckets"]] == ["shared-state"]
        assert first.meta.region_name == "ap-northeast-2"

    def test_fresh_client_in_another_region(self, aws):
        assert sandbox.fresh_client("s3", region="us-east-1").meta.region_name == "us-east-1"


class TestStopped:
    def test_after_stop_everything_says_what_to_run(self):
        with sandbox_in_process() as running:
            running.stop()
            assert not sandbox.is_running()
            with pytest.raises(sandbox.SandboxError, match="start"):
                sandbox.fresh_client("s3")
            with pytest.raises(sandbox.SandboxError, match="stopped"):
                running.client("s3")
            with pytest.raises(sandbox.SandboxError) as err:
                sandbox.reset()
        assert guard.SETUP_LINE in str(err.value)


class TestNothingLeavesWithSandboxRunning:
    """With the sandbox up, what moto does not answer still never reaches the network."""

    def test_custom_endpoint_is_refused(self, tmp_path):
        result, attempts, _ = run_guarded('''
            import json, boto3
            try:
                boto3.client("s3", endpoint_url="https://storage.example.com").list_buckets()
                print("RESULT=" + json.dumps("sent"))
            except Exception as err:
                print("RESULT=" + json.dumps([type(err).__name__, str(err)]))
        ''', home=tmp_path, prelude=START)
        assert result[0] == "SandboxError"
        assert "storage.example.com" in result[1] and "does not answer" in result[1]
        assert non_loopback(attempts) == [], attempts

    def test_service_moto_does_not_mock_gets_an_error_from_the_sandbox_not_the_internet(self, tmp_path):
        result, attempts, _ = run_guarded(BOTO3_CALL.format(
            service="pricing", operation="describe_services"), home=tmp_path, prelude=START)
        assert result["error"] == "ClientError", result  # the sandbox server's answer
        assert result["sends"] == [], "a request to somewhere other than the sandbox was tried"
        assert non_loopback(attempts) == [], attempts

    def test_plain_network_stays_blocked(self, tmp_path):
        result, attempts, _ = run_guarded(PLAIN_NETWORK, home=tmp_path, prelude=START)
        assert all("Blocked a network connection" in o for o in result.values()), result
        assert non_loopback(attempts) == [], attempts

    def test_mocked_calls_work_behind_the_guard(self, tmp_path):
        result, attempts, _ = run_guarded('''
            import json
            aws.s3.create_bucket(Bucket="inside", CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"})
            print("RESULT=" + json.dumps([b["Name"] for b in aws.s3.list_buckets()["Buckets"]]))
        ''', home=tmp_path, prelude=START)
        assert result == ["inside"]
        assert non_loopback(attempts) == [], attempts


def test_in_process_sandbox_leaves_the_process_as_it_found_it(monkeypatch):
    import socket

    monkeypatch.setenv("AWS_PROFILE", "someone-real")
    env_before = dict(os.environ)
    sockets_before = (socket.socket.connect, socket.create_connection, socket.getaddrinfo)
    with sandbox_in_process():
        assert "AWS_PROFILE" not in os.environ
        assert socket.getaddrinfo is not sockets_before[2]
    assert dict(os.environ) == env_before
    assert (socket.socket.connect, socket.create_connection, socket.getaddrinfo) == sockets_before


class TestCheckClient:
    def test_check_client_is_the_checks_own_and_sees_the_learners_state(self, aws):
        learner = aws.s3
        learner.create_bucket(Bucket="kit-mine", CreateBucketConfiguration={"LocationConstraint": aws.region})
        checker = sandbox.check_client("s3")
        assert checker is not learner
        assert checker._request_signer is not learner._request_signer
        assert checker is sandbox.check_client("s3"), "made once per sandbox"
        assert [b["Name"] for b in checker.list_buckets()["Buckets"]] == ["kit-mine"]

    def test_learner_hooks_do_not_reach_the_check_client(self, aws):
        seen = []
        aws.s3.meta.events.register("before-call.s3.ListBuckets", lambda **kw: seen.append("learner hook"))
        sandbox.check_client("s3").list_buckets()
        assert seen == []


    def test_learner_session_hooks_do_not_reach_the_checks_or_fresh_clients(self, aws):
        # Sessions start from a copy of botocore's handlers: registering on one must not
        # register on the template the others are copied from.
        seen = []
        aws.s3  # the learner's session exists
        aws._session.events.register("before-call.s3.ListBuckets", lambda **kw: seen.append("learner hook"))
        aws.client("s3", region_name="us-east-1").list_buckets()
        assert seen == ["learner hook"], "the hook works on the learner's own clients"
        sandbox.check_client("s3").list_buckets()
        sandbox.fresh_client("s3").list_buckets()
        assert seen == ["learner hook"]


def _requests_sent(client) -> list[str]:
    sent: list[str] = []
    client.meta.events.register("before-send", lambda request, **kw: sent.append(f"{request.method} {request.url}"))
    return sent


class TestFinalStateReads:
    """The trusted checker's memory of reads (`checks_read_final_state`)."""

    @pytest.fixture
    def checker(self, aws, monkeypatch):
        monkeypatch.setattr(sandbox, "_final_state_reads", None)  # module state: undone after
        aws.s3.create_bucket(Bucket="kit-final", CreateBucketConfiguration={"LocationConstraint": aws.region})
        aws.s3.put_object(Bucket="kit-final", Key="a.txt", Body=b"one", Metadata={"owner": "kim"})
        sandbox.checks_read_final_state()
        return sandbox.check_client("s3")

    def test_a_repeated_read_is_sent_once(self, checker):
        sent = _requests_sent(checker)
        sizes = [checker.head_object(Bucket="kit-final", Key="a.txt")["ContentLength"] for _ in range(3)]
        checker.head_bucket(Bucket="kit-final")
        checker.head_bucket(Bucket="kit-final")
        assert sizes == [3, 3, 3]
        assert [request.split()[0] for request in sent] == ["HEAD", "HEAD"]
        assert sent[0].endswith("/kit-final/a.txt") and sent[1].endswith("/kit-final")

    def test_other_arguments_are_another_read(self, checker):
        sent = _requests_sent(checker)
        checker.list_objects_v2(Bucket="kit-final", Prefix="a")
        checker.list_objects_v2(Bucket="kit-final", Prefix="b")
        assert len(sent) == 2

    def test_the_same_call_in_another_region_is_another_read(self, aws, monkeypatch):
        monkeypatch.setattr(sandbox, "_final_state_reads", None)
        aws.client("ec2", region_name="us-east-1").create_key_pair(KeyName="kit-virginia")
        sandbox.checks_read_final_state()
        seoul, virginia = sandbox.check_client("ec2"), sandbox.check_client("ec2", "us-east-1")
        names = [[k["KeyName"] for k in client.describe_key_pairs()["KeyPairs"]] for client in (seoul, virginia)]
        assert names == [[], ["kit-virginia"]]

    def test_an_error_is_remembered_and_raised_again(self, checker):
        from botocore.exceptions import ClientError

        sent = _requests_sent(checker)
        for _ in range(2):
            with pytest.raises(ClientError, match="404"):
                checker.head_object(Bucket="kit-final", Key="missing.txt")
        assert len(sent) == 1

    def test_a_remembered_answer_is_decoded_as_a_fresh_one(self, aws, checker):
        # botocore decodes IAM policy documents and S3's listed keys after parsing, in place;
        # a remembered answer must go through that once, not twice.
        document = {"Version": "2012-10-17",
                    "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}
        arn = aws.iam.create_policy(PolicyName="kit-read", PolicyDocument=json.dumps(document))["Policy"]["Arn"]
        aws.s3.put_object(Bucket="kit-final", Key="with space%20and percent.txt", Body=b"x")
        iam = sandbox.check_client("iam")
        sent_iam, sent_s3 = _requests_sent(iam), _requests_sent(checker)
        for _ in range(2):
            got = iam.get_policy_version(PolicyArn=arn, VersionId="v1")["PolicyVersion"]["Document"]
            assert got == document
            keys = [o["Key"] for o in checker.list_objects_v2(Bucket="kit-final")["Contents"]]
            assert "with space%20and percent.txt" in keys
        assert (len(sent_iam), len(sent_s3)) == (1, 1)

    def test_answers_are_copies(self, checker):
        first = checker.head_object(Bucket="kit-final", Key="a.txt")
        first["Metadata"]["owner"] = "changed by a check"
        assert checker.head_object(Bucket="kit-final", Key="a.txt")["Metadata"] == {"owner": "kim"}

    def test_streamed_bodies_are_always_fetched(self, checker):
        sent = _requests_sent(checker)
        heads = []
        for _ in range(2):
            heads.append(checker.head_object(Bucket="kit-final", Key="a.txt")["ContentLength"])
            assert checker.get_object(Bucket="kit-final", Key="a.txt")["Body"].read() == b"one"
        assert heads == [3, 3]
        assert [request.split()[0] for request in sent] == ["HEAD", "GET", "GET"], "a GET forgets nothing"

    def test_a_call_that_is_not_a_read_forgets_every_answer(self, checker):
        assert checker.head_object(Bucket="kit-final", Key="a.txt")["ContentLength"] == 3
        checker.put_object(Bucket="kit-final", Key="a.txt", Body=b"three")
        assert checker.head_object(Bucket="kit-final", Key="a.txt")["ContentLength"] == 5

    def test_check_clients_made_before_it_are_covered(self, aws, monkeypatch):
        monkeypatch.setattr(sandbox, "_final_state_reads", None)
        made_before = sandbox.check_client("iam")
        sandbox.checks_read_final_state()
        sent = _requests_sent(made_before)
        made_before.list_users()
        made_before.list_users()
        assert len(sent) == 1

    def test_the_learners_own_clients_are_never_covered(self, aws, checker):
        sent = _requests_sent(aws.s3)
        aws.s3.head_object(Bucket="kit-final", Key="a.txt")
        aws.s3.head_object(Bucket="kit-final", Key="a.txt")
        assert len(sent) == 2

    def test_without_it_checks_see_every_change(self, aws, monkeypatch):
        # In the learner's kernel the visible tests run between the learner's cells.
        monkeypatch.setattr(sandbox, "_final_state_reads", None)
        checker = sandbox.check_client("s3")
        assert [b["Name"] for b in checker.list_buckets()["Buckets"]] == []
        aws.s3.create_bucket(Bucket="kit-later", CreateBucketConfiguration={"LocationConstraint": aws.region})
        assert [b["Name"] for b in checker.list_buckets()["Buckets"]] == ["kit-later"]

    def test_writes_through_any_of_the_sandboxes_clients_and_reset_empty_the_memory(self, aws, checker):
        names = lambda: sorted(b["Name"] for b in checker.list_buckets()["Buckets"])  # noqa: E731
        assert names() == ["kit-final"]
        region = {"LocationConstraint": aws.region}
        aws.s3.create_bucket(Bucket="kit-learner", CreateBucketConfiguration=region)
        assert names() == ["kit-final", "kit-learner"]
        sandbox.fresh_client("s3").create_bucket(Bucket="kit-fresh", CreateBucketConfiguration=region)
        assert names() == ["kit-final", "kit-fresh", "kit-learner"]
        aws.reset()
        assert names() == []

    def test_calling_it_again_starts_an_empty_memory(self, aws, checker):
        sent = _requests_sent(checker)
        checker.head_bucket(Bucket="kit-final")
        sandbox.checks_read_final_state()  # the checker does this before each test cell
        checker.head_bucket(Bucket="kit-final")
        assert len(sent) == 2

    def test_a_retried_read_keeps_its_final_answer(self, aws, checker):
        from botocore.awsrequest import AWSResponse

        failures = ["once"]

        def fail_first_attempt(request, **kwargs):
            if failures:
                failures.pop()
                return AWSResponse(request.url, 500, {}, sandbox._Body(b""))
            return None

        checker.meta.events.register("before-send.s3.ListBuckets", fail_first_attempt)
        first = checker.list_buckets()
        again = checker.list_buckets()
        assert first["ResponseMetadata"]["RetryAttempts"] == 1
        assert [b["Name"] for b in again["Buckets"]] == ["kit-final"]
        assert again["ResponseMetadata"]["RetryAttempts"] == 0, "a remembered answer was not retried"
