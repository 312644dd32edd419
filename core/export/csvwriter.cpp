// SPDX-License-Identifier: MIT
#include "csvwriter.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace HealthDesk {

CsvWriter::CsvWriter(bool byteOrderMark)
{
    if (byteOrderMark)
        m_out = QByteArray("\xEF\xBB\xBF");
}

QString CsvWriter::neutralised(const QString &cell)
{
    if (cell.isEmpty())
        return cell;
    const QChar first = cell.front();
    if (first == u'=' || first == u'+' || first == u'-' || first == u'@' || first == u'\t' || first == u'\r')
        return u'\'' + cell;
    return cell;
}

QByteArray CsvWriter::encodeRow(const QStringList &cells)
{
    QByteArray row;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            row += ',';
        const QByteArray cell = neutralised(cells.at(i)).toUtf8();
        if (cell.contains(',') || cell.contains('"') || cell.contains('\n') || cell.contains('\r')) {
            QByteArray quoted = cell;
            quoted.replace("\"", "\"\"");
            row += '"' + quoted + '"';
        } else {
            row += cell;
        }
    }
    row += "\r\n";
    return row;
}

void CsvWriter::writeRow(const QStringList &cells)
{
    m_out += encodeRow(cells);
}

QByteArray CsvWriter::take()
{
    return std::exchange(m_out, {});
}

QString CsvWriter::isoTime(qint64 epochMs)
{
    if (epochMs <= 0)
        return {};
    return QDateTime::fromMSecsSinceEpoch(epochMs, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace HealthDesk
