#!/usr/bin/env bash
# Creates (once) a Python virtual environment with xgboost and numpy for the export check
# and the xgboost benchmark. Idempotent and quiet: does nothing when the packages import.
# Usage: scripts/xgboost_check/setup_venv.sh [VENV_DIR]   (default: target/xgboost-venv)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="${1:-${XGBOOST_CHECK_VENV:-$repo/target/xgboost-venv}}"

if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import xgboost, numpy" 2>/dev/null; then
  exit 0
fi
mkdir -p "$(dirname "$venv")"
python3 -m venv "$venv"
# xgboost-cpu is xgboost's official CPU-only wheel: the same Booster and version, without the
# full wheel's NVIDIA NCCL dependency (hundreds of MB this check never uses).
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "xgboost-cpu>=3.0" numpy
"$venv/bin/python" -c "import xgboost, numpy"
