// SPDX-License-Identifier: MIT
#include "check/checkdefinition.h"
#include "engine/httpdispatcher.h"
#include "engine/httpprobe.h"
#include "httptestserver.h"
#include "runprobe.h"
#include "testcertificate.h"

#include <QElapsedTimer>
#include <QSslConfiguration>
#include <QTcpServer>
#include <QTest>

#include <algorithm>
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

/// A loopback port with nothing listening on it.
quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}
} // namespace

class tst_HttpProbe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void statusMapping_data();
    void statusMapping();
    void defaultHeaders();
    void customMethodHostAndHeaders();
    void emptyBodies_data();
    void emptyBodies();
    void bodySentForEveryMethod_data();
    void bodySentForEveryMethod();
    void headRequest();
    void outputKeepsTail();
    void emptyBodyOutput();
    void largeBodyKeepsExactTail();
    void hugeBodyStopsReading();
    void hangingServerTimesOut();
    void timeoutWhileReadingBodyUsesStatus();
    void connectionRefused();
    void requestErrorsBeforeDialling_data();
    void requestErrorsBeforeDialling();
    void selfSignedRejected();
    void selfSignedWithSkipVerify();
    void skipVerifyConnectionNotReused();
    void tlsServerName();
    void cookiesNotReplayed();

private:
    std::optional<ProbeResult> run(const CheckDefinition &definition, int outputLimit = 4096);
    std::unique_ptr<HttpDispatcher> m_dispatcher;
};

void tst_HttpProbe::initTestCase()
{
    qRegisterMetaType<ProbeResult>();
    m_dispatcher = std::make_unique<HttpDispatcher>();
}

std::optional<ProbeResult> tst_HttpProbe::run(const CheckDefinition &definition, int outputLimit)
{
    HttpProbe probe(definition, *m_dispatcher, outputLimit);
    return runProbe(probe);
}

void tst_HttpProbe::statusMapping_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<QByteArray>("reason");
    QTest::addColumn<bool>("disableRedirects");
    QTest::addColumn<CheckStatus>("expected");

    QTest::newRow("200") << 200 << "OK"_ba << false << CheckStatus::Passing;
    QTest::newRow("201") << 201 << "Created"_ba << false << CheckStatus::Passing;
    QTest::newRow("250 custom") << 250 << "Custom"_ba << false << CheckStatus::Passing;
    QTest::newRow("299 without reason") << 299 << ""_ba << false << CheckStatus::Passing;
    QTest::newRow("429") << 429 << "Too Many Requests"_ba << false << CheckStatus::Warning;
    QTest::newRow("300") << 300 << "Multiple Choices"_ba << false << CheckStatus::Critical;
    QTest::newRow("301 redirects disabled") << 301 << "Moved Permanently"_ba << true << CheckStatus::Critical;
    QTest::newRow("400") << 400 << "Bad Request"_ba << false << CheckStatus::Critical;
    QTest::newRow("404") << 404 << "Not Found"_ba << false << CheckStatus::Critical;
    QTest::newRow("500") << 500 << "Internal Server Error"_ba << false << CheckStatus::Critical;
    QTest::newRow("503") << 503 << "Service Unavailable"_ba << false << CheckStatus::Critical;
}

void tst_HttpProbe::statusMapping()
{
    QFETCH(int, code);
    QFETCH(QByteArray, reason);
    QFETCH(bool, disableRedirects);
    QFETCH(CheckStatus, expected);

    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.status = code;
    response.reason = reason;
    response.body = "body of " + QByteArray::number(code);
    if (code == 301)
        response.headers.emplaceBack("Location", "/elsewhere");
    server.setResponse(u"/health"_s, response);

    CheckDefinition definition = httpCheck(server.url(u"/health"_s));
    definition.disableRedirects = disableRedirects;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, expected);
    QCOMPARE(result->code, code);
    const QString status = reason.isEmpty() ? QString::number(code) : QString::number(code) + u' ' + QString::fromLatin1(reason);
    QCOMPARE(result->output,
             u"HTTP GET "_s + definition.http + u": "_s + status + u" Output: body of "_s + QString::number(code));
    QVERIFY(!result->bypassThresholds);
    QCOMPARE(server.requestCount(), 1);
}

