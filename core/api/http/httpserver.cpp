// SPDX-License-Identifier: MIT
#include "httpserver.h"

#include "httpconnection.h"
#include "serverstate.h"

#include <QLoggingCategory>
#include <QTcpSocket>
#include <QVarLengthArray>

#include <http_parser.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace HealthDesk::Http {

namespace {

Q_LOGGING_CATEGORY(lcServer, "healthdesk.http.server", QtInfoMsg)

// libhttp-parser's own header cap (80 KiB unless built otherwise); it is process-wide, so it
// is only ever raised, never lowered below what another server may need.
constexpr quint32 kParserDefaultMaxHeader = 80 * 1024;
quint32 g_parserMaxHeader = kParserDefaultMaxHeader;

int sweepIntervalMs(const ServerOptions &options)
{
    int shortest = 0;
    for (int timeout : {options.headerTimeoutMs, options.bodyTimeoutMs, options.idleTimeoutMs, options.lingerTimeoutMs}) {
        if (timeout > 0 && (shortest == 0 || timeout < shortest))
            shortest = timeout;
    }
    return shortest == 0 ? 1000 : std::clamp(shortest / 10, 20, 1000);
}

} // namespace

HttpServer::HttpServer(RequestHandler *handler, const ServerOptions &options, QObject *parent)
    : QTcpServer(parent)
    , m_state(std::make_unique<ServerState>(handler, options))
{
    Q_ASSERT(handler);
    m_sweepTimer.setTimerType(Qt::CoarseTimer);
    connect(&m_sweepTimer, &QTimer::timeout, this, &HttpServer::sweepDeadlines);
    connect(this, &QTcpServer::acceptError, this, &HttpServer::handleAcceptError);
    applyOptions();
}

HttpServer::~HttpServer()
{
    stop();
    // Connections closed by stop() are only scheduled for deletion; they use m_state, so
    // they must go before it does.
    const QList<HttpConnection *> children = findChildren<HttpConnection *>(Qt::FindDirectChildrenOnly);
    qDeleteAll(children);
}

const ServerOptions &HttpServer::options() const
{
    return m_state->options;
}

void HttpServer::setOptions(const ServerOptions &options)
{
    m_state->options = options;
    applyOptions();
}

void HttpServer::applyOptions()
{
    const ServerOptions &options = m_state->options;
    m_state->serializer.setOptions(options);
    if (options.maxHeaderBytes > 0 && quint32(options.maxHeaderBytes) + 1024 > g_parserMaxHeader) {
        g_parserMaxHeader = quint32(options.maxHeaderBytes) + 1024;
        http_parser_set_max_header_size(g_parserMaxHeader);
    }
    m_sweepTimer.setInterval(sweepIntervalMs(options));
}

bool HttpServer::start(const QHostAddress &address, quint16 port, QString *errorMessage)
{
    if (isListening())
        close();
    // Qt's default backlog of 50 drops SYNs when many clients (re)connect at once, e.g. a
    // fleet of watchers re-arming their blocking queries; each drop costs a client 1 s.
    setListenBacklogSize(1024);
    if (listen(address, port))
        return true;
    const QString where = (address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]:%2"_s : u"%1:%2"_s)
                              .arg(address.toString())
                              .arg(port);
    QString cause;
    switch (serverError()) {
    case QAbstractSocket::AddressInUseError:
        cause = u"the port is already in use (is another HealthDesk or Consul agent running?)"_s;
        break;
    case QAbstractSocket::SocketAccessError:
        cause = u"permission denied (ports below 1024 need privileges)"_s;
        break;
    case QAbstractSocket::SocketAddressNotAvailableError:
        cause = u"the address does not belong to this machine"_s;
        break;
    default:
        cause = errorString();
        break;
    }
    const QString message = u"Cannot listen for HTTP on %1: %2"_s.arg(where, cause);
    qCWarning(lcServer).noquote() << message;
    if (errorMessage)
        *errorMessage = message;
    return false;
}

void HttpServer::stop()
{
    close();
    m_sweepTimer.stop();
    const QList<HttpConnection *> open(m_state->connections.cbegin(), m_state->connections.cend());
    for (HttpConnection *connection : open)
        connection->abort();
}

int HttpServer::connectionCount() const
{
    return int(m_state->connections.size());
}

void HttpServer::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket;
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        qCWarning(lcServer) << "cannot adopt accepted socket:" << socket->errorString();
        delete socket;
        ::close(int(socketDescriptor));
        return;
    }
    // Replies leave in one write each; Nagle would only delay the last segment of each.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    auto *connection = new HttpConnection(socket, m_state.get(), this);
    m_state->connections.insert(connection);
    if (!m_sweepTimer.isActive())
        m_sweepTimer.start();
    emit connectionAccepted(socketDescriptor);
}

void HttpServer::sweepDeadlines()
{
    if (m_state->connections.isEmpty()) {
        m_sweepTimer.stop();
        return;
    }
    const qint64 now = m_state->nowMs();
    QVarLengthArray<HttpConnection *, 32> due;
    for (HttpConnection *connection : std::as_const(m_state->connections)) {
        if (connection->deadline() != 0 && connection->deadline() <= now)
            due.append(connection);
    }
    // Handling a deadline may close a connection, which changes the set being iterated.
    for (HttpConnection *connection : due)
        connection->handleDeadline(now);
}

void HttpServer::handleAcceptError(QAbstractSocket::SocketError error)
{
    // QTcpServer pauses accepting after a hard accept error (out of descriptors, typically).
    // Try again shortly rather than going deaf for good.
    qCWarning(lcServer) << "accept failed:" << error << errorString();
    QTimer::singleShot(100, this, [this] {
        if (isListening())
            resumeAccepting();
    });
}

} // namespace HealthDesk::Http
