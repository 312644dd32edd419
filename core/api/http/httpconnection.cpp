// SPDX-License-Identifier: MIT
#include "httpconnection.h"

#include "pendingreply.h"
#include "replystate.h"
#include "requesthandler.h"
#include "response.h"
#include "serverstate.h"

#include <QLoggingCategory>
#include <QTcpSocket>

#include <sys/socket.h>
#include <algorithm>


using namespace Qt::StringLiterals;

namespace HealthDesk::Http {

namespace {

Q_LOGGING_CATEGORY(lcConnection, "healthdesk.http.connection", QtWarningMsg)

// Bounds what Qt buffers for a connection that is not being parsed (pipeline full, reply
// held): past it Qt stops reading the socket and TCP flow control pushes back on the client.
constexpr qint64 kSocketReadBufferBytes = 64 * 1024;
constexpr qsizetype kReadChunkBytes = 64 * 1024;

} // namespace

HttpConnection::HttpConnection(QTcpSocket *socket, ServerState *server, QObject *parent)
    : QObject(parent)
    , m_server(server)
    , m_socket(socket)
    , m_parser(server->options.maxHeaderBytes, server->options.maxBodyBytes)
{
    m_socket->setParent(this);
    m_socket->setReadBufferSize(kSocketReadBufferBytes);
    m_peerAddress = m_socket->peerAddress();
    m_peerPort = m_socket->peerPort();
    m_parser.request().setPeer(m_peerAddress, m_peerPort);
    connect(m_socket, &QTcpSocket::readyRead, this, &HttpConnection::handleReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &HttpConnection::handleBytesWritten);
    connect(m_socket, &QTcpSocket::disconnected, this, &HttpConnection::handleDisconnected);
    m_phaseStartMs = m_lastProgressMs = m_server->nowMs();
    updateDeadline();
}

HttpConnection::~HttpConnection()
{
    QObject::disconnect(m_socket, nullptr, this, nullptr);
    if (!m_closing) {
        m_closing = true;
        m_server->connections.remove(this);
        dropExchanges(0);
    }
    fireGoneCallbacks();
}

void HttpConnection::abort()
{
    beginClose();
}

void HttpConnection::handleReadyRead()
{
    if (m_lingering)
        drainInput();
    else
        processInput();
}

void HttpConnection::handleBytesWritten()
{
    if (m_closing)
        return;
    m_lastProgressMs = m_server->nowMs();
    if (m_lingering) {
        shutdownWriteWhenFlushed();
        return;
    }
    if (m_waitingForWrite && m_socket->bytesToWrite() <= m_server->options.maxPendingWriteBytes) {
        m_waitingForWrite = false;
        scheduleProcessing();
    }
    if (m_busy == 0)
        updateDeadline();
}

void HttpConnection::handleDisconnected()
{
    beginClose();
}

bool HttpConnection::canParse() const
{
    // The request being read does not count: the limit is on requests given to the handler.
    const qsizetype dispatched = m_exchanges.size() - (!m_exchanges.isEmpty() && !m_exchanges.last().dispatched);
    return !m_stopParsing && !m_closing && !m_lingering
        && dispatched < std::max(1, m_server->options.maxPipelinedRequests)
        && m_socket->bytesToWrite() <= m_server->options.maxPendingWriteBytes;
}

void HttpConnection::processInput()
{
    m_processingQueued = false;
    // Re-entered only through a nested event loop in a handler; the running loop below reads
    // on until the socket is empty, so there is nothing left to do here.
    if (m_closing || m_lingering || m_busy > 0)
        return;
    ++m_busy;
    // The shared read buffer is normally free here; a nested event loop in a handler could
    // make another connection's parse loop still point into it.
    QByteArray ownBuffer;
    const bool sharedFree = !m_server->readBufferInUse;
    QByteArray &scratch = sharedFree ? m_server->readBuffer : ownBuffer;
    m_server->readBufferInUse = true;
    if (scratch.size() < kReadChunkBytes)
        scratch.resize(kReadChunkBytes);

    while (canParse()) {
        // Bytes left over from an earlier pause come first; they were read before anything
        // still in the socket.
        const bool fromUnparsed = !m_unparsed.isEmpty();
        qsizetype size = m_unparsed.size();
        if (!fromUnparsed) {
            const qint64 read = m_socket->read(scratch.data(), scratch.size());
            if (read <= 0)
                break;
            size = qsizetype(read);
        }
        const char *data = fromUnparsed ? m_unparsed.constData() : scratch.constData();

        qsizetype pos = 0;
        while (pos < size && canParse()) {
            const RequestParser::Step step = m_parser.feed(data + pos, size - pos);
            pos += step.consumed;
            switch (step.event) {
            case RequestParser::Event::NeedMoreData:
                if (pos < size) // the parser refused bytes without saying why
                    respondAndClose(400, "unparseable request");
                break;
            case RequestParser::Event::HeadersComplete:
                handleHeadersComplete();
                break;
            case RequestParser::Event::MessageComplete:
                handleMessageComplete();
                // Replies answered at once are still queued here; hand them over so the
                // pipeline limit counts only the unanswered ones.
                if (m_exchanges.size() >= m_server->options.maxPipelinedRequests)
                    writeReadyReplies();
                break;
            case RequestParser::Event::Error:
                respondAndClose(m_parser.errorStatus(), m_parser.errorReason());
                break;
            }
            if (m_closing)
                break;
        }
        if (m_closing)
            break;
        if (m_stopParsing || pos >= size) {
            // Anything after the last request this connection will serve is dropped.
            m_unparsed.clear();
        } else if (fromUnparsed) {
            m_unparsed.remove(0, pos);
        } else {
            m_unparsed = QByteArray(data + pos, size - pos);
        }
    }
    --m_busy;
    if (sharedFree)
        m_server->readBufferInUse = false;
    if (m_closing)
        return;
    if (m_socket->bytesToWrite() > m_server->options.maxPendingWriteBytes)
        m_waitingForWrite = true;
    writeReadyReplies();
    // One flush per batch of input: pipelined replies leave in as few writes as possible.
    m_socket->flush();
    if (m_closing)
        return;
    updateDeadline();
}

void HttpConnection::handleHeadersComplete()
{
    const Request &request = m_parser.request();
    m_sawRequest = true;
    Exchange exchange;
    exchange.sequence = m_nextSequence++;
    exchange.context.head = request.method() == "HEAD";
    exchange.context.http10 = !request.isHttp11OrLater();
    exchange.context.keepAlive = request.wantsKeepAlive();
    exchange.context.acceptsGzip = request.acceptsGzip();
    exchange.owesContinue = m_parser.expectsContinue();
    m_exchanges.append(std::move(exchange));
    if (m_exchanges.last().owesContinue)
        writeReadyReplies(); // sends it now when nothing is ahead of this request
}

void HttpConnection::handleMessageComplete()
{
    Exchange &exchange = m_exchanges.last();
    Q_ASSERT(!exchange.dispatched);
    exchange.dispatched = true;
    exchange.owesContinue = false; // the body is here; a late 100 would only confuse
    if (!exchange.context.keepAlive)
        m_stopParsing = true;
    auto state = std::make_shared<ReplyState>(this, exchange.sequence);
    exchange.state = state;
    // `exchange` may not be used past this call: the handler can complete other replies.
    m_server->handler->handleRequest(m_parser.request(), PendingReply(std::move(state)));
    m_parser.startNextMessage();
    m_parser.setLimits(m_server->options.maxHeaderBytes, m_server->options.maxBodyBytes);
}

void HttpConnection::respondAndClose(int status, const QByteArray &reason)
{
    m_stopParsing = true;
    m_unparsed.clear();
    // The request being read, if any, is the one that failed: the error takes its place.
    if (!m_exchanges.isEmpty() && !m_exchanges.last().dispatched)
        m_exchanges.removeLast();
    qCDebug(lcConnection) << "closing" << m_peerAddress << m_peerPort << status << reason;

    Exchange exchange;
    exchange.sequence = m_nextSequence++;
    exchange.context.keepAlive = false;
    exchange.dispatched = true;
    exchange.ready = true;
    exchange.closeAfter = true;
    QByteArray text = Response::standardReasonPhrase(status);
    if (!reason.isEmpty())
        text += ": " + reason;
    text += '\n';
    exchange.reply = m_server->serializer.serialize(Response::text(status, QString::fromUtf8(text)), exchange.context,
                                                    nullptr);
    m_exchanges.append(std::move(exchange));
    if (m_busy > 0)
        return;
    writeReadyReplies();
    updateDeadline();
}

HttpConnection::Exchange *HttpConnection::findExchange(quint64 sequence)
{
    for (Exchange &exchange : m_exchanges) {
        if (exchange.sequence == sequence)
            return &exchange;
    }
    return nullptr;
}

void HttpConnection::completeReply(quint64 sequence, Response response)
{
    Exchange *exchange = findExchange(sequence);
    if (!exchange || exchange->ready || m_closing)
        return;
    bool keepAlive = true;
    exchange->reply = m_server->serializer.serialize(response, exchange->context, &keepAlive);
    exchange->ready = true;
    if (!keepAlive) {
        exchange->closeAfter = true;
        m_stopParsing = true;
    }
    if (m_busy > 0)
        return; // processInput() writes it out with the rest of its batch

    // No flush here: Qt writes from the event loop, so send() never re-enters its caller
    // through socket signals.
    const bool wasFull = !canParse();
    writeReadyReplies();
    updateDeadline();
    if (wasFull && canParse() && (!m_unparsed.isEmpty() || m_socket->bytesAvailable() > 0))
        scheduleProcessing();
}

void HttpConnection::abandonReply(quint64 sequence)
{
    qCWarning(lcConnection) << "request handler dropped a reply without answering; sending 500";
    completeReply(sequence, Response::text(500, u"request handler did not answer\n"_s));
}

void HttpConnection::writeReadyReplies()
{
    while (!m_exchanges.isEmpty() && !m_closing) {
        Exchange &front = m_exchanges.first();
        if (front.ready) {
            m_socket->write(front.reply);
            const bool close = front.closeAfter;
            m_exchanges.removeFirst();
            if (m_exchanges.isEmpty())
                m_lastProgressMs = m_server->nowMs();
            if (close) {
                dropExchanges(0);
                startLingeringClose();
                return;
            }
            continue;
        }
        if (front.owesContinue) {
            m_socket->write(ResponseSerializer::continueReply());
            front.owesContinue = false;
        }
        break;
    }
}

void HttpConnection::scheduleProcessing()
{
    if (m_processingQueued || m_closing)
        return;
    m_processingQueued = true;
    QMetaObject::invokeMethod(this, &HttpConnection::processInput, Qt::QueuedConnection);
}

void HttpConnection::startLingeringClose()
{
    m_lingering = true;
    m_stopParsing = true;
    m_unparsed.clear();
    m_lingerDeadline = m_server->nowMs() + std::max(1, m_server->options.lingerTimeoutMs);
    shutdownWriteWhenFlushed();
    updateDeadline();
}

void HttpConnection::shutdownWriteWhenFlushed()
{
    if (m_writeShutDown || m_socket->bytesToWrite() > 0 || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    // Half-close, then drain: closing outright with unread input makes the kernel send a
    // reset, and the client can lose the reply it has not read yet (a 413 sent while it is
    // still uploading, typically). Qt has no half-close, hence the raw call.
    ::shutdown(int(m_socket->socketDescriptor()), SHUT_WR);
    m_writeShutDown = true;
    drainInput();
}

void HttpConnection::drainInput()
{
    // A stack buffer, not the shared one: this can run inside another connection's parse loop
    // (a handler completing this connection's reply with `Connection: close`).
    char sink[16384];
    while (m_socket->read(sink, sizeof sink) > 0) {
    }
}

void HttpConnection::dropExchanges(qsizetype from)
{
    bool collected = false;
    for (qsizetype i = from; i < m_exchanges.size(); ++i) {
        const std::shared_ptr<ReplyState> state = m_exchanges[i].state.lock();
        if (!state)
            continue;
        state->connection = nullptr;
        if (!state->sent) {
            for (ReplyState::GoneCallback &gone : state->goneCallbacks) {
                m_goneCallbacks.emplace_back(std::move(gone.context), std::move(gone.callback));
                collected = true;
            }
        }
        state->goneCallbacks.clear();
    }
    m_exchanges.remove(from, m_exchanges.size() - from);
    if (collected && !m_closing)
        QMetaObject::invokeMethod(this, &HttpConnection::fireGoneCallbacks, Qt::QueuedConnection);
}

void HttpConnection::fireGoneCallbacks()
{
    auto callbacks = std::move(m_goneCallbacks);
    m_goneCallbacks.clear();
    for (auto &[context, callback] : callbacks) {
        if (context)
            callback();
    }
}

void HttpConnection::beginClose()
{
    if (m_closing)
        return;
    // Detach first: from here on a send() on any of this connection's replies goes nowhere.
    dropExchanges(0);
    m_closing = true;
    m_deadline = 0;
    m_server->connections.remove(this);
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->abort();
    deleteLater();
}

void HttpConnection::handleDeadline(qint64 nowMs)
{
    if (m_closing || m_deadline == 0 || nowMs < m_deadline)
        return;
    if (m_lingering || waitingOnServer() || m_socket->bytesToWrite() > 0) {
        beginClose(); // linger over, or a client that stopped reading what it asked for
        return;
    }
    switch (m_parser.phase()) {
    case RequestParser::Phase::Headers:
        respondAndClose(408, "timed out reading the request header");
        m_socket->flush();
        break;
    case RequestParser::Phase::Body:
        respondAndClose(408, "timed out reading the request body");
        m_socket->flush();
        break;
    case RequestParser::Phase::Idle:
        beginClose(); // nothing was asked, so there is nothing to answer
        break;
    }
}

bool HttpConnection::waitingOnServer() const
{
    // A dispatched request at the front means the client is waiting for us (a held reply,
    // or replies the client has not read yet).
    return m_stopParsing || (!m_exchanges.isEmpty() && m_exchanges.first().dispatched);
}

void HttpConnection::updateDeadline()
{
    if (m_closing) {
        m_deadline = 0;
        return;
    }
    if (m_lingering) {
        m_deadline = m_lingerDeadline;
        return;
    }
    const ServerOptions &options = m_server->options;
    const auto after = [](qint64 start, int timeoutMs) { return timeoutMs > 0 ? start + timeoutMs : 0; };
    if (waitingOnServer() || m_socket->bytesToWrite() > 0) {
        // Held replies may wait as long as their handler likes, and a request we stopped
        // parsing for back-pressure is not the client's delay; only a client that stopped
        // reading what was already sent is timed out.
        m_deadline = m_socket->bytesToWrite() > 0 ? after(m_lastProgressMs, options.idleTimeoutMs) : 0;
        return;
    }
    const RequestParser::Phase phase = m_parser.phase();
    if (phase != m_observedPhase || m_parser.messagesBegun() != m_observedMessage) {
        // A new connection's first request is timed from the accept, like Go's
        // ReadHeaderTimeout, so that connecting and then trickling bytes gains nothing.
        const bool firstHeader = phase == RequestParser::Phase::Headers && !m_sawRequest;
        if (!firstHeader)
            m_phaseStartMs = m_server->nowMs();
        m_observedPhase = phase;
        m_observedMessage = m_parser.messagesBegun();
    }
    switch (phase) {
    case RequestParser::Phase::Headers:
        m_deadline = after(m_phaseStartMs, options.headerTimeoutMs);
        break;
    case RequestParser::Phase::Body:
        m_deadline = after(m_phaseStartMs, options.bodyTimeoutMs);
        break;
    case RequestParser::Phase::Idle:
        m_deadline = m_sawRequest ? after(m_lastProgressMs, options.idleTimeoutMs)
                                  : after(m_phaseStartMs, options.headerTimeoutMs);
        break;
    }
}

} // namespace HealthDesk::Http
