// SPDX-License-Identifier: MIT
#pragma once

#include "apicontroller.h"

namespace HealthDesk {

/// `/v1/agent/service/*`, `/v1/agent/services`, `/v1/agent/maintenance` and
/// `/v1/agent/health/service/*`.
class AgentServiceController final : public ApiController
{
public:
    explicit AgentServiceController(ApiServices &services);
    void registerRoutes(ApiRouter &router) override;

private:
    /// PUT /v1/agent/service/register — embedded Check/Checks get `service:<id>[:n]` IDs.
    void registerService(const ApiCall &call);
    /// PUT /v1/agent/service/deregister/:id — removes the service and its checks.
    void deregisterService(const ApiCall &call, const QString &id);
    /// GET /v1/agent/services[?filter=] — object keyed by service ID.
    void listServices(const ApiCall &call);
    /// GET /v1/agent/service/:id — one AgentService, 404 when unknown.
    void getService(const ApiCall &call, const QString &id);
    /// PUT /v1/agent/service/maintenance/:id?enable=&reason=
    void serviceMaintenance(const ApiCall &call, const QString &id);
    /// PUT /v1/agent/maintenance?enable=&reason=
    void nodeMaintenance(const ApiCall &call);
    /// GET /v1/agent/health/service/id/:id and /name/:name[?format=text] — 200/429/503.
    void serviceHealthById(const ApiCall &call, const QString &id);
    void serviceHealthByName(const ApiCall &call, const QString &name);

    /// Parses `enable`; answers 400 itself and returns nullopt when it is missing or invalid.
    static std::optional<bool> parseEnable(const ApiCall &call);
};

} // namespace HealthDesk
