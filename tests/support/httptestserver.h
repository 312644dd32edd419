// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QSslCertificate>
#include <QSslKey>
#include <QString>
#include <QTcpServer>

#include <utility>

class QTcpSocket;

namespace HealthDesk::Test {

/// One request as it arrived on the wire.
struct RecordedRequest
{
    QByteArray method;
    QByteArray target; ///< path and query, as sent
    QByteArray version;
    QList<std::pair<QByteArray, QByteArray>> headers; ///< in order, names as sent
    QByteArray body;

    /// The first value of a header, matched case-insensitively; null when absent.
    QByteArray header(QByteArrayView name) const;
    bool hasHeader(QByteArrayView name) const;
};

/// What the server answers for a path.
struct CannedResponse
{
    int status = 200;
    QByteArray reason = "OK";
    QByteArray body;
    /// When >= 0 the body is generated instead: this many bytes of `fill`, then `bodyEnd`
    /// (counted within the size), streamed in chunks so that the server never holds it whole.
    qint64 generatedSize = -1;
    char fill = 'x';
    QByteArray bodyEnd;
    QList<std::pair<QByteArray, QByteArray>> headers;
    /// Content-Length to announce when >= 0; more than the body leaves the client waiting.
    qint64 declaredLength = -1;
    int delayMs = 0;   ///< wait this long before answering
    bool hang = false; ///< read the request, never answer
    bool close = false; ///< read the request, close without answering
    /// When set, written as-is instead of a generated response (chunked bodies, HTTP/1.0,
    /// interim responses, garbage), then the connection closes.
    QByteArray raw;

    static CannedResponse redirect(int status, const QByteArray &reason, const QByteArray &location);
};

/// A small HTTP/1.1 server on a loopback port for tests: records every request, answers each
/// path with a canned response (404 for unknown paths), can delay or never answer, stream large
/// bodies, and counts concurrent connections. Every response closes its connection.
/// With setTls() it serves HTTPS (see TestCertificate for a self-signed certificate).
class HttpTestServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpTestServer)

public:
    explicit HttpTestServer(QObject *parent = nullptr);
    ~HttpTestServer() override;

    /// Listens on `address`, port 0 (an ephemeral port).
    bool start(const QHostAddress &address = QHostAddress::LocalHost);
    void setTls(const QSslCertificate &certificate, const QSslKey &key);
    bool isTls() const { return !m_certificate.isNull(); }

    /// `http(s)://127.0.0.1:<port><path>` (or the IPv6 form when listening there).
    QString url(const QString &path) const;
    QString url() const { return url(QString(QChar(u'/'))); }

    /// Answers requests whose target (path and query) equals `target`.
    void setResponse(const QString &target, const CannedResponse &response);
    void setDefaultResponse(const CannedResponse &response) { m_default = response; }

    const QList<RecordedRequest> &requests() const { return m_requests; }
    int requestCount() const { return int(m_requests.size()); }
    int openConnections() const { return m_open; }
    int maxOpenConnections() const { return m_maxOpen; }
    int totalConnections() const { return m_total; }
    /// Body bytes written so far, over all responses.
    qint64 bodyBytesSent() const { return m_bodyBytesSent; }

signals:
    void requestReceived();

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    struct Connection;

    void handleReadyRead(Connection &connection);
    void respond(Connection &connection, const CannedResponse &response, bool head);
    void writeMore(Connection &connection);
    void dropConnection(QTcpSocket *socket);

    QSslCertificate m_certificate;
    QSslKey m_key;
    QHash<QByteArray, CannedResponse> m_responses;
    CannedResponse m_default;
    QHash<QTcpSocket *, Connection *> m_connections;
    QList<RecordedRequest> m_requests;
    qint64 m_bodyBytesSent = 0;
    int m_open = 0;
    int m_maxOpen = 0;
    int m_total = 0;
};

} // namespace HealthDesk::Test
