#!/usr/bin/env bash
# Set up (first time only) and open Repay Planner at http://127.0.0.1:8501
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh
exec .venv/bin/streamlit run server.py "$@"
