// SPDX-License-Identifier: MIT
#include "mainwindow.h"

#include "check/checkjson.h"
#include "checkdialog.h"
#include "checksview.h"
#include "coreclient.h"
#include "csvexportjob.h"
#include "curlcommand.h"
#include "detailspanel.h"
#include "exportdialog.h"
#include "model/checkfilterproxy.h"
#include "model/checkstablemodel.h"
#include "registry/checkregistry.h"
#include "settings/appsettings.h"
#include "settingsdialog.h"
#include "statusstyle.h"
#include "summarybar.h"
#include "traycontroller.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QPushButton>
#include <QCloseEvent>
#include <QFileDialog>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressDialog>
#include <QScreen>
#include <QSettings>
#include <QSplitter>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace HealthDesk {

MainWindow::MainWindow(ChecksTableModel *model, CoreClient *core, AppSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_model(model)
    , m_core(core)
    , m_settings(settings)
{
    setObjectName(u"mainWindow"_s);
    setWindowIcon(StatusStyle::appIcon());
    const QString node = core->agentConfig().nodeName;
    setWindowTitle(node.isEmpty() ? tr("HealthDesk") : tr("HealthDesk — %1").arg(node));

    m_summary = new SummaryBar(this);
    m_view = new ChecksView(model, this);
    m_details = new DetailsPanel(model, core, this);
    auto *top = new QWidget(this);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(8, 8, 8, 0);
    topLayout->addWidget(m_summary);
    topLayout->addWidget(m_view, 1);
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_details);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 2);
    m_splitter->setChildrenCollapsible(false);
    setCentralWidget(m_splitter);

    m_statusText = new QLabel(this);
    statusBar()->addPermanentWidget(m_statusText);
    const AgentConfig &agent = core->agentConfig();
    m_statusText->setText(tr("Node %1 · API http://%2:%3 · data in %4")
                              .arg(agent.nodeName, agent.httpAddress)
                              .arg(agent.httpPort)
                              .arg(core->dataDirectory()));

    createActions();
    createMenusAndToolbar();
    m_tray = new TrayController(model, settings, this);
    connect(m_tray, &TrayController::showWindowRequested, this, &MainWindow::showFromTray);
    connect(m_tray, &TrayController::checkRequested, this, &MainWindow::showCheck);
    connect(m_tray, &TrayController::quitRequested, this, [this] { action(QuitAction)->trigger(); });

    connect(m_summary, &SummaryBar::statusesChanged, m_view, &ChecksView::setStatuses);
    connect(m_view, &ChecksView::selectionChanged, this, [this] {
        m_details->setCheckId(m_view->currentId());
        updateActions();
    });
    connect(m_view, &ChecksView::activated, this, [this] { editCheck(); });
    connect(m_view, &ChecksView::contextMenuRequested, this, [this](const QPoint &pos) { m_contextMenu->popup(pos); });
    connect(m_view, &ChecksView::emptyChanged, this, [this](bool empty) {
        m_details->setVisible(!empty);
        m_summary->setVisible(!empty);
    });
    connect(m_view->emptyAddButton(), &QPushButton::clicked, this, &MainWindow::addCheck);
    connect(m_view->emptyImportButton(), &QPushButton::clicked, this, &MainWindow::importConfig);

    // Counts follow the data at most five times a second.
    m_countTimer.setSingleShot(true);
    m_countTimer.setInterval(200);
    connect(&m_countTimer, &QTimer::timeout, this, &MainWindow::updateCounts);
    const auto later = [this] {
        if (!m_countTimer.isActive())
            m_countTimer.start();
    };
    connect(model, &QAbstractItemModel::dataChanged, this, later);
    connect(model, &QAbstractItemModel::rowsInserted, this, later);
    connect(model, &QAbstractItemModel::rowsRemoved, this, later);
    connect(model, &QAbstractItemModel::modelReset, this, later);
    const bool empty = model->rowCount() == 0;
    m_details->setVisible(!empty);
    m_summary->setVisible(!empty);
    updateCounts();
    updateActions();
    restoreSettings();
}

