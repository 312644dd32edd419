// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>

#include <ctime>

namespace HealthDesk::Http {

/// The IMF-fixdate for the `Date` header ("Sun, 06 Nov 1994 08:49:37 GMT"), formatted at most
/// once per second: at thousands of responses per second QDateTime formatting would show up.
class HttpDate
{
public:
    QByteArray current();
    static QByteArray format(std::time_t time);

private:
    std::time_t m_second = -1;
    QByteArray m_value;
};

} // namespace HealthDesk::Http
