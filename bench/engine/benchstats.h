// SPDX-License-Identifier: MIT
#pragma once

#include "engine/checkengine.h"

#include <QHash>
#include <QString>

#include <vector>

namespace HealthDesk::Bench {

/// Counts what the benchmark protocol asks for: executions, passing, critical and skipped runs
/// whose due time lies in the measurement window, and their lateness (start − due).
class BenchStats final : public EngineObserver
{
public:
    void setWindow(qint64 fromNs, qint64 toNs);
    void runStarted(const QString &checkId, qint64 dueNs, qint64 startNs) override;
    void runSkipped(const QString &checkId, qint64 dueNs) override;
    void runFinished(const QString &checkId, const ProbeResult &result) override;

    void markCpuStart();
    void markCpuEnd();
    bool anyWindowRunInFlight() const { return m_windowInFlight > 0; }
    /// The stats file of the protocol, as JSON.
    QByteArray toJson(int checks, double windowSeconds) const;

private:
    struct InFlight
    {
        qint64 dueNs;
        bool inWindow;
    };
    static double cpuSeconds();

    qint64 m_fromNs = 0;
    qint64 m_toNs = 0;
    QHash<QString, InFlight> m_inFlight;
    std::vector<qint64> m_latenessNs;
    std::vector<qint64> m_completionNs;
    qint64 m_executions = 0;
    qint64 m_passing = 0;
    qint64 m_critical = 0;
    qint64 m_skipped = 0;
    qint64 m_totalAll = 0;
    int m_windowInFlight = 0;
    double m_cpuStart = 0;
    double m_cpuEnd = 0;
};

} // namespace HealthDesk::Bench