MainWindow::~MainWindow() = default;

void MainWindow::createActions()
{
    const auto make = [this](const QString &text, const QKeySequence &shortcut, const QIcon &icon, auto slot) {
        auto *a = new QAction(icon, text, this);
        if (!shortcut.isEmpty())
            a->setShortcut(shortcut);
        a->setShortcutContext(Qt::WindowShortcut);
        connect(a, &QAction::triggered, this, slot);
        m_actions.append(a);
        return a;
    };
    QStyle *s = style();
    make(tr("&Add check…"), QKeySequence::New, QIcon::fromTheme(u"list-add"_s, s->standardIcon(QStyle::SP_FileIcon)),
         [this] { addCheck(); });
    make(tr("&Edit…"), QKeySequence(Qt::Key_F2), QIcon::fromTheme(u"document-edit"_s, s->standardIcon(QStyle::SP_FileDialogDetailedView)),
         [this] { editCheck(); });
    make(tr("D&uplicate…"), QKeySequence(Qt::CTRL | Qt::Key_D), QIcon::fromTheme(u"edit-copy"_s), [this] { duplicateCheck(); });
    make(tr("&Delete…"), QKeySequence::Delete, QIcon::fromTheme(u"edit-delete"_s, s->standardIcon(QStyle::SP_TrashIcon)),
         [this] { deleteChecks(); });
    make(tr("&Run now"), QKeySequence(Qt::Key_F5), QIcon::fromTheme(u"view-refresh"_s, s->standardIcon(QStyle::SP_BrowserReload)),
         [this] { runNow(); });
    make(tr("Mark &passing"), QKeySequence(Qt::CTRL | Qt::Key_1), StatusStyle::icon(CheckFilter::Passing),
         [this] { setTtl(int(CheckStatus::Passing)); });
    make(tr("Mark &warning"), QKeySequence(Qt::CTRL | Qt::Key_2), StatusStyle::icon(CheckFilter::Warning),
         [this] { setTtl(int(CheckStatus::Warning)); });
    make(tr("Mark &critical"), QKeySequence(Qt::CTRL | Qt::Key_3), StatusStyle::icon(CheckFilter::Critical),
         [this] { setTtl(int(CheckStatus::Critical)); });
    QAction *node = make(tr("&Node maintenance"), QKeySequence(Qt::CTRL | Qt::Key_M), StatusStyle::icon(CheckFilter::Maintenance),
                         [this](bool checked) { toggleNodeMaintenance(checked); });
    node->setCheckable(true);
    make(tr("&Service maintenance…"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M), QIcon(), [this] { serviceMaintenance(); });
    make(tr("Copy as c&url command"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), QIcon(), [this] { copyCurl(); });
    make(tr("Copy as Consul &JSON"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_J), QIcon(), [this] { copyJson(); });
    make(tr("&Import Consul config file…"), QKeySequence::Open, QIcon::fromTheme(u"document-open"_s, s->standardIcon(QStyle::SP_DialogOpenButton)),
         [this] { importConfig(); });
    make(tr("&Export CSV…"), QKeySequence(Qt::CTRL | Qt::Key_E), QIcon::fromTheme(u"document-save-as"_s, s->standardIcon(QStyle::SP_DialogSaveButton)),
         [this] { exportCsv(); });
    make(tr("Se&ttings…"), QKeySequence::Preferences, QIcon::fromTheme(u"preferences-system"_s), [this] { openSettings(); });
    make(tr("&Find"), QKeySequence::Find, QIcon(), [this] {
        m_view->searchField()->setFocus();
        m_view->searchField()->selectAll();
    });
    make(tr("C&lear filters"), QKeySequence(Qt::CTRL | Qt::Key_L), QIcon(), [this] {
        m_view->searchField()->clear();
        m_view->serviceFilter()->setCurrentIndex(0);
        m_view->typeFilter()->setCurrentIndex(0);
        m_summary->setStatuses(0);
    });
    make(tr("&Quit"), QKeySequence::Quit, QIcon(), [this] {
        m_quitting = true;
        saveSettings();
        QApplication::quit();
    });
    for (const ActionId id : {AddAction, EditAction, DeleteAction, RunNowAction, PassAction, WarnAction, FailAction,
                              NodeMaintenanceAction, ImportAction, ExportAction}) {
        QAction *a = m_actions.at(id);
        a->setToolTip(a->text().remove(u'&').remove(u"…"_s) + (a->shortcut().isEmpty() ? QString()
                                                                  : u" (%1)"_s.arg(a->shortcut().toString(QKeySequence::NativeText))));
    }
}

