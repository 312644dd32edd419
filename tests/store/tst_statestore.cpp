// SPDX-License-Identifier: MIT
#include "fakeclock.h"
#include "storetestutils.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {
CheckState withKind(const QString &kind, const QString &id)
{
    CheckState state = Test::httpCheck(id);
    CheckDefinition &d = state.definition;
    if (kind == u"script") {
        d.http.clear();
        d.method.clear();
        d.scriptArgs = {u"/bin/sh"_s, u"-c"_s, u"exit 0"_s};
        d.source = CheckSource::Local;
        d.token.clear();
    } else if (kind == u"ttl") {
        d.http.clear();
        d.method.clear();
        d.interval = {};
        d.timeout = {};
        d.ttl = std::chrono::seconds(30);
        d.source = CheckSource::Config;
        d.initialStatus = CheckStatus::Passing;
        state.status = CheckStatus::Passing;
        state.output = u"TTL armed"_s;
        state.ttlExpiresMs = 1'700'000'030'000;
    } else if (kind == u"maintenance") {
        d = CheckDefinition();
        d.id = id;
        d.name = u"Node Maintenance Mode"_s;
        d.notes = u"reason \"quoted\" and unicode ✓"_s;
        d.maintenance = true;
        d.token = u"maint-token"_s;
    } else if (kind == u"http-full") {
        d.header.insert(u"X-Token"_s, {u"a"_s, u"b"_s});
        d.body = u"{\"ping\":true}"_s;
        d.tlsSkipVerify = true;
        d.successBeforePassing = 2;
        d.failuresBeforeCritical = 3;
        d.failuresBeforeWarning = 1;
        d.outputMaxSize = 4096;
        d.notes = u"line one\nline two"_s;
    }
    return state;
}
} // namespace

class TestStateStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void freshDatabaseStartsAtIndexOne();
    void putChecksRoundTrip_data();
    void putChecksRoundTrip();
    void reRegistrationKeepsCreateIndexAndRunData();
    void removeChecksRoundTrip();
    void serviceRoundTrip();
    void removeServiceRemovesItsChecks();
    void writeBehindStateSurvivesReopen();
    void indexNeverGoesBackwardsAcrossReopen();
    void oneIndexChangePerVisibleChange();
    void publishWhileAMutationCommits();
    void completionSkippedWhenContextDied();

private:
    Result<std::unique_ptr<StateStore>> openStore(const StoreOptions &options = Test::fastStoreOptions())
    {
        return StateStore::open(m_path, m_clock, options);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    Test::FakeClock m_clock;
};

void TestStateStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"healthdesk.db"_s);
}

void TestStateStore::cleanup()
{
    m_dir.reset();
}

void TestStateStore::freshDatabaseStartsAtIndexOne()
{
    auto store = openStore();
    QVERIFY2(store.ok(), qPrintable(store.error().message));
    QCOMPARE(store.value()->index(), 1u);
    QCOMPARE(store.value()->tableIndex(StoreTable::Checks), 1u);
    QCOMPARE(store.value()->tableIndex(StoreTable::Services), 1u);
    QVERIFY(store.value()->checks().isEmpty());
    QCOMPARE(store.value()->databasePath(), m_path);
    QVERIFY(store.value()->storageError().isEmpty());
}

void TestStateStore::putChecksRoundTrip_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("http check with token") << u"http"_s;
    QTest::newRow("http check with every option") << u"http-full"_s;
    QTest::newRow("local script check") << u"script"_s;
    QTest::newRow("config ttl check with armed ttl") << u"ttl"_s;
    QTest::newRow("maintenance check") << u"maintenance"_s;
}

