#!/bin/sh
# Installs the real Python and JavaScript clients that RealClientsIT (server module) runs against
# a server loaded with real files: SPARQLWrapper and rdflib from Debian's packages (for
# /usr/bin/python3, not a pyenv or virtualenv Python) and jsonstat-toolkit from npm into
# TARGET/node_modules (default ./target/clients). Exits 0 when all three are usable afterwards,
# 1 (with the reason on stderr) when they cannot be installed, e.g. without network or root.
set -u
TARGET=${1:-target/clients}
PY=/usr/bin/python3

have_python() { "$PY" -c 'import SPARQLWrapper, rdflib' 2>/dev/null; }

if ! have_python; then
  SUDO=""
  if [ "$(id -u)" != "0" ]; then
    if command -v sudo >/dev/null && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
      echo "install-clients: python3-sparqlwrapper and python3-rdflib are missing and this user cannot apt-get install them" >&2
      exit 1
    fi
  fi
  echo "install-clients: installing python3-sparqlwrapper and python3-rdflib with apt-get" >&2
  if ! $SUDO apt-get install -y -q python3-sparqlwrapper python3-rdflib >&2; then
    $SUDO apt-get update -q >&2 && $SUDO apt-get install -y -q python3-sparqlwrapper python3-rdflib >&2
  fi
  have_python || { echo "install-clients: SPARQLWrapper or rdflib still missing for $PY after apt-get install" >&2; exit 1; }
fi

if [ ! -f "$TARGET/node_modules/jsonstat-toolkit/package.json" ]; then
  command -v npm >/dev/null || { echo "install-clients: npm is missing (Debian: apt-get install npm, or Node.js 18+)" >&2; exit 1; }
  mkdir -p "$TARGET"
  echo "install-clients: installing jsonstat-toolkit from npm into $TARGET" >&2
  npm install --silent --no-audit --no-fund --prefix "$TARGET" jsonstat-toolkit@2 >&2 \
    || { echo "install-clients: npm install jsonstat-toolkit failed" >&2; exit 1; }
fi
exit 0
