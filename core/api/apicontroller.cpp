// SPDX-License-Identifier: MIT
#include "apicontroller.h"

#include "blockingqueries.h"
#include "check/goduration.h"
#include "config/agentconfig.h"
#include "jsonwriter.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace HealthDesk {

ApiController::ApiController(ApiServices &services)
    : m_services(services)
{
}

const QString &ApiController::nodeName() const
{
    return m_services.config.nodeName;
}

Result<QJsonObject> ApiController::decodeObject(const QByteArray &body, const QString &goType)
{
    const QByteArray trimmed = body.trimmed();
    if (trimmed.isEmpty())
        return Error{400, u"Request decode failed: EOF"_s, {}};
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(trimmed, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return Error{400,
                     u"Request decode failed: invalid JSON at offset %1: %2"_s.arg(parseError.offset).arg(
                         parseError.errorString()),
                     {}};
    }
    if (!document.isObject()) {
        const QString what = document.isArray() ? u"array"_s : u"value"_s;
        return Error{400, u"Request decode failed: json: cannot unmarshal %1 into Go value of type %2"_s.arg(what, goType),
                     {}};
    }
    return document.object();
}

Http::Response ApiController::errorResponse(const Error &error)
{
    return Http::Response::text(error.httpStatus, error.message);
}

Http::Response ApiController::emptyOk()
{
    Http::Response response(200);
    response.setHeader("Content-Type", "application/json");
    return response;
}

std::function<void(const std::optional<Error> &)> ApiController::answerWhenDone(const ApiCall &call)
{
    return [call](const std::optional<Error> &error) { call.respond(error ? errorResponse(*error) : emptyOk()); };
}

Http::Response ApiController::json(const ApiCall &call, const std::function<void(JsonWriter &)> &write)
{
    JsonWriter writer(call.pretty());
    write(writer);
    return Http::Response::json(writer.finish());
}

void ApiController::addQueryMeta(Http::Response &response, quint64 index)
{
    response.setHeader("X-Consul-Index", QByteArray::number(std::max<quint64>(index, 1)));
    response.setHeader("X-Consul-KnownLeader", "true");
    response.setHeader("X-Consul-LastContact", "0");
    response.setHeader("X-Consul-Effective-Consistency", "leader");
    response.setHeader("X-Consul-Query-Backend", "blocking-query");
}

void ApiController::answerBlocking(const ApiCall &call, quint8 tables, std::function<Http::Response()> query)
{
    const Http::Request &request = call.request();
    quint64 index = 0;
    if (request.hasQueryItem(u"index")) {
        bool ok = false;
        index = request.queryValue(u"index").toULongLong(&ok);
        if (!ok)
            return call.respond(Http::Response::text(400, u"Invalid index"_s));
    }
    qint64 waitMs = 0;
    if (request.hasQueryItem(u"wait")) {
        QString error;
        const auto ns = parseGoDuration(request.queryValue(u"wait"), &error);
        if (!ns)
            return call.respond(Http::Response::text(400, u"Invalid wait time"_s));
        waitMs = *ns / 1'000'000;
    }
    if (request.hasQueryItem(u"stale") && request.hasQueryItem(u"consistent"))
        return call.respond(Http::Response::text(400, u"Cannot specify ?stale with ?consistent, conflicting semantics."_s));
    if (index == 0)
        return call.respond(query());
    m_services.blocking.wait(tables, index, BlockingQueries::effectiveWaitMs(waitMs), call.lifetime(),
                             [call, query = std::move(query)] { call.respond(query()); });
}

} // namespace HealthDesk
