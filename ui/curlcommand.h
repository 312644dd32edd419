// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkdefinition.h"

#include <QString>

namespace HealthDesk::CurlCommand {

/// `curl --request PUT --data '<Consul JSON>' http://<address>:<port>/v1/agent/check/register`,
/// quoted for a POSIX shell. With `tokenHeader` the command reads the token from
/// $CONSUL_HTTP_TOKEN rather than carrying a secret.
QString registerCheck(const CheckDefinition &definition, const QString &address, int port, bool tokenHeader);

/// Wraps a string in single quotes for sh (`'` becomes `'\''`).
QString shellQuote(const QString &text);

} // namespace HealthDesk::CurlCommand
