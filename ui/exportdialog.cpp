// SPDX-License-Identifier: MIT
#include "exportdialog.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace HealthDesk {

ExportDialog::ExportDialog(int visibleRows, const QStringList &selectedIds, bool byteOrderMark, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Export CSV"));
    m_view = new QRadioButton(tr("The checks as shown: %n row(s), with the current filters and sort", nullptr,
                                 visibleRows),
                              this);
    m_history = new QRadioButton(tr("Run history of the %n selected check(s)", nullptr, int(selectedIds.size())), this);
    m_history->setEnabled(!selectedIds.isEmpty());
    m_view->setChecked(true);
    const QDateTime now = QDateTime::currentDateTime();
    m_from = new QDateTimeEdit(now.addDays(-1), this);
    m_to = new QDateTimeEdit(now, this);
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(u"yyyy-MM-dd HH:mm"_s);
        edit->setEnabled(false);
    }
    connect(m_history, &QRadioButton::toggled, m_from, &QWidget::setEnabled);
    connect(m_history, &QRadioButton::toggled, m_to, &QWidget::setEnabled);
    m_bom = new QCheckBox(tr("Start with a byte-order mark (for Microsoft Excel)"), this);
    m_bom->setChecked(byteOrderMark);
    auto *note = new QLabel(tr("UTF-8, RFC 4180 quoting, times in ISO 8601 UTC. Cells that a spreadsheet would "
                               "run as a formula are prefixed with an apostrophe."),
                            this);
    note->setWordWrap(true);
    note->setStyleSheet(u"color: palette(placeholder-text);"_s);

    auto *range = new QFormLayout;
    range->setContentsMargins(24, 0, 0, 0);
    range->addRow(tr("From:"), m_from);
    range->addRow(tr("Until:"), m_to);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Export…"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view);
    layout->addWidget(m_history);
    layout->addLayout(range);
    layout->addSpacing(8);
    layout->addWidget(m_bom);
    layout->addWidget(note);
    layout->addWidget(buttons);
}

bool ExportDialog::historyChosen() const
{
    return m_history->isChecked();
}

qint64 ExportDialog::fromMs() const
{
    return m_from->dateTime().toMSecsSinceEpoch();
}

qint64 ExportDialog::toMs() const
{
    return m_to->dateTime().toMSecsSinceEpoch();
}

bool ExportDialog::byteOrderMark() const
{
    return m_bom->isChecked();
}

} // namespace HealthDesk
