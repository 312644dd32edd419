// SPDX-License-Identifier: MIT
#include "pendingreply.h"

#include "httpconnection.h"
#include "replystate.h"
#include "response.h"

#include <QThread>

namespace HealthDesk::Http {

ReplyState::~ReplyState()
{
    if (!sent && connection)
        connection->abandonReply(sequence);
}

PendingReply::PendingReply(std::shared_ptr<ReplyState> state)
    : m_state(std::move(state))
{
}

bool PendingReply::send(Response response)
{
    if (!isActive())
        return false;
    Q_ASSERT_X(m_state->connection->thread() == QThread::currentThread(), "PendingReply::send",
               "replies must be sent on the server's thread");
    m_state->sent = true;
    m_state->goneCallbacks.clear();
    m_state->connection->completeReply(m_state->sequence, std::move(response));
    return true;
}

bool PendingReply::isActive() const
{
    return m_state && !m_state->sent && m_state->connection;
}

bool PendingReply::isClientGone() const
{
    return m_state && !m_state->sent && !m_state->connection;
}

void PendingReply::onClientGone(QObject *context, std::function<void()> callback)
{
    if (!m_state || m_state->sent || !context || !callback)
        return;
    if (!m_state->connection) {
        // Same contract as a later disconnect: never re-enter the caller.
        QMetaObject::invokeMethod(context, std::move(callback), Qt::QueuedConnection);
        return;
    }
    m_state->goneCallbacks.push_back({context, std::move(callback)});
}

QObject *PendingReply::lifetime() const
{
    return isActive() ? m_state->connection : nullptr;
}

} // namespace HealthDesk::Http
