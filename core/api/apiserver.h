// SPDX-License-Identifier: MIT
#pragma once

#include "apicontroller.h"
#include "apirouter.h"
#include "blockingqueries.h"
#include "http/requesthandler.h"

#include <QObject>

#include <memory>
#include <vector>

namespace HealthDesk {

namespace Http {
class HttpServer;
}

/// The Consul-compatible HTTP API: the transport, the route table, the controllers and the
/// blocking-query waiters, wired to the agent's store, registry and engine.
class ApiServer final : public QObject, public Http::RequestHandler
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiServer)

public:
    ApiServer(StateStore &store, CheckRegistry &registry, CheckEngine &engine, const AgentConfig &config,
              QObject *parent = nullptr);
    ~ApiServer() override;

    /// Listens on the config's addresses.http:ports.http (port 0 picks a free one). On failure
    /// `error` names the address and the cause (e.g. the port is in use).
    bool start(QString *error);
    quint16 port() const;
    int heldQueries() const { return m_blocking.heldCount(); }

    void handleRequest(const Http::Request &request, Http::PendingReply reply) override;

private:
    const AgentConfig &m_config;
    BlockingQueries m_blocking;
    ApiServices m_services;
    ApiRouter m_router;
    std::vector<std::unique_ptr<ApiController>> m_controllers;
    std::unique_ptr<Http::HttpServer> m_http;
};

} // namespace HealthDesk
