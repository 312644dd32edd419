// SPDX-License-Identifier: MIT
#include "storeschema.h"

#include <QList>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace HealthDesk::StoreSchema {

namespace {

// Entry N-1 takes the schema from version N-1 to N. Released entries are never edited: a user's
// database may already be at any of them. Status columns hold 0 = passing, 1 = warning,
// 2 = critical (StoreStatements::statusToDb). No foreign keys: a queued state row for a check
// removed meanwhile must be skipped (INSERT ... WHERE EXISTS), not fail its whole batch, and
// removals delete a check's state explicitly.
const QList<QStringList> &migrations()
{
    static const QList<QStringList> list = {
        // 1: definitions (Consul JSON; source and token beside it because the codec never
        //    writes them), current state, run history.
        {
            u"CREATE TABLE services (id TEXT PRIMARY KEY NOT NULL, definition TEXT NOT NULL,"
            " source TEXT NOT NULL, token TEXT NOT NULL DEFAULT '',"
            " create_index INTEGER NOT NULL DEFAULT 0, modify_index INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE checks (id TEXT PRIMARY KEY NOT NULL, definition TEXT NOT NULL,"
            " source TEXT NOT NULL, token TEXT NOT NULL DEFAULT '', maintenance INTEGER NOT NULL DEFAULT 0,"
            " create_index INTEGER NOT NULL DEFAULT 0, modify_index INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE check_state (check_id TEXT PRIMARY KEY NOT NULL, status INTEGER NOT NULL,"
            " output TEXT NOT NULL DEFAULT '', catalog_output TEXT NOT NULL DEFAULT '',"
            " last_run_ms INTEGER NOT NULL DEFAULT 0, last_change_ms INTEGER NOT NULL DEFAULT 0,"
            " latency_us INTEGER NOT NULL DEFAULT 0, last_code INTEGER NOT NULL DEFAULT -1,"
            " ttl_expires_ms INTEGER NOT NULL DEFAULT 0)"_s,
            u"CREATE TABLE history (check_id TEXT NOT NULL, time_ms INTEGER NOT NULL, status INTEGER NOT NULL,"
            " latency_us INTEGER NOT NULL, code INTEGER NOT NULL, output TEXT NOT NULL)"_s,
            u"CREATE INDEX history_by_check_time ON history (check_id, time_ms)"_s,
            // Retention deletes by age alone; without this it would scan the whole table.
            u"CREATE INDEX history_by_time ON history (time_ms)"_s,
        },
    };
    return list;
}

QString errorText(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

} // namespace

int currentVersion()
{
    return int(migrations().size());
}

int storedVersion(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(u"SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'"_s) || !query.next()) {
        *error = errorText(query.lastError());
        return -1;
    }
    if (query.value(0).toInt() == 0)
        return 0;
    if (!query.exec(u"SELECT value FROM meta WHERE key = 'schema_version'"_s)) {
        *error = errorText(query.lastError());
        return -1;
    }
    if (!query.next())
        return 0;
    bool ok = false;
    const int version = query.value(0).toInt(&ok);
    if (!ok || version < 0) {
        *error = u"unreadable schema_version \"%1\""_s.arg(query.value(0).toString());
        return -1;
    }
    return version;
}

QString migrate(QSqlDatabase &db)
{
    QString error;
    const int version = storedVersion(db, &error);
    if (version < 0)
        return error;
    if (version > currentVersion()) {
        return u"schema version %1 is newer than this HealthDesk supports (%2); use a newer HealthDesk or another"
               " data directory"_s.arg(version)
                   .arg(currentVersion());
    }
    QSqlQuery query(db);
    for (int next = version + 1; next <= currentVersion(); ++next) {
        if (!db.transaction())
            return u"migration to schema version %1: %2"_s.arg(next).arg(errorText(db.lastError()));
        QStringList statements = migrations().at(next - 1);
        statements.prepend(u"CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY NOT NULL, value)"_s);
        bool ok = true;
        for (const QString &statement : std::as_const(statements)) {
            if (!query.exec(statement)) {
                ok = false;
                break;
            }
        }
        if (ok) {
            query.prepare(u"INSERT OR REPLACE INTO meta (key, value) VALUES ('schema_version', ?)"_s);
            query.bindValue(0, next);
            ok = query.exec();
        }
        const QString failure = ok ? QString() : errorText(query.lastError());
        if (ok && !db.commit()) {
            const QString commitError = errorText(db.lastError());
            db.rollback();
            return u"migration to schema version %1: %2"_s.arg(next).arg(commitError);
        }
        if (!ok) {
            db.rollback();
            return u"migration to schema version %1: %2"_s.arg(next).arg(failure);
        }
    }
    return {};
}

} // namespace HealthDesk::StoreSchema
