// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkdefinition.h"
#include "check/servicedefinition.h"

#include <QList>
#include <QString>

namespace HealthDesk {

/// One check as readers see it: its definition and its current, published state.
struct CheckState
{
    CheckDefinition definition;
    CheckStatus status = CheckStatus::Critical;
    QString output;        ///< the latest published output (what /v1/agent/checks shows)
    QString catalogOutput; ///< what /v1/health/* shows: output-only changes reach it late (CONSUL.md §10.3)
    qint64 lastRunMs = 0;    ///< wall ms UTC of the last finished run; 0 = never ran
    qint64 lastChangeMs = 0; ///< wall ms UTC of the last status change (or registration)
    qint64 latencyUs = 0;    ///< of the last run
    int lastCode = -1;       ///< HTTP status / exit code of the last run, -1 = none
    qint64 ttlExpiresMs = 0; ///< TTL checks: wall ms when the TTL runs out; 0 = not armed
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;

    const QString &id() const { return definition.id; }
};

/// One registered service (its checks are separate CheckStates).
struct ServiceState
{
    ServiceDefinition definition; ///< `checks` is left empty here
    quint64 createIndex = 0;
    quint64 modifyIndex = 0;
};

/// One probe run as kept in the history table.
struct HistoryEntry
{
    QString checkId;
    qint64 timeMs = 0; ///< wall ms UTC when the run finished
    CheckStatus status = CheckStatus::Critical; ///< the raw probe result, before thresholds
    qint64 latencyUs = 0;
    int code = -1;
    QString output; ///< first line, at most 200 characters
};

} // namespace HealthDesk
