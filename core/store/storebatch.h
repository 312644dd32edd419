// SPDX-License-Identifier: MIT
#pragma once

#include "checkstate.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <algorithm>
#include <optional>

// Value types that cross from the store's owner thread to its writer thread and back.

namespace HealthDesk {

/// The write-behind part of one check: its check_state columns and its index columns.
struct StateRow
{
    QString checkId;
    CheckStatus status = CheckStatus::Critical;
    QString output;
    QString catalogOutput;
    qint64 lastRunMs = 0;
    qint64 lastChangeMs = 0;
    qint64 latencyUs = 0;
    int lastCode = -1;
    qint64 ttlExpiresMs = 0;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;

    friend bool operator==(const StateRow &, const StateRow &) = default;

    static StateRow of(const CheckState &state)
    {
        return {state.id(), state.status, state.output, state.catalogOutput, state.lastRunMs, state.lastChangeMs,
            state.latencyUs, state.lastCode, state.ttlExpiresMs, state.createIndex, state.modifyIndex};
    }
};

/// The index columns of one service (the definition itself is written durably).
struct ServiceIndexRow
{
    QString serviceId;
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
};

/// Write-behind rows: the latest row per check (coalesced), history rows in order, and the
/// index high-water mark to persist.
struct WriteBatch
{
    QHash<QString, StateRow> states;
    QHash<QString, ServiceIndexRow> serviceIndexes;
    QList<HistoryEntry> history;
    quint64 reservedIndex = 0; ///< 0 = unchanged

    bool isEmpty() const
    {
        return states.isEmpty() && serviceIndexes.isEmpty() && history.isEmpty() && reservedIndex == 0;
    }

    /// `later` was queued after this batch: its rows win.
    void merge(WriteBatch &&later)
    {
        if (isEmpty()) {
            *this = std::move(later);
            return;
        }
        for (auto it = later.states.begin(); it != later.states.end(); ++it)
            states.insert(it.key(), std::move(it.value()));
        for (auto it = later.serviceIndexes.begin(); it != later.serviceIndexes.end(); ++it)
            serviceIndexes.insert(it.key(), std::move(it.value()));
        history.append(std::move(later.history));
        reservedIndex = std::max(reservedIndex, later.reservedIndex);
    }
};

/// One durable mutation. Everything in it commits in one transaction, in this order:
/// check removals, service removal, service put, check puts.
struct DurableOp
{
    quint64 id = 0;
    /// The index the rows are stamped with; the change gets a newer one if another change
    /// became visible while this one was being committed.
    quint64 index = 0;
    QStringList removeCheckIds;
    QString removeServiceId;
    std::optional<ServiceState> putService;
    QList<CheckState> putChecks; ///< rows as they will be visible
};

/// What opening the database found.
struct StoreLoad
{
    QString error; ///< empty on success
    QList<CheckState> checks;
    QList<ServiceState> services;
    quint64 index = 0; ///< where the index stands: at or above everything handed out before
    quint64 reservedIndex = 0; ///< persisted high-water mark the index may run up to
    int unreadableRows = 0; ///< definitions the codec no longer accepts (skipped, logged)
};

} // namespace HealthDesk
