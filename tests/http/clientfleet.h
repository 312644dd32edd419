// SPDX-License-Identifier: MIT
#pragma once

#include <QJsonObject>
#include <QProcess>
#include <QStringList>

namespace HealthDesk::Http::Testing {

/// Drives clientfleet.py: many raw connections in another process, so that the memory and the
/// descriptors of the test process are the server's alone.
class ClientFleet
{
public:
    ClientFleet() = default;
    ~ClientFleet();
    ClientFleet(const ClientFleet &) = delete;
    ClientFleet &operator=(const ClientFleet &) = delete;

    /// False when python3 or the script is missing (the caller skips).
    bool start(quint16 port);
    /// Sends one command and waits (running the event loop) for its answer.
    QJsonObject command(const QJsonObject &request, int timeoutMs = 30000);

    bool open(const QString &group, int count);
    bool send(const QString &group, const QByteArray &data);
    /// Sends `data` one byte per connection every `intervalSeconds`, in the background.
    bool trickle(const QString &group, const QByteArray &data, double intervalSeconds);
    /// One reply per connection of the group, raw.
    QStringList read(const QString &group, double timeoutSeconds = 5);
    bool close(const QString &group);

private:
    QProcess m_process;
};

} // namespace HealthDesk::Http::Testing
