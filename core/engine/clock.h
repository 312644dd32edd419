// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace HealthDesk {

/// Time source injected into everything that schedules or timestamps, so tests can advance time
/// instead of sleeping.
class Clock
{
public:
    virtual ~Clock() = default;
    /// Monotonic nanoseconds (CLOCK_MONOTONIC); only differences are meaningful.
    virtual qint64 monotonicNs() const = 0;
    /// Wall-clock milliseconds since the Unix epoch, UTC.
    virtual qint64 wallMs() const = 0;
};

/// The real clock.
class SystemClock final : public Clock
{
public:
    qint64 monotonicNs() const override;
    qint64 wallMs() const override;
    /// A process-wide instance for production wiring.
    static const SystemClock &instance();
};

} // namespace HealthDesk
