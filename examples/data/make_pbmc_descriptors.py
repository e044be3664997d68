"""Builds pbmc_descriptors.csv: one descriptor row per PBMC cell type.

Each cell type of the PBMC 68k (reduced) fixture is described by the mean log-normalised
expression of 16 canonical PBMC marker genes over its cells. Input: the cells as mfsh writes them,

    cells = load "Tests/Fixtures/pbmc/pbmc68k_raw_csr.h5ad" use="X" condition="bulk_labels"
    save cells "cells.csv"

then `python3 examples/data/make_pbmc_descriptors.py cells.csv examples/data/pbmc_descriptors.csv`.
Standard library only.
"""
import csv
import sys

# T cells, helper/cytotoxic, naive; B cells; monocytes; NK; dendritic; progenitors; MHC-II.
MARKERS = ["CD3E", "CD4", "CD8A", "IL7R", "CCR7", "MS4A1", "CD79A", "LYZ", "S100A8", "FCGR3A",
           "GNLY", "NKG7", "FCER1A", "CST3", "PRSS57", "HLA-DRA"]


def main(cells_path, out_path):
    sums, counts = {}, {}
    with open(cells_path, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        columns = [header.index(m) for m in MARKERS]
        for row in rows:
            label = row[0]
            totals = sums.setdefault(label, [0.0] * len(MARKERS))
            for i, c in enumerate(columns):
                totals[i] += float(row[c])
            counts[label] = counts.get(label, 0) + 1
    with open(out_path, "w", newline="") as f:
        out = csv.writer(f, lineterminator="\n")
        out.writerow([header[0]] + MARKERS)
        for label in sorted(sums):
            out.writerow([label] + ["%.4f" % (s / counts[label]) for s in sums[label]])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
