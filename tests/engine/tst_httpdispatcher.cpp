// SPDX-License-Identifier: MIT
#include "check/checkdefinition.h"
#include "engine/httpdispatcher.h"
#include "engine/httpprobe.h"
#include "httptestserver.h"
#include "runprobe.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>
#include <vector>

using namespace HealthDesk;
using namespace HealthDesk::Test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
CheckDefinition httpCheck(const QString &url)
{
    CheckDefinition definition;
    definition.id = definition.name = u"web"_s;
    definition.http = url;
    definition.interval = 10s;
    return definition;
}
} // namespace

/// Connection slots, queueing and the wire: HttpDispatcher and HttpExchange under HttpProbe.
class tst_HttpDispatcher : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void manyChecksOneSlowHost_data();
    void manyChecksOneSlowHost();
    void timeoutStartsAtDispatch();
    void globalConnectionCap();
    void cancelInFlightAndQueued();
    void responseFraming_data();
    void responseFraming();
    void gzipBodyDecoded();
    void closedWithoutResponse();
    void ipv6Target();
    void proxyFromEnvironment();

private:
    std::optional<ProbeResult> run(const CheckDefinition &definition, int outputLimit = 4096);
    std::unique_ptr<HttpDispatcher> m_dispatcher;
};

void tst_HttpDispatcher::initTestCase()
{
    qRegisterMetaType<ProbeResult>();
    m_dispatcher = std::make_unique<HttpDispatcher>();
}

std::optional<ProbeResult> tst_HttpDispatcher::run(const CheckDefinition &definition, int outputLimit)
{
    HttpProbe probe(definition, *m_dispatcher, outputLimit);
    return runProbe(probe);
}

void tst_HttpDispatcher::manyChecksOneSlowHost_data()
{
    QTest::addColumn<int>("perHost");
    QTest::newRow("default limits") << HttpDispatcher::kDefaultConnectionsPerHost;
    QTest::newRow("64 per host, queued") << 64;
}

