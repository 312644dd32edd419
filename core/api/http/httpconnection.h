// SPDX-License-Identifier: MIT
#pragma once

#include "requestparser.h"
#include "responseserializer.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

class QTcpSocket;

namespace HealthDesk::Http {

class Response;
struct ReplyState;
struct ServerState;

/// One accepted socket: parses requests, hands each to the RequestHandler, and writes the
/// replies strictly in request order, holding later ones while an earlier reply is held.
/// Enforces the limits and timeouts of ServerOptions. Created and owned by HttpServer; deletes
/// itself (deleteLater) once closed. Handlers never see this class, only PendingReply.
class HttpConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpConnection)

public:
    /// Takes ownership of `socket`, which must be connected.
    HttpConnection(QTcpSocket *socket, ServerState *server, QObject *parent);
    /// Tells the handlers of still-held replies that their client is gone.
    ~HttpConnection() override;

    /// Monotonic ms (ServerState::clock) at which handleDeadline() is due; 0 when none.
    qint64 deadline() const { return m_deadline; }
    /// The server's sweep calls this once deadline() has passed.
    void handleDeadline(qint64 nowMs);
    /// Closes at once; held replies are dropped and their handlers told.
    void abort();

    // For PendingReply and ReplyState only.
    void completeReply(quint64 sequence, Response response);
    void abandonReply(quint64 sequence);

private:
    /// One request and its reply, from the request's header block until the reply is handed
    /// to the socket.
    struct Exchange
    {
        quint64 sequence = 0;
        std::weak_ptr<ReplyState> state;
        QByteArray reply; ///< serialized, once ready
        ReplyContext context;
        bool dispatched = false;     ///< the whole request was read and given to the handler
        bool ready = false;          ///< `reply` holds the answer
        bool closeAfter = false;     ///< the connection ends with this reply
        bool owesContinue = false;   ///< `100 Continue` still to be sent when it reaches the front
    };

    void handleReadyRead();
    void handleBytesWritten();
    void handleDisconnected();

    void processInput();
    bool canParse() const;
    void handleHeadersComplete();
    void handleMessageComplete();
    void respondAndClose(int status, const QByteArray &reason);
    Exchange *findExchange(quint64 sequence);
    void writeReadyReplies();
    void scheduleProcessing();
    bool waitingOnServer() const;
    void dropExchanges(qsizetype from);
    void fireGoneCallbacks();
    void startLingeringClose();
    void shutdownWriteWhenFlushed();
    void drainInput();
    void beginClose();
    void updateDeadline();

    ServerState *m_server;
    QTcpSocket *m_socket;
    RequestParser m_parser;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    QList<Exchange> m_exchanges;
    /// Input read from the socket but not parsed yet because processing paused.
    QByteArray m_unparsed;
    quint64 m_nextSequence = 1;
    qint64 m_deadline = 0;
    qint64 m_phaseStartMs = 0;
    qint64 m_lastProgressMs = 0;
    qint64 m_lingerDeadline = 0;
    RequestParser::Phase m_observedPhase = RequestParser::Phase::Idle;
    quint64 m_observedMessage = 0;
    int m_busy = 0;
    bool m_stopParsing = false; ///< no request after the current ones will be served
    bool m_sawRequest = false;
    bool m_processingQueued = false;
    bool m_waitingForWrite = false;
    bool m_lingering = false;
    bool m_writeShutDown = false;
    bool m_closing = false;
    std::vector<std::pair<QPointer<QObject>, std::function<void()>>> m_goneCallbacks;
};

} // namespace HealthDesk::Http
