// SPDX-License-Identifier: MIT
#pragma once

#include "check/result.h"
#include "config/agentconfig.h"
#include "engine/checkengine.h"
#include "engine/resultsink.h"

#include <QObject>

#include <functional>
#include <memory>

namespace HealthDesk {

class CheckEngine;
class CheckRegistry;
class Clock;
class StateStore;
class TransitionLogger;
struct LoadedConfig;

/// The composition root of a running agent: the store, the engine and the registry, wired.
/// Owned by main() for the headless agent (and later by the GUI).
class ApiServer;

class AgentRuntime final : public QObject, private ResultSink
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AgentRuntime)

public:
    /// Opens the store under `dataDir` (created if missing).
    static Result<std::unique_ptr<AgentRuntime>> create(const QString &dataDir, const AgentConfig &config,
                                                        const Clock &clock, EngineOptions engineOptions = {});
    ~AgentRuntime() override;

    /// Registers config checks and restores persisted ones; `done` gets the first error, if any.
    void start(const LoadedConfig &config, std::function<void(const std::optional<Error> &)> done);
    /// Starts the HTTP API on the config's address; false with a sentence in `error` (port in use…).
    bool startApi(QString *error);
    ApiServer *api() { return m_api.get(); }

    /// Stops the checks and commits every pending write.
    bool shutdown();

    StateStore &store() { return *m_store; }
    CheckEngine &engine() { return *m_engine; }
    CheckRegistry &registry() { return *m_registry; }
    const AgentConfig &config() const { return m_config; }

private:
    AgentRuntime(std::unique_ptr<StateStore> store, const AgentConfig &config, const Clock &clock,
                 const EngineOptions &engineOptions);
    void recordRun(const QString &checkId, const ProbeResult &result, qint64 finishedMs) override;
    void publish(const QString &checkId, CheckStatus status, const QString &output) override;
    void setTtlExpiry(const QString &checkId, qint64 expiresMs) override;

    AgentConfig m_config;
    std::unique_ptr<StateStore> m_store;
    std::unique_ptr<CheckEngine> m_engine;
    std::unique_ptr<CheckRegistry> m_registry;
    std::unique_ptr<TransitionLogger> m_logger;
    std::unique_ptr<ApiServer> m_api;
};

} // namespace HealthDesk
