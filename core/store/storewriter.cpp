// SPDX-License-Identifier: MIT
#include "storewriter.h"

#include "storeloader.h"
#include "storeschema.h"
#include "storestatements.h"

#include <QAtomicInteger>
#include <QLoggingCategory>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {

Q_LOGGING_CATEGORY(lcStore, "healthdesk.store")

namespace {
constexpr int kFirstRetryMs = 500;
constexpr int kMaxRetryMs = 5000;
constexpr int kPruneChunkRows = 2000;

QString nextConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"healthdesk-store-%1"_s.arg(counter.fetchAndAddRelaxed(1) + 1);
}
} // namespace

StoreWriter::StoreWriter(const QString &path, int busyTimeoutMs, qsizetype maxQueuedHistory)
    : m_path(path)
    , m_connectionName(nextConnectionName())
    , m_busyTimeoutMs(busyTimeoutMs)
    , m_maxQueuedHistory(maxQueuedHistory)
    , m_retryDelayMs(kFirstRetryMs)
{
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, &StoreWriter::commitPending);
}

StoreWriter::~StoreWriter()
{
    closeConnection();
}

QString StoreWriter::describe(const QString &what) const
{
    return u"database %1: %2"_s.arg(m_path, what);
}

QString StoreWriter::describe(const QSqlError &error) const
{
    return describe(StoreStatements::errorText(error));
}

bool StoreWriter::openConnection(QSqlError *error)
{
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(m_path);
    m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=%1"_s.arg(m_busyTimeoutMs));
    if (!m_db.open()) {
        *error = m_db.lastError();
        closeConnection();
        return false;
    }
    QSqlQuery query(m_db);
    // WAL: a commit survives kill -9 at any moment, and readers never block the writer.
    if (!query.exec(u"PRAGMA journal_mode=WAL"_s) || !query.next()) {
        *error = query.lastError();
        query = QSqlQuery();
        closeConnection();
        return false;
    }
    if (query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
        qCWarning(lcStore).noquote() << describe(u"WAL is not available here (journal mode %1); crash safety is"
                                                 " reduced"_s.arg(query.value(0).toString()));
    }
    query.finish();
    setSynchronous(false);
    return true;
}

void StoreWriter::closeConnection()
{
    m_statements.reset();
    if (m_db.isValid())
        m_db.close();
    m_db = QSqlDatabase();
    if (QSqlDatabase::contains(m_connectionName))
        QSqlDatabase::removeDatabase(m_connectionName);
}

bool StoreWriter::ensureReady(QSqlError *error)
{
    if (m_reconnect) {
        // After I/O errors, a moved or read-only file, a fresh connection sees the file as it
        // is now; the old one may keep failing.
        closeConnection();
        m_reconnect = false;
    }
    if (!m_db.isOpen() && !openConnection(error)) {
        m_reconnect = false;
        return false;
    }
    if (!m_statements) {
        auto statements = std::make_unique<StoreStatements>(m_db);
        if (!statements->prepare()) {
            *error = statements->lastError();
            return false;
        }
        m_statements = std::move(statements);
    }
    return true;
}

void StoreWriter::setSynchronous(bool full)
{
    // NORMAL in WAL mode loses no commit to a crash of the process, only to a power cut;
    // definitions are worth the fsync, results are not.
    QSqlQuery query(m_db);
    if (!query.exec(full ? u"PRAGMA synchronous=FULL"_s : u"PRAGMA synchronous=NORMAL"_s))
        qCWarning(lcStore).noquote() << describe(query.lastError());
}

