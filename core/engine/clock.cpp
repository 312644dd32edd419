// SPDX-License-Identifier: MIT
#include "clock.h"

#include <QDateTime>

#include <time.h>

namespace HealthDesk {

qint64 SystemClock::monotonicNs() const
{
    timespec ts{};
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return qint64(ts.tv_sec) * 1'000'000'000 + ts.tv_nsec;
}

qint64 SystemClock::wallMs() const
{
    return QDateTime::currentMSecsSinceEpoch();
}

const SystemClock &SystemClock::instance()
{
    static const SystemClock clock;
    return clock;
}

} // namespace HealthDesk
