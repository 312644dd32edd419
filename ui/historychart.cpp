// SPDX-License-Identifier: MIT
#include "historychart.h"

#include "statusstyle.h"

#include <QDateTime>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>

#include <cmath>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
constexpr int kBucketPx = 3;
constexpr qreal kStripHeight = 14;
constexpr qreal kLeft = 56;
constexpr qreal kRight = 12;
constexpr qreal kTop = 10;
constexpr qreal kBottom = 22 + kStripHeight + 6;

CheckFilter::StatusFlag flagOf(CheckStatus status)
{
    switch (status) {
    case CheckStatus::Passing:
        return CheckFilter::Passing;
    case CheckStatus::Warning:
        return CheckFilter::Warning;
    case CheckStatus::Critical:
        break;
    }
    return CheckFilter::Critical;
}

/// 1, 2, 5 × 10^n at or above `value`.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 5.0, 10.0}) {
        if (step * magnitude >= value)
            return step * magnitude;
    }
    return 10 * magnitude;
}
} // namespace

HistoryChart::HistoryChart(QWidget *parent)
    : QWidget(parent)
{
    setMouseTracking(true);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
}

void HistoryChart::setHistory(const QList<HistoryEntry> &history, qint64 fromMs, qint64 toMs)
{
    m_history = history;
    m_fromMs = fromMs;
    m_toMs = std::max(toMs, fromMs + 1);
    m_message.clear();
    rebuildBuckets();
    update();
}

void HistoryChart::setMessage(const QString &message)
{
    m_message = message;
    update();
}

QRectF HistoryChart::plotRect() const
{
    return QRectF(kLeft, kTop, std::max(10.0, width() - kLeft - kRight), std::max(10.0, height() - kTop - kBottom));
}

void HistoryChart::rebuildBuckets()
{
    const QRectF plot = plotRect();
    const int count = std::max(1, int(plot.width() / kBucketPx));
    m_buckets = QList<Bucket>(count);
    const double span = double(m_toMs - m_fromMs);
    for (int i = 0; i < count; ++i)
        m_buckets[i].fromMs = m_fromMs + qint64(span * i / count);
    m_maxLatencyMs = 0;
    for (const HistoryEntry &entry : std::as_const(m_history)) {
        if (entry.timeMs < m_fromMs || entry.timeMs >= m_toMs)
            continue;
        const int i = std::clamp(int(double(entry.timeMs - m_fromMs) / span * count), 0, count - 1);
        Bucket &bucket = m_buckets[i];
        const double latency = double(entry.latencyUs) / 1000.0;
        bucket.runs++;
        bucket.maxLatencyMs = std::max(bucket.maxLatencyMs, latency);
        bucket.sumLatencyMs += latency;
        if (bucket.runs == 1 || checkStatusSeverity(entry.status) > checkStatusSeverity(bucket.worst))
            bucket.worst = entry.status;
        bucket.counts[int(entry.status)]++;
        m_maxLatencyMs = std::max(m_maxLatencyMs, latency);
    }
    m_maxLatencyMs = niceCeiling(m_maxLatencyMs * 1.1);
}

void HistoryChart::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    rebuildBuckets();
}