StoreLoad StoreWriter::open(quint64 indexBlock)
{
    StoreLoad load;
    QSqlError error;
    if (!openConnection(&error)) {
        load.error = describe(error);
        return load;
    }
    {
        QSqlQuery query(m_db);
        if (!query.exec(u"PRAGMA quick_check"_s)) {
            load.error = describe(query.lastError());
            return load;
        }
        QStringList problems;
        while (query.next() && problems.size() < 5) {
            const QString line = query.value(0).toString();
            if (line != u"ok")
                problems.append(line);
        }
        if (!problems.isEmpty()) {
            load.error = describe(
                u"the integrity check failed (%1); restore a backup or move the file away"_s.arg(problems.join(u"; ")));
            return load;
        }
    }
    if (const QString migrationError = StoreSchema::migrate(m_db); !migrationError.isEmpty()) {
        load.error = describe(migrationError);
        return load;
    }
    load = StoreLoader::load(m_db);
    if (!load.error.isEmpty()) {
        load.error = describe(load.error);
        return load;
    }
    if (!ensureReady(&error) || !persistReservation(load, indexBlock, &error))
        load.error = describe(error);
    return load;
}

bool StoreWriter::persistReservation(StoreLoad &load, quint64 indexBlock, QSqlError *error)
{
    // Nothing may be handed out above what is persisted here, so after a crash the index
    // continues above everything any earlier run can have shown.
    load.reservedIndex = load.index + indexBlock;
    setSynchronous(true);
    if (!m_db.transaction()) {
        *error = m_db.lastError();
        setSynchronous(false);
        return false;
    }
    bool ok = m_statements->setMeta(u"index_reserved"_s, qint64(load.reservedIndex));
    if (!ok)
        *error = m_statements->lastError();
    // Rows without an index (not written by this code, e.g. edited by hand) keep the one they
    // were loaded with.
    QSqlQuery query(m_db);
    for (const QString &table : {u"checks"_s, u"services"_s}) {
        for (const QString &column : {u"create_index"_s, u"modify_index"_s}) {
            if (ok && !query.exec(u"UPDATE %1 SET %2 = %3 WHERE %2 = 0"_s.arg(table, column).arg(load.index))) {
                ok = false;
                *error = query.lastError();
            }
        }
    }
    if (ok && !m_db.commit()) {
        ok = false;
        *error = m_db.lastError();
    }
    if (!ok)
        m_db.rollback();
    setSynchronous(false);
    return ok;
}

void StoreWriter::close()
{
    m_retryTimer.stop();
    if (!m_pending.isEmpty() && m_db.isOpen() && !commitPending()) {
        m_retryTimer.stop();
        qCWarning(lcStore).noquote() << describe(
            u"closing with %1 check states and %2 history rows not saved"_s.arg(m_pending.states.size())
                .arg(m_pending.history.size()));
    }
    closeConnection();
}

void StoreWriter::enqueue(WriteBatch batch)
{
    m_pending.merge(std::move(batch));
    if (m_failing) {
        boundHistory(); // the retry timer makes the next attempt
        return;
    }
    commitPending();
}

bool StoreWriter::commitNow()
{
    return commitPending();
}

bool StoreWriter::commitPending()
{
    if (m_pending.isEmpty()) {
        markSucceeded();
        return true;
    }
    QSqlError error;
    if (!ensureReady(&error)) {
        markFailed(error);
        return false;
    }
    if (!m_db.transaction()) {
        markFailed(m_db.lastError());
        return false;
    }
    bool ok = writePending();
    error = m_statements->lastError();
    if (ok && !m_db.commit()) {
        ok = false;
        error = m_db.lastError();
    }
    if (!ok) {
        m_db.rollback();
        markFailed(error);
        return false;
    }
    m_pending = WriteBatch();
    markSucceeded();
    return true;
}

bool StoreWriter::writePending()
{
    for (const StateRow &row : std::as_const(m_pending.states)) {
        if (!m_statements->writeState(row))
            return false;
    }
    for (const ServiceIndexRow &row : std::as_const(m_pending.serviceIndexes)) {
        if (!m_statements->writeServiceIndex(row))
            return false;
    }
    for (const HistoryEntry &entry : std::as_const(m_pending.history)) {
        if (!m_statements->appendHistory(entry))
            return false;
    }
    if (m_pending.reservedIndex > 0)
        return m_statements->setMeta(u"index_reserved"_s, qint64(m_pending.reservedIndex));
    return true;
}

