// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkdefinition.h"
#include "check/result.h"
#include "check/servicedefinition.h"
#include "config/agentconfig.h"

#include <QObject>

#include <functional>
#include <optional>

namespace HealthDesk {

class CheckEngine;
class Clock;
class StateStore;
struct CheckState;
struct LoadedConfig;

/// The one way in for every registration — config files, dialogs and the HTTP API alike:
/// validate once, persist durably, then schedule. A check is either fully registered (persisted,
/// running, visible) or not at all.
class CheckRegistry final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckRegistry)

public:
    using Completion = std::function<void(const std::optional<Error> &error)>;

    CheckRegistry(StateStore &store, CheckEngine &engine, const AgentConfig &config, const Clock &clock,
                  QObject *parent = nullptr);

    /// Start-up (CONSUL.md §5.5, §10.10): config-dir definitions first, then what the store kept
    /// from the API and dialogs. Persisted checks that clash with a config ID, or that config
    /// removed, are purged; restored checks start critical unless they are TTL checks whose
    /// persisted state has not expired; script checks are re-validated against the switches.
    void start(const LoadedConfig &config, QObject *context, Completion done);

    void registerCheck(CheckDefinition definition, QObject *context, Completion done);
    void deregisterCheck(const QString &id, QObject *context, Completion done);
    void registerService(ServiceDefinition service, QObject *context, Completion done);
    void deregisterService(const QString &id, QObject *context, Completion done);

    /// Consul's maintenance mode: a critical check of type "maintenance" (`_node_maintenance`,
    /// `_service_maintenance:<id>`) that holds until disabled. Enabling twice keeps the first.
    void setNodeMaintenance(bool enable, const QString &reason, const QString &token, QObject *context,
                            Completion done);
    void setServiceMaintenance(const QString &serviceId, bool enable, const QString &reason, const QString &token,
                               QObject *context, Completion done);
    static QString serviceMaintenanceId(const QString &serviceId);
    static constexpr auto kNodeMaintenanceId = u"_node_maintenance";

    /// TTL update; `note`/Output is head-truncated to the output limit.
    std::optional<Error> updateTtl(const QString &id, CheckStatus status, const QString &output);

    const AgentConfig &config() const { return m_config; }
    /// Validates without registering (dialogs show the message next to the field).
    std::optional<Error> validate(CheckDefinition &definition) const;

private:
    CheckState initialState(const CheckDefinition &definition) const;
    void startRunning(const CheckState &state, bool restored);
    void setMaintenance(CheckDefinition check, bool enable, Completion done);

    StateStore &m_store;
    CheckEngine &m_engine;
    AgentConfig m_config;
    const Clock &m_clock;
};

} // namespace HealthDesk
