"""The real anndata package as a test peer for mfsh's .h5ad reading and writing.

    python anndata_peer.py write DIR     # write the fixture files mfsh loads (see write_fixtures)
    python anndata_peer.py describe FILE # print what anndata reads from FILE, as JSON

Run by Tests/RuntimeTests/AnnDataPeerTests.swift with the virtual environment it makes under
.build/pyenv (anndata from PyPI).
"""
import json
import sys

import anndata as ad
import numpy as np
import pandas as pd
import scipy.sparse as sp


def fixture_obs():
    return pd.DataFrame(
        {
            "cell_type": pd.Categorical(["T", "B", None, "T", "NK", "B"], categories=["B", "NK", "T"]),
            "flag": [True, False, True, True, False, False],
            "n": pd.array([1, None, 3, 3, 16777216, 16777217], dtype="Int64"),
            "b": pd.array([True, None, False, True, False, True], dtype="boolean"),
            "dose": [0.1, 0.2, 0.1, 0.3, 0.2, 0.1],
            "dose32": np.array([0.1, 0.2, 0.1, 0.3, 0.2, 0.1], dtype=np.float32),
            "big": np.array([16777216, 16777217, 16777216, 1, 1, 16777217], dtype=np.int64),
        },
        index=[f"cell{i}" for i in range(6)],
    )


def fixture_var():
    return pd.DataFrame(
        {"highly_variable": [True, False, True, True], "means": [0.5, 1.5, 2.5, 3.5]},
        index=["CD3E", "MS4A1", "CD3E", "NKG7"],  # CD3E twice: mfsh makes it unique as anndata does
    )


def fixture_x():
    return (np.arange(24, dtype=np.float32).reshape(6, 4) / 4 + 0.1).astype(np.float32)


def write_fixtures(directory):
    x = fixture_x()
    counts = sp.csr_matrix(np.round(x * 3))
    for name, matrix in [("dense", x), ("csr", sp.csr_matrix(x)), ("csc", sp.csc_matrix(x))]:
        adata = ad.AnnData(X=matrix, obs=fixture_obs(), var=fixture_var(), layers={"counts": counts})
        adata.write_h5ad(f"{directory}/{name}.h5ad")
    with_nan = x.copy()
    with_nan[2, 1] = np.nan
    ad.AnnData(X=with_nan, obs=fixture_obs(), var=fixture_var()).write_h5ad(f"{directory}/nan_x.h5ad")
    empty = ad.AnnData(X=np.zeros((0, 4), dtype=np.float32), var=fixture_var())
    empty.write_h5ad(f"{directory}/no_cells.h5ad")


def describe(path):
    adata = ad.read_h5ad(path)
    obs = {}
    for column in adata.obs.columns:
        series = adata.obs[column]
        if isinstance(series.dtype, pd.CategoricalDtype):
            obs[column] = {
                "categories": [c.item() if hasattr(c, "item") else c for c in series.cat.categories],
                "codes": series.cat.codes.astype(int).tolist(),
            }
        else:
            obs[column] = {"values": series.tolist()}
    x = adata.X.toarray() if sp.issparse(adata.X) else np.asarray(adata.X)
    print(json.dumps({
        "shape": list(adata.shape),
        "x_dtype": str(x.dtype),
        "x": x.astype(float).tolist(),
        "obs_names": adata.obs_names.tolist(),
        "var_names": adata.var_names.tolist(),
        "obs": obs,
        "uns": {key: (value.item() if hasattr(value, "item") else value) for key, value in adata.uns.items()},
    }))


if __name__ == "__main__":
    command, target = sys.argv[1], sys.argv[2]
    if command == "write":
        write_fixtures(target)
    elif command == "describe":
        describe(target)
    else:
        sys.exit(f"unknown command {command}")
