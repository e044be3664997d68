"""Shared helpers for the Python reference side of scripts/bench.

Every suite module prints one JSON object per line with the keys
suite, case, metric, value, unit, higher_is_better -- the same keys mfbench prints -- so the
driver can pair the two sides by (suite, case, metric).
"""
import json
import os
import sys
import time


def threads_from_env():
    """The thread count the driver asks both sides to use (MFBENCH_THREADS, default 2)."""
    return int(os.environ.get("MFBENCH_THREADS", "2"))


def quick():
    """MFBENCH_QUICK=1 shortens every measurement (for checking the plumbing, not for numbers)."""
    return os.environ.get("MFBENCH_QUICK", "0") == "1"


def emit(suite, case, metric, value, unit, higher_is_better=True, **extra):
    record = {"suite": suite, "case": case, "metric": metric, "value": value,
              "unit": unit, "higher_is_better": higher_is_better}
    record.update(extra)
    print(json.dumps(record), flush=True)


def rate(run_once, min_seconds=2.0, warmup=20):
    """Calls run_once() repeatedly for at least min_seconds after `warmup` calls; returns the
    best of three calls-per-second measurements (best-of damps noise from other processes)."""
    if quick():
        min_seconds, warmup = 0.2, 2
    for _ in range(warmup):
        run_once()
    best = 0.0
    for _ in range(3):
        count, start = 0, time.perf_counter()
        while True:
            run_once()
            count += 1
            elapsed = time.perf_counter() - start
            if elapsed >= min_seconds / 3:
                break
        best = max(best, count / elapsed)
    return best


def log(message):
    print(message, file=sys.stderr, flush=True)
