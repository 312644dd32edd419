#!/usr/bin/env bash
# Builds the libFuzzer targets with Debian's clang and runs each for a bounded time, isolated
# from the network (a fresh network namespace with nothing but a down loopback), starting from
# the seed corpus in tests/fuzz/corpus. Usage: scripts/fuzz.sh [seconds per target, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
scripts/install-deps.sh
if ! command -v clang++-14 >/dev/null || ! dpkg-query -W libclang-rt-14-dev >/dev/null 2>&1; then
    sudo=(); [[ $(id -u) -ne 0 ]] && sudo=(sudo)
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq clang-14 libclang-rt-14-dev
fi
build=${BUILD_DIR:-build-fuzz}
CC=clang-14 CXX=clang++-14 cmake -S . -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DHEALTHDESK_FUZZ=ON \
    -DCMAKE_CXX_FLAGS="-fsanitize=address,undefined -fsanitize=fuzzer-no-link -fno-omit-frame-pointer" >/dev/null
cmake --build "$build" --target fuzz_http_api fuzz_check_json
out=${FUZZ_OUT:-$build/fuzz-results}
mkdir -p "$out"
for target in fuzz_http_api fuzz_check_json; do
    corpus="$out/corpus-$target"
    mkdir -p "$corpus"
    seeds=tests/fuzz/corpus/${target#fuzz_}
    [[ $target == fuzz_http_api ]] && seeds=tests/fuzz/corpus/http
    [[ $target == fuzz_check_json ]] && seeds=tests/fuzz/corpus/checkjson
    echo "== $target for ${seconds}s"
    unshare --net -- "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=4096 \
        -artifact_prefix="$out/$target-" -print_final_stats=1 "$corpus" "$seeds" 2>&1 | tee "$out/$target.log" |
        grep -E "^#[0-9]+.*(DONE|pulse)|stat::|ERROR|SUMMARY" || true
done
echo "logs and any crash artifacts: $out"
