// SPDX-License-Identifier: MIT
#include "apiserver.h"

#include "agentcheckcontroller.h"
#include "agentselfcontroller.h"
#include "agentservicecontroller.h"
#include "config/agentconfig.h"
#include "healthcontroller.h"
#include "healthdeskcontroller.h"
#include "http/httpserver.h"

using namespace Qt::StringLiterals;

namespace HealthDesk {

ApiServer::ApiServer(StateStore &store, CheckRegistry &registry, CheckEngine &engine, const AgentConfig &config,
                     QObject *parent)
    : QObject(parent)
    , m_config(config)
    , m_blocking(store)
    , m_services{store, registry, engine, m_blocking, config}
{
    ApiSecurity security;
    security.bindAddress = config.httpAddress;
    security.allowedOrigins = config.allowedOrigins;
    security.aclEnabled = config.aclEnabled;
    security.defaultDeny = config.aclDefaultPolicy == u"deny";
    security.agentToken = config.aclAgentToken;
    security.defaultToken = config.aclDefaultToken;
    m_router.setSecurity(security);

    m_controllers.push_back(std::make_unique<AgentCheckController>(m_services));
    m_controllers.push_back(std::make_unique<AgentServiceController>(m_services));
    m_controllers.push_back(std::make_unique<HealthController>(m_services));
    m_controllers.push_back(std::make_unique<AgentSelfController>(m_services));
    m_controllers.push_back(std::make_unique<HealthDeskController>(m_services));
    for (const auto &controller : m_controllers)
        controller->registerRoutes(m_router);

    m_http = std::make_unique<Http::HttpServer>(this);
}

ApiServer::~ApiServer()
{
    m_http.reset(); // held replies learn their client is gone while the controllers still exist
}

bool ApiServer::start(QString *error)
{
    const QHostAddress address(m_config.httpAddress);
    if (address.isNull()) {
        *error = u"invalid HTTP address \"%1\""_s.arg(m_config.httpAddress);
        return false;
    }
    return m_http->start(address, quint16(m_config.httpPort), error);
}

quint16 ApiServer::port() const
{
    return m_http->serverPort();
}

void ApiServer::handleRequest(const Http::Request &request, Http::PendingReply reply)
{
    m_router.dispatch(ApiCall(request, std::move(reply)));
}

} // namespace HealthDesk
