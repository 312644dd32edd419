// SPDX-License-Identifier: MIT
#pragma once

#include <QPointer>

#include <functional>
#include <vector>

namespace HealthDesk::Http {

class HttpConnection;

/// Shared between the PendingReply copies a handler holds and the connection that waits for
/// them (which only keeps a weak reference). Internal to the transport.
struct ReplyState
{
    struct GoneCallback
    {
        QPointer<QObject> context;
        std::function<void()> callback;
    };

    ReplyState(HttpConnection *connection, quint64 sequence)
        : connection(connection)
        , sequence(sequence)
    {
    }
    /// The last handle went away: if nothing was sent the connection answers 500, so that a
    /// handler bug cannot wedge the connection (and the replies pipelined behind it).
    ~ReplyState();
    ReplyState(const ReplyState &) = delete;
    ReplyState &operator=(const ReplyState &) = delete;

    /// Cleared by the connection when its client goes away, so a late send() reaches nothing —
    /// not even a newer connection that reuses the socket descriptor.
    HttpConnection *connection;
    /// Position in the connection's request sequence.
    quint64 sequence;
    bool sent = false;
    std::vector<GoneCallback> goneCallbacks;
};

} // namespace HealthDesk::Http
