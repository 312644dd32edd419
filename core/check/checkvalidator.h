// SPDX-License-Identifier: MIT
#pragma once

#include "checkdefinition.h"
#include "result.h"
#include "servicedefinition.h"

#include "config/agentconfig.h"

#include <QString>

#include <functional>
#include <optional>

namespace HealthDesk {

/// What the validator needs to know about the agent's current state.
struct ValidationContext
{
    /// Whether a service with this ID is registered. Unset: ServiceID references are not checked
    /// (every entry point that registers checks sets it).
    std::function<bool(const QString &serviceId)> serviceExists;
};

/// The one validator behind every way in (config files, the HTTP API, dialogs), with Consul's
/// checks, order, status codes and texts (CONSUL.md §3, §7):
///  1. Name empty → 400 `Missing check name`
///  2. Status text not passing/warning/critical → 400 `Bad check status`
///  3. CheckType.Validate rules in Consul's order → 400 `Invalid check: <reason>`
///  4. ServiceID not registered → 404 `ServiceID "<id>" does not exist`
///  5. ScriptArgs while script checks are off for the definition's source → 500 with Consul's
///     local (Config, Local) or remote (Remote) message
///  6. a kind HealthDesk does not run (gRPC, Docker, OSService, H2PING, alias, chosen in
///     Consul's dispatch order) → 400 `Invalid check: HealthDesk does not run <kind> checks`
/// Error::field names the offending field (`Name`, `Status`, `Interval`, `TTL`, `ScriptArgs`, …).
///
/// Applies Consul's defaulting in place: ID := Name when empty; on success
/// FailuresBeforeWarning := FailuresBeforeCritical when 0. An Interval below 1 s is accepted (the
/// engine runs it every second) and a zero Timeout is left for the engine's per-kind default.
std::optional<Error> validateCheck(
    CheckDefinition &definition, const AgentConfig &agent, const ValidationContext &context);

/// The same for a service and its embedded checks (`PUT /v1/agent/service/register`, `service`
/// in config files), in Consul's order: 400 `Missing service name`, 400 `Invalid service address`
/// (0.0.0.0 / ::), then every check's `Invalid check: …`, then every check's status
/// (400 `Status for checks must 'passing', 'warning', 'critical'`), then per check the script
/// switch and the kinds HealthDesk does not run. applyServiceDefaults() runs first. For a check's
/// error, Error::field is `Checks[<i>].<Field>` and *failedCheck (when given) its index in
/// service.checks; otherwise *failedCheck is -1.
std::optional<Error> validateService(ServiceDefinition &service, const AgentConfig &agent,
    const ValidationContext &context, qsizetype *failedCheck = nullptr);

/// Consul's service defaulting: ID := Name; embedded checks without an ID get `service:<id>`
/// (one check) or `service:<id>:<n>` (n = position from 1, when there are several), without a
/// name `Service '<name>' check`; all get the service's ID, name and tags. Idempotent.
void applyServiceDefaults(ServiceDefinition &service);

} // namespace HealthDesk
