// SPDX-License-Identifier: MIT
#include "benchstats.h"

#include "engine/clock.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

#include <sys/resource.h>

namespace HealthDesk::Bench {

void BenchStats::setWindow(qint64 fromNs, qint64 toNs)
{
    m_fromNs = fromNs;
    m_toNs = toNs;
    m_latenessNs.reserve(1 << 20);
    m_completionNs.reserve(1 << 20);
}

void BenchStats::runStarted(const QString &checkId, qint64 dueNs, qint64 startNs)
{
    const bool inWindow = dueNs >= m_fromNs && dueNs < m_toNs;
    if (inWindow) {
        m_latenessNs.push_back(startNs - dueNs);
        ++m_windowInFlight;
    }
    m_inFlight.insert(checkId, InFlight{dueNs, inWindow});
}

void BenchStats::runSkipped(const QString &, qint64 dueNs)
{
    if (dueNs >= m_fromNs && dueNs < m_toNs)
        ++m_skipped;
}

void BenchStats::runFinished(const QString &checkId, const ProbeResult &result)
{
    ++m_totalAll;
    const auto it = m_inFlight.constFind(checkId);
    if (it == m_inFlight.cend() || !it->inWindow)
        return;
    --m_windowInFlight;
    ++m_executions;
    ++(result.status == CheckStatus::Passing ? m_passing : m_critical);
    m_completionNs.push_back(SystemClock::instance().monotonicNs() - it->dueNs);
}

double BenchStats::cpuSeconds()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

void BenchStats::markCpuStart()
{
    m_cpuStart = cpuSeconds();
}

void BenchStats::markCpuEnd()
{
    if (m_cpuEnd == 0) // a SIGTERM after the window keeps the window's figure
        m_cpuEnd = cpuSeconds();
}

namespace {
// Nearest rank, as the protocol specifies: sorted[min(n−1, ⌊p·n⌋)], in microseconds.
QJsonObject percentiles(std::vector<qint64> values, bool withTail)
{
    QJsonObject out;
    std::sort(values.begin(), values.end());
    const auto at = [&](double p) -> QJsonValue {
        if (values.empty())
            return QJsonValue::Null;
        const size_t i = std::min(values.size() - 1, size_t(p * double(values.size())));
        return double(values[i] / 100) / 10.0; // µs with one decimal
    };
    out.insert(QStringLiteral("p50"), at(0.50));
    out.insert(QStringLiteral("p99"), at(0.99));
    if (withTail) {
        out.insert(QStringLiteral("p999"), at(0.999));
        out.insert(QStringLiteral("max"), at(1.0));
        out.insert(QStringLiteral("n"), qint64(values.size()));
    }
    return out;
}
} // namespace

QByteArray BenchStats::toJson(int checks, double windowSeconds) const
{
    QJsonObject stats;
    stats.insert(QStringLiteral("engine"), QStringLiteral("healthdesk (C++/Qt engine and SQLite store)"));
    stats.insert(QStringLiteral("checks"), checks);
    stats.insert(QStringLiteral("window_s"), windowSeconds);
    stats.insert(QStringLiteral("executions"), m_executions);
    stats.insert(QStringLiteral("passing"), m_passing);
    stats.insert(QStringLiteral("critical"), m_critical);
    stats.insert(QStringLiteral("skipped"), m_skipped);
    stats.insert(QStringLiteral("total_all"), m_totalAll);
    stats.insert(QStringLiteral("executions_per_s"), windowSeconds > 0 ? double(m_executions) / windowSeconds : 0.0);
    stats.insert(QStringLiteral("cpu_window_s_getrusage"), m_cpuEnd > 0 ? m_cpuEnd - m_cpuStart : 0.0);
    stats.insert(QStringLiteral("lateness_us"), percentiles(m_latenessNs, true));
    stats.insert(QStringLiteral("completion_us"), percentiles(m_completionNs, false));
    return QJsonDocument(stats).toJson();
}

} // namespace HealthDesk::Bench
