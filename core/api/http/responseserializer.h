// SPDX-License-Identifier: MIT
#pragma once

#include "gzipencoder.h"
#include "httpdate.h"

#include <QByteArray>

namespace HealthDesk::Http {

class Response;
struct ServerOptions;

/// What the wire form of a reply depends on besides the Response itself.
struct ReplyContext
{
    bool head = false;        ///< HEAD: Content-Length of the body, but no body
    bool http10 = false;      ///< keep-alive must then be announced explicitly
    bool keepAlive = true;    ///< the connection stays open after this reply
    bool acceptsGzip = false; ///< the request's Accept-Encoding allows gzip
};

/// Turns a Response into the bytes of one HTTP/1.1 reply: status line, the handler's headers
/// (minus the framing ones, which belong to the transport), Content-Length, Date, Connection,
/// and the body, gzipped when that pays. One buffer, so one socket write per reply.
class ResponseSerializer
{
public:
    explicit ResponseSerializer(const ServerOptions &options);

    void setOptions(const ServerOptions &options);

    /// `context.keepAlive` is honoured unless the handler asked for `Connection: close`;
    /// `*keepAlive` receives the final decision.
    QByteArray serialize(const Response &response, const ReplyContext &context, bool *keepAlive);

    /// The interim reply that lets an `Expect: 100-continue` client send its body.
    static QByteArray continueReply() { return QByteArrayLiteral("HTTP/1.1 100 Continue\r\n\r\n"); }

private:
    GzipEncoder m_gzip;
    HttpDate m_date;
    qsizetype m_gzipMinBytes;
};

} // namespace HealthDesk::Http
