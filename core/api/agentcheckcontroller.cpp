// SPDX-License-Identifier: MIT
#include "agentcheckcontroller.h"

#include "check/checkjson.h"
#include "healthcheckjson.h"
#include "jsonwriter.h"
#include "registry/checkregistry.h"

#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {


AgentCheckController::AgentCheckController(ApiServices &services)
    : ApiController(services)
{
}

void AgentCheckController::registerRoutes(ApiRouter &router)
{
    using A = ApiRouter::Access;
    router.add("PUT", u"/v1/agent/check/register"_s, A::Write, [this](const ApiCall &call, const QString &) {
        registerCheck(call);
    });
    router.add("PUT", u"/v1/agent/check/deregister/"_s, A::Write,
               [this](const ApiCall &call, const QString &id) { deregisterCheck(call, id); });
    router.add("PUT", u"/v1/agent/check/pass/"_s, A::Write,
               [this](const ApiCall &call, const QString &id) { updateTtl(call, id, CheckStatus::Passing); });
    router.add("PUT", u"/v1/agent/check/warn/"_s, A::Write,
               [this](const ApiCall &call, const QString &id) { updateTtl(call, id, CheckStatus::Warning); });
    router.add("PUT", u"/v1/agent/check/fail/"_s, A::Write,
               [this](const ApiCall &call, const QString &id) { updateTtl(call, id, CheckStatus::Critical); });
    router.add("PUT", u"/v1/agent/check/update/"_s, A::Write,
               [this](const ApiCall &call, const QString &id) { updateCheck(call, id); });
    router.add("GET", u"/v1/agent/checks"_s, A::Read, [this](const ApiCall &call, const QString &) { listChecks(call); });
}

void AgentCheckController::registerCheck(const ApiCall &call)
{
    auto object = decodeObject(call.request().body(), u"structs.CheckDefinition"_s);
    if (!object)
        return call.respond(errorResponse(object.error()));
    auto definition = CheckJson::decodeCheck(object.value(), CheckJson::Dialect::Api);
    if (!definition)
        return call.respond(Http::Response::text(400, u"Request decode failed: "_s + definition.error().message));
    CheckDefinition check = std::move(definition).value();
    check.source = CheckSource::Remote;
    check.token = call.token();
    m_services.registry.registerCheck(std::move(check), call.lifetime(), answerWhenDone(call));
}

void AgentCheckController::deregisterCheck(const ApiCall &call, const QString &id)
{
    m_services.registry.deregisterCheck(id, call.lifetime(), answerWhenDone(call));
}

void AgentCheckController::updateTtl(const ApiCall &call, const QString &id, CheckStatus status)
{
    const auto error = m_services.registry.updateTtl(id, status, call.request().queryValue(u"note"));
    call.respond(error ? errorResponse(*error) : emptyOk());
}

void AgentCheckController::updateCheck(const ApiCall &call, const QString &id)
{
    auto object = decodeObject(call.request().body(), u"agent.checkUpdate"_s);
    if (!object)
        return call.respond(errorResponse(object.error()));
    QString status;
    QString output;
    for (auto it = object->constBegin(); it != object->constEnd(); ++it) {
        const QString key = it.key();
        const bool isStatus = key.compare(u"Status", Qt::CaseInsensitive) == 0;
        const bool isOutput = key.compare(u"Output", Qt::CaseInsensitive) == 0;
        if (!isStatus && !isOutput)
            return call.respond(Http::Response::text(400, u"Request decode failed: json: unknown field \"%1\""_s.arg(key)));
        if (!it.value().isString() && !it.value().isNull()) {
            return call.respond(Http::Response::text(
                400, u"Request decode failed: json: cannot unmarshal %1 into Go struct field checkUpdate.%2 of type string"_s
                         .arg(it.value().isDouble() ? u"number"_s : it.value().isBool() ? u"bool"_s : u"object"_s,
                              isStatus ? u"Status"_s : u"Output"_s)));
        }
        (isStatus ? status : output) = it.value().toString();
    }
    const auto parsed = checkStatusFromName(status);
    if (!parsed)
        return call.respond(Http::Response::text(400, u"Invalid check status: '%1'"_s.arg(status)));
    const auto error = m_services.registry.updateTtl(id, *parsed, output);
    call.respond(error ? errorResponse(*error) : emptyOk());
}

void AgentCheckController::listChecks(const ApiCall &call)
{
    std::optional<FilterExpression> filter;
    if (call.request().hasQueryItem(u"filter")) {
        auto parsed = FilterExpression::parse(call.request().queryValue(u"filter"), healthCheckFilterSchema());
        if (!parsed)
            return call.respond(errorResponse(parsed.error()));
        filter = std::move(parsed).value();
    }
    QList<const CheckState *> checks;
    if (call.readAllowed()) {
        for (const CheckState &state : m_services.store.checks()) {
            if (!filter || filter->matches(healthCheckFilterRecord(state, nodeName(), HealthCheckView::Agent)))
                checks.append(&state);
        }
    }
    // Go encodes map keys sorted.
    std::sort(checks.begin(), checks.end(), [](const CheckState *a, const CheckState *b) { return a->id() < b->id(); });
    Http::Response response = json(call, [&](JsonWriter &w) {
        w.beginObject();
        for (const CheckState *state : std::as_const(checks)) {
            w.key(state->id());
            writeHealthCheck(w, *state, nodeName(), HealthCheckView::Agent);
        }
        w.endObject();
    });
    if (!call.readAllowed() && !call.token().isEmpty())
        response.setHeader("X-Consul-Results-Filtered-By-ACLs", "true");
    call.respond(std::move(response));
}

} // namespace HealthDesk
