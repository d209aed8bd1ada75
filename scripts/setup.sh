#!/usr/bin/env bash
# Create .venv/ and install the locked packages (runtime, or runtime + test with --dev).
# Safe to run again: it reinstalls only when the lock file changed.
set -euo pipefail
cd "$(dirname "$0")/.."
lock=requirements.lock
[ "${1:-}" = "--dev" ] && lock=requirements-dev.lock
python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
stamp=".venv/.installed-$(basename "$lock")"
want=$(sha256sum "$lock" pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
  # uv (pinned in requirements-uv.lock) installs the same locked, hash-checked packages as pip
  # would, downloading them in parallel: about 30 s on a clean clone instead of about 5 minutes.
  # Where uv cannot be installed, pip does it all.
  if "${pip[@]}" --require-hashes -r requirements-uv.lock; then
    install=(.venv/bin/uv pip install --quiet --python .venv/bin/python)
  else
    "${pip[@]}" --upgrade pip
    install=("${pip[@]}")
  fi
  "${install[@]}" --require-hashes -r "$lock"
  # The project itself, editable: the `repay-planner` command, usable from any folder.
  "${install[@]}" --no-deps -e .
  echo "$want" > "$stamp"
fi
# The app's own modules compiled ahead, as pip does for the packages: the first page after
# a start does not wait for Python to compile them (environments with PYTHONDONTWRITEBYTECODE
# would otherwise compile them on every start). Only changed files are compiled again.
.venv/bin/python -m compileall -q app.py server.py core ui app_pages >/dev/null
