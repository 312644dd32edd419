// SPDX-License-Identifier: MIT
#include "traycontroller.h"

#include "model/checkstablemodel.h"
#include "settings/appsettings.h"
#include "statusstyle.h"

#include <QActionGroup>
#include <QApplication>
#include <QMenu>
#include <QSystemTrayIcon>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
int rank(CheckFilter::StatusFlag flag)
{
    switch (flag) {
    case CheckFilter::Passing:
        return 0;
    case CheckFilter::Warning:
        return 1;
    case CheckFilter::Critical:
        return 2;
    case CheckFilter::Maintenance:
        return 3;
    default:
        return -1;
    }
}
} // namespace

TrayController::TrayController(ChecksTableModel *model, AppSettings *settings, QObject *parent)
    : QObject(parent)
    , m_model(model)
    , m_settings(settings)
{
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(StatusStyle::appIcon(), this);
        m_menu = buildMenu();
        m_tray->setContextMenu(m_menu);
        connect(m_tray, &QSystemTrayIcon::activated, this, [this](QSystemTrayIcon::ActivationReason reason) {
            if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                emit showWindowRequested();
        });
        connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
            if (!m_lastNotifiedId.isEmpty())
                emit checkRequested(m_lastNotifiedId);
            else
                emit showWindowRequested();
        });
        m_tray->show();
    }
    m_summaryTimer.setSingleShot(true);
    m_summaryTimer.setInterval(200);
    connect(&m_summaryTimer, &QTimer::timeout, this, &TrayController::refreshSummary);

    connect(model, &QAbstractItemModel::modelReset, this, [this] {
        m_last.clear();
        scan(0, m_model->rowCount() - 1, true);
    });
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) { scan(first, last, false); });
    connect(model, &QAbstractItemModel::rowsRemoved, this, [this] { m_summaryTimer.start(); });
    connect(model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight, const QList<int> &roles) {
                if (roles.isEmpty() || roles.contains(ChecksTableModel::StatusFlagRole))
                    scan(topLeft.row(), bottomRight.row(), false);
            });
    scan(0, model->rowCount() - 1, true);
}

TrayController::~TrayController()
{
    delete m_menu;
}

QMenu *TrayController::buildMenu()
{
    auto *menu = new QMenu;
    menu->addAction(tr("Show HealthDesk"), this, &TrayController::showWindowRequested);
    QMenu *snoozeMenu = menu->addMenu(tr("Snooze notifications"));
    auto *group = new QActionGroup(snoozeMenu);
    const QList<std::pair<QString, Snooze>> choices = {{tr("Notify (no snooze)"), Snooze::Off},
                                                       {tr("For 15 minutes"), Snooze::Minutes15},
                                                       {tr("For 1 hour"), Snooze::Hour},
                                                       {tr("Until every check recovers"), Snooze::UntilRecovery}};
    for (const auto &[text, mode] : choices) {
        QAction *action = snoozeMenu->addAction(text);
        action->setCheckable(true);
        action->setChecked(mode == Snooze::Off);
        action->setData(int(mode));
        group->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode] { snooze(mode); });
    }
    menu->addSeparator();
    menu->addAction(tr("Quit"), this, &TrayController::quitRequested);
    return menu;
}

void TrayController::snooze(Snooze mode)
{
    m_snooze = mode;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    m_snoozeUntil = mode == Snooze::Minutes15 ? now.addSecs(15 * 60) : mode == Snooze::Hour ? now.addSecs(3600) : QDateTime();
    if (m_menu) {
        for (QAction *action : m_menu->findChildren<QAction *>()) {
            if (action->isCheckable())
                action->setChecked(action->data().toInt() == int(mode));
        }
    }
    refreshSummary();
}

bool TrayController::snoozed() const
{
    switch (m_snooze) {
    case Snooze::Off:
        return false;
    case Snooze::UntilRecovery:
        return true; // cleared by refreshSummary() once all pass
    case Snooze::Minutes15:
    case Snooze::Hour:
        return QDateTime::currentDateTimeUtc() < m_snoozeUntil;
    }
    return false;
}