void MainWindow::createMenusAndToolbar()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    file->addActions({action(ImportAction), action(ExportAction)});
    file->addSeparator();
    file->addAction(action(SettingsAction));
    file->addSeparator();
    file->addAction(action(QuitAction));
    QMenu *checks = menuBar()->addMenu(tr("&Checks"));
    checks->addActions({action(AddAction), action(EditAction), action(DuplicateAction), action(DeleteAction)});
    checks->addSeparator();
    checks->addActions({action(RunNowAction), action(PassAction), action(WarnAction), action(FailAction)});
    checks->addSeparator();
    checks->addActions({action(CopyCurlAction), action(CopyJsonAction)});
    QMenu *maintenance = menuBar()->addMenu(tr("&Maintenance"));
    maintenance->addActions({action(NodeMaintenanceAction), action(ServiceMaintenanceAction)});
    QMenu *view = menuBar()->addMenu(tr("&View"));
    view->addActions({action(FindAction), action(ClearFiltersAction)});

    QToolBar *bar = addToolBar(tr("Main"));
    bar->setObjectName(u"mainToolbar"_s);
    bar->setMovable(false);
    bar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    bar->setIconSize(QSize(18, 18));
    bar->addActions({action(AddAction), action(EditAction), action(DeleteAction)});
    bar->addSeparator();
    bar->addActions({action(RunNowAction), action(PassAction), action(WarnAction), action(FailAction)});
    bar->addSeparator();
    bar->addAction(action(NodeMaintenanceAction));
    bar->addSeparator();
    bar->addActions({action(ImportAction), action(ExportAction)});

    m_contextMenu = new QMenu(this);
    m_contextMenu->addActions({action(EditAction), action(DuplicateAction), action(RunNowAction)});
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({action(PassAction), action(WarnAction), action(FailAction)});
    m_contextMenu->addSeparator();
    m_contextMenu->addActions({action(CopyCurlAction), action(CopyJsonAction)});
    m_contextMenu->addSeparator();
    m_contextMenu->addAction(action(DeleteAction));
}

QList<CheckDefinition> MainWindow::selectedDefinitions() const
{
    QList<CheckDefinition> list;
    for (const QString &id : m_view->selectedIds()) {
        if (const CheckState *state = m_model->stateAt(m_model->rowOf(id)))
            list.append(state->definition);
    }
    return list;
}

void MainWindow::updateActions()
{
    const QList<CheckDefinition> selected = selectedDefinitions();
    const bool one = selected.size() == 1;
    const bool any = !selected.isEmpty();
    const bool editable = one && selected.constFirst().kind() != CheckKind::Maintenance
                       && selected.constFirst().source != CheckSource::Config;
    const bool allTtl = any && std::all_of(selected.cbegin(), selected.cend(),
                                           [](const CheckDefinition &d) { return d.kind() == CheckKind::Ttl; });
    const bool anyProbe = std::any_of(selected.cbegin(), selected.cend(),
                                      [](const CheckDefinition &d) { return d.isIntervalKind(); });
    action(EditAction)->setEnabled(editable);
    action(DuplicateAction)->setEnabled(one && selected.constFirst().kind() != CheckKind::Maintenance);
    action(DeleteAction)->setEnabled(any && std::none_of(selected.cbegin(), selected.cend(), [](const CheckDefinition &d) {
                                         return d.source == CheckSource::Config;
                                     }));
    action(RunNowAction)->setEnabled(anyProbe);
    for (const ActionId id : {PassAction, WarnAction, FailAction})
        action(id)->setEnabled(allTtl);
    action(CopyCurlAction)->setEnabled(any);
    action(CopyJsonAction)->setEnabled(any);
    action(ServiceMaintenanceAction)->setEnabled(!m_core->services().isEmpty());
    if (one && selected.constFirst().source == CheckSource::Config)
        action(EditAction)->setToolTip(tr("Defined in a config file: edit the file and restart"));
    const QSignalBlocker blocker(action(NodeMaintenanceAction));
    action(NodeMaintenanceAction)->setChecked(m_model->rowOf(QString::fromUtf16(CheckRegistry::kNodeMaintenanceId)) >= 0);
}

