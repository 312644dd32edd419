// SPDX-License-Identifier: MIT
#include "statestore.h"

#include "engine/clock.h"
#include "storewriter.h"

#include <QLoggingCategory>
#include <QRandomGenerator>
#include <QSemaphore>
#include <QThread>

#include <algorithm>
#include <atomic>
#include <limits>

using namespace Qt::StringLiterals;

namespace HealthDesk {

Q_DECLARE_LOGGING_CATEGORY(lcStore)

namespace {
constexpr int kUpdatedCoalesceMs = 100; // checksUpdated at most ten times a second
constexpr int kRetentionIntervalMs = 3600 * 1000;
constexpr qsizetype kHistoryOutputChars = 200;
// Indexes reserved in the database ahead of use. A new block is queued when half of the current
// one is used, so a crash never loses sight of an index that was handed out.
constexpr quint64 kIndexBlock = 1'000'000;

QString historyOutput(const QString &output)
{
    QString line = output.section(u'\n', 0, 0);
    if (line.endsWith(u'\r'))
        line.chop(1);
    if (line.size() > kHistoryOutputChars)
        line.truncate(kHistoryOutputChars);
    return line;
}
} // namespace

void StateStore::ThreadStopper::operator()(QThread *thread) const
{
    thread->quit();
    thread->wait();
    delete thread;
}

StateStore::StateStore(const Clock &clock, const StoreOptions &options)
    : m_clock(clock)
    , m_options(options)
{
    m_steady.start();
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(std::max(0, options.flushIntervalMs));
    connect(&m_flushTimer, &QTimer::timeout, this, &StateStore::sendBatch);
    m_deferredTimer.setSingleShot(true);
    m_deferredTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_deferredTimer, &QTimer::timeout, this, &StateStore::syncDueOutputs);
    m_updatedTimer.setSingleShot(true);
    m_updatedTimer.setInterval(kUpdatedCoalesceMs);
    connect(&m_updatedTimer, &QTimer::timeout, this, &StateStore::emitUpdated);
    m_retentionTimer.setInterval(kRetentionIntervalMs);
    connect(&m_retentionTimer, &QTimer::timeout, this, &StateStore::pruneHistory);
}

Result<std::unique_ptr<StateStore>> StateStore::open(
    const QString &path, const Clock &clock, const StoreOptions &options)
{
    std::unique_ptr<StateStore> store(new StateStore(clock, options));
    StateStore *self = store.get();
    self->m_path = path;
    self->m_thread.reset(new QThread);
    self->m_thread->setObjectName(u"healthdesk-store"_s);
    auto *writer = new StoreWriter(path, options.busyTimeoutMs, std::max<qsizetype>(0, options.maxQueuedHistoryRows));
    writer->moveToThread(self->m_thread.get());
    connect(self->m_thread.get(), &QThread::finished, writer, &QObject::deleteLater);
    self->m_writer = writer;
    self->m_thread->start();

    StoreLoad load;
    QMetaObject::invokeMethod(
        writer, [&load, writer] { load = writer->open(kIndexBlock); }, Qt::BlockingQueuedConnection);
    if (!load.error.isEmpty())
        return Error{500, load.error, {}};

    connect(writer, &StoreWriter::durableFinished, self, &StateStore::handleDurableFinished);
    connect(writer, &StoreWriter::storageFailed, self, [self](const QString &message) {
        qCWarning(lcStore).noquote() << message;
        self->m_storageError = message;
        emit self->storageErrorOccurred(message);
    });
    connect(writer, &StoreWriter::storageRecovered, self, [self] {
        qCInfo(lcStore).noquote() << u"database %1: writes work again"_s.arg(self->m_path);
        self->m_storageError.clear();
        emit self->storageRecovered();
    });
    connect(
        writer, &StoreWriter::historyRowsDropped, self, [self](qint64 total) {
            if (self->m_droppedHistoryRows == 0 || total / 10'000 != self->m_droppedHistoryRows / 10'000) {
                qCWarning(lcStore).noquote()
                    << u"database %1: %2 history rows dropped so far while the database refused writes"_s
                           .arg(self->m_path)
                           .arg(total);
            }
            self->m_droppedHistoryRows = total;
        });

    self->m_index = load.index;
    self->m_allocatedIndex = load.index;
    self->m_reservedIndex = load.reservedIndex;
    // What a table looked like before the restart is unknown (removals leave no row), so
    // blocking queries see both tables as changed at the current index.
    self->m_checksIndex = load.index;
    self->m_servicesIndex = load.index;
    self->m_checks.reserve(load.checks.size());
    for (CheckState &state : load.checks)
        self->m_checks.insert(state.id(), std::move(state));
    for (ServiceState &service : load.services)
        self->m_services.insert(service.definition.id, std::move(service));
    if (load.unreadableRows > 0) {
        qCWarning(lcStore).noquote()
            << u"database %1: %2 stored definitions could not be read and were skipped"_s.arg(path).arg(
                   load.unreadableRows);
    }

    if (options.historyRetentionMs > 0) {
        self->pruneHistory();
        self->m_retentionTimer.start();
    }
    return Result<std::unique_ptr<StateStore>>(std::move(store));
}

