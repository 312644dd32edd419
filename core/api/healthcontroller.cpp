// SPDX-License-Identifier: MIT
#include "healthcontroller.h"

#include "blockingqueries.h"
#include "config/agentconfig.h"
#include "healthcheckjson.h"
#include "jsonwriter.h"
#include "servicejson.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
// Query parameters that do not change a response body.
bool affectsBody(const QString &key)
{
    return key != u"index" && key != u"wait" && key != u"token" && key != u"dc" && key != u"stale"
        && key != u"consistent" && key != u"cached" && key != u"near";
}

QList<const CheckState *> sortedChecks(const StateStore &store, const std::function<bool(const CheckState &)> &keep)
{
    QList<const CheckState *> list;
    for (const CheckState &state : store.checks()) {
        if (keep(state))
            list.append(&state);
    }
    std::sort(list.begin(), list.end(), [](const CheckState *a, const CheckState *b) { return a->id() < b->id(); });
    return list;
}
} // namespace

HealthController::HealthController(ApiServices &services)
    : ApiController(services)
{
}

void HealthController::registerRoutes(ApiRouter &router)
{
    using A = ApiRouter::Access;
    router.add("GET", u"/v1/health/state/"_s, A::Read,
               [this](const ApiCall &call, const QString &state) { checksInState(call, state); });
    router.add("GET", u"/v1/health/checks/"_s, A::Read,
               [this](const ApiCall &call, const QString &service) { serviceChecks(call, service); });
    router.add("GET", u"/v1/health/node/"_s, A::Read,
               [this](const ApiCall &call, const QString &node) { nodeChecks(call, node); });
    router.add("GET", u"/v1/health/service/"_s, A::Read,
               [this](const ApiCall &call, const QString &service) { serviceEntries(call, service); });
}

Http::Response HealthController::cached(const ApiCall &call, quint64 index, const std::function<Http::Response()> &build)
{
    if (!call.readAllowed())
        return build();
    if (index != m_cacheIndex) {
        m_cache.clear();
        m_cacheIndex = index;
    }
    QString key = call.request().path();
    for (const auto &[name, value] : call.request().queryItems()) {
        if (affectsBody(name))
            key += u'&' + name + u'=' + value;
    }
    const auto hit = m_cache.constFind(key);
    if (hit != m_cache.cend())
        return *hit;
    Http::Response response = build();
    if (m_cache.size() >= 256)
        m_cache.clear();
    m_cache.insert(key, response);
    return response;
}

void HealthController::answerChecks(const ApiCall &call, Predicate predicate)
{
    std::optional<FilterExpression> filter;
    if (call.request().hasQueryItem(u"filter")) {
        auto parsed = FilterExpression::parse(call.request().queryValue(u"filter"), healthCheckFilterSchema());
        if (!parsed)
            return call.respond(errorResponse(parsed.error()));
        filter = std::move(parsed).value();
    }
    const quint8 tables = BlockingQueries::tablesMask(StoreTable::Checks);
    answerBlocking(call, tables, [this, call, predicate, filter, tables] {
        const quint64 index = m_services.blocking.indexOf(tables);
        return cached(call, index, [&] {
            const auto checks = sortedChecks(m_services.store, [&](const CheckState &state) {
                return call.readAllowed() && predicate(state)
                    && (!filter || filter->matches(healthCheckFilterRecord(state, nodeName(), HealthCheckView::Catalog)));
            });
            Http::Response response = json(call, [&](JsonWriter &w) {
                w.beginArray();
                for (const CheckState *state : checks)
                    writeHealthCheck(w, *state, nodeName(), HealthCheckView::Catalog);
                w.endArray();
            });
            addQueryMeta(response, index);
            if (!call.readAllowed() && !call.token().isEmpty())
                response.setHeader("X-Consul-Results-Filtered-By-ACLs", "true");
            return response;
        });
    });
}

void HealthController::checksInState(const ApiCall &call, const QString &state)
{
    if (state.isEmpty())
        return call.respond(Http::Response::text(400, u"Missing check state"_s));
    // Consul looks the state up lower-cased and only the exact "any" is a wildcard.
    const QString wanted = state.toLower();
    const bool any = state == u"any";
    answerChecks(call, [any, wanted](const CheckState &check) { return any || checkStatusName(check.status) == wanted; });
}

void HealthController::serviceChecks(const ApiCall &call, const QString &service)
{
    if (service.isEmpty())
        return call.respond(Http::Response::text(400, u"Missing service name"_s));
    answerChecks(call, [service](const CheckState &check) { return check.definition.serviceName == service; });
}

void HealthController::nodeChecks(const ApiCall &call, const QString &node)
{
    if (node.isEmpty())
        return call.respond(Http::Response::text(400, u"Missing node name"_s));
    const bool ours = node == nodeName();
    answerChecks(call, [ours](const CheckState &) { return ours; });
}

void HealthController::serviceEntries(const ApiCall &call, const QString &serviceName)
{
    if (serviceName.isEmpty())
        return call.respond(Http::Response::text(400, u"Missing service name"_s));
    const bool passingOnly = call.request().hasQueryItem(u"passing")
        && call.request().queryValue(u"passing") != u"false" && call.request().queryValue(u"passing") != u"0";
    const QStringList tags = call.request().queryValues(u"tag");

    const quint8 tables =
        BlockingQueries::tablesMask(StoreTable::Checks) | BlockingQueries::tablesMask(StoreTable::Services);
    answerBlocking(call, tables, [this, call, serviceName, passingOnly, tags, tables] {
        const StateStore &store = m_services.store;
        const quint64 index = m_services.blocking.indexOf(tables);
        return cached(call, index, [&] {
            QList<const ServiceState *> services;
            if (call.readAllowed()) {
                for (const ServiceState &service : store.services()) {
                    const ServiceDefinition &d = service.definition;
                    if (d.name != serviceName)
                        continue;
                    if (std::all_of(tags.cbegin(), tags.cend(), [&](const QString &t) { return d.tags.contains(t); }))
                        services.append(&service);
                }
            }
            std::sort(services.begin(), services.end(),
                      [](const ServiceState *a, const ServiceState *b) { return a->definition.id < b->definition.id; });
            Http::Response response = json(call, [&](JsonWriter &w) {
                w.beginArray();
                for (const ServiceState *service : std::as_const(services)) {
                    const auto checks = sortedChecks(store, [&](const CheckState &c) {
                        return c.definition.serviceId.isEmpty() || c.definition.serviceId == service->definition.id;
                    });
                    if (passingOnly && std::any_of(checks.cbegin(), checks.cend(), [](const CheckState *c) {
                            return c->status != CheckStatus::Passing;
                        }))
                        continue;
                    w.beginObject();
                    w.key(u"Node");
                    writeCatalogNode(w, m_services.config, index);
                    w.key(u"Service");
                    writeCatalogService(w, *service);
                    w.key(u"Checks");
                    w.beginArray();
                    for (const CheckState *check : checks)
                        writeHealthCheck(w, *check, nodeName(), HealthCheckView::Catalog);
                    w.endArray();
                    w.endObject();
                }
                w.endArray();
            });
            addQueryMeta(response, index);
            return response;
        });
    });
}

} // namespace HealthDesk
