// SPDX-License-Identifier: MIT
#include "rawclient.h"

#include <QEventLoop>
#include <QHostAddress>
#include <QTest>
#include <QTimer>

namespace HealthDesk::Http::Testing {

bool RawClient::connectTo(quint16 port)
{
    m_socket.connectToHost(QHostAddress::LocalHost, port);
    return QTest::qWaitFor([this] { return m_socket.state() == QAbstractSocket::ConnectedState; }, 5000);
}

void RawClient::send(const QByteArray &bytes)
{
    m_socket.write(bytes);
    m_socket.flush();
}

std::optional<RawClient::Reply> RawClient::readReply(int timeoutMs)
{
    std::optional<Reply> reply = takeReply();
    if (reply)
        return reply;
    QEventLoop loop;
    QObject::connect(&m_socket, &QTcpSocket::readyRead, &loop, [&] {
        if ((reply = takeReply()))
            loop.quit();
    });
    QObject::connect(&m_socket, &QTcpSocket::disconnected, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return reply ? reply : takeReply();
}

bool RawClient::waitForDisconnected(int timeoutMs)
{
    return QTest::qWaitFor([this] {
        pull();
        return m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs);
}

QByteArray RawClient::pending()
{
    pull();
    return m_buffer;
}

void RawClient::pull()
{
    m_buffer += m_socket.readAll();
}

std::optional<RawClient::Reply> RawClient::takeReply()
{
    pull();
    const qsizetype end = m_buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return std::nullopt;
    Reply reply;
    const QList<QByteArray> lines = m_buffer.first(end).split('\n');
    reply.status = lines.first().trimmed().split(' ').value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        reply.headers.add(lines[i].first(colon), lines[i].sliced(colon + 1).trimmed());
    }
    const qsizetype length = reply.headers.value("Content-Length").toLongLong();
    if (m_buffer.size() < end + 4 + length)
        return std::nullopt;
    reply.body = m_buffer.sliced(end + 4, length);
    m_buffer.remove(0, end + 4 + length);
    return reply;
}

} // namespace HealthDesk::Http::Testing
