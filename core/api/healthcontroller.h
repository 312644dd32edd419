// SPDX-License-Identifier: MIT
#pragma once

#include "apicontroller.h"

#include <QHash>

namespace HealthDesk {

/// `/v1/health/*` (CONSUL.md §4.2, §5): the catalog view, blocking queries, `?filter=`.
/// Serialised bodies are cached per query until the index moves, so a thousand watchers woken
/// by one change cost one serialisation.
class HealthController final : public ApiController
{
public:
    explicit HealthController(ApiServices &services);
    void registerRoutes(ApiRouter &router) override;

private:
    /// GET /v1/health/state/:state — any, passing, warning, critical; anything else: [].
    void checksInState(const ApiCall &call, const QString &state);
    /// GET /v1/health/checks/:service — checks of services with that name.
    void serviceChecks(const ApiCall &call, const QString &service);
    /// GET /v1/health/node/:node — every check of that node ([] for other nodes).
    void nodeChecks(const ApiCall &call, const QString &node);
    /// GET /v1/health/service/:service[?passing][&tag=] — Node/Service/Checks entries.
    void serviceEntries(const ApiCall &call, const QString &service);

    using Predicate = std::function<bool(const CheckState &)>;
    void answerChecks(const ApiCall &call, Predicate predicate);
    Http::Response cached(const ApiCall &call, quint64 index, const std::function<Http::Response()> &build);

    QHash<QString, Http::Response> m_cache;
    quint64 m_cacheIndex = 0;
};

} // namespace HealthDesk
