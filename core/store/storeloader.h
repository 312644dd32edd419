// SPDX-License-Identifier: MIT
#pragma once

#include "storebatch.h"

class QSqlDatabase;

namespace HealthDesk::StoreLoader {

/// Reads every service and check (definition, state, indexes) of a migrated database and
/// works out where the index stands: at or above the persisted reservation and every stored
/// index, never 0. Rows whose definition no longer decodes are skipped and counted. Rows without
/// an index (0) get that index.
/// Read-only; the caller persists the next reservation.
StoreLoad load(QSqlDatabase &db);

} // namespace HealthDesk::StoreLoader
