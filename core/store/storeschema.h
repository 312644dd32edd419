// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

class QSqlDatabase;

namespace HealthDesk::StoreSchema {

/// The schema version this build writes (the number of migrations it knows).
int currentVersion();

/// The version recorded in `meta`; 0 for an empty file. -1 with *error set when it cannot be read.
int storedVersion(QSqlDatabase &db, QString *error);

/// Brings the database to currentVersion(): migration N takes version N-1 to N in its own
/// transaction, together with the new schema_version, so a crash leaves a whole version.
/// A database written by a newer HealthDesk is refused. Returns an empty string on success,
/// otherwise what went wrong (without the database name).
QString migrate(QSqlDatabase &db);

} // namespace HealthDesk::StoreSchema
