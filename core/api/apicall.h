// SPDX-License-Identifier: MIT
#pragma once

#include "http/pendingreply.h"
#include "http/request.h"
#include "http/response.h"

#include <QString>

namespace HealthDesk {

/// One request in flight: what was asked, who asked (the token) and the right to answer. A
/// controller may answer at once or later (blocking queries); anything that waits on the
/// client's behalf uses lifetime() as its context, so it goes away with the client.
/// Cheap to copy: every copy answers the same request, and only the first answer counts.
class ApiCall
{
public:
    ApiCall(Http::Request request, Http::PendingReply reply);

    const Http::Request &request() const { return m_request; }
    /// The request token: `?token=` > `X-Consul-Token` > `Authorization: Bearer` (CONSUL.md §6).
    const QString &token() const { return m_token; }
    /// Destroyed when the client goes away; nullptr once it has.
    QObject *lifetime() const { return m_reply.lifetime(); }
    bool pretty() const { return m_request.hasQueryItem(u"pretty"); }

    /// False when ACLs deny anonymous reads and the token is not known: list endpoints then
    /// answer with nothing (Consul filters rather than refusing, CONSUL.md §6).
    bool readAllowed() const { return m_readAllowed; }
    void setReadAllowed(bool allowed) { m_readAllowed = allowed; }

    /// Answers the request; later answers and answers after the client left are ignored.
    void respond(Http::Response response) const;

private:
    Http::Request m_request;
    mutable Http::PendingReply m_reply;
    QString m_token;
    bool m_readAllowed = true;
};

} // namespace HealthDesk