void MainWindow::updateCounts()
{
    QHash<CheckFilter::StatusFlag, int> counts;
    for (const auto flag : {CheckFilter::Passing, CheckFilter::Warning, CheckFilter::Critical, CheckFilter::Maintenance})
        counts.insert(flag, 0);
    for (const CheckState &state : m_model->states())
        counts[CheckFilter::statusFlagOf(state)]++;
    m_summary->setCounts(counts);
    updateActions();
}

void MainWindow::showCheck(const QString &checkId)
{
    showFromTray();
    m_view->selectCheck(checkId);
}

void MainWindow::showFromTray()
{
    show();
    setWindowState((windowState() & ~Qt::WindowMinimized) | Qt::WindowActive);
    raise();
    activateWindow();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    if (!m_quitting && m_tray->available()) {
        // Keep checking in the tray; Quit (menu or tray) ends the program.
        hide();
        event->ignore();
        return;
    }
    event->accept();
    QApplication::quit();
}

void MainWindow::restoreSettings()
{
    QSettings &settings = m_settings->storage();
    if (!restoreGeometry(settings.value(u"window/geometry"_s).toByteArray())) {
        const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1440, 900);
        resize(std::min(1440, available.width() * 9 / 10), std::min(900, available.height() * 9 / 10));
    }
    const QByteArray splitter = settings.value(u"window/splitter"_s).toByteArray();
    if (!splitter.isEmpty())
        m_splitter->restoreState(splitter);
    else
        m_splitter->setSizes({520, 380});
    m_view->restoreState(settings);
    m_summary->setStatuses(quint8(settings.value(u"checks/statuses"_s, 0).toUInt()));
}

void MainWindow::saveSettings()
{
    QSettings &settings = m_settings->storage();
    settings.setValue(u"window/geometry"_s, saveGeometry());
    settings.setValue(u"window/splitter"_s, m_splitter->saveState());
    settings.setValue(u"checks/statuses"_s, uint(m_summary->statuses()));
    m_view->saveState(settings);
}

void MainWindow::reportError(const QString &what, const QString &message)
{
    QMessageBox::warning(this, what, message);
}

CheckDialog *MainWindow::openAddDialog()
{
    auto *dialog = new CheckDialog(m_core, CheckDialog::Mode::Add, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &CheckDialog::registered, this, [this](const QString &id) {
        statusBar()->showMessage(tr("Check %1 added").arg(id), 5000);
        // The row arrives with the next batch; select it once it is there.
        QTimer::singleShot(300, this, [this, id] { m_view->selectCheck(id); });
    });
    dialog->show();
    return dialog;
}

void MainWindow::addCheck()
{
    openAddDialog();
}