void HistoryChart::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const QPalette pal = palette();
    p.fillRect(rect(), pal.color(QPalette::Base));
    const QRectF plot = plotRect();
    const QColor gridColor = pal.color(QPalette::Mid).lighter(130);
    const QColor textColor = pal.color(QPalette::PlaceholderText);

    if (!m_message.isEmpty() || m_history.isEmpty()) {
        p.setPen(textColor);
        p.drawText(rect(), Qt::AlignCenter,
                   m_message.isEmpty() ? tr("No runs recorded in this range yet.") : m_message);
        return;
    }

    // Horizontal grid and latency axis.
    QFont small = font();
    small.setPointSizeF(small.pointSizeF() * 0.85);
    p.setFont(small);
    const QFontMetricsF fm(small);
    for (int i = 0; i <= 4; ++i) {
        const qreal y = plot.bottom() - plot.height() * i / 4.0;
        p.setPen(QPen(gridColor, 1, i == 0 ? Qt::SolidLine : Qt::DotLine));
        p.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        p.setPen(textColor);
        const double value = m_maxLatencyMs * i / 4.0;
        const QString label = value >= 1000 ? u"%1 s"_s.arg(QLocale().toString(value / 1000.0, 'g', 3))
                                            : u"%1 ms"_s.arg(QLocale().toString(value, 'g', 3));
        p.drawText(QRectF(0, y - fm.height() / 2, kLeft - 6, fm.height()), Qt::AlignRight | Qt::AlignVCenter, label);
    }

    // Latency: a filled area of the per-bucket maximum plus a line of the mean.
    const qreal bucketWidth = plot.width() / m_buckets.size();
    const auto yOf = [&](double ms) { return plot.bottom() - plot.height() * std::min(1.0, ms / m_maxLatencyMs); };
    QPainterPath area;
    QPainterPath line;
    bool open = false;
    qreal lastX = 0;
    for (int i = 0; i < m_buckets.size(); ++i) {
        const Bucket &b = m_buckets.at(i);
        const qreal x = plot.left() + bucketWidth * (i + 0.5);
        if (b.runs == 0) {
            if (open) {
                area.lineTo(lastX, plot.bottom());
                area.closeSubpath();
            }
            open = false;
            continue;
        }
        const qreal yMax = yOf(b.maxLatencyMs);
        const qreal yMean = yOf(b.sumLatencyMs / b.runs);
        if (!open) {
            area.moveTo(x, plot.bottom());
            area.lineTo(x, yMax);
            line.moveTo(x, yMean);
            open = true;
        } else {
            area.lineTo(x, yMax);
            line.lineTo(x, yMean);
        }
        lastX = x;
    }
    if (open) {
        area.lineTo(lastX, plot.bottom());
        area.closeSubpath();
    }
    const QColor accent(0x2f, 0x6f, 0xb3);
    QColor fill = accent;
    fill.setAlpha(50);
    p.fillPath(area, fill);
    p.setPen(QPen(accent, 1.6));
    p.drawPath(line);

    // Status strip: one segment per bucket, split by the share of each status (a bucket with
    // one failure in five runs is a fifth red, not all red); gaps where nothing ran.
    const QRectF strip(plot.left(), plot.bottom() + 6, plot.width(), kStripHeight);
    p.setPen(Qt::NoPen);
    p.setBrush(gridColor.lighter(115));
    p.drawRect(strip);
    p.setRenderHint(QPainter::Antialiasing, false);
    for (int i = 0; i < m_buckets.size(); ++i) {
        const Bucket &b = m_buckets.at(i);
        if (b.runs == 0)
            continue;
        qreal top = strip.top();
        for (const CheckStatus status : {CheckStatus::Critical, CheckStatus::Warning, CheckStatus::Passing}) {
            const int n = b.counts[int(status)];
            if (n == 0)
                continue;
            const qreal h = strip.height() * n / b.runs;
            p.fillRect(QRectF(strip.left() + bucketWidth * i, top, std::ceil(bucketWidth), h),
                       StatusStyle::color(flagOf(status)));
            top += h;
        }
    }
    p.setRenderHint(QPainter::Antialiasing);

    // Time axis: five labels, with dates once the range exceeds a day.
    p.setPen(textColor);
    const qint64 span = m_toMs - m_fromMs;
    const QString format = span > 36LL * 3600 * 1000 ? u"MMM d, HH:mm"_s : u"HH:mm"_s;
    for (int i = 0; i <= 4; ++i) {
        const qint64 t = m_fromMs + span * i / 4;
        const qreal x = plot.left() + plot.width() * i / 4.0;
        const QString text = QLocale().toString(QDateTime::fromMSecsSinceEpoch(t), format);
        const qreal w = fm.horizontalAdvance(text);
        const qreal left = std::clamp(x - w / 2, 0.0, width() - w);
        p.drawText(QPointF(left, strip.bottom() + fm.ascent() + 4), text);
    }
}

void HistoryChart::mouseMoveEvent(QMouseEvent *event)
{
    const QRectF plot = plotRect();
    const qreal x = event->position().x();
    if (m_buckets.isEmpty() || x < plot.left() || x > plot.right()) {
        QToolTip::hideText();
        return;
    }
    const int i = std::clamp(int((x - plot.left()) / plot.width() * m_buckets.size()), 0, int(m_buckets.size()) - 1);
    const Bucket &b = m_buckets.at(i);
    if (b.runs == 0) {
        QToolTip::hideText();
        return;
    }
    const QString text = tr("%1\n%n run(s), worst: %2\nlatency max %3 ms, mean %4 ms", nullptr, b.runs)
                             .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(b.fromMs), QLocale::ShortFormat),
                                  checkStatusName(b.worst), QLocale().toString(b.maxLatencyMs, 'f', 1),
                                  QLocale().toString(b.sumLatencyMs / b.runs, 'f', 1));
    QToolTip::showText(event->globalPosition().toPoint(), text, this);
}

} // namespace HealthDesk
