// SPDX-License-Identifier: MIT
#include "check/checkdefinition.h"
#include "engine/httpdispatcher.h"
#include "engine/httpprobe.h"
#include "httptestserver.h"
#include "runprobe.h"

#include <QElapsedTimer>
#include <QTest>

#include <memory>

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

/// HTTP checks follow redirects the way Go's client does (CONSUL.md §1.1).
class tst_HttpRedirects : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void redirectFollowed();
    void redirectDisabled();
    void redirectLimit_data();
    void redirectLimit();
    void redirectRewritesMethod_data();
    void redirectRewritesMethod();
    void redirectAcrossHosts();
    void redirectToUnsupportedScheme();
    void timeoutSpansRedirects();

private:
    std::optional<ProbeResult> run(const CheckDefinition &definition);
    std::unique_ptr<HttpDispatcher> m_dispatcher;
};

void tst_HttpRedirects::initTestCase()
{
    qRegisterMetaType<ProbeResult>();
    m_dispatcher = std::make_unique<HttpDispatcher>();
}

std::optional<ProbeResult> tst_HttpRedirects::run(const CheckDefinition &definition)
{
    HttpProbe probe(definition, *m_dispatcher, 4096);
    return runProbe(probe);
}

void tst_HttpRedirects::redirectFollowed()
{
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/redirect"_s, CannedResponse::redirect(301, "Moved Permanently", "/target"));
    CannedResponse target;
    target.status = 201;
    target.reason = "Created";
    target.body = "target body";
    server.setResponse(u"/target"_s, target);
    const CheckDefinition definition = httpCheck(server.url(u"/redirect"_s));
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->code, 201);
    // The configured URL, the target's status and body.
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 201 Created Output: target body"_s);
    QCOMPARE(server.requestCount(), 2);
    QCOMPARE(server.requests().at(1).target, "/target"_ba);
    QCOMPARE(server.requests().at(1).header("User-Agent"), "Consul Health Check"_ba);
}

void tst_HttpRedirects::redirectDisabled()
{
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/redirect"_s, CannedResponse::redirect(301, "Moved Permanently", "/target"));
    CannedResponse target;
    target.body = "target body";
    server.setResponse(u"/target"_s, target);
    CheckDefinition definition = httpCheck(server.url(u"/redirect"_s));
    definition.disableRedirects = true;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 301 Moved Permanently Output: redirecting"_s);
    QCOMPARE(server.requestCount(), 1);
}

void tst_HttpRedirects::redirectLimit_data()
{
    QTest::addColumn<int>("hops");
    QTest::addColumn<bool>("passes");
    QTest::newRow("9 redirects") << 9 << true;
    QTest::newRow("10 redirects") << 10 << false;
    QTest::newRow("endless") << 1000 << false;
}

void tst_HttpRedirects::redirectLimit()
{
    QFETCH(int, hops);
    QFETCH(bool, passes);
    HttpTestServer server;
    QVERIFY(server.start());
    for (int i = 0; i < std::min(hops, 20); ++i) {
        const QByteArray next = i + 1 == hops ? "/done"_ba : "/r" + QByteArray::number(i + 1);
        server.setResponse(u"/r%1"_s.arg(i), CannedResponse::redirect(302, "Found", next));
    }
    CannedResponse done;
    done.body = "done";
    server.setResponse(u"/done"_s, done);
    const CheckDefinition definition = httpCheck(server.url(u"/r0"_s));
    const auto result = run(definition);
    QVERIFY(result);
    if (passes) {
        QCOMPARE(result->status, CheckStatus::Passing);
        QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 200 OK Output: done"_s);
    } else {
        QCOMPARE(result->status, CheckStatus::Critical);
        // Go names the request whose response was the 10th redirect.
        QCOMPARE(result->output, u"Get \""_s + server.url(u"/r9"_s) + u"\": stopped after 10 redirects"_s);
        QCOMPARE(server.requestCount(), 10);
    }
}

