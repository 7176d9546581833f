#!/usr/bin/env bash
# Writes the benchmark corpus if it is missing and runs scikit-learn's side of the TF-IDF
# benchmark (in target/sklearn-venv).
set -euo pipefail
cd "$(dirname "$0")/../.."
python="$(bash scripts/sklearn_venv.sh)"
[ -d target/bench-data/sotu_paragraphs ] || node scripts/make-text-benchmark.mjs
"$python" scripts/text_bench/bench_sklearn.py "$@"
