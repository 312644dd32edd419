// SPDX-License-Identifier: MIT
#pragma once

#include "store/statestore.h"

#include <QSqlDatabase>
#include <QStringList>
#include <QVariant>

#include <functional>
#include <optional>

namespace HealthDesk::Test {

/// Short windows so tests do not wait: 20 ms batches, 150 ms lock waits, no retention.
StoreOptions fastStoreOptions();

/// An HTTP check with a token, as the API would register it.
CheckState httpCheck(const QString &id);
ProbeResult probeResult(CheckStatus status, const QString &output, qint64 latencyUs = 1500, int code = 200);

/// What a durable mutation reported.
struct Outcome
{
    bool finished = false;
    std::optional<Error> error;

    bool ok() const { return finished && !error; }
    QString message() const { return !finished ? QStringLiteral("no completion") : error ? error->message : QString(); }
};

/// Starts a durable mutation and spins the event loop until its Completion ran.
Outcome waitForCompletion(const std::function<void(const StateStore::Completion &)> &start, int timeoutMs = 15000);
Outcome putChecksAndWait(StateStore &store, const QList<CheckState> &states);

/// History through the store's asynchronous query; nullopt when it failed or timed out.
std::optional<QList<HistoryEntry>> queryHistoryAndWait(
    StateStore &store, const QString &id, qint64 fromMs, qint64 toMs);

/// A connection of the test's own to a store's database file, for inspecting it or holding
/// its lock the way another process would.
class SqlProbe final
{
    Q_DISABLE_COPY_MOVE(SqlProbe)

public:
    explicit SqlProbe(const QString &path);
    ~SqlProbe();

    bool exec(const QString &sql);
    /// The first column of every row.
    QVariantList column(const QString &sql);
    QVariant scalar(const QString &sql);
    QString lastError() const { return m_lastError; }

private:
    QString m_name;
    QSqlDatabase m_db;
    QString m_lastError;
};

/// Copies the database and its WAL the way a crash leaves them on disk.
bool copyDatabaseFiles(const QString &from, const QString &to);

} // namespace HealthDesk::Test