StateStore::~StateStore()
{
    if (m_writer) {
        sendBatch();
        // The writer handles its queue in order: close() runs after everything sent before it.
        QMetaObject::invokeMethod(
            m_writer, [writer = m_writer] { writer->close(); }, Qt::BlockingQueuedConnection);
    }
    m_thread.reset();
}

QString StateStore::databasePath() const
{
    return m_path;
}

quint64 StateStore::tableIndex(StoreTable table) const
{
    quint64 index = 0;
    if (quint8(table) & quint8(StoreTable::Checks))
        index = std::max(index, m_checksIndex);
    if (quint8(table) & quint8(StoreTable::Services))
        index = std::max(index, m_servicesIndex);
    return std::max<quint64>(index, 1);
}

const CheckState *StateStore::check(const QString &id) const
{
    const auto it = m_checks.constFind(id);
    return it == m_checks.cend() ? nullptr : &*it;
}

const ServiceState *StateStore::service(const QString &id) const
{
    const auto it = m_services.constFind(id);
    return it == m_services.cend() ? nullptr : &*it;
}

// ---- Index and notifications --------------------------------------------------------------

quint64 StateStore::nextIndex()
{
    ++m_allocatedIndex;
    if (m_allocatedIndex + kIndexBlock / 2 >= m_reservedIndex) {
        m_reservedIndex = m_allocatedIndex + kIndexBlock;
        m_batch.reservedIndex = m_reservedIndex;
        scheduleFlush();
    }
    return m_allocatedIndex;
}

void StateStore::finishChange(quint64 index, quint8 tables)
{
    m_index = index;
    if (tables & quint8(StoreTable::Checks))
        m_checksIndex = index;
    if (tables & quint8(StoreTable::Services))
        m_servicesIndex = index;
    emit indexChanged(index, StoreTable(tables));
}

void StateStore::queueState(const CheckState &state)
{
    m_batch.states.insert(state.id(), StateRow::of(state));
    scheduleFlush();
}

void StateStore::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void StateStore::markUpdated(const QString &id)
{
    m_updatedIds.insert(id);
    if (!m_updatedTimer.isActive())
        m_updatedTimer.start();
}

void StateStore::emitUpdated()
{
    QStringList ids(m_updatedIds.cbegin(), m_updatedIds.cend());
    m_updatedIds.clear();
    if (ids.isEmpty())
        return;
    ids.sort();
    emit checksUpdated(ids);
}

void StateStore::sendBatch()
{
    m_flushTimer.stop();
    if (m_batch.isEmpty())
        return;
    QMetaObject::invokeMethod(
        m_writer,
        [writer = m_writer, batch = std::exchange(m_batch, WriteBatch())]() mutable {
            writer->enqueue(std::move(batch));
        },
        Qt::QueuedConnection);
}

bool StateStore::flush(int timeoutMs)
{
    if (!m_writer)
        return false;
    sendBatch();
    struct Ticket
    {
        QSemaphore done;
        std::atomic_bool committed = false;
    };
    // Shared: after a timeout the writer still finishes with it.
    auto ticket = std::make_shared<Ticket>();
    QMetaObject::invokeMethod(
        m_writer,
        [writer = m_writer, ticket] {
            ticket->committed = writer->commitNow();
            ticket->done.release();
        },
        Qt::QueuedConnection);
    return ticket->done.tryAcquire(1, timeoutMs) && ticket->committed;
}

