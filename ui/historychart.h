// SPDX-License-Identifier: MIT
#pragma once

#include "store/checkstate.h"

#include <QWidget>

namespace HealthDesk {

/// Latency over time with a status strip underneath, painted with QPainter. Runs are folded
/// into one bucket per few pixels (highest latency, worst status), so a 30-day range of a 10 s
/// check paints as fast as an hour.
class HistoryChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HistoryChart)

public:
    explicit HistoryChart(QWidget *parent = nullptr);

    void setHistory(const QList<HistoryEntry> &history, qint64 fromMs, qint64 toMs);
    /// Shown instead of the chart ("Loading…", an error).
    void setMessage(const QString &message);

    QSize sizeHint() const override { return {600, 220}; }
    QSize minimumSizeHint() const override { return {300, 150}; }

protected:
    void paintEvent(QPaintEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;

private:
    struct Bucket
    {
        qint64 fromMs = 0;
        int runs = 0;
        double maxLatencyMs = 0;
        double sumLatencyMs = 0;
        CheckStatus worst = CheckStatus::Passing;
        int counts[3] = {0, 0, 0}; ///< runs per CheckStatus
    };
    void rebuildBuckets();
    QRectF plotRect() const;

    QList<HistoryEntry> m_history;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
    QString m_message;
    QList<Bucket> m_buckets;
    double m_maxLatencyMs = 1;
};

} // namespace HealthDesk
