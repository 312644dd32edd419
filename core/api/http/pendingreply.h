// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

#include <functional>
#include <memory>

class QObject;

namespace HealthDesk::Http {

class Response;
struct ReplyState;

/// The right to answer one request, handed to RequestHandler::handleRequest. A cheap, copyable
/// handle: keep it to hold the reply (long poll) and call send() later; every copy refers to the
/// same reply, and only the first send() counts.
///
/// Safe after the client left: send() then does nothing and returns false. It can never reach
/// another client, even one on a reused socket descriptor, because the handle points at its
/// request, not at a socket. To drop a waiter early, register onClientGone().
///
/// When the last copy is destroyed without a send(), the transport answers 500 itself.
/// Use on the server's thread only.
class PendingReply
{
public:
    /// An inactive handle; send() returns false.
    PendingReply() = default;
    /// Made by the transport for each request.
    explicit PendingReply(std::shared_ptr<ReplyState> state);

    /// Queues the reply behind any earlier ones on the connection. Returns false when it went
    /// nowhere: already sent, or the client is gone.
    bool send(Response response);

    /// True while send() would still reach the client.
    bool isActive() const;
    /// True once the client disconnected (or the server closed) before send().
    bool isClientGone() const;

    /// Calls `callback` once, from the event loop, if the client goes away before send() (or
    /// the server drops the connection: timeout, stop()); at once (queued) when it already has. Nothing happens after a send() or once `context` is
    /// destroyed. Typical use: remove the waiter that holds this reply.
    void onClientGone(QObject *context, std::function<void()> callback);

    /// An object destroyed after the client went away (the connection; it may serve several
    /// requests in turn), for APIs that take a lifetime context. nullptr when not active.
    QObject *lifetime() const;

private:
    std::shared_ptr<ReplyState> m_state;
};

} // namespace HealthDesk::Http
