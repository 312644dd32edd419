// SPDX-License-Identifier: MIT
#pragma once

#include "check/result.h"
#include "storebatch.h"

#include <QObject>
#include <QSqlDatabase>
#include <QTimer>

#include <memory>

class QSqlError;

namespace HealthDesk {

class StoreStatements;

/// All SQL of the state store, on the store's writer thread with its own named connection
/// (WAL, synchronous=NORMAL, busy timeout, prepared statements).
///
/// Write-behind rows are committed in one transaction per batch. When the database refuses them
/// (locked, read-only, full, I/O error) they stay queued, merged with later batches, and are
/// retried with backoff (0.5 s doubling to 5 s); storageFailed/storageRecovered bracket such an
/// episode. While it lasts, queued history is bounded (oldest rows dropped and counted); check
/// state never is. Failures other than a lock reopen the connection before the next attempt.
///
/// Durable mutations run at once in their own transaction (synchronous=FULL, so a registration
/// also survives a power cut) and report SQLite's message on failure.
class StoreWriter final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreWriter)

public:
    StoreWriter(const QString &path, int busyTimeoutMs, qsizetype maxQueuedHistory);
    ~StoreWriter() override;

    // Everything below runs on the writer thread.

    /// Opens, checks, migrates and loads the database, then persists the next index
    /// reservation (indexBlock above where the index stands) before anything is handed out.
    StoreLoad open(quint64 indexBlock);
    /// Makes a last attempt at the queued rows and removes the connection.
    void close();

    void enqueue(WriteBatch batch);
    /// Emits durableFinished when done.
    void execute(const DurableOp &op);
    /// Tries the queued rows now, whatever the backoff says; true when nothing is left queued.
    bool commitNow();
    /// Committed rows plus rows still queued, oldest first.
    Result<QList<HistoryEntry>> queryHistory(const QString &checkId, qint64 fromMs, qint64 toMs);
    /// Deletes history older than cutoffMs in small chunks, each its own short transaction,
    /// yielding to other work between chunks.
    void pruneHistory(qint64 cutoffMs);

signals:
    /// `error` is empty when the mutation committed.
    void durableFinished(quint64 opId, const QString &error);
    void storageFailed(const QString &message);
    void storageRecovered();
    /// Total history rows dropped so far because the database refused writes for too long.
    void historyRowsDropped(qint64 total);

private:
    bool openConnection(QSqlError *error);
    void closeConnection();
    /// Connection open and statements prepared, reopening first after a non-lock failure.
    bool ensureReady(QSqlError *error);
    bool commitPending();
    bool writePending();
    void markFailed(const QSqlError &error);
    void markSucceeded();
    void boundHistory();
    void setSynchronous(bool full);
    bool persistReservation(StoreLoad &load, quint64 indexBlock, QSqlError *error);
    QString describe(const QSqlError &error) const;
    QString describe(const QString &what) const;

    const QString m_path;
    const QString m_connectionName;
    const int m_busyTimeoutMs;
    const qsizetype m_maxQueuedHistory;
    QSqlDatabase m_db;
    std::unique_ptr<StoreStatements> m_statements;
    bool m_reconnect = false;

    WriteBatch m_pending; ///< write-behind rows not committed yet
    bool m_failing = false;
    int m_retryDelayMs;
    QTimer m_retryTimer{this};
    qint64 m_droppedHistory = 0;
};

} // namespace HealthDesk