void MainWindow::editCheck()
{
    const QList<CheckDefinition> selected = selectedDefinitions();
    if (selected.size() != 1 || !action(EditAction)->isEnabled())
        return;
    auto *dialog = new CheckDialog(m_core, CheckDialog::Mode::Edit, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setDefinition(selected.constFirst());
    dialog->open();
}

void MainWindow::duplicateCheck()
{
    const QList<CheckDefinition> selected = selectedDefinitions();
    if (selected.size() != 1)
        return;
    CheckDefinition copy = selected.constFirst();
    copy.name = tr("%1 (copy)").arg(copy.name);
    copy.id = copy.id + u"-copy"_s;
    copy.source = CheckSource::Local;
    CheckDialog *dialog = openAddDialog();
    dialog->setDefinition(copy);
}

void MainWindow::deleteChecks()
{
    const QList<CheckDefinition> selected = selectedDefinitions();
    if (selected.isEmpty() || !action(DeleteAction)->isEnabled())
        return;
    QStringList names;
    QStringList ids;
    for (const CheckDefinition &d : selected) {
        ids.append(d.id);
        if (names.size() < 8)
            names.append(u"• "_s + d.name);
    }
    if (selected.size() > names.size())
        names.append(tr("… and %n more", nullptr, int(selected.size() - names.size())));
    const auto answer = QMessageBox::question(
        this, tr("Delete checks"),
        tr("Delete %n check(s)? They stop running; their history is kept until retention removes it.\n\n%1", nullptr,
           int(selected.size()))
            .arg(names.join(u'\n')),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    m_core->deregisterChecks(ids, this, [this](const std::optional<Error> &error) {
        if (error)
            reportError(tr("Delete checks"), error->message);
    });
}

void MainWindow::runNow()
{
    QStringList ids;
    for (const CheckDefinition &d : selectedDefinitions()) {
        if (d.isIntervalKind())
            ids.append(d.id);
    }
    m_core->runNow(ids);
    statusBar()->showMessage(tr("Running %n check(s) now…", nullptr, int(ids.size())), 3000);
}

void MainWindow::setTtl(int status)
{
    QStringList ids;
    for (const CheckDefinition &d : selectedDefinitions())
        ids.append(d.id);
    const auto s = CheckStatus(status);
    const QString output = tr("Set to %1 by the operator in HealthDesk").arg(checkStatusName(s));
    m_core->updateTtl(ids, s, output, this, [this](const std::optional<Error> &error) {
        if (error)
            reportError(tr("Update TTL check"), error->message);
    });
}

void MainWindow::toggleNodeMaintenance(bool enable)
{
    QString reason;
    if (enable) {
        bool ok = false;
        reason = QInputDialog::getText(this, tr("Node maintenance"),
                                       tr("Reason (shown as the maintenance check's notes):"), QLineEdit::Normal,
                                       QString(), &ok);
        if (!ok) {
            updateActions();
            return;
        }
    }
    m_core->setNodeMaintenance(enable, reason, this, [this](const std::optional<Error> &error) {
        if (error)
            reportError(tr("Node maintenance"), error->message);
    });
}

void MainWindow::serviceMaintenance()
{
    QStringList services;
    for (const ServiceState &service : m_core->services())
        services.append(service.definition.id);
    if (services.isEmpty())
        return;
    bool ok = false;
    const QString service = QInputDialog::getItem(this, tr("Service maintenance"), tr("Service:"), services, 0, false, &ok);
    if (!ok)
        return;
    const bool active = m_model->rowOf(CheckRegistry::serviceMaintenanceId(service)) >= 0;
    QString reason;
    if (!active) {
        reason = QInputDialog::getText(this, tr("Service maintenance"),
                                       tr("Put %1 into maintenance. Reason:").arg(service), QLineEdit::Normal, {}, &ok);
        if (!ok)
            return;
    } else if (QMessageBox::question(this, tr("Service maintenance"), tr("End maintenance of %1?").arg(service))
               != QMessageBox::Yes) {
        return;
    }
    m_core->setServiceMaintenance(service, !active, reason, this, [this](const std::optional<Error> &error) {
        if (error)
            reportError(tr("Service maintenance"), error->message);
    });
}

void MainWindow::copyCurl()
{
    const AgentConfig &agent = m_core->agentConfig();
    QStringList commands;
    for (const CheckDefinition &d : selectedDefinitions())
        commands.append(CurlCommand::registerCheck(d, agent.httpAddress, agent.httpPort, agent.aclEnabled));
    QApplication::clipboard()->setText(commands.join(u'\n'));
    statusBar()->showMessage(tr("Copied %n curl command(s)", nullptr, int(commands.size())), 3000);
}

void MainWindow::copyJson()
{
    const QList<CheckDefinition> selected = selectedDefinitions();
    QByteArray json;
    if (selected.size() == 1) {
        json = QJsonDocument(CheckJson::encodeCheck(selected.constFirst())).toJson();
    } else {
        QJsonArray array;
        for (const CheckDefinition &d : selected)
            array.append(CheckJson::encodeCheck(d));
        json = QJsonDocument(QJsonObject{{u"checks"_s, array}}).toJson(); // a Consul config file
    }
    QApplication::clipboard()->setText(QString::fromUtf8(json));
}

void MainWindow::importConfig()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Import a Consul config file"), QString(),
                                                      tr("Consul JSON config (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    statusBar()->showMessage(tr("Importing %1…").arg(path));
    m_core->importConfigFile(path, this, [this, path](const Result<int> &result) {
        statusBar()->clearMessage();
        if (!result) {
            reportError(tr("Import failed"), result.error().message);
            return;
        }
        statusBar()->showMessage(tr("Imported %n check(s) from %1", nullptr, result.value()).arg(path), 8000);
    });
}

QList<CheckState> MainWindow::visibleStates() const
{
    QList<CheckState> states;
    const CheckFilterProxy *proxy = m_view->proxy();
    states.reserve(proxy->rowCount());
    for (int row = 0; row < proxy->rowCount(); ++row) {
        const QModelIndex source = proxy->mapToSource(proxy->index(row, 0));
        states.append(*m_model->stateAt(source.row()));
    }
    return states;
}

void MainWindow::exportViewTo(const QString &path, bool byteOrderMark)
{
    const QList<CheckState> states = visibleStates();
    auto *job = new CsvExportJob(path, byteOrderMark, this);
    connect(job, &CsvExportJob::finished, this, [this, path](const QString &error, bool, qint64 rows) {
        emit exportFinished(path, error, rows);
    });
    job->startStates(states, m_core->agentConfig().nodeName);
}

void MainWindow::exportCsv()
{
    ExportDialog dialog(m_view->proxy()->rowCount(), m_view->selectedIds(),
                        m_settings->boolValue(AppSettings::Key::CsvByteOrderMark), this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_settings->setValue(AppSettings::Key::CsvByteOrderMark, dialog.byteOrderMark());
    const QString suggested = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) + u'/'
                            + (dialog.historyChosen() ? u"healthdesk-history.csv"_s : u"healthdesk-checks.csv"_s);
    const QString path = QFileDialog::getSaveFileName(this, tr("Export CSV"), suggested, tr("CSV files (*.csv)"));
    if (path.isEmpty())
        return;
    auto *job = new CsvExportJob(path, dialog.byteOrderMark(), this);
    auto *progress = new QProgressDialog(tr("Exporting to %1…").arg(path), tr("Cancel"), 0, 0, this);
    progress->setAttribute(Qt::WA_DeleteOnClose);
    progress->setMinimumDuration(400); // small exports finish before it would show
    progress->setWindowModality(Qt::WindowModal);
    connect(progress, &QProgressDialog::canceled, job, &CsvExportJob::cancel);
    connect(job, &CsvExportJob::progressed, progress, [progress](int done, int total) {
        progress->setMaximum(total);
        progress->setValue(done);
    });
    connect(job, &CsvExportJob::finished, this, [this, progress, path](const QString &error, bool cancelled, qint64 rows) {
        progress->close();
        if (!error.isEmpty())
            reportError(tr("Export failed"), tr("Could not write %1: %2").arg(path, error));
        else if (!cancelled)
            statusBar()->showMessage(tr("Exported %n row(s) to %1", nullptr, int(rows)).arg(path), 8000);
        emit exportFinished(path, error, rows);
    });
    if (dialog.historyChosen())
        job->startHistory(m_core, m_view->selectedIds(), dialog.fromMs(), dialog.toMs());
    else
        job->startStates(visibleStates(), m_core->agentConfig().nodeName);
}

void MainWindow::openSettings()
{
    SettingsDialog dialog(m_settings, m_core->dataDirectory(), this);
    dialog.exec();
}

} // namespace HealthDesk
