// SPDX-License-Identifier: MIT
// Drives the real `healthdesk` binary: --once, --headless, config errors, persistence and the
// kill -9 crash test. Targets are local: a QTcpServer on 127.0.0.1 and a closed port.
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;

class TestHeadlessAgent : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void version();
    void onceExitCodes_data();
    void onceExitCodes();
    void onceJsonIsConsulHealthCheckShape();
    void malformedConfigNamesFileLineAndColumn();
    void unusedConsulKeysWarnButStart();
    void sigtermFlushesAndExitsZero();
    void portInUseIsAClearErrorAndNonZeroExit();
    void checksSurviveRestartAndStartCritical();
    void killNineAtAnyMomentLosesNothing();

private:
    QString writeConfig(const QTemporaryDir &dir, const QByteArray &json, const QString &name = u"checks.json"_s);
    QProcess *startAgent(const QStringList &args);
    bool waitForLine(QProcess &process, const QByteArray &needle, int timeoutMs, QByteArray *all = nullptr);
    QString m_binary;
    QTcpServer m_listening;
};

void TestHeadlessAgent::initTestCase()
{
    m_binary = qEnvironmentVariable("HEALTHDESK_BINARY");
    QVERIFY2(QFile::exists(m_binary), "HEALTHDESK_BINARY must point at the built healthdesk");
    QVERIFY(m_listening.listen(QHostAddress::LocalHost, 0));
}

QString TestHeadlessAgent::writeConfig(const QTemporaryDir &dir, const QByteArray &json, const QString &name)
{
    QFile file(dir.filePath(name));
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(json);
    return dir.path();
}

QProcess *TestHeadlessAgent::startAgent(const QStringList &args)
{
    auto *process = new QProcess(this);
    process->setProcessChannelMode(QProcess::SeparateChannels);
    // Port 0: tests run in parallel and must never collide on 8500.
    process->start(m_binary, args + QStringList{u"--http-addr"_s, u"127.0.0.1:0"_s});
    return process;
}

bool TestHeadlessAgent::waitForLine(QProcess &process, const QByteArray &needle, int timeoutMs, QByteArray *all)
{
    QByteArray seen;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < timeoutMs) {
        process.waitForReadyRead(50);
        seen += process.readAllStandardError();
        if (seen.contains(needle)) {
            if (all)
                *all = seen;
            return true;
        }
        if (process.state() == QProcess::NotRunning)
            break;
    }
    if (all)
        *all = seen;
    return false;
}

void TestHeadlessAgent::version()
{
    QProcess process;
    process.start(m_binary, {u"--version"_s});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardOutput().startsWith("healthdesk " HEALTHDESK_VERSION));
}

void TestHeadlessAgent::onceExitCodes_data()
{
    QTest::addColumn<QByteArray>("checks");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("expectedStatuses");

    const QByteArray open = QByteArray::number(m_listening.serverPort());
    QTest::newRow("all passing") << QByteArray(R"([{"id":"up","name":"up","tcp":"127.0.0.1:)" + open
                                               + R"(","interval":"10s"}])")
                                 << 0 << u"up=passing"_s;
    QTest::newRow("a warning") << QByteArray(R"([{"id":"up","name":"up","tcp":"127.0.0.1:)" + open
                                             + R"(","interval":"10s"},
        {"id":"warn","name":"warn","args":["/bin/sh","-c","echo degraded; exit 1"],"interval":"10s"}])")
                               << 1 << u"up=passing warn=warning"_s;
    QTest::newRow("a critical wins over a warning")
        << QByteArray(R"([{"id":"down","name":"down","tcp":"127.0.0.1:1","interval":"10s","timeout":"2s"},
        {"id":"warn","name":"warn","args":["/bin/sh","-c","exit 1"],"interval":"10s"}])")
        << 2 << u"down=critical warn=warning"_s;
    QTest::newRow("ttl waits critical") << QByteArray(R"([{"id":"beat","name":"beat","ttl":"30s"}])") << 2
                                        << u"beat=critical"_s;
    QTest::newRow("ttl with a passing status") << QByteArray(R"([{"id":"beat","name":"beat","ttl":"30s","status":"passing"}])")
                                               << 0 << u"beat=passing"_s;
}

