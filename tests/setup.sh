#!/usr/bin/env bash
# Sets up everything the test suite needs, from a fresh machine:
#   - Debian's Chromium, for the browser tests (Playwright drives /usr/bin/chromium; it never
#     downloads a browser);
#   - Mermaid and jsdom from npm, for the example site (example_site/package-lock.json) and for
#     our own docs site (package-lock.json at the root);
#   - a virtualenv in .venv with the package and its test dependencies.
# Safe to run again: what is there already is kept.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >/dev/null
fi
command -v node >/dev/null 2>&1 || { echo "setup-tests: Node.js (with npm) is needed" >&2; exit 1; }

npm ci --prefix example_site --no-audit --no-fund --loglevel=error
npm ci --no-audit --no-fund --loglevel=error
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install --quiet --upgrade pip
.venv/bin/pip install --quiet -e ".[test]"
