// SPDX-License-Identifier: MIT
#pragma once

#include "store/checkstate.h"

#include <QTimer>
#include <QWidget>

class QButtonGroup;
class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

namespace HealthDesk {

class ChecksTableModel;
class CoreClient;
class HistoryChart;

/// Everything about the selected check: output (monospace, copyable), notes, last and next run,
/// the definition as Consul JSON, a latency/status history chart (1 h / 24 h / 7 d / 30 d),
/// uptime over 24 h / 7 d / 30 d and the state transitions. History comes from the store's
/// writer thread through CoreClient; current values from the table model.
class DetailsPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DetailsPanel)

public:
    enum Range { Hour, Day, Week, Month };

    DetailsPanel(ChecksTableModel *model, CoreClient *core, QWidget *parent = nullptr);

    void setCheckId(const QString &id);
    QString checkId() const { return m_id; }
    QTabWidget *tabs() const { return m_tabs; }
    HistoryChart *chart() const { return m_chart; }
    QString definitionJson() const;
    /// Milliseconds of each Range.
    static qint64 rangeMs(Range range);

private:
    QWidget *buildOverview();
    QWidget *buildHistory();
    QWidget *buildDefinition();
    void refreshState();
    void requestHistory();
    void applyHistory();
    void handleModelChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight);

    ChecksTableModel *m_model = nullptr;
    CoreClient *m_core = nullptr;
    QString m_id;
    CheckState m_state;
    QList<HistoryEntry> m_history;
    qint64 m_historyToMs = 0;
    qint64 m_lastRunSeen = -1;
    quint64 m_historyGeneration = 0;
    Range m_range = Day;

    QLabel *m_title = nullptr;
    QLabel *m_subtitle = nullptr;
    QLabel *m_badge = nullptr;
    QTabWidget *m_tabs = nullptr;
    QPlainTextEdit *m_output = nullptr;
    QLabel *m_notes = nullptr;
    QLabel *m_lastRun = nullptr;
    QLabel *m_nextRun = nullptr;
    QLabel *m_lastChange = nullptr;
    QLabel *m_latency = nullptr;
    QLabel *m_indexes = nullptr;
    QPlainTextEdit *m_definition = nullptr;
    HistoryChart *m_chart = nullptr;
    QButtonGroup *m_rangeButtons = nullptr;
    QList<QLabel *> m_uptime;
    QTreeWidget *m_transitions = nullptr;
    QTimer m_historyTimer;
};

} // namespace HealthDesk