void tst_HttpDispatcher::manyChecksOneSlowHost()
{
    // 200 checks at once against one host that answers each request after 200 ms, timeout 2 s.
    // Whether they run side by side or wait for a slot, none may time out falsely (Qt's own
    // queue counted waiting time against the timeout: 170 of 200 "timed out").
    QFETCH(int, perHost);
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse slow;
    slow.delayMs = 200;
    slow.body = "slow but fine";
    server.setResponse(u"/slow"_s, slow);

    HttpDispatcher dispatcher(perHost);
    CheckDefinition definition = httpCheck(server.url(u"/slow"_s));
    definition.timeout = 2s;
    constexpr int kChecks = 200;
    std::vector<std::unique_ptr<HttpProbe>> probes;
    std::vector<ProbeResult> results;
    for (int i = 0; i < kChecks; ++i) {
        probes.push_back(std::make_unique<HttpProbe>(definition, dispatcher, 4096));
        connect(probes.back().get(), &Probe::finished, this,
                [&results](const ProbeResult &result) { results.push_back(result); });
    }
    QElapsedTimer elapsed;
    elapsed.start();
    for (auto &probe : probes)
        probe->start();
    QCOMPARE(dispatcher.inFlightCount(), std::min(kChecks, perHost));
    QCOMPARE(dispatcher.queuedCount(), std::max(0, kChecks - perHost));
    QTRY_COMPARE_WITH_TIMEOUT(int(results.size()), kChecks, 20'000);
    for (const ProbeResult &result : results) {
        QCOMPARE(result.status, CheckStatus::Passing);
        QVERIFY2(result.latencyUs < 2'000'000, QByteArray::number(result.latencyUs));
    }
    QCOMPARE(server.requestCount(), kChecks);
    QVERIFY2(server.maxOpenConnections() <= perHost, QByteArray::number(server.maxOpenConnections()));
    QVERIFY2(elapsed.elapsed() < 10'000, QByteArray::number(elapsed.elapsed()));
    QCOMPARE(dispatcher.inFlightCount(), 0);
    QCOMPARE(dispatcher.queuedCount(), 0);
}

void tst_HttpDispatcher::timeoutStartsAtDispatch()
{
    // Six connections per host: 30 requests of 200 ms each go out six at a time (about 1 s in
    // all), yet none times out with a 600 ms timeout because each timeout starts when its
    // request is sent.
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse slow;
    slow.delayMs = 200;
    server.setResponse(u"/slow"_s, slow);

    HttpDispatcher dispatcher(6);
    CheckDefinition definition = httpCheck(server.url(u"/slow"_s));
    definition.timeout = 600ms;
    constexpr int kChecks = 30;
    std::vector<std::unique_ptr<HttpProbe>> probes;
    int passing = 0;
    int done = 0;
    for (int i = 0; i < kChecks; ++i) {
        probes.push_back(std::make_unique<HttpProbe>(definition, dispatcher, 4096));
        connect(probes.back().get(), &Probe::finished, this, [&](const ProbeResult &result) {
            ++done;
            passing += result.status == CheckStatus::Passing;
        });
    }
    QElapsedTimer elapsed;
    elapsed.start();
    for (auto &probe : probes)
        probe->start();
    QCOMPARE(dispatcher.inFlightCount(), 6);
    QCOMPARE(dispatcher.queuedCount(), kChecks - 6);
    QTRY_COMPARE_WITH_TIMEOUT(done, kChecks, 20'000);
    QCOMPARE(passing, kChecks);
    QVERIFY(server.maxOpenConnections() <= 6);
    QVERIFY2(elapsed.elapsed() >= 800, QByteArray::number(elapsed.elapsed()));
}

void tst_HttpDispatcher::globalConnectionCap()
{
    HttpTestServer first;
    HttpTestServer second;
    QVERIFY(first.start());
    QVERIFY(second.start());
    CannedResponse slow;
    slow.delayMs = 100;
    first.setResponse(u"/"_s, slow);
    second.setResponse(u"/"_s, slow);
    HttpDispatcher dispatcher(100, 3);
    std::vector<std::unique_ptr<HttpProbe>> probes;
    int passing = 0;
    for (int i = 0; i < 10; ++i) {
        const HttpTestServer &server = i % 2 ? second : first;
        probes.push_back(std::make_unique<HttpProbe>(httpCheck(server.url()), dispatcher, 4096));
        connect(probes.back().get(), &Probe::finished, this,
                [&passing](const ProbeResult &result) { passing += result.status == CheckStatus::Passing; });
        probes.back()->start();
    }
    QCOMPARE(dispatcher.inFlightCount(), 3);
    QCOMPARE(dispatcher.queuedCount(), 7);
    QTRY_COMPARE_WITH_TIMEOUT(passing, 10, 10'000);
    QVERIFY(first.maxOpenConnections() + second.maxOpenConnections() <= 4);
}

void tst_HttpDispatcher::cancelInFlightAndQueued()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.hang = true;
    server.setResponse(u"/hang"_s, response);
    HttpDispatcher dispatcher(6);
    CheckDefinition definition = httpCheck(server.url(u"/hang"_s));
    std::vector<std::unique_ptr<HttpProbe>> probes;
    int finishedCount = 0;
    for (int i = 0; i < 8; ++i) {
        probes.push_back(std::make_unique<HttpProbe>(definition, dispatcher, 4096));
        connect(probes.back().get(), &Probe::finished, this, [&] { ++finishedCount; });
        probes.back()->start();
    }
    QCOMPARE(dispatcher.inFlightCount(), 6);
    QCOMPARE(dispatcher.queuedCount(), 2);
    QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), 6, 5000);

    probes.back()->cancel(); // queued
    QCOMPARE(dispatcher.queuedCount(), 1);
    probes.front()->cancel(); // in flight: its slot goes to the next queued request
    QCOMPARE(dispatcher.inFlightCount(), 6);
    QCOMPARE(dispatcher.queuedCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(server.requestCount(), 7, 5000);
    probes.clear(); // destroying probes cancels their runs
    QCOMPARE(dispatcher.inFlightCount(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 5000);
    QCOMPARE(finishedCount, 0);

    // A cancelled probe can run again.
    HttpProbe again(httpCheck(server.url(u"/other"_s)), dispatcher, 4096);
    again.start();
    again.cancel();
    const auto result = runProbe(again);
    QVERIFY(result);
    QCOMPARE(result->code, 404);
}

void tst_HttpDispatcher::responseFraming_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<QString>("statusAndOutput");
    QTest::newRow("chunked")
        << "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7\r\n, world\r\n0\r\n\r\n"_ba
        << u"200 OK Output: hello, world"_s;
    QTest::newRow("close-delimited HTTP/1.0") << "HTTP/1.0 503 Busy\r\n\r\nuntil the end"_ba
                                              << u"503 Busy Output: until the end"_s;
    QTest::newRow("interim 100 Continue")
        << "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\ndone"_ba
        << u"201 Created Output: done"_s;
    QTest::newRow("body cut short") << "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\npartial"_ba
                                    << u"200 OK Output: partial"_s;
    QTest::newRow("204 ignores stray bytes") << "HTTP/1.1 204 No Content\r\n\r\n"_ba << u"204 No Content Output: "_s;
}

void tst_HttpDispatcher::responseFraming()
{
    QFETCH(QByteArray, raw);
    QFETCH(QString, statusAndOutput);
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.raw = raw;
    server.setResponse(u"/"_s, response);
    const CheckDefinition definition = httpCheck(server.url());
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": "_s + statusAndOutput);
}

void tst_HttpDispatcher::gzipBodyDecoded()
{
    // Go's transport asks for gzip and decodes it transparently; so do we.
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.body = QByteArray::fromBase64("H4sIAAAAAAACA+3HuQkAIBAAsN4p3E2vEPzQ/cEp7JIuZY194t6oubcZqbi7u7u7u3/6A+CHsViADAAA");
    response.headers.emplaceBack("Content-Encoding", "gzip");
    server.setResponse(u"/"_s, response);
    const CheckDefinition definition = httpCheck(server.url());
    const auto result = run(definition, 32);
    QVERIFY(result);
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 200 OK Output: "_s
                 + u"compressed line\ncompressed line\n"_s);

    // An explicit Accept-Encoding is the caller's business: no decoding then, as in Go.
    CheckDefinition explicitEncoding = definition;
    explicitEncoding.header.insert(u"Accept-Encoding"_s, {u"gzip"_s});
    const auto raw = run(explicitEncoding, 4096);
    QVERIFY(raw);
    QVERIFY(!raw->output.contains(u"compressed line"_s));
    QCOMPARE(server.requests().at(1).header("Accept-Encoding"), "gzip"_ba);
}

