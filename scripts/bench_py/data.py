"""Python reference for the `data` suite of scripts/bench (see Sources/mfbench/DataBench.swift).

Case csv_1m_x50: load the 1,000,000-row x 50-feature CSV (plus a condition column) that mfbench
writes to $TMPDIR/mfbench_csv_1000000_x50.csv, as float32, with pandas.read_csv (C engine) when pandas
is installed, otherwise numpy.loadtxt. Reports wall time and the process's peak RSS.
"""
import os
import resource
import sys
import time

import numpy as np

from common import emit, quick

ROWS, FEATURES = (50_000 if quick() else 1_000_000), 50


def write_file(path):
    """Same layout as the Swift side (values differ; only the timing is compared)."""
    rng = np.random.default_rng(42)
    with open(path + ".partial", "w") as f:
        f.write("cond," + ",".join(f"f{i + 1}" for i in range(FEATURES)) + "\n")
        for _ in range(ROWS // 10_000):
            x = rng.standard_normal((10_000, FEATURES)).astype(np.float32)
            conds = rng.integers(0, 10, 10_000)
            f.write("\n".join(f"c{c}," + ",".join(map(str, row)) for c, row in zip(conds, x.tolist())) + "\n")
    os.rename(path + ".partial", path)


def load(path):
    try:
        import pandas as pd
        frame = pd.read_csv(path, dtype={f"f{i + 1}": np.float32 for i in range(FEATURES)})
        return "pandas.read_csv", frame.iloc[:, 1:].to_numpy()
    except ImportError:
        return "numpy.loadtxt", np.loadtxt(path, delimiter=",", skiprows=1, usecols=range(1, FEATURES + 1),
                                           dtype=np.float32)


def main():
    path = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"mfbench_csv_{ROWS}_x50.csv")
    if not os.path.exists(path):
        write_file(path)
    start = time.perf_counter()
    tool, points = load(path)
    seconds = time.perf_counter() - start
    assert points.shape == (ROWS, FEATURES), points.shape
    emit("data", "csv_1m_x50", "load_s", seconds, "s", higher_is_better=False, tool=tool)
    emit("data", "csv_1m_x50", "peak_rss_mb", resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, "MB",
         higher_is_better=False, tool=tool)


if __name__ == "__main__":
    sys.exit(main())
