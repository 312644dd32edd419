// SPDX-License-Identifier: MIT
#include "fakeclock.h"

namespace HealthDesk::Test {

FakeClock::FakeClock(qint64 wallMs, qint64 monotonicNs)
    : m_wallMs(wallMs)
    , m_monotonicNs(monotonicNs)
{
}

void FakeClock::advanceMs(qint64 ms)
{
    m_wallMs += ms;
    m_monotonicNs += ms * 1'000'000;
}

} // namespace HealthDesk::Test
