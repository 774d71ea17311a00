"""One AWS sandbox per notebook: moto in a process of its own, reached only through the API.

A lab's first cell is one line::

    from labs.sandbox import start; aws = start()

`start()` installs the network guard (`labs.guard`), attaches to the sandbox server (moto in
server mode on loopback, see `labs.server`) and returns a `Sandbox` with ready boto3 clients.
The course kernel starts that server when the kernel starts, so the first `start()` is quick;
elsewhere (tests, plain Python) the first `start()` spawns one for the process.
Calling it again returns the same running sandbox, so re-running the cell is harmless;
`reset()` empties every bucket, VPC and user to start over.

The server's address is in ``AWS_ENDPOINT_URL``, so plain ``boto3.client("s3")``, ``!aws s3 ls``
and ``%%bash`` cells see the same buckets as ``aws.s3``. moto's state lives in the server's
process, never in the notebook's: that is what lets grading run its checks where student code
cannot reach (`labs/README.md`).

Checks (`labs.checks`) read state through `check_client()`: a client from a boto3 session of
the checks' own, made once per sandbox. `fresh_client()` makes a brand-new one each call.
"""

from __future__ import annotations

import copy
import io
import os
import socket
import time
from collections.abc import Iterable
from dataclasses import dataclass

from labs import guard
from labs.guard import SETUP_LINE, SandboxError

__all__ = [
    "Sandbox",
    "SandboxError",
    "start",
    "reset",
    "stop",
    "is_running",
    "fresh_client",
    "check_client",
    "DEFAULT_REGION",
    "ACCOUNT_ID",
]

DEFAULT_REGION = guard.DEFAULT_REGION
# moto's default account (moto.core.DEFAULT_ACCOUNT_ID); repeated here so the
# constant is readable without importing moto.
ACCOUNT_ID = "123456789012"
READY_SECONDS = 120  # a server still importing moto on a loaded machine

# What the sandbox prints into a chapter, in the chapter's language (labs keep English: their
# instructions are in both languages already).
TEXT = {
    "en": {
        "ready": "AWS sandbox ready: region {region}, account {account}, fake keys.\nNothing leaves this machine.",
        "already_exists": "{code}: the sandbox still holds what an earlier run made. To run everything again "
                          "from scratch, run aws.reset() and then Run All.",
    },
    "ko": {
        "ready": "AWS 샌드박스 준비 완료: 리전 {region}, 계정 {account}, 가짜 키.\n이 컴퓨터 밖으로는 아무것도 나가지 않습니다.",
        "already_exists": "{code}: 앞서 실행할 때 만든 것이 샌드박스에 아직 남아 있습니다. 처음부터 모두 다시 "
                          "실행하려면 aws.reset()을 실행한 뒤 Run All을 하세요.",
    },
}


def _text(key: str, **values) -> str:
    from course.i18n import text
    return text(TEXT, key, **values)

_current: Sandbox | None = None
_data_loader = None
_builtin_events = None
_final_state_reads: _ReadMemo | None = None
_started_before = False

# Error codes a second "Run All" meets when the sandbox still holds the first run's work.
ALREADY_EXISTS = frozenset({
    "BucketAlreadyOwnedByYou", "BucketAlreadyExists", "EntityAlreadyExists",
    "InvalidGroup.Duplicate", "InvalidKeyPair.Duplicate", "ResourceInUseException",
    "ResourceAlreadyExistsException", "AlreadyExistsException", "DBInstanceAlreadyExists",
    "RepositoryAlreadyExistsException", "QueueAlreadyExists", "ParameterAlreadyExists",
})


