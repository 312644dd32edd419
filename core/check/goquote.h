// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

namespace HealthDesk {

/// Go's `%q` / strconv.Quote: double quotes around the text, `"` and `\` escaped, control and
/// other non-printable characters as Go escapes (`\n`, `\x01`, `\u200b`). Consul's error texts
/// quote keys and IDs this way (`json: unknown field "x"`, `ServiceID "web" does not exist`),
/// so clients that match on them see the same bytes.
QString goQuote(QStringView text);

} // namespace HealthDesk
