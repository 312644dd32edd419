// SPDX-License-Identifier: MIT
#pragma once

#include "proberesult.h"

namespace HealthDesk {

/// Where the engine sends what its checks produce. The agent's sink is the state store; `--once`
/// and benchmarks use their own.
class ResultSink
{
public:
    virtual ~ResultSink() = default;
    /// Every finished run, before thresholds.
    virtual void recordRun(const QString &checkId, const ProbeResult &result, qint64 finishedMs) = 0;
    /// A state to show: after thresholds, or a TTL update/expiry.
    virtual void publish(const QString &checkId, CheckStatus status, const QString &output) = 0;
    /// TTL checks: when the TTL runs out (wall ms), so a restart can restore an unexpired state.
    virtual void setTtlExpiry(const QString &checkId, qint64 expiresMs) = 0;
};

} // namespace HealthDesk
