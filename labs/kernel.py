"""The "aws-course-kit" Jupyter kernel: IPython with the network guard on.

The launcher installs `labs.guard` before IPython or any learner code runs,
so a lab that skipped its setup cell still can't reach real AWS.

    python -m labs.kernel install      # kernelspec into this venv (idempotent)
    python -m labs.kernel -f CONN.json # what Jupyter runs (see kernel.json)
"""

from __future__ import annotations

import json
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
    from labs import guard

    guard.install()  # before ipykernel: nothing may run unguarded
    from ipykernel.kernelapp import IPKernelApp

    IPKernelApp.launch_instance(argv=args)


if __name__ == "__main__":
    main()
