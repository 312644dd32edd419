// SPDX-License-Identifier: MIT
#include "apicall.h"

namespace HealthDesk {

namespace {
QString tokenOf(const Http::Request &request)
{
    if (request.hasQueryItem(u"token"))
        return request.queryValue(u"token");
    if (const QByteArray header = request.header("X-Consul-Token"); !header.isEmpty())
        return QString::fromUtf8(header);
    const QByteArray authorization = request.header("Authorization").trimmed();
    const qsizetype space = authorization.indexOf(' ');
    if (space > 0 && authorization.left(space).compare("Bearer", Qt::CaseInsensitive) == 0) {
        const QByteArray rest = authorization.mid(space + 1).trimmed();
        const qsizetype end = rest.indexOf(' ');
        return QString::fromUtf8(end < 0 ? rest : rest.left(end));
    }
    return {};
}
} // namespace

ApiCall::ApiCall(Http::Request request, Http::PendingReply reply)
    : m_request(std::move(request))
    , m_reply(std::move(reply))
    , m_token(tokenOf(m_request))
{
}

void ApiCall::respond(Http::Response response) const
{
    m_reply.send(std::move(response));
}

} // namespace HealthDesk
