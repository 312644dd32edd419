// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace HealthDesk {

/// The agent-level settings HealthDesk honours from Consul's agent config format.
/// Defaults are Consul's unless CONSUL.md §10 says otherwise.
struct AgentConfig
{
    QString nodeName;               ///< empty = the host name
    QString datacenter = QStringLiteral("dc1");
    bool enableScriptChecks = false; ///< from the API and config files
    std::optional<bool> enableLocalScriptChecks; ///< unset = inherits enableScriptChecks
    int checkOutputMaxSize = 4096;
    std::chrono::nanoseconds checkUpdateInterval = std::chrono::minutes(5);
    QString httpAddress = QStringLiteral("127.0.0.1");
    int httpPort = 8500;

    // ACL, simplified (CONSUL.md §10.7)
    bool aclEnabled = false;
    QString aclDefaultPolicy = QStringLiteral("allow");
    QString aclAgentToken;  ///< required for writes when set
    QString aclDefaultToken;

    QStringList allowedOrigins; ///< browser Origins allowed to make state-changing requests

    /// Effective switches (CONSUL.md §7): an explicit local setting wins, else it inherits.
    bool localScriptChecksAllowed() const { return enableLocalScriptChecks.value_or(enableScriptChecks); }
    bool remoteScriptChecksAllowed() const { return enableScriptChecks; }
};

} // namespace HealthDesk
