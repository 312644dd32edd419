// SPDX-License-Identifier: MIT
// The socket-free parts of the HTTP transport: target decoding, header lists, the incremental
// parser and the reply serializer.
#include "api/http/gzipencoder.h"
#include "api/http/headerlist.h"
#include "api/http/httpdate.h"
#include "api/http/request.h"
#include "api/http/requestparser.h"
#include "api/http/response.h"
#include "api/http/responseserializer.h"
#include "api/http/serveroptions.h"

#include <QTest>

#include <zlib.h>

using namespace Qt::StringLiterals;
using namespace HealthDesk::Http;

using QueryList = QList<std::pair<QString, QString>>;

namespace {

struct ParsedReply
{
    QByteArray statusLine;
    HeaderList headers;
    QByteArray body;
};

ParsedReply splitReply(const QByteArray &wire)
{
    ParsedReply reply;
    const qsizetype end = wire.indexOf("\r\n\r\n");
    const QList<QByteArray> lines = wire.first(end).split('\n');
    reply.statusLine = lines.first().trimmed();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        reply.headers.add(lines[i].first(colon), lines[i].sliced(colon + 1).trimmed());
    }
    reply.body = wire.sliced(end + 4);
    return reply;
}

QByteArray gunzip(const QByteArray &data)
{
    z_stream z{};
    if (inflateInit2(&z, 15 + 16) != Z_OK)
        return {};
    QByteArray out;
    char buffer[16384];
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    int rc = Z_OK;
    do {
        z.next_out = reinterpret_cast<Bytef *>(buffer);
        z.avail_out = sizeof buffer;
        rc = inflate(&z, Z_NO_FLUSH);
        out.append(buffer, qsizetype(sizeof buffer - z.avail_out));
    } while (rc == Z_OK);
    inflateEnd(&z);
    return rc == Z_STREAM_END ? out : QByteArray();
}

} // namespace

class TestHttpRequest : public QObject
{
    Q_OBJECT

private slots:
    void target_data();
    void target();
    void acceptsGzip_data();
    void acceptsGzip();
    void headerList();

    void parserByteByByte();
    void parserPipelined();
    void parserErrors_data();
    void parserErrors();
    void parserKeepAlive_data();
    void parserKeepAlive();
    void parserExpectContinue();

    void serializerFraming();
    void serializerGzip_data();
    void serializerGzip();
    void serializerSanitizesHeaders();
    void httpDate();
};

void TestHttpRequest::target_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QueryList>("query");

    QTest::newRow("plain") << "/v1/agent/checks"_ba << true << u"/v1/agent/checks"_s << QueryList{};
    QTest::newRow("space escape") << "/a%20b"_ba << true << u"/a b"_s << QueryList{};
    QTest::newRow("plus stays plus in path") << "/a+b"_ba << true << u"/a+b"_s << QueryList{};
    QTest::newRow("utf-8") << "/caf%C3%A9"_ba << true << u"/café"_s << QueryList{};
    QTest::newRow("encoded slash decodes") << "/kv/a%2Fb"_ba << true << u"/kv/a/b"_s << QueryList{};
    QTest::newRow("lower-case hex") << "/%c3%a9"_ba << true << u"/é"_s << QueryList{};
    QTest::newRow("bad escape") << "/a%zz"_ba << false << QString() << QueryList{};
    QTest::newRow("truncated escape") << "/a%2"_ba << false << QString() << QueryList{};
    QTest::newRow("flag without value") << "/x?pretty"_ba << true << u"/x"_s << QueryList{{u"pretty"_s, QString()}};
    QTest::newRow("order and repeats")
        << "/x?a=1&b=2&a=3"_ba << true << u"/x"_s << QueryList{{u"a"_s, u"1"_s}, {u"b"_s, u"2"_s}, {u"a"_s, u"3"_s}};
    QTest::newRow("plus is space in query") << "/x?q=a+b%2Bc"_ba << true << u"/x"_s << QueryList{{u"q"_s, u"a b+c"_s}};
    QTest::newRow("escaped key and value")
        << "/x?k%20ey=v%3Dw"_ba << true << u"/x"_s << QueryList{{u"k ey"_s, u"v=w"_s}};
    QTest::newRow("bad escape drops the pair")
        << "/x?a=%zz&b=1"_ba << true << u"/x"_s << QueryList{{u"b"_s, u"1"_s}};
    QTest::newRow("semicolon drops the pair")
        << "/x?a=1;b=2&c=3"_ba << true << u"/x"_s << QueryList{{u"c"_s, u"3"_s}};
    QTest::newRow("empty pieces")
        << "/x?&&a=&=b"_ba << true << u"/x"_s << QueryList{{u"a"_s, QString()}, {QString(), u"b"_s}};
    QTest::newRow("value with equals") << "/x?filter=a==b"_ba << true << u"/x"_s << QueryList{{u"filter"_s, u"a==b"_s}};
    QTest::newRow("absolute form")
        << "http://localhost:8500/v1/x?y=1"_ba << true << u"/v1/x"_s << QueryList{{u"y"_s, u"1"_s}};
    QTest::newRow("absolute form without path") << "http://localhost:8500"_ba << true << u"/"_s << QueryList{};
    QTest::newRow("asterisk") << "*"_ba << true << u"*"_s << QueryList{};
    QTest::newRow("fragment ignored") << "/p?x=1#frag"_ba << true << u"/p"_s << QueryList{{u"x"_s, u"1"_s}};
    QTest::newRow("escaped question mark") << "/a%3Fb?c=d"_ba << true << u"/a?b"_s << QueryList{{u"c"_s, u"d"_s}};
}

