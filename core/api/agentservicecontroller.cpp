// SPDX-License-Identifier: MIT
#include "agentservicecontroller.h"

#include "check/checkjson.h"
#include "config/agentconfig.h"
#include "healthcheckjson.h"
#include "jsonwriter.h"
#include "registry/checkregistry.h"
#include "servicejson.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
enum ServiceField { Id, Service, Tags, Address, Port, Meta };

const FilterSchema &serviceFilterSchema()
{
    static const FilterSchema schema = [] {
        FilterSchema s;
        using T = FilterSchema::Type;
        s.addField(u"ID"_s, T::String, Id);
        s.addField(u"Service"_s, T::String, Service);
        s.addField(u"Tags"_s, T::StringList, Tags);
        s.addField(u"Address"_s, T::String, Address);
        s.addField(u"Port"_s, T::Integer, Port);
        s.addField(u"Meta"_s, T::StringMap, Meta);
        return s;
    }();
    return schema;
}

FilterValue serviceField(const ServiceDefinition &d, int field)
{
    switch (field) {
    case Id:
        return d.id;
    case Service:
        return d.name;
    case Tags:
        return d.tags;
    case Address:
        return d.address;
    case Port:
        return qint64(d.port);
    case Meta: {
        QHash<QString, QString> meta;
        for (auto it = d.meta.cbegin(); it != d.meta.cend(); ++it)
            meta.insert(it.key(), it.value());
        return meta;
    }
    }
    return QString();
}

/// Consul's AggregatedStatus: maintenance > critical > warning > passing.
QString aggregatedStatus(const QList<const CheckState *> &checks)
{
    QString result = u"passing"_s;
    for (const CheckState *check : checks) {
        if (check->definition.kind() == CheckKind::Maintenance)
            return u"maintenance"_s;
        if (check->status == CheckStatus::Critical)
            result = u"critical"_s;
        else if (check->status == CheckStatus::Warning && result == u"passing")
            result = u"warning"_s;
    }
    return result;
}

int statusCodeOf(const QString &aggregated)
{
    if (aggregated == u"passing")
        return 200;
    if (aggregated == u"warning")
        return 429;
    return 503;
}

int severityOf(const QString &aggregated)
{
    return aggregated == u"passing" ? 0 : aggregated == u"warning" ? 1 : aggregated == u"critical" ? 2 : 3;
}
} // namespace

AgentServiceController::AgentServiceController(ApiServices &services)
    : ApiController(services)
{
}

void AgentServiceController::registerRoutes(ApiRouter &router)
{
    using A = ApiRouter::Access;
    router.add("PUT", u"/v1/agent/service/register"_s, A::Write,
               [this](const ApiCall &call, const QString &) { registerService(call); });
    router.add("PUT", u"/v1/agent/service/deregister/"_s, A::Write,
               [this](const ApiCall &call, const QString &id) { deregisterService(call, id); });
    router.add("GET", u"/v1/agent/services"_s, A::Read, [this](const ApiCall &call, const QString &) { listServices(call); });
    router.add("GET", u"/v1/agent/service/"_s, A::Read,
               [this](const ApiCall &call, const QString &id) { getService(call, id); });
    router.add("PUT", u"/v1/agent/service/maintenance/"_s, A::Write,
               [this](const ApiCall &call, const QString &id) { serviceMaintenance(call, id); });
    router.add("PUT", u"/v1/agent/maintenance"_s, A::Write,
               [this](const ApiCall &call, const QString &) { nodeMaintenance(call); });
    router.add("GET", u"/v1/agent/health/service/id/"_s, A::Read,
               [this](const ApiCall &call, const QString &id) { serviceHealthById(call, id); });
    router.add("GET", u"/v1/agent/health/service/name/"_s, A::Read,
               [this](const ApiCall &call, const QString &name) { serviceHealthByName(call, name); });
}

void AgentServiceController::registerService(const ApiCall &call)
{
    auto object = decodeObject(call.request().body(), u"structs.ServiceDefinition"_s);
    if (!object)
        return call.respond(errorResponse(object.error()));
    auto decoded = CheckJson::decodeService(object.value(), CheckJson::Dialect::Api);
    if (!decoded)
        return call.respond(Http::Response::text(400, u"Request decode failed: "_s + decoded.error().message));
    ServiceDefinition service = std::move(decoded).value();
    service.source = CheckSource::Remote;
    service.token = call.token();
    for (CheckDefinition &check : service.checks) {
        check.source = CheckSource::Remote;
        check.token = call.token();
    }
    m_services.registry.registerService(std::move(service), call.lifetime(), answerWhenDone(call));
}

void AgentServiceController::deregisterService(const ApiCall &call, const QString &id)
{
    m_services.registry.deregisterService(id, call.lifetime(), answerWhenDone(call));
}

void AgentServiceController::listServices(const ApiCall &call)
{
    std::optional<FilterExpression> filter;
    if (call.request().hasQueryItem(u"filter")) {
        auto parsed = FilterExpression::parse(call.request().queryValue(u"filter"), serviceFilterSchema());
        if (!parsed)
            return call.respond(errorResponse(parsed.error()));
        filter = std::move(parsed).value();
    }
    QList<const ServiceState *> services;
    if (call.readAllowed()) {
        for (const ServiceState &service : m_services.store.services()) {
            if (!filter || filter->matches([&](int field) { return serviceField(service.definition, field); }))
                services.append(&service);
        }
    }
    std::sort(services.begin(), services.end(),
              [](const ServiceState *a, const ServiceState *b) { return a->definition.id < b->definition.id; });
    call.respond(json(call, [&](JsonWriter &w) {
        w.beginObject();
        for (const ServiceState *service : std::as_const(services)) {
            w.key(service->definition.id);
            writeAgentService(w, *service, m_services.config);
        }
        w.endObject();
    }));
}

