"""Shared fixtures. No test reads ~/.aws or reaches AWS: `aws_env` makes sure of it."""

import json
from pathlib import Path

import nbformat
import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def aws_env(monkeypatch, tmp_path):
    """Fake credentials, no profile, and a HOME without ~/.aws, for in-process moto tests."""
    monkeypatch.setenv("HOME", str(tmp_path))
    for name in ("AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "testing")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "testing")
    monkeypatch.setenv("AWS_DEFAULT_REGION", "ap-northeast-2")
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(tmp_path / "no-credentials"))
    monkeypatch.setenv("AWS_CONFIG_FILE", str(tmp_path / "no-config"))


@pytest.fixture
def ec2(aws_env, monkeypatch):
    """A moto EC2 client in ap-northeast-2 (no default AMIs: they cost ~0.5 s per mock)."""
    import boto3
    from moto import mock_aws

    monkeypatch.setenv("MOTO_EC2_LOAD_DEFAULT_AMIS", "false")
    with mock_aws():
        yield boto3.client("ec2", region_name="ap-northeast-2")


def toy_lab(folder: Path, name: str = "toy") -> Path:
    """A two-question nbgrader source lab with no AWS in it: add() for 2 points, mul() for 3."""
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}

    def cell(source, **nbgrader):
        c = nbformat.v4.new_code_cell(source)
        c.metadata["nbgrader"] = {"schema_version": 3, "task": False, **nbgrader}
        return c

    nb.cells = [
        nbformat.v4.new_markdown_cell("# Toy lab"),
        cell("def add(a, b):\n    ### BEGIN SOLUTION\n    return a + b\n    ### END SOLUTION",
             solution=True, grade=False, locked=False, grade_id="add"),
        cell('assert add(1, 2) == 3, "add(1, 2) should be 3"\n'
             "### BEGIN HIDDEN TESTS\n"
             'assert add(-40, 40) == 0, "add(-40, 40) should be 0 (secret-hidden-check)"\n'
             "### END HIDDEN TESTS",
             solution=False, grade=True, locked=True, points=2, grade_id="test_add"),
        cell("def mul(a, b):\n    ### BEGIN SOLUTION\n    return a * b\n    ### END SOLUTION",
             solution=True, grade=False, locked=False, grade_id="mul"),
        cell('assert mul(2, 3) == 6, "mul(2, 3) should be 6"',
             solution=False, grade=True, locked=True, points=3, grade_id="test_mul"),
    ]
    lab = folder / name
    lab.mkdir(parents=True)
    nbformat.write(nb, lab / f"{name}.ipynb")
    return lab


def filled(release_nb, answers: dict[str, str]):
    """A copy of a released notebook with the solution cells named in `answers` filled in."""
    nb = nbformat.from_dict(json.loads(json.dumps(release_nb)))
    for c in nb.cells:
        grade_id = c.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers:
            c.source = answers[grade_id]
    return nb
