// SPDX-License-Identifier: MIT
#include "checkregistry.h"

#include "check/checkvalidator.h"
#include "config/configloader.h"
#include "engine/checkengine.h"
#include "engine/clock.h"
#include "store/statestore.h"

#include <QLoggingCategory>
#include <QPointer>
#include <QSet>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcRegistry, "healthdesk.registry")

namespace HealthDesk {

namespace {
Error unknownCheck(const QString &id)
{
    return {404, u"Unknown check ID \"%1\". Ensure that the check ID is passed, not the check name."_s.arg(id), {}};
}

Error unknownService(const QString &id)
{
    return {404, u"Unknown service ID \"%1\". Ensure that the service ID is passed, not the service name."_s.arg(id),
            {}};
}

// Runs `done` only while the caller's context object still lives.
CheckRegistry::Completion guarded(QObject *context, CheckRegistry::Completion done)
{
    return [context = QPointer<QObject>(context), hasContext = context != nullptr,
            done = std::move(done)](const std::optional<Error> &error) {
        if (done && (!hasContext || context))
            done(error);
    };
}
} // namespace

CheckRegistry::CheckRegistry(StateStore &store, CheckEngine &engine, const AgentConfig &config, const Clock &clock,
                             QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_engine(engine)
    , m_config(config)
    , m_clock(clock)
{
}

std::optional<Error> CheckRegistry::validate(CheckDefinition &definition) const
{
    ValidationContext context;
    context.serviceExists = [this](const QString &id) { return m_store.service(id) != nullptr; };
    return validateCheck(definition, m_config, context);
}

CheckState CheckRegistry::initialState(const CheckDefinition &definition) const
{
    CheckState state;
    state.definition = definition;
    state.status = definition.initialStatus.value_or(CheckStatus::Critical);
    state.lastChangeMs = m_clock.wallMs();
    if (const ServiceState *service = definition.serviceId.isEmpty() ? nullptr : m_store.service(definition.serviceId)) {
        state.definition.serviceName = service->definition.name;
        state.definition.serviceTags = service->definition.tags;
    }
    return state;
}

void CheckRegistry::startRunning(const CheckState &state, bool restored)
{
    const CheckKind kind = state.definition.kind();
    if (kind == CheckKind::Maintenance)
        return; // maintenance checks hold their state until removed
    CheckEngine::StartOptions options;
    if (kind == CheckKind::Ttl && restored && state.ttlExpiresMs > m_clock.wallMs()) {
        options.ttlExpiresMs = state.ttlExpiresMs;
        options.ttlOutputKnown = !state.output.isEmpty();
        options.ttlLastOutput = state.output;
    }
    m_engine.addCheck(state.definition, options);
}

void CheckRegistry::start(const LoadedConfig &config, QObject *context, Completion done)
{
    done = guarded(context, std::move(done));
    const qint64 nowMs = m_clock.wallMs();

    QList<CheckState> toPut;
    QSet<QString> configIds;
    auto addConfigCheck = [&](const CheckDefinition &definition) {
        configIds.insert(definition.id);
        toPut.append(initialState(definition));
    };
    for (const CheckDefinition &definition : config.checks)
        addConfigCheck(definition);
    for (const ServiceDefinition &service : config.services) {
        for (const CheckDefinition &definition : service.checks)
            addConfigCheck(definition);
    }

    QStringList toRemove;
    QList<CheckState> restored;
    for (const CheckState &persisted : m_store.checks()) {
        if (configIds.contains(persisted.id()))
            continue; // config wins; its put below replaces the row
        if (persisted.definition.source == CheckSource::Config) {
            toRemove.append(persisted.id()); // no longer in the config directory
            continue;
        }
        CheckDefinition definition = persisted.definition;
        if (definition.kind() != CheckKind::Maintenance) {
            if (const auto error = validate(definition)) {
                qCWarning(lcRegistry).noquote()
                    << u"dropping persisted check \"%1\": %2"_s.arg(persisted.id(), error->message);
                toRemove.append(persisted.id());
                continue;
            }
        }
        CheckState state = persisted;
        const bool ttlAlive = definition.kind() == CheckKind::Ttl && persisted.ttlExpiresMs > nowMs;
        if (!ttlAlive && definition.kind() != CheckKind::Maintenance && state.status != CheckStatus::Critical) {
            state.status = CheckStatus::Critical;
            state.output.clear();
            state.catalogOutput.clear();
            state.lastChangeMs = nowMs;
            toPut.append(state);
        }
        restored.append(state);
    }

    // Config services replace their persisted rows as well.
    QList<ServiceDefinition> services = config.services;
    auto finishStart = [this, toPut, restored, done]() {
        for (const CheckState &state : toPut) {
            if (state.definition.source == CheckSource::Config)
                startRunning(state, false);
        }
        for (const CheckState &state : restored)
            startRunning(state, true);
        done(std::nullopt);
    };

    auto putChecks = [this, toPut, finishStart, done]() {
        m_store.putChecks(toPut, this, [finishStart, done](const std::optional<Error> &error) {
            if (error)
                return done(error);
            finishStart();
        });
    };

    auto putServices = std::make_shared<std::function<void(int)>>();
    *putServices = [this, services, putChecks, putServices, done](int i) {
        if (i >= services.size())
            return putChecks();
        ServiceDefinition service = services.at(i);
        service.checks.clear();
        m_store.putService(service, {}, {}, this, [putServices, i, done](const std::optional<Error> &error) {
            if (error)
                return done(error);
            (*putServices)(i + 1);
        });
    };

    if (toRemove.isEmpty()) {
        (*putServices)(0);
        return;
    }
    m_store.removeChecks(toRemove, this, [putServices, done](const std::optional<Error> &error) {
        if (error)
            return done(error);
        (*putServices)(0);
    });
}

void CheckRegistry::registerCheck(CheckDefinition definition, QObject *context, Completion done)
{
    done = guarded(context, std::move(done));
    if (auto error = validate(definition))
        return done(error);

    CheckState state = initialState(definition);
    if (const CheckState *existing = m_store.check(definition.id)) {
        // Re-registering keeps the live status and output to avoid flapping (Consul's addCheckLocked).
        state.status = existing->status;
        state.output = existing->output;
        state.catalogOutput = existing->catalogOutput;
        state.lastChangeMs = existing->lastChangeMs;
    }
    m_store.putChecks({state}, this, [this, state, done](const std::optional<Error> &error) {
        if (!error)
            startRunning(state, false);
        done(error);
    });
}

void CheckRegistry::deregisterCheck(const QString &id, QObject *context, Completion done)
{
    done = guarded(context, std::move(done));
    if (!m_store.check(id))
        return done(unknownCheck(id));
    m_store.removeChecks({id}, this, [this, id, done](const std::optional<Error> &error) {
        if (!error)
            m_engine.removeCheck(id);
        done(error);
    });
}

void CheckRegistry::registerService(ServiceDefinition service, QObject *context, Completion done)
{
    done = guarded(context, std::move(done));
    ValidationContext validation;
    validation.serviceExists = [this, &service](const QString &id) {
        return id == service.id || m_store.service(id) != nullptr;
    };
    if (auto error = validateService(service, m_config, validation))
        return done(error);

    QList<CheckState> states;
    QSet<QString> newIds;
    for (const CheckDefinition &check : std::as_const(service.checks)) {
        CheckState state = initialState(check);
        state.definition.serviceName = service.name;
        state.definition.serviceTags = service.tags;
        if (const CheckState *existing = m_store.check(check.id)) {
            state.status = existing->status;
            state.output = existing->output;
            state.catalogOutput = existing->catalogOutput;
            state.lastChangeMs = existing->lastChangeMs;
        }
        newIds.insert(check.id);
        states.append(state);
    }
    QStringList removed;
    for (const CheckState &existing : m_store.checks()) {
        if (existing.definition.serviceId == service.id && !newIds.contains(existing.id())
            && existing.definition.kind() != CheckKind::Maintenance)
            removed.append(existing.id());
    }
    ServiceDefinition stored = service;
    stored.checks.clear();
    m_store.putService(stored, states, removed, this,
                       [this, states, removed, done](const std::optional<Error> &error) {
                           if (!error) {
                               for (const QString &id : removed)
                                   m_engine.removeCheck(id);
                               for (const CheckState &state : states)
                                   startRunning(state, false);
                           }
                           done(error);
                       });
}

void CheckRegistry::deregisterService(const QString &id, QObject *context, Completion done)
{
    done = guarded(context, std::move(done));
    if (!m_store.service(id))
        return done(unknownService(id));
    QStringList checkIds;
    for (const CheckState &state : m_store.checks()) {
        if (state.definition.serviceId == id)
            checkIds.append(state.id());
    }
    m_store.removeService(id, this, [this, checkIds, done](const std::optional<Error> &error) {
        if (!error) {
            for (const QString &checkId : checkIds)
                m_engine.removeCheck(checkId);
        }
        done(error);
    });
}

std::optional<Error> CheckRegistry::updateTtl(const QString &id, CheckStatus status, const QString &output)
{
    if (!m_store.check(id))
        return unknownCheck(id);
    return m_engine.updateTtl(id, status, output);
}

QString CheckRegistry::serviceMaintenanceId(const QString &serviceId)
{
    return u"_service_maintenance:"_s + serviceId;
}

void CheckRegistry::setMaintenance(CheckDefinition check, bool enable, Completion done)
{
    const CheckState *existing = m_store.check(check.id);
    if (!enable) {
        if (!existing)
            return done(std::nullopt);
        m_store.removeChecks({check.id}, this, done);
        return;
    }
    if (existing)
        return done(std::nullopt);
    CheckState state = initialState(check);
    state.status = CheckStatus::Critical;
    m_store.putChecks({state}, this, done);
}

void CheckRegistry::setNodeMaintenance(bool enable, const QString &reason, const QString &token, QObject *context,
                                       Completion done)
{
    CheckDefinition check;
    check.id = QString::fromUtf16(kNodeMaintenanceId);
    check.name = u"Node Maintenance Mode"_s;
    check.notes = reason.isEmpty()
        ? u"Maintenance mode is enabled for this node, but no reason was provided. This is a default message."_s
        : reason;
    check.maintenance = true;
    check.source = CheckSource::Remote;
    check.token = token;
    setMaintenance(std::move(check), enable, guarded(context, std::move(done)));
}

void CheckRegistry::setServiceMaintenance(const QString &serviceId, bool enable, const QString &reason,
                                          const QString &token, QObject *context, Completion done)
{
    done = guarded(context, std::move(done));
    if (!m_store.service(serviceId))
        return done(unknownService(serviceId));
    CheckDefinition check;
    check.id = serviceMaintenanceId(serviceId);
    check.name = u"Service Maintenance Mode"_s;
    check.notes = reason.isEmpty()
        ? u"Maintenance mode is enabled for this service, but no reason was provided. This is a default message."_s
        : reason;
    check.serviceId = serviceId;
    check.maintenance = true;
    check.source = CheckSource::Remote;
    check.token = token;
    setMaintenance(std::move(check), enable, std::move(done));
}

} // namespace HealthDesk
