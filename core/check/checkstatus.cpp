// SPDX-License-Identifier: MIT
#include "checkstatus.h"

using namespace Qt::StringLiterals;

namespace HealthDesk {

QString checkStatusName(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Passing:
        return u"passing"_s;
    case CheckStatus::Warning:
        return u"warning"_s;
    case CheckStatus::Critical:
        return u"critical"_s;
    }
    return u"critical"_s;
}

std::optional<CheckStatus> checkStatusFromName(QStringView name)
{
    if (name == u"passing")
        return CheckStatus::Passing;
    if (name == u"warning")
        return CheckStatus::Warning;
    if (name == u"critical")
        return CheckStatus::Critical;
    return std::nullopt;
}

} // namespace HealthDesk