void StateStore::pruneHistory()
{
    if (m_options.historyRetentionMs <= 0)
        return;
    const qint64 cutoffMs = m_clock.wallMs() - m_options.historyRetentionMs;
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer, cutoffMs] { writer->pruneHistory(cutoffMs); }, Qt::QueuedConnection);
}

// ---- Durable mutations --------------------------------------------------------------------

CheckState StateStore::mergedPut(const CheckState &incoming, quint64 index) const
{
    CheckState state = incoming;
    state.catalogOutput = state.output;
    state.modifyIndex = index;
    if (const CheckState *existing = check(incoming.id())) {
        state.createIndex = existing->createIndex;
        // A re-registration must not lose what the last run measured.
        state.lastRunMs = existing->lastRunMs;
        state.latencyUs = existing->latencyUs;
        state.lastCode = existing->lastCode;
        if (state.lastChangeMs == 0)
            state.lastChangeMs = existing->status == state.status ? existing->lastChangeMs : m_clock.wallMs();
    } else {
        state.createIndex = index;
        if (state.lastChangeMs == 0)
            state.lastChangeMs = m_clock.wallMs();
    }
    if (const ServiceState *owner = service(state.definition.serviceId)) {
        state.definition.serviceName = owner->definition.name;
        state.definition.serviceTags = owner->definition.tags;
    }
    return state;
}

DurableOp StateStore::newOp()
{
    DurableOp op;
    op.id = m_nextOpId++;
    op.index = nextIndex();
    return op;
}

void StateStore::submit(DurableOp op, QObject *context, Completion done)
{
    // Rows queued before the mutation reach the writer before it.
    sendBatch();
    QMetaObject::invokeMethod(
        m_writer, [writer = m_writer, op] { writer->execute(op); }, Qt::QueuedConnection);
    m_pendingDurable.insert(op.id, PendingDurable{context, context != nullptr, std::move(done), std::move(op)});
}

void StateStore::handleDurableFinished(quint64 opId, const QString &error)
{
    const auto it = m_pendingDurable.find(opId);
    if (it == m_pendingDurable.end())
        return;
    PendingDurable pending = std::move(*it);
    m_pendingDurable.erase(it);
    if (error.isEmpty())
        apply(pending.op);
    else
        qCInfo(lcStore).noquote() << error;
    if (pending.done && (!pending.hasContext || pending.context))
        pending.done(error.isEmpty() ? std::nullopt : std::optional<Error>(Error{500, error, {}}));
}

void StateStore::putChecks(const QList<CheckState> &states, QObject *context, Completion done)
{
    DurableOp op = newOp();
    op.putChecks.reserve(states.size());
    for (const CheckState &state : states)
        op.putChecks.append(mergedPut(state, op.index));
    submit(std::move(op), context, std::move(done));
}

void StateStore::removeChecks(const QStringList &ids, QObject *context, Completion done)
{
    DurableOp op = newOp();
    op.removeCheckIds = ids;
    submit(std::move(op), context, std::move(done));
}

void StateStore::putService(const ServiceDefinition &service, const QList<CheckState> &checks,
    const QStringList &removedCheckIds, QObject *context, Completion done)
{
    DurableOp op = newOp();
    ServiceState state;
    state.definition = service;
    state.definition.checks.clear();
    const ServiceState *existing = this->service(service.id);
    state.createIndex = existing ? existing->createIndex : op.index;
    state.modifyIndex = op.index;
    op.removeCheckIds = removedCheckIds;
    op.putService = state;
    op.putChecks.reserve(checks.size());
    for (const CheckState &check : checks)
        op.putChecks.append(mergedPut(check, op.index));
    submit(std::move(op), context, std::move(done));
}

void StateStore::removeService(const QString &id, QObject *context, Completion done)
{
    DurableOp op = newOp();
    op.removeServiceId = id;
    for (const CheckState &check : std::as_const(m_checks)) {
        if (check.definition.serviceId == id)
            op.removeCheckIds.append(check.id());
    }
    submit(std::move(op), context, std::move(done));
}