void tst_HttpProbe::defaultHeaders()
{
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/"_s, CannedResponse{});
    const auto result = run(httpCheck(server.url()));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(server.requestCount(), 1);
    const RecordedRequest &request = server.requests().constFirst();
    QCOMPARE(request.method, "GET"_ba);
    QCOMPARE(request.target, "/"_ba);
    QCOMPARE(request.version, "HTTP/1.1"_ba);
    QCOMPARE(request.header("User-Agent"), "Consul Health Check"_ba);
    QCOMPARE(request.header("Accept"), "text/plain, text/*, */*"_ba);
    QCOMPARE(request.header("Connection"), "close"_ba);
    QCOMPARE(request.header("Accept-Encoding"), "gzip"_ba);
    QCOMPARE(request.header("Host"), u"127.0.0.1:%1"_s.arg(server.serverPort()).toLatin1());
    QVERIFY(request.body.isEmpty());
    // Exactly what Consul's Go client sends (TestCheckHTTP), plus Host.
    QList<QByteArray> names;
    for (const auto &[name, value] : request.headers)
        names.append(name.toLower());
    std::sort(names.begin(), names.end());
    QCOMPARE(names, (QList<QByteArray>{"accept", "accept-encoding", "connection", "host", "user-agent"}));
}

void tst_HttpProbe::customMethodHostAndHeaders()
{
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/path?x=1"_s, CannedResponse{});
    CheckDefinition definition = httpCheck(server.url(u"/path?x=1"_s));
    definition.method = u"abc"_s;
    definition.header.insert(u"Host"_s, {u"virtual.example"_s});
    definition.header.insert(u"X-Custom"_s, {u"a"_s, u"b"_s});
    definition.header.insert(u"lower-case-key"_s, {u"v"_s});
    definition.header.insert(u"User-Agent"_s, {u"my-agent"_s});
    definition.header.insert(u"Accept"_s, {u"application/json"_s});
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->output, u"HTTP abc "_s + definition.http + u": 200 OK Output: "_s);
    const RecordedRequest &request = server.requests().constFirst();
    QCOMPARE(request.method, "abc"_ba);
    QCOMPARE(request.target, "/path?x=1"_ba);
    QCOMPARE(request.header("Host"), "virtual.example"_ba);
    QList<QByteArray> custom;
    for (const auto &[name, value] : request.headers) {
        if (name == "X-Custom")
            custom.append(value);
    }
    QCOMPARE(custom, (QList<QByteArray>{"a", "b"})); // one line per value, as Go writes them
    QCOMPARE(request.header("User-Agent"), "my-agent"_ba);
    QCOMPARE(request.header("Accept"), "application/json"_ba);
    QCOMPARE(request.header("Connection"), "close"_ba);
    QVERIFY(!request.hasHeader("Content-Length"));
    // Header names go out verbatim, not canonicalised.
    bool sawLowerCase = false;
    int hostLines = 0;
    for (const auto &[name, value] : request.headers) {
        sawLowerCase = sawLowerCase || name == "lower-case-key";
        hostLines += name.compare("host", Qt::CaseInsensitive) == 0;
    }
    QVERIFY(sawLowerCase);
    QCOMPARE(hostLines, 1);
}

void tst_HttpProbe::emptyBodies_data()
{
    QTest::addColumn<QString>("method");
    QTest::addColumn<QByteArray>("contentLength"); // null = header absent
    QTest::newRow("POST") << u"POST"_s << "0"_ba;
    QTest::newRow("PUT") << u"PUT"_s << "0"_ba;
    QTest::newRow("GET") << u"GET"_s << QByteArray();
    QTest::newRow("DELETE") << u"DELETE"_s << QByteArray();
    QTest::newRow("abc") << u"abc"_s << QByteArray();
}

