// SPDX-License-Identifier: MIT
#include "blackholelistener.h"
#include "check/checkdefinition.h"
#include "engine/tcpprobe.h"
#include "httptestserver.h"
#include "runprobe.h"
#include "testcertificate.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

using namespace HealthDesk;
using namespace HealthDesk::Test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
CheckDefinition tcpCheck(const QString &address)
{
    CheckDefinition definition;
    definition.id = definition.name = u"tcp"_s;
    definition.tcp = address;
    definition.interval = 10s;
    return definition;
}

std::optional<ProbeResult> run(const CheckDefinition &definition)
{
    TcpProbe probe(definition);
    return runProbe(probe);
}
} // namespace

class tst_TcpProbe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ProbeResult>(); }
    void passing_data();
    void passing();
    void connectionClosedImmediately();
    void refused();
    void timeout();
    void badAddress_data();
    void badAddress();
    void tls();
    void tlsAgainstPlainServerTimesOut();
    void repeatedRuns();
};

void tst_TcpProbe::passing_data()
{
    QTest::addColumn<QHostAddress>("listen");
    QTest::addColumn<QString>("host");
    QTest::newRow("IPv4") << QHostAddress(QHostAddress::LocalHost) << u"127.0.0.1"_s;
    QTest::newRow("IPv6") << QHostAddress(QHostAddress::LocalHostIPv6) << u"[::1]"_s;
    QTest::newRow("host name") << QHostAddress(QHostAddress::LocalHost) << u"localhost"_s;
}

void tst_TcpProbe::passing()
{
    QFETCH(QHostAddress, listen);
    QFETCH(QString, host);
    QTcpServer server;
    if (!server.listen(listen, 0))
        QSKIP("cannot listen on this loopback address");
    const QString address = host + u':' + QString::number(server.serverPort());
    const auto result = run(tcpCheck(address));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"TCP connect "_s + address + u": Success"_s);
    QVERIFY(!result->bypassThresholds);
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 5000);
}

void tst_TcpProbe::connectionClosedImmediately()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    const auto result = run(tcpCheck(u"127.0.0.1:%1"_s.arg(server.serverPort())));
    QVERIFY(result);
    QTRY_VERIFY_WITH_TIMEOUT(server.hasPendingConnections(), 5000);
    std::unique_ptr<QTcpSocket> accepted(server.nextPendingConnection());
    // The probe sends nothing and closes at once.
    QTRY_COMPARE_WITH_TIMEOUT(accepted->state(), QAbstractSocket::UnconnectedState, 5000);
    QCOMPARE(accepted->readAll(), QByteArray());
}

void tst_TcpProbe::refused()
{
    quint16 port = 0;
    {
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        port = server.serverPort();
    }
    const auto result = run(tcpCheck(u"127.0.0.1:%1"_s.arg(port)));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"dial tcp 127.0.0.1:%1: connect: connection refused"_s.arg(port));

    // Consul's TestCheckTCPCritical dials port 0.
    const auto zero = run(tcpCheck(u"127.0.0.1:0"_s));
    QVERIFY(zero);
    QCOMPARE(zero->status, CheckStatus::Critical);
    QVERIFY2(zero->output.startsWith(u"dial tcp 127.0.0.1:0: "_s), qPrintable(zero->output));
}

void tst_TcpProbe::timeout()
{
    BlackholeListener blackhole;
    if (!blackhole.start())
        QSKIP("this network stack answers connects beyond a full accept queue");
    CheckDefinition definition = tcpCheck(u"127.0.0.1:%1"_s.arg(blackhole.port()));
    definition.timeout = 300ms;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"dial tcp 127.0.0.1:%1: i/o timeout"_s.arg(blackhole.port()));
    QVERIFY2(elapsed.elapsed() >= 290 && elapsed.elapsed() < 2000, QByteArray::number(elapsed.elapsed()));
}

void tst_TcpProbe::badAddress_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("output");
    QTest::newRow("no port") << u"localhost"_s << u"dial tcp: address localhost: missing port in address"_s;
    QTest::newRow("bare IPv6") << u"::1:80"_s << u"dial tcp: address ::1:80: too many colons in address"_s;
}

void tst_TcpProbe::badAddress()
{
    QFETCH(QString, address);
    QFETCH(QString, output);
    const auto result = run(tcpCheck(address));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, output);
}

void tst_TcpProbe::tls()
{
    const TestCertificate &certificate = TestCertificate::localhost();
    if (!certificate.isValid())
        QSKIP(qPrintable(certificate.errorString()));
    HttpTestServer server; // any TLS endpoint will do
    server.setTls(certificate.certificate(), certificate.key());
    QVERIFY(server.start());
    const QString address = u"127.0.0.1:%1"_s.arg(server.serverPort());

    CheckDefinition definition = tcpCheck(address);
    definition.tcpUseTls = true;
    const auto rejected = run(definition);
    QVERIFY(rejected);
    QCOMPARE(rejected->status, CheckStatus::Critical);
    QVERIFY2(rejected->output.startsWith(u"tls: failed to verify certificate: x509: certificate signed by unknown authority"_s),
             qPrintable(rejected->output));

    definition.tlsSkipVerify = true;
    const auto accepted = run(definition);
    QVERIFY(accepted);
    QCOMPARE(accepted->status, CheckStatus::Passing);
    QCOMPARE(accepted->output, u"TCP+TLS connect "_s + address + u": Success"_s);
}

void tst_TcpProbe::tlsAgainstPlainServerTimesOut()
{
    QTcpServer server; // accepts, never speaks TLS
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    CheckDefinition definition = tcpCheck(u"127.0.0.1:%1"_s.arg(server.serverPort()));
    definition.tcpUseTls = true;
    definition.timeout = 300ms;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"context deadline exceeded"_s);
}

void tst_TcpProbe::repeatedRuns()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost, 0));
    TcpProbe probe(tcpCheck(u"127.0.0.1:%1"_s.arg(server.serverPort())));
    for (int i = 0; i < 20; ++i) {
        const auto result = runProbe(probe);
        QVERIFY(result);
        QCOMPARE(result->status, CheckStatus::Passing);
        QVERIFY(result->latencyUs >= 0);
    }
    // cancel() stops a run without a result; the probe can start again.
    QSignalSpy spy(&probe, &Probe::finished);
    probe.start();
    probe.cancel();
    QVERIFY(!spy.wait(200));
    QVERIFY(runProbe(probe));
}

QTEST_GUILESS_MAIN(tst_TcpProbe)
#include "tst_tcpprobe.moc"
