// SPDX-License-Identifier: MIT
#pragma once

#include "storebatch.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

namespace HealthDesk {

/// Every statement the writer runs, prepared once per connection and re-bound per row
/// (preparing per row costs more than the insert itself). Lives on the writer thread and must be
/// destroyed before its connection is removed. Callers own the transactions.
class StoreStatements final
{
    Q_DISABLE_COPY_MOVE(StoreStatements)

public:
    explicit StoreStatements(const QSqlDatabase &db);

    /// False (see lastError()) when the schema is missing or SQLite refuses a statement.
    bool prepare();
    /// Why the last call failed.
    const QSqlError &lastError() const { return m_error; }

    bool putService(const ServiceState &service);
    bool removeService(const QString &id);
    /// The definition row and the check_state row.
    bool putCheck(const CheckState &state);
    /// The definition and the current state; history stays until retention removes it.
    bool removeCheck(const QString &id);

    /// A write-behind row; skipped when the check no longer exists, so a run that finished
    /// while its check was being removed cannot leave an orphan behind.
    bool writeState(const StateRow &row);
    bool writeServiceIndex(const ServiceIndexRow &row);
    bool appendHistory(const HistoryEntry &entry);
    bool setMeta(const QString &key, const QVariant &value);

    /// Deletes up to `limit` history rows older than cutoffMs; the number deleted, -1 on error.
    int pruneHistory(qint64 cutoffMs, int limit);
    bool queryHistory(const QString &checkId, qint64 fromMs, qint64 toMs, QList<HistoryEntry> *out);

    /// The stored form of a status: stable numbers, whatever the enum's order becomes.
    static int statusToDb(CheckStatus status);
    static CheckStatus statusFromDb(int value);
    /// SQLite's own message ("database is locked") when there is one, else Qt's.
    static QString errorText(const QSqlError &error);
    /// Another connection holds the lock: waiting helps, reconnecting does not.
    static bool isBusy(const QSqlError &error);

private:
    bool run(QSqlQuery &query);

    QSqlDatabase m_db;
    QSqlQuery m_putService;
    QSqlQuery m_removeService;
    QSqlQuery m_putCheck;
    QSqlQuery m_putCheckState;
    QSqlQuery m_removeCheck;
    QSqlQuery m_removeCheckState;
    QSqlQuery m_writeState;
    QSqlQuery m_writeCheckIndex;
    QSqlQuery m_writeServiceIndex;
    QSqlQuery m_appendHistory;
    QSqlQuery m_setMeta;
    QSqlQuery m_pruneHistory;
    QSqlQuery m_queryHistory;
    QSqlError m_error;
};

} // namespace HealthDesk
