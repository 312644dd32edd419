// SPDX-License-Identifier: MIT
#pragma once

#include <QStyledItemDelegate>

namespace HealthDesk {

/// Paints the Status column as a coloured badge plus its label, from the model's
/// StatusFlagRole (never from display text).
class StatusDelegate final : public QStyledItemDelegate
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusDelegate)

public:
    explicit StatusDelegate(QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace HealthDesk
