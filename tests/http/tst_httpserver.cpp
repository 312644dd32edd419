// SPDX-License-Identifier: MIT
// The HTTP transport's protocol behaviour over real loopback sockets: raw bytes from QTcpSocket
// where the exact wire matters, curl where a real client's behaviour matters.
#include "api/http/httpserver.h"
#include "api/http/pendingreply.h"
#include "api/http/request.h"
#include "api/http/response.h"
#include "clientfleet.h"
#include "rawclient.h"
#include "testhandler.h"
#include "testutils.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryFile>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace HealthDesk::Http;
using namespace HealthDesk::Http::Testing;

class TestHttpServer : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void echo();
    void portInUse();
    void keepAliveReuse();
    void connectionClose();
    void handlerEndsConnection();
    void http10_data();
    void http10();
    void expectContinueRaw();
    void expectContinueRejectedAtOnce_data();
    void expectContinueRejectedAtOnce();
    void expectContinueCurl();
    void expectContinueWaitsItsTurn();
    void pipelinedHeldFirst();
    void pipelineDepthIsBounded();
    void heldReplyClientGone();
    void serverDestroyedWithHeldReplies();
    void droppedReplyAnswers500();
    void bodyTooLarge_data();
    void bodyTooLarge();
    void bodyTooLargeCurl_data();
    void bodyTooLargeCurl();
    void headersTooLarge();
    void gzip_data();
    void gzip();
    void gzipCurl();
    void malformed_data();
    void malformed();
    void queryDecodingEndToEnd();

private:
    bool startServer(const ServerOptions &options = {});
    QByteArray url(const QByteArray &path) const
    {
        return "http://127.0.0.1:" + QByteArray::number(m_server->serverPort()) + path;
    }

    std::unique_ptr<TestHandler> m_handler;
    std::unique_ptr<HttpServer> m_server;
};

bool TestHttpServer::startServer(const ServerOptions &options)
{
    m_server.reset();
    m_server = std::make_unique<HttpServer>(m_handler.get(), options);
    QString error;
    const bool ok = m_server->start(QHostAddress::LocalHost, 0, &error);
    if (!ok)
        qWarning() << error;
    return ok;
}

void TestHttpServer::init()
{
    m_handler = std::make_unique<TestHandler>();
    QVERIFY(startServer());
}

void TestHttpServer::cleanup()
{
    m_server.reset();
    m_handler.reset();
}

void TestHttpServer::echo()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("POST /echo?tag=e HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello");
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->body, "POST /echo tag=e\nq:tag=e\nbody:hello"_ba);
    QCOMPARE(reply->headers.value("Content-Length"), QByteArray::number(reply->body.size()));
    QCOMPARE(reply->headers.value("Content-Type"), "text/plain"_ba);
    QVERIFY(QRegularExpression(u"^\\w{3}, \\d\\d \\w{3} \\d{4} \\d\\d:\\d\\d:\\d\\d GMT$"_s)
                .match(QString::fromLatin1(reply->headers.value("Date")))
                .hasMatch());
    QVERIFY(!reply->headers.contains("Server"));
    QVERIFY(!reply->headers.contains("Connection"));
}

void TestHttpServer::portInUse()
{
    TestHandler other;
    HttpServer second(&other);
    QString error;
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"already in use"_s));
    QVERIFY(!second.start(QHostAddress::LocalHost, m_server->serverPort(), &error));
    QVERIFY2(error.contains(u"already in use"_s), qPrintable(error));
    QVERIFY2(error.contains(QString::number(m_server->serverPort())), qPrintable(error));
}

void TestHttpServer::keepAliveReuse()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    for (int i = 0; i < 3; ++i) {
        client.send(getRequest("/echo?tag=" + QByteArray::number(i)));
        const std::optional<RawClient::Reply> reply = client.readReply();
        QVERIFY(reply);
        QCOMPARE(reply->status, 200);
        QVERIFY(reply->body.contains(QByteArray("tag=" + QByteArray::number(i))));
    }
    QCOMPARE(client.socket().state(), QAbstractSocket::ConnectedState);
    QCOMPARE(m_server->connectionCount(), 1);
}

void TestHttpServer::connectionClose()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    // The second request follows a `Connection: close` one and must be ignored.
    client.send(getRequest("/echo?tag=last", "Connection: close\r\n") + getRequest("/echo?tag=ignored"));
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->headers.value("Connection"), "close"_ba);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(client.pending(), QByteArray());
    QCOMPARE(m_handler->seenTags, QStringList{u"last"_s});
}

void TestHttpServer::handlerEndsConnection()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(getRequest("/close"));
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, "bye"_ba);
    QCOMPARE(reply->headers.value("Connection"), "close"_ba);
    QVERIFY(client.waitForDisconnected());
}

