// SPDX-License-Identifier: MIT
#include "apirouter.h"

#include <QHostAddress>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
QByteArray allowHeader(const QList<QByteArray> &methods)
{
    QList<QByteArray> all = methods;
    all.append("OPTIONS");
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all.join(',');
}

// Consul: 405, `Allow`, body `method <M> not allowed`.
Http::Response methodNotAllowed(const QByteArray &method, const QByteArray &allow)
{
    Http::Response response = Http::Response::text(405, u"method %1 not allowed"_s.arg(QString::fromLatin1(method)));
    response.setHeader("Allow", allow);
    return response;
}

bool isSafeMethod(const QByteArray &method)
{
    return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

QString hostWithoutPort(const QString &host)
{
    if (host.startsWith(u'[')) {
        const qsizetype close = host.indexOf(u']');
        return close > 0 ? host.mid(1, close - 1) : host;
    }
    const qsizetype colon = host.indexOf(u':');
    // More than one colon without brackets: a bare IPv6 address.
    if (colon >= 0 && host.indexOf(u':', colon + 1) < 0)
        return host.left(colon);
    return host;
}
} // namespace

void ApiRouter::add(const QByteArray &method, const QString &path, Access access, Handler handler)
{
    const bool prefix = path.endsWith(u'/');
    Endpoint *endpoint = nullptr;
    if (prefix) {
        for (Endpoint &candidate : m_prefixes) {
            if (candidate.path == path)
                endpoint = &candidate;
        }
        if (!endpoint) {
            m_prefixes.append(Endpoint{path, true, {}, {}});
            std::sort(m_prefixes.begin(), m_prefixes.end(),
                      [](const Endpoint &a, const Endpoint &b) { return a.path.size() > b.path.size(); });
            for (Endpoint &candidate : m_prefixes) {
                if (candidate.path == path)
                    endpoint = &candidate;
            }
        }
    } else {
        endpoint = &m_exact[path];
        endpoint->path = path;
    }
    endpoint->methods.insert(method, {access, std::move(handler)});
    endpoint->allow = allowHeader(endpoint->methods.keys());
}

const ApiRouter::Endpoint *ApiRouter::find(const QString &path, QString *tail) const
{
    const auto exact = m_exact.constFind(path);
    if (exact != m_exact.cend())
        return &*exact;
    for (const Endpoint &endpoint : m_prefixes) {
        if (path.startsWith(endpoint.path)) {
            *tail = path.mid(endpoint.path.size());
            return &endpoint;
        }
    }
    return nullptr;
}

std::optional<Http::Response> ApiRouter::checkHost(const Http::Request &request) const
{
    const QByteArray hostHeader = request.header("Host");
    if (hostHeader.isEmpty())
        return std::nullopt; // HTTP/1.0 clients may omit it; a browser never does
    const QString host = hostWithoutPort(QString::fromLatin1(hostHeader)).toLower();
    if (host == u"localhost" || host.endsWith(u".localhost") || host == m_security.bindAddress)
        return std::nullopt;
    const QHostAddress address(host);
    if (!address.isNull() && (address.isLoopback() || address == QHostAddress(m_security.bindAddress)))
        return std::nullopt;
    if (m_security.allowedHosts.contains(host, Qt::CaseInsensitive))
        return std::nullopt;
    return Http::Response::text(
        403, u"Forbidden: Host \"%1\" is not this agent's address (DNS rebinding protection)"_s.arg(host));
}

std::optional<Http::Response> ApiRouter::checkOrigin(const Http::Request &request) const
{
    if (isSafeMethod(request.method()))
        return std::nullopt;
    if (!request.headers().contains("Origin"))
        return std::nullopt;
    const QString value = QString::fromUtf8(request.header("Origin"));
    if (m_security.allowedOrigins.contains(value, Qt::CaseInsensitive))
        return std::nullopt;
    return Http::Response::text(403, u"Forbidden: cross-site request from origin \"%1\""_s.arg(value));
}

std::optional<Http::Response> ApiRouter::checkToken(ApiCall &call, Access access) const
{
    if (!m_security.aclEnabled)
        return std::nullopt;
    const QString token = call.token().isEmpty() ? m_security.defaultToken : call.token();
    const bool isAgentToken = !m_security.agentToken.isEmpty() && token == m_security.agentToken;
    const bool known = isAgentToken || (!token.isEmpty() && token == m_security.defaultToken);
    if (!token.isEmpty() && !known)
        return Http::Response::text(403, u"ACL not found"_s);
    if (access == Access::Write) {
        if (!m_security.agentToken.isEmpty() && !isAgentToken)
            return Http::Response::text(403, u"Permission denied"_s);
        return std::nullopt;
    }
    call.setReadAllowed(!m_security.defaultDeny || known);
    return std::nullopt;
}

void ApiRouter::dispatch(ApiCall call) const
{
    const Http::Request &request = call.request();
    if (auto refused = checkHost(request))
        return call.respond(std::move(*refused));

    QString tail;
    const Endpoint *endpoint = find(request.path(), &tail);
    if (!endpoint)
        return call.respond(Http::Response::text(404, u"404 page not found\n"_s));
    if (request.method() == "OPTIONS") {
        Http::Response response(200);
        response.setHeader("Allow", endpoint->allow);
        return call.respond(std::move(response));
    }
    const QByteArray method = request.method() == "HEAD" ? QByteArray("GET") : request.method();
    const auto handler = endpoint->methods.constFind(method);
    if (handler == endpoint->methods.cend())
        return call.respond(methodNotAllowed(request.method(), endpoint->allow));
    if (auto refused = checkOrigin(request))
        return call.respond(std::move(*refused));
    if (auto refused = checkToken(call, handler->first))
        return call.respond(std::move(*refused));
    handler->second(call, tail);
}

} // namespace HealthDesk
