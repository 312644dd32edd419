// SPDX-License-Identifier: MIT
#include "storetestutils.h"

#include <QFile>
#include <QObject>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace Qt::StringLiterals;

namespace HealthDesk::Test {

StoreOptions fastStoreOptions()
{
    StoreOptions options;
    options.flushIntervalMs = 20;
    options.busyTimeoutMs = 150;
    options.historyRetentionMs = 0;
    return options;
}

CheckState httpCheck(const QString &id)
{
    CheckState state;
    state.definition.id = id;
    state.definition.name = u"Check "_s + id;
    state.definition.http = u"http://127.0.0.1:9/health/"_s + id;
    state.definition.method = u"GET"_s;
    state.definition.interval = std::chrono::seconds(10);
    state.definition.timeout = std::chrono::seconds(2);
    state.definition.source = CheckSource::Remote;
    state.definition.token = u"token-"_s + id;
    state.status = CheckStatus::Critical;
    return state;
}

ProbeResult probeResult(CheckStatus status, const QString &output, qint64 latencyUs, int code)
{
    ProbeResult result;
    result.status = status;
    result.output = output;
    result.latencyUs = latencyUs;
    result.code = code;
    return result;
}

Outcome waitForCompletion(const std::function<void(const StateStore::Completion &)> &start, int timeoutMs)
{
    auto outcome = std::make_shared<Outcome>();
    start([outcome](const std::optional<Error> &error) {
        outcome->finished = true;
        outcome->error = error;
    });
    if (!QTest::qWaitFor([&] { return outcome->finished; }, timeoutMs))
        qWarning("the store did not complete the mutation within %d ms", timeoutMs);
    return *outcome;
}

Outcome putChecksAndWait(StateStore &store, const QList<CheckState> &states)
{
    return waitForCompletion([&](const StateStore::Completion &done) { store.putChecks(states, nullptr, done); });
}

std::optional<QList<HistoryEntry>> queryHistoryAndWait(StateStore &store, const QString &id, qint64 fromMs, qint64 toMs)
{
    struct Answer
    {
        bool finished = false;
        std::optional<QList<HistoryEntry>> entries;
    };
    auto answer = std::make_shared<Answer>();
    store.queryHistory(id, fromMs, toMs, nullptr, [answer](const Result<QList<HistoryEntry>> &result) {
        answer->finished = true;
        if (result)
            answer->entries = result.value();
        else
            qWarning().noquote() << result.error().message;
    });
    if (!QTest::qWaitFor([&] { return answer->finished; }, 15000))
        qWarning("the history query did not answer");
    return answer->entries;
}

SqlProbe::SqlProbe(const QString &path)
{
    static int counter = 0;
    m_name = u"store-test-probe-%1"_s.arg(++counter);
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        m_lastError = m_db.lastError().text();
}

SqlProbe::~SqlProbe()
{
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

bool SqlProbe::exec(const QString &sql)
{
    QSqlQuery query(m_db);
    if (query.exec(sql))
        return true;
    m_lastError = query.lastError().text();
    return false;
}

QVariantList SqlProbe::column(const QString &sql)
{
    QVariantList values;
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        m_lastError = query.lastError().text();
        return values;
    }
    while (query.next())
        values.append(query.value(0));
    return values;
}

QVariant SqlProbe::scalar(const QString &sql)
{
    const QVariantList values = column(sql);
    return values.isEmpty() ? QVariant() : values.first();
}

bool copyDatabaseFiles(const QString &from, const QString &to)
{
    for (const QString &suffix : {u""_s, u"-wal"_s, u"-shm"_s}) {
        QFile::remove(to + suffix);
        if (QFile::exists(from + suffix) && !QFile::copy(from + suffix, to + suffix))
            return false;
    }
    return true;
}

} // namespace HealthDesk::Test
