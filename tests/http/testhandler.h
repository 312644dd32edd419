// SPDX-License-Identifier: MIT
#pragma once

#include "api/http/pendingreply.h"
#include "api/http/requesthandler.h"

#include <QList>
#include <QObject>
#include <QStringList>

namespace HealthDesk::Http::Testing {

/// Answers by path: /hold keeps the reply, /drop forgets it, /big?size=N sends N bytes of JSON,
/// /close ends the connection, anything else echoes what it received. `?tag=` labels a request.
class TestHandler final : public RequestHandler
{
public:
    struct Held
    {
        PendingReply reply;
        QString tag;
    };

    void handleRequest(const Request &request, PendingReply reply) override;

    /// Compressible JSON-like text of exactly `size` bytes.
    static QByteArray bigBody(qsizetype size);

    /// Context of the onClientGone() callbacks.
    QObject context;
    QList<Held> held;
    QStringList seenTags;
    QStringList goneTags;
    int requests = 0;
};

} // namespace HealthDesk::Http::Testing