void TestHttpRequest::target()
{
    QFETCH(QByteArray, target);
    QFETCH(bool, valid);
    QFETCH(QString, path);
    QFETCH(QueryList, query);

    Request request;
    QCOMPARE(request.setTarget(target), valid);
    QCOMPARE(request.target(), target);
    if (!valid)
        return;
    QCOMPARE(request.path(), path);
    QCOMPARE(request.queryItems(), query);
}

void TestHttpRequest::acceptsGzip_data()
{
    QTest::addColumn<QList<QByteArray>>("values");
    QTest::addColumn<bool>("accepted");

    QTest::newRow("absent") << QList<QByteArray>{} << false;
    QTest::newRow("gzip") << QList<QByteArray>{"gzip"} << true;
    QTest::newRow("upper case") << QList<QByteArray>{"GZIP"} << true;
    QTest::newRow("list") << QList<QByteArray>{"br, gzip;q=0.5, deflate"} << true;
    QTest::newRow("q=0 refuses") << QList<QByteArray>{"gzip;q=0"} << false;
    QTest::newRow("q=0.000 refuses") << QList<QByteArray>{"gzip; q=0.000"} << false;
    QTest::newRow("wildcard") << QList<QByteArray>{"*"} << true;
    QTest::newRow("wildcard refused") << QList<QByteArray>{"*;q=0"} << false;
    QTest::newRow("explicit beats wildcard") << QList<QByteArray>{"gzip;q=0, *"} << false;
    QTest::newRow("other codings only") << QList<QByteArray>{"deflate, br, identity"} << false;
    QTest::newRow("second field") << QList<QByteArray>{"br", "gzip"} << true;
    QTest::newRow("x-gzip") << QList<QByteArray>{"x-gzip"} << true;
}

void TestHttpRequest::acceptsGzip()
{
    QFETCH(QList<QByteArray>, values);
    QFETCH(bool, accepted);
    Request request;
    for (const QByteArray &value : values)
        request.headers().add("Accept-Encoding", value);
    QCOMPARE(request.acceptsGzip(), accepted);
}

void TestHttpRequest::headerList()
{
    HeaderList headers{{"Content-Type", "text/plain"}, {"X-A", "1"}, {"x-a", "2"}, {"Connection", "keep-alive, Upgrade"}};
    QVERIFY(headers.contains("content-type"));
    QCOMPARE(headers.value("CONTENT-TYPE"), "text/plain"_ba);
    QCOMPARE(headers.values("X-a"), (QList<QByteArray>{"1", "2"}));
    QCOMPARE(headers.combinedValue("x-A"), "1, 2"_ba);
    QVERIFY(headers.hasToken("connection", "upgrade"));
    QVERIFY(!headers.hasToken("connection", "close"));
    QCOMPARE(headers.value("missing"), QByteArray());

    headers.set("x-A", "3");
    QCOMPARE(headers.values("X-A"), QList<QByteArray>{"3"});
    QCOMPARE(headers.size(), 3);
    QCOMPARE(headers.remove("X-A"), 1);
    headers.set("New", "v");
    QCOMPARE(headers.fields().last(), (HeaderList::Field{"New", "v"}));
}

