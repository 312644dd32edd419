// SPDX-License-Identifier: MIT
#pragma once

#include "engine/clock.h"

namespace HealthDesk::Test {

/// A clock that only moves when told to.
class FakeClock final : public Clock
{
public:
    explicit FakeClock(qint64 wallMs = 1'700'000'000'000, qint64 monotonicNs = 1'000'000'000);
    qint64 monotonicNs() const override { return m_monotonicNs; }
    qint64 wallMs() const override { return m_wallMs; }
    void advanceMs(qint64 ms);

private:
    qint64 m_wallMs;
    qint64 m_monotonicNs;
};

} // namespace HealthDesk::Test
