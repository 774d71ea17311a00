"""Run every benchmark in this folder: `make bench` (or `python -m tests.bench [name ...]`).

Each `bench_<topic>.py` has a `main()` that prints its own figures. Benchmarks measure and
print; they never assert on time (tests do not time anything).
"""

import importlib
import pkgutil
import sys
import time
from pathlib import Path


def _bench_modules():
    here = Path(__file__).parent
    return sorted(m.name for m in pkgutil.iter_modules([str(here)]) if m.name.startswith("bench_"))


def main(argv: list[str]) -> int:
    wanted = argv or _bench_modules()
    for name in wanted:
        name = name if name.startswith("bench_") else f"bench_{name}"
        print(f"== {name} ==", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"tests.bench.{name}").main()
        print(f"({name} took {time.perf_counter() - started:.1f} s)\n", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
