// SPDX-License-Identifier: MIT
#pragma once

#include <QMainWindow>
#include <QTimer>

class QAction;
class QLabel;
class QMenu;
class QSplitter;

namespace HealthDesk {

class AppSettings;
class ChecksTableModel;
class ChecksView;
class CoreClient;
class DetailsPanel;
class SummaryBar;
class TrayController;
struct CheckDefinition;
struct CheckState;

/// The operator's window: summary bar, checks table, details of the selected check, and the
/// actions (menu, toolbar, context menu, shortcuts). Every action ends in a CoreClient call;
/// the window keeps no state of its own beyond what it shows.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)

public:
    enum ActionId {
        AddAction, EditAction, DuplicateAction, DeleteAction, RunNowAction, PassAction, WarnAction, FailAction,
        NodeMaintenanceAction, ServiceMaintenanceAction, CopyCurlAction, CopyJsonAction, ImportAction,
        ExportAction, SettingsAction, FindAction, ClearFiltersAction, QuitAction, ActionCount
    };

    MainWindow(ChecksTableModel *model, CoreClient *core, AppSettings *settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    QAction *action(ActionId id) const { return m_actions.at(id); }
    ChecksView *checksView() const { return m_view; }
    SummaryBar *summaryBar() const { return m_summary; }
    DetailsPanel *details() const { return m_details; }
    TrayController *tray() const { return m_tray; }

    /// Brings the window up with `checkId` selected (tray notifications, --select).
    void showCheck(const QString &checkId);
    void showFromTray();
    /// Writes window geometry, splitter, header and filters to the settings file.
    void saveState() { saveSettings(); }
    /// Exports the current view to `path` without asking (tests, scripts); the job is returned
    /// through exportFinished().
    void exportViewTo(const QString &path, bool byteOrderMark);
    /// Opens the add dialog; returns it (non-modal) so tests can drive it.
    class CheckDialog *openAddDialog();

signals:
    void exportFinished(const QString &path, const QString &error, qint64 rows);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void createActions();
    void createMenusAndToolbar();
    void updateActions();
    void updateCounts();
    void restoreSettings();
    void saveSettings();
    QList<CheckDefinition> selectedDefinitions() const;
    QList<CheckState> visibleStates() const;

    void addCheck();
    void editCheck();
    void duplicateCheck();
    void deleteChecks();
    void runNow();
    void setTtl(int status);
    void toggleNodeMaintenance(bool enable);
    void serviceMaintenance();
    void copyCurl();
    void copyJson();
    void importConfig();
    void exportCsv();
    void openSettings();
    void reportError(const QString &what, const QString &message);

    ChecksTableModel *m_model = nullptr;
    CoreClient *m_core = nullptr;
    AppSettings *m_settings = nullptr;
    SummaryBar *m_summary = nullptr;
    ChecksView *m_view = nullptr;
    DetailsPanel *m_details = nullptr;
    QSplitter *m_splitter = nullptr;
    TrayController *m_tray = nullptr;
    QMenu *m_contextMenu = nullptr;
    QLabel *m_statusText = nullptr;
    QList<QAction *> m_actions;
    QTimer m_countTimer;
    bool m_quitting = false;
};

} // namespace HealthDesk
