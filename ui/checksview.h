// SPDX-License-Identifier: MIT
#pragma once

#include <QTimer>
#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QSettings;
class QStackedWidget;
class QTableView;

namespace HealthDesk {

class CheckFilterProxy;
class ChecksTableModel;

/// The checks table with its filter row (debounced search, service and type) over
/// ChecksTableModel + CheckFilterProxy, and the first-start page shown while there are no
/// checks at all. Filtering itself is CheckFilter's; this widget only wires it up.
class ChecksView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChecksView)

public:
    static constexpr int kSearchDelayMs = 300;

    explicit ChecksView(ChecksTableModel *model, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    CheckFilterProxy *proxy() const { return m_proxy; }
    QLineEdit *searchField() const { return m_search; }
    QComboBox *serviceFilter() const { return m_service; }
    QComboBox *typeFilter() const { return m_type; }
    QPushButton *emptyAddButton() const { return m_emptyAdd; }
    QPushButton *emptyImportButton() const { return m_emptyImport; }

    /// Check IDs of the selected rows, in view order.
    QStringList selectedIds() const;
    QString currentId() const;
    /// Selects and scrolls to a check (clears filters that hide it).
    void selectCheck(const QString &id);
    void setStatuses(quint8 flags);

    void saveState(QSettings &settings) const;
    void restoreState(QSettings &settings);

signals:
    void selectionChanged();
    void emptyChanged(bool empty);
    void activated(const QString &checkId);
    void contextMenuRequested(const QPoint &globalPos);

private:
    void updateEmptyState();
    void refreshFilterChoices();
    QWidget *buildEmptyPage();

    ChecksTableModel *m_model = nullptr;
    CheckFilterProxy *m_proxy = nullptr;
    QWidget *m_filterBar = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_service = nullptr;
    QComboBox *m_type = nullptr;
    QStackedWidget *m_stack = nullptr;
    QTableView *m_table = nullptr;
    QPushButton *m_emptyAdd = nullptr;
    QPushButton *m_emptyImport = nullptr;
    QTimer m_searchTimer;
    QTimer m_choicesTimer;
};

} // namespace HealthDesk
