// SPDX-License-Identifier: MIT
#include "blockingqueries.h"

#include <QDateTime>
#include <QRandomGenerator>

#include <algorithm>
#include <limits>

namespace HealthDesk {

namespace {
qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
} // namespace

BlockingQueries::BlockingQueries(const StateStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &BlockingQueries::handleDeadline);
    connect(&store, &StateStore::indexChanged, this, &BlockingQueries::handleIndexChanged);
}

qint64 BlockingQueries::effectiveWaitMs(qint64 requestedMs)
{
    qint64 timeout = requestedMs <= 0 ? kDefaultWaitMs : std::min(requestedMs, kMaxWaitMs);
    const qint64 jitterRange = timeout / 16;
    if (jitterRange > 0)
        timeout += qint64(QRandomGenerator::global()->bounded(quint64(jitterRange)));
    return timeout;
}

quint64 BlockingQueries::indexOf(quint8 tables) const
{
    quint64 index = 0;
    for (const StoreTable table : {StoreTable::Checks, StoreTable::Services}) {
        if (tables & quint8(table))
            index = std::max(index, m_store.tableIndex(table));
    }
    return index;
}

void BlockingQueries::wait(quint8 tables, quint64 index, qint64 waitMs, QObject *lifetime,
                           std::function<void()> ready)
{
    if (indexOf(tables) > index) {
        ready();
        return;
    }
    Waiter waiter{m_nextId++, tables, index, nowMs() + waitMs, lifetime, lifetime != nullptr, std::move(ready), {}};
    if (lifetime) {
        const quint64 id = waiter.id;
        waiter.lifetimeConnection = connect(lifetime, &QObject::destroyed, this, [this, id] {
            const auto it = std::find_if(m_waiters.begin(), m_waiters.end(), [id](const Waiter &w) { return w.id == id; });
            if (it != m_waiters.end()) {
                *it = std::move(m_waiters.back());
                m_waiters.pop_back();
            }
        });
    }
    const bool earliest = !m_timer.isActive()
        || std::all_of(m_waiters.begin(), m_waiters.end(),
                       [&](const Waiter &w) { return w.deadlineMs >= waiter.deadlineMs; });
    m_waiters.push_back(std::move(waiter));
    if (earliest)
        rearm();
}

void BlockingQueries::handleIndexChanged(quint64 index, StoreTable table)
{
    std::vector<Waiter> released;
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        if ((it->tables & quint8(table)) && index > it->index) {
            released.push_back(std::move(*it));
            *it = std::move(m_waiters.back());
            m_waiters.pop_back();
        } else {
            ++it;
        }
    }
    release(released);
    rearm();
}

void BlockingQueries::handleDeadline()
{
    const qint64 now = nowMs();
    std::vector<Waiter> released;
    for (auto it = m_waiters.begin(); it != m_waiters.end();) {
        if (it->deadlineMs <= now) {
            released.push_back(std::move(*it));
            *it = std::move(m_waiters.back());
            m_waiters.pop_back();
        } else {
            ++it;
        }
    }
    release(released);
    rearm();
}

void BlockingQueries::release(std::vector<Waiter> &released)
{
    for (Waiter &waiter : released) {
        disconnect(waiter.lifetimeConnection);
        if (waiter.hasLifetime && !waiter.lifetime)
            continue; // the client left between the change and now
        waiter.ready();
    }
}

void BlockingQueries::rearm()
{
    if (m_waiters.empty()) {
        m_timer.stop();
        return;
    }
    qint64 earliest = std::numeric_limits<qint64>::max();
    for (const Waiter &waiter : m_waiters)
        earliest = std::min(earliest, waiter.deadlineMs);
    m_timer.start(int(std::clamp<qint64>(earliest - nowMs(), 0, std::numeric_limits<int>::max())));
}

} // namespace HealthDesk
