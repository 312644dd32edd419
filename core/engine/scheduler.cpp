// SPDX-License-Identifier: MIT
#include "scheduler.h"

#include "clock.h"

#include <algorithm>
#include <limits>

namespace HealthDesk {

namespace {
// std heap functions build a max-heap; invert to keep the earliest deadline on top.
constexpr auto kLaterFirst = [](const auto &a, const auto &b) { return a.dueNs > b.dueNs; };
} // namespace

Scheduler::Scheduler(const Clock &clock, DueHandler handler, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_handler(std::move(handler))
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &Scheduler::processDue);
}

void Scheduler::schedule(qint64 dueNs, quint32 key, quint32 token)
{
    m_heap.push_back({dueNs, key, token});
    std::push_heap(m_heap.begin(), m_heap.end(), kLaterFirst);
    if (!m_processing && (!m_timer.isActive() || dueNs < m_armedForNs))
        rearm();
}

void Scheduler::processDue()
{
    m_processing = true;
    const qint64 now = m_clock.monotonicNs();
    while (!m_heap.empty() && m_heap.front().dueNs <= now) {
        std::pop_heap(m_heap.begin(), m_heap.end(), kLaterFirst);
        const Entry entry = m_heap.back();
        m_heap.pop_back();
        m_handler(entry.key, entry.token, entry.dueNs);
    }
    m_processing = false;
    rearm();
}

void Scheduler::clear()
{
    m_heap.clear();
    m_timer.stop();
}

void Scheduler::rearm()
{
    if (m_heap.empty()) {
        m_timer.stop();
        return;
    }
    m_armedForNs = m_heap.front().dueNs;
    const qint64 remainingNs = m_armedForNs - m_clock.monotonicNs();
    // Round up: firing a fraction of a millisecond early would only re-arm a 0 ms timer.
    const qint64 ms = remainingNs <= 0 ? 0 : (remainingNs + 999'999) / 1'000'000;
    m_timer.start(int(std::min<qint64>(ms, std::numeric_limits<int>::max())));
}

} // namespace HealthDesk
