// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkstatus.h"

#include <QHash>
#include <QObject>

namespace HealthDesk {

class StateStore;

/// Logs every check's status transition (the headless agent's main output), e.g.
/// `check "web" (http): passing -> critical: HTTP GET http://…: 503 Service Unavailable Output: …`.
class TransitionLogger final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TransitionLogger)

public:
    explicit TransitionLogger(const StateStore &store, QObject *parent = nullptr);

private:
    void handleUpdated(const QStringList &ids);
    void handleRemoved(const QStringList &ids);

    const StateStore &m_store;
    QHash<QString, CheckStatus> m_lastStatus;
};

} // namespace HealthDesk
