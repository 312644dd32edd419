// SPDX-License-Identifier: MIT
#include "transitionlogger.h"

#include "store/statestore.h"

#include <QLoggingCategory>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcChecks, "healthdesk.checks")

namespace HealthDesk {

TransitionLogger::TransitionLogger(const StateStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    connect(&store, &StateStore::checksAdded, this, &TransitionLogger::handleUpdated);
    connect(&store, &StateStore::checksUpdated, this, &TransitionLogger::handleUpdated);
    connect(&store, &StateStore::checksRemoved, this, &TransitionLogger::handleRemoved);
}

void TransitionLogger::handleUpdated(const QStringList &ids)
{
    for (const QString &id : ids) {
        const CheckState *state = m_store.check(id);
        if (!state)
            continue;
        const auto previous = m_lastStatus.constFind(id);
        if (previous != m_lastStatus.cend() && *previous == state->status)
            continue;
        const QString from = previous == m_lastStatus.cend() ? u"registered"_s : checkStatusName(*previous);
        m_lastStatus.insert(id, state->status);
        const QString line = u"check \"%1\" (%2): %3 -> %4: %5"_s.arg(
            id, checkKindName(state->definition.kind()), from, checkStatusName(state->status),
            state->output.section(u'\n', 0, 0).left(300));
        if (state->status == CheckStatus::Passing)
            qCInfo(lcChecks).noquote() << line;
        else
            qCWarning(lcChecks).noquote() << line;
    }
}

void TransitionLogger::handleRemoved(const QStringList &ids)
{
    for (const QString &id : ids) {
        if (m_lastStatus.remove(id))
            qCInfo(lcChecks).noquote() << u"check \"%1\" deregistered"_s.arg(id);
    }
}

} // namespace HealthDesk
