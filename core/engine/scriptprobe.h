// SPDX-License-Identifier: MIT
#pragma once

#include "probe.h"

#include <QProcess>
#include <QStringList>

#include <memory>

namespace HealthDesk {

struct CheckDefinition;

/// Consul's script ("monitor") check (CONSUL.md §1.5): runs ScriptArgs directly (no shell) in its
/// own process group, stdout and stderr merged into one tail buffer of the output limit.
/// Exit 0 passing, 1 warning, anything else (or a signal) critical; output is the captured text,
/// prefixed `Captured <kept> of <total> bytes\n...\n` when more was written than kept.
/// On timeout the whole process group is killed and the result (critical, `Timed out (<d>)
/// running check`) bypasses the thresholds, as does a failure to start. finished() is emitted
/// only after the process has been reaped.
class ScriptProbe final : public Probe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ScriptProbe)

public:
    static constexpr qint64 kDefaultTimeoutMs = 30'000;

    /// `outputLimit` is the effective limit: the agent's, lowered by the check's OutputMaxSize.
    ScriptProbe(const CheckDefinition &definition, int outputLimit, QObject *parent = nullptr);
    ~ScriptProbe() override;

    void start() override;
    void cancel() override;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Run;

    void handleReadyRead();
    void handleFinished(int exitCode, QProcess::ExitStatus exitStatus);
    void handleError(QProcess::ProcessError error);
    void handleTimeout();
    QString capturedOutput() const;
    void finish(ProbeResult result);

    QStringList m_args;
    std::unique_ptr<Run> m_run;
    qint64 m_timeoutNs;
    int m_outputLimit;
    quint32 m_generation = 0;
    bool m_starting = false; ///< inside start(): results are posted, not emitted
};

} // namespace HealthDesk
