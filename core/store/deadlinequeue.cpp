// SPDX-License-Identifier: MIT
#include "deadlinequeue.h"

namespace HealthDesk {

bool DeadlineQueue::insert(const QString &id, qint64 deadline)
{
    if (m_byId.contains(id))
        return false;
    m_byId.insert(id, m_byDeadline.emplace(deadline, id));
    return true;
}

bool DeadlineQueue::remove(const QString &id)
{
    const auto it = m_byId.constFind(id);
    if (it == m_byId.cend())
        return false;
    m_byDeadline.erase(*it);
    m_byId.erase(it);
    return true;
}

std::optional<qint64> DeadlineQueue::earliest() const
{
    if (m_byDeadline.empty())
        return std::nullopt;
    return m_byDeadline.begin()->first;
}

QStringList DeadlineQueue::takeDue(qint64 now)
{
    QStringList due;
    auto it = m_byDeadline.begin();
    for (; it != m_byDeadline.end() && it->first <= now; ++it) {
        m_byId.remove(it->second);
        due.append(it->second);
    }
    m_byDeadline.erase(m_byDeadline.begin(), it);
    return due;
}

QStringList DeadlineQueue::takeAll()
{
    QStringList all;
    all.reserve(m_byId.size());
    for (const auto &[deadline, id] : m_byDeadline)
        all.append(id);
    m_byDeadline.clear();
    m_byId.clear();
    return all;
}

} // namespace HealthDesk
