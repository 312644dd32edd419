// SPDX-License-Identifier: MIT
#pragma once

#include <QObject>
#include <QTimer>

#include <functional>
#include <vector>

namespace HealthDesk {

class Clock;

/// One precise timer over a deadline heap: thousands of checks cost one QTimer, and due times
/// are not subject to coarse-timer slack (up to 5 % of the interval).
///
/// Entries are identified by (key, token); cancelling is lazy: the owner bumps its token and
/// ignores fired entries whose token is stale, so the heap never needs searching.
class Scheduler final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Scheduler)

public:
    /// Called for every due entry, in due order.
    using DueHandler = std::function<void(quint32 key, quint32 token, qint64 dueNs)>;

    Scheduler(const Clock &clock, DueHandler handler, QObject *parent = nullptr);

    void schedule(qint64 dueNs, quint32 key, quint32 token);
    /// Runs every entry due by the clock's now. The timer calls it; tests with a FakeClock call it
    /// after advancing time.
    void processDue();
    std::size_t pendingCount() const { return m_heap.size(); }
    void clear();

private:
    struct Entry
    {
        qint64 dueNs;
        quint32 key;
        quint32 token;
    };
    void rearm();

    const Clock &m_clock;
    DueHandler m_handler;
    std::vector<Entry> m_heap;
    QTimer m_timer;
    qint64 m_armedForNs = 0;
    bool m_processing = false;
};

} // namespace HealthDesk
