// SPDX-License-Identifier: MIT
#include "statusstyle.h"

#include <QCoreApplication>
#include <QPainter>
#include <QPainterPath>
#include <QPixmap>

using namespace Qt::StringLiterals;

namespace HealthDesk::StatusStyle {

QColor color(CheckFilter::StatusFlag flag)
{
    switch (flag) {
    case CheckFilter::Passing:
        return QColor(0x1e, 0x88, 0x4b);
    case CheckFilter::Warning:
        return QColor(0xc2, 0x7c, 0x0e);
    case CheckFilter::Critical:
        return QColor(0xc6, 0x28, 0x28);
    case CheckFilter::Maintenance:
        return QColor(0x5e, 0x4d, 0xb2);
    default:
        return QColor(0x75, 0x75, 0x75);
    }
}

QColor tint(CheckFilter::StatusFlag flag)
{
    QColor c = color(flag);
    return QColor::fromRgbF(0.85f + 0.15f * c.redF(), 0.85f + 0.15f * c.greenF(), 0.85f + 0.15f * c.blueF());
}

QString label(CheckFilter::StatusFlag flag)
{
    switch (flag) {
    case CheckFilter::Passing:
        return QCoreApplication::translate("StatusStyle", "Passing");
    case CheckFilter::Warning:
        return QCoreApplication::translate("StatusStyle", "Warning");
    case CheckFilter::Critical:
        return QCoreApplication::translate("StatusStyle", "Critical");
    case CheckFilter::Maintenance:
        return QCoreApplication::translate("StatusStyle", "Maintenance");
    default:
        return QString();
    }
}

namespace {
QPixmap badge(CheckFilter::StatusFlag flag, int size, qreal dpr)
{
    QPixmap pixmap(QSize(size, size) * dpr);
    pixmap.setDevicePixelRatio(dpr);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    const QRectF r(0.5, 0.5, size - 1.0, size - 1.0);
    p.setPen(Qt::NoPen);
    p.setBrush(color(flag));
    if (flag == CheckFilter::Warning) {
        QPainterPath triangle; // a different shape, not only a different colour
        triangle.moveTo(r.center().x(), r.top());
        triangle.lineTo(r.right(), r.bottom() - size * 0.06);
        triangle.lineTo(r.left(), r.bottom() - size * 0.06);
        triangle.closeSubpath();
        p.drawPath(triangle);
    } else if (flag == CheckFilter::Maintenance) {
        p.drawRoundedRect(r, size * 0.22, size * 0.22);
    } else {
        p.drawEllipse(r);
    }
    QPen pen(Qt::white, std::max(1.5, size / 8.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    p.setBrush(Qt::NoBrush);
    const qreal s = size;
    switch (flag) {
    case CheckFilter::Passing:
        p.drawPolyline(QPolygonF({QPointF(s * 0.28, s * 0.52), QPointF(s * 0.44, s * 0.68), QPointF(s * 0.73, s * 0.34)}));
        break;
    case CheckFilter::Warning:
        p.drawLine(QPointF(s * 0.5, s * 0.36), QPointF(s * 0.5, s * 0.62));
        p.drawPoint(QPointF(s * 0.5, s * 0.78));
        break;
    case CheckFilter::Critical:
        p.drawLine(QPointF(s * 0.33, s * 0.33), QPointF(s * 0.67, s * 0.67));
        p.drawLine(QPointF(s * 0.67, s * 0.33), QPointF(s * 0.33, s * 0.67));
        break;
    case CheckFilter::Maintenance:
        p.drawLine(QPointF(s * 0.3, s * 0.7), QPointF(s * 0.6, s * 0.4));
        p.drawEllipse(QPointF(s * 0.64, s * 0.36), s * 0.12, s * 0.12);
        break;
    default:
        break;
    }
    return pixmap;
}
} // namespace

QIcon icon(CheckFilter::StatusFlag flag, int size)
{
    QIcon result;
    for (const qreal dpr : {1.0, 2.0})
        result.addPixmap(badge(flag, size, dpr));
    return result;
}

QIcon appIcon(int worstFlag)
{
    QIcon result;
    for (const int size : {16, 22, 32, 48, 64, 128}) {
        QPixmap pixmap(size, size);
        pixmap.fill(Qt::transparent);
        QPainter p(&pixmap);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor base = worstFlag ? color(CheckFilter::StatusFlag(worstFlag)) : QColor(0x2f, 0x6f, 0xb3);
        p.setPen(Qt::NoPen);
        p.setBrush(base);
        p.drawRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2);
        QPen pen(Qt::white, std::max(1.5, size / 11.0), Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
        p.setPen(pen);
        const qreal s = size;
        p.drawPolyline(QPolygonF({QPointF(s * 0.12, s * 0.55), QPointF(s * 0.34, s * 0.55), QPointF(s * 0.44, s * 0.28),
                                  QPointF(s * 0.56, s * 0.78), QPointF(s * 0.66, s * 0.45), QPointF(s * 0.88, s * 0.45)}));
        result.addPixmap(pixmap);
    }
    return result;
}

CheckFilter::StatusFlag worst(quint8 flags)
{
    for (const auto flag : {CheckFilter::Maintenance, CheckFilter::Critical, CheckFilter::Warning, CheckFilter::Passing}) {
        if (flags & flag)
            return flag;
    }
    return CheckFilter::StatusFlag(0);
}

} // namespace HealthDesk::StatusStyle
