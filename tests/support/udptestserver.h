// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QObject>

class QUdpSocket;

namespace HealthDesk::Test {

/// A UDP endpoint on a loopback port that echoes every datagram back (empty ones too) or, when
/// silent, only counts them.
class UdpTestServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpTestServer)

public:
    explicit UdpTestServer(QObject *parent = nullptr);
    ~UdpTestServer() override;

    /// Binds `address`, port 0.
    bool start(const QHostAddress &address = QHostAddress::LocalHost);
    quint16 port() const;
    /// `127.0.0.1:<port>` or `[::1]:<port>`.
    QString address() const;

    void setSilent(bool silent) { m_silent = silent; }
    int datagramCount() const { return m_count; }
    const QByteArray &lastDatagram() const { return m_last; }

signals:
    void datagramReceived();

private:
    void handleReadyRead();

    QUdpSocket *m_socket;
    QByteArray m_last;
    int m_count = 0;
    bool m_silent = false;
};

} // namespace HealthDesk::Test
