// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace HealthDesk {

struct CheckState;

/// `--once --format table`: one row per check, fixed-width columns, output's first line.
QByteArray formatOnceTable(const QList<CheckState> &states);
/// `--once --format json`: a JSON array of Consul HealthCheck objects (sorted by the caller).
QByteArray formatOnceJson(const QList<CheckState> &states, const QString &node);
/// 0 all passing, 1 any warning, 2 any critical.
int onceExitCode(const QList<CheckState> &states);

} // namespace HealthDesk