void TestStateStore::putChecksRoundTrip()
{
    QFETCH(QString, kind);
    const CheckState original = withKind(kind, u"c1"_s);
    CheckState stored;
    {
        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        const Test::Outcome outcome = Test::putChecksAndWait(*store.value(), {original});
        QVERIFY2(outcome.ok(), qPrintable(outcome.message()));
        const CheckState *state = store.value()->check(u"c1"_s);
        QVERIFY(state);
        stored = *state;
        QCOMPARE(stored.definition, original.definition);
        QCOMPARE(stored.createIndex, store.value()->index());
        QCOMPARE(stored.modifyIndex, store.value()->index());
        QCOMPARE(stored.catalogOutput, original.output);
        QCOMPARE(stored.lastChangeMs, m_clock.wallMs());
    }
    auto reopened = openStore();
    QVERIFY2(reopened.ok(), qPrintable(reopened.error().message));
    const CheckState *state = reopened.value()->check(u"c1"_s);
    QVERIFY(state);
    QCOMPARE(state->definition, original.definition);
    QCOMPARE(state->definition.source, original.definition.source);
    QCOMPARE(state->definition.token, original.definition.token);
    QCOMPARE(state->definition.maintenance, original.definition.maintenance);
    QCOMPARE(state->status, stored.status);
    QCOMPARE(state->output, stored.output);
    QCOMPARE(state->catalogOutput, stored.catalogOutput);
    QCOMPARE(state->lastChangeMs, stored.lastChangeMs);
    QCOMPARE(state->ttlExpiresMs, stored.ttlExpiresMs);
    QCOMPARE(state->createIndex, stored.createIndex);
    QCOMPARE(state->modifyIndex, stored.modifyIndex);
}

void TestStateStore::reRegistrationKeepsCreateIndexAndRunData()
{
    auto store = openStore();
    QVERIFY2(store.ok(), qPrintable(store.error().message));
    StateStore &s = *store.value();
    QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"web"_s)}).ok());
    const quint64 created = s.check(u"web"_s)->createIndex;
    s.recordRun(u"web"_s, Test::probeResult(CheckStatus::Passing, u"ok"_s, 2500, 204), m_clock.wallMs());

    CheckState again = Test::httpCheck(u"web"_s);
    again.definition.http = u"http://127.0.0.1:9/other"_s;
    QSignalSpy updated(&s, &StateStore::checksUpdated);
    QVERIFY(Test::putChecksAndWait(s, {again}).ok());
    // Reported at once, not in the next coalescing window.
    QCOMPARE(updated.count(), 1);
    QCOMPARE(updated.at(0).at(0).toStringList(), QStringList{u"web"_s});
    const CheckState *state = s.check(u"web"_s);
    QCOMPARE(state->definition.http, again.definition.http);
    QCOMPARE(state->createIndex, created);
    QVERIFY(state->modifyIndex > created);
    QCOMPARE(state->lastRunMs, m_clock.wallMs());
    QCOMPARE(state->latencyUs, 2500);
    QCOMPARE(state->lastCode, 204);
}

void TestStateStore::removeChecksRoundTrip()
{
    {
        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        StateStore &s = *store.value();
        QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"a"_s), Test::httpCheck(u"b"_s), Test::httpCheck(u"c"_s)})
                    .ok());
        s.recordRun(u"b"_s, Test::probeResult(CheckStatus::Passing, u"ran"_s), m_clock.wallMs());
        QSignalSpy removed(&s, &StateStore::checksRemoved);
        const Test::Outcome outcome = Test::waitForCompletion([&](const StateStore::Completion &done) {
            s.removeChecks({u"b"_s, u"missing"_s}, nullptr, done);
        });
        QVERIFY2(outcome.ok(), qPrintable(outcome.message()));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(removed.at(0).at(0).toStringList(), QStringList{u"b"_s});
        QVERIFY(!s.check(u"b"_s));
    }
    auto reopened = openStore();
    QVERIFY2(reopened.ok(), qPrintable(reopened.error().message));
    QCOMPARE(reopened.value()->checks().size(), 2);
    QVERIFY(!reopened.value()->check(u"b"_s));
    // History outlives the check until retention removes it.
    const auto history = Test::queryHistoryAndWait(*reopened.value(), u"b"_s, 0, m_clock.wallMs() + 1);
    QVERIFY(history);
    QCOMPARE(history->size(), 1);
    Test::SqlProbe probe(m_path);
    QCOMPARE(probe.scalar(u"SELECT count(*) FROM check_state WHERE check_id = 'b'"_s).toInt(), 0);
}

