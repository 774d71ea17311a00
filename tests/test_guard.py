"""The network guard: no request leaves the machine, whatever the learner's setup.

Each scenario runs in a fresh Python process that installs the guard the way the
kernel launcher does (`labs.guard.install()` before anything else). Underneath the
guard sits a recording socket layer: it logs every connect and name lookup that got
past the guard and refuses anything but loopback itself, so even a broken guard could
not reach the internet during the test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from labs import guard

REPO = Path(__file__).resolve().parent.parent

# Installed first, so the guard wraps it: what it records is what got through.
RECORDER = textwrap.dedent('''
    import atexit, ipaddress, json, socket, sys
    ATTEMPTS = []
    def _loopback(host):
        try:
            return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
        except ValueError:
            return host in ("localhost", socket.gethostname())
    _connect, _connect_ex = socket.socket.connect, socket.socket.connect_ex
    _getaddrinfo = socket.getaddrinfo
    def _record(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6):
            ATTEMPTS.append(["connect", str(address[0])])
            if not _loopback(address[0]):
                raise ConnectionRefusedError("recorder refused " + str(address))
    def _rec_connect(self, address):
        _record(self, address)
        return _connect(self, address)
    def _rec_connect_ex(self, address):
        _record(self, address)
        return _connect_ex(self, address)
    def _rec_getaddrinfo(host, *args, **kwargs):
        ATTEMPTS.append(["getaddrinfo", str(host)])
        if host is not None and not _loopback(host):
            raise socket.gaierror("recorder refused lookup of " + str(host))
        return _getaddrinfo(host, *args, **kwargs)
    socket.socket.connect, socket.socket.connect_ex = _rec_connect, _rec_connect_ex
    socket.getaddrinfo = _rec_getaddrinfo
    atexit.register(lambda: print("ATTEMPTS=" + json.dumps(ATTEMPTS)))
''')

KERNEL_PRELUDE = "from labs import guard\nguard.install()\n"

REAL_LOOKING_CREDENTIALS = textwrap.dedent("""
    [default]
    aws_access_key_id = AKIAIOSFODNN7EXAMPLE
    aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY

    [prod]
    aws_access_key_id = AKIAI44QH8DHBEXAMPLE
    aws_secret_access_key = je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY
    region = us-east-1
