// SPDX-License-Identifier: MIT
#pragma once

#include "apirequest.h"
#include "apiresponse.h"

#include <QObject>
#include <QPointer>

#include <functional>

namespace HealthDesk {

/// One request in flight: what was asked, who asked (the token) and how to answer. A controller
/// may answer at once or later (blocking queries); `lifetime` is destroyed when the client goes
/// away, and anything waiting on the client's behalf must use it as its context.
class ApiCall
{
public:
    using Responder = std::function<void(ApiResponse)>;

    ApiCall(ApiRequest request, QObject *lifetime, Responder responder);

    const ApiRequest &request() const { return m_request; }
    /// The request token: `?token=` > `X-Consul-Token` > `Authorization: Bearer` (CONSUL.md §6).
    const QString &token() const { return m_token; }
    QObject *lifetime() const { return m_lifetime; }
    bool pretty() const { return m_request.hasQuery(u"pretty"); }

    /// False when ACLs deny anonymous reads and the token is not known: list endpoints then
    /// answer with nothing (Consul filters rather than refusing, CONSUL.md §6).
    bool readAllowed() const { return m_readAllowed; }
    void setReadAllowed(bool allowed) { m_readAllowed = allowed; }

    /// Sends the response once; later calls and calls after the client left are ignored.
    void respond(ApiResponse response) const;

private:
    ApiRequest m_request;
    QString m_token;
    QPointer<QObject> m_lifetime;
    bool m_hasLifetime;
    bool m_readAllowed = true;
    std::shared_ptr<Responder> m_responder;
};

} // namespace HealthDesk
