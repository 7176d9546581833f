#!/usr/bin/env bash
# Creates (once) target/sklearn-venv with scikit-learn for the benchmarks' reference side and
# prints its python. Usage: python="$(bash scripts/sklearn_venv.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/sklearn-venv
if ! [ -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import sklearn" 2>/dev/null; then
  python3 -m venv "$venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check scikit-learn >&2
fi
echo "$PWD/$venv/bin/python"