void TestHttpServer::http10_data()
{
    QTest::addColumn<QByteArray>("connectionHeader");
    QTest::addColumn<bool>("staysOpen");

    QTest::newRow("default closes") << QByteArray() << false;
    QTest::newRow("keep-alive") << "Connection: keep-alive\r\n"_ba << true;
}

void TestHttpServer::http10()
{
    QFETCH(QByteArray, connectionHeader);
    QFETCH(bool, staysOpen);

    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("GET /echo?tag=old HTTP/1.0\r\n" + connectionHeader + "\r\n");
    std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->headers.value("Connection"), staysOpen ? "keep-alive"_ba : "close"_ba);
    if (!staysOpen) {
        QVERIFY(client.waitForDisconnected());
        return;
    }
    client.send("GET /echo?tag=again HTTP/1.0\r\n" + connectionHeader + "\r\n");
    reply = client.readReply();
    QVERIFY(reply);
    QVERIFY(reply->body.contains("tag=again"));
}

void TestHttpServer::expectContinueRaw()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("PUT /echo HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 5\r\n\r\n");
    std::optional<RawClient::Reply> interim = client.readReply();
    QVERIFY(interim);
    QCOMPARE(interim->status, 100);
    QCOMPARE(m_handler->requests, 0); // the body is not there yet
    client.send("abcde");
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QVERIFY(reply->body.endsWith("body:abcde"));
}

void TestHttpServer::expectContinueRejectedAtOnce_data()
{
    QTest::addColumn<QByteArray>("headers");
    QTest::addColumn<int>("status");

    QTest::newRow("body too large") << "Expect: 100-continue\r\nContent-Length: 2097152\r\n"_ba << 413;
    QTest::newRow("unknown expectation") << "Expect: 200-ok\r\nContent-Length: 5\r\n"_ba << 417;
}

void TestHttpServer::expectContinueRejectedAtOnce()
{
    QFETCH(QByteArray, headers);
    QFETCH(int, status);
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send("PUT /echo HTTP/1.1\r\nHost: localhost\r\n" + headers + "\r\n");
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, status);
    QCOMPARE(reply->headers.value("Connection"), "close"_ba);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(m_handler->requests, 0);
}

void TestHttpServer::expectContinueCurl()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    QTemporaryFile body;
    QVERIFY(body.open());
    body.write(QByteArray(3000, 'c'));
    body.flush();
    // Without our 100 Continue curl would wait out --expect100-timeout before sending.
    const ProgramResult result = runProgram(curl, {u"-sS"_s, u"-v"_s, u"-X"_s, u"PUT"_s, u"--expect100-timeout"_s, u"10"_s,
                                                   u"-H"_s, u"Expect: 100-continue"_s, u"--data-binary"_s,
                                                   u"@"_s + body.fileName(), QString::fromLatin1(url("/echo"))});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.err.contains("< HTTP/1.1 100 Continue"), result.err.constData());
    QVERIFY(result.out.endsWith(QByteArray("body:" + QByteArray(3000, 'c'))));
    QVERIFY2(result.elapsedMs < 5000, QByteArray::number(result.elapsedMs).constData());
}

void TestHttpServer::expectContinueWaitsItsTurn()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(getRequest("/hold?tag=first")
                + "PUT /echo HTTP/1.1\r\nHost: localhost\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
    QTRY_COMPARE(m_handler->held.size(), 1);
    QTest::qWait(50);
    // An interim reply belongs to its request: it may not overtake the reply held before it.
    QCOMPARE(client.pending(), QByteArray());
    m_handler->held.first().reply.send(Response(200, "first"));
    std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, "first"_ba);
    reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 100);
    client.send("ok");
    reply = client.readReply();
    QVERIFY(reply);
    QVERIFY(reply->body.endsWith("body:ok"));
}

void TestHttpServer::pipelinedHeldFirst()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(getRequest("/hold?tag=1") + getRequest("/echo?tag=2") + getRequest("/echo?tag=3"));
    // Parsing runs ahead: all three reach the handler while the first is held...
    QTRY_COMPARE(m_handler->requests, 3);
    QCOMPARE(m_handler->held.size(), 1);
    // ...but nothing may be written before the first reply.
    QTest::qWait(50);
    QCOMPARE(client.pending(), QByteArray());

    QVERIFY(m_handler->held.first().reply.send(Response(200, "first")));
    QVERIFY(!m_handler->held.first().reply.send(Response(200, "second"))); // only the first counts
    for (const QByteArray &expected : {"first"_ba, "tag=2"_ba, "tag=3"_ba}) {
        const std::optional<RawClient::Reply> reply = client.readReply();
        QVERIFY(reply);
        QVERIFY2(reply->body.contains(expected), reply->body.constData());
    }
}

