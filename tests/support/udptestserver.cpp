// SPDX-License-Identifier: MIT
#include "udptestserver.h"

#include <QNetworkDatagram>
#include <QUdpSocket>

using namespace Qt::StringLiterals;

namespace HealthDesk::Test {

UdpTestServer::UdpTestServer(QObject *parent)
    : QObject(parent)
    , m_socket(new QUdpSocket(this))
{
    connect(m_socket, &QIODevice::readyRead, this, &UdpTestServer::handleReadyRead);
}

UdpTestServer::~UdpTestServer() = default;

bool UdpTestServer::start(const QHostAddress &address)
{
    return m_socket->bind(address, 0);
}

quint16 UdpTestServer::port() const
{
    return m_socket->localPort();
}

QString UdpTestServer::address() const
{
    const QHostAddress local = m_socket->localAddress();
    const QString host = local.protocol() == QAbstractSocket::IPv6Protocol ? u'[' + local.toString() + u']'
                                                                            : local.toString();
    return host + u':' + QString::number(port());
}

void UdpTestServer::handleReadyRead()
{
    while (m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram();
        if (!datagram.isValid())
            break;
        ++m_count;
        m_last = datagram.data();
        if (!m_silent)
            m_socket->writeDatagram(datagram.data(), datagram.senderAddress(), quint16(datagram.senderPort()));
        emit datagramReceived();
    }
}

} // namespace HealthDesk::Test