void TestStateStore::serviceRoundTrip()
{
    ServiceDefinition service;
    service.id = u"web-1"_s;
    service.name = u"web"_s;
    service.tags = {u"primary"_s, u"v2"_s};
    service.address = u"127.0.0.1"_s;
    service.port = 8080;
    service.meta.insert(u"team"_s, u"ops"_s);
    service.source = CheckSource::Local;
    service.token = u"svc-token"_s;
    CheckState check = Test::httpCheck(u"service:web-1"_s);
    check.definition.serviceId = service.id;

    quint64 createIndex = 0;
    {
        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        StateStore &s = *store.value();
        QSignalSpy changes(&s, &StateStore::indexChanged);
        const Test::Outcome outcome = Test::waitForCompletion(
            [&](const StateStore::Completion &done) { s.putService(service, {check}, {}, nullptr, done); });
        QVERIFY2(outcome.ok(), qPrintable(outcome.message()));
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(1).value<StoreTable>(), StoreTable::ChecksAndServices);
        QCOMPARE(s.tableIndex(StoreTable::Services), s.index());
        QCOMPARE(s.tableIndex(StoreTable::Checks), s.index());
        QVERIFY(s.service(u"web-1"_s));
        createIndex = s.service(u"web-1"_s)->createIndex;
        QCOMPARE(createIndex, s.index());
        QCOMPARE(s.check(u"service:web-1"_s)->definition.serviceName, u"web"_s);
        QCOMPARE(s.check(u"service:web-1"_s)->definition.serviceTags, service.tags);

        // Renaming the service renames it on its checks too, in the same change.
        ServiceDefinition renamed = service;
        renamed.name = u"web-renamed"_s;
        const Test::Outcome second = Test::waitForCompletion(
            [&](const StateStore::Completion &done) { s.putService(renamed, {}, {}, nullptr, done); });
        QVERIFY2(second.ok(), qPrintable(second.message()));
        QCOMPARE(changes.count(), 2);
        QCOMPARE(changes.at(1).at(1).value<StoreTable>(), StoreTable::ChecksAndServices);
        QCOMPARE(s.check(u"service:web-1"_s)->definition.serviceName, u"web-renamed"_s);
        QCOMPARE(s.check(u"service:web-1"_s)->modifyIndex, s.index());
        QCOMPARE(s.service(u"web-1"_s)->createIndex, createIndex);
        QVERIFY(s.flush());
    }
    auto reopened = openStore();
    QVERIFY2(reopened.ok(), qPrintable(reopened.error().message));
    const ServiceState *state = reopened.value()->service(u"web-1"_s);
    QVERIFY(state);
    ServiceDefinition expected = service;
    expected.name = u"web-renamed"_s;
    QCOMPARE(state->definition, expected);
    QCOMPARE(state->definition.token, u"svc-token"_s);
    QCOMPARE(state->definition.source, CheckSource::Local);
    QCOMPARE(state->createIndex, createIndex);
    QVERIFY(state->modifyIndex > createIndex);
    const CheckState *restored = reopened.value()->check(u"service:web-1"_s);
    QVERIFY(restored);
    QCOMPARE(restored->definition.serviceName, u"web-renamed"_s);
    QCOMPARE(restored->definition.serviceTags, service.tags);
}

void TestStateStore::removeServiceRemovesItsChecks()
{
    ServiceDefinition service;
    service.id = u"db"_s;
    service.name = u"db"_s;
    CheckState first = Test::httpCheck(u"service:db:1"_s);
    first.definition.serviceId = u"db"_s;
    CheckState second = Test::httpCheck(u"service:db:2"_s);
    second.definition.serviceId = u"db"_s;
    {
        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        StateStore &s = *store.value();
        QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"standalone"_s)}).ok());
        QVERIFY(Test::waitForCompletion([&](const StateStore::Completion &done) {
            s.putService(service, {first, second}, {}, nullptr, done);
        }).ok());
        // Re-registration replaces the embedded checks.
        QVERIFY(Test::waitForCompletion([&](const StateStore::Completion &done) {
            s.putService(service, {first}, {second.id()}, nullptr, done);
        }).ok());
        QVERIFY(!s.check(second.id()));
        QSignalSpy changes(&s, &StateStore::indexChanged);
        QSignalSpy removed(&s, &StateStore::checksRemoved);
        QVERIFY(Test::waitForCompletion([&](const StateStore::Completion &done) {
            s.removeService(u"db"_s, nullptr, done);
        }).ok());
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.at(0).at(1).value<StoreTable>(), StoreTable::ChecksAndServices);
        QCOMPARE(removed.at(0).at(0).toStringList(), QStringList{first.id()});
        QVERIFY(!s.service(u"db"_s));
        QCOMPARE(s.checks().size(), 1);
    }
    auto reopened = openStore();
    QVERIFY2(reopened.ok(), qPrintable(reopened.error().message));
    QVERIFY(reopened.value()->services().isEmpty());
    QCOMPARE(reopened.value()->checks().keys(), QStringList{u"standalone"_s});
}

