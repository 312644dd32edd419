// SPDX-License-Identifier: MIT
#include "engine/checkengine.h"
#include "engine/resultsink.h"
#include "fakeclock.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {
/// Records what the engine publishes, in order.
class RecordingSink final : public ResultSink
{
public:
    struct Published
    {
        QString id;
        CheckStatus status;
        QString output;
    };
    void recordRun(const QString &, const ProbeResult &, qint64) override { ++runs; }
    void publish(const QString &id, CheckStatus status, const QString &output) override
    {
        published.append({id, status, output});
    }
    void setTtlExpiry(const QString &id, qint64 expiresMs) override { ttlExpiry.insert(id, expiresMs); }

    QList<Published> published;
    QHash<QString, qint64> ttlExpiry;
    int runs = 0;
};

CheckDefinition ttlCheck(const QString &id, qint64 ttlMs, int outputMaxSize = 0)
{
    CheckDefinition d;
    d.id = id;
    d.name = id;
    d.ttl = std::chrono::milliseconds(ttlMs);
    d.outputMaxSize = outputMaxSize;
    return d;
}

CheckDefinition tcpCheck(const QString &id, const QString &address, qint64 intervalMs)
{
    CheckDefinition d;
    d.id = id;
    d.name = id;
    d.tcp = address;
    d.interval = std::chrono::milliseconds(intervalMs);
    d.timeout = std::chrono::seconds(2);
    return d;
}
} // namespace

class TestCheckEngine : public QObject
{
    Q_OBJECT

private slots:
    void ttlExpiryFollowsConsul();
    void ttlExpiredWithoutAnyOutput();
    void ttlUpdatesKeepTheHeadOfLongOutput();
    void ttlUpdateErrors();
    void firstRunIsStaggeredWithinOneInterval();
    void intervalsBelowOneSecondAreRaised();
    void thresholdsHoldBackSingleFailures();
    void runsNeverOverlap();
};

void TestCheckEngine::ttlExpiryFollowsConsul()
{
    // Consul's TestCheckTTL: TTL 200 ms, a pass at 100 ms, still passing at 250 ms, expired by 400 ms.
    Test::FakeClock clock;
    RecordingSink sink;
    CheckEngine engine(sink, clock);
    engine.addCheck(ttlCheck(u"beat"_s, 200));
    clock.advanceMs(100);
    QCOMPARE(engine.updateTtl(u"beat"_s, CheckStatus::Passing, u"test-output"_s), std::nullopt);
    clock.advanceMs(150);
    engine.processDue();
    QCOMPARE(sink.published.size(), 1);
    QCOMPARE(sink.published.last().status, CheckStatus::Passing);
    clock.advanceMs(150);
    engine.processDue();
    QCOMPARE(sink.published.size(), 2);
    QCOMPARE(sink.published.last().status, CheckStatus::Critical);
    QCOMPARE(sink.published.last().output, u"TTL expired (last output before timeout follows): test-output"_s);
    // One expiry event: the timer is not re-armed until the next update.
    clock.advanceMs(1000);
    engine.processDue();
    QCOMPARE(sink.published.size(), 2);
    // The persisted expiry moved with the update: now(100 ms) + TTL.
    QCOMPARE(sink.ttlExpiry.value(u"beat"_s), clock.wallMs() - 1300 + 200);
}

void TestCheckEngine::ttlExpiredWithoutAnyOutput()
{
    Test::FakeClock clock;
    RecordingSink sink;
    CheckEngine engine(sink, clock);
    engine.addCheck(ttlCheck(u"beat"_s, 1000));
    clock.advanceMs(1001);
    engine.processDue();
    QCOMPARE(sink.published.size(), 1);
    QCOMPARE(sink.published.first().output, u"TTL expired"_s);
}

void TestCheckEngine::ttlUpdatesKeepTheHeadOfLongOutput()
{
    Test::FakeClock clock;
    RecordingSink sink;
    CheckEngine engine(sink, clock);
    engine.addCheck(ttlCheck(u"beat"_s, 60000, 100));
    const QString longOutput = QString(600, u'a') + QString(600, u'b');
    QCOMPARE(engine.updateTtl(u"beat"_s, CheckStatus::Warning, longOutput), std::nullopt);
    QCOMPARE(sink.published.last().status, CheckStatus::Warning);
    QCOMPARE(sink.published.last().output, QString(100, u'a') + u" ... (captured 100 of 1200 bytes)"_s);
}