void TestHttpRequest::parserByteByByte()
{
    const QByteArray wire = "POST /v1/agent/check/register?replace-existing-checks=1 HTTP/1.1\r\n"
                            "Host: localhost:8500\r\n"
                            "X-Long-Header: first part\r\n"
                            "Transfer-Encoding: chunked\r\n"
                            "\r\n"
                            "5\r\nhello\r\n"
                            "6\r\n world\r\n"
                            "0\r\n\r\n"_ba;
    RequestParser parser(64 * 1024, 1024 * 1024);
    QList<RequestParser::Event> events;
    for (qsizetype i = 0; i < wire.size(); ++i) {
        qsizetype pos = i;
        // Every byte is offered until consumed: pauses leave bytes for the next call.
        while (pos == i) {
            const RequestParser::Step step = parser.feed(wire.constData() + i, 1);
            pos += step.consumed;
            if (step.event != RequestParser::Event::NeedMoreData)
                events.append(step.event);
            QVERIFY(step.event != RequestParser::Event::Error);
        }
    }
    QCOMPARE(events, (QList<RequestParser::Event>{RequestParser::Event::HeadersComplete,
                                                  RequestParser::Event::MessageComplete}));
    const Request &request = parser.request();
    QCOMPARE(request.method(), "POST"_ba);
    QCOMPARE(request.path(), u"/v1/agent/check/register"_s);
    QCOMPARE(request.queryValue(u"replace-existing-checks"), u"1"_s);
    QCOMPARE(request.header("x-long-header"), "first part"_ba);
    QCOMPARE(request.body(), "hello world"_ba);
    QVERIFY(request.wantsKeepAlive());
}

void TestHttpRequest::parserPipelined()
{
    const QByteArray wire = "GET /a HTTP/1.1\r\nHost: h\r\n\r\n"
                            "PUT /b HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\n\r\nxyz"
                            "GET /c HTTP/1.1\r\nHost: h\r\n\r\n"_ba;
    RequestParser parser(64 * 1024, 1024 * 1024);
    QStringList paths;
    QByteArrayList bodies;
    qsizetype pos = 0;
    while (pos < wire.size()) {
        const RequestParser::Step step = parser.feed(wire.constData() + pos, wire.size() - pos);
        pos += step.consumed;
        QVERIFY(step.event != RequestParser::Event::Error);
        if (step.event == RequestParser::Event::MessageComplete) {
            paths.append(parser.request().path());
            bodies.append(parser.request().body());
            parser.startNextMessage();
        }
    }
    QCOMPARE(paths, (QStringList{u"/a"_s, u"/b"_s, u"/c"_s}));
    QCOMPARE(bodies, (QByteArrayList{"", "xyz", ""}));
}

void TestHttpRequest::parserErrors_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<int>("status");

    QTest::newRow("garbage") << "HELLO THERE\r\n\r\n"_ba << 400;
    QTest::newRow("lower-case method") << "get / HTTP/1.1\r\nHost: h\r\n\r\n"_ba << 400;
    QTest::newRow("missing host") << "GET / HTTP/1.1\r\n\r\n"_ba << 400;
    QTest::newRow("space in header name") << "GET / HTTP/1.1\r\nHost: h\r\nBad Name: x\r\n\r\n"_ba << 400;
    QTest::newRow("bad percent escape") << "GET /a%zz HTTP/1.1\r\nHost: h\r\n\r\n"_ba << 400;
    QTest::newRow("bad chunk size") << "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"_ba << 400;
    QTest::newRow("length and chunked")
        << "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"_ba << 400;
    QTest::newRow("two lengths")
        << "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"_ba << 400;
    QTest::newRow("body too large by length")
        << "POST / HTTP/1.1\r\nHost: h\r\nContent-Length: 2000\r\n\r\n"_ba << 413;
    QTest::newRow("body too large chunked")
        << "POST / HTTP/1.1\r\nHost: h\r\nTransfer-Encoding: chunked\r\n\r\n400\r\n"_ba + QByteArray(1024, 'x')
            + "\r\n400\r\n"_ba + QByteArray(1024, 'x') << 413;
    QTest::newRow("headers too large") << "GET / HTTP/1.1\r\nHost: h\r\nX-Fill: "_ba + QByteArray(600, 'f') + "\r\n\r\n"_ba
                                       << 431;
    QTest::newRow("target too large") << "GET /"_ba + QByteArray(600, 'p') + " HTTP/1.1\r\n"_ba << 431;
    QTest::newRow("unknown expectation") << "PUT / HTTP/1.1\r\nHost: h\r\nExpect: magic\r\n\r\n"_ba << 417;
    QTest::newRow("http/2 prior knowledge") << "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"_ba << 400;
    QTest::newRow("http/2.0 request line") << "GET / HTTP/2.0\r\nHost: h\r\n\r\n"_ba << 505;
}

