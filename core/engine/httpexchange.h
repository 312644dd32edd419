// SPDX-License-Identifier: MIT
#pragma once

#include "deferredsocketdeleter.h"

#include <QByteArray>
#include <QList>
#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>
#include <QUrl>

#include <memory>
#include <utility>

class QTcpSocket;
struct http_parser;
struct z_stream_s;

namespace HealthDesk {

/// One HTTP/1.1 request and its response over a connection of its own, the way Consul's check
/// transport talks (keep-alives off): connect (TLS for https, through a proxy when given), send,
/// parse the response with libhttp-parser, hand the decoded body over in pieces, close.
///
/// Runs on the calling thread. Qt 6.4's QNetworkAccessManager reads response headers one byte per
/// read() syscall on an unbuffered socket and hops threads for every signal, which made it cost
/// several times the engine's CPU budget per check; this class does the same work with a handful
/// of syscalls.
class HttpExchange final
{
public:
    /// Told about the response as it arrives. handleExchangeEnded() is the last call, and the
    /// only one in which the receiver may destroy the exchange.
    class Receiver
    {
    public:
        /// A piece of the (gzip-decoded) body; return false to stop reading.
        virtual bool handleExchangeBody(QByteArrayView data) = 0;
        /// The response is complete, or the body was cut short, or no response arrived
        /// (then failure() says why).
        virtual void handleExchangeEnded() = 0;

    protected:
        virtual ~Receiver() = default;
    };

    struct Request
    {
        QUrl url; ///< http or https
        QByteArray method;
        QByteArray host; ///< the Host header (virtual host); empty = from the URL
        QList<std::pair<QByteArray, QByteArray>> headers; ///< sent verbatim, in order
        QByteArray body;
        bool announceEmptyBody = false; ///< `Content-Length: 0` although the body is empty
        QString peerVerifyName;          ///< TLS: SNI and verified name when not the URL's host
        QSslConfiguration ssl;
        QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    };

    explicit HttpExchange(Receiver &receiver);
    ~HttpExchange();
    HttpExchange(const HttpExchange &) = delete;
    HttpExchange &operator=(const HttpExchange &) = delete;

    /// Starts connecting. The receiver may be called before this returns (an immediate refusal).
    void start(const Request &request);

    /// The status line and headers of a final (non-1xx) response arrived.
    bool headersComplete() const { return m_headersComplete; }
    int statusCode() const { return m_status; }
    const QByteArray &reasonPhrase() const { return m_reason; }
    const QByteArray &location() const { return m_location; }
    /// Go's reason why no response arrived, e.g. `dial tcp 127.0.0.1:1: connect: connection
    /// refused`; empty otherwise.
    const QString &failure() const { return m_failure; }

private:
    friend struct HttpExchangeParser;

    QByteArray serialize(const Request &request, bool absoluteForm) const;
    void handleConnected();
    void handleReadyRead();
    /// Parses what the socket has; false once the exchange has ended (it may be gone then).
    bool readAvailable();
    void handleSocketError();
    void handleDisconnected();
    /// Feeds bytes (or EOF when empty) to the parser; false once the exchange has ended (it may be
    /// gone then).
    bool parse(const char *data, qsizetype size);
    bool deliverBody(const char *data, size_t size);
    void fail(const QString &reason);
    void end();

    Receiver &m_receiver;
    std::unique_ptr<QTcpSocket, DeferredSocketDeleter> m_socket;
    std::unique_ptr<http_parser> m_parser;
    std::unique_ptr<z_stream_s, void (*)(z_stream_s *)> m_inflater;
    QByteArray m_outgoing;
    QByteArray m_reason;
    QByteArray m_location;
    QByteArray m_headerName;
    QByteArray *m_headerValue = nullptr;
    QByteArray m_contentEncoding;
    QList<QSslError> m_sslErrors;
    QString m_failure;
    QString m_dialHost; ///< what the socket connects to: the target, or an HTTP proxy
    QString m_verifyName;
    quint16 m_dialPort = 0;
    int m_status = 0;
    bool m_inHeaderValue = false;
    bool m_headersComplete = false;
    bool m_messageComplete = false;
    bool m_head = false;
    bool m_acceptGzip = false;
    bool m_connected = false;
    bool m_viaProxy = false;
    bool m_stopped = false;
    bool m_ended = false;
};

} // namespace HealthDesk
