"""scikit-learn's side of the PCA benchmark: 200,000 x 28, regular mode, 5 components.

The lab's regular mode forms the covariance matrix and takes its symmetric
eigendecomposition, so the like-for-like reference is scikit-learn's
PCA(svd_solver="covariance_eigh") (scikit-learn >= 1.5), which does the same. The full SVD
solver is timed too, for scale. The data is read once; only fit() is timed (the lab's
fit_ms metric likewise times the fit on a matrix already in the worker), best and median of
--repeat runs, one thread (OMP/BLAS threads pinned to 1, as the lab's one worker).
"""
import argparse
import os

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[var] = "1"

import time  # noqa: E402

import numpy as np  # noqa: E402
import sklearn  # noqa: E402
from sklearn.decomposition import PCA  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default="target/bench-data/pca_200k_28d.csv")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    x = np.loadtxt(args.data, delimiter=",", skiprows=1)
    print(f"scikit-learn {sklearn.__version__}, numpy {np.__version__}, data {x.shape[0]} x {x.shape[1]}")
    for solver in ("covariance_eigh", "full"):
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            model = PCA(n_components=5, svd_solver=solver).fit(x)
            times.append(time.perf_counter() - start)
        times.sort()
        ratios = ", ".join(f"{r:.6f}" for r in model.explained_variance_ratio_)
        print(
            f"PCA(svd_solver={solver!r}) fit: best {times[0] * 1000:.1f} ms, "
            f"median {times[len(times) // 2] * 1000:.1f} ms; ratios {ratios}"
        )


if __name__ == "__main__":
    main()
