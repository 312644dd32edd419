// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QDateTimeEdit;
class QRadioButton;

namespace HealthDesk {

/// Asks what to export: the checks as the table shows them (its filters and sort), or the run
/// history of the selected checks over a date range; and whether to write a BOM for Excel.
class ExportDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ExportDialog)

public:
    ExportDialog(int visibleRows, const QStringList &selectedIds, bool byteOrderMark, QWidget *parent = nullptr);

    bool historyChosen() const;
    qint64 fromMs() const;
    qint64 toMs() const;
    bool byteOrderMark() const;

private:
    QRadioButton *m_view = nullptr;
    QRadioButton *m_history = nullptr;
    QDateTimeEdit *m_from = nullptr;
    QDateTimeEdit *m_to = nullptr;
    QCheckBox *m_bom = nullptr;
};

} // namespace HealthDesk
