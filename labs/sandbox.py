"""One moto sandbox per notebook: fake AWS in this process, never real AWS.

A lab's first cell is one line::

    from labs.sandbox import start; aws = start()

`start()` installs the network guard (`labs.guard`), starts ``moto.mock_aws``
for the whole kernel and returns a `Sandbox` with ready boto3 clients.
Calling it again returns the same running sandbox, so re-running the cell is
harmless; `reset()` empties every bucket, VPC and user to start over.

Checks (`labs.checks`) read state through `check_client()`: a client from a
boto3 session of the checks' own, made once per sandbox, so they never trust
objects the learner made (the learner's clients, sessions or event hooks).
`fresh_client()` makes a brand-new one each call, for a one-off look.
"""

from __future__ import annotations

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

_current: Sandbox | None = None
_data_loader = None


class Sandbox:
    """A running moto sandbox and its boto3 clients.

    Clients are made on first use: S3-only labs don't pay for EC2's backend
    (~1.2 s the first time). All share one boto3 session with fake keys.

    Attributes:
        region: the Region every client talks to, e.g. ``"ap-northeast-2"``.
        account_id: the fake account, ``"123456789012"``.
    """

    def __init__(self, mock, region: str):
        self._mock = mock
        self._session = _new_session(region)
        self._clients: dict[str, object] = {}
        # A separate session: hooks or patches the learner puts on theirs don't reach it.
        self._check_session = _new_session(region)
        self._check_clients: dict[tuple[str, str], object] = {}
        self.region = region
        self.account_id = ACCOUNT_ID

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

    def client(self, name: str):
        """Return this sandbox's boto3 client for service ``name`` (made once)."""
        self._require_running()
        if name not in self._clients:
            self._clients[name] = self._session.client(name, region_name=self.region)
        return self._clients[name]

    def check_client(self, name: str, region: str | None = None):
        """Return the checks' own client for ``name`` (made once per sandbox)."""
        self._require_running()
        key = (name, region or self.region)
        if key not in self._check_clients:
            self._check_clients[key] = self._check_session.client(name, region_name=key[1])
        return self._check_clients[key]

    def is_running(self) -> bool:
        """Return True while this sandbox is the one answering AWS calls."""
        return _current is self

    def reset(self) -> None:
        """Delete everything in the sandbox (buckets, VPCs, users, ...).

        Clients keep working; they now see an empty account.
        """
        self._require_running()
        # stop+start rather than mock.reset(): reset() also clears moto's
        # `requests` routes while the mock is running.
        self._mock.stop()
        self._mock.start()

    def stop(self) -> None:
        """Stop the sandbox; AWS calls fail with a SandboxError afterwards."""
        global _current
        if _current is self:
            self._mock.stop()
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
        SandboxError: a sandbox is already running in another Region.
    """
    global _current
    guard.install()
    if _current is not None:
        if _current.region != region:
            raise SandboxError(
                f"The sandbox is already running in {_current.region}, not {region}. "
                "Pass region_name= to aws.client(...) for another Region, or call "
                "labs.sandbox.stop() first."
            )
        return _current
    from moto import mock_aws

    mock = mock_aws()
    mock.start()
    _current = Sandbox(mock, region)
    # Two short lines: one long line wraps mid-word in a narrow notebook.
    print(f"AWS sandbox ready: region {region}, account {ACCOUNT_ID}, fake keys.\n"
          "Nothing leaves this machine.")
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
    return _new_session(region or sandbox.region).client(name)


def check_client(name: str, region: str | None = None):
    """Return the checks' client for ``name``: their own session, never the learner's.

    Made once per sandbox; a new client per check would cost ~7 ms each.

    Raises:
        SandboxError: no sandbox is running (the setup cell was skipped).
    """
    return _running().check_client(name, region)


def _running() -> Sandbox:
    if _current is None:
        raise SandboxError(
            f"The AWS sandbox is not running. Run the lab's first cell first:\n    {SETUP_LINE}"
        )
    return _current


def _new_session(region: str):
    import boto3
    import botocore.session

    global _data_loader
    core = botocore.session.Session()
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
