// SPDX-License-Identifier: MIT
#include "statushandler.h"

#include <algorithm>

namespace HealthDesk {

StatusHandler::StatusHandler(int successBeforePassing, int failuresBeforeWarning, int failuresBeforeCritical)
    : m_successBeforePassing(std::max(0, successBeforePassing))
    , m_failuresBeforeWarning(std::max(0, failuresBeforeWarning))
    , m_failuresBeforeCritical(std::max(0, failuresBeforeCritical))
{
    // Consul defaults an unset warning threshold to the critical one (Agent.addCheck).
    if (m_failuresBeforeWarning == 0)
        m_failuresBeforeWarning = m_failuresBeforeCritical;
    m_successCounter = m_successBeforePassing;
    m_failuresCounter = m_failuresBeforeCritical;
}

std::optional<StatusHandler::Published> StatusHandler::handle(CheckStatus status, const QString &output)
{
    if (status != CheckStatus::Critical) {
        ++m_successCounter;
        m_failuresCounter = 0;
        if (m_successCounter >= m_successBeforePassing)
            return Published{status, output};
        return std::nullopt;
    }

    ++m_failuresCounter;
    m_successCounter = 0;
    if (m_failuresCounter >= m_failuresBeforeCritical)
        return Published{CheckStatus::Critical, output};
    if (m_failuresCounter >= m_failuresBeforeWarning)
        return Published{CheckStatus::Warning, output};
    return std::nullopt;
}

} // namespace HealthDesk
