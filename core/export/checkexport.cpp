// SPDX-License-Identifier: MIT
#include "checkexport.h"

#include "check/goduration.h"
#include "csvwriter.h"
#include "store/checkstate.h"

using namespace Qt::StringLiterals;

namespace HealthDesk::CheckExport {

namespace {
QString milliseconds(qint64 microseconds)
{
    return QString::number(double(microseconds) / 1000.0, 'f', 3);
}
} // namespace

QByteArray stateCsv(const QList<CheckState> &states, const QString &node, bool byteOrderMark)
{
    CsvWriter writer(byteOrderMark);
    writer.writeRow({u"CheckID"_s, u"Name"_s, u"Status"_s, u"ServiceID"_s, u"ServiceName"_s, u"Node"_s, u"Type"_s,
                     u"Target"_s, u"Interval"_s, u"LastChecked"_s, u"LastChange"_s, u"LatencyMs"_s, u"Output"_s});
    for (const CheckState &state : states) {
        const CheckDefinition &d = state.definition;
        writer.writeRow({d.id, d.name, checkStatusName(state.status), d.serviceId, d.serviceName, node,
                         checkKindName(d.kind()), d.target(),
                         d.interval.count() > 0 ? formatGoDuration(d.interval.count()) : QString(),
                         CsvWriter::isoTime(state.lastRunMs), CsvWriter::isoTime(state.lastChangeMs),
                         state.lastRunMs > 0 ? milliseconds(state.latencyUs) : QString(), state.output});
    }
    return writer.take();
}

QByteArray historyHeader(bool byteOrderMark)
{
    CsvWriter writer(byteOrderMark);
    writer.writeRow({u"Time"_s, u"CheckID"_s, u"Status"_s, u"LatencyMs"_s, u"Code"_s, u"Output"_s});
    return writer.take();
}

QByteArray historyRows(const QList<HistoryEntry> &entries)
{
    CsvWriter writer;
    for (const HistoryEntry &entry : entries) {
        writer.writeRow({CsvWriter::isoTime(entry.timeMs), entry.checkId, checkStatusName(entry.status),
                         milliseconds(entry.latencyUs), entry.code >= 0 ? QString::number(entry.code) : QString(),
                         entry.output});
    }
    return writer.take();
}

} // namespace HealthDesk::CheckExport
