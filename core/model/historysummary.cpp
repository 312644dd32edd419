// SPDX-License-Identifier: MIT
#include "historysummary.h"

namespace HealthDesk::HistorySummary {

std::optional<double> uptimePercent(const QList<HistoryEntry> &history, qint64 fromMs, qint64 toMs)
{
    qint64 runs = 0;
    qint64 up = 0;
    for (const HistoryEntry &entry : history) {
        if (entry.timeMs < fromMs || entry.timeMs >= toMs)
            continue;
        ++runs;
        if (entry.status != CheckStatus::Critical)
            ++up;
    }
    if (runs == 0)
        return std::nullopt;
    return 100.0 * double(up) / double(runs);
}

QList<Transition> transitions(const QList<HistoryEntry> &history, int limit)
{
    QList<Transition> result;
    for (qsizetype i = history.size() - 1; i > 0 && result.size() < limit; --i) {
        const HistoryEntry &now = history.at(i);
        const HistoryEntry &before = history.at(i - 1);
        if (now.status != before.status)
            result.append({now.timeMs, before.status, now.status, now.output});
    }
    return result;
}

} // namespace HealthDesk::HistorySummary
