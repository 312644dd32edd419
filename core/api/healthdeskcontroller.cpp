// SPDX-License-Identifier: MIT
#include "healthdeskcontroller.h"

#include "engine/checkengine.h"
#include "export/checkexport.h"
#include "export/csvwriter.h"
#include "jsonwriter.h"

#include <QDateTime>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
std::optional<qint64> parseTime(const QString &text)
{
    bool isNumber = false;
    const qint64 ms = text.toLongLong(&isNumber);
    if (isNumber)
        return ms;
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid())
        return std::nullopt;
    return time.toMSecsSinceEpoch();
}

Http::Response csvResponse(QByteArray body, const QString &fileName)
{
    Http::Response response(200, std::move(body));
    response.setHeader("Content-Type", "text/csv; charset=utf-8");
    response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName.toUtf8() + '"');
    return response;
}
} // namespace

HealthDeskController::HealthDeskController(ApiServices &services)
    : ApiController(services)
{
}

void HealthDeskController::registerRoutes(ApiRouter &router)
{
    using A = ApiRouter::Access;
    router.add("GET", u"/v1/healthdesk/history/"_s, A::Read,
               [this](const ApiCall &call, const QString &id) { history(call, id); });
    router.add("PUT", u"/v1/healthdesk/run/"_s, A::Write, [this](const ApiCall &call, const QString &id) { runNow(call, id); });
    router.add("GET", u"/v1/healthdesk/export/checks.csv"_s, A::Read,
               [this](const ApiCall &call, const QString &) { exportChecks(call); });
    router.add("GET", u"/v1/healthdesk/export/history.csv"_s, A::Read,
               [this](const ApiCall &call, const QString &) { exportHistory(call); });
}

std::optional<HealthDeskController::Range> HealthDeskController::parseRange(const ApiCall &call)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    Range range{now - 24 * 3600 * 1000, now + 1};
    for (const auto &[key, target] : {std::pair{u"since"_s, &range.fromMs}, std::pair{u"until"_s, &range.toMs}}) {
        if (!call.request().hasQueryItem(key))
            continue;
        const auto parsed = parseTime(call.request().queryValue(key));
        if (!parsed) {
            call.respond(Http::Response::text(
                400, u"Invalid %1 time \"%2\": use RFC 3339 or Unix milliseconds"_s.arg(key, call.request().queryValue(key))));
            return std::nullopt;
        }
        *target = *parsed;
    }
    return range;
}

void HealthDeskController::history(const ApiCall &call, const QString &id)
{
    if (!call.readAllowed() || !m_services.store.check(id))
        return call.respond(Http::Response::text(404, u"Unknown check ID \"%1\""_s.arg(id)));
    const auto range = parseRange(call);
    if (!range)
        return;
    m_services.store.queryHistory(id, range->fromMs, range->toMs, call.lifetime(),
                                  [call](Result<QList<HistoryEntry>> result) {
                                      if (!result)
                                          return call.respond(errorResponse(result.error()));
                                      call.respond(json(call, [&](JsonWriter &w) {
                                          w.beginArray();
                                          for (const HistoryEntry &entry : result.value()) {
                                              w.beginObject();
                                              w.key(u"Time");
                                              w.value(CsvWriter::isoTime(entry.timeMs));
                                              w.key(u"Status");
                                              w.value(checkStatusName(entry.status));
                                              w.key(u"LatencyUs");
                                              w.value(entry.latencyUs);
                                              w.key(u"Code");
                                              w.value(entry.code);
                                              w.key(u"Output");
                                              w.value(entry.output);
                                              w.endObject();
                                          }
                                          w.endArray();
                                      }));
                                  });
}

void HealthDeskController::runNow(const ApiCall &call, const QString &id)
{
    const CheckState *state = m_services.store.check(id);
    if (!state)
        return call.respond(Http::Response::text(
            404, u"Unknown check ID \"%1\". Ensure that the check ID is passed, not the check name."_s.arg(id)));
    const CheckKind kind = state->definition.kind();
    if (kind == CheckKind::Ttl || kind == CheckKind::Maintenance)
        return call.respond(Http::Response::text(400, u"Check \"%1\" is a %2 check: nothing to run"_s.arg(id, checkKindName(kind))));
    if (!m_services.engine.runNow(id))
        return call.respond(Http::Response::text(409, u"Check \"%1\" is running already"_s.arg(id)));
    call.respond(emptyOk());
}

void HealthDeskController::exportChecks(const ApiCall &call)
{
    const QString state = call.request().queryValue(u"state");
    if (!state.isEmpty() && state != u"any" && !checkStatusFromName(state))
        return call.respond(Http::Response::text(400, u"Invalid state \"%1\": use any, passing, warning or critical"_s.arg(state)));
    QList<CheckState> states;
    if (call.readAllowed()) {
        for (const CheckState &check : m_services.store.checks()) {
            if (state.isEmpty() || state == u"any" || checkStatusName(check.status) == state)
                states.append(check);
        }
    }
    std::sort(states.begin(), states.end(), [](const CheckState &a, const CheckState &b) { return a.id() < b.id(); });
    call.respond(csvResponse(CheckExport::stateCsv(states, nodeName(), call.request().hasQueryItem(u"bom")),
                             u"healthdesk-checks.csv"_s));
}

void HealthDeskController::exportHistory(const ApiCall &call)
{
    const QString id = call.request().queryValue(u"id");
    if (id.isEmpty())
        return call.respond(Http::Response::text(400, u"Missing check id: use ?id=<CheckID>"_s));
    if (!call.readAllowed() || !m_services.store.check(id))
        return call.respond(Http::Response::text(404, u"Unknown check ID \"%1\""_s.arg(id)));
    const auto range = parseRange(call);
    if (!range)
        return;
    const bool bom = call.request().hasQueryItem(u"bom");
    m_services.store.queryHistory(id, range->fromMs, range->toMs, call.lifetime(),
                                  [call, bom, id](Result<QList<HistoryEntry>> result) {
                                      if (!result)
                                          return call.respond(errorResponse(result.error()));
                                      call.respond(csvResponse(CheckExport::historyHeader(bom)
                                                                   + CheckExport::historyRows(result.value()),
                                                               u"healthdesk-history.csv"_s));
                                  });
}

} // namespace HealthDesk
