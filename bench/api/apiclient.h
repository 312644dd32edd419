// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QTcpSocket>

namespace HealthDesk::Bench {

/// A minimal blocking keep-alive HTTP/1.1 client for benchmarks (Content-Length replies only).
class ApiClient
{
public:
    struct Reply
    {
        int status = 0;
        QByteArray index; ///< X-Consul-Index
        QByteArray body;
    };

    explicit ApiClient(quint16 port);
    Reply request(const QByteArray &method, const QByteArray &path, const QByteArray &body = {});

private:
    quint16 m_port;
    QTcpSocket m_socket;
};

} // namespace HealthDesk::Bench
