// SPDX-License-Identifier: MIT
#include "apicall.h"

namespace HealthDesk {

namespace {
QString tokenOf(const ApiRequest &request)
{
    if (request.hasQuery(u"token"))
        return request.queryValue(u"token");
    if (const auto header = request.header("X-Consul-Token"); header && !header->isEmpty())
        return QString::fromUtf8(*header);
    if (const auto authorization = request.header("Authorization")) {
        const QByteArray value = authorization->trimmed();
        const qsizetype space = value.indexOf(' ');
        if (space > 0 && value.left(space).compare("Bearer", Qt::CaseInsensitive) == 0) {
            const QByteArray rest = value.mid(space + 1).trimmed();
            const qsizetype end = rest.indexOf(' ');
            return QString::fromUtf8(end < 0 ? rest : rest.left(end));
        }
    }
    return {};
}
} // namespace

ApiCall::ApiCall(ApiRequest request, QObject *lifetime, Responder responder)
    : m_request(std::move(request))
    , m_token(tokenOf(m_request))
    , m_lifetime(lifetime)
    , m_hasLifetime(lifetime != nullptr)
    , m_responder(std::make_shared<Responder>(std::move(responder)))
{
}

void ApiCall::respond(ApiResponse response) const
{
    if (!*m_responder)
        return;
    Responder responder = std::exchange(*m_responder, Responder{});
    if (!m_hasLifetime || m_lifetime)
        responder(std::move(response));
}

} // namespace HealthDesk