class Sandbox:
    """A running sandbox and its boto3 clients.

    Clients are made on first use. All share one boto3 session with fake keys and talk to
    the sandbox server at `endpoint`.

    Attributes:
        region: the Region every client talks to, e.g. ``"ap-northeast-2"``.
        account_id: the fake account, ``"123456789012"``.
        endpoint: the sandbox server's URL, e.g. ``"http://127.0.0.1:43121"``.
    """

    def __init__(self, endpoint: str, region: str):
        self.endpoint = endpoint
        # Both sessions are made on first use: the grader's checker never uses the learner's,
        # and the learner's process in grading never uses the checks'.
        self._session = None
        self._clients: dict[str, object] = {}
        # A separate session: hooks or patches the learner puts on theirs don't reach it.
        self._check_session = None
        self._check_clients: dict[tuple[str, str], object] = {}
        if _prepared is not None and _prepared.endpoint == endpoint and _prepared.region == region:
            self._session, self._clients = _prepared.session, dict(_prepared.clients)
            self._check_session, self._check_clients = _prepared.check_session, dict(_prepared.check_clients)
        self.region = region
        self.account_id = ACCOUNT_ID
        self._clock = None
        self._meter = None

    def __repr__(self) -> str:
        state = "running" if self.is_running() else "stopped"
        return f"<Sandbox {state} region={self.region} account={self.account_id}>"

    @property
    def s3(self):
        """The S3 client."""
        return self.client("s3")

    @property
    def ec2(self):
        """The EC2 client."""
        return self.client("ec2")

    @property
    def iam(self):
        """The IAM client."""
        return self.client("iam")

    @property
    def sts(self):
        """The STS client."""
        return self.client("sts")

    @property
    def clock(self):
        """The sandbox's virtual clock: ``aws.clock.advance(days=30)`` (see `labs.clock`)."""
        if self._clock is None:
            from labs.clock import Clock
            self._clock = Clock(self)
        return self._clock

    def cost_meter(self, price_region: str = "us-east-1"):
        """The sandbox's cost meter, priced at ``price_region`` list prices (see `labs.cost_state`).

        Made once per sandbox; the clock drives it, so advancing a month adds a month to the bill.
        """
        from labs.cost_state import CostMeter
        if self._meter is None or self._meter.price_region != price_region:
            self._meter = CostMeter(self, price_region)
        return self._meter

    def client(self, name: str, region_name: str | None = None):
        """Return this sandbox's boto3 client for service ``name`` (made once per Region)."""
        self._require_running()
        key = name if region_name in (None, self.region) else f"{name}@{region_name}"
        if key not in self._clients:
            if self._session is None:
                self._session = _new_session(self.region)
            self._clients[key] = _learner_client(self._session, name, region_name or self.region,
                                                 self.endpoint)
        return self._clients[key]

    def check_client(self, name: str, region: str | None = None):
        """Return the checks' own client for ``name`` (made once per sandbox)."""
        self._require_running()
        key = (name, region or self.region)
        if key not in self._check_clients:
            if self._check_session is None:
                self._check_session = _new_session(self.region)
                if _final_state_reads is not None:
                    _final_state_reads.attach(self._check_session.events)
            self._check_clients[key] = self._check_session.client(
                name, region_name=key[1], endpoint_url=self.endpoint)
        return self._check_clients[key]

    def is_running(self) -> bool:
        """Return True while this sandbox is the one answering AWS calls."""
        return _current is self

    def reset(self) -> None:
        """Delete everything in the sandbox (buckets, VPCs, users, ...).

        Clients keep working; they now see an empty account.
        """
        self._require_running()
        _reset_server(self.endpoint)
        if self._clock is not None:
            self._clock.reset()
        if self._meter is not None:
            self._meter.reset()

    def stop(self) -> None:
        """Stop the sandbox; AWS calls fail with a SandboxError afterwards."""
        global _current
        if _current is self:
            _current = None

    def _require_running(self) -> None:
        if not self.is_running():
            raise SandboxError(f"This sandbox was stopped. Start a new one:\n    {SETUP_LINE}")


def start(region: str = DEFAULT_REGION) -> Sandbox:
    """Start the sandbox for the whole notebook, or return the running one.

    Args:
        region: the Region for every client (default ``"ap-northeast-2"``, Seoul).

    Returns:
        The running `Sandbox`, with clients ``s3``, ``ec2``, ``iam``, ``sts``.

    Raises:
        SandboxError: a sandbox is already running in another Region, or the sandbox
            server did not start.
    """
    global _current, _started_before
    guard.install()
    if _current is not None:
        if _current.region != region:
            raise SandboxError(
                f"The sandbox is already running in {_current.region}, not {region}. "
                "Pass region_name= to aws.client(...) for another Region, or call "
                "labs.sandbox.stop() first."
            )
        return _current
    endpoint, owned = _server_endpoint()
    if owned and _started_before:
        _reset_server(endpoint)  # start() after stop() gives an empty sandbox, as before
    _current = Sandbox(endpoint, region)
    _started_before = True
    _explain_second_runs()
    # Two short lines: one long line wraps mid-word in a narrow notebook.
    print(_text("ready", region=region, account=ACCOUNT_ID))
    return _current


def is_running() -> bool:
    """Return True if a sandbox is running in this process."""
    return _current is not None


def reset() -> None:
    """Empty the running sandbox (see `Sandbox.reset`)."""
    _running().reset()


def stop() -> None:
    """Stop the running sandbox, if any."""
    if _current is not None:
        _current.stop()


def fresh_client(name: str, region: str | None = None):
    """Return a NEW boto3 client from a NEW session, for checking state.

    Args:
        name: the service, e.g. ``"s3"``.
        region: defaults to the sandbox's Region.

    Raises:
        SandboxError: no sandbox is running (the setup cell was skipped).
    """
    sandbox = _running()
    return _new_session(region or sandbox.region).client(name, endpoint_url=sandbox.endpoint)


