// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace HealthDesk {

struct CheckState;

/// What the operator filters checks by: status buttons (several at once), a text search and
/// service/type choices. One plain class shared by the table's proxy, CSV export and the
/// command line, so "critical" means the same everywhere. Setters return whether anything
/// changed, so callers invalidate only when needed.
class CheckFilter
{
public:
    enum StatusFlag : quint8 {
        Passing = 1,
        Warning = 2,
        Critical = 4,
        Maintenance = 8, ///< checks of type "maintenance" (critical by Consul's rules)
        AllStatuses = Passing | Warning | Critical | Maintenance,
    };

    /// The flag a check falls under.
    static StatusFlag statusFlagOf(const CheckState &state);

    bool setStatuses(quint8 flags);
    bool setText(const QString &text);
    bool setService(const QString &serviceName); ///< empty = any
    bool setType(const QString &typeName);       ///< Consul type name, empty = any

    quint8 statuses() const { return m_statuses; }
    const QString &text() const { return m_text; }
    const QString &service() const { return m_service; }
    const QString &type() const { return m_type; }

    /// Text matches name, ID, service, notes and output, case-insensitively.
    bool matches(const CheckState &state) const;

private:
    quint8 m_statuses = AllStatuses;
    QString m_text;
    QString m_service;
    QString m_type;
};

} // namespace HealthDesk