void TestStateStore::writeBehindStateSurvivesReopen()
{
    quint64 modifyIndex = 0;
    {
        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        StateStore &s = *store.value();
        s.setCheckUpdateInterval(0);
        QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"api"_s)}).ok());
        m_clock.advanceMs(1000);
        s.recordRun(
            u"api"_s, Test::probeResult(CheckStatus::Passing, u"HTTP GET: 200 OK"_s, 1234, 200), m_clock.wallMs());
        s.publish(u"api"_s, CheckStatus::Passing, u"HTTP GET: 200 OK"_s);
        s.setTtlExpiry(u"api"_s, m_clock.wallMs() + 5000);
        modifyIndex = s.check(u"api"_s)->modifyIndex;
        // No flush: the destructor must write what is queued.
    }
    auto reopened = openStore();
    QVERIFY2(reopened.ok(), qPrintable(reopened.error().message));
    const CheckState *state = reopened.value()->check(u"api"_s);
    QVERIFY(state);
    QCOMPARE(state->status, CheckStatus::Passing);
    QCOMPARE(state->output, u"HTTP GET: 200 OK"_s);
    QCOMPARE(state->catalogOutput, u"HTTP GET: 200 OK"_s);
    QCOMPARE(state->lastRunMs, m_clock.wallMs());
    QCOMPARE(state->lastChangeMs, m_clock.wallMs());
    QCOMPARE(state->latencyUs, 1234);
    QCOMPARE(state->lastCode, 200);
    QCOMPARE(state->ttlExpiresMs, m_clock.wallMs() + 5000);
    QCOMPARE(state->modifyIndex, modifyIndex);
}

void TestStateStore::indexNeverGoesBackwardsAcrossReopen()
{
    quint64 last = 0;
    for (int round = 0; round < 3; ++round) {
        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        StateStore &s = *store.value();
        QVERIFY(s.index() >= 1);
        QVERIFY2(s.index() >= last, qPrintable(u"round %1: %2 < %3"_s.arg(round).arg(s.index()).arg(last)));
        QVERIFY(s.tableIndex(StoreTable::Checks) >= last);
        QSignalSpy changes(&s, &StateStore::indexChanged);
        const QString id = u"check-%1"_s.arg(round);
        QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(id)}).ok());
        s.setCheckUpdateInterval(0);
        for (int i = 0; i < 20; ++i)
            s.publish(id, i % 2 ? CheckStatus::Passing : CheckStatus::Warning, u"run %1"_s.arg(i));
        QCOMPARE(changes.count(), 21);
        quint64 previous = last;
        for (const QList<QVariant> &change : std::as_const(changes)) {
            const quint64 index = change.at(0).toULongLong();
            QVERIFY(index > previous);
            previous = index;
        }
        QCOMPARE(previous, s.index());
        last = s.index();
    }
}

