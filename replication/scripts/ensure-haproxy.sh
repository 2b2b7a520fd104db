#!/usr/bin/env bash
# Makes sure Debian's HAProxy is installed for the replication tests (the balancer in front of the
# replicas). Installs it with apt-get when missing (CI and developer machines run as root); exits
# non-zero, failing the build, when it cannot be installed: the tests never pass silently.
set -euo pipefail
if command -v haproxy >/dev/null 2>&1; then
  echo "ensure-haproxy: $(haproxy -v | head -1)"
  exit 0
fi
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo -n"; else
    echo "ensure-haproxy: haproxy is missing and this user cannot install packages; install it with: apt-get install haproxy" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
echo "ensure-haproxy: installing haproxy with apt-get"
if ! $SUDO apt-get install -y -q haproxy; then
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q haproxy
fi
command -v haproxy >/dev/null 2>&1 || { echo "ensure-haproxy: haproxy still missing after apt-get install" >&2; exit 1; }
haproxy -v | head -1
