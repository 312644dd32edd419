// SPDX-License-Identifier: MIT
#include "httptestserver.h"

#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace HealthDesk::Test {

namespace {
constexpr qint64 kChunk = 64 * 1024;
constexpr qint64 kMaxBuffered = 256 * 1024;
} // namespace

QByteArray RecordedRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool RecordedRequest::hasHeader(QByteArrayView name) const
{
    for (const auto &entry : headers) {
        if (entry.first.compare(name, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

CannedResponse CannedResponse::redirect(int status, const QByteArray &reason, const QByteArray &location)
{
    CannedResponse response;
    response.status = status;
    response.reason = reason;
    response.body = "redirecting";
    response.headers.append({"Location", location});
    return response;
}

struct HttpTestServer::Connection
{
    QTcpSocket *socket = nullptr;
    QByteArray buffer;
    bool answered = false;
    qint64 fillLeft = 0;   ///< generated fill bytes still to write
    QByteArray pendingEnd; ///< written after the fill
    char fill = 'x';
    bool writing = false;
    bool stall = false; ///< announced more than it sends: keep the connection open
};

HttpTestServer::HttpTestServer(QObject *parent)
    : QTcpServer(parent)
{
    m_default.status = 404;
    m_default.reason = "Not Found";
    m_default.body = "404 page not found\n";
    // Many clients connect at once in the concurrency tests.
    setListenBacklogSize(1024);
}

HttpTestServer::~HttpTestServer()
{
    const auto sockets = m_connections.keys();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        delete m_connections.take(socket);
        delete socket;
    }
}

bool HttpTestServer::start(const QHostAddress &address)
{
    return listen(address, 0);
}

void HttpTestServer::setTls(const QSslCertificate &certificate, const QSslKey &key)
{
    m_certificate = certificate;
    m_key = key;
}

QString HttpTestServer::url(const QString &path) const
{
    const QHostAddress address = serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + address.toString() + u']'
                                                                              : address.toString();
    return (isTls() ? u"https://"_s : u"http://"_s) + host + u':' + QString::number(serverPort()) + path;
}

void HttpTestServer::setResponse(const QString &target, const CannedResponse &response)
{
    m_responses.insert(target.toUtf8(), response);
}

void HttpTestServer::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = nullptr;
    if (isTls()) {
        auto *ssl = new QSslSocket(this);
        ssl->setLocalCertificate(m_certificate);
        ssl->setPrivateKey(m_key);
        ssl->setPeerVerifyMode(QSslSocket::VerifyNone);
        socket = ssl;
    } else {
        socket = new QTcpSocket(this);
    }
    if (!socket->setSocketDescriptor(descriptor)) {
        delete socket;
        return;
    }
    auto *connection = new Connection;
    connection->socket = socket;
    m_connections.insert(socket, connection);
    ++m_total;
    m_maxOpen = std::max(m_maxOpen, ++m_open);
    connect(socket, &QIODevice::readyRead, this, [this, socket] {
        if (Connection *c = m_connections.value(socket))
            handleReadyRead(*c);
    });
    connect(socket, &QIODevice::bytesWritten, this, [this, socket] {
        if (Connection *c = m_connections.value(socket))
            writeMore(*c);
    });
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { dropConnection(socket); });
    connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] {
        // A failed TLS handshake or a reset: nothing more will happen on this connection.
        if (socket->state() != QAbstractSocket::ConnectedState)
            dropConnection(socket);
    });
    if (isTls())
        static_cast<QSslSocket *>(socket)->startServerEncryption();
}

void HttpTestServer::dropConnection(QTcpSocket *socket)
{
    Connection *connection = m_connections.take(socket);
    if (!connection)
        return;
    delete connection;
    --m_open;
    socket->disconnect(this);
    socket->deleteLater();
}

void HttpTestServer::handleReadyRead(Connection &connection)
{
    connection.buffer += connection.socket->readAll();
    if (connection.answered)
        return;
    const qsizetype headerEnd = connection.buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;
    RecordedRequest request;
    const QList<QByteArray> lines = connection.buffer.left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = requestLine.value(0);
    request.target = requestLine.value(1);
    request.version = requestLine.value(2);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0)
            request.headers.append({line.left(colon), line.mid(colon + 1).trimmed()});
    }
    const qint64 length = request.header("Content-Length").toLongLong();
    if (connection.buffer.size() - headerEnd - 4 < length)
        return;
    request.body = connection.buffer.mid(headerEnd + 4, length);
    connection.answered = true;
    const bool head = request.method == "HEAD";
    const CannedResponse response = m_responses.value(request.target, m_default);
    m_requests.append(request);
    emit requestReceived();

    if (response.hang)
        return;
    if (response.delayMs > 0) {
        QTimer::singleShot(response.delayMs, connection.socket, [this, socket = connection.socket, response, head] {
            if (Connection *c = m_connections.value(socket))
                respond(*c, response, head);
        });
        return;
    }
    respond(connection, response, head);
}

void HttpTestServer::respond(Connection &connection, const CannedResponse &response, bool head)
{
    if (response.close) {
        connection.socket->disconnectFromHost();
        return;
    }
    if (!response.raw.isEmpty()) {
        connection.socket->write(response.raw);
        connection.socket->disconnectFromHost();
        return;
    }
    const qint64 bodySize = response.generatedSize >= 0 ? response.generatedSize : response.body.size();
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status);
    if (!response.reason.isEmpty())
        out += ' ' + response.reason;
    const qint64 declared = response.declaredLength >= 0 ? response.declaredLength : bodySize;
    out += "\r\nContent-Length: " + QByteArray::number(declared) + "\r\nConnection: close\r\n";
    connection.stall = !head && declared > bodySize;
    for (const auto &[name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    out += "\r\n";
    if (!head && response.generatedSize < 0) {
        out += response.body;
        m_bodyBytesSent += response.body.size();
    } else if (!head) {
        connection.fill = response.fill;
        connection.pendingEnd = response.bodyEnd.left(bodySize);
        connection.fillLeft = bodySize - connection.pendingEnd.size();
    }
    connection.writing = true;
    connection.socket->write(out);
    writeMore(connection);
}

void HttpTestServer::writeMore(Connection &connection)
{
    if (!connection.writing)
        return;
    QTcpSocket &socket = *connection.socket;
    while (connection.fillLeft > 0 && socket.bytesToWrite() < kMaxBuffered) {
        const qint64 n = std::min(connection.fillLeft, kChunk);
        socket.write(QByteArray(n, connection.fill));
        connection.fillLeft -= n;
        m_bodyBytesSent += n;
    }
    if (connection.fillLeft > 0)
        return;
    if (!connection.pendingEnd.isEmpty()) {
        socket.write(connection.pendingEnd);
        m_bodyBytesSent += connection.pendingEnd.size();
        connection.pendingEnd.clear();
    }
    connection.writing = false;
    if (connection.stall)
        return;
    // Waits for the buffered bytes to go out, then closes: every response ends its connection.
    socket.disconnectFromHost();
}

} // namespace HealthDesk::Test
