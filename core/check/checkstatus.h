// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <optional>

namespace HealthDesk {

/// Consul's three health states. Maintenance is not a status: Consul models it as a critical
/// check of type "maintenance".
enum class CheckStatus : quint8 {
    Passing,
    Warning,
    Critical,
};

/// Consul's wire names: "passing", "warning", "critical".
QString checkStatusName(CheckStatus status);

/// Exact, case-sensitive match like Consul (`"PASSING"` is rejected).
std::optional<CheckStatus> checkStatusFromName(QStringView name);

/// Higher is worse; used to sort by severity and to compute the worst state.
constexpr int checkStatusSeverity(CheckStatus status) { return static_cast<int>(status); }

} // namespace HealthDesk
