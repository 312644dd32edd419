// SPDX-License-Identifier: MIT
#include "coreclient.h"

#include "check/checkvalidator.h"
#include "config/configloader.h"
#include "engine/checkengine.h"
#include "engine/clock.h"
#include "engine/oncerunner.h"
#include "registry/checkregistry.h"
#include "store/statestore.h"

#include <QMetaObject>

#include <memory>

using namespace Qt::StringLiterals;

namespace HealthDesk {

CoreClient::CoreClient(QObject *parent)
    : QObject(parent)
{
}

void CoreClient::attach(const CoreServices &services)
{
    m_services = services;
    // Services change rarely; follow the store's Services index on the core thread.
    const QPointer<QObject> self(this);
    onCore([this, self] {
        connect(m_services.store, &StateStore::indexChanged, m_services.context, [this, self](quint64, StoreTable table) {
            if (quint8(table) & quint8(StoreTable::Services))
                back(self, [this] { refreshServices(); });
        });
    });
    refreshServices();
}

void CoreClient::onCore(std::function<void()> work) const
{
    if (!m_services.context)
        return;
    QMetaObject::invokeMethod(m_services.context, std::move(work), Qt::QueuedConnection);
}

void CoreClient::back(const QPointer<QObject> &context, std::function<void()> callback) const
{
    // Posted to this object (it outlives the core), checked again on the GUI thread.
    QMetaObject::invokeMethod(
        const_cast<CoreClient *>(this),
        [context, callback = std::move(callback)] {
            if (context)
                callback();
        },
        Qt::QueuedConnection);
}

CoreClient::Done CoreClient::backDone(QObject *context, Done done) const
{
    const QPointer<QObject> guard(context);
    return [this, guard, done = std::move(done)](const std::optional<Error> &error) {
        back(guard, [done, error] { done(error); });
    };
}

void CoreClient::refreshServices()
{
    const QPointer<QObject> self(this);
    onCore([this, self] {
        QList<ServiceState> list = m_services.store->services().values();
        std::sort(list.begin(), list.end(),
                  [](const ServiceState &a, const ServiceState &b) { return a.definition.id < b.definition.id; });
        back(self, [this, list] {
            m_serviceList = list;
            emit servicesChanged();
        });
    });
}

std::optional<Error> CoreClient::validate(CheckDefinition &definition) const
{
    ValidationContext context;
    const QList<ServiceState> services = m_serviceList;
    context.serviceExists = [services](const QString &id) {
        return std::any_of(services.cbegin(), services.cend(),
                           [&id](const ServiceState &s) { return s.definition.id == id; });
    };
    return validateCheck(definition, m_services.config, context);
}

void CoreClient::registerCheck(const CheckDefinition &definition, QObject *context, Done done)
{
    Done reply = backDone(context, std::move(done));
    onCore([this, definition, reply] { m_services.registry->registerCheck(definition, nullptr, reply); });
}

void CoreClient::deregisterChecks(const QStringList &ids, QObject *context, Done done)
{
    Done reply = backDone(context, std::move(done));
    onCore([this, ids, reply] {
        struct Pending
        {
            int left = 0;
            std::optional<Error> first;
        };
        auto pending = std::make_shared<Pending>();
        pending->left = int(ids.size());
        if (ids.isEmpty())
            return reply(std::nullopt);
        for (const QString &id : ids) {
            const auto finish = [pending, reply](const std::optional<Error> &error) {
                if (error && !pending->first)
                    pending->first = error;
                if (--pending->left == 0)
                    reply(pending->first);
            };
            // Maintenance checks are switched off through the registry so the engine agrees.
            if (id == QString::fromUtf16(CheckRegistry::kNodeMaintenanceId))
                m_services.registry->setNodeMaintenance(false, {}, {}, nullptr, finish);
            else if (id.startsWith(u"_service_maintenance:"))
                m_services.registry->setServiceMaintenance(id.section(u':', 1), false, {}, {}, nullptr, finish);
            else
                m_services.registry->deregisterCheck(id, nullptr, finish);
        }
    });
}

void CoreClient::runNow(const QStringList &ids)
{
    onCore([this, ids] {
        for (const QString &id : ids)
            m_services.engine->runNow(id);
    });
}

void CoreClient::updateTtl(const QStringList &ids, CheckStatus status, const QString &output, QObject *context,
                           Done done)
{
    Done reply = backDone(context, std::move(done));
    onCore([this, ids, status, output, reply] {
        std::optional<Error> first;
        for (const QString &id : ids) {
            if (auto error = m_services.registry->updateTtl(id, status, output); error && !first)
                first = error;
        }
        reply(first);
    });
}

void CoreClient::setNodeMaintenance(bool enable, const QString &reason, QObject *context, Done done)
{
    Done reply = backDone(context, std::move(done));
    onCore([this, enable, reason, reply] {
        m_services.registry->setNodeMaintenance(enable, reason, {}, nullptr, reply);
    });
}

void CoreClient::setServiceMaintenance(const QString &serviceId, bool enable, const QString &reason,
                                       QObject *context, Done done)
{
    Done reply = backDone(context, std::move(done));
    onCore([this, serviceId, enable, reason, reply] {
        m_services.registry->setServiceMaintenance(serviceId, enable, reason, {}, nullptr, reply);
    });
}

void CoreClient::queryHistory(const QString &id, qint64 fromMs, qint64 toMs, QObject *context,
                              std::function<void(const Result<QList<HistoryEntry>> &)> done)
{
    const QPointer<QObject> guard(context);
    onCore([this, id, fromMs, toMs, guard, done] {
        m_services.store->queryHistory(id, fromMs, toMs, nullptr,
                                       [this, guard, done](Result<QList<HistoryEntry>> result) {
                                           back(guard, [done, result] { done(result); });
                                       });
    });
}

void CoreClient::nextRun(const QString &id, QObject *context, std::function<void(qint64)> done)
{
    const QPointer<QObject> guard(context);
    onCore([this, id, guard, done] {
        qint64 wallMs = 0;
        if (const auto due = m_services.engine->nextDueNs(id)) {
            const Clock &clock = *m_services.clock;
            wallMs = clock.wallMs() + (*due - clock.monotonicNs()) / 1'000'000;
        }
        back(guard, [done, wallMs] { done(wallMs); });
    });
}

void CoreClient::testCheck(const CheckDefinition &definition, QObject *context,
                           std::function<void(const CheckState &)> done)
{
    const QPointer<QObject> guard(context);
    onCore([this, definition, guard, done] {
        auto *runner = new OnceRunner(m_services.config.checkOutputMaxSize, *m_services.clock, m_services.context);
        connect(runner, &OnceRunner::finished, runner, [this, runner, guard, done, id = definition.id] {
            const QList<CheckState> results = runner->results();
            CheckState state = results.isEmpty() ? CheckState{} : results.constFirst();
            runner->deleteLater();
            back(guard, [done, state] { done(state); });
        });
        runner->run({definition});
    });
}

void CoreClient::importConfigFile(const QString &path, QObject *context,
                                  std::function<void(const Result<int> &)> done)
{
    const QPointer<QObject> guard(context);
    onCore([this, path, guard, done] {
        const auto fail = [this, guard, done](const Error &error) {
            back(guard, [done, error] { done(Result<int>(error)); });
        };
        ValidationContext outside;
        outside.serviceExists = [this](const QString &id) { return m_services.store->service(id) != nullptr; };
        auto loaded = loadConfigFile(path, outside);
        if (!loaded)
            return fail(loaded.error());
        // Imported definitions belong to the desktop from now on, like ones added in a dialog.
        QList<ServiceDefinition> services = loaded->services;
        QList<CheckDefinition> checks = loaded->checks;
        int count = int(checks.size());
        for (ServiceDefinition &service : services) {
            service.source = CheckSource::Local;
            for (CheckDefinition &check : service.checks)
                check.source = CheckSource::Local;
            count += int(service.checks.size());
        }
        for (CheckDefinition &check : checks)
            check.source = CheckSource::Local;

        // One after the other, services first, so that checks referring to them validate.
        struct Import
        {
            QList<ServiceDefinition> services;
            QList<CheckDefinition> checks;
            std::function<void(const std::optional<Error> &)> next;
        };
        auto import = std::make_shared<Import>(Import{services, checks, {}});
        import->next = [this, import, guard, done, count](const std::optional<Error> &error) {
            if (error || (import->services.isEmpty() && import->checks.isEmpty())) {
                const Result<int> result = error ? Result<int>(*error) : Result<int>(count);
                auto keep = import; // the chain ends here: break the cycle after the call
                back(guard, [done, result] { done(result); });
                keep->next = nullptr;
                return;
            }
            if (!import->services.isEmpty())
                m_services.registry->registerService(import->services.takeFirst(), nullptr, import->next);
            else
                m_services.registry->registerCheck(import->checks.takeFirst(), nullptr, import->next);
        };
        if (services.isEmpty() && checks.isEmpty())
            return back(guard, [done] { done(Result<int>(0)); });
        auto first = import->next; // a copy: the chain may clear import->next while it runs
        first(std::nullopt);
    });
}

} // namespace HealthDesk