void TrayController::scan(int firstRow, int lastRow, bool initial)
{
    QStringList worseIds;
    QList<CheckFilter::StatusFlag> worseFlags;
    for (int row = std::max(0, firstRow); row <= lastRow; ++row) {
        const CheckState *state = m_model->stateAt(row);
        if (!state)
            continue;
        const CheckFilter::StatusFlag flag = CheckFilter::statusFlagOf(*state);
        const auto it = m_last.find(state->id());
        const CheckFilter::StatusFlag before = it == m_last.end() ? CheckFilter::StatusFlag(0) : *it;
        if (it == m_last.end())
            m_last.insert(state->id(), flag);
        else
            *it = flag;
        // New checks start critical by Consul's rules: that is not news. Changes are.
        if (initial || before == 0 || before == flag)
            continue;
        if (rank(flag) > rank(before) || (flag == CheckFilter::Passing && m_settings->boolValue(AppSettings::Key::NotifyRecovery))) {
            worseIds.append(state->id());
            worseFlags.append(flag);
        }
    }
    if (!worseIds.isEmpty())
        notify(worseIds, worseFlags);
    m_summaryTimer.start();
}

void TrayController::notify(const QStringList &ids, const QList<CheckFilter::StatusFlag> &flags)
{
    using Key = AppSettings::Key;
    QStringList wanted;
    CheckFilter::StatusFlag worst = CheckFilter::StatusFlag(0);
    for (qsizetype i = 0; i < ids.size(); ++i) {
        const CheckFilter::StatusFlag flag = flags.at(i);
        const bool optIn = (flag == CheckFilter::Critical && m_settings->boolValue(Key::NotifyCritical))
                        || (flag == CheckFilter::Warning && m_settings->boolValue(Key::NotifyWarning))
                        || (flag == CheckFilter::Maintenance && m_settings->boolValue(Key::NotifyMaintenance))
                        || (flag == CheckFilter::Passing && m_settings->boolValue(Key::NotifyRecovery));
        if (!optIn)
            continue;
        wanted.append(ids.at(i));
        if (rank(flag) > rank(worst))
            worst = flag;
    }
    if (wanted.isEmpty() || snoozed())
        return;
    const CheckState *first = m_model->stateAt(m_model->rowOf(wanted.constFirst()));
    if (!first)
        return;
    QString title;
    QString message;
    if (wanted.size() == 1) {
        title = tr("%1 is %2").arg(first->definition.name, StatusStyle::label(worst).toLower());
        message = first->output.section(u'\n', 0, 0).left(200);
    } else {
        title = tr("%n checks changed state", nullptr, int(wanted.size()));
        QStringList names;
        for (const QString &id : std::as_const(wanted).first(std::min<qsizetype>(5, wanted.size()))) {
            if (const CheckState *s = m_model->stateAt(m_model->rowOf(id)))
                names.append(s->definition.name);
        }
        message = names.join(u", "_s) + (wanted.size() > 5 ? u", …"_s : QString());
    }
    m_lastNotifiedId = wanted.constFirst();
    if (m_tray) {
        const auto icon = worst == CheckFilter::Critical || worst == CheckFilter::Maintenance ? QSystemTrayIcon::Critical
                        : worst == CheckFilter::Warning                                          ? QSystemTrayIcon::Warning
                                                                                                  : QSystemTrayIcon::Information;
        m_tray->showMessage(title, message, icon, 10'000);
    }
    if (m_settings->boolValue(Key::NotificationSound))
        QApplication::beep();
    emit notified(title, message, m_lastNotifiedId);
}

void TrayController::refreshSummary()
{
    QHash<CheckFilter::StatusFlag, int> counts;
    quint8 present = 0;
    for (const CheckState &state : m_model->states()) {
        const auto flag = CheckFilter::statusFlagOf(state);
        counts[flag]++;
        present |= flag;
    }
    m_worst = StatusStyle::worst(present);
    if (m_snooze == Snooze::UntilRecovery && !(present & (CheckFilter::Critical | CheckFilter::Warning)))
        m_snooze = Snooze::Off;
    QStringList parts;
    for (const auto flag : {CheckFilter::Critical, CheckFilter::Warning, CheckFilter::Maintenance, CheckFilter::Passing}) {
        if (counts.value(flag) > 0)
            parts.append(u"%1 %2"_s.arg(counts.value(flag)).arg(StatusStyle::label(flag).toLower()));
    }
    m_toolTip = tr("HealthDesk — %1").arg(parts.isEmpty() ? tr("no checks") : parts.join(u", "_s));
    if (snoozed())
        m_toolTip += u"\n"_s + tr("Notifications snoozed");
    if (m_tray) {
        m_tray->setIcon(StatusStyle::appIcon(m_worst == CheckFilter::Passing ? CheckFilter::Passing : m_worst));
        m_tray->setToolTip(m_toolTip);
    }
}

} // namespace HealthDesk
