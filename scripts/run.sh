#!/usr/bin/env bash
# Quick start: install, build, and start HealthDesk on the bundled example config.
# Extra arguments go to healthdesk (e.g. --headless, --once).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
scripts/build.sh
exec "${BUILD_DIR:-build}/app/healthdesk" --config-dir resources/examples "$@"
