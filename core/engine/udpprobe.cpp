// SPDX-License-Identifier: MIT
#include "udpprobe.h"

#include "check/checkdefinition.h"
#include "clock.h"
#include "deferredsocketdeleter.h"

#include <QNetworkProxy>
#include <QScopeGuard>
#include <QTimerEvent>
#include <QUdpSocket>

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include <chrono>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
/// Go's syscall.Errno texts are strerror() in lower case ("connection refused").
QString errnoText(int error)
{
    QString text = QString::fromLocal8Bit(std::strerror(error));
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return text;
}
} // namespace

struct UdpProbe::Run
{
    std::unique_ptr<QUdpSocket, DeferredSocketDeleter> socket;
    qint64 startNs = 0;
    int timerId = 0;
    bool sent = false;
};

UdpProbe::UdpProbe(const CheckDefinition &definition, QObject *parent)
    : Probe(parent)
    , m_address(definition.udp)
    , m_dial(GoErrorText::splitHostPort(definition.udp, u"udp"))
    , m_timeoutMs(definition.timeout.count() > 0 ? std::max<qint64>(1, definition.timeout.count() / 1'000'000)
                                                 : kDefaultTimeoutMs)
{
}

UdpProbe::~UdpProbe()
{
    cancel();
}

void UdpProbe::start()
{
    Q_ASSERT(!m_run);
    m_run = std::make_unique<Run>();
    m_run->startNs = SystemClock::instance().monotonicNs();
    m_starting = true;
    const auto started = qScopeGuard([this] { m_starting = false; });
    if (!m_dial.error.isEmpty()) {
        fail(u"dial udp: "_s + m_dial.error);
        return;
    }
    auto *socket = new QUdpSocket;
    m_run->socket.reset(socket);
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QAbstractSocket::connected, this, &UdpProbe::handleConnected);
    connect(socket, &QIODevice::readyRead, this, &UdpProbe::handleReadyRead);
    connect(socket, &QAbstractSocket::errorOccurred, this, &UdpProbe::handleError);
    m_run->timerId = startTimer(std::chrono::milliseconds(m_timeoutMs), Qt::PreciseTimer);
    socket->connectToHost(m_dial.host.isEmpty() ? u"127.0.0.1"_s : m_dial.host, m_dial.port);
}

void UdpProbe::cancel()
{
    ++m_generation; // also drops a result posted from inside start()
    if (!m_run)
        return;
    if (m_run->timerId)
        killTimer(m_run->timerId);
    m_run.reset();
}

void UdpProbe::timerEvent(QTimerEvent *event)
{
    if (!m_run || event->timerId() != m_run->timerId) {
        Probe::timerEvent(event);
        return;
    }
    // Consul: "timeout is success" — a silent UDP service is indistinguishable from a healthy one.
    succeed();
}

void UdpProbe::handleConnected()
{
    // The agent's message is empty. send() on the connected descriptor puts an empty datagram on
    // the wire for sure, without relying on how QIODevice treats a zero-length write.
    const qintptr fd = m_run->socket->socketDescriptor();
    if (::send(int(fd), "", 0, MSG_NOSIGNAL) < 0) {
        const int error = errno;
        fail(u"Failed to send UDP message: write udp "_s + endpoints() + u": write: "_s + errnoText(error));
        return;
    }
    m_run->sent = true;
}

void UdpProbe::handleReadyRead()
{
    if (!m_run)
        return;
    // A pending ICMP error also makes the socket readable; only recv() tells the two apart.
    char byte = 0;
    const qintptr fd = m_run->socket->socketDescriptor();
    if (::recv(int(fd), &byte, 1, MSG_DONTWAIT | MSG_TRUNC) >= 0) {
        succeed();
        return;
    }
    const int error = errno;
    if (error == EAGAIN || error == EWOULDBLOCK || error == EINTR)
        return;
    fail(u"read udp "_s + endpoints() + u": read: "_s + errnoText(error));
}

void UdpProbe::handleError(QAbstractSocket::SocketError error)
{
    if (!m_run)
        return;
    if (error == QAbstractSocket::HostNotFoundError) {
        fail(u"dial udp: "_s + GoErrorText::lookupFailure(m_dial.host));
        return;
    }
    QString reason = GoErrorText::connectFailure(error, m_run->socket->errorString());
    reason.replace(0, reason.indexOf(u':'), m_run->sent ? u"read"_s : u"dial"_s);
    fail((m_run->sent ? u"read udp "_s : u"dial udp "_s) + endpoints() + u": "_s + reason);
}

QString UdpProbe::endpoints() const
{
    // Go's net.OpError shape: "<local>-><remote>".
    const QUdpSocket &socket = *m_run->socket;
    const QString remote = socket.peerAddress().isNull() ? m_dial.host : socket.peerAddress().toString();
    return GoErrorText::joinHostPort(socket.localAddress().toString(), socket.localPort()) + u"->"_s
        + GoErrorText::joinHostPort(remote, m_dial.port);
}

void UdpProbe::succeed()
{
    ProbeResult result;
    result.status = CheckStatus::Passing;
    result.output = u"UDP connect "_s + m_address + u": Success"_s;
    finish(std::move(result));
}

void UdpProbe::fail(const QString &output)
{
    ProbeResult result;
    result.output = output;
    finish(std::move(result));
}

void UdpProbe::finish(ProbeResult result)
{
    result.latencyUs = (SystemClock::instance().monotonicNs() - m_run->startNs) / 1000;
    if (m_run->timerId)
        killTimer(m_run->timerId);
    m_run.reset();
    ++m_generation;
    if (m_starting) {
        // Never emit from inside start(): the caller expects the run to be in flight.
        QMetaObject::invokeMethod(
            this,
            [this, generation = m_generation, result] {
                if (generation == m_generation)
                    emit finished(result);
            },
            Qt::QueuedConnection);
        return;
    }
    // Last statement: a receiver may delete this probe.
    emit finished(result);
}

} // namespace HealthDesk
