// SPDX-License-Identifier: MIT
#pragma once

#include <QtGlobal>

namespace HealthDesk::Http {

/// Limits and timeouts of the HTTP transport. The defaults suit a local agent API; tests
/// shorten the timeouts.
struct ServerOptions
{
    /// Request line plus header fields; beyond it → 431 and close. libhttp-parser's own
    /// compile-time cap (80 KiB) is raised process-wide when this is set higher.
    qsizetype maxHeaderBytes = 64 * 1024;
    /// Decoded body bytes (Content-Length or the sum of chunks); beyond it → 413 and close.
    qsizetype maxBodyBytes = 1024 * 1024;

    /// From a connection's accept, or a request's first byte, until its header block is
    /// complete (slowloris); → 408 and close. 0 disables.
    int headerTimeoutMs = 10'000;
    /// From the end of the header block until the body is complete; → 408 and close. 0 disables.
    int bodyTimeoutMs = 60'000;
    /// Keep-alive connection with nothing in flight, or a client that stopped reading our
    /// replies; → close. 0 disables.
    int idleTimeoutMs = 60'000;
    /// After the last reply on a closing connection, how long unread input is drained so that
    /// closing does not reset the connection before the client has read the reply.
    int lingerTimeoutMs = 2'000;

    /// Requests parsed ahead of the oldest unanswered one (a held long-poll blocks the replies
    /// behind it). Reading stops at this depth and TCP back-pressure does the rest.
    int maxPipelinedRequests = 16;
    /// Unsent reply bytes at which parsing stops until the client reads.
    qsizetype maxPendingWriteBytes = 4 * 1024 * 1024;

    /// Bodies at least this long are gzipped when the client accepts gzip.
    qsizetype gzipMinBytes = 1024;
    /// zlib level 1–9. Measured on 200 KB of check JSON: level 1 gives 15.5 KB in 0.36 ms,
    /// level 6 gives 14.1 KB in 0.7 ms; for a local API the time matters more.
    int gzipLevel = 1;
};

} // namespace HealthDesk::Http
