// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace HealthDesk {

struct CheckState;
struct HistoryEntry;

/// The CSV layouts shared by the UI's export, `healthdesk export` and the API's CSV endpoints.
namespace CheckExport {

/// Header: CheckID,Name,Status,ServiceID,ServiceName,Node,Type,Target,Interval,LastChecked,
/// LastChange,LatencyMs,Output — one row per state in the order given.
QByteArray stateCsv(const QList<CheckState> &states, const QString &node, bool byteOrderMark = false);
/// Header: Time,CheckID,Status,LatencyMs,Code,Output — one row per run.
QByteArray historyHeader(bool byteOrderMark = false);
QByteArray historyRows(const QList<HistoryEntry> &entries);

} // namespace CheckExport
} // namespace HealthDesk
