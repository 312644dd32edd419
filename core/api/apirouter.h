// SPDX-License-Identifier: MIT
#pragma once

#include "apicall.h"

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace HealthDesk {

/// Who may do what through the API (CONSUL.md §10.6, §10.7).
struct ApiSecurity
{
    QStringList allowedHosts;   ///< extra Host names besides loopback and the bind address
    QStringList allowedOrigins; ///< browser origins allowed to make state-changing requests
    QString bindAddress;
    bool aclEnabled = false;
    bool defaultDeny = false;
    QString agentToken;   ///< required for writes when set
    QString defaultToken; ///< used when a request has none
};

/// An explicit route table: `{method, path, handler}` next to each controller. It answers what
/// every endpoint shares: 404 for unknown paths, 405 with `Allow`, OPTIONS, the Host check
/// against DNS rebinding, the Origin check against cross-site writes, and the agent token.
class ApiRouter
{
public:
    enum class Access { Read, Write };
    /// `tail` is the rest of the path after a prefix route (an ID, which may contain '/').
    using Handler = std::function<void(const ApiCall &call, const QString &tail)>;

    void setSecurity(const ApiSecurity &security) { m_security = security; }
    const ApiSecurity &security() const { return m_security; }

    /// `path` ending in '/' is a prefix route (`/v1/agent/check/deregister/`), otherwise exact.
    void add(const QByteArray &method, const QString &path, Access access, Handler handler);

    void dispatch(ApiCall call) const;

private:
    struct Endpoint
    {
        QString path;
        bool prefix = false;
        QHash<QByteArray, QPair<Access, Handler>> methods;
        QByteArray allow;
    };
    const Endpoint *find(const QString &path, QString *tail) const;
    std::optional<Http::Response> checkHost(const Http::Request &request) const;
    std::optional<Http::Response> checkOrigin(const Http::Request &request) const;
    std::optional<Http::Response> checkToken(ApiCall &call, Access access) const;

    ApiSecurity m_security;
    QHash<QString, Endpoint> m_exact;
    QList<Endpoint> m_prefixes; ///< longest first
};

} // namespace HealthDesk
