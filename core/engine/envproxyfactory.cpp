// SPDX-License-Identifier: MIT
#include "envproxyfactory.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
QString firstEnv(const char *upper, const char *lower)
{
    QString value = qEnvironmentVariable(upper);
    if (value.isEmpty())
        value = qEnvironmentVariable(lower);
    return value;
}
} // namespace

std::optional<QNetworkProxy> EnvProxyFactory::parseProxy(const QString &value)
{
    const QString trimmed = value.trimmed();
    if (trimmed.isEmpty())
        return std::nullopt;
    QUrl url(trimmed, QUrl::StrictMode);
    // Go retries a value without a scheme as http://value.
    if (!url.isValid() || url.scheme().isEmpty() || url.host().isEmpty())
        url = QUrl(u"http://"_s + trimmed, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty())
        return std::nullopt;
    const QString scheme = url.scheme().toLower();
    QNetworkProxy proxy;
    if (scheme == u"socks5" || scheme == u"socks5h") {
        proxy.setType(QNetworkProxy::Socks5Proxy);
        proxy.setPort(quint16(url.port(1080)));
    } else if (scheme == u"http" || scheme == u"https") {
        proxy.setType(QNetworkProxy::HttpProxy);
        proxy.setPort(quint16(url.port(scheme == u"https" ? 443 : 80)));
    } else {
        return std::nullopt;
    }
    proxy.setHostName(url.host());
    proxy.setUser(url.userName());
    proxy.setPassword(url.password());
    return proxy;
}

std::optional<EnvProxyFactory::Settings> EnvProxyFactory::fromEnvironment()
{
    Settings settings;
    // Like Go: under CGI, HTTP_PROXY may come from a request's "Proxy:" header (httpoxy).
    if (!qEnvironmentVariableIsSet("REQUEST_METHOD")) {
        if (const auto proxy = parseProxy(firstEnv("HTTP_PROXY", "http_proxy")))
            settings.http = *proxy;
    }
    if (const auto proxy = parseProxy(firstEnv("HTTPS_PROXY", "https_proxy")))
        settings.https = *proxy;
    if (settings.http.type() == QNetworkProxy::NoProxy && settings.https.type() == QNetworkProxy::NoProxy)
        return std::nullopt;
    settings.noProxy = firstEnv("NO_PROXY", "no_proxy");
    return settings;
}

EnvProxyFactory::EnvProxyFactory(const Settings &settings)
    : m_settings(settings)
{
    const QStringList entries = settings.noProxy.split(u',', Qt::SkipEmptyParts);
    for (const QString &raw : entries) {
        const QString entry = raw.trimmed().toLower();
        if (entry.isEmpty())
            continue;
        if (entry == u"*") {
            m_exemptAll = true;
            return;
        }
        Exemption exemption;
        if (entry.contains(u'/')) {
            const auto subnet = QHostAddress::parseSubnet(entry);
            if (!subnet.first.isNull()) {
                exemption.address = subnet.first;
                exemption.prefixLength = subnet.second;
                m_exemptions.append(exemption);
            }
            continue;
        }
        QString host = entry;
        // An entry may carry a port: "host:80", "1.2.3.4:80", "[::1]:80"; a bare IPv6 has several colons.
        const qsizetype colon = entry.lastIndexOf(u':');
        if (colon > 0 && (entry.startsWith(u'[') || entry.indexOf(u':') == colon)) {
            bool ok = false;
            const int port = entry.sliced(colon + 1).toInt(&ok);
            if (ok) {
                exemption.port = port;
                host = entry.first(colon);
                if (host.startsWith(u'[') && host.endsWith(u']'))
                    host = host.sliced(1, host.size() - 2);
            }
        }
        if (host.isEmpty())
            continue;
        if (QHostAddress address; address.setAddress(host)) {
            exemption.address = address;
            m_exemptions.append(exemption);
            continue;
        }
        if (host.startsWith(u"*."))
            host.remove(0, 1);
        exemption.matchesDomainItself = !host.startsWith(u'.');
        exemption.domain = exemption.matchesDomainItself ? u'.' + host : host;
        m_exemptions.append(exemption);
    }
}

bool EnvProxyFactory::exempt(const QString &rawHost, int port) const
{
    const QString host = rawHost.toLower();
    if (host == u"localhost")
        return true;
    QHostAddress address;
    const bool isAddress = address.setAddress(host);
    if (isAddress && address.isLoopback())
        return true;
    if (m_exemptAll)
        return true;
    for (const Exemption &exemption : m_exemptions) {
        if (exemption.port >= 0 && exemption.port != port)
            continue;
        if (!exemption.domain.isEmpty()) {
            if (host.endsWith(exemption.domain)
                || (exemption.matchesDomainItself && QStringView(host) == QStringView(exemption.domain).sliced(1)))
                return true;
        } else if (isAddress) {
            if (exemption.prefixLength >= 0 ? address.isInSubnet(exemption.address, exemption.prefixLength)
                                            : address.isEqual(exemption.address))
                return true;
        }
    }
    return false;
}

QNetworkProxy EnvProxyFactory::proxyFor(const QString &scheme, const QString &host, int port) const
{
    const bool https = scheme.compare(u"https", Qt::CaseInsensitive) == 0;
    const QNetworkProxy &proxy = https ? m_settings.https : m_settings.http;
    if (proxy.type() == QNetworkProxy::NoProxy || exempt(host, port >= 0 ? port : (https ? 443 : 80)))
        return QNetworkProxy(QNetworkProxy::NoProxy);
    return proxy;
}

QList<QNetworkProxy> EnvProxyFactory::queryProxy(const QNetworkProxyQuery &query)
{
    return {proxyFor(query.protocolTag(), query.peerHostName(), query.peerPort())};
}

} // namespace HealthDesk