void tst_HttpProbe::emptyBodies()
{
    QFETCH(QString, method);
    QFETCH(QByteArray, contentLength);
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/"_s, CannedResponse{});
    CheckDefinition definition = httpCheck(server.url());
    definition.method = method;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    const RecordedRequest &request = server.requests().constFirst();
    QCOMPARE(request.method, method.toLatin1());
    QCOMPARE(request.header("Content-Length"), contentLength);
    QVERIFY(!request.hasHeader("Content-Type"));
    QVERIFY(request.body.isEmpty());
}

void tst_HttpProbe::bodySentForEveryMethod_data()
{
    QTest::addColumn<QString>("method");
    QTest::newRow("GET") << u"GET"_s;
    QTest::newRow("POST") << u"POST"_s;
    QTest::newRow("PUT") << u"PUT"_s;
    QTest::newRow("abc") << u"abc"_s;
}

void tst_HttpProbe::bodySentForEveryMethod()
{
    QFETCH(QString, method);
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/"_s, CannedResponse{});
    CheckDefinition definition = httpCheck(server.url());
    definition.method = method;
    definition.body = u"{\"ping\": \"päng\"}"_s;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    const RecordedRequest &request = server.requests().constFirst();
    QCOMPARE(request.method, method.toLatin1());
    QCOMPARE(request.body, definition.body.toUtf8());
    QCOMPARE(request.header("Content-Length"), QByteArray::number(definition.body.toUtf8().size()));
    QVERIFY(!request.hasHeader("Content-Type"));
}

void tst_HttpProbe::headRequest()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.body = "not sent for HEAD";
    server.setResponse(u"/"_s, response);
    CheckDefinition definition = httpCheck(server.url());
    definition.method = u"HEAD"_s;
    definition.timeout = 2s;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"HTTP HEAD "_s + definition.http + u": 200 OK Output: "_s);
}

void tst_HttpProbe::outputKeepsTail()
{
    // Consul's TestCheckMaxOutputSize: 8192 bytes of "x", OutputMaxSize 32.
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.body = QByteArray(8192, 'x');
    server.setResponse(u"/v1/agent/self"_s, response);
    const CheckDefinition definition = httpCheck(server.url(u"/v1/agent/self"_s));
    const auto result = run(definition, 32);
    QVERIFY(result);
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 200 OK Output: "_s + QString(32, u'x'));

    // The tail, not the head.
    response.body = QByteArray(100, 'a') + "0123456789";
    server.setResponse(u"/v1/agent/self"_s, response);
    const auto tail = run(definition, 4);
    QVERIFY(tail);
    QVERIFY(tail->output.endsWith(u"Output: 6789"_s));
}

void tst_HttpProbe::emptyBodyOutput()
{
    HttpTestServer server;
    QVERIFY(server.start());
    server.setResponse(u"/"_s, CannedResponse{});
    const CheckDefinition definition = httpCheck(server.url());
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 200 OK Output: "_s);
}

void tst_HttpProbe::largeBodyKeepsExactTail()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.generatedSize = 3 * 1024 * 1024;
    response.fill = 'y';
    response.bodyEnd = "--the-very-end--";
    server.setResponse(u"/big"_s, response);
    const CheckDefinition definition = httpCheck(server.url(u"/big"_s));
    const auto result = run(definition, 20);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 200 OK Output: yyyy--the-very-end--"_s);
}

void tst_HttpProbe::hugeBodyStopsReading()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.status = 503;
    response.reason = "Service Unavailable";
    response.generatedSize = 256LL * 1024 * 1024;
    server.setResponse(u"/huge"_s, response);
    const CheckDefinition definition = httpCheck(server.url(u"/huge"_s));
    const qint64 before = residentBytes();
    const auto result = run(definition);
    QVERIFY(result);
    // Judged on the status line and the bytes read before the cap; the body is never held whole.
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->code, 503);
    QCOMPARE(result->output,
             u"HTTP GET "_s + definition.http + u": 503 Service Unavailable Output: "_s + QString(4096, u'x'));
    QTRY_COMPARE_WITH_TIMEOUT(server.openConnections(), 0, 5000);
    QVERIFY2(server.bodyBytesSent() < 64LL * 1024 * 1024, QByteArray::number(server.bodyBytesSent()));
    const qint64 growth = residentBytes() - before;
    QVERIFY2(growth < 32LL * 1024 * 1024, QByteArray::number(growth));
}