void AgentServiceController::getService(const ApiCall &call, const QString &id)
{
    const ServiceState *service = call.readAllowed() ? m_services.store.service(id) : nullptr;
    if (!service)
        return call.respond(Http::Response::text(404, u"unknown service ID: %1"_s.arg(id)));
    call.respond(json(call, [&](JsonWriter &w) { writeAgentService(w, *service, m_services.config); }));
}

std::optional<bool> AgentServiceController::parseEnable(const ApiCall &call)
{
    if (!call.request().hasQueryItem(u"enable")) {
        call.respond(Http::Response::text(400, u"Missing value for enable"_s));
        return std::nullopt;
    }
    const QString value = call.request().queryValue(u"enable");
    // Go's strconv.ParseBool
    static const QStringList truthy{u"1"_s, u"t"_s, u"T"_s, u"TRUE"_s, u"true"_s, u"True"_s};
    static const QStringList falsy{u"0"_s, u"f"_s, u"F"_s, u"FALSE"_s, u"false"_s, u"False"_s};
    if (truthy.contains(value))
        return true;
    if (falsy.contains(value))
        return false;
    call.respond(Http::Response::text(400, u"Invalid value for enable: \"%1\""_s.arg(value)));
    return std::nullopt;
}

void AgentServiceController::serviceMaintenance(const ApiCall &call, const QString &id)
{
    if (id.isEmpty())
        return call.respond(Http::Response::text(400, u"Missing service ID"_s));
    const auto enable = parseEnable(call);
    if (!enable)
        return;
    m_services.registry.setServiceMaintenance(id, *enable, call.request().queryValue(u"reason"), call.token(),
                                              call.lifetime(), answerWhenDone(call));
}

void AgentServiceController::nodeMaintenance(const ApiCall &call)
{
    const auto enable = parseEnable(call);
    if (!enable)
        return;
    m_services.registry.setNodeMaintenance(*enable, call.request().queryValue(u"reason"), call.token(), call.lifetime(),
                                           answerWhenDone(call));
}

void AgentServiceController::serviceHealthById(const ApiCall &call, const QString &id)
{
    const ServiceState *service = call.readAllowed() ? m_services.store.service(id) : nullptr;
    if (!service)
        return call.respond(Http::Response::text(404, u"ServiceId %1 not found"_s.arg(id)));
    QList<const CheckState *> checks;
    for (const CheckState &check : m_services.store.checks()) {
        if (check.definition.serviceId == id || check.definition.serviceId.isEmpty())
            checks.append(&check);
    }
    std::sort(checks.begin(), checks.end(), [](const CheckState *a, const CheckState *b) { return a->id() < b->id(); });
    const QString status = aggregatedStatus(checks);
    if (call.request().queryValue(u"format") == u"text") {
        return call.respond(Http::Response::text(statusCodeOf(status), status));
    }
    Http::Response response = json(call, [&](JsonWriter &w) {
        w.beginObject();
        w.key(u"AggregatedStatus");
        w.value(status);
        w.key(u"Service");
        writeAgentService(w, *service, m_services.config);
        w.key(u"Checks");
        w.beginArray();
        for (const CheckState *check : std::as_const(checks))
            writeHealthCheck(w, *check, nodeName(), HealthCheckView::Agent);
        w.endArray();
        w.endObject();
    });
    response.setStatusCode(statusCodeOf(status));
    call.respond(std::move(response));
}

void AgentServiceController::serviceHealthByName(const ApiCall &call, const QString &name)
{
    QList<const ServiceState *> services;
    if (call.readAllowed()) {
        for (const ServiceState &service : m_services.store.services()) {
            if (service.definition.name == name)
                services.append(&service);
        }
    }
    if (services.isEmpty())
        return call.respond(Http::Response::text(404, u"ServiceName %1 Not Found"_s.arg(name)));
    std::sort(services.begin(), services.end(),
              [](const ServiceState *a, const ServiceState *b) { return a->definition.id < b->definition.id; });

    QString worst = u"passing"_s;
    QList<QPair<QString, QList<const CheckState *>>> entries;
    for (const ServiceState *service : std::as_const(services)) {
        QList<const CheckState *> checks;
        for (const CheckState &check : m_services.store.checks()) {
            if (check.definition.serviceId == service->definition.id || check.definition.serviceId.isEmpty())
                checks.append(&check);
        }
        std::sort(checks.begin(), checks.end(), [](const CheckState *a, const CheckState *b) { return a->id() < b->id(); });
        const QString status = aggregatedStatus(checks);
        if (severityOf(status) > severityOf(worst))
            worst = status;
        entries.append({status, checks});
    }
    if (call.request().queryValue(u"format") == u"text")
        return call.respond(Http::Response::text(statusCodeOf(worst), worst));
    Http::Response response = json(call, [&](JsonWriter &w) {
        w.beginArray();
        for (qsizetype i = 0; i < services.size(); ++i) {
            w.beginObject();
            w.key(u"AggregatedStatus");
            w.value(entries.at(i).first);
            w.key(u"Service");
            writeAgentService(w, *services.at(i), m_services.config);
            w.key(u"Checks");
            w.beginArray();
            for (const CheckState *check : entries.at(i).second)
                writeHealthCheck(w, *check, nodeName(), HealthCheckView::Agent);
            w.endArray();
            w.endObject();
        }
        w.endArray();
    });
    response.setStatusCode(statusCodeOf(worst));
    call.respond(std::move(response));
}

} // namespace HealthDesk
