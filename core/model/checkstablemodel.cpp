// SPDX-License-Identifier: MIT
#include "checkstablemodel.h"

#include "check/goduration.h"
#include "checkfilter.h"
#include "engine/clock.h"

#include <QDateTime>
#include <QLocale>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {

ChecksTableModel::ChecksTableModel(const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{
    // Relative times ("5 s ago") age without new data; refresh just those two columns.
    m_relativeTimer.setInterval(1000);
    connect(&m_relativeTimer, &QTimer::timeout, this, &ChecksTableModel::refreshRelativeTimes);
    m_relativeTimer.start();
}

void ChecksTableModel::setNodeName(const QString &node)
{
    m_node = node;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, NodeColumn), index(int(m_rows.size()) - 1, NodeColumn));
}

void ChecksTableModel::applyBatch(const CheckBatch &batch)
{
    if (batch.reset) {
        beginResetModel();
        m_rows = batch.upserts;
        m_rowById.clear();
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowById.insert(m_rows.at(row).id(), row);
        endResetModel();
        return;
    }

    if (!batch.removed.isEmpty()) {
        QList<int> rows;
        for (const QString &id : batch.removed) {
            const auto it = m_rowById.constFind(id);
            if (it != m_rowById.cend())
                rows.append(*it);
        }
        std::sort(rows.begin(), rows.end(), std::greater<>());
        // Remove contiguous runs from the bottom up so earlier rows keep their numbers.
        for (qsizetype i = 0; i < rows.size();) {
            qsizetype j = i;
            while (j + 1 < rows.size() && rows.at(j + 1) == rows.at(j) - 1)
                ++j;
            const int first = rows.at(j);
            const int last = rows.at(i);
            beginRemoveRows({}, first, last);
            m_rows.remove(first, last - first + 1);
            endRemoveRows();
            i = j + 1;
        }
        m_rowById.clear();
        for (int row = 0; row < m_rows.size(); ++row)
            m_rowById.insert(m_rows.at(row).id(), row);
    }

    QList<const CheckState *> added;
    QList<int> changed;
    changed.reserve(batch.upserts.size());
    for (const CheckState &state : batch.upserts) {
        const auto it = m_rowById.constFind(state.id());
        if (it == m_rowById.cend()) {
            added.append(&state);
            continue;
        }
        m_rows[*it] = state;
        changed.append(*it);
    }
    // One dataChanged per run of adjacent rows, not one spanning first..last: a proxy re-sorts
    // every row inside the range it is told about, and a hundred scattered updates would
    // otherwise span (and re-sort) the whole table.
    std::sort(changed.begin(), changed.end());
    for (qsizetype i = 0; i < changed.size();) {
        qsizetype j = i;
        while (j + 1 < changed.size() && changed.at(j + 1) <= changed.at(j) + 1)
            ++j;
        emit dataChanged(index(changed.at(i), 0), index(changed.at(j), ColumnCount - 1));
        i = j + 1;
    }
    if (!added.isEmpty()) {
        const int first = int(m_rows.size());
        beginInsertRows({}, first, first + int(added.size()) - 1);
        for (const CheckState *state : std::as_const(added)) {
            m_rowById.insert(state->id(), int(m_rows.size()));
            m_rows.append(*state);
        }
        endInsertRows();
    }
}

const CheckState *ChecksTableModel::stateAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? &m_rows.at(row) : nullptr;
}

int ChecksTableModel::rowOf(const QString &checkId) const
{
    return m_rowById.value(checkId, -1);
}

int ChecksTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ChecksTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ChecksTableModel::relativeTime(qint64 thenMs, qint64 nowMs)
{
    if (thenMs <= 0)
        return tr("never");
    const qint64 seconds = std::max<qint64>(0, (nowMs - thenMs) / 1000);
    if (seconds < 60)
        return tr("%n s ago", nullptr, int(seconds));
    if (seconds < 3600)
        return tr("%n min ago", nullptr, int(seconds / 60));
    if (seconds < 86400)
        return tr("%n h ago", nullptr, int(seconds / 3600));
    return tr("%n d ago", nullptr, int(seconds / 86400));
}

