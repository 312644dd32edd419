// SPDX-License-Identifier: MIT
#include "tcpprobe.h"

#include "check/checkdefinition.h"
#include "clock.h"
#include "deferredsocketdeleter.h"

#include <QHostAddress>
#include <QNetworkProxy>
#include <QSslSocket>
#include <QScopeGuard>
#include <QTcpSocket>
#include <QTimerEvent>

#include <chrono>

using namespace Qt::StringLiterals;

namespace HealthDesk {

struct TcpProbe::Run
{
    std::unique_ptr<QTcpSocket, DeferredSocketDeleter> socket;
    QList<QSslError> sslErrors;
    qint64 startNs = 0;
    int timerId = 0;
    bool connected = false; ///< TCP is up (TLS may still be handshaking)
};

TcpProbe::TcpProbe(const CheckDefinition &definition, QObject *parent)
    : Probe(parent)
    , m_address(definition.tcp)
    , m_dial(GoErrorText::splitHostPort(definition.tcp, u"tcp"))
    , m_tlsServerName(definition.tlsServerName)
    , m_timeoutMs(definition.timeout.count() > 0 ? std::max<qint64>(1, definition.timeout.count() / 1'000'000)
                                                 : kDefaultTimeoutMs)
    , m_useTls(definition.tcpUseTls)
    , m_skipVerify(definition.tlsSkipVerify)
{
}

TcpProbe::~TcpProbe()
{
    cancel();
}

void TcpProbe::start()
{
    Q_ASSERT(!m_run);
    m_run = std::make_unique<Run>();
    m_run->startNs = SystemClock::instance().monotonicNs();
    m_starting = true;
    const auto started = qScopeGuard([this] { m_starting = false; });
    if (!m_dial.error.isEmpty()) {
        fail(u"dial tcp: "_s + m_dial.error);
        return;
    }
    // Go dials the local system for an empty host (":80").
    const QString host = m_dial.host.isEmpty() ? u"127.0.0.1"_s : m_dial.host;
    QTcpSocket *socket = nullptr;
    if (m_useTls) {
        auto *ssl = new QSslSocket;
        ssl->setPeerVerifyMode(m_skipVerify ? QSslSocket::VerifyNone : QSslSocket::VerifyPeer);
        connect(ssl, &QSslSocket::encrypted, this, &TcpProbe::handleEncrypted);
        connect(ssl, &QSslSocket::sslErrors, this, &TcpProbe::handleSslErrors);
        socket = ssl;
    } else {
        socket = new QTcpSocket;
    }
    m_run->socket.reset(socket);
    // A health check dials its target directly, as Go's net.Dial does.
    socket->setProxy(QNetworkProxy::NoProxy);
    connect(socket, &QAbstractSocket::connected, this, &TcpProbe::handleConnected);
    connect(socket, &QAbstractSocket::errorOccurred, this, &TcpProbe::handleError);
    m_run->timerId = startTimer(std::chrono::milliseconds(m_timeoutMs), Qt::PreciseTimer);
    if (m_useTls) {
        static_cast<QSslSocket *>(socket)->connectToHostEncrypted(
            host, m_dial.port, m_tlsServerName.isEmpty() ? host : m_tlsServerName);
    } else {
        socket->connectToHost(host, m_dial.port);
    }
}

void TcpProbe::cancel()
{
    ++m_generation; // also drops a result posted from inside start()
    if (!m_run)
        return;
    if (m_run->timerId)
        killTimer(m_run->timerId);
    m_run.reset();
}

void TcpProbe::timerEvent(QTimerEvent *event)
{
    if (!m_run || event->timerId() != m_run->timerId) {
        Probe::timerEvent(event);
        return;
    }
    handleTimeout();
}

QString TcpProbe::dialedAddress() const
{
    // Go names the address it dialled; for a host name that is the resolved one.
    const QHostAddress peer = m_run && m_run->socket ? m_run->socket->peerAddress() : QHostAddress();
    if (!peer.isNull())
        return GoErrorText::joinHostPort(peer.toString(), m_dial.port);
    return GoErrorText::joinHostPort(m_dial.host, m_dial.port);
}

void TcpProbe::handleConnected()
{
    m_run->connected = true;
    if (!m_useTls)
        succeed();
}

void TcpProbe::handleEncrypted()
{
    succeed();
}

void TcpProbe::handleSslErrors(const QList<QSslError> &errors)
{
    if (m_run && m_run->sslErrors.isEmpty())
        m_run->sslErrors = errors;
}

void TcpProbe::handleError(QAbstractSocket::SocketError error)
{
    if (!m_run)
        return;
    const QString qtText = m_run->socket->errorString();
    if (error == QAbstractSocket::HostNotFoundError) {
        fail(u"dial tcp: "_s + GoErrorText::lookupFailure(m_dial.host));
    } else if (error == QAbstractSocket::SslHandshakeFailedError) {
        const QString name = m_tlsServerName.isEmpty() ? m_dial.host : m_tlsServerName;
        fail(m_run->sslErrors.isEmpty() ? QString(u"tls: handshake failure ("_s + qtText + u')')
                                        : GoErrorText::certificateFailure(m_run->sslErrors, name));
    } else if (m_run->connected) {
        // Failed after connecting: only a TLS handshake is in progress then.
        fail(error == QAbstractSocket::RemoteHostClosedError ? u"EOF"_s : QString(u"tls: "_s + qtText));
    } else {
        fail(u"dial tcp "_s + dialedAddress() + u": "_s + GoErrorText::connectFailure(error, qtText));
    }
}

void TcpProbe::handleTimeout()
{
    if (m_run->connected)
        fail(u"context deadline exceeded"_s); // the TLS handshake overran the dial deadline
    else
        fail(u"dial tcp "_s + dialedAddress() + u": i/o timeout"_s);
}

void TcpProbe::succeed()
{
    ProbeResult result;
    result.status = CheckStatus::Passing;
    result.output = (m_useTls ? u"TCP+TLS connect "_s : u"TCP connect "_s) + m_address + u": Success"_s;
    finish(std::move(result));
}

void TcpProbe::fail(const QString &output)
{
    ProbeResult result;
    result.output = output;
    finish(std::move(result));
}

void TcpProbe::finish(ProbeResult result)
{
    result.latencyUs = (SystemClock::instance().monotonicNs() - m_run->startNs) / 1000;
    if (m_run->timerId)
        killTimer(m_run->timerId);
    m_run.reset(); // closes the connection at once, as Consul does after a successful dial
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
