// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkstatus.h"

#include <QMetaType>
#include <QString>

namespace HealthDesk {

/// What one execution of a probe produced, before the status handler's thresholds.
struct ProbeResult
{
    CheckStatus status = CheckStatus::Critical;
    QString output;
    qint64 latencyUs = 0; ///< from the moment the request really went out to the outcome
    int code = -1;        ///< HTTP status code or process exit code; -1 when there is none
    /// Script start failures and timeouts bypass the status handler in Consul (CONSUL.md §1.5).
    bool bypassThresholds = false;
};

} // namespace HealthDesk

Q_DECLARE_METATYPE(HealthDesk::ProbeResult)