void TestStateStore::oneIndexChangePerVisibleChange()
{
    auto store = openStore();
    QVERIFY2(store.ok(), qPrintable(store.error().message));
    StateStore &s = *store.value();
    s.setCheckUpdateInterval(0);
    QSignalSpy changes(&s, &StateStore::indexChanged);
    QSignalSpy added(&s, &StateStore::checksAdded);

    QVERIFY(
        Test::putChecksAndWait(s, {Test::httpCheck(u"a"_s), Test::httpCheck(u"b"_s), Test::httpCheck(u"c"_s)}).ok());
    QCOMPARE(changes.count(), 1);
    QCOMPARE(changes.at(0).at(1).value<StoreTable>(), StoreTable::Checks);
    const quint64 putIndex = changes.at(0).at(0).toULongLong();
    QCOMPARE(s.check(u"a"_s)->createIndex, putIndex);
    QCOMPARE(s.check(u"c"_s)->modifyIndex, putIndex);
    QCOMPARE(s.tableIndex(StoreTable::Checks), putIndex);
    QVERIFY(s.tableIndex(StoreTable::Services) < putIndex);
    QCOMPARE(added.count(), 1);
    QCOMPARE(added.at(0).at(0).toStringList().size(), 3);

    // Runs and identical publishes are not visible changes.
    s.recordRun(u"a"_s, Test::probeResult(CheckStatus::Passing, u"fine"_s), m_clock.wallMs());
    s.publish(u"a"_s, CheckStatus::Critical, QString());
    s.setTtlExpiry(u"a"_s, m_clock.wallMs() + 1000);
    s.publish(u"nonexistent"_s, CheckStatus::Passing, u"x"_s);
    QCOMPARE(changes.count(), 1);

    s.publish(u"a"_s, CheckStatus::Passing, u"fine"_s);
    QCOMPARE(changes.count(), 2);
    QCOMPARE(s.check(u"a"_s)->modifyIndex, s.index());
    QCOMPARE(s.check(u"b"_s)->modifyIndex, putIndex);
    s.publish(u"a"_s, CheckStatus::Passing, u"fine"_s);
    QCOMPARE(changes.count(), 2);

    QVERIFY(Test::waitForCompletion([&](const StateStore::Completion &done) {
        s.removeChecks({u"b"_s, u"c"_s}, nullptr, done);
    }).ok());
    QCOMPARE(changes.count(), 3);
    // Removing what is not there changes nothing.
    QVERIFY(Test::waitForCompletion([&](const StateStore::Completion &done) {
        s.removeChecks({u"b"_s}, nullptr, done);
    }).ok());
    QCOMPARE(changes.count(), 3);
    QCOMPARE(s.index(), changes.at(2).at(0).toULongLong());
}

void TestStateStore::publishWhileAMutationCommits()
{
    {
        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        StateStore &s = *store.value();
        s.setCheckUpdateInterval(0);
        QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"a"_s)}).ok());
        QSignalSpy changes(&s, &StateStore::indexChanged);
        // The publish becomes visible while the put is still on its way to the database: the
        // put, reported later, must still get the higher index.
        const Test::Outcome outcome = Test::waitForCompletion([&](const StateStore::Completion &done) {
            s.putChecks({Test::httpCheck(u"b"_s)}, nullptr, done);
            s.publish(u"a"_s, CheckStatus::Passing, u"up"_s);
        });
        QVERIFY2(outcome.ok(), qPrintable(outcome.message()));
        QCOMPARE(changes.count(), 2);
        QVERIFY(changes.at(1).at(0).toULongLong() > changes.at(0).at(0).toULongLong());
        QCOMPARE(s.check(u"a"_s)->modifyIndex, changes.at(0).at(0).toULongLong());
        QCOMPARE(s.check(u"b"_s)->createIndex, s.index());
        QCOMPARE(s.tableIndex(StoreTable::Checks), s.index());
    }
    auto reopened = openStore();
    QVERIFY2(reopened.ok(), qPrintable(reopened.error().message));
    const CheckState *b = reopened.value()->check(u"b"_s);
    QVERIFY(b);
    QCOMPARE(b->createIndex, b->modifyIndex);
    QVERIFY(b->createIndex > reopened.value()->check(u"a"_s)->modifyIndex);
}

void TestStateStore::completionSkippedWhenContextDied()
{
    auto store = openStore();
    QVERIFY2(store.ok(), qPrintable(store.error().message));
    StateStore &s = *store.value();
    QSignalSpy added(&s, &StateStore::checksAdded);
    bool called = false;
    auto context = std::make_unique<QObject>();
    s.putChecks({Test::httpCheck(u"orphan"_s)}, context.get(), [&](const std::optional<Error> &) { called = true; });
    context.reset();
    QVERIFY(added.wait());
    QVERIFY(s.check(u"orphan"_s));
    QVERIFY(s.flush());
    QCoreApplication::processEvents();
    QVERIFY(!called);
}

QTEST_GUILESS_MAIN(TestStateStore)
#include "tst_statestore.moc"