void TestHttpServer::pipelineDepthIsBounded()
{
    ServerOptions options;
    options.maxPipelinedRequests = 4;
    QVERIFY(startServer(options));
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QByteArray burst = getRequest("/hold?tag=h");
    for (int i = 0; i < 20; ++i)
        burst += getRequest("/echo?tag=" + QByteArray::number(i));
    client.send(burst);
    QTRY_COMPARE(m_handler->requests, 4);
    QTest::qWait(50);
    QCOMPARE(m_handler->requests, 4); // the rest waits, unparsed, behind the held reply

    m_handler->held.first().reply.send(Response(200, "held"));
    QTRY_COMPARE(m_handler->requests, 21);
    for (int i = 0; i < 21; ++i)
        QVERIFY(client.readReply());
}

void TestHttpServer::heldReplyClientGone()
{
    {
        RawClient client;
        QVERIFY(client.connectTo(m_server->serverPort()));
        client.send(getRequest("/hold?tag=gone"));
        QTRY_COMPARE(m_handler->held.size(), 1);
        QVERIFY(m_handler->held.first().reply.isActive());
        QVERIFY(m_handler->held.first().reply.lifetime());
        client.socket().abort();
    }
    const QPointer<QObject> lifetime = m_handler->held.first().reply.lifetime();
    QTRY_COMPARE(m_handler->goneTags, QStringList{u"gone"_s});
    PendingReply &reply = m_handler->held.first().reply;
    QVERIFY(reply.isClientGone());
    QVERIFY(!reply.isActive());
    QVERIFY(!reply.send(Response(200, "too late"))); // a no-op, not a crash
    QTRY_VERIFY(lifetime.isNull());
    QCOMPARE(m_server->connectionCount(), 0);

    // Registering after the fact still reports, asynchronously.
    bool late = false;
    reply.onClientGone(&m_handler->context, [&late] { late = true; });
    QVERIFY(!late);
    QTRY_VERIFY(late);
}

void TestHttpServer::serverDestroyedWithHeldReplies()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(getRequest("/hold?tag=s"));
    QTRY_COMPARE(m_handler->held.size(), 1);
    m_server.reset();
    QCOMPARE(m_handler->goneTags, QStringList{u"s"_s});
    QVERIFY(!m_handler->held.first().reply.send(Response(200, "nobody listens")));
    QVERIFY(client.waitForDisconnected());
}

void TestHttpServer::droppedReplyAnswers500()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"dropped a reply"_s));
    client.send(getRequest("/drop") + getRequest("/echo?tag=after"));
    std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 500);
    reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200); // the connection survives a handler's mistake
}

void TestHttpServer::bodyTooLarge_data()
{
    QTest::addColumn<bool>("chunked");
    QTest::newRow("Content-Length") << false;
    QTest::newRow("chunked") << true;
}

void TestHttpServer::bodyTooLarge()
{
    QFETCH(bool, chunked);
    const QByteArray body(2 * 1024 * 1024, 'b');
    QByteArray wire = "POST /echo HTTP/1.1\r\nHost: localhost\r\n";
    if (chunked) {
        wire += "Transfer-Encoding: chunked\r\n\r\n";
        for (qsizetype offset = 0; offset < body.size(); offset += 65536)
            wire += "10000\r\n" + body.mid(offset, 65536) + "\r\n";
        wire += "0\r\n\r\n";
    } else {
        wire += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    }
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(wire);
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 413);
    QCOMPARE(reply->headers.value("Connection"), "close"_ba);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(m_handler->requests, 0);
}

void TestHttpServer::bodyTooLargeCurl_data()
{
    QTest::addColumn<QString>("expectHeader");
    QTest::newRow("curl's own Expect") << QString();
    QTest::newRow("no Expect: body sent eagerly") << u"Expect:"_s;
}

void TestHttpServer::bodyTooLargeCurl()
{
    QFETCH(QString, expectHeader);
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    QTemporaryFile body;
    QVERIFY(body.open());
    body.write(QByteArray(2 * 1024 * 1024, 'x'));
    body.flush();
    QStringList arguments{u"-sS"_s, u"-o"_s, u"/dev/null"_s, u"-w"_s, u"%{http_code}"_s,
                          u"--data-binary"_s, u"@"_s + body.fileName()};
    if (!expectHeader.isEmpty())
        arguments << u"-H"_s << expectHeader;
    arguments << QString::fromLatin1(url("/echo"));
    const ProgramResult result = runProgram(curl, arguments);
    // Draining after the reply is what lets curl read the 413 instead of a reset.
    QCOMPARE(result.out, "413"_ba);
    QCOMPARE(result.exitCode, 0);
}

