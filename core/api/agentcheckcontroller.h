// SPDX-License-Identifier: MIT
#pragma once

#include "apicontroller.h"

namespace HealthDesk {

/// `/v1/agent/check/*` and `GET /v1/agent/checks` (CONSUL.md §3, §4.1).
class AgentCheckController final : public ApiController
{
public:
    explicit AgentCheckController(ApiServices &services);
    void registerRoutes(ApiRouter &router) override;

private:
    /// PUT /v1/agent/check/register — body: a CheckDefinition; 200 with an empty body.
    void registerCheck(const ApiCall &call);
    /// PUT /v1/agent/check/deregister/:id — 404 for unknown IDs.
    void deregisterCheck(const ApiCall &call, const QString &id);
    /// PUT /v1/agent/check/pass|warn|fail/:id?note= — TTL checks only (500 otherwise).
    void updateTtl(const ApiCall &call, const QString &id, CheckStatus status);
    /// PUT /v1/agent/check/update/:id — body {"Status", "Output"}, decoded strictly.
    void updateCheck(const ApiCall &call, const QString &id);
    /// GET /v1/agent/checks[?filter=] — object keyed by CheckID, latest outputs.
    void listChecks(const ApiCall &call);
};

} // namespace HealthDesk
