// SPDX-License-Identifier: MIT
#pragma once

#include "serveroptions.h"

#include <QHostAddress>
#include <QTcpServer>
#include <QTimer>

#include <memory>

namespace HealthDesk::Http {

class RequestHandler;
struct ServerState;

/// HTTP/1.1 server on a QTcpServer: one HttpConnection per accepted socket, every request
/// handed to one RequestHandler. Timeouts of all connections are checked by one coarse timer
/// (a tenth of the shortest timeout, 20 ms–1 s), not one timer per connection.
/// Lives on one thread with its handler, which must outlive it.
class HttpServer final : public QTcpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpServer)

public:
    explicit HttpServer(RequestHandler *handler, const ServerOptions &options = {}, QObject *parent = nullptr);
    /// Closes every connection first; handlers of held replies are told their client is gone.
    ~HttpServer() override;

    const ServerOptions &options() const;
    /// Applies to requests that start after the call.
    void setOptions(const ServerOptions &options);

    /// Listens on `address`:`port` (0 picks a free port, see serverPort()). On failure returns
    /// false and, if given, sets `errorMessage` to a sentence naming the address and the cause.
    bool start(const QHostAddress &address, quint16 port, QString *errorMessage = nullptr);
    /// Stops listening and closes every connection.
    void stop();

    int connectionCount() const;

Q_SIGNALS:
    /// A client connected; `socketDescriptor` is the server side's descriptor (the kernel
    /// reuses descriptors, which is why replies are bound to requests, not to descriptors).
    void connectionAccepted(qintptr socketDescriptor);

protected:
    void incomingConnection(qintptr socketDescriptor) override;

private:
    void sweepDeadlines();
    void handleAcceptError(QAbstractSocket::SocketError error);
    void applyOptions();

    std::unique_ptr<ServerState> m_state;
    QTimer m_sweepTimer;
};

} // namespace HealthDesk::Http
