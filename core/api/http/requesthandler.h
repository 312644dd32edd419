// SPDX-License-Identifier: MIT
#pragma once

#include "pendingreply.h"
#include "request.h"

namespace HealthDesk::Http {

/// The one thing the transport calls. Routing, ACLs and JSON live behind it.
class RequestHandler
{
public:
    virtual ~RequestHandler() = default;

    /// Called on the server's thread once a request (body included) has arrived. Answer with
    /// `reply.send(...)` now, or keep `reply` (copy or move it into a waiter) and send later:
    /// that is a held reply, as blocking queries need. Replies on one connection go out in
    /// request order regardless. `request` is only valid during the call; copy what you keep.
    virtual void handleRequest(const Request &request, PendingReply reply) = 0;
};

} // namespace HealthDesk::Http