void tst_HttpProbe::hangingServerTimesOut()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.hang = true;
    server.setResponse(u"/hang"_s, response);
    CheckDefinition definition = httpCheck(server.url(u"/hang"_s));
    definition.timeout = 300ms;
    QElapsedTimer elapsed;
    elapsed.start();
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"Get \""_s + definition.http
                 + u"\": context deadline exceeded (Client.Timeout exceeded while awaiting headers)"_s);
    QCOMPARE(result->code, -1);
    QVERIFY2(elapsed.elapsed() >= 290 && elapsed.elapsed() < 2000, QByteArray::number(elapsed.elapsed()));
    QVERIFY(result->latencyUs >= 290'000);
    QCOMPARE(m_dispatcher->inFlightCount(), 0);
}

void tst_HttpProbe::timeoutWhileReadingBodyUsesStatus()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.body = "0123456789";
    response.declaredLength = 100;
    server.setResponse(u"/slow-body"_s, response);
    CheckDefinition definition = httpCheck(server.url(u"/slow-body"_s));
    definition.timeout = 300ms;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 200 OK Output: 0123456789"_s);
}

void tst_HttpProbe::connectionRefused()
{
    const quint16 port = closedPort();
    const QString url = u"http://127.0.0.1:%1/"_s.arg(port);
    const auto result = run(httpCheck(url));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output,
             u"Get \"%1\": dial tcp 127.0.0.1:%2: connect: connection refused"_s.arg(url).arg(port));

    CheckDefinition post = httpCheck(url);
    post.method = u"POST"_s;
    const auto postResult = run(post);
    QVERIFY(postResult);
    QVERIFY2(postResult->output.startsWith(u"Post \""_s + url), qPrintable(postResult->output));
}

void tst_HttpProbe::requestErrorsBeforeDialling_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("method");
    QTest::addColumn<QString>("output");
    QTest::newRow("ftp") << u"ftp://x"_s << QString() << u"Get \"ftp://x\": unsupported protocol scheme \"ftp\""_s;
    QTest::newRow("no scheme") << u"/just/a/path"_s << QString()
                               << u"Get \"/just/a/path\": unsupported protocol scheme \"\""_s;
    QTest::newRow("invalid method") << u"http://127.0.0.1:1/"_s << u"GE T"_s << u"net/http: invalid method \"GE T\""_s;
    QTest::newRow("delete op") << u"gopher://x"_s << u"DELETE"_s
                               << u"Delete \"gopher://x\": unsupported protocol scheme \"gopher\""_s;
}

void tst_HttpProbe::requestErrorsBeforeDialling()
{
    QFETCH(QString, url);
    QFETCH(QString, method);
    QFETCH(QString, output);
    CheckDefinition definition = httpCheck(url);
    definition.method = method;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, output);
}

void tst_HttpProbe::selfSignedRejected()
{
    const TestCertificate &certificate = TestCertificate::localhost();
    if (!certificate.isValid())
        QSKIP(qPrintable(certificate.errorString()));
    HttpTestServer server;
    server.setTls(certificate.certificate(), certificate.key());
    QVERIFY(server.start());
    const CheckDefinition definition = httpCheck(server.url());
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QVERIFY2(result->output.startsWith(u"Get \""_s + definition.http
                                       + u"\": tls: failed to verify certificate: x509: "_s),
             qPrintable(result->output));
    QVERIFY2(result->output.contains(u"certificate signed by unknown authority"_s), qPrintable(result->output));
    QCOMPARE(server.requestCount(), 0);
}

