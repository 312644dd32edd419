// SPDX-License-Identifier: MIT
#pragma once

#include "store/checkstate.h"

#include <QList>

namespace HealthDesk {

/// Figures an operator reads off a check's run history (oldest first): uptime and the list of
/// status transitions. Plain functions, shared by the details view and exports.
namespace HistorySummary {

/// Share of runs in [fromMs, toMs) that were not critical, in percent; nullopt when there were none.
/// Warning runs count as up (the service answered), as status pages usually do.
std::optional<double> uptimePercent(const QList<HistoryEntry> &history, qint64 fromMs, qint64 toMs);

struct Transition
{
    qint64 timeMs = 0;
    CheckStatus from = CheckStatus::Critical;
    CheckStatus to = CheckStatus::Critical;
    QString output;
};

/// Runs whose raw status differs from the run before, newest first, at most `limit`.
QList<Transition> transitions(const QList<HistoryEntry> &history, int limit = 200);

} // namespace HistorySummary
} // namespace HealthDesk