void StateStore::apply(const DurableOp &op)
{
    const bool removesSomething = std::any_of(op.removeCheckIds.cbegin(), op.removeCheckIds.cend(),
                                      [this](const QString &id) { return m_checks.contains(id); })
        || (!op.removeServiceId.isEmpty() && m_services.contains(op.removeServiceId));
    if (!removesSomething && !op.putService && op.putChecks.isEmpty())
        return; // nothing visible changed: no index

    // The rows were committed stamped with op.index. If another change became visible meanwhile,
    // this one must still come after it for blocking queries: restamp with a newer index.
    const quint64 index = op.index > m_index ? op.index : nextIndex();
    quint8 tables = 0;
    QStringList removed;
    QStringList added;
    QStringList updated;
    for (const QString &id : op.removeCheckIds) {
        if (!m_checks.remove(id))
            continue;
        removed.append(id);
        m_deferredSyncs.remove(id);
        m_updatedIds.remove(id);
        m_batch.states.remove(id);
        tables |= quint8(StoreTable::Checks);
    }
    if (!op.removeServiceId.isEmpty() && m_services.remove(op.removeServiceId)) {
        m_batch.serviceIndexes.remove(op.removeServiceId);
        tables |= quint8(StoreTable::Services);
    }
    if (op.putService) {
        ServiceState service = *op.putService;
        const QString &id = service.definition.id;
        const ServiceState *existing = this->service(id);
        service.createIndex = existing ? existing->createIndex : index;
        service.modifyIndex = index;
        if (service.createIndex != op.putService->createIndex || index != op.index) {
            m_batch.serviceIndexes.insert(id, ServiceIndexRow{id, service.createIndex, service.modifyIndex});
            scheduleFlush();
        }
        m_services.insert(id, service);
        tables |= quint8(StoreTable::Services);
        // Readers show a check's service name and tags: its existing checks change with it.
        for (CheckState &check : m_checks) {
            if (check.definition.serviceId != id
                || (check.definition.serviceName == service.definition.name
                    && check.definition.serviceTags == service.definition.tags))
                continue;
            check.definition.serviceName = service.definition.name;
            check.definition.serviceTags = service.definition.tags;
            check.modifyIndex = index;
            queueState(check);
            updated.append(check.id());
            tables |= quint8(StoreTable::Checks);
        }
    }
    for (const CheckState &committed : op.putChecks) {
        const bool isNew = !m_checks.contains(committed.id());
        CheckState state = mergedPut(committed, index); // again: runs may have finished meanwhile
        m_deferredSyncs.remove(state.id());
        if (StateRow::of(state) != StateRow::of(committed))
            queueState(state);
        (isNew ? added : updated).append(state.id());
        m_checks.insert(state.id(), std::move(state));
        tables |= quint8(StoreTable::Checks);
    }
    finishChange(index, tables);
    if (!removed.isEmpty())
        emit checksRemoved(removed);
    if (!added.isEmpty())
        emit checksAdded(added);
    if (!updated.isEmpty()) {
        // At once, not in the next window: whoever watches transitions must see a
        // re-registration (restored checks restart critical) before the results that follow it.
        for (const QString &id : std::as_const(updated))
            m_updatedIds.insert(id);
        emitUpdated();
    }
}

// ---- Write-behind updates -----------------------------------------------------------------

void StateStore::recordRun(const QString &id, const ProbeResult &result, qint64 finishedMs)
{
    const auto it = m_checks.find(id);
    if (it == m_checks.end())
        return;
    it->lastRunMs = finishedMs;
    it->latencyUs = result.latencyUs;
    it->lastCode = result.code;
    queueState(*it);
    m_batch.history.append(
        HistoryEntry{id, finishedMs, result.status, result.latencyUs, result.code, historyOutput(result.output)});
    markUpdated(id);
}

