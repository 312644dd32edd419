// SPDX-License-Identifier: MIT
#pragma once

#include "responseserializer.h"
#include "serveroptions.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QSet>

namespace HealthDesk::Http {

class HttpConnection;
class RequestHandler;

/// What an HttpServer shares with its connections, all on the server's thread. Internal.
struct ServerState
{
    explicit ServerState(RequestHandler *handler, const ServerOptions &options)
        : options(options)
        , serializer(options)
        , handler(handler)
    {
        clock.start();
    }

    qint64 nowMs() const { return clock.elapsed(); }

    ServerOptions options;
    ResponseSerializer serializer;
    RequestHandler *handler;
    /// One read buffer for every connection: only bytes a paused connection has not parsed yet
    /// are kept per connection, so an idle or held connection owns no read buffer.
    QByteArray readBuffer;
    bool readBufferInUse = false;
    QElapsedTimer clock;
    QSet<HttpConnection *> connections;
};

} // namespace HealthDesk::Http
