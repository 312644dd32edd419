// SPDX-License-Identifier: MIT
#include "httpdispatcher.h"

#include <QUrl>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
/// Idle per-host counters are kept so that the hot path does not allocate, but not without bound
/// when checks come and go over many hosts.
constexpr qsizetype kMaxIdleHosts = 1024;
} // namespace

HttpDispatcher::HttpDispatcher(int maxConnectionsPerHost, int maxConnections)
    : m_verify(QSslConfiguration::defaultConfiguration())
    , m_maxPerHost(std::max(1, maxConnectionsPerHost))
    , m_maxTotal(std::max(1, maxConnections))
{
    m_verify.setPeerVerifyMode(QSslSocket::VerifyPeer);
    m_skipVerify = m_verify;
    m_skipVerify.setPeerVerifyMode(QSslSocket::VerifyNone);
    if (const auto settings = EnvProxyFactory::fromEnvironment())
        m_proxy.emplace(*settings);
}

HttpDispatcher::~HttpDispatcher()
{
    // Clients outliving the dispatcher would be a wiring bug; forget them rather than dangle.
    for (Client *client : std::as_const(m_waiting))
        client->m_queued = false;
}

QString HttpDispatcher::hostKey(const QString &scheme, const QString &host, int port)
{
    const QString lowerScheme = scheme.toLower();
    if (port < 0)
        port = lowerScheme == u"https" ? 443 : 80;
    return lowerScheme + u"://"_s + host.toLower() + u':' + QString::number(port);
}

QNetworkProxy HttpDispatcher::proxyFor(const QUrl &url) const
{
    if (!m_proxy)
        return QNetworkProxy(QNetworkProxy::NoProxy);
    return m_proxy->proxyFor(url.scheme(), url.host(), url.port());
}

void HttpDispatcher::submit(Client &client)
{
    Q_ASSERT(!client.m_queued && !client.m_active);
    int &count = m_perHost[client.m_hostKey];
    // A free slot implies nobody waits for this host: waiting clients get slots as they free up.
    if (count < m_maxPerHost && m_active < m_maxTotal) {
        dispatch(client, count);
        return;
    }
    client.m_queued = true;
    m_waiting.append(&client);
}

void HttpDispatcher::dispatch(Client &client, int &hostCount)
{
    ++hostCount;
    ++m_active;
    client.m_active = true;
    client.dispatched();
}

void HttpDispatcher::release(Client &client)
{
    if (client.m_queued) {
        m_waiting.removeOne(&client);
        client.m_queued = false;
        return;
    }
    if (!client.m_active)
        return;
    client.m_active = false;
    --m_active;
    const auto it = m_perHost.find(client.m_hostKey);
    Q_ASSERT(it != m_perHost.end());
    --*it;
    if (*it == 0 && m_perHost.size() > kMaxIdleHosts)
        m_perHost.erase(it);

    // The first waiting client whose host has room takes the slot; FIFO per host is kept
    // because clients of one host are picked in queue order.
    for (qsizetype i = 0; i < m_waiting.size() && m_active < m_maxTotal; ++i) {
        Client &next = *m_waiting.at(i);
        int &count = m_perHost[next.m_hostKey];
        if (count >= m_maxPerHost)
            continue;
        m_waiting.removeAt(i);
        next.m_queued = false;
        dispatch(next, count);
        return;
    }
}

} // namespace HealthDesk
