// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractSocket>

namespace HealthDesk {

/// unique_ptr deleter for a probe's per-run socket. Probes finish from inside the socket's own
/// signals, where deleting it is not safe; and a socket being closed must not call back into a
/// probe that has moved on. So: disconnect, abort, delete later.
struct DeferredSocketDeleter
{
    void operator()(QAbstractSocket *socket) const
    {
        socket->disconnect();
        socket->abort();
        socket->deleteLater();
    }
};

} // namespace HealthDesk
