// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QString>
#include <QStringList>

#include <map>
#include <optional>

namespace HealthDesk {

/// Ids with a deadline each, earliest first, so one timer can serve thousands of them.
class DeadlineQueue final
{
public:
    /// Keeps an id's existing deadline: returns false then.
    bool insert(const QString &id, qint64 deadline);
    bool remove(const QString &id);
    bool contains(const QString &id) const { return m_byId.contains(id); }
    bool isEmpty() const { return m_byId.isEmpty(); }
    qsizetype size() const { return m_byId.size(); }
    std::optional<qint64> earliest() const;
    /// Removes and returns every id whose deadline is at or before `now`, earliest first.
    QStringList takeDue(qint64 now);
    /// Removes and returns every id.
    QStringList takeAll();

private:
    using Order = std::multimap<qint64, QString>;
    Order m_byDeadline;
    QHash<QString, Order::iterator> m_byId;
};

} // namespace HealthDesk
