#!/usr/bin/env bash
# Installs everything HealthDesk needs to build, run and test on Debian 12.
# Idempotent: does nothing when every package is already present.
set -euo pipefail

packages=(
    build-essential cmake ninja-build file ccache pkg-config
    qt6-base-dev qt6-base-dev-tools libqt6sql6-sqlite qt6-qpa-plugins libgl-dev
    libhttp-parser-dev zlib1g-dev
    xvfb xauth
    # tests: real clients and local servers
    python3 python3-consul curl openssl nginx-light libnginx-mod-http-echo
)
if [[ "${HEALTHDESK_BENCH_DEPS:-0}" == 1 ]]; then
    packages+=(wrk hyperfine prometheus-blackbox-exporter monitoring-plugins-basic)
fi

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

sudo=()
[[ $(id -u) -ne 0 ]] && sudo=(sudo)
echo "Installing: ${missing[*]}"
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
