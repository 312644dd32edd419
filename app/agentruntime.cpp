// SPDX-License-Identifier: MIT
#include "agentruntime.h"

#include "api/apiserver.h"
#include "config/configloader.h"
#include "engine/checkengine.h"
#include "registry/checkregistry.h"
#include "store/statestore.h"
#include "transitionlogger.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace HealthDesk {

Result<std::unique_ptr<AgentRuntime>> AgentRuntime::create(const QString &dataDir, const AgentConfig &config,
                                                           const Clock &clock, EngineOptions engineOptions)
{
    if (!QDir().mkpath(dataDir))
        return Error{500, u"cannot create the data directory %1"_s.arg(dataDir), {}};
    auto store = StateStore::open(QDir(dataDir).filePath(u"healthdesk.db"_s), clock);
    if (!store)
        return store.error();
    store.value()->setCheckUpdateInterval(
        std::chrono::duration_cast<std::chrono::milliseconds>(config.checkUpdateInterval).count());
    engineOptions.agentOutputMaxSize = config.checkOutputMaxSize;
    return std::unique_ptr<AgentRuntime>(new AgentRuntime(std::move(store).value(), config, clock, engineOptions));
}

AgentRuntime::AgentRuntime(std::unique_ptr<StateStore> store, const AgentConfig &config, const Clock &clock,
                           const EngineOptions &engineOptions)
    : m_config(config)
    , m_store(std::move(store))
{
    m_engine = std::make_unique<CheckEngine>(static_cast<ResultSink &>(*this), clock, engineOptions);
    m_registry = std::make_unique<CheckRegistry>(*m_store, *m_engine, config, clock);
    m_logger = std::make_unique<TransitionLogger>(*m_store);
}

AgentRuntime::~AgentRuntime()
{
    shutdown();
}

void AgentRuntime::start(const LoadedConfig &config, std::function<void(const std::optional<Error> &)> done)
{
    m_registry->start(config, this, std::move(done));
}

bool AgentRuntime::startApi(QString *error)
{
    m_api = std::make_unique<ApiServer>(*m_store, *m_registry, *m_engine, m_config);
    if (!m_api->start(error)) {
        m_api.reset();
        return false;
    }
    return true;
}

bool AgentRuntime::shutdown()
{
    m_api.reset();
    if (m_engine)
        m_engine->removeAll();
    return m_store->flush();
}

void AgentRuntime::recordRun(const QString &checkId, const ProbeResult &result, qint64 finishedMs)
{
    m_store->recordRun(checkId, result, finishedMs);
}

void AgentRuntime::publish(const QString &checkId, CheckStatus status, const QString &output)
{
    m_store->publish(checkId, status, output);
}

void AgentRuntime::setTtlExpiry(const QString &checkId, qint64 expiresMs)
{
    m_store->setTtlExpiry(checkId, expiresMs);
}

} // namespace HealthDesk
