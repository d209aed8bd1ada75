#!/usr/bin/env bash
# The browser tests drive Debian's Chromium (Playwright's own browser download is not
# used). Installs it with apt-get when missing; needs root or sudo. Also Info-ZIP's zip:
# the import tests make password-protected (ZipCrypto) zip files with it, as senders do.
set -euo pipefail
if [ -x /usr/bin/chromium ] && command -v zip >/dev/null; then
  exit 0
fi
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends chromium fonts-noto-cjk zip >/dev/null
