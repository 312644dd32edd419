// SPDX-License-Identifier: MIT
#pragma once

#include "check/result.h"
#include "checkstate.h"
#include "engine/proberesult.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <optional>

namespace HealthDesk {

class Clock;
class StoreWriter;

/// Which tables a change touched; blocking queries wake only for the tables they read.
enum class StoreTable : quint8 { Checks = 1, Services = 2 };

struct StoreOptions
{
    qint64 historyRetentionMs = qint64(30) * 24 * 3600 * 1000; ///< 0 keeps history forever
    int flushIntervalMs = 100; ///< write-behind batching window for results
};

/// Consul's state store for one agent: an in-memory snapshot that all readers use, a monotonic
/// index (persisted, never 0, never backwards across restarts), change notifications, and a
/// write-behind SQLite log (WAL, batched transactions) on its own thread.
///
/// Threading: the store lives in one "owner" thread (the core thread); every public method is
/// called there and every callback/signal arrives there. SQL never runs on the owner thread.
///
/// Durability: put/remove of definitions are *durable*: their Completion runs only after the
/// SQLite transaction committed, and only then does the snapshot change (so a registration is
/// either fully visible and persisted, or not at all). Results and status updates are write-behind:
/// visible at once, committed within flushIntervalMs, retried when the database is locked,
/// read-only or full (storageErrorOccurred / storageRecovered report it).
class StateStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateStore)

public:
    /// Opens (creating or migrating) the database at `path` and loads the snapshot.
    /// Runs an integrity check; errors name the file and SQLite's message.
    static Result<std::unique_ptr<StateStore>> open(const QString &path, const Clock &clock,
                                                    const StoreOptions &options = {});
    ~StateStore() override; ///< flushes pending writes and stops the writer thread

    using Completion = std::function<void(const std::optional<Error> &error)>;

    // ---- Snapshot reads --------------------------------------------------------------------
    quint64 index() const { return m_index; }
    quint64 tableIndex(StoreTable table) const;
    const QHash<QString, CheckState> &checks() const { return m_checks; }
    const CheckState *check(const QString &id) const;
    const QHash<QString, ServiceState> &services() const { return m_services; }
    const ServiceState *service(const QString &id) const;

    // ---- Durable mutations -----------------------------------------------------------------
    /// Inserts or replaces checks (definition + initial status/output) in one transaction.
    /// Replacing keeps createIndex. `states` carry definition, status, output, ttlExpiresMs.
    void putChecks(const QList<CheckState> &states, QObject *context, Completion done);
    /// Removes checks and their current state (history stays until retention prunes it).
    void removeChecks(const QStringList &ids, QObject *context, Completion done);
    /// Inserts or replaces a service and, in the same transaction, puts `checks` and removes
    /// `removedCheckIds` (a service re-registration replaces its embedded checks).
    void putService(const ServiceDefinition &service, const QList<CheckState> &checks,
                    const QStringList &removedCheckIds, QObject *context, Completion done);
    /// Removes a service and its checks.
    void removeService(const QString &id, QObject *context, Completion done);

    // ---- Write-behind updates --------------------------------------------------------------
    /// One finished probe run: updates lastRun/latency/code, appends history. Does not change
    /// the published status (see publish()); never bumps the index on its own.
    void recordRun(const QString &id, const ProbeResult &result, qint64 finishedMs);
    /// Publishes a status/output (after thresholds, or from a TTL update). Identical pairs are
    /// no-ops. A status change bumps the index at once; an output-only change is visible in
    /// `output` at once and reaches `catalogOutput` (with an index bump) after a random delay in
    /// [I/2, 3I/2) with I = checkUpdateInterval (0 = at once).
    void publish(const QString &id, CheckStatus status, const QString &output);
    /// TTL checks: remembers when the TTL runs out, so a restart can restore an unexpired state.
    void setTtlExpiry(const QString &id, qint64 expiresMs);
    void setCheckUpdateInterval(qint64 ms);

    // ---- Queries on the writer thread ------------------------------------------------------
    /// History of one check in [fromMs, toMs), oldest first; `done` runs on the owner thread.
    void queryHistory(const QString &id, qint64 fromMs, qint64 toMs, QObject *context,
                      std::function<void(Result<QList<HistoryEntry>>)> done);

    /// Blocks until every write queued so far is committed (or failed). For shutdown and tests.
    bool flush(int timeoutMs = 5000);
    QString databasePath() const;

signals:
    /// Exactly one per visible change (registration, removal, status change, synced output).
    void indexChanged(quint64 index, HealthDesk::StoreTable table);
    void checksAdded(const QStringList &ids);
    void checksRemoved(const QStringList &ids);
    /// Coalesced: ids whose state (including lastRun/latency) changed since the last emission.
    void checksUpdated(const QStringList &ids);
    void storageErrorOccurred(const QString &message);
    void storageRecovered();

private:
    StateStore(const Clock &clock, const StoreOptions &options);

    const Clock &m_clock;
    StoreOptions m_options;
    quint64 m_index = 0;
    QHash<StoreTable, quint64> m_tableIndex;
    QHash<QString, CheckState> m_checks;
    QHash<QString, ServiceState> m_services;
    std::unique_ptr<StoreWriter> m_writer;
};

} // namespace HealthDesk
