"""The learner's kernel runs the same sandbox as grading: moto in a process of its own.

Each test drives a real "aws-course-kit" kernel (as JupyterLab does) and checks what a
learner sees: boto3, ``!aws`` and ``%%bash`` share one sandbox; nothing reaches AWS; the
instructor's environment stays out; a second Run All says what to do in one line.
"""

from __future__ import annotations

import os
import sys

import pytest

from labs import guard

pytestmark = pytest.mark.slow
TIMEOUT = 180  # a cold kernel plus the AWS CLI on a slow, busy machine


@pytest.fixture(scope="module")
def kernel():
    from jupyter_client.kernelspec import KernelSpecManager
    from jupyter_client.manager import KernelManager

    from labs import kernel as course_kernel

    if course_kernel.KERNEL_NAME not in KernelSpecManager().find_kernel_specs():
        course_kernel.install()
    # PATH without the venv's scripts, as when `make lab` starts Jupyter: the kernel must
    # still find the AWS CLI beside its interpreter.
    bin_dir = os.path.dirname(sys.executable)
    path = os.pathsep.join(p for p in os.environ.get("PATH", "").split(os.pathsep) if p != bin_dir)
    env = {**os.environ, "PATH": path, "INSTRUCTOR_API_TOKEN": "sk-instructor-secret",
           "DATABASE_URL": "postgres://grader:pw@db/gradebook", "AWS_PROFILE": "prod"}
    km = KernelManager(kernel_name=course_kernel.KERNEL_NAME)
    km.start_kernel(env=env)
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=TIMEOUT)
    try:
        yield kc
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


def run(kc, code: str) -> tuple[str, list[dict], str]:
    """(status, error contents, all stream text) of one cell."""
    errors, text = [], []

    def hook(msg):
        if msg["msg_type"] == "error":
            errors.append(msg["content"])
        elif msg["msg_type"] == "stream":
            text.append(msg["content"]["text"])

    reply = kc.execute_interactive(code, timeout=TIMEOUT, output_hook=hook)
    return reply["content"]["status"], errors, "".join(text)


def test_boto3_before_setup_reaches_the_sandbox_never_aws(kernel):
    status, errors, out = run(kernel, "import boto3, os\n"
                                      "print(boto3.client('s3').list_buckets()['Buckets'])\n"
                                      "print(os.environ['AWS_ENDPOINT_URL'])")
    assert status == "ok", errors
    assert out.splitlines()[0] == "[]"
    assert out.splitlines()[1].startswith("http://127.0.0.1:")
    status, errors, _ = run(kernel, "import boto3\nboto3.client('s3', endpoint_url="
                                    "'https://s3.ap-northeast-2.amazonaws.com').list_buckets()")
    assert status == "error" and errors[0]["ename"] == "SandboxError"
    assert "s3.ap-northeast-2.amazonaws.com" in errors[0]["evalue"]


def test_cli_and_bash_see_the_same_sandbox_and_moto_is_not_in_the_kernel(kernel):
    status, errors, out = run(kernel, guard.SETUP_LINE + "\n" +
                              "aws.s3.create_bucket(Bucket='kit-cli-bucket', CreateBucketConfiguration="
                              "{'LocationConstraint': 'ap-northeast-2'})\n"
                              "import sys; print('moto loaded:', 'moto' in sys.modules)")
    assert status == "ok", errors
    assert "moto loaded: False" in out, "moto's state must live in its own process"
    status, errors, out = run(kernel, "!aws s3 ls")
    assert status == "ok" and "kit-cli-bucket" in out, (errors, out)
    status, errors, out = run(kernel, "%%bash\naws s3api get-bucket-location --bucket kit-cli-bucket "
                                      "--output text")
    assert status == "ok" and "ap-northeast-2" in out, (errors, out)


def test_subprocesses_cannot_reach_aws(kernel):
    status, errors, out = run(kernel, "!aws s3 ls --endpoint-url https://s3.amazonaws.com; echo exit=$?")
    assert "exit=0" not in out and "exit=" in out, out
    assert "proxy" in out.lower(), out


def test_instructor_environment_stays_out(kernel):
    status, errors, out = run(kernel, "import os\nprint(sorted(os.environ))\n"
                                      "!env")
    assert status == "ok", errors
    for secret in ("INSTRUCTOR_API_TOKEN", "sk-instructor-secret", "DATABASE_URL", "AWS_PROFILE"):
        assert secret not in out


def test_second_run_all_names_reset_in_one_line(kernel):
    make = ("aws.s3.create_bucket(Bucket='kit-twice', CreateBucketConfiguration="
            "{'LocationConstraint': 'ap-northeast-2'})")
    assert run(kernel, guard.SETUP_LINE + "\n" + make)[0] == "ok"
    status, errors, out = run(kernel, make)
    assert status == "error"
    assert errors == [], "the 40-line traceback is replaced by one line"
    assert out.strip().count("\n") == 0 and "aws.reset()" in out and "BucketAlreadyOwnedByYou" in out
    status, errors, out = run(kernel, "aws.reset()\n" + make)
    assert status == "ok", errors
