// SPDX-License-Identifier: MIT
#include "check/checkdefinition.h"
#include "engine/envproxyfactory.h"
#include "engine/goerrortext.h"
#include "engine/httpdispatcher.h"
#include "engine/httpprobe.h"
#include "engine/outputtail.h"
#include "engine/probefactory.h"
#include "engine/scriptprobe.h"
#include "engine/tcpprobe.h"
#include "engine/udpprobe.h"

#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

/// The pure parts under the probes: tail buffer, Go-shaped texts, proxy rules, the factory.
class tst_ProbeSupport : public QObject
{
    Q_OBJECT

private slots:
    void outputTail();
    void splitHostPort_data();
    void splitHostPort();
    void urlErrorOp();
    void proxyParsing();
    void proxyExemptions_data();
    void proxyExemptions();
    void outputLimit();
    void factoryKinds();
};

void tst_ProbeSupport::outputTail()
{
    OutputTail tail(8);
    QVERIFY(tail.bytes().isEmpty());
    tail.append("abc");
    QCOMPARE(tail.bytes(), "abc"_ba);
    QVERIFY(!tail.truncated());
    tail.append("defgh");
    QCOMPARE(tail.bytes(), "abcdefgh"_ba);
    QVERIFY(!tail.truncated());
    tail.append("ij");
    QCOMPARE(tail.bytes(), "cdefghij"_ba);
    QVERIFY(tail.truncated());
    tail.append("0123456789AB");
    QCOMPARE(tail.bytes(), "456789AB"_ba);
    QCOMPARE(tail.total(), 22);
    for (int i = 0; i < 1000; ++i)
        tail.append("xy");
    QCOMPARE(tail.bytes(), "xyxyxyxy"_ba);
    QCOMPARE(tail.total(), 2022);

    OutputTail none(0);
    none.append("abc");
    QVERIFY(none.bytes().isEmpty());
    QCOMPARE(none.total(), 3);
}

void tst_ProbeSupport::splitHostPort_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("error");
    QTest::newRow("v4") << u"127.0.0.1:80"_s << u"127.0.0.1"_s << 80 << QString();
    QTest::newRow("v6") << u"[::1]:8080"_s << u"::1"_s << 8080 << QString();
    QTest::newRow("name") << u"localhost:1"_s << u"localhost"_s << 1 << QString();
    QTest::newRow("empty host") << u":53"_s << QString() << 53 << QString();
    QTest::newRow("no port") << u"localhost"_s << QString() << 0 << u"address localhost: missing port in address"_s;
    QTest::newRow("bracketed no port") << u"[::1]"_s << QString() << 0 << u"address [::1]: missing port in address"_s;
    QTest::newRow("bare v6") << u"::1:80"_s << QString() << 0 << u"address ::1:80: too many colons in address"_s;
    QTest::newRow("named port") << u"host:http"_s << QString() << 0 << u"lookup tcp/http: unknown port"_s;
    QTest::newRow("port range") << u"host:70000"_s << QString() << 0 << u"address host:70000: invalid port"_s;
}

void tst_ProbeSupport::splitHostPort()
{
    QFETCH(QString, address);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(QString, error);
    const GoErrorText::DialAddress parsed = GoErrorText::splitHostPort(address, u"tcp");
    QCOMPARE(parsed.error, error);
    if (error.isEmpty()) {
        QCOMPARE(parsed.host, host);
        QCOMPARE(int(parsed.port), port);
        QCOMPARE(GoErrorText::joinHostPort(parsed.host, parsed.port), address);
    }
}

void tst_ProbeSupport::urlErrorOp()
{
    QCOMPARE(GoErrorText::urlErrorOp(u"GET"), u"Get"_s);
    QCOMPARE(GoErrorText::urlErrorOp(u"post"), u"Post"_s);
    QCOMPARE(GoErrorText::urlErrorOp(u"abc"), u"Abc"_s);
    QCOMPARE(GoErrorText::urlErrorOp(u""), u"Get"_s);
}

void tst_ProbeSupport::proxyParsing()
{
    const auto plain = EnvProxyFactory::parseProxy(u"proxy.example:3128"_s);
    QVERIFY(plain);
    QCOMPARE(plain->type(), QNetworkProxy::HttpProxy);
    QCOMPARE(plain->hostName(), u"proxy.example"_s);
    QCOMPARE(plain->port(), 3128);
    const auto withUser = EnvProxyFactory::parseProxy(u"http://user:pw@10.0.0.1:8080"_s);
    QVERIFY(withUser);
    QCOMPARE(withUser->user(), u"user"_s);
    QCOMPARE(withUser->password(), u"pw"_s);
    const auto socks = EnvProxyFactory::parseProxy(u"socks5://10.0.0.1"_s);
    QVERIFY(socks);
    QCOMPARE(socks->type(), QNetworkProxy::Socks5Proxy);
    QCOMPARE(socks->port(), 1080);
    QVERIFY(!EnvProxyFactory::parseProxy(u""_s));
    QVERIFY(!EnvProxyFactory::parseProxy(u"ftp://x:1"_s));
}

