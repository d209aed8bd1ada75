#!/usr/bin/env bash
# Set up (packages, Debian Chromium for the browser tests) and run every test.
set -euo pipefail
cd "$(dirname "$0")"
scripts/setup.sh --dev
scripts/install-chromium.sh
# On every core (pytest-xdist): each worker has its own servers, browser and temporary folders.
# A worker that is free takes tests from a busy one (worksteal), as the tests' lengths vary a
# lot. `./test.sh -n 0 ...` runs them in this process, one after another.
exec .venv/bin/python -m pytest -n auto --dist worksteal "$@"