void TestCheckEngine::ttlUpdateErrors()
{
    Test::FakeClock clock;
    RecordingSink sink;
    CheckEngine engine(sink, clock);
    engine.addCheck(tcpCheck(u"web"_s, u"127.0.0.1:1"_s, 3600 * 1000));
    const auto unknown = engine.updateTtl(u"nope"_s, CheckStatus::Passing, {});
    QVERIFY(unknown);
    QCOMPARE(unknown->httpStatus, 404);
    QCOMPARE(unknown->message, u"Unknown check ID \"nope\". Ensure that the check ID is passed, not the check name."_s);
    const auto notTtl = engine.updateTtl(u"web"_s, CheckStatus::Passing, {});
    QVERIFY(notTtl);
    QCOMPARE(notTtl->httpStatus, 500);
    QCOMPARE(notTtl->message, u"CheckID \"web\" does not have associated TTL"_s);
}

void TestCheckEngine::firstRunIsStaggeredWithinOneInterval()
{
    Test::FakeClock clock;
    RecordingSink sink;
    CheckEngine engine(sink, clock);
    const qint64 now = clock.monotonicNs();
    const qint64 intervalNs = 10'000'000'000;
    qint64 earliest = std::numeric_limits<qint64>::max();
    qint64 latest = 0;
    for (int i = 0; i < 200; ++i) {
        const QString id = u"c%1"_s.arg(i);
        engine.addCheck(tcpCheck(id, u"127.0.0.1:1"_s, 10000));
        const qint64 due = *engine.nextDueNs(id);
        QVERIFY(due >= now && due < now + intervalNs);
        earliest = std::min(earliest, due);
        latest = std::max(latest, due);
    }
    // Spread, not bunched: 200 uniform draws cover most of the interval.
    QVERIFY(latest - earliest > intervalNs / 2);
}

void TestCheckEngine::intervalsBelowOneSecondAreRaised()
{
    Test::FakeClock clock;
    RecordingSink sink;
    CheckEngine engine(sink, clock);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    CheckEngine::StartOptions now;
    now.firstDueNs = clock.monotonicNs();
    engine.addCheck(tcpCheck(u"fast"_s, u"127.0.0.1:%1"_s.arg(server.serverPort()), 100), now);
    engine.processDue();
    QTRY_COMPARE(sink.runs, 1);
    // Fixed delay after the run ended: the next run is a full second away, not 100 ms.
    QCOMPARE(*engine.nextDueNs(u"fast"_s) - clock.monotonicNs(), CheckEngine::kMinIntervalNs);
}

void TestCheckEngine::thresholdsHoldBackSingleFailures()
{
    const Clock &clock = SystemClock::instance();
    RecordingSink sink;
    CheckEngine engine(sink, clock);
    auto server = std::make_unique<QTcpServer>();
    QVERIFY(server->listen(QHostAddress::LocalHost, 0));
    CheckDefinition check = tcpCheck(u"db"_s, u"127.0.0.1:%1"_s.arg(server->serverPort()), 3600 * 1000);
    check.failuresBeforeCritical = 2;
    engine.addCheck(check);

    QVERIFY(engine.runNow(u"db"_s));
    QTRY_COMPARE(sink.runs, 1);
    QCOMPARE(sink.published.size(), 1); // the first result is always published
    QCOMPARE(sink.published.last().status, CheckStatus::Passing);

    server.reset(); // the port is closed now
    QVERIFY(engine.runNow(u"db"_s));
    QTRY_COMPARE(sink.runs, 2);
    QCOMPARE(sink.published.size(), 1); // one failure is held back
    QVERIFY(engine.runNow(u"db"_s));
    QTRY_COMPARE(sink.runs, 3);
    QCOMPARE(sink.published.size(), 2);
    QCOMPARE(sink.published.last().status, CheckStatus::Critical);
    QVERIFY2(sink.published.last().output.contains(u"connection refused"), qPrintable(sink.published.last().output));
}

void TestCheckEngine::runsNeverOverlap()
{
    const Clock &clock = SystemClock::instance();
    RecordingSink sink;
    CheckEngine engine(sink, clock);
    CheckDefinition slow;
    slow.id = slow.name = u"slow"_s;
    slow.scriptArgs = {u"/bin/sh"_s, u"-c"_s, u"sleep 0.5"_s};
    slow.interval = std::chrono::hours(1);
    engine.addCheck(slow);
    QVERIFY(engine.runNow(u"slow"_s));
    QVERIFY(!engine.runNow(u"slow"_s)); // still in flight
    QTRY_COMPARE_WITH_TIMEOUT(sink.runs, 1, 5000);
    QVERIFY(engine.runNow(u"slow"_s));
    QTRY_COMPARE_WITH_TIMEOUT(sink.runs, 2, 5000);
}

QTEST_GUILESS_MAIN(TestCheckEngine)
#include "tst_checkengine.moc"
