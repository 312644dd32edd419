// SPDX-License-Identifier: MIT
#pragma once

#include "apicontroller.h"

namespace HealthDesk {

/// `/v1/agent/self`, `/v1/agent/members`, `/v1/status/leader`, `/v1/status/peers`: what
/// clients ask to learn whom they talk to. HealthDesk is its own single-node "cluster".
class AgentSelfController final : public ApiController
{
public:
    explicit AgentSelfController(ApiServices &services);
    void registerRoutes(ApiRouter &router) override;

private:
    void self(const ApiCall &call);
    void members(const ApiCall &call);
    void writeMember(JsonWriter &w) const;
    QString serverAddress() const;
};

} // namespace HealthDesk
