// SPDX-License-Identifier: MIT
#pragma once

#include "checkfilter.h"

#include <QSortFilterProxyModel>

namespace HealthDesk {

class ChecksTableModel;

/// Filters with a CheckFilter and sorts through the model's typed SortRole; the default order
/// is severity (worst first), then name.
class CheckFilterProxy final : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckFilterProxy)

public:
    explicit CheckFilterProxy(QObject *parent = nullptr);

    void setChecksModel(ChecksTableModel *model);
    const CheckFilter &filter() const { return m_filter; }
    void setStatuses(quint8 flags);
    void setText(const QString &text);
    void setService(const QString &service);
    void setType(const QString &type);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    ChecksTableModel *m_checks = nullptr;
    CheckFilter m_filter;
};

} // namespace HealthDesk
