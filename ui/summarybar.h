// SPDX-License-Identifier: MIT
#pragma once

#include "model/checkfilter.h"

#include <QHash>
#include <QWidget>

class QLabel;
class QToolButton;

namespace HealthDesk {

/// Counts per status (passing, warning, critical, maintenance) as toggle buttons: each is also
/// a status filter (several at once; none pressed shows everything). The worst state present
/// stands out with a filled badge.
class SummaryBar final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SummaryBar)

public:
    explicit SummaryBar(QWidget *parent = nullptr);

    void setCounts(const QHash<CheckFilter::StatusFlag, int> &counts);
    int count(CheckFilter::StatusFlag flag) const { return m_counts.value(flag); }
    /// Pressed buttons as CheckFilter flags; 0 = none pressed.
    quint8 statuses() const;
    void setStatuses(quint8 flags);
    QToolButton *button(CheckFilter::StatusFlag flag) const { return m_buttons.value(flag); }

signals:
    void statusesChanged(quint8 flags);

private:
    void updateLook();

    QHash<CheckFilter::StatusFlag, QToolButton *> m_buttons;
    QHash<CheckFilter::StatusFlag, int> m_counts;
    QLabel *m_total = nullptr;
};

} // namespace HealthDesk
