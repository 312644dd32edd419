// SPDX-License-Identifier: MIT
#pragma once

#include "envproxyfactory.h"

#include <QHash>
#include <QList>
#include <QNetworkProxy>
#include <QSslConfiguration>
#include <QString>

#include <optional>

class QUrl;

namespace HealthDesk {

/// Admission control and shared settings for HTTP checks.
///
/// A request starts only when a connection slot is free, per scheme+host+port and overall; the
/// others wait in FIFO order and start as slots free up. A check's timeout starts when its request
/// is really sent, so queueing never turns into false timeouts (DESIGN.md, "QNetworkAccessManager
/// limits in 6.4": the engine owns the queue). Each request uses a connection of its own
/// (HttpExchange), so a connection accepted with ignored certificate errors can never serve a
/// verifying check.
///
/// Also holds what every HTTP check shares: the TLS configurations (verifying, and not) and the
/// HTTP_PROXY/HTTPS_PROXY/NO_PROXY rules, read once.
class HttpDispatcher final
{
public:
    static constexpr int kDefaultConnectionsPerHost = 256;
    static constexpr int kDefaultConnections = 1024;

    /// A request that waits for, then holds, a connection slot. Implemented by HttpProbe.
    class Client
    {
    public:
        /// `hostKey` names the host the slot is counted against (see hostKey()).
        explicit Client(QString hostKey) : m_hostKey(std::move(hostKey)) {}
        Client(const Client &) = delete;
        Client &operator=(const Client &) = delete;

        const QString &hostKey() const { return m_hostKey; }

    protected:
        virtual ~Client() = default;
        /// Moves the client to another host (a redirect); only while it holds no slot and waits
        /// for none.
        void setHostKey(const QString &hostKey)
        {
            Q_ASSERT(!m_queued && !m_active);
            m_hostKey = hostKey;
        }

    private:
        friend class HttpDispatcher;
        /// A slot is the client's now: send the request. Called from inside submit(), or from
        /// inside another client's release().
        virtual void dispatched() = 0;

        QString m_hostKey;
        bool m_queued = false;
        bool m_active = false;
    };

    explicit HttpDispatcher(int maxConnectionsPerHost = kDefaultConnectionsPerHost,
                            int maxConnections = kDefaultConnections);
    ~HttpDispatcher();
    HttpDispatcher(const HttpDispatcher &) = delete;
    HttpDispatcher &operator=(const HttpDispatcher &) = delete;

    /// The slot key of a URL: lower-case scheme, host and effective port.
    static QString hostKey(const QString &scheme, const QString &host, int port);

    /// Dispatches the client now if a slot is free, otherwise queues it. A client must not be
    /// submitted again before it was released.
    void submit(Client &client);
    /// Frees the client's slot (handing it to the next waiting client) or takes it out of the
    /// queue. No-op for a client that neither holds a slot nor waits.
    void release(Client &client);

    /// TLS settings for checks, snapshotted from the default configuration at construction.
    const QSslConfiguration &sslConfiguration(bool skipVerify) const
    {
        return skipVerify ? m_skipVerify : m_verify;
    }
    /// The proxy for a request URL as Go's ProxyFromEnvironment chooses it; NoProxy mostly.
    QNetworkProxy proxyFor(const QUrl &url) const;

    int maxConnectionsPerHost() const { return m_maxPerHost; }
    int inFlightCount() const { return m_active; }
    int queuedCount() const { return int(m_waiting.size()); }

private:
    void dispatch(Client &client, int &hostCount);

    QHash<QString, int> m_perHost; ///< slots held per host key
    QList<Client *> m_waiting;
    QSslConfiguration m_verify;
    QSslConfiguration m_skipVerify;
    std::optional<EnvProxyFactory> m_proxy;
    int m_maxPerHost;
    int m_maxTotal;
    int m_active = 0;
};

} // namespace HealthDesk
