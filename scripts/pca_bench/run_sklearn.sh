#!/usr/bin/env bash
# scikit-learn's side of the PCA benchmark (issue 6), on the file the native bench writes
# (`cargo bench --bench kernels -- pca` writes it when it is missing).
set -euo pipefail
cd "$(dirname "$0")/../.."
python="$(bash scripts/sklearn_venv.sh)"
[ -f target/bench-data/pca_200k_28d.csv ] || cargo bench --bench kernels -- pca
"$python" scripts/pca_bench/bench_sklearn.py "$@"
