// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QStringList>

namespace HealthDesk {

/// RFC 4180 CSV in UTF-8: fields with commas, quotes or line breaks are quoted, quotes doubled,
/// CRLF line ends. Cells that a spreadsheet would run as a formula (starting with `=`, `+`,
/// `-`, `@`, tab or carriage return) get a leading apostrophe, so an exported check output can
/// never execute in the operator's spreadsheet.
class CsvWriter
{
public:
    explicit CsvWriter(bool byteOrderMark = false);

    void writeRow(const QStringList &cells);
    /// Takes what was written so far (streaming exports flush in chunks).
    QByteArray take();

    static QString neutralised(const QString &cell);
    static QByteArray encodeRow(const QStringList &cells);
    /// ISO 8601 in UTC with milliseconds, e.g. 2026-11-25T07:30:00.000Z; empty for 0.
    static QString isoTime(qint64 epochMs);

private:
    QByteArray m_out;
};

} // namespace HealthDesk
