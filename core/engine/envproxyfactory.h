// SPDX-License-Identifier: MIT
#pragma once

#include <QHostAddress>
#include <QList>
#include <QNetworkProxy>
#include <QNetworkProxyFactory>
#include <QString>

#include <optional>

namespace HealthDesk {

/// Proxy choice for HTTP checks as Go's http.ProxyFromEnvironment makes it (Consul's transport
/// uses that): HTTP_PROXY for http URLs, HTTPS_PROXY for https URLs (upper-case names first, then
/// lower-case), NO_PROXY exemptions, and never a proxy for localhost or loopback addresses.
/// HttpDispatcher keeps one only when a proxy variable is set, so the common case costs no
/// per-request lookup; as a QNetworkProxyFactory it also serves QNetworkAccessManager users.
class EnvProxyFactory final : public QNetworkProxyFactory
{
public:
    struct Settings
    {
        QNetworkProxy http = QNetworkProxy(QNetworkProxy::NoProxy);
        QNetworkProxy https = QNetworkProxy(QNetworkProxy::NoProxy);
        QString noProxy;
    };

    /// Reads the process environment; nullopt when neither proxy variable names a usable proxy.
    static std::optional<Settings> fromEnvironment();
    /// Parses one proxy variable's value (`host:port`, `http://user:pw@host:port`, `socks5://…`).
    static std::optional<QNetworkProxy> parseProxy(const QString &value);

    explicit EnvProxyFactory(const Settings &settings);

    QList<QNetworkProxy> queryProxy(const QNetworkProxyQuery &query) override;

    /// The proxy for one request URL's scheme, host and port (NoProxy when exempt).
    QNetworkProxy proxyFor(const QString &scheme, const QString &host, int port) const;

private:
    struct Exemption
    {
        QString domain; ///< ".example.com"; empty for address entries
        bool matchesDomainItself = false;
        QHostAddress address;
        int prefixLength = -1; ///< CIDR entries
        int port = -1;
    };
    bool exempt(const QString &host, int port) const;

    Settings m_settings;
    QList<Exemption> m_exemptions;
    bool m_exemptAll = false;
};

} // namespace HealthDesk
