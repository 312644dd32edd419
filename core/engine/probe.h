// SPDX-License-Identifier: MIT
#pragma once

#include "proberesult.h"

#include <QObject>

namespace HealthDesk {

/// One check's way of probing its target. A probe lives as long as its check and is started once
/// per run; it emits finished() exactly once per start(), unless cancel() was called first.
/// start() is never called while a run is in flight (the scheduler guarantees no overlap).
class Probe : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Probe)

public:
    using QObject::QObject;
    ~Probe() override = default;

    virtual void start() = 0;
    /// Stops an in-flight run without emitting finished(); a no-op when idle.
    virtual void cancel() = 0;

signals:
    void finished(const HealthDesk::ProbeResult &result);
};

} // namespace HealthDesk
