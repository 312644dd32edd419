// SPDX-License-Identifier: MIT
#pragma once

#include "api/http/headerlist.h"

#include <QByteArray>
#include <QTcpSocket>

#include <optional>

namespace HealthDesk::Http::Testing {

/// A client that writes raw bytes and reads replies framed by Content-Length. Every wait runs
/// the event loop, because the server under test shares the thread.
class RawClient
{
public:
    struct Reply
    {
        int status = 0;
        HeaderList headers;
        QByteArray body;
    };

    bool connectTo(quint16 port);
    void send(const QByteArray &bytes);
    /// Runs a real event loop until a whole reply is in: QTest::qWaitFor sleeps 10 ms between
    /// rounds, which would swamp the latencies some tests measure.
    std::optional<Reply> readReply(int timeoutMs = 5000);
    bool waitForDisconnected(int timeoutMs = 5000);
    /// Bytes received but not taken as a reply yet.
    QByteArray pending();
    QTcpSocket &socket() { return m_socket; }

private:
    void pull();
    std::optional<Reply> takeReply();

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace HealthDesk::Http::Testing
