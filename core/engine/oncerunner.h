// SPDX-License-Identifier: MIT
#pragma once

#include "checkengine.h"
#include "resultsink.h"
#include "store/checkstate.h"

#include <QHash>
#include <QObject>

namespace HealthDesk {

class Clock;

/// Runs every given check exactly once, at once and concurrently (no stagger), and reports each
/// check's resulting state. TTL and maintenance checks are not probed: they report their
/// initial status. Used by `healthdesk --once` and by "Test now" in the dialogs.
class OnceRunner final : public QObject, private ResultSink, private EngineObserver
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OnceRunner)

public:
    OnceRunner(int agentOutputMaxSize, const Clock &clock, QObject *parent = nullptr);

    void run(const QList<CheckDefinition> &checks);
    /// Sorted by CheckID.
    QList<CheckState> results() const;

signals:
    void finished();

private:
    void recordRun(const QString &checkId, const ProbeResult &result, qint64 finishedMs) override;
    void publish(const QString &checkId, CheckStatus status, const QString &output) override;
    void setTtlExpiry(const QString &, qint64) override {}
    void runStarted(const QString &, qint64, qint64) override {}
    void runSkipped(const QString &, qint64) override {}
    void runFinished(const QString &checkId, const ProbeResult &result) override;

    const Clock &m_clock;
    CheckEngine m_engine;
    QHash<QString, CheckState> m_states;
    int m_pending = 0;
};

} // namespace HealthDesk