void TestHeadlessAgent::onceExitCodes()
{
    QFETCH(QByteArray, checks);
    QFETCH(int, exitCode);
    QFETCH(QString, expectedStatuses);

    QTemporaryDir dir;
    const QString configDir = writeConfig(dir, R"({"enable_local_script_checks":true,"checks":)" + checks + "}");
    QProcess process;
    process.start(m_binary, {u"--once"_s, u"--format"_s, u"json"_s, u"--config-dir"_s, configDir});
    QVERIFY(process.waitForFinished(20000));
    const QByteArray out = process.readAllStandardOutput();
    QCOMPARE(process.exitCode(), exitCode);

    QStringList statuses;
    const QJsonArray array = QJsonDocument::fromJson(out).array();
    for (const QJsonValue &value : array)
        statuses << value[u"CheckID"].toString() + u'=' + value[u"Status"].toString();
    QCOMPARE(statuses.join(u' '), expectedStatuses);
}

void TestHeadlessAgent::onceJsonIsConsulHealthCheckShape()
{
    QTemporaryDir dir;
    const QString configDir = writeConfig(
        dir, R"({"node_name":"desk1","checks":[{"id":"b","name":"refused","tcp":"127.0.0.1:1","interval":"1m30s"},
                 {"id":"a","name":"open","tcp":"127.0.0.1:)"
                 + QByteArray::number(m_listening.serverPort()) + R"(","interval":"10s","notes":"n"}]})");
    QProcess process;
    process.start(m_binary, {u"--once"_s, u"--format"_s, u"json"_s, u"--config-dir"_s, configDir});
    QVERIFY(process.waitForFinished(20000));
    const QJsonArray array = QJsonDocument::fromJson(process.readAllStandardOutput()).array();
    QCOMPARE(array.size(), 2);
    const QJsonObject a = array.at(0).toObject();
    const QJsonObject b = array.at(1).toObject();
    QCOMPARE(a[u"CheckID"].toString(), u"a"_s); // sorted by CheckID
    QCOMPARE(a[u"Node"].toString(), u"desk1"_s);
    QCOMPARE(a[u"Type"].toString(), u"tcp"_s);
    QCOMPARE(a[u"Interval"].toString(), u"10s"_s);
    QCOMPARE(a[u"Notes"].toString(), u"n"_s);
    QVERIFY(a[u"ServiceTags"].isArray());
    QVERIFY(a[u"Definition"].isObject());
    QCOMPARE(a[u"Output"].toString(), u"TCP connect 127.0.0.1:%1: Success"_s.arg(m_listening.serverPort()));
    QCOMPARE(b[u"Interval"].toString(), u"1m30s"_s);
    QCOMPARE(b[u"Status"].toString(), u"critical"_s);
    QVERIFY2(b[u"Output"].toString().contains(u"connection refused"), qPrintable(b[u"Output"].toString()));
}

void TestHeadlessAgent::malformedConfigNamesFileLineAndColumn()
{
    QTemporaryDir dir;
    writeConfig(dir, R"({"check": {"id": "ok", "name": "ok", "ttl": "10s"}})", u"a.json"_s);
    const QString configDir = writeConfig(dir, "{\n  \"checks\": [\n    {\"id\": \"x\",, }\n  ]\n}\n", u"b.json"_s);
    QTemporaryDir data;
    QProcess process;
    process.start(m_binary, {u"--headless"_s, u"--config-dir"_s, configDir, u"--data-dir"_s, data.path(),
                             u"--http-addr"_s, u"127.0.0.1:0"_s});
    QVERIFY(process.waitForFinished(10000));
    QVERIFY(process.exitCode() != 0);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(dir.filePath(u"b.json"_s) + u":3:"), qPrintable(err));
    // Nothing half-loaded: the agent never created its store.
    QVERIFY(!QFile::exists(data.filePath(u"healthdesk.db"_s)));
}

void TestHeadlessAgent::unusedConsulKeysWarnButStart()
{
    QTemporaryDir dir;
    const QString configDir = writeConfig(dir, R"({"server": true, "bootstrap_expect": 3, "check": {"id":"t","name":"t","ttl":"1m"}})");
    QProcess process;
    process.start(m_binary, {u"--once"_s, u"--config-dir"_s, configDir});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 2); // the TTL check is critical; the run itself worked
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(err.contains("server"), err.constData());
}

void TestHeadlessAgent::sigtermFlushesAndExitsZero()
{
    QTemporaryDir dir, data;
    const QString configDir = writeConfig(dir, R"({"check": {"id":"t","name":"t","ttl":"1m"}})");
    QProcess *agent = startAgent({u"--headless"_s, u"--config-dir"_s, configDir, u"--data-dir"_s, data.path()});
    QVERIFY(waitForLine(*agent, "agent started", 10000));
    ::kill(pid_t(agent->processId()), SIGTERM);
    QVERIFY(agent->waitForFinished(10000));
    QCOMPARE(agent->exitStatus(), QProcess::NormalExit);
    QCOMPARE(agent->exitCode(), 0);
}

