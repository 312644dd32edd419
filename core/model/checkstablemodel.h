// SPDX-License-Identifier: MIT
#pragma once

#include "checkbatch.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QTimer>

#include <optional>

namespace HealthDesk {

class Clock;

/// The checks table: one row per check, fed by CheckBatch values and updated in place
/// (dataChanged, row inserts/removals — a reset only for the first load), so selection and
/// scroll position survive a thousand results a second.
class ChecksTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecksTableModel)

public:
    enum Column {
        StatusColumn,
        NameColumn,
        CheckIdColumn,
        ServiceColumn,
        NodeColumn,
        TypeColumn,
        TargetColumn,
        IntervalColumn,
        LastCheckedColumn,
        LastChangeColumn,
        LatencyColumn,
        OutputColumn,
        ColumnCount
    };

    enum Role {
        SortRole = Qt::UserRole + 1, ///< typed: severity, qint64 times, latency, strings
        StatusRole,                  ///< CheckStatus as int
        StatusFlagRole,              ///< CheckFilter::StatusFlag (maintenance apart)
        CheckIdRole,
    };

    explicit ChecksTableModel(const Clock &clock, QObject *parent = nullptr);

    void setNodeName(const QString &node);
    void applyBatch(const HealthDesk::CheckBatch &batch);

    const CheckState *stateAt(int row) const;
    int rowOf(const QString &checkId) const;
    const QList<CheckState> &states() const { return m_rows; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// The typed sort key of the numeric columns (severity, interval, times, latency); nullopt
    /// for text columns. SortRole returns the same values; the proxy uses this directly to
    /// compare without QVariants.
    static std::optional<qint64> numericSortKey(const CheckState &state, int column);

    /// "12 s ago", "3 min ago", … relative to the clock.
    static QString relativeTime(qint64 thenMs, qint64 nowMs);

private:
    QVariant displayData(const CheckState &state, int column) const;
    QVariant sortData(const CheckState &state, int column) const;
    QVariant toolTipData(const CheckState &state, int column) const;
    void refreshRelativeTimes();

    const Clock &m_clock;
    QString m_node;
    QList<CheckState> m_rows;
    QHash<QString, int> m_rowById;
    QTimer m_relativeTimer;
};

} // namespace HealthDesk