void tst_ProbeSupport::proxyExemptions_data()
{
    QTest::addColumn<QString>("scheme");
    QTest::addColumn<QString>("host");
    QTest::addColumn<int>("port");
    QTest::addColumn<bool>("proxied");
    QTest::newRow("plain") << u"http"_s << u"example.org"_s << 80 << true;
    QTest::newRow("localhost") << u"http"_s << u"localhost"_s << 80 << false;
    QTest::newRow("loopback v4") << u"http"_s << u"127.0.0.5"_s << 80 << false;
    QTest::newRow("loopback v6") << u"http"_s << u"::1"_s << 80 << false;
    QTest::newRow("domain itself") << u"http"_s << u"corp.example"_s << 80 << false;
    QTest::newRow("subdomain") << u"http"_s << u"a.corp.example"_s << 80 << false;
    QTest::newRow("dot entry excludes itself") << u"http"_s << u"dot.example"_s << 80 << true;
    QTest::newRow("dot entry subdomain") << u"http"_s << u"x.dot.example"_s << 80 << false;
    QTest::newRow("suffix lookalike") << u"http"_s << u"notcorp.example"_s << 80 << true;
    QTest::newRow("cidr") << u"http"_s << u"10.1.2.3"_s << 80 << false;
    QTest::newRow("outside cidr") << u"http"_s << u"10.2.0.1"_s << 80 << true;
    QTest::newRow("port entry, other port") << u"http"_s << u"ported.example"_s << 80 << true;
    QTest::newRow("port entry, its port") << u"http"_s << u"ported.example"_s << 8443 << false;
    QTest::newRow("https without proxy") << u"https"_s << u"example.org"_s << 443 << false;
}

void tst_ProbeSupport::proxyExemptions()
{
    QFETCH(QString, scheme);
    QFETCH(QString, host);
    QFETCH(int, port);
    QFETCH(bool, proxied);
    EnvProxyFactory::Settings settings;
    settings.http = *EnvProxyFactory::parseProxy(u"proxy.example:3128"_s);
    settings.noProxy = u"corp.example, .dot.example,10.1.0.0/16 ,ported.example:8443"_s;
    const EnvProxyFactory factory(settings);
    const QNetworkProxy proxy = factory.proxyFor(scheme, host, port);
    QCOMPARE(proxy.type() != QNetworkProxy::NoProxy, proxied);

    settings.noProxy = u"*"_s;
    QCOMPARE(EnvProxyFactory(settings).proxyFor(u"http"_s, u"example.org"_s, 80).type(), QNetworkProxy::NoProxy);
}

void tst_ProbeSupport::outputLimit()
{
    QCOMPARE(effectiveOutputLimit(4096, 0), 4096);
    QCOMPARE(effectiveOutputLimit(4096, 32), 32);
    QCOMPARE(effectiveOutputLimit(4096, 10'000), 4096); // can only lower it
    QCOMPARE(effectiveOutputLimit(256, 100), 100);
}

void tst_ProbeSupport::factoryKinds()
{
    HttpDispatcher dispatcher;
    const ProbeContext context{&dispatcher, 4096};
    CheckDefinition definition;
    definition.interval = 10s;

    definition.http = u"http://127.0.0.1/"_s;
    QVERIFY(dynamic_cast<HttpProbe *>(createProbe(definition, context).get()));
    QVERIFY(!createProbe(definition, ProbeContext{}));
    definition.grpc = u"127.0.0.1:1"_s; // HTTP wins over gRPC in Consul's dispatch order
    QVERIFY(dynamic_cast<HttpProbe *>(createProbe(definition, context).get()));
    definition = {};
    definition.tcp = u"127.0.0.1:1"_s;
    QVERIFY(dynamic_cast<TcpProbe *>(createProbe(definition, context).get()));
    definition = {};
    definition.udp = u"127.0.0.1:1"_s;
    QVERIFY(dynamic_cast<UdpProbe *>(createProbe(definition, context).get()));
    definition = {};
    definition.scriptArgs = {u"/bin/true"_s};
    QVERIFY(dynamic_cast<ScriptProbe *>(createProbe(definition, context).get()));
    definition.dockerContainerId = u"abc"_s; // Docker comes before script, and is not supported
    QVERIFY(!createProbe(definition, context));
    definition = {};
    definition.ttl = 30s;
    QVERIFY(!createProbe(definition, context));
    definition = {};
    definition.grpc = u"127.0.0.1:1"_s;
    QVERIFY(!createProbe(definition, context));
    definition = {};
    definition.h2ping = u"127.0.0.1:1"_s;
    QVERIFY(!createProbe(definition, context));
    definition = {};
    definition.aliasService = u"web"_s;
    QVERIFY(!createProbe(definition, context));
}

QTEST_GUILESS_MAIN(tst_ProbeSupport)
#include "tst_probesupport.moc"