void TestHttpRequest::parserErrors()
{
    QFETCH(QByteArray, wire);
    QFETCH(int, status);
    RequestParser parser(512, 1500);
    qsizetype pos = 0;
    RequestParser::Event last = RequestParser::Event::NeedMoreData;
    while (pos < wire.size()) {
        const RequestParser::Step step = parser.feed(wire.constData() + pos, wire.size() - pos);
        pos += step.consumed;
        last = step.event;
        if (last == RequestParser::Event::Error)
            break;
    }
    QCOMPARE(last, RequestParser::Event::Error);
    QCOMPARE(parser.errorStatus(), status);
    QVERIFY(!parser.errorReason().isEmpty());
}

void TestHttpRequest::parserKeepAlive_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<int>("minor");

    QTest::newRow("1.1 default") << "GET / HTTP/1.1\r\nHost: h\r\n\r\n"_ba << true << 1;
    QTest::newRow("1.1 close") << "GET / HTTP/1.1\r\nHost: h\r\nConnection: close\r\n\r\n"_ba << false << 1;
    QTest::newRow("1.1 Close mixed case") << "GET / HTTP/1.1\r\nHost: h\r\nConnection: Close\r\n\r\n"_ba << false << 1;
    QTest::newRow("1.0 default") << "GET / HTTP/1.0\r\n\r\n"_ba << false << 0;
    QTest::newRow("1.0 keep-alive") << "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n"_ba << true << 0;
}

void TestHttpRequest::parserKeepAlive()
{
    QFETCH(QByteArray, wire);
    QFETCH(bool, keepAlive);
    QFETCH(int, minor);
    RequestParser parser(64 * 1024, 1024);
    const RequestParser::Step step = parser.feed(wire.constData(), wire.size());
    QCOMPARE(step.event, RequestParser::Event::HeadersComplete);
    QCOMPARE(parser.request().wantsKeepAlive(), keepAlive);
    QCOMPARE(parser.request().versionMinor(), minor);
}

void TestHttpRequest::parserExpectContinue()
{
    RequestParser parser(64 * 1024, 1024);
    QByteArray wire = "PUT /x HTTP/1.1\r\nHost: h\r\nExpect: 100-Continue\r\nContent-Length: 4\r\n\r\n"_ba;
    RequestParser::Step step = parser.feed(wire.constData(), wire.size());
    QCOMPARE(step.event, RequestParser::Event::HeadersComplete);
    QVERIFY(parser.expectsContinue());
    QCOMPARE(parser.phase(), RequestParser::Phase::Body);

    RequestParser http10(64 * 1024, 1024);
    wire = "PUT /x HTTP/1.0\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n"_ba;
    step = http10.feed(wire.constData(), wire.size());
    QCOMPARE(step.event, RequestParser::Event::HeadersComplete);
    QVERIFY2(!http10.expectsContinue(), "HTTP/1.0 clients get no 1xx");
}

void TestHttpRequest::serializerFraming()
{
    ServerOptions options;
    ResponseSerializer serializer(options);
    Response response = Response::json("{\"a\":1}");
    response.setHeader("X-Consul-Index", "42");
    response.setHeader("Content-Length", "999"); // the transport's business: replaced
    response.setHeader("Connection", "keep-alive");

    bool keepAlive = false;
    ParsedReply reply = splitReply(serializer.serialize(response, ReplyContext{}, &keepAlive));
    QVERIFY(keepAlive);
    QCOMPARE(reply.statusLine, "HTTP/1.1 200 OK"_ba);
    QCOMPARE(reply.headers.value("Content-Length"), "7"_ba);
    QCOMPARE(reply.headers.values("Content-Length").size(), 1);
    QCOMPARE(reply.headers.value("Content-Type"), "application/json"_ba);
    QCOMPARE(reply.headers.value("X-Consul-Index"), "42"_ba);
    QVERIFY(!reply.headers.contains("Connection"));
    QVERIFY(!reply.headers.contains("Server"));
    QVERIFY(reply.headers.value("Date").endsWith(" GMT"));
    QCOMPARE(reply.body, "{\"a\":1}"_ba);

    ReplyContext http10;
    http10.http10 = true;
    reply = splitReply(serializer.serialize(Response(204), http10, &keepAlive));
    QCOMPARE(reply.statusLine, "HTTP/1.1 204 No Content"_ba);
    QVERIFY(!reply.headers.contains("Content-Length"));
    QCOMPARE(reply.headers.value("Connection"), "keep-alive"_ba);

    ReplyContext head;
    head.head = true;
    reply = splitReply(serializer.serialize(Response::text(404, u"not found"_s), head, &keepAlive));
    QCOMPARE(reply.headers.value("Content-Length"), "9"_ba);
    QVERIFY(reply.body.isEmpty());

    Response closing(200, "bye");
    closing.setHeader("Connection", "close");
    reply = splitReply(serializer.serialize(closing, ReplyContext{}, &keepAlive));
    QVERIFY2(!keepAlive, "a handler may end the connection");
    QCOMPARE(reply.headers.value("Connection"), "close"_ba);

    Response custom;
    custom.setStatusCode(299, "Fine Enough");
    QCOMPARE(splitReply(serializer.serialize(custom, ReplyContext{}, nullptr)).statusLine, "HTTP/1.1 299 Fine Enough"_ba);
}

