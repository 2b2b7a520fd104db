#!/usr/bin/env bash
# Makes sure Debian's Chromium and its WebDriver are installed for the browser tests.
# Installs them with apt-get when either is missing (CI and developer machines run as root);
# exits non-zero, failing the build, when they cannot be installed: the tests never pass silently.
set -euo pipefail
if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
  echo "ensure-chromium: $(/usr/bin/chromium --version 2>/dev/null | head -1); $(/usr/bin/chromedriver --version | head -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-chromium: /usr/bin/chromium or /usr/bin/chromedriver is missing and this user cannot install packages." >&2
    echo "ensure-chromium: install them with: apt-get install chromium chromium-driver" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "ensure-chromium: installing chromium and chromium-driver with apt-get"
if ! $SUDO apt-get install -y -q chromium chromium-driver; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q chromium chromium-driver
fi
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  echo "ensure-chromium: chromium or chromedriver still missing after apt-get install" >&2
  exit 1
fi
/usr/bin/chromedriver --version