""")

REAL_LOOKING_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_SESSION_TOKEN": "IQoJb3JpZ2luX2VjEXAMPLE",
    "AWS_PROFILE": "prod",
    "AWS_DEFAULT_REGION": "us-east-1",
    "AWS_ROLE_ARN": "arn:aws:iam::111122223333:role/admin",
    "AWS_WEB_IDENTITY_TOKEN_FILE": "/var/run/token",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI": "http://169.254.170.2/creds",
    "AWS_ENDPOINT_URL": "https://s3.example.com",
}


def run_guarded(code: str, *, env: dict[str, str] | None = None, home: Path | None = None,
                prelude: str = KERNEL_PRELUDE) -> tuple[dict, list, str]:
    """Run ``code`` in a fresh process behind the guard.

    ``code`` must print one line ``RESULT=<json>``. Returns that result, the
    socket attempts that got past the guard, and stderr.
    """
    child_env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    child_env["PYTHONPATH"] = str(REPO)
    if home is not None:
        child_env["HOME"] = str(home)
    child_env.update(env or {})
    script = RECORDER + prelude + textwrap.dedent(code)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=child_env, cwd=str(home or REPO), timeout=120)
    lines = proc.stdout.splitlines()
    result = [json.loads(l[7:]) for l in lines if l.startswith("RESULT=")]
    attempts = [json.loads(l[9:]) for l in lines if l.startswith("ATTEMPTS=")]
    assert result, f"child printed no RESULT (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}"
    return result[0], attempts[0] if attempts else [], proc.stderr


def non_loopback(attempts: list) -> list:
    return [a for a in attempts if a[1] not in ("127.0.0.1", "::1", "localhost", "None")]


BOTO3_CALL = '''
    import json
    import boto3
    from labs import guard
    calls = []
    _refusal = guard._send_refusal
    guard._send_refusal = lambda url: calls.append(url) or _refusal(url)
    session = boto3.Session()
    creds = session.get_credentials()
    try:
        session.client("{service}").{operation}()
        outcome = {{"error": None}}
    except Exception as err:
        outcome = {{"error": type(err).__name__, "message": str(err)}}
    outcome.update(sends=calls, access_key=creds and creds.access_key, profile=session.profile_name,
                   region=session.region_name)
    print("RESULT=" + json.dumps(outcome))
'''


def _home_with_real_looking_credentials(tmp_path: Path) -> Path:
    aws_dir = tmp_path / ".aws"
    aws_dir.mkdir()
    (aws_dir / "credentials").write_text(REAL_LOOKING_CREDENTIALS)
    (aws_dir / "config").write_text("[profile prod]\nregion = us-east-1\n")
    return tmp_path


class TestBotoWithoutSetup:
    """A boto3 call made before the sandbox starts fails at once and names the fix."""

    @pytest.mark.parametrize("service, operation, host", [
        pytest.param("s3", "list_buckets", "s3.ap-northeast-2.amazonaws.com", id="s3"),
        pytest.param("ec2", "describe_vpcs", "ec2.ap-northeast-2.amazonaws.com", id="ec2"),
        pytest.param("sts", "get_caller_identity", "sts.ap-northeast-2.amazonaws.com", id="sts"),
        pytest.param("pricing", "describe_services", "api.pricing", id="service-moto-does-not-mock"),
    ])
    def test_call_is_refused_with_the_setup_line(self, tmp_path, service, operation, host):
        result, attempts, _ = run_guarded(BOTO3_CALL.format(service=service, operation=operation),
                                          home=tmp_path)
        assert result["error"] == "SandboxError", result
        assert guard.SETUP_LINE in result["message"], result["message"]
        assert host in result["message"], "the message names the URL that was blocked"
        assert len(result["sends"]) == 1, f"botocore retried a refused request: {result['sends']}"
        assert non_loopback(attempts) == [], attempts

    def test_real_looking_credentials_file_and_profile_are_not_used(self, tmp_path):
        home = _home_with_real_looking_credentials(tmp_path)
        result, attempts, _ = run_guarded(BOTO3_CALL.format(service="s3", operation="list_buckets"),
                                          home=home, env={"AWS_PROFILE": "prod"})
        assert result["access_key"] == guard.FAKE_KEY, "keys from ~/.aws/credentials were picked up"
        assert result["profile"] == "default"
        assert result["error"] == "SandboxError", result
        assert non_loopback(attempts) == [], attempts

    def test_real_looking_aws_variables_are_replaced(self, tmp_path):
        home = _home_with_real_looking_credentials(tmp_path)
        result, attempts, _ = run_guarded(BOTO3_CALL.format(service="s3", operation="list_buckets"),
                                          home=home, env=REAL_LOOKING_ENV)
        assert result["access_key"] == guard.FAKE_KEY
        assert result["region"] == "ap-northeast-2"
        assert result["error"] == "SandboxError", result
        assert "s3.example.com" not in result["message"], "AWS_ENDPOINT_URL was honoured"
        assert non_loopback(attempts) == [], attempts

    def test_environment_after_install_holds_only_sandbox_values(self, tmp_path):
        result, _, _ = run_guarded('''
            import json, os
            print("RESULT=" + json.dumps({k: v for k, v in os.environ.items() if k.startswith("AWS_")}))
        ''', home=tmp_path, env=REAL_LOOKING_ENV)
        assert result == {
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_DEFAULT_REGION": "ap-northeast-2",
            "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
            "AWS_CONFIG_FILE": os.devnull,
            "AWS_EC2_METADATA_DISABLED": "true",
            "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
            "AWS_PAGER": "",  # no AWS_ENDPOINT_URL: no sandbox server was given
        }


PLAIN_NETWORK = '''
    import json, socket, urllib.request
    outcomes = {}
    def attempt(name, fn):
        try:
            fn()
            outcomes[name] = "connected"
        except Exception as err:
            outcomes[name] = type(err).__name__ + ": " + str(err)
    attempt("urllib", lambda: urllib.request.urlopen("http://example.com/", timeout=5))
    attempt("imds", lambda: urllib.request.urlopen("http://169.254.169.254/latest/meta-data/", timeout=5))
    attempt("socket", lambda: socket.socket().connect(("1.1.1.1", 443)))
    attempt("connect_ex", lambda: socket.socket().connect_ex(("8.8.8.8", 53)))
    attempt("ipv6", lambda: socket.socket(socket.AF_INET6).connect(("2606:4700:4700::1111", 443, 0, 0)))
    attempt("create_connection", lambda: socket.create_connection(("example.com", 80), timeout=5))
    attempt("dns", lambda: socket.getaddrinfo("aws.amazon.com", 443))
    print("RESULT=" + json.dumps(outcomes))
'''


class TestPlainNetwork:
    """Outside boto3, sockets reach loopback only."""

    def test_every_public_address_is_refused_before_any_socket_opens(self, tmp_path):
        result, attempts, _ = run_guarded(PLAIN_NETWORK, home=tmp_path)
        for name, outcome in result.items():
            assert "Blocked a network connection" in outcome, f"{name}: {outcome}"
            assert guard.SETUP_LINE in outcome, f"{name} does not say what to run: {outcome}"
        assert attempts == [], f"these got past the guard: {attempts}"

    def test_requests_to_metadata_service_is_refused(self, tmp_path):
        result, attempts, _ = run_guarded('''
            import json, requests
            try:
                requests.get("http://169.254.169.254/latest/meta-data/instance-id", timeout=5)
                print("RESULT=" + json.dumps("connected"))
            except requests.ConnectionError as err:
                print("RESULT=" + json.dumps(str(err)))
        ''', home=tmp_path)
        assert "Blocked a network connection to 169.254.169.254" in result
        assert non_loopback(attempts) == [], attempts

    def test_loopback_still_works(self, tmp_path):
        result, attempts, _ = run_guarded('''
            import json, socket
            server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(1)
            client = socket.create_connection(server.getsockname(), timeout=5)
            client.close(); server.close()
            print("RESULT=" + json.dumps("ok"))
        ''', home=tmp_path)
        assert result == "ok"
        assert ["connect", "127.0.0.1"] in attempts


class TestInstall:
    def test_install_is_idempotent_and_does_not_import_boto(self, tmp_path):
        result, _, _ = run_guarded('''
            import json, sys
            guard.install(); guard.install()
            print("RESULT=" + json.dumps([m for m in ("boto3", "botocore", "moto") if m in sys.modules]))
        ''', home=tmp_path)
        assert result == []

    @pytest.mark.parametrize("prelude", [
        pytest.param(KERNEL_PRELUDE, id="guard-before-botocore"),
        pytest.param("import botocore.httpsession\n" + KERNEL_PRELUDE, id="botocore-before-guard"),
    ])
    def test_botocore_send_is_patched_whatever_the_import_order(self, tmp_path, prelude):
        result, _, _ = run_guarded('''
            import json
            from botocore.httpsession import URLLib3Session
            from labs import guard
            print("RESULT=" + json.dumps(URLLib3Session.send is guard._refuse_send))
        ''', home=tmp_path, prelude=prelude)
        assert result is True

    def test_network_error_is_an_oserror_and_a_sandbox_error(self):
        assert issubclass(guard.SandboxNetworkError, OSError)
        assert issubclass(guard.SandboxNetworkError, guard.SandboxError)
        assert issubclass(guard.SandboxError, RuntimeError)


@pytest.mark.parametrize("host, allowed", [
    pytest.param("127.0.0.1", True, id="ipv4-loopback"),
    pytest.param("127.8.9.10", True, id="anywhere-in-127/8"),
    pytest.param("::1", True, id="ipv6-loopback"),
    pytest.param("::ffff:127.0.0.1", True, id="ipv4-mapped-loopback"),
    pytest.param("localhost", True, id="localhost"),
    pytest.param("10.0.0.1", False, id="private-address"),
    pytest.param("169.254.169.254", False, id="instance-metadata"),
    pytest.param("8.8.8.8", False, id="public-address"),
    pytest.param("::ffff:8.8.8.8", False, id="ipv4-mapped-public"),
    pytest.param("s3.ap-northeast-2.amazonaws.com", False, id="aws-endpoint"),
    pytest.param("localhost.example.com", False, id="not-really-localhost"),
])
def test_only_loopback_hosts_are_local(host, allowed):
    assert guard._is_loopback_host(host) is allowed


def test_kernelspec_install_is_idempotent_and_runs_the_guarded_launcher(tmp_path):
    from labs import kernel

    first = kernel.install(prefix=str(tmp_path))
    second = kernel.install(prefix=str(tmp_path))
    assert first == second == str(tmp_path / "share" / "jupyter" / "kernels" / "aws-course-kit")
    spec = json.loads((Path(first) / "kernel.json").read_text())
    assert spec["argv"] == [sys.executable, "-m", "labs.kernel", "-f", "{connection_file}"]
    assert spec["display_name"] == "Python 3 (AWS sandbox)"
    assert spec["language"] == "python"