def check_client(name: str, region: str | None = None):
    """Return the checks' client for ``name``: their own session, never the learner's.

    Made once per sandbox; a new client per check would cost ~7 ms each.

    Raises:
        SandboxError: no sandbox is running (the setup cell was skipped).
    """
    return _running().check_client(name, region)


@dataclass(frozen=True)
class _Prepared:
    endpoint: str
    region: str
    session: object
    clients: dict
    check_session: object
    check_clients: dict


_prepared: _Prepared | None = None


def prepare_clients(endpoint: str, services: Iterable[str], region: str = DEFAULT_REGION) -> None:
    """Make, ahead of time, the clients a sandbox at ``endpoint`` will hand out.

    For the grader's zygote: each of its forks serves the sandbox at the same address (in a
    network namespace of its own) and starts one sandbox there, for the submission and again
    for the checker. A client made once before forking costs nothing in a fork; made there,
    ~8 ms (S3) to ~14 ms (EC2). A sandbox started at another address or Region makes its own.
    No request is sent: each fork's clients connect on their first call.
    """
    global _prepared
    session, check_session = _new_session(region), _new_session(region)
    _prepared = _Prepared(
        endpoint, region, session,
        {name: _learner_client(session, name, region, endpoint) for name in services},
        check_session,
        {(name, region): check_session.client(name, region_name=region, endpoint_url=endpoint)
         for name in services})


def _learner_client(session, name: str, region: str, endpoint: str):
    client = session.client(name, region_name=region, endpoint_url=endpoint)
    if name == "s3":
        from labs.cost_state import count_requests
        count_requests(client)
    return client


def checks_read_final_state() -> None:
    """Tell this process's clients that nothing but them can change the sandbox any more.

    For the grader's trusted checker, which runs after every process of the submission has
    ended: the checks only read, so a read their clients repeat (the same call with the
    same arguments: each S3 check asks first whether the bucket exists) is answered from
    memory, errors included. Streamed bodies (``get_object``) are always fetched. A call
    that is not a read, made through any client of this module's sessions, and `reset()`
    empty the memory; so does calling this again (the checker does, before each test
    cell). Never use it where anything else can still change the sandbox.
    """
    global _final_state_reads
    if _final_state_reads is None:
        _final_state_reads = _ReadMemo()
    _final_state_reads.forget()
    if _current is not None:
        for session, clients, remember in (
                (_current._check_session, _current._check_clients.values(), True),
                (_current._session, _current._clients.values(), False)):
            for events in ([session.events] if session is not None else []) + [c.meta.events for c in clients]:
                _final_state_reads.attach(events, remember=remember)


class _ReadMemo:
    """Answers of read calls (Get*, Head*, List*, Describe*) by service, operation and request.

    An answer is kept as botocore parsed it, before its ``after-call`` handlers (which
    decode IAM's policy documents and S3's listed keys in place), and given back through
    them again, so a remembered answer reaches the check as a fresh one would. Only the
    final attempt of a retried call is kept.
    """

    READS = ("Get", "Head", "List", "Describe")

    def __init__(self):
        self._answers: dict[tuple, tuple] = {}

    def forget(self) -> None:
        self._answers.clear()

    def attach(self, events, *, remember: bool = True) -> None:
        """On ``events`` (a session's, or a client's ``meta.events``): answer reads from memory
        (``remember``), or only empty the memory when a call is not a read."""
        if not remember:
            events.register("before-call", self._forget_on_write, unique_id="course-kit-read-memo-writes")
            return
        events.register("before-call", self._before_call, unique_id="course-kit-read-memo-before")
        events.register("response-received", self._received, unique_id="course-kit-read-memo-received")
        events.register("after-call", self._final, unique_id="course-kit-read-memo-final")

    def _forget_on_write(self, model, **_):
        if not model.name.startswith(self.READS):
            self.forget()

    def _key(self, model, params) -> tuple | None:
        """The call's identity, or None for a call whose answer is not kept."""
        if model.has_streaming_output or not model.name.startswith(self.READS):
            return None
        headers = tuple(sorted((k, str(v)) for k, v in params.get("headers", {}).items()
                               if k.lower() != "user-agent" and not k.lower().startswith("amz-sdk-")))
        body = params.get("body")
        body = tuple(sorted(body.items())) if isinstance(body, dict) else body
        # The Region is not in the URL (every client shares the sandbox's endpoint) but moto
        # reads it from the signature: the same call from another Region is another read.
        region = (params.get("context") or {}).get("client_region")
        return (model.service_model.service_name, model.name, region, params.get("method"),
                params.get("url"), headers, body)

    def _before_call(self, model, params, context, **_):
        key = self._key(model, params)
        if key is None:
            self._forget_on_write(model)
            return None
        answer = self._answers.get(key)
        if answer is None:
            context["course_kit_read"] = key, params.get("url")
            return None
        from botocore.awsrequest import AWSResponse

        url, status, headers, body, parsed = answer
        parsed = copy.deepcopy(parsed)
        if isinstance(parsed.get("ResponseMetadata"), dict):
            parsed["ResponseMetadata"]["RetryAttempts"] = 0
        return AWSResponse(url, status, headers, _Body(body)), parsed

    def _received(self, response_dict, parsed_response, context, exception=None, **_):
        # Once per attempt, before any after-call handler: the last attempt's copy wins.
        if context.get("course_kit_read") is not None and exception is None and response_dict is not None:
            context["course_kit_answer"] = (response_dict["status_code"], dict(response_dict["headers"]),
                                            response_dict["body"], copy.deepcopy(parsed_response))

    def _final(self, context, **_):
        read, answer = context.pop("course_kit_read", None), context.pop("course_kit_answer", None)
        if read is not None and answer is not None:
            key, url = read
            self._answers[key] = (url, *answer)


