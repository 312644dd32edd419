// SPDX-License-Identifier: MIT
#include "runprobe.h"

#include "engine/probe.h"

#include <QFile>
#include <QSignalSpy>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace HealthDesk::Test {

std::optional<ProbeResult> runProbe(Probe &probe, int timeoutMs)
{
    QSignalSpy spy(&probe, &Probe::finished);
    probe.start();
    if (spy.isEmpty() && !spy.wait(timeoutMs))
        return std::nullopt;
    return spy.constFirst().constFirst().value<ProbeResult>();
}

qint64 residentBytes()
{
    QFile statm(u"/proc/self/statm"_s);
    if (!statm.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> fields = statm.readAll().split(' ');
    return fields.value(1).toLongLong() * sysconf(_SC_PAGESIZE);
}

} // namespace HealthDesk::Test
