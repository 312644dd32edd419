// SPDX-License-Identifier: MIT
#include "checkfilter.h"

#include "store/checkstate.h"

namespace HealthDesk {

CheckFilter::StatusFlag CheckFilter::statusFlagOf(const CheckState &state)
{
    if (state.definition.kind() == CheckKind::Maintenance)
        return Maintenance;
    switch (state.status) {
    case CheckStatus::Passing:
        return Passing;
    case CheckStatus::Warning:
        return Warning;
    case CheckStatus::Critical:
        return Critical;
    }
    return Critical;
}

bool CheckFilter::setStatuses(quint8 flags)
{
    flags &= AllStatuses;
    if (flags == 0)
        flags = AllStatuses; // no button pressed shows everything
    return std::exchange(m_statuses, flags) != flags;
}

bool CheckFilter::setText(const QString &text)
{
    const QString trimmed = text.trimmed();
    return std::exchange(m_text, trimmed) != trimmed;
}

bool CheckFilter::setService(const QString &serviceName)
{
    return std::exchange(m_service, serviceName) != serviceName;
}

bool CheckFilter::setType(const QString &typeName)
{
    return std::exchange(m_type, typeName) != typeName;
}

bool CheckFilter::matches(const CheckState &state) const
{
    if (!(m_statuses & statusFlagOf(state)))
        return false;
    const CheckDefinition &d = state.definition;
    if (!m_service.isEmpty() && d.serviceName != m_service && d.serviceId != m_service)
        return false;
    if (!m_type.isEmpty() && checkKindName(d.kind()) != m_type)
        return false;
    if (m_text.isEmpty())
        return true;
    for (const QString *field : {&d.name, &d.id, &d.serviceName, &d.serviceId, &d.notes, &state.output}) {
        if (field->contains(m_text, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace HealthDesk
