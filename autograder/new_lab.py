"""`python -m autograder new-lab NAME`: a small, working lab to grow a new one from.

The scaffold is a real lab: two tasks on the sandbox, a visible and a hidden test each,
points, instructions in English with the Korean under them. Released and graded as written,
its solution scores full marks and its blank scores 0 (tests/test_new_lab.py proves it).
labs/AUTHORING.md walks through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import nbformat

from .config import LABS_DIR
from .errors import CourseError

NAME = re.compile(r"^[a-z0-9](?:[a-z0-9-]{1,38})[a-z0-9]$")
KERNEL = {"name": "aws-course-kit", "display_name": "Python 3 (AWS sandbox)", "language": "python"}


@dataclass(frozen=True)
class NewLab:
    name: str
    folder: Path
    notebook: Path
    points: int


def new_lab(name: str, labs_dir: Path = LABS_DIR) -> NewLab:
    """Write ``labs/<name>/<name>.ipynb`` and its README; refuse a bad or taken name."""
    if not NAME.match(name) or "--" in name:
        raise CourseError(
            f"lab name {name!r}: use 3–40 lowercase letters, digits and single hyphens, "
            "starting and ending with a letter or digit (it becomes a folder and a bucket name)",
            fix="python -m autograder new-lab my-first-lab",
        )
    folder = labs_dir / name
    if folder.exists():
        raise CourseError(f"{folder} already exists; pick another name or edit that lab",
                          fix=f"python -m autograder check {name}")
    bucket = f"kit-{name}"
    nb = _notebook(name, bucket)
    folder.mkdir(parents=True)
    notebook = folder / f"{name}.ipynb"
    nbformat.write(nb, notebook)
    (folder / "README.md").write_text(_readme(name, bucket), encoding="utf-8")
    return NewLab(name, folder, notebook, 5)


def _cell(kind: str, grade_id: str, source: str, *, solution=False, grade=False, points=None):
    make = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
    cell = make(source.strip("\n"))
    cell.metadata["nbgrader"] = {"schema_version": 3, "grade_id": grade_id, "solution": solution,
                                 "grade": grade, "locked": not solution, "task": False,
                                 **({"points": points} if points else {})}
    cell.id = grade_id.replace("_", "-")
    return cell


def _notebook(name: str, bucket: str):
    md, code = "markdown", "code"
    test_head = (f'from labs.checks import s3 as check\nfrom labs.checks.result import require\n\n'
                 f'bucket = "{bucket}"  # named here: tests never read the learner\'s variables\n')
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = dict(KERNEL)
    nb.metadata["language_info"] = {"name": "python"}
    nb.cells = [
        _cell(md, "intro", f"""
# Lab: {name}

Replace this paragraph with what the lab teaches and which chapter it follows. Everything runs in
the local AWS sandbox (moto): no AWS account, and no request leaves this machine.
There are 2 tasks, 5 points in all.

이 문단을 실습이 가르치는 내용과 이어지는 장(chapter)으로 바꾸세요. 모든 것은 로컬 AWS 샌드박스(moto)에서
실행되므로 AWS 계정이 필요 없고, 어떤 요청도 이 컴퓨터 밖으로 나가지 않습니다. 과제는 2개, 모두 5점입니다.
"""),
        _cell(code, "setup", "from labs.sandbox import start; aws = start()"),
        _cell(code, "names", f's3 = aws.s3\nBUCKET = "{bucket}"  # the bucket the tests look for'),
        _cell(md, "task1_md", f"""
## Task 1 — A bucket in Seoul · 2 points

Create the bucket `BUCKET` (`"{bucket}"`) in the Region `ap-northeast-2`.

## 과제 1 — 서울 리전의 버킷 · 2점

`BUCKET`(`"{bucket}"`) 버킷을 `ap-northeast-2` 리전에 만드세요.
"""),
        _cell(code, "task1_solution", """
### BEGIN SOLUTION
s3.create_bucket(Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": "ap-northeast-2"})
### END SOLUTION
""", solution=True),
        _cell(code, "task1_test", test_head + """require(check.bucket_exists_in_region(bucket, "ap-northeast-2"))
### BEGIN HIDDEN TESTS
from labs.sandbox import fresh_client
_where = fresh_client("s3", region="us-east-1").get_bucket_location(Bucket=bucket).get("LocationConstraint")
assert _where == "ap-northeast-2", (
    f"a us-east-1 client finds bucket {bucket!r} in {_where!r}, expected 'ap-northeast-2' "
    f"/ us-east-1 클라이언트가 본 버킷 {bucket!r}의 위치는 {_where!r}, 기대한 값은 'ap-northeast-2'")
### END HIDDEN TESTS
""", grade=True, points=2),
        _cell(md, "task2_md", """
## Task 2 — An object with exact contents · 3 points

Put the object `hello.txt` in `BUCKET` with the body `Hello, sandbox!` (exactly).

## 과제 2 — 내용이 정확한 객체 · 3점

`BUCKET`에 본문이 정확히 `Hello, sandbox!`인 객체 `hello.txt`를 넣으세요.
"""),
        _cell(code, "task2_solution", """
### BEGIN SOLUTION
s3.put_object(Bucket=BUCKET, Key="hello.txt", Body=b"Hello, sandbox!")
### END SOLUTION
""", solution=True),
        _cell(code, "task2_test", test_head + """require(check.object_exists(bucket, "hello.txt"))
### BEGIN HIDDEN TESTS
require(check.object_body(bucket, "hello.txt", "Hello, sandbox!"))
### END HIDDEN TESTS
""", grade=True, points=3),
    ]
    return nb


def _readme(name: str, bucket: str) -> str:
    return f"""# Lab: {name}

Scaffolded by `python -m autograder new-lab {name}`; see `labs/AUTHORING.md` to grow it.

| Task | What the tests check | Solution cell | Test cell | Points |
|---|---|---|---|---|
| 1 | bucket `{bucket}` exists in `ap-northeast-2` | `task1_solution` | `task1_test` | 2 |
| 2 | `hello.txt` exists (visible), holds `Hello, sandbox!` (hidden) | `task2_solution` | `task2_test` | 3 |
| | | | **Total** | **5** |

Chapter: (name the chapter this lab follows). Time: about 10 minutes.
"""