void TestHttpRequest::serializerGzip_data()
{
    QTest::addColumn<qsizetype>("size");
    QTest::addColumn<bool>("accepts");
    QTest::addColumn<bool>("head");
    QTest::addColumn<bool>("gzipped");
    QTest::addColumn<bool>("vary");

    QTest::newRow("large, accepted") << qsizetype(20000) << true << false << true << true;
    QTest::newRow("large, not accepted") << qsizetype(20000) << false << false << false << true;
    QTest::newRow("small, accepted") << qsizetype(100) << true << false << false << false;
    QTest::newRow("HEAD") << qsizetype(20000) << true << true << false << true;
}

void TestHttpRequest::serializerGzip()
{
    QFETCH(qsizetype, size);
    QFETCH(bool, accepts);
    QFETCH(bool, head);
    QFETCH(bool, gzipped);
    QFETCH(bool, vary);

    QByteArray body;
    while (body.size() < size)
        body += "{\"CheckID\":\"service:web\",\"Status\":\"passing\"},";
    body.truncate(size);

    ServerOptions options;
    ResponseSerializer serializer(options);
    ReplyContext context;
    context.acceptsGzip = accepts;
    context.head = head;
    const ParsedReply reply = splitReply(serializer.serialize(Response::json(body), context, nullptr));
    QCOMPARE(reply.headers.value("Content-Encoding") == "gzip", gzipped);
    QCOMPARE(reply.headers.value("Vary") == "Accept-Encoding", vary);
    if (head) {
        QVERIFY(reply.body.isEmpty());
        QCOMPARE(reply.headers.value("Content-Length").toLongLong(), size);
        return;
    }
    QCOMPARE(reply.headers.value("Content-Length").toLongLong(), reply.body.size());
    QCOMPARE(gzipped ? gunzip(reply.body) : reply.body, body);
    if (gzipped)
        QVERIFY(reply.body.size() < body.size() / 4);

    // The zlib stream is reused; a second reply must be a complete member of its own.
    if (gzipped) {
        const ParsedReply again = splitReply(serializer.serialize(Response::json(body), context, nullptr));
        QCOMPARE(gunzip(again.body), body);
    }
}

void TestHttpRequest::serializerSanitizesHeaders()
{
    ServerOptions options;
    ResponseSerializer serializer(options);
    Response response(200, "x");
    response.addHeader("X-Echo", "a\r\nSet-Cookie: evil=1");
    response.addHeader("Bad Name", "dropped");
    const QByteArray wire = serializer.serialize(response, ReplyContext{}, nullptr);
    const ParsedReply reply = splitReply(wire);
    QVERIFY(!reply.headers.contains("Set-Cookie"));
    QCOMPARE(reply.headers.value("X-Echo"), "a  Set-Cookie: evil=1"_ba);
    QVERIFY(!wire.contains("Bad Name"));
}

void TestHttpRequest::httpDate()
{
    QCOMPARE(HttpDate::format(784111777), "Sun, 06 Nov 1994 08:49:37 GMT"_ba);
    QCOMPARE(HttpDate::format(0), "Thu, 01 Jan 1970 00:00:00 GMT"_ba);
    HttpDate date;
    QCOMPARE(date.current().size(), 29);
}

QTEST_APPLESS_MAIN(TestHttpRequest)
#include "tst_httprequest.moc"