void tst_HttpDispatcher::closedWithoutResponse()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.close = true;
    server.setResponse(u"/"_s, response);
    const CheckDefinition definition = httpCheck(server.url());
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"Get \""_s + definition.http + u"\": EOF"_s);

    CannedResponse garbage;
    garbage.raw = "SSH-2.0-OpenSSH_9.2\r\n";
    server.setResponse(u"/"_s, garbage);
    const auto malformed = run(definition);
    QVERIFY(malformed);
    QCOMPARE(malformed->status, CheckStatus::Critical);
    QVERIFY2(malformed->output.startsWith(u"Get \""_s + definition.http
                                          + u"\": net/http: HTTP/1.x transport connection broken: malformed HTTP response"_s),
             qPrintable(malformed->output));
}

void tst_HttpDispatcher::ipv6Target()
{
    HttpTestServer server;
    if (!server.start(QHostAddress::LocalHostIPv6))
        QSKIP("no IPv6 loopback");
    server.setResponse(u"/"_s, CannedResponse{});
    const CheckDefinition definition = httpCheck(server.url());
    QVERIFY(definition.http.startsWith(u"http://[::1]:"_s));
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(server.requests().constFirst().header("Host"), u"[::1]:%1"_s.arg(server.serverPort()).toLatin1());
}

void tst_HttpDispatcher::proxyFromEnvironment()
{
    // The test server plays the proxy: plain HTTP goes to it in absolute form. The target host
    // is never resolved or contacted. Loopback targets bypass the proxy, as in Go.
    HttpTestServer proxy;
    QVERIFY(proxy.start());
    CannedResponse proxied;
    proxied.body = "via proxy";
    proxy.setResponse(u"http://checks.example/health"_s, proxied);
    HttpTestServer direct;
    QVERIFY(direct.start());
    direct.setResponse(u"/"_s, CannedResponse{});

    qputenv("HTTP_PROXY", u"http://user:pw@127.0.0.1:%1"_s.arg(proxy.serverPort()).toLatin1());
    HttpDispatcher dispatcher;
    qunsetenv("HTTP_PROXY");

    HttpProbe viaProxy(httpCheck(u"http://checks.example/health"_s), dispatcher, 4096);
    const auto result = runProbe(viaProxy);
    QVERIFY(result);
    QCOMPARE(result->output, u"HTTP GET http://checks.example/health: 200 OK Output: via proxy"_s);
    const RecordedRequest &request = proxy.requests().constFirst();
    QCOMPARE(request.target, "http://checks.example/health"_ba);
    QCOMPARE(request.header("Host"), "checks.example"_ba);
    QCOMPARE(request.header("Proxy-Authorization"), "Basic " + "user:pw"_ba.toBase64());

    HttpProbe loopback(httpCheck(direct.url()), dispatcher, 4096);
    const auto directResult = runProbe(loopback);
    QVERIFY(directResult);
    QCOMPARE(directResult->status, CheckStatus::Passing);
    QCOMPARE(direct.requestCount(), 1);
    QCOMPARE(proxy.requestCount(), 1);
}

QTEST_GUILESS_MAIN(tst_HttpDispatcher)
#include "tst_httpdispatcher.moc"
