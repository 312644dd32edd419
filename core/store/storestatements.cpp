// SPDX-License-Identifier: MIT
#include "storestatements.h"

#include "check/checkjson.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QVariant>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
QString encodeCheck(const CheckDefinition &definition)
{
    return QString::fromUtf8(QJsonDocument(CheckJson::encodeCheck(definition)).toJson(QJsonDocument::Compact));
}

QString encodeService(const ServiceDefinition &definition)
{
    return QString::fromUtf8(QJsonDocument(CheckJson::encodeService(definition)).toJson(QJsonDocument::Compact));
}
} // namespace

StoreStatements::StoreStatements(const QSqlDatabase &db)
    : m_db(db)
    , m_putService(db)
    , m_removeService(db)
    , m_putCheck(db)
    , m_putCheckState(db)
    , m_removeCheck(db)
    , m_removeCheckState(db)
    , m_writeState(db)
    , m_writeCheckIndex(db)
    , m_writeServiceIndex(db)
    , m_appendHistory(db)
    , m_setMeta(db)
    , m_pruneHistory(db)
    , m_queryHistory(db)
{
}

bool StoreStatements::prepare()
{
    const std::pair<QSqlQuery *, QString> statements[] = {
        {&m_putService,
            u"INSERT OR REPLACE INTO services (id, definition, source, token, create_index, modify_index)"
            " VALUES (?, ?, ?, ?, ?, ?)"_s},
        {&m_removeService, u"DELETE FROM services WHERE id = ?"_s},
        {&m_putCheck,
            u"INSERT OR REPLACE INTO checks (id, definition, source, token, maintenance, create_index, modify_index)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)"_s},
        {&m_putCheckState,
            u"INSERT OR REPLACE INTO check_state (check_id, status, output, catalog_output, last_run_ms,"
            " last_change_ms, latency_us, last_code, ttl_expires_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"_s},
        {&m_removeCheck, u"DELETE FROM checks WHERE id = ?"_s},
        {&m_removeCheckState, u"DELETE FROM check_state WHERE check_id = ?"_s},
        {&m_writeState,
            u"INSERT OR REPLACE INTO check_state (check_id, status, output, catalog_output, last_run_ms,"
            " last_change_ms, latency_us, last_code, ttl_expires_ms) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ?"
            " WHERE EXISTS (SELECT 1 FROM checks WHERE id = ?)"_s},
        // The condition keeps an unchanged row from being rewritten on every run.
        {&m_writeCheckIndex,
            u"UPDATE checks SET create_index = ?, modify_index = ? WHERE id = ?"
            " AND (create_index <> ? OR modify_index <> ?)"_s},
        {&m_writeServiceIndex, u"UPDATE services SET create_index = ?, modify_index = ? WHERE id = ?"_s},
        {&m_appendHistory,
            u"INSERT INTO history (check_id, time_ms, status, latency_us, code, output) VALUES (?, ?, ?, ?, ?, ?)"_s},
        {&m_setMeta, u"INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"_s},
        {&m_pruneHistory,
            u"DELETE FROM history WHERE rowid IN (SELECT rowid FROM history WHERE time_ms < ? LIMIT ?)"_s},
        {&m_queryHistory,
            u"SELECT time_ms, status, latency_us, code, output FROM history"
            " WHERE check_id = ? AND time_ms >= ? AND time_ms < ? ORDER BY time_ms"_s},
    };
    for (const auto &[query, sql] : statements) {
        if (!query->prepare(sql)) {
            m_error = query->lastError();
            return false;
        }
    }
    return true;
}

bool StoreStatements::run(QSqlQuery &query)
{
    if (query.exec())
        return true;
    m_error = query.lastError();
    return false;
}

int StoreStatements::statusToDb(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Passing:
        return 0;
    case CheckStatus::Warning:
        return 1;
    case CheckStatus::Critical:
        return 2;
    }
    return 2;
}

CheckStatus StoreStatements::statusFromDb(int value)
{
    switch (value) {
    case 0:
        return CheckStatus::Passing;
    case 1:
        return CheckStatus::Warning;
    default:
        return CheckStatus::Critical;
    }
}

QString StoreStatements::errorText(const QSqlError &error)
{
    return error.databaseText().isEmpty() ? error.text() : error.databaseText();
}

bool StoreStatements::isBusy(const QSqlError &error)
{
    // SQLITE_BUSY and SQLITE_LOCKED, as the Qt driver reports them.
    const QString code = error.nativeErrorCode();
    return code == u"5" || code == u"6" || error.databaseText().contains(u"locked");
}

bool StoreStatements::putService(const ServiceState &service)
{
    ServiceDefinition definition = service.definition;
    definition.checks.clear(); // embedded checks are rows of their own
    m_putService.bindValue(0, definition.id);
    m_putService.bindValue(1, encodeService(definition));
    m_putService.bindValue(2, checkSourceName(definition.source));
    m_putService.bindValue(3, definition.token);
    m_putService.bindValue(4, qint64(service.createIndex));
    m_putService.bindValue(5, qint64(service.modifyIndex));
    return run(m_putService);
}