void StoreWriter::markFailed(const QSqlError &error)
{
    m_reconnect = !StoreStatements::isBusy(error);
    if (!m_failing) {
        m_failing = true;
        emit storageFailed(describe(error) + u"; results are kept in memory and retried"_s);
    }
    boundHistory();
    m_retryTimer.start(m_retryDelayMs);
    m_retryDelayMs = std::min(m_retryDelayMs * 2, kMaxRetryMs);
}

void StoreWriter::markSucceeded()
{
    m_retryTimer.stop();
    m_retryDelayMs = kFirstRetryMs;
    if (m_failing) {
        m_failing = false;
        emit storageRecovered();
    }
}

void StoreWriter::boundHistory()
{
    const qsizetype excess = m_pending.history.size() - m_maxQueuedHistory;
    if (excess <= 0)
        return;
    // Current state is what readers need after a restart; the oldest runs are the least useful.
    m_pending.history.remove(0, excess);
    m_droppedHistory += excess;
    emit historyRowsDropped(m_droppedHistory);
}

void StoreWriter::execute(const DurableOp &op)
{
    QSqlError error;
    bool ok = ensureReady(&error);
    if (ok) {
        setSynchronous(true);
        ok = m_db.transaction();
        if (!ok)
            error = m_db.lastError();
        for (qsizetype i = 0; ok && i < op.removeCheckIds.size(); ++i)
            ok = m_statements->removeCheck(op.removeCheckIds.at(i));
        if (ok && !op.removeServiceId.isEmpty())
            ok = m_statements->removeService(op.removeServiceId);
        if (ok && op.putService)
            ok = m_statements->putService(*op.putService);
        for (qsizetype i = 0; ok && i < op.putChecks.size(); ++i)
            ok = m_statements->putCheck(op.putChecks.at(i));
        if (!ok && !error.isValid())
            error = m_statements->lastError();
        if (ok && !m_db.commit()) {
            ok = false;
            error = m_db.lastError();
        }
        if (!ok)
            m_db.rollback();
        setSynchronous(false);
    }
    if (!ok) {
        m_reconnect = m_reconnect || !StoreStatements::isBusy(error);
        emit durableFinished(op.id, describe(error));
        return;
    }
    // Queued rows for these checks predate the mutation (the owner sends them first).
    for (const QString &id : op.removeCheckIds)
        m_pending.states.remove(id);
    for (const CheckState &state : op.putChecks)
        m_pending.states.remove(state.id());
    if (!op.removeServiceId.isEmpty())
        m_pending.serviceIndexes.remove(op.removeServiceId);
    if (m_failing)
        commitPending(); // the database takes writes again: no need to wait for the timer
    emit durableFinished(op.id, QString());
}

Result<QList<HistoryEntry>> StoreWriter::queryHistory(const QString &checkId, qint64 fromMs, qint64 toMs)
{
    QSqlError error;
    QList<HistoryEntry> entries;
    if (!ensureReady(&error))
        return Error{500, describe(error), {}};
    if (!m_statements->queryHistory(checkId, fromMs, toMs, &entries))
        return Error{500, describe(m_statements->lastError()), {}};
    const qsizetype committed = entries.size();
    for (const HistoryEntry &entry : std::as_const(m_pending.history)) {
        if (entry.checkId == checkId && entry.timeMs >= fromMs && entry.timeMs < toMs)
            entries.append(entry);
    }
    if (entries.size() > committed) {
        std::stable_sort(entries.begin(), entries.end(),
            [](const HistoryEntry &a, const HistoryEntry &b) { return a.timeMs < b.timeMs; });
    }
    return entries;
}

void StoreWriter::pruneHistory(qint64 cutoffMs)
{
    if (m_failing)
        return; // the next round will do it; now it would only wait for the lock
    QSqlError error;
    if (!ensureReady(&error))
        return;
    const int deleted = m_statements->pruneHistory(cutoffMs, kPruneChunkRows);
    if (deleted < 0) {
        qCInfo(lcStore).noquote() << describe(m_statements->lastError()) << "(history retention postponed)";
        return;
    }
    if (deleted == kPruneChunkRows)
        QMetaObject::invokeMethod(
            this, [this, cutoffMs] { pruneHistory(cutoffMs); }, Qt::QueuedConnection);
}

} // namespace HealthDesk
