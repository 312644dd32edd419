// SPDX-License-Identifier: MIT
#pragma once

#include "store/checkstate.h"

#include <QMetaType>

namespace HealthDesk {

/// A coalesced set of changes carried by value from the core thread to the GUI thread.
struct CheckBatch
{
    bool reset = false;          ///< `upserts` is the whole set (first load)
    QList<CheckState> upserts;   ///< new or changed checks, whole
    QStringList removed;
    quint64 index = 0;
};

} // namespace HealthDesk

Q_DECLARE_METATYPE(HealthDesk::CheckBatch)
