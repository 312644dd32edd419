// SPDX-License-Identifier: MIT
#pragma once

#include "goerrortext.h"
#include "probe.h"

#include <QAbstractSocket>
#include <QList>
#include <QSslError>
#include <QString>

#include <memory>

namespace HealthDesk {

struct CheckDefinition;

/// Consul's TCP check (CONSUL.md §1.2): dial `host:port` (IPv6 as `[::1]:port`; every address of a
/// host name is tried), close at once; passing `TCP connect <addr>: Success`, otherwise critical
/// with Go's dial error. With TCPUseTLS the TLS handshake must succeed too (`TCP+TLS connect …`),
/// honouring TLSServerName and TLSSkipVerify. The socket exists only while a run is in flight.
class TcpProbe final : public Probe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TcpProbe)

public:
    static constexpr qint64 kDefaultTimeoutMs = 10'000;

    explicit TcpProbe(const CheckDefinition &definition, QObject *parent = nullptr);
    ~TcpProbe() override;

    void start() override;
    void cancel() override;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Run;

    void handleConnected();
    void handleEncrypted();
    void handleError(QAbstractSocket::SocketError error);
    void handleSslErrors(const QList<QSslError> &errors);
    void handleTimeout();
    QString dialedAddress() const;
    void succeed();
    void fail(const QString &output);
    void finish(ProbeResult result);

    QString m_address; ///< as configured; the success output shows it verbatim
    GoErrorText::DialAddress m_dial;
    QString m_tlsServerName;
    std::unique_ptr<Run> m_run;
    qint64 m_timeoutMs;
    quint32 m_generation = 0;
    bool m_starting = false; ///< inside start(): results are posted, not emitted
    bool m_useTls;
    bool m_skipVerify;
};

} // namespace HealthDesk