void TestHeadlessAgent::portInUseIsAClearErrorAndNonZeroExit()
{
    QTemporaryDir dir, data;
    const QString configDir = writeConfig(dir, R"({"check": {"id":"t","name":"t","ttl":"1m"}})");
    const QString address = u"127.0.0.1:%1"_s.arg(m_listening.serverPort());
    QProcess process;
    process.start(m_binary, {u"--headless"_s, u"--config-dir"_s, configDir, u"--data-dir"_s, data.path(),
                             u"--http-addr"_s, address});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 1);
    const QString err = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(err.contains(address) && err.contains(u"in use", Qt::CaseInsensitive), qPrintable(err));
}

void TestHeadlessAgent::checksSurviveRestartAndStartCritical()
{
    QTemporaryDir dir, data;
    const QString configDir = writeConfig(
        dir, R"({"checks": [{"id":"t","name":"t","ttl":"1m"},
                {"id":"open","name":"open","tcp":"127.0.0.1:)" + QByteArray::number(m_listening.serverPort())
                 + R"(","interval":"1s"}]})");
    for (int run = 0; run < 2; ++run) {
        QProcess *agent = startAgent({u"--headless"_s, u"--config-dir"_s, configDir, u"--data-dir"_s, data.path()});
        QByteArray log;
        QVERIFY(waitForLine(*agent, "agent started", 10000, &log));
        QVERIFY2(log.contains("2 checks"), log.constData());
        // The open port turns passing within one interval plus stagger.
        QVERIFY2(waitForLine(*agent, "check \"open\" (tcp): critical -> passing", 10000, &log), log.constData());
        ::kill(pid_t(agent->processId()), SIGTERM);
        QVERIFY(agent->waitForFinished(10000));
        QCOMPARE(agent->exitCode(), 0);
    }
}

void TestHeadlessAgent::killNineAtAnyMomentLosesNothing()
{
    constexpr int kChecks = 10000;
    QTemporaryDir dir, data;
    QByteArray json = R"({"checks":[)";
    for (int i = 0; i < kChecks; ++i) {
        if (i)
            json += ',';
        // TTL checks: nothing to probe, so the test measures the store and the start-up path.
        json += R"({"id":"c)" + QByteArray::number(i) + R"(","name":"c)" + QByteArray::number(i)
            + R"(","ttl":"10m"})";
    }
    json += "]}";
    const QString configDir = writeConfig(dir, json);
    const QStringList args{u"--headless"_s, u"--config-dir"_s, configDir, u"--data-dir"_s, data.path()};

    // First start acknowledges the registrations ("agent started"); then kill -9 at random
    // moments of later runs, including during start-up.
    QProcess *agent = startAgent(args);
    QVERIFY(waitForLine(*agent, "agent started", 30000));
    agent->kill();
    agent->waitForFinished(5000);

    for (int round = 0; round < 5; ++round) {
        QProcess *next = startAgent(args);
        QVERIFY(next->waitForStarted(5000));
        QTest::qWait(int(QRandomGenerator::global()->bounded(20, 800))); // the moment of the crash, not a sync
        next->kill();
        next->waitForFinished(5000);
    }

    QElapsedTimer resume;
    resume.start();
    QProcess *last = startAgent(args);
    QByteArray log;
    QVERIFY2(waitForLine(*last, "agent started", 30000, &log), log.constData());
    const qint64 resumeMs = resume.elapsed();
    QVERIFY2(log.contains(QByteArray(QByteArray::number(kChecks) + " checks")), log.constData());
    qInfo("agent resumed with %d checks in %lld ms", kChecks, resumeMs);
    ::kill(pid_t(last->processId()), SIGTERM);
    QVERIFY(last->waitForFinished(10000));
    QCOMPARE(last->exitCode(), 0);

    // The database passes SQLite's own integrity check, read by a program that is not ours.
    QProcess sqlite;
    sqlite.start(u"/usr/bin/python3"_s,
                 {u"-c"_s, u"import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
                           "print(c.execute('pragma integrity_check').fetchone()[0], "
                           "c.execute('select count(*) from checks').fetchone()[0])"_s,
                  data.filePath(u"healthdesk.db"_s)});
    QVERIFY(sqlite.waitForFinished(30000));
    QCOMPARE(sqlite.readAllStandardOutput().trimmed(), QByteArray("ok ") + QByteArray::number(kChecks));
}

QTEST_GUILESS_MAIN(TestHeadlessAgent)
#include "tst_headlessagent.moc"