void tst_HttpProbe::selfSignedWithSkipVerify()
{
    const TestCertificate &certificate = TestCertificate::localhost();
    if (!certificate.isValid())
        QSKIP(qPrintable(certificate.errorString()));
    HttpTestServer server;
    server.setTls(certificate.certificate(), certificate.key());
    QVERIFY(server.start());
    CannedResponse response;
    response.body = "secure";
    server.setResponse(u"/"_s, response);
    CheckDefinition definition = httpCheck(server.url());
    definition.tlsSkipVerify = true;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"HTTP GET "_s + definition.http + u": 200 OK Output: secure"_s);
    QVERIFY(definition.http.startsWith(u"https://"_s));
}

void tst_HttpProbe::skipVerifyConnectionNotReused()
{
    const TestCertificate &certificate = TestCertificate::localhost();
    if (!certificate.isValid())
        QSKIP(qPrintable(certificate.errorString()));
    HttpTestServer server;
    server.setTls(certificate.certificate(), certificate.key());
    QVERIFY(server.start());
    server.setResponse(u"/"_s, CannedResponse{});
    CheckDefinition skipping = httpCheck(server.url());
    skipping.tlsSkipVerify = true;
    const CheckDefinition verifying = httpCheck(server.url());
    for (int round = 0; round < 2; ++round) {
        const auto skipped = run(skipping);
        QVERIFY(skipped);
        QCOMPARE(skipped->status, CheckStatus::Passing);
        const auto verified = run(verifying);
        QVERIFY(verified);
        QCOMPARE(verified->status, CheckStatus::Critical);
        QVERIFY(verified->output.contains(u"certificate"_s));
    }
    // Every run opened its own connection (verifying ones fail in the handshake).
    QCOMPARE(server.totalConnections(), 4);
    QCOMPARE(server.requestCount(), 2);
}

void tst_HttpProbe::tlsServerName()
{
    const TestCertificate &certificate = TestCertificate::localhost();
    if (!certificate.isValid())
        QSKIP(qPrintable(certificate.errorString()));
    // Trust the test certificate; the dispatcher snapshots the default configuration.
    const QSslConfiguration saved = QSslConfiguration::defaultConfiguration();
    QSslConfiguration trusting = saved;
    trusting.addCaCertificate(certificate.certificate());
    QSslConfiguration::setDefaultConfiguration(trusting);
    HttpDispatcher dispatcher;
    QSslConfiguration::setDefaultConfiguration(saved);

    HttpTestServer server;
    server.setTls(certificate.certificate(), certificate.key());
    QVERIFY(server.start());
    server.setResponse(u"/"_s, CannedResponse{});

    CheckDefinition definition = httpCheck(server.url());
    {
        HttpProbe probe(definition, dispatcher, 4096);
        const auto result = runProbe(probe);
        QVERIFY(result);
        QCOMPARE(result->status, CheckStatus::Passing); // IP SAN 127.0.0.1
    }
    definition.tlsServerName = u"localhost"_s;
    {
        HttpProbe probe(definition, dispatcher, 4096);
        const auto result = runProbe(probe);
        QVERIFY(result);
        QCOMPARE(result->status, CheckStatus::Passing);
    }
    definition.tlsServerName = u"wrong.example"_s;
    {
        HttpProbe probe(definition, dispatcher, 4096);
        const auto result = runProbe(probe);
        QVERIFY(result);
        QCOMPARE(result->status, CheckStatus::Critical);
        QVERIFY2(result->output.contains(u"x509: certificate is valid for "_s), qPrintable(result->output));
        QVERIFY2(result->output.contains(u"not wrong.example"_s), qPrintable(result->output));
    }
}

void tst_HttpProbe::cookiesNotReplayed()
{
    HttpTestServer server;
    QVERIFY(server.start());
    CannedResponse response;
    response.headers.emplaceBack("Set-Cookie", "session=abc; Path=/");
    server.setResponse(u"/"_s, response);
    const CheckDefinition definition = httpCheck(server.url());
    QVERIFY(run(definition));
    QVERIFY(run(definition));
    QCOMPARE(server.requestCount(), 2);
    QVERIFY(!server.requests().at(1).hasHeader("Cookie"));
}

QTEST_GUILESS_MAIN(tst_HttpProbe)
#include "tst_httpprobe.moc"
