// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkdefinition.h"
#include "check/result.h"
#include "config/agentconfig.h"
#include "store/checkstate.h"

#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace HealthDesk {

class CheckEngine;
class CheckRegistry;
class Clock;
class StateStore;

/// The core services a GUI talks to. They live on the core thread; `context` is a QObject that
/// lives there too (work is queued to it).
struct CoreServices
{
    StateStore *store = nullptr;
    CheckEngine *engine = nullptr;
    CheckRegistry *registry = nullptr;
    const Clock *clock = nullptr;
    QObject *context = nullptr;
    AgentConfig config;
    QString dataDirectory;
};

/// The GUI's one way into the core thread. Every command is queued to the core thread with
/// QMetaObject::invokeMethod; its answer comes back queued to this object (GUI thread) and is
/// delivered only while the caller's `context` still lives. Widgets never touch the store, the
/// engine or the registry themselves.
class CoreClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CoreClient)

public:
    using Done = std::function<void(const std::optional<Error> &error)>;

    explicit CoreClient(QObject *parent = nullptr);

    /// Connects to a running core (call on the GUI thread once the core is built).
    void attach(const CoreServices &services);
    bool isAttached() const { return m_services.context != nullptr; }

    const AgentConfig &agentConfig() const { return m_services.config; }
    QString dataDirectory() const { return m_services.dataDirectory; }
    /// Services known to the store (kept current through servicesChanged()).
    const QList<ServiceState> &services() const { return m_serviceList; }

    /// The core validator against the agent's settings and the known services; runs on the
    /// calling thread (it is a pure function) so dialogs can validate on every keystroke.
    std::optional<Error> validate(CheckDefinition &definition) const;

    void registerCheck(const CheckDefinition &definition, QObject *context, Done done);
    /// Deregisters one after the other; `done` gets the first error (the rest still run).
    void deregisterChecks(const QStringList &ids, QObject *context, Done done);
    void runNow(const QStringList &ids);
    void updateTtl(const QStringList &ids, CheckStatus status, const QString &output, QObject *context, Done done);
    void setNodeMaintenance(bool enable, const QString &reason, QObject *context, Done done);
    void setServiceMaintenance(const QString &serviceId, bool enable, const QString &reason, QObject *context,
                               Done done);

    /// History of one check in [fromMs, toMs) from the store's writer thread.
    void queryHistory(const QString &id, qint64 fromMs, qint64 toMs, QObject *context,
                      std::function<void(const Result<QList<HistoryEntry>> &)> done);
    /// Wall ms of the next scheduled run (or TTL expiry); 0 when none.
    void nextRun(const QString &id, QObject *context, std::function<void(qint64 wallMs)> done);
    /// Runs the (validated) definition once without registering it ("Test now").
    void testCheck(const CheckDefinition &definition, QObject *context, std::function<void(const CheckState &)> done);
    /// Reads a Consul config file on the core thread and registers its checks and services as
    /// local definitions; `done` gets how many checks were registered, or the first error.
    void importConfigFile(const QString &path, QObject *context, std::function<void(const Result<int> &)> done);

signals:
    void servicesChanged();

private:
    /// Runs `work` on the core thread.
    void onCore(std::function<void()> work) const;
    /// From the core thread: runs `callback` on the GUI thread while `context` lives. The
    /// QPointer is taken on the GUI thread, at the call.
    void back(const QPointer<QObject> &context, std::function<void()> callback) const;
    Done backDone(QObject *context, Done done) const;
    void refreshServices();

    CoreServices m_services;
    QList<ServiceState> m_serviceList;
};

} // namespace HealthDesk
