"""Keep every lab off real AWS and off the network.

`install()` makes these things true for the whole Python process:

1. botocore sends HTTP only to loopback, where the sandbox server (moto, see
   `labs.server`) listens; any other request fails at once with a `SandboxError`
   naming the URL. ``URLLib3Session.send`` is the one choke point we patch.
2. Sockets may connect only to loopback (127.0.0.0/8, ::1) or unix sockets,
   and names other than this host are never resolved, so ``requests``,
   ``urllib`` and the EC2 metadata address (169.254.169.254) fail too.
3. The learner's own AWS credentials and profiles can't be picked up: the
   credential and config files point at an empty device, profile/role/
   container variables are removed, and fake keys are set. ``AWS_ENDPOINT_URL``
   names the sandbox server, so the AWS CLI and plain ``boto3.client()`` use it.
4. Subprocesses (``!aws``, ``%%bash``, ``pip``) get a proxy that does not exist
   for everything but loopback, so HTTP clients that honour the proxy variables
   (the AWS CLI, curl, pip) can't reach the internet either. (When grading, a
   network namespace with loopback only holds for every process.)

`allowed_environment()` is the allow-list of variables student code may see; the
kernel launcher (`labs.kernel`) and the grader apply it before any student code runs.
The kernel launcher calls `install()` before anything else runs, so the guard holds
even when a learner skips the lab's setup cell.
This module imports only the standard library: it runs at kernel start.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import ipaddress
import os
import socket
import sys

__all__ = ["SandboxError", "SandboxNetworkError", "install", "uninstall", "is_installed", "SETUP_LINE",
           "allowed_environment", "point_at"]

SETUP_LINE = "from labs.sandbox import start; aws = start()"
DEFAULT_REGION = "ap-northeast-2"
FAKE_KEY = "testing"

_HTTPSESSION = "botocore.httpsession"
_LOCAL_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"})

# Every variable through which botocore could find real credentials, a real
# profile, a role to assume or an endpoint elsewhere. All other AWS_* are
# dropped as well (see _sanitize_environment); these names document why.
_CREDENTIAL_VARIABLES = (
    "AWS_PROFILE",
    "AWS_DEFAULT_PROFILE",
    "AWS_SESSION_TOKEN",
    "AWS_SECURITY_TOKEN",
    "AWS_ROLE_ARN",
    "AWS_ROLE_SESSION_NAME",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
    "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN",
    "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    "AWS_ENDPOINT_URL",
)

#: Where `labs.server` publishes the sandbox's URL (the one endpoint AWS_ENDPOINT_URL may name).
URL_VARIABLE = "COURSE_KIT_SANDBOX_URL"
# Nothing listens on the discard port: proxied requests fail at once, loopback goes direct.
_DEAD_PROXY = "http://127.0.0.1:9"
_NO_PROXY = "127.0.0.1,localhost,::1"

#: Variables student code may see (plus every LC_* and the sandbox's own AWS_* settings).
ALLOWED_VARIABLES = frozenset({
    "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TERM", "COLUMNS",
    "LINES", "TMPDIR", "TEMP", "TMP", "PWD", "VIRTUAL_ENV", "PYTHONPATH", "PYTHONHASHSEED",
    "PYTHONIOENCODING", "PYTHONUTF8", "PYTHONDONTWRITEBYTECODE", "MPLBACKEND", "MPLCONFIGDIR",
    "IPYTHONDIR", "JUPYTER_PLATFORM_DIRS", "JPY_PARENT_PID", "JPY_SESSION_NAME",
    "CLICOLOR", "FORCE_COLOR", "NO_COLOR", "PAGER", "GIT_PAGER", "MOTO_EC2_LOAD_DEFAULT_AMIS",
    "XDG_RUNTIME_DIR", "NBGRADER_EXECUTION", "JUPYTER_RUNTIME_DIR", "JUPYTER_CONFIG_DIR",
    "JUPYTER_CONFIG_PATH", "JUPYTER_DATA_DIR", "JUPYTER_PATH", URL_VARIABLE,
})

_SANDBOX_ENVIRONMENT = {
    "AWS_ACCESS_KEY_ID": FAKE_KEY,
    "AWS_SECRET_ACCESS_KEY": FAKE_KEY,
    "AWS_DEFAULT_REGION": DEFAULT_REGION,
    "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
    "AWS_CONFIG_FILE": os.devnull,
    "AWS_EC2_METADATA_DISABLED": "true",
    # boto3 1.44 builds account-based endpoints (<account>.ddb...) that moto
    # does not match; plain regional endpoints are what moto answers.
    "AWS_ACCOUNT_ID_ENDPOINT_MODE": "disabled",
    "AWS_PAGER": "",  # the AWS CLI would otherwise wait for `less` in a notebook
    "HTTP_PROXY": _DEAD_PROXY,
    "HTTPS_PROXY": _DEAD_PROXY,
    "ALL_PROXY": _DEAD_PROXY,
    "http_proxy": _DEAD_PROXY,
    "https_proxy": _DEAD_PROXY,
    "all_proxy": _DEAD_PROXY,
    "NO_PROXY": _NO_PROXY,
    "no_proxy": _NO_PROXY,
}

_installed = False
_originals: dict[str, object] = {}


class SandboxError(RuntimeError):
    """A request tried to leave the machine; nothing was sent."""


class SandboxNetworkError(SandboxError, OSError):
    """A socket tried to reach a non-loopback address; no connection was made.

    It is an `OSError` too, so networking libraries report it as a failed
    connection instead of crashing in unexpected ways.
    """


def is_installed() -> bool:
    """Return True once `install()` has run in this process."""
    return _installed


def install() -> None:
    """Install the network guard and the fake AWS environment (idempotent).

    Cheap enough for kernel start: botocore is patched when it is imported,
    or at once if it already is. Calling it again re-cleans the environment
    (a learner may have set AWS_PROFILE since) and changes nothing else.
    """
    global _installed
    _sanitize_environment()
    if _installed:
        return
    _guard_sockets()
    for name, patch in _PATCH_ON_IMPORT.items():
        if name in sys.modules:
            patch(sys.modules[name])
    sys.meta_path.insert(0, _PatchBotocoreOnImport())
    _installed = True


def uninstall() -> None:
    """Undo the socket and botocore patches of `install()` (for tests).

    The environment stays as `install()` left it; tests restore it with
    pytest's monkeypatch.
    """
    global _installed
    if not _installed:
        return
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _PatchBotocoreOnImport)]
    if "URLLib3Session.send" in _originals:
        sys.modules[_HTTPSESSION].URLLib3Session.send = _originals.pop("URLLib3Session.send")
    if "getproxies" in _originals:
        sys.modules[_URLLIB_REQUEST].getproxies = _originals.pop("getproxies")
    socket.socket.connect = _originals.pop("connect")
    socket.socket.connect_ex = _originals.pop("connect_ex")
    socket.create_connection = _originals.pop("create_connection")
    socket.getaddrinfo = _originals.pop("getaddrinfo")
    _installed = False


# --- environment -------------------------------------------------------------


def allowed_environment(environ) -> dict[str, str]:
    """The variables of ``environ`` student code may see, plus the sandbox's AWS settings.

    Anything else (instructor tokens, database URLs, CI secrets, real AWS keys) is dropped.
    """
    env = {k: v for k, v in environ.items() if k in ALLOWED_VARIABLES or k.startswith("LC_")}
    env.update(_SANDBOX_ENVIRONMENT)
    if environ.get(URL_VARIABLE):
        env["AWS_ENDPOINT_URL"] = environ[URL_VARIABLE]
    return env


def point_at(url: str) -> None:
    """Make ``url`` (a loopback sandbox server) the endpoint of every AWS client and CLI."""
    if not _is_loopback_host(_host_of(url)):
        raise SandboxError(f"The sandbox server must listen on loopback, not {url}.")
    os.environ[URL_VARIABLE] = url
    os.environ["AWS_ENDPOINT_URL"] = url


def _sanitize_environment() -> None:
    for name in list(os.environ):
        if name.startswith(("AWS_", "BOTO_")) or name in _CREDENTIAL_VARIABLES:
            del os.environ[name]
    os.environ.update(_SANDBOX_ENVIRONMENT)
    url = os.environ.get(URL_VARIABLE)
    if url and _is_loopback_host(_host_of(url)):
        os.environ["AWS_ENDPOINT_URL"] = url


def _host_of(url: str) -> str:
    from urllib.parse import urlsplit

    try:
        return urlsplit(str(url)).hostname or ""
    except ValueError:
        return ""


# --- botocore ----------------------------------------------------------------


def _sandbox_is_running() -> bool:
    # Looked up lazily: importing labs.sandbox would import boto3 and moto.
    sandbox = sys.modules.get("labs.sandbox")
    return bool(sandbox is not None and sandbox.is_running())


def _send_refusal(url: str) -> str:
    if _sandbox_is_running():
        return (
            f"Blocked a request to {url}: the AWS sandbox (moto) does not answer this "
            "endpoint, so it would have gone to the internet. Nothing was sent. "
            "Use the sandbox's clients (aws.client(...)) and no endpoint_url of your own."
        )
    return (
        f"Blocked a request to {url}: the AWS sandbox is not running, so this call would "
        f"have gone to real AWS. Nothing was sent. Run the lab's first cell first:\n    {SETUP_LINE}"
    )


def _refuse_send(self, request, *args, **kwargs):
    url = getattr(request, "url", "<unknown URL>")
    if _is_loopback_host(_host_of(url)):
        return _originals["URLLib3Session.send"](self, request, *args, **kwargs)
    raise SandboxError(_send_refusal(url))


def _guard_botocore(httpsession) -> None:
    cls = httpsession.URLLib3Session
    if getattr(cls.send, "_aws_course_kit_guard", False):
        return
    _refuse_send._aws_course_kit_guard = True
    _originals["URLLib3Session.send"] = cls.send
    cls.send = _refuse_send


def _direct_in_process(request_module) -> None:
    """This process ignores the dead proxy: its sockets meet the guard, whose error is clearer.

    The proxy variables stay for subprocesses (the AWS CLI, curl, pip), which the socket
    guard does not reach.
    """
    if "getproxies" in _originals:
        return
    _originals["getproxies"] = request_module.getproxies
    request_module.getproxies = _no_proxies


def _no_proxies() -> dict:
    return {}


_URLLIB_REQUEST = "urllib.request"
_PATCH_ON_IMPORT = {_HTTPSESSION: _guard_botocore, _URLLIB_REQUEST: _direct_in_process}


class _PatchBotocoreOnImport(importlib.abc.MetaPathFinder):
    """Patch ``botocore.httpsession`` and ``urllib.request`` right after their first import."""

    def find_spec(self, fullname, path, target=None):
        if fullname not in _PATCH_ON_IMPORT:
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return None
        spec.loader = _PatchingLoader(spec.loader)
        return spec


class _PatchingLoader(importlib.abc.Loader):
    def __init__(self, inner):
        self._inner = inner

    def create_module(self, spec):
        return self._inner.create_module(spec)

    def exec_module(self, module):
        self._inner.exec_module(module)
        _PATCH_ON_IMPORT[module.__name__](module)

    def __getattr__(self, name):
        # get_source, get_filename, ... for tracebacks and inspect.
        return getattr(self._inner, name)


# --- sockets -----------------------------------------------------------------


def _is_loopback_host(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    name = host.strip("[]").split("%", 1)[0].rstrip(".").lower()
    if name in _LOCAL_NAMES:
        return True
    try:
        address = ipaddress.ip_address(name)
    except ValueError:
        return False
    if address.version == 6 and address.ipv4_mapped is not None:
        address = address.ipv4_mapped
    return address.is_loopback


def _is_this_host(host) -> bool:
    # The machine's own name resolves locally (/etc/hosts); Jupyter asks for it.
    try:
        own = _originals["gethostname"]()
    except OSError:
        return False
    return isinstance(host, str) and host.lower() in {own.lower(), own.split(".")[0].lower()}


def _network_refusal(target: str) -> SandboxNetworkError:
    # A Korean chapter has set its language in course.i18n; read it only if loaded (stdlib only here).
    i18n = sys.modules.get("course.i18n")
    if i18n is not None and i18n.language() == "ko":
        return SandboxNetworkError(
            f"{target}(으)로 가는 네트워크 연결을 막았습니다(Blocked a network connection): 이 키트는 인터넷에 "
            f"접속하지 않으며 루프백(127.0.0.1, ::1)만 허용합니다. AWS 호출은 moto 샌드박스로 갑니다. "
            f"먼저 `{SETUP_LINE}`을(를) 실행하세요.")
    hint = (
        "this kit never talks to the internet; only loopback (127.0.0.1, ::1) is allowed. "
        f"AWS calls go to the moto sandbox: run `{SETUP_LINE}` first."
    )
    return SandboxNetworkError(f"Blocked a network connection to {target}: {hint}")


def _check_address(family, address) -> None:
    if family not in (socket.AF_INET, socket.AF_INET6):
        return  # unix sockets, netlink, ...: never leave the machine
    host = address[0] if isinstance(address, tuple) and address else address
    if not _is_loopback_host(host):
        port = address[1] if isinstance(address, tuple) and len(address) > 1 else "?"
        raise _network_refusal(f"{host}:{port}")


def _guarded_connect(self, address):
    _check_address(self.family, address)
    return _originals["connect"](self, address)


def _guarded_connect_ex(self, address):
    _check_address(self.family, address)
    return _originals["connect_ex"](self, address)


def _guarded_create_connection(address, *args, **kwargs):
    host = address[0]
    if not _is_loopback_host(host):
        raise _network_refusal(f"{host}:{address[1]}")
    return _originals["create_connection"](address, *args, **kwargs)


def _guarded_getaddrinfo(host, *args, **kwargs):
    if host is not None and host != "" and not _is_loopback_host(host) and not _is_this_host(host):
        raise _network_refusal(f"{host} (name lookup)")
    return _originals["getaddrinfo"](host, *args, **kwargs)


def _guard_sockets() -> None:
    _originals["connect"] = socket.socket.connect
    _originals["connect_ex"] = socket.socket.connect_ex
    _originals["create_connection"] = socket.create_connection
    _originals["getaddrinfo"] = socket.getaddrinfo
    _originals["gethostname"] = socket.gethostname
    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex
    socket.create_connection = _guarded_create_connection
    socket.getaddrinfo = _guarded_getaddrinfo
