#!/usr/bin/env python3
"""Reference side of the `transport` benchmark suite (pairs with `mfbench transport`).

Prints one JSON line per case and metric, with the same keys and points as the Swift side:
  w2sq_*      : POT `ot.dist` (squared Euclidean) + `ot.emd2` (exact, Float64), uniform weights
  assignment_2d_256 : scipy `linear_sum_assignment` on 256 x 256 squared-distance matrices
  mmd_50d_5000 : biased MMD^2 in numpy float32, mean of RBF kernels over the default gammas
Needs numpy and pot (POT brings scipy): `python3 -m venv .venv-bench && .venv-bench/bin/pip install pot numpy`.
"""
import os
import time

import numpy as np
import ot
from scipy.optimize import linear_sum_assignment

from common import emit as emit_record, quick

GAMMAS = [2, 1, 0.5, 0.1, 0.01, 0.005]
MASK = (1 << 64) - 1


def points(n, d, seed, shift):
    """n x d normals + shift from counter-based SplitMix64 and Box-Muller (as benchPoints in Swift)."""
    k = np.arange(1, 2 * n * d + 1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        z = np.uint64(seed) + k * np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z = z ^ (z >> np.uint64(31))
    u = (z >> np.uint64(11)).astype(np.float64) * 2.0 ** -53
    u1, u2 = u[0::2], u[1::2]
    normals = np.sqrt(-2 * np.log(1 - u1)) * np.cos(2 * np.pi * u2) + shift
    return normals.reshape(n, d)


def best_time(repeats, body):
    best, value = float("inf"), None
    for _ in range(repeats):
        start = time.perf_counter()
        value = body()
        best = min(best, time.perf_counter() - start)
    return best, value


def emit(name, metric, value, unit):
    emit_record("transport", name, metric, float(value), unit, higher_is_better=False)


def selected(name):
    """MFBENCH_CASES=a,b runs only those cases (all when unset), as on the Swift side."""
    cases = os.environ.get("MFBENCH_CASES")
    return cases is None or name in cases.split(",")


def w2sq(x, y):
    m = ot.dist(x, y, metric="sqeuclidean")
    return ot.emd2(ot.unif(len(x)), ot.unif(len(y)), m, numItermax=10**9)


def mmd_float32(x, y):
    x, y = x.astype(np.float32), y.astype(np.float32)

    def sq(a, b):
        d = (a * a).sum(1)[:, None] + (b * b).sum(1)[None, :] - 2 * a @ b.T
        return np.maximum(d, 0)

    dxx, dyy, dxy = sq(x, x), sq(y, y), sq(x, y)
    return np.mean([np.exp(-g * dxx).mean() + np.exp(-g * dyy).mean() - 2 * np.exp(-g * dxy).mean()
                    for g in GAMMAS])


def main():
    for d in (2, 50):
        for n, m in ((1000, 1000), (2000, 2000), (4000, 4000), (2000, 1500)):
            name = f"w2sq_{d}d_{n}x{m}"
            if not selected(name):
                continue
            x, y = points(n, d, 1, 0.0), points(m, d, 2, 0.5)
            seconds, value = best_time(3 if n * m <= 4_000_000 and not quick() else 1, lambda: w2sq(x, y))
            emit(name, "time", seconds * 1000, "ms")
            emit(name, "value", value, "")

    if selected("assignment_2d_256"):
        bench_assignment()
    if selected("mmd_50d_5000"):
        bench_mmd()


def bench_assignment():
    pairs = [(points(256, 2, 100 + 2 * b, 0.0).astype(np.float32), points(256, 2, 101 + 2 * b, 0.5).astype(np.float32))
             for b in range(50)]

    def assign_all():
        total = 0.0
        for x0, x1 in pairs:
            a, b = x0.astype(np.float64), x1.astype(np.float64)
            c = ((a[:, None, :] - b[None, :, :]) ** 2).sum(-1)
            rows, cols = linear_sum_assignment(c)
            total += c[rows, cols].mean()
        return total / len(pairs)

    seconds, value = best_time(3, assign_all)
    emit("assignment_2d_256", "time", seconds * 1000 / len(pairs), "ms")
    emit("assignment_2d_256", "value", value, "")


def bench_mmd():
    x, y = points(5000, 50, 3, 0.0), points(5000, 50, 4, 0.1)
    seconds, value = best_time(3, lambda: mmd_float32(x, y))
    emit("mmd_50d_5000", "time", seconds * 1000, "ms")
    emit("mmd_50d_5000", "value", value, "")


if __name__ == "__main__":
    main()