bool StoreStatements::removeService(const QString &id)
{
    m_removeService.bindValue(0, id);
    return run(m_removeService);
}

bool StoreStatements::putCheck(const CheckState &state)
{
    const CheckDefinition &definition = state.definition;
    m_putCheck.bindValue(0, definition.id);
    m_putCheck.bindValue(1, encodeCheck(definition));
    m_putCheck.bindValue(2, checkSourceName(definition.source));
    m_putCheck.bindValue(3, definition.token);
    m_putCheck.bindValue(4, definition.maintenance ? 1 : 0);
    m_putCheck.bindValue(5, qint64(state.createIndex));
    m_putCheck.bindValue(6, qint64(state.modifyIndex));
    if (!run(m_putCheck))
        return false;
    m_putCheckState.bindValue(0, definition.id);
    m_putCheckState.bindValue(1, statusToDb(state.status));
    m_putCheckState.bindValue(2, state.output);
    m_putCheckState.bindValue(3, state.catalogOutput);
    m_putCheckState.bindValue(4, state.lastRunMs);
    m_putCheckState.bindValue(5, state.lastChangeMs);
    m_putCheckState.bindValue(6, state.latencyUs);
    m_putCheckState.bindValue(7, state.lastCode);
    m_putCheckState.bindValue(8, state.ttlExpiresMs);
    return run(m_putCheckState);
}

bool StoreStatements::removeCheck(const QString &id)
{
    m_removeCheck.bindValue(0, id);
    if (!run(m_removeCheck))
        return false;
    m_removeCheckState.bindValue(0, id);
    return run(m_removeCheckState);
}

bool StoreStatements::writeState(const StateRow &row)
{
    m_writeState.bindValue(0, row.checkId);
    m_writeState.bindValue(1, statusToDb(row.status));
    m_writeState.bindValue(2, row.output);
    m_writeState.bindValue(3, row.catalogOutput);
    m_writeState.bindValue(4, row.lastRunMs);
    m_writeState.bindValue(5, row.lastChangeMs);
    m_writeState.bindValue(6, row.latencyUs);
    m_writeState.bindValue(7, row.lastCode);
    m_writeState.bindValue(8, row.ttlExpiresMs);
    m_writeState.bindValue(9, row.checkId);
    if (!run(m_writeState))
        return false;
    m_writeCheckIndex.bindValue(0, qint64(row.createIndex));
    m_writeCheckIndex.bindValue(1, qint64(row.modifyIndex));
    m_writeCheckIndex.bindValue(2, row.checkId);
    m_writeCheckIndex.bindValue(3, qint64(row.createIndex));
    m_writeCheckIndex.bindValue(4, qint64(row.modifyIndex));
    return run(m_writeCheckIndex);
}

bool StoreStatements::writeServiceIndex(const ServiceIndexRow &row)
{
    m_writeServiceIndex.bindValue(0, qint64(row.createIndex));
    m_writeServiceIndex.bindValue(1, qint64(row.modifyIndex));
    m_writeServiceIndex.bindValue(2, row.serviceId);
    return run(m_writeServiceIndex);
}

bool StoreStatements::appendHistory(const HistoryEntry &entry)
{
    m_appendHistory.bindValue(0, entry.checkId);
    m_appendHistory.bindValue(1, entry.timeMs);
    m_appendHistory.bindValue(2, statusToDb(entry.status));
    m_appendHistory.bindValue(3, entry.latencyUs);
    m_appendHistory.bindValue(4, entry.code);
    m_appendHistory.bindValue(5, entry.output);
    return run(m_appendHistory);
}

bool StoreStatements::setMeta(const QString &key, const QVariant &value)
{
    m_setMeta.bindValue(0, key);
    m_setMeta.bindValue(1, value);
    return run(m_setMeta);
}

int StoreStatements::pruneHistory(qint64 cutoffMs, int limit)
{
    m_pruneHistory.bindValue(0, cutoffMs);
    m_pruneHistory.bindValue(1, limit);
    if (!run(m_pruneHistory))
        return -1;
    return m_pruneHistory.numRowsAffected();
}

bool StoreStatements::queryHistory(const QString &checkId, qint64 fromMs, qint64 toMs, QList<HistoryEntry> *out)
{
    m_queryHistory.bindValue(0, checkId);
    m_queryHistory.bindValue(1, fromMs);
    m_queryHistory.bindValue(2, toMs);
    if (!run(m_queryHistory))
        return false;
    while (m_queryHistory.next()) {
        HistoryEntry entry;
        entry.checkId = checkId;
        entry.timeMs = m_queryHistory.value(0).toLongLong();
        entry.status = statusFromDb(m_queryHistory.value(1).toInt());
        entry.latencyUs = m_queryHistory.value(2).toLongLong();
        entry.code = m_queryHistory.value(3).toInt();
        entry.output = m_queryHistory.value(4).toString();
        out->append(entry);
    }
    // An unfinished SELECT keeps a read transaction open, which would pin the WAL.
    const bool ok = !m_queryHistory.lastError().isValid();
    if (!ok)
        m_error = m_queryHistory.lastError();
    m_queryHistory.finish();
    return ok;
}

} // namespace HealthDesk
