#!/usr/bin/env bash
# Set up (packages, Debian Chromium for the browser tests) and run every test.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev
scripts/install-chromium.sh
exec .venv/bin/python -m pytest "$@"
