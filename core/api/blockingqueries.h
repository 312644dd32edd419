// SPDX-License-Identifier: MIT
#pragma once

#include "store/statestore.h"

#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <vector>

namespace HealthDesk {

/// Holds blocking queries (CONSUL.md §5.1–5.2) until the index of the table they read moves past
/// the index they sent, or their wait runs out. One timer for all deadlines; a waiter whose
/// client went away (its lifetime object was destroyed) is dropped without a trace.
class BlockingQueries final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BlockingQueries)

public:
    static constexpr qint64 kDefaultWaitMs = 5 * 60 * 1000;
    static constexpr qint64 kMaxWaitMs = 10 * 60 * 1000;

    explicit BlockingQueries(const StateStore &store, QObject *parent = nullptr);

    /// Consul's timeout rule: `wait` ≤ 0 → 5 min, capped at 10 min, plus jitter in [0, t/16).
    static qint64 effectiveWaitMs(qint64 requestedMs);

    /// A set of tables, e.g. `tablesMask(StoreTable::Checks) | tablesMask(StoreTable::Services)`.
    static constexpr quint8 tablesMask(StoreTable table) { return quint8(table); }
    /// The index a query over `tables` reports: the highest of their indexes.
    quint64 indexOf(quint8 tables) const;

    /// Calls `ready` once, on this thread: at once when the tables' index is already past
    /// `index`, else on the first change to one of them or when `waitMs` has passed.
    void wait(quint8 tables, quint64 index, qint64 waitMs, QObject *lifetime, std::function<void()> ready);
    int heldCount() const { return int(m_waiters.size()); }

private:
    struct Waiter
    {
        quint64 id;
        quint8 tables;
        quint64 index;
        qint64 deadlineMs;
        QPointer<QObject> lifetime;
        bool hasLifetime;
        std::function<void()> ready;
        QMetaObject::Connection lifetimeConnection;
    };
    void handleIndexChanged(quint64 index, StoreTable table);
    void handleDeadline();
    void rearm();
    void release(std::vector<Waiter> &released);

    const StateStore &m_store;
    std::vector<Waiter> m_waiters;
    QTimer m_timer;
    quint64 m_nextId = 1;
};

} // namespace HealthDesk
