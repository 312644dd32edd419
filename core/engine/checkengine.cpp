// SPDX-License-Identifier: MIT
#include "checkengine.h"

#include "clock.h"
#include "httpdispatcher.h"
#include "probe.h"
#include "probefactory.h"
#include "resultsink.h"

#include <QLoggingCategory>
#include <QRandomGenerator>

#include <algorithm>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcEngine, "healthdesk.engine")

namespace HealthDesk {

struct CheckEngine::Runner
{
    Runner(const CheckDefinition &def, int outputLimit)
        : id(def.id)
        , statusHandler(def.successBeforePassing, def.failuresBeforeWarning, def.failuresBeforeCritical)
        , ttlOutputLimit(outputLimit)
    {
    }

    // Only what scheduling needs: the store keeps the definition, the probe its own settings,
    // and 10,000 checks must fit in a few MiB.
    QString id;
    std::unique_ptr<Probe> probe; ///< null for TTL checks
    StatusHandler statusHandler;
    qint64 periodNs = 0;          ///< Interval (clamped) or TTL
    quint32 scheduleToken = 0;    ///< matches the one live scheduler entry; bumping it cancels
    qint64 nextDueNs = -1;
    bool inFlight = false;
    int ttlOutputLimit;
    bool ttlOutputSet = false;
    QString ttlLastOutput;
};

namespace {
// Consul keeps the head of TTL outputs (CheckTTL.SetStatus): byte-based, marker appended.
QString truncateHead(const QString &output, int limit)
{
    const QByteArray utf8 = output.toUtf8();
    if (limit <= 0 || utf8.size() <= limit)
        return output;
    return QString::fromUtf8(utf8.left(limit))
        + u" ... (captured %1 of %2 bytes)"_s.arg(limit).arg(utf8.size());
}
} // namespace

CheckEngine::CheckEngine(ResultSink &sink, const Clock &clock, const EngineOptions &options, QObject *parent)
    : QObject(parent)
    , m_sink(sink)
    , m_clock(clock)
    , m_options(options)
    , m_dispatcher(std::make_unique<HttpDispatcher>())
    , m_scheduler(
          clock, [this](quint32 slot, quint32 token, qint64 dueNs) { handleDue(slot, token, dueNs); }, this)
{
}

CheckEngine::~CheckEngine()
{
    removeAll();
}

int CheckEngine::outputLimitFor(const CheckDefinition &definition) const
{
    return effectiveOutputLimit(m_options.agentOutputMaxSize, definition.outputMaxSize);
}

void CheckEngine::addCheck(const CheckDefinition &definition, const StartOptions &options)
{
    removeCheck(definition.id);

    auto runner = std::make_unique<Runner>(definition, outputLimitFor(definition));
    const bool isTtl = definition.kind() == CheckKind::Ttl;
    if (isTtl) {
        runner->periodNs = definition.ttl.count();
    } else {
        ProbeContext context;
        context.dispatcher = m_dispatcher.get();
        context.outputLimit = m_options.agentOutputMaxSize;
        runner->probe = createProbe(definition, context);
        if (!runner->probe) {
            qCWarning(lcEngine) << "no probe for check" << definition.id << "of type" << checkKindName(definition.kind());
            return;
        }
        if (definition.interval.count() < kMinIntervalNs) {
            qCWarning(lcEngine).nospace() << "check " << definition.id << ": interval below the minimum, using 1s";
        }
        runner->periodNs = std::max<qint64>(definition.interval.count(), kMinIntervalNs);
    }

    quint32 slot;
    if (!m_freeSlots.empty()) {
        slot = m_freeSlots.back();
        m_freeSlots.pop_back();
    } else {
        slot = quint32(m_runners.size());
        m_runners.emplace_back();
    }
    if (runner->probe) {
        connect(runner->probe.get(), &Probe::finished, this,
                [this, slot](const ProbeResult &result) { handleFinished(slot, 0, result); });
    }
    Runner &r = *runner;
    m_runners[slot] = std::move(runner);
    m_slotById.insert(definition.id, slot);

    const qint64 now = m_clock.monotonicNs();
    if (isTtl) {
        qint64 dueNs = now + r.periodNs;
        if (options.ttlExpiresMs > 0)
            dueNs = now + std::max<qint64>(0, options.ttlExpiresMs - m_clock.wallMs()) * 1'000'000;
        else
            m_sink.setTtlExpiry(definition.id, m_clock.wallMs() + r.periodNs / 1'000'000);
        r.ttlOutputSet = options.ttlOutputKnown;
        r.ttlLastOutput = options.ttlLastOutput;
        scheduleNext(slot, r, dueNs);
        return;
    }
    const qint64 firstDue = options.firstDueNs
        ? *options.firstDueNs
        : now + qint64(QRandomGenerator::global()->bounded(quint64(r.periodNs)));
    scheduleNext(slot, r, firstDue);
}

void CheckEngine::removeCheck(const QString &id)
{
    const auto it = m_slotById.constFind(id);
    if (it == m_slotById.cend())
        return;
    const quint32 slot = *it;
    m_slotById.erase(it);
    releaseSlot(slot);
}

void CheckEngine::removeAll()
{
    m_scheduler.clear();
    m_slotById.clear();
    for (quint32 slot = 0; slot < m_runners.size(); ++slot) {
        if (m_runners[slot])
            releaseSlot(slot);
    }
}

void CheckEngine::releaseSlot(quint32 slot)
{
    std::unique_ptr<Runner> runner = std::move(m_runners[slot]);
    if (runner && runner->probe) {
        runner->probe->cancel();
        runner->probe->disconnect(this);
    }
    m_freeSlots.push_back(slot);
}

CheckEngine::Runner *CheckEngine::runnerFor(const QString &id)
{
    const auto it = m_slotById.constFind(id);
    return it == m_slotById.cend() ? nullptr : m_runners[*it].get();
}

std::optional<qint64> CheckEngine::nextDueNs(const QString &id) const
{
    const auto it = m_slotById.constFind(id);
    if (it == m_slotById.cend() || m_runners[*it]->nextDueNs < 0)
        return std::nullopt;
    return m_runners[*it]->nextDueNs;
}

void CheckEngine::scheduleNext(quint32 slot, Runner &runner, qint64 dueNs)
{
    // Tokens are engine-wide so that an entry left behind by a released slot can never match
    // the runner that reuses the slot.
    runner.scheduleToken = ++m_nextToken;
    runner.nextDueNs = dueNs;
    m_scheduler.schedule(dueNs, slot, runner.scheduleToken);
}

void CheckEngine::handleDue(quint32 slot, quint32 token, qint64 dueNs)
{
    if (slot >= m_runners.size() || !m_runners[slot] || m_runners[slot]->scheduleToken != token)
        return;
    Runner &runner = *m_runners[slot];
    runner.nextDueNs = -1;
    if (!runner.probe) {
        expireTtl(runner);
        return;
    }
    if (m_options.scheduling == SchedulingMode::FixedRate) {
        scheduleNext(slot, runner, dueNs + runner.periodNs);
        if (runner.inFlight) {
            if (m_observer)
                m_observer->runSkipped(runner.id, dueNs);
            return;
        }
    }
    startRun(runner, dueNs);
}

void CheckEngine::startRun(Runner &runner, qint64 dueNs)
{
    runner.inFlight = true;
    if (m_observer)
        m_observer->runStarted(runner.id, dueNs, m_clock.monotonicNs());
    runner.probe->start();
}

bool CheckEngine::runNow(const QString &id)
{
    const auto it = m_slotById.constFind(id);
    if (it == m_slotById.cend())
        return false;
    Runner &runner = *m_runners[*it];
    if (!runner.probe || runner.inFlight)
        return false;
    const qint64 now = m_clock.monotonicNs();
    if (m_options.scheduling == SchedulingMode::FixedDelay) {
        runner.scheduleToken = ++m_nextToken; // the regular run follows this one's end instead
        runner.nextDueNs = -1;
    }
    startRun(runner, now);
    return true;
}

void CheckEngine::handleFinished(quint32 slot, quint32, const ProbeResult &result)
{
    if (slot >= m_runners.size() || !m_runners[slot])
        return;
    Runner &runner = *m_runners[slot];
    runner.inFlight = false;
    const QString &id = runner.id;

    m_sink.recordRun(id, result, m_clock.wallMs());
    if (result.bypassThresholds) {
        m_sink.publish(id, result.status, result.output);
    } else if (const auto published = runner.statusHandler.handle(result.status, result.output)) {
        m_sink.publish(id, published->status, published->output);
    }
    if (m_observer)
        m_observer->runFinished(id, result);

    // The sink or observer may have removed this check.
    if (slot >= m_runners.size() || m_runners[slot].get() != &runner)
        return;
    if (m_options.scheduling == SchedulingMode::FixedDelay && runner.nextDueNs < 0)
        scheduleNext(slot, runner, m_clock.monotonicNs() + runner.periodNs);
}

void CheckEngine::expireTtl(Runner &runner)
{
    const QString output = runner.ttlOutputSet
        ? u"TTL expired (last output before timeout follows): "_s + runner.ttlLastOutput
        : u"TTL expired"_s;
    m_sink.publish(runner.id, CheckStatus::Critical, output);
}

std::optional<Error> CheckEngine::updateTtl(const QString &id, CheckStatus status, const QString &output)
{
    const auto it = m_slotById.constFind(id);
    if (it == m_slotById.cend()) {
        return Error{404, u"Unknown check ID \"%1\". Ensure that the check ID is passed, not the check name."_s.arg(id), {}};
    }
    const quint32 slot = *it;
    Runner &runner = *m_runners[slot];
    if (runner.probe)
        return Error{500, u"CheckID \"%1\" does not have associated TTL"_s.arg(id), {}};

    const QString kept = truncateHead(output, runner.ttlOutputLimit);
    runner.ttlOutputSet = true;
    runner.ttlLastOutput = kept;
    m_sink.publish(id, status, kept);
    m_sink.setTtlExpiry(id, m_clock.wallMs() + runner.periodNs / 1'000'000);
    scheduleNext(slot, runner, m_clock.monotonicNs() + runner.periodNs);
    return std::nullopt;
}

} // namespace HealthDesk