void tst_HttpRedirects::redirectRewritesMethod_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("bodyRepeated");
    QTest::newRow("301") << 301 << "GET"_ba << false;
    QTest::newRow("302") << 302 << "GET"_ba << false;
    QTest::newRow("303") << 303 << "GET"_ba << false;
    QTest::newRow("307") << 307 << "POST"_ba << true;
    QTest::newRow("308") << 308 << "POST"_ba << true;
}

void tst_HttpRedirects::redirectRewritesMethod()
{
    QFETCH(int, code);
    QFETCH(QByteArray, method);
    QFETCH(bool, bodyRepeated);
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/from"_s, CannedResponse::redirect(code, "Redirect", "/to"));
    server.setResponse(u"/to"_s, CannedResponse{});
    CheckDefinition definition = httpCheck(server.url(u"/from"_s));
    definition.method = u"POST"_s;
    definition.body = u"payload"_s;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->output, u"HTTP POST "_s + definition.http + u": 200 OK Output: "_s);
    QCOMPARE(server.requestCount(), 2);
    const RecordedRequest &second = server.requests().at(1);
    QCOMPARE(second.method, method);
    QCOMPARE(second.body, bodyRepeated ? "payload"_ba : QByteArray());
    QCOMPARE(second.header("Referer"), definition.http.toLatin1());
}

void tst_HttpRedirects::redirectAcrossHosts()
{
    // 127.0.0.1 and localhost are different hosts to Go: credentials stay behind, and an explicit
    // Host header survives only relative redirects.
    HttpTestServer server;
    QVERIFY(server.start());
    const QByteArray elsewhere = u"http://localhost:%1/final"_s.arg(server.serverPort()).toLatin1();
    server.setResponse(u"/start"_s, CannedResponse::redirect(302, "Found", "/same-host"));
    server.setResponse(u"/same-host"_s, CannedResponse::redirect(302, "Found", elsewhere));
    server.setResponse(u"/final"_s, CannedResponse{});
    CheckDefinition definition = httpCheck(server.url(u"/start"_s));
    definition.header.insert(u"Authorization"_s, {u"Bearer secret"_s});
    definition.header.insert(u"Host"_s, {u"virtual.example"_s});
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(server.requestCount(), 3);
    const RecordedRequest &sameHost = server.requests().at(1);
    QCOMPARE(sameHost.target, "/same-host"_ba);
    QCOMPARE(sameHost.header("Authorization"), "Bearer secret"_ba);
    QCOMPARE(sameHost.header("Host"), "virtual.example"_ba);
    const RecordedRequest &otherHost = server.requests().at(2);
    QCOMPARE(otherHost.target, "/final"_ba);
    QVERIFY(!otherHost.hasHeader("Authorization"));
    QCOMPARE(otherHost.header("Host"), u"localhost:%1"_s.arg(server.serverPort()).toLatin1());
}

void tst_HttpRedirects::redirectToUnsupportedScheme()
{
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/"_s, CannedResponse::redirect(302, "Found", "ftp://files.example/x"));
    const auto result = run(httpCheck(server.url()));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"Get \"ftp://files.example/x\": unsupported protocol scheme \"ftp\""_s);
}

void tst_HttpRedirects::timeoutSpansRedirects()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse slowRedirect = CannedResponse::redirect(302, "Found", "/hang");
    slowRedirect.delayMs = 200;
    server.setResponse(u"/"_s, slowRedirect);
    CannedResponse hang;
    hang.hang = true;
    server.setResponse(u"/hang"_s, hang);
    CheckDefinition definition = httpCheck(server.url());
    definition.timeout = 400ms;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->output, u"Get \""_s + server.url(u"/hang"_s)
                 + u"\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"_s);
    QVERIFY2(elapsed.elapsed() >= 390 && elapsed.elapsed() < 2000, QByteArray::number(elapsed.elapsed()));
}

QTEST_GUILESS_MAIN(tst_HttpRedirects)
#include "tst_httpredirects.moc"
