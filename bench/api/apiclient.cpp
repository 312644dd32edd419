// SPDX-License-Identifier: MIT
#include "apiclient.h"

#include <QElapsedTimer>
#include <QHostAddress>

namespace HealthDesk::Bench {

ApiClient::ApiClient(quint16 port)
    : m_port(port)
{
}

ApiClient::Reply ApiClient::request(const QByteArray &method, const QByteArray &path, const QByteArray &body)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState) {
        m_socket.connectToHost(QHostAddress::LocalHost, m_port);
        m_socket.waitForConnected(5000);
    }
    QByteArray request = method;
    request += ' ';
    request += path;
    request += " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: ";
    request += QByteArray::number(body.size());
    request += "\r\n\r\n";
    request += body;
    m_socket.write(request);
    m_socket.flush();
    QByteArray buffer;
    Reply reply;
    QElapsedTimer timer;
    timer.start();
    while (timer.elapsed() < 30000) {
        if (!m_socket.waitForReadyRead(1000) && m_socket.state() != QAbstractSocket::ConnectedState)
            break;
        buffer += m_socket.readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            continue;
        const QByteArray head = buffer.left(headerEnd);
        qsizetype length = 0;
        for (const QByteArray &line : head.split('\n')) {
            const QByteArray lower = line.trimmed().toLower();
            if (lower.startsWith("content-length:"))
                length = lower.mid(15).trimmed().toLongLong();
            if (lower.startsWith("x-consul-index:"))
                reply.index = line.trimmed().mid(15).trimmed();
        }
        if (buffer.size() < headerEnd + 4 + length)
            continue;
        reply.status = head.mid(9, 3).toInt();
        reply.body = buffer.mid(headerEnd + 4, length);
        break;
    }
    if (reply.status == 0)
        qWarning("no reply (socket state %d, %s): %s", int(m_socket.state()), qPrintable(m_socket.errorString()),
                 buffer.constData());
    return reply;
}

} // namespace HealthDesk::Bench
