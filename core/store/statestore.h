// SPDX-License-Identifier: MIT
#pragma once

#include "check/result.h"
#include "checkstate.h"
#include "deadlinequeue.h"
#include "engine/proberesult.h"
#include "storebatch.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <functional>
#include <memory>
#include <optional>

class QThread;

namespace HealthDesk {

class Clock;
class StoreWriter;

/// Which tables a change touched; blocking queries wake only for the tables they read.
/// The values are bits: a change can touch both.
enum class StoreTable : quint8 { Checks = 1, Services = 2, ChecksAndServices = 3 };

struct StoreOptions
{
    qint64 historyRetentionMs = qint64(30) * 24 * 3600 * 1000; ///< 0 keeps history forever
    int flushIntervalMs = 100; ///< write-behind batching window for results
    /// How long a statement waits for another process's lock before it fails ("database is
    /// locked"); a durable mutation can take this long to fail.
    int busyTimeoutMs = 2000;
    /// While the database refuses writes, queued history beyond this is dropped, oldest first
    /// (and counted); queued check state never is.
    qsizetype maxQueuedHistoryRows = 100'000;
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
///
/// Index: every visible change (one put/remove call, a status change, a synced output) takes
/// the next index; the items it touched get it as modifyIndex (createIndex when new), and
/// indexChanged fires once. Blocks of indexes are reserved in the database ahead of use, so
/// after a restart, even after kill -9, the index continues above anything handed out before.
class StateStore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StateStore)

public:
    /// Opens (creating or migrating) the database at `path` and loads the snapshot.
    /// Runs an integrity check; errors name the file and SQLite's message. A database that
    /// cannot be written (read-only file, locked by another process) is refused here too.
    static Result<std::unique_ptr<StateStore>> open(
        const QString &path, const Clock &clock, const StoreOptions &options = {});
    /// Flushes pending writes and stops the writer thread. Completions of durable mutations
    /// still in flight do not run.
    ~StateStore() override;

    using Completion = std::function<void(const std::optional<Error> &error)>;

    // ---- Snapshot reads --------------------------------------------------------------------
    quint64 index() const { return m_index; }
    quint64 tableIndex(StoreTable table) const;
    const QHash<QString, CheckState> &checks() const { return m_checks; }
    const CheckState *check(const QString &id) const;
    const QHash<QString, ServiceState> &services() const { return m_services; }
    const ServiceState *service(const QString &id) const;

    // ---- Durable mutations -----------------------------------------------------------------
    // Completions run on the owner thread, only while `context` lives (nullptr: always).
    // On failure they get Error{500, "database <path>: <SQLite's reason>"} and nothing changed.

    /// Inserts or replaces checks (definition + initial status/output) in one transaction.
    /// Replacing keeps createIndex and the last run's lastRun/latency/code. `states` carry
    /// definition, status, output, ttlExpiresMs (lastChangeMs: 0 = now). A put syncs the
    /// output to catalogOutput at once, as a registration does in Consul.
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
    /// Consul's check_update_interval (default 5 min). Setting 0 syncs pending outputs now.
    void setCheckUpdateInterval(qint64 ms);

    // ---- Queries on the writer thread ------------------------------------------------------
    /// History of one check in [fromMs, toMs), oldest first, including runs not committed
    /// yet; `done` runs on the owner thread, only while `context` lives.
    void queryHistory(const QString &id, qint64 fromMs, qint64 toMs, QObject *context,
        std::function<void(Result<QList<HistoryEntry>>)> done);

    /// Blocks until every write queued so far is committed (or failed): true when nothing is
    /// left queued. One attempt, however the retry backoff stands. For shutdown and tests.
    bool flush(int timeoutMs = 5000);
    QString databasePath() const;

    // ---- Storage health --------------------------------------------------------------------
    /// Why write-behind rows are not being saved right now; empty while writes work.
    QString storageError() const { return m_storageError; }
    /// History rows dropped because the database refused writes for too long.
    qint64 droppedHistoryRows() const { return m_droppedHistoryRows; }

signals:
    /// Exactly one per visible change (registration, removal, status change, synced output).
    /// `table` says which tables it touched (ChecksAndServices for a service registration
    /// that also changed checks).
    void indexChanged(quint64 index, HealthDesk::StoreTable table);
    void checksAdded(const QStringList &ids);
    void checksRemoved(const QStringList &ids);
    /// Ids whose state (including lastRun/latency) changed since the last emission, sorted.
    /// Coalesced to at most ten a second, except that a durable mutation's changes are
    /// reported at once (with whatever was pending), before any result that follows them.
    void checksUpdated(const QStringList &ids);
    /// Once per episode of refused writes; storageRecovered() ends it.
    void storageErrorOccurred(const QString &message);
    void storageRecovered();

private:
    StateStore(const Clock &clock, const StoreOptions &options);

    struct ThreadStopper
    {
        void operator()(QThread *thread) const;
    };
    struct PendingDurable
    {
        QPointer<QObject> context;
        bool hasContext = false;
        Completion done;
        DurableOp op;
    };
    struct PendingQuery
    {
        QPointer<QObject> context;
        bool hasContext = false;
        std::function<void(Result<QList<HistoryEntry>>)> done;
    };

    CheckState mergedPut(const CheckState &incoming, quint64 index) const;
    quint64 nextIndex();
    void finishChange(quint64 index, quint8 tables);
    void queueState(const CheckState &state);
    void scheduleFlush();
    void markUpdated(const QString &id);
    void emitUpdated();
    void sendBatch();
    DurableOp newOp();
    void submit(DurableOp op, QObject *context, Completion done);
    void handleDurableFinished(quint64 opId, const QString &error);
    void apply(const DurableOp &op);
    void finishQuery(quint64 queryId, const Result<QList<HistoryEntry>> &result);
    void syncOutputs(const QStringList &ids);
    void syncDueOutputs();
    void armDeferredTimer();
    void pruneHistory();

    const Clock &m_clock;
    const StoreOptions m_options;
    QString m_path;

    QHash<QString, CheckState> m_checks;
    QHash<QString, ServiceState> m_services;
    quint64 m_index = 1; ///< of the last visible change
    quint64 m_allocatedIndex = 1; ///< handed out, possibly to a mutation still committing
    quint64 m_reservedIndex = 0; ///< persisted (or queued) high-water mark
    quint64 m_checksIndex = 1;
    quint64 m_servicesIndex = 1;
    qint64 m_checkUpdateIntervalMs = 5 * 60 * 1000;

    std::unique_ptr<QThread, ThreadStopper> m_thread;
    StoreWriter *m_writer = nullptr; ///< lives on m_thread, deleted when it finishes
    WriteBatch m_batch; ///< write-behind rows not handed to the writer yet
    QTimer m_flushTimer;
    quint64 m_nextOpId = 1;
    QHash<quint64, PendingDurable> m_pendingDurable;
    QHash<quint64, PendingQuery> m_pendingQueries;

    // Output-only changes waiting for the catalog. Their deadlines are in real monotonic ms
    // (m_steady) because the one QTimer that serves them runs on real time; the injected clock
    // only stamps values.
    DeadlineQueue m_deferredSyncs;
    QElapsedTimer m_steady;
    QTimer m_deferredTimer;
    QSet<QString> m_updatedIds;
    QTimer m_updatedTimer;
    QTimer m_retentionTimer;

    QString m_storageError;
    qint64 m_droppedHistoryRows = 0;
};

} // namespace HealthDesk
