// SPDX-License-Identifier: MIT
#include "statusdelegate.h"

#include "model/checkstablemodel.h"
#include "statusstyle.h"

#include <QApplication>
#include <QPainter>

namespace HealthDesk {

StatusDelegate::StatusDelegate(QObject *parent)
    : QStyledItemDelegate(parent)
{
}

void StatusDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const auto flag = CheckFilter::StatusFlag(index.data(ChecksTableModel::StatusFlagRole).toInt());
    const QString text = StatusStyle::label(flag);
    opt.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget); // background, selection, focus

    painter->save();
    const int iconSize = std::min(16, opt.rect.height() - 4);
    const QRect iconRect(opt.rect.left() + 6, opt.rect.center().y() - iconSize / 2, iconSize, iconSize);
    StatusStyle::icon(flag, iconSize).paint(painter, iconRect);
    QFont font = opt.font;
    font.setBold(flag != CheckFilter::Passing);
    painter->setFont(font);
    const bool selected = opt.state & QStyle::State_Selected;
    painter->setPen(selected ? opt.palette.color(QPalette::HighlightedText) : StatusStyle::color(flag));
    const QRect textRect = opt.rect.adjusted(iconSize + 12, 0, -4, 0);
    painter->drawText(textRect, Qt::AlignVCenter | Qt::AlignLeft,
                      QFontMetrics(font).elidedText(text, Qt::ElideRight, textRect.width()));
    painter->restore();
}

QSize StatusDelegate::sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    QFont font = option.font;
    font.setBold(true);
    size.setWidth(QFontMetrics(font).horizontalAdvance(StatusStyle::label(CheckFilter::Maintenance)) + 34);
    size.setHeight(std::max(size.height(), 24));
    return size;
}

} // namespace HealthDesk
