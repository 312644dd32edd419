// SPDX-License-Identifier: MIT
#include "summarybar.h"

#include "statusstyle.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
constexpr CheckFilter::StatusFlag kOrder[] = {CheckFilter::Critical, CheckFilter::Warning, CheckFilter::Maintenance,
                                              CheckFilter::Passing};
}

SummaryBar::SummaryBar(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(8);
    for (const CheckFilter::StatusFlag flag : kOrder) {
        auto *button = new QToolButton(this);
        button->setCheckable(true);
        button->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
        button->setIcon(StatusStyle::icon(flag, 20));
        button->setIconSize(QSize(20, 20));
        button->setMinimumWidth(150);
        button->setMinimumHeight(40);
        button->setObjectName(u"summary-"_s + StatusStyle::label(flag).toLower());
        button->setToolTip(tr("Show only %1 checks (combine several; none pressed shows all)")
                               .arg(StatusStyle::label(flag).toLower()));
        connect(button, &QToolButton::toggled, this, [this] {
            updateLook();
            emit statusesChanged(statuses());
        });
        m_buttons.insert(flag, button);
        layout->addWidget(button);
    }
    layout->addStretch(1);
    m_total = new QLabel(this);
    m_total->setObjectName(u"summary-total"_s);
    layout->addWidget(m_total);
    updateLook();
}

void SummaryBar::setCounts(const QHash<CheckFilter::StatusFlag, int> &counts)
{
    if (counts == m_counts)
        return;
    m_counts = counts;
    updateLook();
}

quint8 SummaryBar::statuses() const
{
    quint8 flags = 0;
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        if (it.value()->isChecked())
            flags |= it.key();
    }
    return flags;
}

void SummaryBar::setStatuses(quint8 flags)
{
    if (flags == statuses())
        return;
    for (auto it = m_buttons.cbegin(); it != m_buttons.cend(); ++it) {
        const QSignalBlocker blocker(it.value());
        it.value()->setChecked(flags & it.key());
    }
    updateLook();
    emit statusesChanged(statuses());
}

void SummaryBar::updateLook()
{
    quint8 present = 0;
    int total = 0;
    for (auto it = m_counts.cbegin(); it != m_counts.cend(); ++it) {
        if (it.value() > 0)
            present |= it.key();
        total += it.value();
    }
    const CheckFilter::StatusFlag worst = StatusStyle::worst(present & ~CheckFilter::Passing);
    for (const CheckFilter::StatusFlag flag : kOrder) {
        QToolButton *button = m_buttons.value(flag);
        const int n = m_counts.value(flag);
        button->setText(u"%1  %2"_s.arg(QString::number(n), StatusStyle::label(flag)));
        const QColor c = StatusStyle::color(flag);
        const bool stands = flag == worst;
        // The worst state present is filled; the others are outlined; zero counts are muted.
        const QString background = stands ? c.name() : (button->isChecked() ? StatusStyle::tint(flag).name() : u"palette(base)"_s);
        const QString foreground = stands ? u"white"_s : (n > 0 ? c.darker(115).name() : u"palette(mid)"_s);
        button->setStyleSheet(u"QToolButton { border: %1px solid %2; border-radius: 6px; padding: 4px 12px;"
                              u" background: %3; color: %4; font-weight: %5; font-size: 11pt; }"_s
                                  .arg(button->isChecked() ? u"3"_s : u"1"_s,
                                       n > 0 || button->isChecked() ? c.name() : u"palette(mid)"_s, background, foreground,
                                       stands || button->isChecked() ? u"bold"_s : u"normal"_s));
    }
    m_total->setText(total == 1 ? tr("1 check") : tr("%1 checks").arg(total));
}

} // namespace HealthDesk
