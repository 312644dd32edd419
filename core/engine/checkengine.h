// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkdefinition.h"
#include "check/result.h"
#include "proberesult.h"
#include "scheduler.h"
#include "statushandler.h"

#include <QHash>
#include <QObject>

#include <memory>
#include <optional>
#include <vector>

namespace HealthDesk {

class Clock;
class HttpDispatcher;
class Probe;
class ResultSink;

/// How the next run is timed.
enum class SchedulingMode : quint8 {
    FixedDelay, ///< Consul: Interval after the previous run *ends*; runs never overlap
    FixedRate,  ///< benchmark protocol: due times every Interval; a run still in flight is skipped
};

struct EngineOptions
{
    int agentOutputMaxSize = 4096;
    SchedulingMode scheduling = SchedulingMode::FixedDelay;
};

/// Notified synchronously on the engine thread; for benchmarks and `--once`, cheaper than signals.
class EngineObserver
{
public:
    virtual ~EngineObserver() = default;
    virtual void runStarted(const QString &checkId, qint64 dueNs, qint64 startNs) = 0;
    virtual void runSkipped(const QString &checkId, qint64 dueNs) = 0;
    virtual void runFinished(const QString &checkId, const ProbeResult &result) = 0;
};

/// Runs registered checks on their intervals with Consul's semantics: random initial stagger in
/// [0, Interval), Interval after each run ends, no overlap, a 1 s minimum interval, thresholds
/// through a StatusHandler, TTL timers with Consul's expiry outputs.
///
/// The engine does not validate or persist: CheckRegistry does that and then calls addCheck().
class CheckEngine final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckEngine)

public:
    static constexpr qint64 kMinIntervalNs = 1'000'000'000;

    CheckEngine(ResultSink &sink, const Clock &clock, const EngineOptions &options = {}, QObject *parent = nullptr);
    ~CheckEngine() override;

    struct StartOptions
    {
        /// First run at this monotonic time instead of a random stagger (benchmarks, run-once).
        std::optional<qint64> firstDueNs;
        /// TTL checks restored from the store: wall ms when their TTL runs out (0 = arm a full TTL).
        qint64 ttlExpiresMs = 0;
        /// TTL checks: the restored output counts as "set through this check" for expiry text.
        bool ttlOutputKnown = false;
        QString ttlLastOutput;
    };

    /// Starts (or restarts, with fresh thresholds) a check. Replaces a running one with that id.
    void addCheck(const CheckDefinition &definition, const StartOptions &options);
    void addCheck(const CheckDefinition &definition) { addCheck(definition, StartOptions{}); }
    void removeCheck(const QString &id);
    void removeAll();
    bool contains(const QString &id) const { return m_slotById.contains(id); }
    int checkCount() const { return int(m_slotById.size()); }

    /// Runs a check now unless a run is in flight; the regular schedule continues from its end.
    bool runNow(const QString &id);

    /// TTL update (`/v1/agent/check/pass|warn|fail|update`): 404 unknown, 500 not a TTL check.
    std::optional<Error> updateTtl(const QString &id, CheckStatus status, const QString &output);

    /// Monotonic time of the next scheduled run (or TTL expiry), if any.
    std::optional<qint64> nextDueNs(const QString &id) const;

    /// Runs whatever is due by the clock now. The engine's timer does this by itself; clocks that
    /// jump (tests with a fake clock) call it after moving time.
    void processDue() { m_scheduler.processDue(); }

    void setObserver(EngineObserver *observer) { m_observer = observer; }
    HttpDispatcher &httpDispatcher() { return *m_dispatcher; }
    /// Output limit for a definition: the agent limit, lowered (never raised) by OutputMaxSize.
    int outputLimitFor(const CheckDefinition &definition) const;

private:
    struct Runner;
    void handleDue(quint32 slot, quint32 token, qint64 dueNs);
    void startRun(Runner &runner, qint64 dueNs);
    void handleFinished(quint32 slot, quint32 token, const ProbeResult &result);
    void expireTtl(Runner &runner);
    void scheduleNext(quint32 slot, Runner &runner, qint64 dueNs);
    void releaseSlot(quint32 slot);
    Runner *runnerFor(const QString &id);

    ResultSink &m_sink;
    const Clock &m_clock;
    EngineOptions m_options;
    std::unique_ptr<HttpDispatcher> m_dispatcher;
    Scheduler m_scheduler;
    std::vector<std::unique_ptr<Runner>> m_runners; ///< indexed by slot; null = free
    std::vector<quint32> m_freeSlots;
    QHash<QString, quint32> m_slotById;
    EngineObserver *m_observer = nullptr;
    quint32 m_nextToken = 0;
};

} // namespace HealthDesk
