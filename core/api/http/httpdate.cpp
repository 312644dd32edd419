// SPDX-License-Identifier: MIT
#include "httpdate.h"

#include <cstdio>

namespace HealthDesk::Http {

QByteArray HttpDate::current()
{
    const std::time_t now = std::time(nullptr);
    if (now != m_second) {
        m_second = now;
        m_value = format(now);
    }
    return m_value;
}

QByteArray HttpDate::format(std::time_t time)
{
    // Locale-independent by construction: names are fixed by RFC 9110 §5.6.7.
    static constexpr char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    std::tm tm{};
    gmtime_r(&time, &tm);
    char buffer[32];
    const int length = std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d GMT", days[tm.tm_wday],
                                     tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
                                     tm.tm_sec);
    return QByteArray(buffer, length);
}

} // namespace HealthDesk::Http