void TestHttpServer::headersTooLarge()
{
    QByteArray headers;
    for (int i = 0; headers.size() < 100 * 1024; ++i)
        headers += "X-Fill-" + QByteArray::number(i) + ": " + QByteArray(200, 'f') + "\r\n";
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(getRequest("/echo", headers));
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 431);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(m_handler->requests, 0);
}

void TestHttpServer::gzip_data()
{
    QTest::addColumn<QByteArray>("acceptEncoding");
    QTest::addColumn<int>("size");
    QTest::addColumn<bool>("gzipped");

    QTest::newRow("accepted, large") << "gzip, deflate"_ba << 50000 << true;
    QTest::newRow("not offered") << QByteArray() << 50000 << false;
    QTest::newRow("refused with q=0") << "gzip;q=0, identity"_ba << 50000 << false;
    QTest::newRow("accepted, below threshold") << "gzip"_ba << 200 << false;
}

void TestHttpServer::gzip()
{
    QFETCH(QByteArray, acceptEncoding);
    QFETCH(int, size);
    QFETCH(bool, gzipped);

    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(getRequest("/big?size=" + QByteArray::number(size),
                    acceptEncoding.isEmpty() ? QByteArray() : "Accept-Encoding: " + acceptEncoding + "\r\n"));
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, 200);
    QCOMPARE(reply->headers.value("Content-Encoding") == "gzip", gzipped);
    QCOMPARE(reply->headers.value("Content-Length").toInt(), reply->body.size());
    QCOMPARE(reply->headers.value("Vary") == "Accept-Encoding", size >= m_server->options().gzipMinBytes);
    const QByteArray expected = TestHandler::bigBody(size);
    if (!gzipped) {
        QCOMPARE(reply->body, expected);
        return;
    }
    QVERIFY(reply->body.size() < expected.size() / 4);
    const ProgramResult python = runProgram(
        u"/usr/bin/python3"_s,
        {u"-c"_s, u"import gzip, sys; sys.stdout.buffer.write(gzip.decompress(sys.stdin.buffer.read()))"_s},
        reply->body);
    if (python.exitCode == -1)
        QSKIP("python3 is not available");
    QCOMPARE(python.exitCode, 0);
    QCOMPARE(python.out, expected);
}

void TestHttpServer::gzipCurl()
{
    const QString curl = QStandardPaths::findExecutable(u"curl"_s);
    if (curl.isEmpty())
        QSKIP("curl is not installed");
    const ProgramResult result = runProgram(curl, {u"-sS"_s, u"--compressed"_s, u"-D"_s, u"-"_s,
                                                   QString::fromLatin1(url("/big?size=100000"))});
    QCOMPARE(result.exitCode, 0);
    QVERIFY2(result.out.contains("Content-Encoding: gzip\r\n"), result.out.left(400).constData());
    QVERIFY(result.out.endsWith(QByteArray("\r\n\r\n" + TestHandler::bigBody(100000))));
}

void TestHttpServer::malformed_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");

    QTest::newRow("not http") << "HELLO\r\n\r\n"_ba << 400;
    QTest::newRow("missing host") << "GET / HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("bad header name") << "GET / HTTP/1.1\r\nHost: x\r\nBad Name: y\r\n\r\n"_ba << 400;
    QTest::newRow("bad escape in path") << "GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("bad chunk") << "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nxyz\r\n"_ba << 400;
    QTest::newRow("length and chunked")
        << "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 400;
    QTest::newRow("control character in target") << "GET /a\x01b HTTP/1.1\r\nHost: x\r\n\r\n"_ba << 400;
    QTest::newRow("http/2 version") << "GET / HTTP/2.0\r\nHost: x\r\n\r\n"_ba << 505;
}

void TestHttpServer::malformed()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(wire);
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->status, status);
    QCOMPARE(reply->headers.value("Connection"), "close"_ba);
    QVERIFY(client.waitForDisconnected());
    QCOMPARE(m_handler->requests, 0);
}

void TestHttpServer::queryDecodingEndToEnd()
{
    RawClient client;
    QVERIFY(client.connectTo(m_server->serverPort()));
    client.send(getRequest("/echo%2Fx+y?tag=t&filter=Status+%3D%3D+%22passing%22&flag"));
    const std::optional<RawClient::Reply> reply = client.readReply();
    QVERIFY(reply);
    QCOMPARE(reply->body, "GET /echo/x+y tag=t\nq:tag=t\nq:filter=Status == \"passing\"\nq:flag=\nbody:"_ba);
}

QTEST_GUILESS_MAIN(TestHttpServer)
#include "tst_httpserver.moc"
