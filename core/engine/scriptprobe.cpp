// SPDX-License-Identifier: MIT
#include "scriptprobe.h"

#include "check/checkdefinition.h"
#include "check/goduration.h"
#include "clock.h"
#include "outputtail.h"

#include <QFileInfo>
#include <QScopeGuard>
#include <QStandardPaths>
#include <QTimerEvent>

#include <signal.h>
#include <unistd.h>

#include <chrono>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
void killProcessGroup(qint64 pid)
{
    if (pid <= 0)
        return;
    // Fails only when the child has not reached setpgid() yet, i.e. has not exec'd and so has
    // no children of its own: killing it alone is enough then.
    if (::kill(-pid_t(pid), SIGKILL) != 0)
        ::kill(pid_t(pid), SIGKILL);
}
} // namespace

struct ScriptProbe::Run
{
    explicit Run(qsizetype outputLimit) : tail(outputLimit) {}
    Run(const Run &) = delete;
    Run &operator=(const Run &) = delete;
    /// Only reached with a live process on cancel(): QProcess's destructor kills and reaps it.
    ~Run() { delete process; }

    QProcess *process = nullptr;
    OutputTail tail;
    qint64 startNs = 0;
    int timerId = 0;
    bool timedOut = false;
};

ScriptProbe::ScriptProbe(const CheckDefinition &definition, int outputLimit, QObject *parent)
    : Probe(parent)
    , m_args(definition.scriptArgs)
    , m_timeoutNs(definition.timeout.count() > 0 ? definition.timeout.count() : kDefaultTimeoutMs * 1'000'000)
    , m_outputLimit(outputLimit)
{
}

ScriptProbe::~ScriptProbe()
{
    cancel();
}

void ScriptProbe::start()
{
    Q_ASSERT(!m_run);
    m_run = std::make_unique<Run>(m_outputLimit);
    m_run->startNs = SystemClock::instance().monotonicNs();
    m_starting = true;
    const auto started = qScopeGuard([this] { m_starting = false; });
    m_run->process = new QProcess;
    QProcess &process = *m_run->process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setStandardInputFile(QProcess::nullDevice());
    // Its own process group, so that a timeout can kill everything the check started.
    process.setChildProcessModifier([] { ::setpgid(0, 0); });
    connect(&process, &QProcess::readyReadStandardOutput, this, &ScriptProbe::handleReadyRead);
    connect(&process, &QProcess::finished, this, &ScriptProbe::handleFinished);
    connect(&process, &QProcess::errorOccurred, this, &ScriptProbe::handleError);

    const QString program = m_args.value(0);
    QString failure;
    if (program.isEmpty()) {
        failure = u"exec: no command"_s;
    } else if (!program.contains(u'/')) {
        // Resolve like Go's exec.LookPath so that the error reads like Consul's.
        if (QStandardPaths::findExecutable(program).isEmpty())
            failure = u"exec: \""_s + program + u"\": executable file not found in $PATH"_s;
    } else if (const QFileInfo info(program); !info.exists()) {
        failure = u"fork/exec "_s + program + u": no such file or directory"_s;
    } else if (!info.isExecutable() || info.isDir()) {
        failure = u"fork/exec "_s + program + u": permission denied"_s;
    }
    if (!failure.isEmpty()) {
        ProbeResult result;
        result.output = failure;
        result.bypassThresholds = true;
        finish(std::move(result));
        return;
    }
    m_run->timerId = startTimer(std::chrono::milliseconds(std::max<qint64>(1, m_timeoutNs / 1'000'000)),
                                Qt::PreciseTimer);
    process.start(program, m_args.mid(1), QIODevice::ReadOnly);
}

void ScriptProbe::cancel()
{
    ++m_generation; // also drops a result posted from inside start()
    if (!m_run)
        return;
    if (m_run->timerId)
        killTimer(m_run->timerId);
    QProcess &process = *m_run->process;
    process.disconnect(this);
    killProcessGroup(process.processId());
    // QProcess's destructor reaps the (already killed) child.
    m_run.reset();
}

void ScriptProbe::timerEvent(QTimerEvent *event)
{
    if (!m_run || event->timerId() != m_run->timerId) {
        Probe::timerEvent(event);
        return;
    }
    handleTimeout();
}

void ScriptProbe::handleReadyRead()
{
    char chunk[16 * 1024];
    QProcess &process = *m_run->process;
    for (;;) {
        const qint64 n = process.read(chunk, sizeof chunk);
        if (n <= 0)
            break;
        m_run->tail.append(QByteArrayView(chunk, n));
    }
}

void ScriptProbe::handleTimeout()
{
    killTimer(m_run->timerId);
    m_run->timerId = 0;
    m_run->timedOut = true;
    // The whole group: a shell's children must not outlive the check. The result follows once
    // QProcess has reaped the child (handleFinished).
    killProcessGroup(m_run->process->processId());
}

QString ScriptProbe::capturedOutput() const
{
    const OutputTail &tail = m_run->tail;
    QString text = QString::fromUtf8(tail.bytes());
    if (tail.truncated())
        text = u"Captured %1 of %2 bytes\n...\n"_s.arg(tail.limit()).arg(tail.total()) + text;
    return text;
}

void ScriptProbe::handleFinished(int exitCode, QProcess::ExitStatus exitStatus)
{
    if (!m_run)
        return;
    handleReadyRead();
    ProbeResult result;
    if (m_run->timedOut) {
        result.output = u"Timed out (%1) running check"_s.arg(formatGoDuration(m_timeoutNs));
        if (const QString captured = capturedOutput(); !captured.isEmpty())
            result.output += u"\n\n"_s + captured;
        result.bypassThresholds = true;
        finish(std::move(result));
        return;
    }
    const bool crashed = exitStatus == QProcess::CrashExit;
    result.code = crashed ? -1 : exitCode;
    result.status = crashed || exitCode > 1 || exitCode < 0 ? CheckStatus::Critical
        : exitCode == 1                                     ? CheckStatus::Warning
                                                            : CheckStatus::Passing;
    result.output = capturedOutput();
    finish(std::move(result));
}

void ScriptProbe::handleError(QProcess::ProcessError error)
{
    // Only a failed start has no finished() to follow; crashes and timeouts end there.
    if (!m_run || error != QProcess::FailedToStart)
        return;
    ProbeResult result;
    result.output = u"fork/exec "_s + m_args.value(0) + u": "_s + m_run->process->errorString();
    result.bypassThresholds = true;
    finish(std::move(result));
}

void ScriptProbe::finish(ProbeResult result)
{
    result.latencyUs = (SystemClock::instance().monotonicNs() - m_run->startNs) / 1000;
    if (m_run->timerId)
        killTimer(m_run->timerId);
    // The process has exited and been reaped (or never started). We may be inside one of its
    // signals, so it is deleted later.
    m_run->process->disconnect(this);
    m_run->process->deleteLater();
    m_run->process = nullptr;
    m_run.reset();
    ++m_generation;
    if (m_starting) {
        // Never emit from inside start(): the caller expects the run to be in flight.
        QMetaObject::invokeMethod(
            this,
            [this, generation = m_generation, result] {
                if (generation == m_generation)
                    emit finished(result);
            },
            Qt::QueuedConnection);
        return;
    }
    // Last statement: a receiver may delete this probe.
    emit finished(result);
}

} // namespace HealthDesk
