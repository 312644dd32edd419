// SPDX-License-Identifier: MIT
#pragma once

#include "engine/proberesult.h"

#include <optional>

namespace HealthDesk {
class Probe;
}

namespace HealthDesk::Test {

/// Starts one run of `probe` and waits (spinning the event loop) for its result; nullopt when
/// none arrived within `timeoutMs`.
std::optional<ProbeResult> runProbe(Probe &probe, int timeoutMs = 15'000);

/// Current resident set size of this process, in bytes (from /proc/self/statm).
qint64 residentBytes();

} // namespace HealthDesk::Test
