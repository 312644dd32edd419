// SPDX-License-Identifier: MIT
#include "oncerunner.h"

#include "clock.h"

#include <QTimer>

#include <algorithm>

namespace HealthDesk {

OnceRunner::OnceRunner(int agentOutputMaxSize, const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_engine(static_cast<ResultSink &>(*this), clock, EngineOptions{agentOutputMaxSize, SchedulingMode::FixedDelay})
{
    m_engine.setObserver(this);
}

void OnceRunner::run(const QList<CheckDefinition> &checks)
{
    const qint64 now = m_clock.monotonicNs();
    for (const CheckDefinition &definition : checks) {
        CheckState state;
        state.definition = definition;
        state.status = definition.initialStatus.value_or(CheckStatus::Critical);
        m_states.insert(definition.id, state);
        const CheckKind kind = definition.kind();
        if (kind == CheckKind::Ttl || kind == CheckKind::Maintenance)
            continue;
        CheckEngine::StartOptions options;
        options.firstDueNs = now;
        m_engine.addCheck(definition, options);
        if (m_engine.contains(definition.id))
            ++m_pending;
    }
    if (m_pending == 0)
        QTimer::singleShot(0, this, &OnceRunner::finished);
}

QList<CheckState> OnceRunner::results() const
{
    QList<CheckState> list = m_states.values();
    std::sort(list.begin(), list.end(), [](const CheckState &a, const CheckState &b) { return a.id() < b.id(); });
    return list;
}

void OnceRunner::recordRun(const QString &checkId, const ProbeResult &result, qint64 finishedMs)
{
    auto it = m_states.find(checkId);
    if (it == m_states.end())
        return;
    it->lastRunMs = finishedMs;
    it->latencyUs = result.latencyUs;
    it->lastCode = result.code;
}

void OnceRunner::publish(const QString &checkId, CheckStatus status, const QString &output)
{
    auto it = m_states.find(checkId);
    if (it == m_states.end())
        return;
    it->status = status;
    it->output = output;
    it->catalogOutput = output;
}

void OnceRunner::runFinished(const QString &checkId, const ProbeResult &)
{
    // One run per check: stop it before the engine schedules another.
    QTimer::singleShot(0, this, [this, checkId] { m_engine.removeCheck(checkId); });
    if (--m_pending == 0)
        QTimer::singleShot(0, this, &OnceRunner::finished);
}

} // namespace HealthDesk
