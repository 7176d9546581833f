#!/usr/bin/env bash
# Creates (once) target/sklearn-venv with scikit-learn, writes the benchmark corpus if it is
# missing, and runs scikit-learn's side of the TF-IDF benchmark.
set -euo pipefail
cd "$(dirname "$0")/../.."
venv=target/sklearn-venv
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import sklearn" 2>/dev/null; then
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check scikit-learn
fi
[ -d target/bench-data/sotu_paragraphs ] || node scripts/make-text-benchmark.mjs
"$venv/bin/python" scripts/text_bench/bench_sklearn.py "$@"