void StateStore::publish(const QString &id, CheckStatus status, const QString &output)
{
    const auto it = m_checks.find(id);
    if (it == m_checks.end() || (it->status == status && it->output == output))
        return;
    const bool statusChanged = it->status != status;
    it->output = output;
    quint64 index = 0;
    if (statusChanged || m_checkUpdateIntervalMs <= 0) {
        m_deferredSyncs.remove(id);
        if (statusChanged) {
            it->status = status;
            it->lastChangeMs = m_clock.wallMs();
        }
        if (statusChanged || it->catalogOutput != output) {
            it->catalogOutput = output;
            index = nextIndex();
            it->modifyIndex = index;
        }
    } else if (it->catalogOutput == output) {
        m_deferredSyncs.remove(id); // back to what the catalog shows: nothing left to sync
    } else {
        // Consul's check_update_interval (CONSUL.md §5.4): the agent view shows the output now,
        // the catalog after a random delay in [I/2, 3I/2); later output-only changes ride along.
        const qint64 interval = m_checkUpdateIntervalMs;
        const qint64 delay = interval / 2 + QRandomGenerator::global()->bounded(interval);
        if (m_deferredSyncs.insert(id, m_steady.elapsed() + delay))
            armDeferredTimer();
    }
    queueState(*it);
    markUpdated(id);
    if (index != 0)
        finishChange(index, quint8(StoreTable::Checks));
}

void StateStore::setTtlExpiry(const QString &id, qint64 expiresMs)
{
    const auto it = m_checks.find(id);
    if (it == m_checks.end() || it->ttlExpiresMs == expiresMs)
        return;
    it->ttlExpiresMs = expiresMs;
    queueState(*it);
    markUpdated(id);
}

void StateStore::setCheckUpdateInterval(qint64 ms)
{
    m_checkUpdateIntervalMs = std::max<qint64>(0, ms);
    if (m_checkUpdateIntervalMs == 0) {
        m_deferredTimer.stop();
        syncOutputs(m_deferredSyncs.takeAll());
    }
}

void StateStore::syncDueOutputs()
{
    syncOutputs(m_deferredSyncs.takeDue(m_steady.elapsed()));
    armDeferredTimer();
}

void StateStore::armDeferredTimer()
{
    const std::optional<qint64> earliest = m_deferredSyncs.earliest();
    if (!earliest) {
        m_deferredTimer.stop();
        return;
    }
    const qint64 waitMs = std::clamp<qint64>(*earliest - m_steady.elapsed(), 0, std::numeric_limits<int>::max());
    m_deferredTimer.start(int(waitMs));
}

void StateStore::syncOutputs(const QStringList &ids)
{
    QStringList changed;
    for (const QString &id : ids) {
        const auto it = m_checks.constFind(id);
        if (it != m_checks.cend() && it->catalogOutput != it->output)
            changed.append(id);
    }
    if (changed.isEmpty())
        return;
    // One sync, one index, like one catalog update carrying several checks.
    const quint64 index = nextIndex();
    for (const QString &id : std::as_const(changed)) {
        CheckState &state = m_checks[id];
        state.catalogOutput = state.output;
        state.modifyIndex = index;
        queueState(state);
        markUpdated(id);
    }
    finishChange(index, quint8(StoreTable::Checks));
}

// ---- Queries ------------------------------------------------------------------------------

void StateStore::queryHistory(const QString &id, qint64 fromMs, qint64 toMs, QObject *context,
    std::function<void(Result<QList<HistoryEntry>>)> done)
{
    // Runs recorded so far go along, so the answer includes them.
    sendBatch();
    const quint64 queryId = m_nextOpId++;
    m_pendingQueries.insert(queryId, PendingQuery{context, context != nullptr, std::move(done)});
    QMetaObject::invokeMethod(
        m_writer,
        [writer = m_writer, self = this, queryId, id, fromMs, toMs] {
            // The store outlives its writer thread, so posting back to it is safe.
            QMetaObject::invokeMethod(
                self,
                [self, queryId, result = writer->queryHistory(id, fromMs, toMs)] {
                    self->finishQuery(queryId, result);
                },
                Qt::QueuedConnection);
        },
        Qt::QueuedConnection);
}

void StateStore::finishQuery(quint64 queryId, const Result<QList<HistoryEntry>> &result)
{
    const PendingQuery pending = m_pendingQueries.take(queryId);
    if (pending.done && (!pending.hasContext || pending.context))
        pending.done(result);
}

} // namespace HealthDesk
