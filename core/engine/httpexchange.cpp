// SPDX-License-Identifier: MIT
#include "httpexchange.h"

#include "goerrortext.h"

#include <QSslSocket>
#include <QTcpSocket>

#include <http_parser.h>
#include <zlib.h>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
constexpr qsizetype kReadChunk = 16 * 1024;

void endInflate(z_stream_s *stream)
{
    inflateEnd(stream);
    delete stream;
}

bool hasHeader(const QList<std::pair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    for (const auto &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray hostHeaderFor(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    if (url.port() >= 0)
        host += ':' + QByteArray::number(url.port());
    return host;
}

QByteArray basicCredentials(const QString &user, const QString &password)
{
    return "Basic " + (user + u':' + password).toUtf8().toBase64();
}
} // namespace

/// libhttp-parser's C callbacks, with access to the exchange.
struct HttpExchangeParser
{
    static HttpExchange &exchange(http_parser *parser) { return *static_cast<HttpExchange *>(parser->data); }

    static int onStatus(http_parser *parser, const char *at, size_t length)
    {
        exchange(parser).m_reason.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderField(http_parser *parser, const char *at, size_t length)
    {
        HttpExchange &self = exchange(parser);
        if (self.m_inHeaderValue) {
            self.m_headerName.truncate(0);
            self.m_inHeaderValue = false;
        }
        self.m_headerName.append(at, qsizetype(length));
        return 0;
    }

    static int onHeaderValue(http_parser *parser, const char *at, size_t length)
    {
        HttpExchange &self = exchange(parser);
        if (!self.m_inHeaderValue) {
            self.m_inHeaderValue = true;
            // Only two headers matter to a health check; the others are not copied.
            if (self.m_headerName.compare("location", Qt::CaseInsensitive) == 0)
                self.m_headerValue = &self.m_location;
            else if (self.m_headerName.compare("content-encoding", Qt::CaseInsensitive) == 0)
                self.m_headerValue = &self.m_contentEncoding;
            else
                self.m_headerValue = nullptr;
            if (self.m_headerValue)
                self.m_headerValue->truncate(0);
        }
        if (self.m_headerValue)
            self.m_headerValue->append(at, qsizetype(length));
        return 0;
    }

    static int onHeadersComplete(http_parser *parser)
    {
        HttpExchange &self = exchange(parser);
        self.m_headerValue = nullptr;
        self.m_inHeaderValue = false;
        self.m_headerName.truncate(0);
        self.m_status = int(parser->status_code);
        // Interim 1xx responses are skipped, as Go's client skips them.
        if (self.m_status >= 100 && self.m_status < 200 && self.m_status != 101)
            return 0;
        self.m_headersComplete = true;
        if (self.m_acceptGzip && self.m_contentEncoding.trimmed().compare("gzip", Qt::CaseInsensitive) == 0) {
            self.m_inflater.reset(new z_stream_s{});
            // 16 + MAX_WBITS: a gzip wrapper, not zlib's.
            if (inflateInit2(self.m_inflater.get(), 16 + MAX_WBITS) != Z_OK)
                self.m_inflater.reset();
        }
        // 1 = no body follows (HEAD); the parser knows 204/304 itself.
        return self.m_head ? 1 : 0;
    }

    static int onBody(http_parser *parser, const char *at, size_t length)
    {
        return exchange(parser).deliverBody(at, length) ? 0 : -1;
    }

    static int onMessageComplete(http_parser *parser)
    {
        HttpExchange &self = exchange(parser);
        if (!self.m_headersComplete) {
            // The end of an interim response: the real one follows on the same connection.
            self.m_reason.truncate(0);
            self.m_location.truncate(0);
            self.m_contentEncoding.truncate(0);
            return 0;
        }
        self.m_messageComplete = true;
        http_parser_pause(parser, 1);
        return 0;
    }

    static const http_parser_settings &settings()
    {
        static const http_parser_settings settings = [] {
            http_parser_settings s{};
            s.on_status = &onStatus;
            s.on_header_field = &onHeaderField;
            s.on_header_value = &onHeaderValue;
            s.on_headers_complete = &onHeadersComplete;
            s.on_body = &onBody;
            s.on_message_complete = &onMessageComplete;
            return s;
        }();
        return settings;
    }
};

HttpExchange::HttpExchange(Receiver &receiver)
    : m_receiver(receiver)
    , m_inflater(nullptr, &endInflate)
{
}

HttpExchange::~HttpExchange() = default;

QByteArray HttpExchange::serialize(const Request &request, bool absoluteForm) const
{
    const QUrl &url = request.url;
    QByteArray target = absoluteForm
        ? url.toEncoded(QUrl::RemoveUserInfo | QUrl::RemoveFragment)
        : url.toEncoded(QUrl::RemoveScheme | QUrl::RemoveAuthority | QUrl::RemoveFragment);
    if (target.isEmpty())
        target = "/";
    else if (!absoluteForm && !target.startsWith('/'))
        target.prepend('/');

    QByteArray out;
    out.reserve(256 + request.body.size());
    out += request.method + ' ' + target + " HTTP/1.1\r\nHost: "
        + (request.host.isEmpty() ? hostHeaderFor(url) : request.host) + "\r\n";
    for (const auto &[name, value] : request.headers)
        out += name + ": " + value + "\r\n";
    // Like Go: credentials in the URL become Basic authentication unless set explicitly.
    if (!url.userName().isEmpty() && !hasHeader(request.headers, "Authorization"))
        out += "Authorization: " + basicCredentials(url.userName(), url.password()) + "\r\n";
    if (absoluteForm && !request.proxy.user().isEmpty())
        out += "Proxy-Authorization: " + basicCredentials(request.proxy.user(), request.proxy.password()) + "\r\n";
    if (!request.body.isEmpty() || request.announceEmptyBody)
        out += "Content-Length: " + QByteArray::number(request.body.size()) + "\r\n";
    if (m_acceptGzip)
        out += "Accept-Encoding: gzip\r\n";
    out += "Connection: close\r\n\r\n";
    out += request.body;
    return out;
}

void HttpExchange::start(const Request &request)
{
    Q_ASSERT(!m_socket);
    const bool tls = request.url.scheme().compare(u"https", Qt::CaseInsensitive) == 0;
    m_head = request.method == "HEAD";
    // Go's transport asks for gzip (and decodes it) unless the caller chose an encoding itself.
    m_acceptGzip = !hasHeader(request.headers, "Accept-Encoding") && !hasHeader(request.headers, "Range") && !m_head;
    m_dialHost = request.url.host();
    m_dialPort = quint16(request.url.port(tls ? 443 : 80));
    m_verifyName = request.peerVerifyName.isEmpty() ? m_dialHost : request.peerVerifyName;
    // Plain HTTP goes to an HTTP proxy in absolute form; everything else is tunnelled by Qt.
    const bool absoluteForm = !tls && request.proxy.type() == QNetworkProxy::HttpProxy;
    m_viaProxy = request.proxy.type() != QNetworkProxy::NoProxy;
    m_outgoing = serialize(request, absoluteForm);

    m_parser = std::make_unique<http_parser>();
    http_parser_init(m_parser.get(), HTTP_RESPONSE);
    m_parser->data = this;

    QTcpSocket *socket = nullptr;
    if (tls) {
        auto *ssl = new QSslSocket;
        ssl->setSslConfiguration(request.ssl);
        QObject::connect(ssl, &QSslSocket::encrypted, ssl, [this] { handleConnected(); });
        QObject::connect(ssl, &QSslSocket::sslErrors, ssl, [this](const QList<QSslError> &errors) {
            if (m_sslErrors.isEmpty())
                m_sslErrors = errors;
        });
        socket = ssl;
    } else {
        socket = new QTcpSocket;
        QObject::connect(socket, &QAbstractSocket::connected, socket, [this] { handleConnected(); });
    }
    m_socket.reset(socket);
    QObject::connect(socket, &QIODevice::readyRead, socket, [this] { handleReadyRead(); });
    QObject::connect(socket, &QAbstractSocket::errorOccurred, socket, [this] { handleSocketError(); });
    QObject::connect(socket, &QAbstractSocket::disconnected, socket, [this] { handleDisconnected(); });

    if (absoluteForm) {
        socket->setProxy(QNetworkProxy::NoProxy);
        m_dialHost = request.proxy.hostName();
        m_dialPort = request.proxy.port();
    } else {
        socket->setProxy(request.proxy);
    }
    if (tls)
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(m_dialHost, m_dialPort, m_verifyName);
    else
        socket->connectToHost(m_dialHost, m_dialPort);
}

void HttpExchange::handleConnected()
{
    m_connected = true;
    m_socket->write(m_outgoing);
    m_outgoing = QByteArray();
}

void HttpExchange::handleReadyRead()
{
    readAvailable();
}

bool HttpExchange::readAvailable()
{
    char chunk[kReadChunk];
    for (;;) {
        const qint64 n = m_socket->read(chunk, sizeof chunk);
        if (n <= 0)
            return true;
        if (!parse(chunk, n))
            return false;
    }
}

bool HttpExchange::parse(const char *data, qsizetype size)
{
    if (m_ended)
        return false;
    const size_t used = http_parser_execute(m_parser.get(), &HttpExchangeParser::settings(), data, size_t(size));
    const auto error = HTTP_PARSER_ERRNO(m_parser.get());
    if (m_messageComplete || m_stopped) {
        end();
        return false;
    }
    if (error != HPE_OK || (size > 0 && used != size_t(size))) {
        if (m_headersComplete) {
            end(); // a broken body: Go only logs it and judges the response on its status
        } else {
            fail(u"net/http: HTTP/1.x transport connection broken: malformed HTTP response ("_s
                 + QString::fromLatin1(http_errno_description(error)) + u')');
        }
        return false;
    }
    if (size == 0) {
        // EOF: the end of a close-delimited body, or a connection closed without a response.
        if (m_headersComplete)
            end();
        else
            fail(u"EOF"_s);
        return false;
    }
    return true;
}

bool HttpExchange::deliverBody(const char *data, size_t size)
{
    if (!m_inflater) {
        if (!m_receiver.handleExchangeBody(QByteArrayView(data, qsizetype(size))))
            m_stopped = true;
        return !m_stopped;
    }
    z_stream_s &stream = *m_inflater;
    stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
    stream.avail_in = uInt(size);
    char out[kReadChunk];
    while (stream.avail_in > 0) {
        stream.next_out = reinterpret_cast<Bytef *>(out);
        stream.avail_out = sizeof out;
        const int status = inflate(&stream, Z_NO_FLUSH);
        const qsizetype produced = qsizetype(sizeof out - stream.avail_out);
        if (produced > 0 && !m_receiver.handleExchangeBody(QByteArrayView(out, produced))) {
            m_stopped = true;
            return false;
        }
        if (status == Z_STREAM_END)
            break;
        if (status != Z_OK) {
            // Go logs a broken gzip body and keeps what was decoded.
            m_stopped = true;
            return false;
        }
    }
    return true;
}

void HttpExchange::handleSocketError()
{
    if (m_ended)
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        // Unread bytes may still be buffered; the parser then sees EOF.
        if (readAvailable())
            parse(nullptr, 0);
        return;
    }
    if (m_headersComplete) {
        end();
        return;
    }
    const QString qtText = m_socket->errorString();
    const QString prefix = m_viaProxy ? u"proxyconnect tcp: "_s : QString();
    if (error == QAbstractSocket::HostNotFoundError) {
        fail(prefix + u"dial tcp: "_s + GoErrorText::lookupFailure(m_dialHost));
    } else if (error == QAbstractSocket::SslHandshakeFailedError) {
        fail(m_sslErrors.isEmpty() ? QString(u"tls: handshake failure ("_s + qtText + u')')
                                   : GoErrorText::certificateFailure(m_sslErrors, m_verifyName));
    } else if (!m_connected && m_socket->state() != QAbstractSocket::ConnectedState) {
        const QHostAddress peer = m_socket->peerAddress();
        const QString address = GoErrorText::joinHostPort(peer.isNull() ? m_dialHost : peer.toString(),
                                                          peer.isNull() ? m_dialPort : m_socket->peerPort());
        if (error == QAbstractSocket::SocketTimeoutError)
            fail(prefix + u"dial tcp "_s + address + u": i/o timeout"_s);
        else
            fail(prefix + u"dial tcp "_s + address + u": "_s + GoErrorText::connectFailure(error, qtText));
    } else {
        QString reason = GoErrorText::connectFailure(error, qtText);
        reason.replace(0, reason.indexOf(u':'), u"read"_s);
        fail(u"read tcp: "_s + reason);
    }
}

void HttpExchange::handleDisconnected()
{
    if (m_ended)
        return;
    if (readAvailable())
        parse(nullptr, 0);
}

void HttpExchange::fail(const QString &reason)
{
    m_failure = reason;
    end();
}

void HttpExchange::end()
{
    if (m_ended)
        return;
    m_ended = true;
    m_socket.reset(); // closes now (Connection: close), deleted later
    m_receiver.handleExchangeEnded(); // may destroy this exchange: nothing may follow
}

} // namespace HealthDesk
