// SPDX-License-Identifier: MIT
#include "check/checkdefinition.h"
#include "engine/udpprobe.h"
#include "runprobe.h"
#include "udptestserver.h"

#include <QElapsedTimer>
#include <QRegularExpression>
#include <QTest>
#include <QUdpSocket>

using namespace HealthDesk;
using namespace HealthDesk::Test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
CheckDefinition udpCheck(const QString &address)
{
    CheckDefinition definition;
    definition.id = definition.name = u"udp"_s;
    definition.udp = address;
    definition.interval = 10s;
    return definition;
}

std::optional<ProbeResult> run(const CheckDefinition &definition)
{
    UdpProbe probe(definition);
    return runProbe(probe);
}
} // namespace

class tst_UdpProbe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ProbeResult>(); }
    void echo_data();
    void echo();
    void closedPort();
    void silentTargetPassesAfterTimeout();
    void badAddress();
};

void tst_UdpProbe::echo_data()
{
    QTest::addColumn<QHostAddress>("address");
    QTest::newRow("IPv4") << QHostAddress(QHostAddress::LocalHost);
    QTest::newRow("IPv6") << QHostAddress(QHostAddress::LocalHostIPv6);
}

void tst_UdpProbe::echo()
{
    QFETCH(QHostAddress, address);
    UdpTestServer server;
    if (!server.start(address))
        QSKIP("cannot bind this loopback address");
    CheckDefinition definition = udpCheck(server.address());
    definition.timeout = 5s;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"UDP connect "_s + server.address() + u": Success"_s);
    QVERIFY2(elapsed.elapsed() < 4000, "the echo, not the timeout, must end the run");
    QCOMPARE(server.datagramCount(), 1);
    QCOMPARE(server.lastDatagram(), QByteArray()); // the agent's message is empty
}

void tst_UdpProbe::closedPort()
{
    quint16 port = 0;
    {
        QUdpSocket socket;
        QVERIFY(socket.bind(QHostAddress::LocalHost, 0));
        port = socket.localPort();
    }
    CheckDefinition definition = udpCheck(u"127.0.0.1:%1"_s.arg(port));
    definition.timeout = 5s;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    const QRegularExpression shape(
        u"^read udp 127\\.0\\.0\\.1:\\d+->127\\.0\\.0\\.1:%1: read: connection refused$"_s.arg(port));
    QVERIFY2(shape.match(result->output).hasMatch(), qPrintable(result->output));
}

void tst_UdpProbe::silentTargetPassesAfterTimeout()
{
    UdpTestServer server;
    QVERIFY(server.start());
    server.setSilent(true);
    CheckDefinition definition = udpCheck(server.address());
    definition.timeout = 300ms;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = run(definition);
    QVERIFY(result);
    // Consul counts a read timeout as success; HealthDesk bounds the read by the timeout.
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"UDP connect "_s + server.address() + u": Success"_s);
    QVERIFY2(elapsed.elapsed() >= 290 && elapsed.elapsed() < 2000, QByteArray::number(elapsed.elapsed()));
    QCOMPARE(server.datagramCount(), 1);
}

void tst_UdpProbe::badAddress()
{
    const auto result = run(udpCheck(u"127.0.0.1"_s));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"dial udp: address 127.0.0.1: missing port in address"_s);
}

QTEST_GUILESS_MAIN(tst_UdpProbe)
#include "tst_udpprobe.moc"
