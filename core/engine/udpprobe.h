// SPDX-License-Identifier: MIT
#pragma once

#include "goerrortext.h"
#include "probe.h"

#include <QAbstractSocket>
#include <QString>

#include <memory>

namespace HealthDesk {

struct CheckDefinition;

/// Consul's UDP check (CONSUL.md §1.3): send an empty datagram to `host:port` and wait for one
/// byte back. A reply passes, and so does silence (Consul counts a read timeout as success); an
/// ICMP "port unreachable" (connection refused) or a resolver error is critical.
/// Unlike Consul the wait is always bounded by the check's timeout (HealthDesk difference §10.4).
class UdpProbe final : public Probe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(UdpProbe)

public:
    static constexpr qint64 kDefaultTimeoutMs = 10'000;

    explicit UdpProbe(const CheckDefinition &definition, QObject *parent = nullptr);
    ~UdpProbe() override;

    void start() override;
    void cancel() override;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Run;

    void handleConnected();
    void handleReadyRead();
    void handleError(QAbstractSocket::SocketError error);
    QString endpoints() const;
    void succeed();
    void fail(const QString &output);
    void finish(ProbeResult result);

    QString m_address; ///< as configured
    GoErrorText::DialAddress m_dial;
    std::unique_ptr<Run> m_run;
    qint64 m_timeoutMs;
    quint32 m_generation = 0;
    bool m_starting = false; ///< inside start(): results are posted, not emitted
};

} // namespace HealthDesk
