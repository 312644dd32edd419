// SPDX-License-Identifier: MIT
#pragma once

#include "checkbatch.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace HealthDesk {

class StateStore;

/// Lives on the core thread next to the store and turns its change notifications into value
/// batches (at most `maxPerSecond` of them) that views on other threads apply in place. Readers
/// on the GUI thread never touch the store itself.
class StoreFeed final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StoreFeed)

public:
    explicit StoreFeed(const StateStore &store, int maxPerSecond = 10, QObject *parent = nullptr);

    /// Emits a reset batch with every check (call once the receiver is connected).
    void publishSnapshot();

signals:
    void batchReady(const HealthDesk::CheckBatch &batch);

private:
    void handleChanged(const QStringList &ids);
    void handleRemoved(const QStringList &ids);
    void flush();

    const StateStore &m_store;
    QSet<QString> m_changed;
    QSet<QString> m_removed;
    QTimer m_timer;
};

} // namespace HealthDesk
