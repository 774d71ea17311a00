"""Task sizes that AWS Fargate accepts: task-level CPU units and memory (MiB).

From "Troubleshoot Amazon ECS task definition invalid CPU or memory errors"
(https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-cpu-memory-error.html),
checked 2026-12-02. 1024 CPU units = 1 vCPU. 8 and 16 vCPU need Linux platform 1.4.0 or later.
AWS refuses any other pair with ``ClientException: Invalid 'cpu' setting for task``; moto
registers it anyway, which is why the course checks sizes itself.
"""

from __future__ import annotations

from course.i18n import text

GB = 1024
TEXT = {
    "en": {
        "not_whole": "{what} {value}: write it as a whole number, e.g. cpu '256', memory '512'",
        "not_a_size": "cpu {cpu} is not a Fargate size; use one of {sizes} CPU units",
        "few": "{first} or {last}",
        "range": "{first} to {last} in steps of {step}",
        "pair": "cpu {cpu} ({vcpu} vCPU) takes memory {choices} MiB, not {memory}",
    },
    "ko": {
        "not_whole": "{what} {value}: cpu '256', memory '512'처럼 정수로 쓰세요",
        "not_a_size": "cpu {cpu}은(는) Fargate 크기가 아닙니다. CPU 단위는 {sizes} 중 하나를 쓰세요",
        "few": "{first} 또는 {last}",
        "range": "{first}부터 {last}까지 {step}씩",
        "pair": "cpu {cpu} ({vcpu} vCPU)에는 메모리 {choices} MiB를 줄 수 있습니다. {memory}은(는) 안 됩니다",
    },
}
# cpu units -> allowed task memory in MiB
VALID_SIZES: dict[int, tuple[int, ...]] = {
    256: (512, 1 * GB, 2 * GB),
    512: tuple(range(1 * GB, 4 * GB + 1, GB)),
    1024: tuple(range(2 * GB, 8 * GB + 1, GB)),
    2048: tuple(range(4 * GB, 16 * GB + 1, GB)),
    4096: tuple(range(8 * GB, 30 * GB + 1, GB)),
    8192: tuple(range(16 * GB, 60 * GB + 1, 4 * GB)),
    16384: tuple(range(32 * GB, 120 * GB + 1, 8 * GB)),
}


def _units(value, what: str) -> int:
    # The API takes strings ("256"); accept ints too, nothing else.
    if isinstance(value, bool) or not isinstance(value, (int, str)) or not str(value).strip().isdigit():
        raise ValueError(text(TEXT, "not_whole", what=what, value=repr(value)))
    return int(value)


def fargate_size_problem(cpu, memory) -> str | None:
    """Why Fargate would refuse task ``cpu`` units with ``memory`` MiB, or None if it accepts them.

    >>> fargate_size_problem("256", "512") is None
    True
    >>> print(fargate_size_problem("256", "4096"))
    cpu 256 (0.25 vCPU) takes memory 512, 1024 or 2048 MiB, not 4096
    """
    try:
        cpu_u, mem = _units(cpu, "cpu"), _units(memory, "memory")
    except ValueError as err:
        return str(err)
    if cpu_u not in VALID_SIZES:
        return text(TEXT, "not_a_size", cpu=cpu_u, sizes=", ".join(map(str, VALID_SIZES)))
    allowed = VALID_SIZES[cpu_u]
    if mem in allowed:
        return None
    if len(allowed) <= 3:
        choices = text(TEXT, "few", first=", ".join(map(str, allowed[:-1])), last=allowed[-1])
    else:
        choices = text(TEXT, "range", first=allowed[0], last=allowed[-1], step=allowed[1] - allowed[0])
    return text(TEXT, "pair", cpu=cpu_u, vcpu=f"{cpu_u / 1024:g}", choices=choices, memory=mem)


def cpus_for_memory(memory) -> tuple[int, ...]:
    """The CPU sizes that accept ``memory`` MiB (empty if none does)."""
    mem = _units(memory, "memory")
    return tuple(c for c, allowed in VALID_SIZES.items() if mem in allowed)
