// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkstatus.h"

#include <QString>

#include <optional>

namespace HealthDesk {

/// Consul's StatusHandler (CONSUL.md §2): turns raw probe results into published states using
/// SuccessBeforePassing, FailuresBeforeWarning and FailuresBeforeCritical.
///
/// Both counters start at their thresholds, so the first result after (re)registration is
/// published whatever the thresholds are. A warning counts as a success.
class StatusHandler
{
public:
    struct Published
    {
        CheckStatus status;
        QString output;
        friend bool operator==(const Published &, const Published &) = default;
    };

    StatusHandler(int successBeforePassing, int failuresBeforeWarning, int failuresBeforeCritical);

    /// Returns what to publish for this result, or nothing when the thresholds hold it back
    /// (status and output then stay as they were).
    std::optional<Published> handle(CheckStatus status, const QString &output);

private:
    int m_successBeforePassing;
    int m_failuresBeforeWarning;
    int m_failuresBeforeCritical;
    int m_successCounter;
    int m_failuresCounter;
};

} // namespace HealthDesk