QVariant ChecksTableModel::displayData(const CheckState &state, int column) const
{
    const CheckDefinition &d = state.definition;
    switch (column) {
    case StatusColumn:
        return d.kind() == CheckKind::Maintenance ? tr("maintenance") : checkStatusName(state.status);
    case NameColumn:
        return d.name;
    case CheckIdColumn:
        return d.id;
    case ServiceColumn:
        return d.serviceName.isEmpty() ? d.serviceId : d.serviceName;
    case NodeColumn:
        return m_node;
    case TypeColumn:
        return checkKindName(d.kind());
    case TargetColumn:
        return d.target();
    case IntervalColumn:
        if (d.kind() == CheckKind::Ttl)
            return tr("TTL %1").arg(formatGoDuration(d.ttl.count()));
        return d.interval.count() > 0 ? formatGoDuration(d.interval.count()) : QString();
    case LastCheckedColumn:
        return relativeTime(state.lastRunMs, m_clock.wallMs());
    case LastChangeColumn:
        return relativeTime(state.lastChangeMs, m_clock.wallMs());
    case LatencyColumn:
        return state.lastRunMs > 0 ? QLocale().toString(double(state.latencyUs) / 1000.0, 'f', 1) + u" ms"_s : QString();
    case OutputColumn:
        return state.output.section(u'\n', 0, 0);
    }
    return {};
}

std::optional<qint64> ChecksTableModel::numericSortKey(const CheckState &state, int column)
{
    switch (column) {
    case StatusColumn:
        // Negated so that an ascending sort lists the worst first with names A→Z among equals;
        // maintenance ranks above critical: it is what an operator must not miss.
        return CheckFilter::statusFlagOf(state) == CheckFilter::Maintenance ? -3 : -checkStatusSeverity(state.status);
    case IntervalColumn:
        return qint64(state.definition.kind() == CheckKind::Ttl ? state.definition.ttl.count()
                                                                 : state.definition.interval.count());
    case LastCheckedColumn:
        return state.lastRunMs;
    case LastChangeColumn:
        return state.lastChangeMs;
    case LatencyColumn:
        return state.lastRunMs > 0 ? state.latencyUs : qint64(-1);
    default:
        return std::nullopt;
    }
}

QVariant ChecksTableModel::sortData(const CheckState &state, int column) const
{
    if (const auto key = numericSortKey(state, column))
        return column == StatusColumn ? QVariant(int(*key)) : QVariant(*key);
    return displayData(state, column);
}

QVariant ChecksTableModel::toolTipData(const CheckState &state, int column) const
{
    const auto exact = [](qint64 ms) {
        return ms > 0 ? QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), QLocale::LongFormat) : QString();
    };
    switch (column) {
    case LastCheckedColumn:
        return exact(state.lastRunMs);
    case LastChangeColumn:
        return exact(state.lastChangeMs);
    case OutputColumn:
        return state.output;
    case NameColumn:
        return state.definition.notes.isEmpty() ? QVariant() : QVariant(state.definition.notes);
    default:
        return {};
    }
}

QVariant ChecksTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const CheckState &state = m_rows.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return displayData(state, index.column());
    case Qt::ToolTipRole:
        return toolTipData(state, index.column());
    case SortRole:
        return sortData(state, index.column());
    case StatusRole:
        return int(state.status);
    case StatusFlagRole:
        return int(CheckFilter::statusFlagOf(state));
    case CheckIdRole:
        return state.id();
    default:
        return {};
    }
}

QVariant ChecksTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case StatusColumn:
        return tr("Status");
    case NameColumn:
        return tr("Name");
    case CheckIdColumn:
        return tr("Check ID");
    case ServiceColumn:
        return tr("Service");
    case NodeColumn:
        return tr("Node");
    case TypeColumn:
        return tr("Type");
    case TargetColumn:
        return tr("Target");
    case IntervalColumn:
        return tr("Interval");
    case LastCheckedColumn:
        return tr("Last checked");
    case LastChangeColumn:
        return tr("Last change");
    case LatencyColumn:
        return tr("Latency");
    case OutputColumn:
        return tr("Output");
    }
    return {};
}

void ChecksTableModel::refreshRelativeTimes()
{
    if (m_rows.isEmpty())
        return;
    const int last = int(m_rows.size()) - 1;
    emit dataChanged(index(0, LastCheckedColumn), index(last, LastChangeColumn), {Qt::DisplayRole});
}

} // namespace HealthDesk
