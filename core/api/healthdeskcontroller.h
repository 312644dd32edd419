// SPDX-License-Identifier: MIT
#pragma once

#include "apicontroller.h"

namespace HealthDesk {

/// HealthDesk's own endpoints under `/v1/healthdesk/` (CONSUL.md §10.9), kept apart so the
/// Consul paths stay exactly Consul's.
class HealthDeskController final : public ApiController
{
public:
    explicit HealthDeskController(ApiServices &services);
    void registerRoutes(ApiRouter &router) override;

private:
    /// GET /v1/healthdesk/history/:id[?since=&until=] — runs as JSON, oldest first; times are
    /// RFC 3339 or Unix milliseconds; the default range is the last 24 hours.
    void history(const ApiCall &call, const QString &id);
    /// PUT /v1/healthdesk/run/:id — runs the check now (409 while a run is in flight).
    void runNow(const ApiCall &call, const QString &id);
    /// GET /v1/healthdesk/export/checks.csv[?state=] — the current state as CSV.
    void exportChecks(const ApiCall &call);
    /// GET /v1/healthdesk/export/history.csv?id=…[&since=&until=] — one check's runs as CSV.
    void exportHistory(const ApiCall &call);

    struct Range
    {
        qint64 fromMs = 0;
        qint64 toMs = 0;
    };
    /// Answers 400 itself and returns nullopt on a bad time.
    static std::optional<Range> parseRange(const ApiCall &call);
};

} // namespace HealthDesk
