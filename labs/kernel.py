"""The "aws-course-kit" Jupyter kernel: IPython with the network guard on and its own sandbox.

Before IPython or any learner code runs, the launcher

1. keeps only the allowed environment variables (`labs.guard.allowed_environment`): an
   instructor's tokens or real AWS keys never reach learner code or its subprocesses;
2. installs `labs.guard`, so a lab that skipped its setup cell still can't reach real AWS;
3. starts this kernel's sandbox server (`labs.server`, moto in a process of its own) in the
   background and points ``AWS_ENDPOINT_URL`` at it, so ``!aws s3 ls``, ``%%bash`` and
   ``boto3`` all see one sandbox; `labs.sandbox.start()` then only attaches to it.

    python -m labs.kernel install      # kernelspec into this venv (idempotent)
    python -m labs.kernel -f CONN.json # what Jupyter runs (see kernel.json)
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path

KERNEL_NAME = "aws-course-kit"
DISPLAY_NAME = "Python 3 (AWS sandbox)"


def kernel_spec() -> dict:
    """Return the kernel.json content for this interpreter."""
    return {
        "argv": [sys.executable, "-m", "labs.kernel", "-f", "{connection_file}"],
        "display_name": DISPLAY_NAME,
        "language": "python",
        "metadata": {"debugger": True},
    }


def install(prefix: str | None = None) -> str:
    """Install (or overwrite) the kernelspec under ``prefix``; return its folder.

    Args:
        prefix: an environment prefix; defaults to this venv (``sys.prefix``).
    """
    from jupyter_client.kernelspec import KernelSpecManager

    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / KERNEL_NAME
        source.mkdir()
        (source / "kernel.json").write_text(json.dumps(kernel_spec(), indent=1) + "\n")
        _copy_python_logos(source)
        return KernelSpecManager().install_kernel_spec(
            str(source), KERNEL_NAME, prefix=prefix or sys.prefix
        )


def _copy_python_logos(target: Path) -> None:
    try:
        from ipykernel.kernelspec import RESOURCES
    except ImportError:
        return
    for logo in Path(RESOURCES).glob("logo-*"):
        shutil.copy(logo, target / logo.name)


def main(argv: list[str] | None = None) -> None:
    """Install the kernelspec (``install``) or run the kernel (anything else)."""
    args = sys.argv[1:] if argv is None else argv
    if args[:1] == ["install"]:
        print(f"Installed kernel {KERNEL_NAME!r} in {install()}")
        return
    from labs import guard, server

    allowed = guard.allowed_environment(os.environ)
    os.environ.clear()
    os.environ.update(allowed)
    # `!aws ...` and `%%bash` find the AWS CLI installed beside this interpreter, even when
    # Jupyter was started without activating the venv (as `make lab` does).
    os.environ["PATH"] = _with_bin_dir(os.environ.get("PATH", ""))
    guard.install()  # before ipykernel: nothing may run unguarded
    # Starts while IPython loads; start() waits for it. Not on a port the kernel is about to bind.
    server.launch(avoid=_connection_ports(args))
    _quiet_plain_tcp_warning()
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=args)


def _with_bin_dir(path: str) -> str:
    """``path`` with this interpreter's scripts folder first (once)."""
    bin_dir = str(Path(sys.executable).parent)
    return os.pathsep.join([bin_dir] + [p for p in path.split(os.pathsep) if p and p != bin_dir])


def _connection_ports(args: list[str]) -> frozenset[int]:
    """The ports in the connection file Jupyter gave this kernel (``-f FILE``); none if unreadable."""
    try:
        path = args[args.index("-f") + 1]
        info = json.loads(Path(path).read_text())
        return frozenset(int(v) for k, v in info.items() if k.endswith("_port"))
    except (ValueError, IndexError, OSError, TypeError):
        return frozenset()


class _DropPlainTcpWarning:
    """ipykernel warns on every start that loopback TCP is unencrypted; Jupyter only ever
    connects this kernel over loopback, and dozens of copies per test run hide real output."""

    def filter(self, record) -> bool:
        return "without encryption" not in str(record.getMessage())


def _quiet_plain_tcp_warning() -> None:
    import logging

    for name in ("IPKernelApp", "traitlets"):
        logging.getLogger(name).addFilter(_DropPlainTcpWarning())


if __name__ == "__main__":
    main()
