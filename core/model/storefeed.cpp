// SPDX-License-Identifier: MIT
#include "storefeed.h"

#include "store/statestore.h"

namespace HealthDesk {

StoreFeed::StoreFeed(const StateStore &store, int maxPerSecond, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    qRegisterMetaType<HealthDesk::CheckBatch>();
    m_timer.setSingleShot(true);
    m_timer.setInterval(1000 / std::max(1, maxPerSecond));
    connect(&m_timer, &QTimer::timeout, this, &StoreFeed::flush);
    connect(&store, &StateStore::checksAdded, this, &StoreFeed::handleChanged);
    connect(&store, &StateStore::checksUpdated, this, &StoreFeed::handleChanged);
    connect(&store, &StateStore::checksRemoved, this, &StoreFeed::handleRemoved);
}

void StoreFeed::publishSnapshot()
{
    CheckBatch batch;
    batch.reset = true;
    batch.index = m_store.index();
    batch.upserts.reserve(m_store.checks().size());
    for (const CheckState &state : m_store.checks())
        batch.upserts.append(state);
    m_changed.clear();
    m_removed.clear();
    emit batchReady(batch);
}

void StoreFeed::handleChanged(const QStringList &ids)
{
    for (const QString &id : ids) {
        m_changed.insert(id);
        m_removed.remove(id);
    }
    if (!m_timer.isActive())
        m_timer.start();
}

void StoreFeed::handleRemoved(const QStringList &ids)
{
    for (const QString &id : ids) {
        m_removed.insert(id);
        m_changed.remove(id);
    }
    if (!m_timer.isActive())
        m_timer.start();
}

void StoreFeed::flush()
{
    CheckBatch batch;
    batch.index = m_store.index();
    batch.upserts.reserve(m_changed.size());
    for (const QString &id : std::as_const(m_changed)) {
        if (const CheckState *state = m_store.check(id))
            batch.upserts.append(*state);
        else
            batch.removed.append(id);
    }
    batch.removed += QStringList(m_removed.cbegin(), m_removed.cend());
    m_changed.clear();
    m_removed.clear();
    if (!batch.upserts.isEmpty() || !batch.removed.isEmpty())
        emit batchReady(batch);
}

} // namespace HealthDesk
