"""Per-notebook execution time: stock nbclient (fresh kernel) vs WarmExecute vs the floor.

The notebook is a small S3 lab: start the sandbox, create a bucket, put objects, check them
through a fresh client. The floor runs the same cells in this one warm process, no fork.
"""

import contextlib
import io
import statistics
import threading
import time

import nbformat
from nbformat.v4 import new_code_cell, new_notebook

N = 20
CELLS = [
    "from labs.sandbox import start\naws = start()",
    "aws.s3.create_bucket(Bucket='bench-bucket', CreateBucketConfiguration="
    "{'LocationConstraint': 'ap-northeast-2'})\n"
    "for i in range(10):\n    aws.s3.put_object(Bucket='bench-bucket', Key=f'notes/{i}.txt', Body=b'hi')",
    "from labs.sandbox import fresh_client\n"
    "keys = [o['Key'] for o in fresh_client('s3').list_objects_v2(Bucket='bench-bucket')['Contents']]\n"
    "assert len(keys) == 10, keys\nprint(len(keys), 'objects')",
]


# The stock kernel warns on every start that loopback TCP is unencrypted (20 copies a run).
QUIET_KERNEL = ["--IPKernelApp.log_level=ERROR"]


def _notebook():
    nb = new_notebook(cells=[new_code_cell(source) for source in CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    return nb


def _row(label, seconds):
    print(f"{label:<44} median {statistics.median(seconds) * 1000:7.0f} ms   "
          f"min {min(seconds) * 1000:7.0f} ms   total {sum(seconds):6.1f} s (N={len(seconds)})")


def bench_nbclient():
    from nbclient import NotebookClient

    times = []
    for _ in range(N):
        started = time.perf_counter()
        NotebookClient(_notebook(), timeout=60, kernel_name="python3", allow_errors=True,
                       extra_arguments=QUIET_KERNEL).execute()
        times.append(time.perf_counter() - started)
    return times


def bench_warm(workers):
    from autograder.executor import WarmExecute, ZygotePool, build_job

    started = time.perf_counter()
    with ZygotePool(workers) as pool:
        print(f"  (zygote pool of {workers} ready in {time.perf_counter() - started:.1f} s, once per run)")
        job = build_job(_notebook(), {}, WarmExecute())
        times, lock, todo = [], threading.Lock(), list(range(N))

        def worker():
            while True:
                with lock:
                    if not todo:
                        return
                    todo.pop()
                t0 = time.perf_counter()
                result = pool.run(job)
                assert result["death"] is None and result["sandboxed"], result
                with lock:
                    times.append(time.perf_counter() - t0)

        wall = time.perf_counter()
        threads = [threading.Thread(target=worker) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return times, time.perf_counter() - wall


def bench_floor():
    from autograder.executor import child, zygote
    from labs import sandbox

    warm = zygote.warm_up(list(zygote.DEFAULT_SERVICES))
    times = []
    for _ in range(N):
        with contextlib.redirect_stdout(io.StringIO()):
            started = time.perf_counter()
            for source in CELLS:
                warm.shell.sink = child._Sink(1 << 20, 1 << 20)
                result = warm.shell.run_cell(source, store_history=True)
                assert result.success, result
            times.append(time.perf_counter() - started)
            sandbox.stop()  # teardown is not timed: a forked child just exits
            warm.shell.reset(new_session=False)
    return times


def main():
    stock = bench_nbclient()
    _row("stock nbclient, fresh kernel per notebook", stock)
    warm1, wall1 = bench_warm(1)
    _row("WarmExecute, 1 zygote (fork + sandbox)", warm1)
    warm2, wall2 = bench_warm(2)
    _row("WarmExecute, 2 zygotes, 2 at a time", warm2)
    floor = bench_floor()
    _row("floor: same cells, one warm process, no fork", floor)
    print(f"class of {N}: stock {sum(stock):.1f} s, warm x1 {wall1:.1f} s, warm x2 {wall2:.1f} s")
    print(f"speed-up per notebook (1 zygote): {statistics.median(stock) / statistics.median(warm1):.1f}x; "
          f"class wall-clock with 2 zygotes: {sum(stock) / wall2:.1f}x")
    print(f"distance from the floor (1 zygote): "
          f"+{(statistics.median(warm1) - statistics.median(floor)) * 1000:.0f} ms per notebook")


if __name__ == "__main__":
    main()