class _Body(io.BytesIO):
    """A remembered response body, as botocore reads one (``raw.stream()``)."""

    def stream(self, **_):
        yield self.getvalue()


def already_exists_message(err) -> str | None:
    """One line for an "already exists" error met on a second run, or None for others."""
    response = getattr(err, "response", None)
    code = (response or {}).get("Error", {}).get("Code") if isinstance(response, dict) else None
    if code not in ALREADY_EXISTS:
        return None
    return _text("already_exists", code=code)


def _running() -> Sandbox:
    if _current is None:
        raise SandboxError(
            f"The AWS sandbox is not running. Run the lab's first cell first:\n    {SETUP_LINE}"
        )
    return _current


def _server_endpoint() -> tuple[str, bool]:
    """(URL, owned): the server this process was given, or one it starts for itself."""
    from labs import server

    url = os.environ.get(server.URL_VARIABLE)
    if not url:
        url = server.launch()
    try:
        url = server.confirmed(url)
    except server.ServerError as exc:
        raise SandboxError(f"The AWS sandbox server did not start ({exc}). "
                           "Restart the kernel and run the first cell again.") from None
    _wait_until_listening(url)
    guard.point_at(url)
    return url, server.owns(url)


def _wait_until_listening(url: str) -> None:
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    deadline = time.monotonic() + READY_SECONDS
    while True:
        try:
            socket.create_connection((parts.hostname, parts.port), timeout=5).close()
            return
        except OSError as exc:
            if time.monotonic() > deadline:
                raise SandboxError(f"The AWS sandbox server at {url} does not answer ({exc}). "
                                   "Restart the kernel and run the first cell again.") from None
            time.sleep(0.05)


def _reset_server(endpoint: str) -> None:
    if _final_state_reads is not None:
        _final_state_reads.forget()
    import urllib.request

    from labs.server import RESET_PATH

    request = urllib.request.Request(endpoint + RESET_PATH, data=b"", method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # loopback: no proxy
    with opener.open(request, timeout=60) as answer:
        answer.read()


def _explain_second_runs() -> None:
    """In IPython, an "already exists" error from a second Run All is one line naming aws.reset()."""
    try:
        from botocore.exceptions import ClientError
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None or getattr(shell, "_aws_course_kit_second_runs", False):
        return

    def handler(self, etype, value, tb, tb_offset=None):
        message = already_exists_message(value)
        if message is None:
            return self.showtraceback((etype, value, tb), tb_offset=tb_offset)
        print(message, file=__import__("sys").stderr)
        return None

    shell.set_custom_exc((ClientError,), handler)
    shell._aws_course_kit_second_runs = True


def _new_session(region: str):
    import boto3
    import botocore.session
    from botocore.hooks import HierarchicalEmitter

    global _data_loader, _builtin_events
    if _builtin_events is None:
        # botocore's built-in handlers, registered once: a session starting from a copy of
        # them costs ~0.7 ms instead of ~4 ms (botocore copies them the same way per client).
        _builtin_events = HierarchicalEmitter()
        botocore.session.Session(event_hooks=_builtin_events)
    core = botocore.session.Session(event_hooks=copy.copy(_builtin_events),
                                    include_builtin_handlers=False)
    if _final_state_reads is not None:  # the checker: a write through it empties the memory
        _final_state_reads.attach(core.get_component("event_emitter"), remember=False)
    # Share the parsed service models between sessions: a fresh session then
    # costs milliseconds instead of re-reading botocore's JSON files.
    if _data_loader is None:
        _data_loader = core.get_component("data_loader")
    else:
        core.register_component("data_loader", _data_loader)
    return boto3.Session(
        aws_access_key_id=guard.FAKE_KEY,
        aws_secret_access_key=guard.FAKE_KEY,
        region_name=region,
        botocore_session=core,
    )
