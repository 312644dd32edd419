// SPDX-License-Identifier: MIT
#pragma once

#include "check/result.h"
#include "config/configloader.h"

#include <QObject>
#include <QThread>

#include <functional>
#include <memory>

namespace HealthDesk {

class AgentRuntime;
class ChecksTableModel;
class Clock;
class CoreClient;
class StoreFeed;

/// The desktop's composition of the core: a "core" QThread running the AgentRuntime (store,
/// engine, registry, API) and a StoreFeed; on the GUI thread the CoreClient facade and the
/// checks table model, fed with coalesced batches. Widgets are built on top by the caller.
class GuiCore final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GuiCore)

public:
    explicit GuiCore(const Clock &clock, QObject *parent = nullptr);
    /// Stops the checks, flushes the store and joins the core thread.
    ~GuiCore() override;

    /// Opens the store under `dataDir` and registers `config` on the core thread; `done` runs
    /// on the GUI thread with the first error. `startApi`: also serve the HTTP API (its failure
    /// is reported through apiError, not fatal for the desktop).
    void start(const QString &dataDir, const LoadedConfig &config, bool startApi,
               std::function<void(const std::optional<Error> &)> done);

    CoreClient *client() const { return m_client; }
    ChecksTableModel *model() const { return m_model; }
    QString apiError() const { return m_apiError; }
    /// Stops everything on the core thread (idempotent); true when every write was committed.
    bool shutdown();

private:
    const Clock &m_clock;
    QThread m_thread;
    QObject *m_anchor = nullptr; ///< lives on m_thread; parent of the core-side objects
    std::unique_ptr<AgentRuntime> m_runtime; ///< created, used and destroyed on m_thread
    StoreFeed *m_feed = nullptr;
    CoreClient *m_client = nullptr;
    ChecksTableModel *m_model = nullptr;
    QString m_apiError;
    bool m_stopped = false;
};

} // namespace HealthDesk
