// SPDX-License-Identifier: MIT
#pragma once

#include "model/checkfilter.h"

#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QTimer>

class QMenu;
class QSystemTrayIcon;

namespace HealthDesk {

class AppSettings;
class ChecksTableModel;

/// The tray icon (tinted by the worst state, counts in the tooltip) and desktop notifications
/// when a check gets worse (per-state opt-in in AppSettings), with snooze for 15 min, 1 h or
/// until every check recovers. Without a system tray it stays inert and available() is false,
/// so the main window remains the way in.
class TrayController final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TrayController)

public:
    enum class Snooze { Off, Minutes15, Hour, UntilRecovery };

    TrayController(ChecksTableModel *model, AppSettings *settings, QObject *parent = nullptr);
    ~TrayController() override;

    bool available() const { return m_tray != nullptr; }
    void snooze(Snooze mode);
    bool snoozed() const;
    QString toolTip() const { return m_toolTip; }
    CheckFilter::StatusFlag worst() const { return m_worst; }

signals:
    void showWindowRequested();
    void checkRequested(const QString &checkId);
    void quitRequested();
    /// Emitted for every notification (also without a tray; tests listen here).
    void notified(const QString &title, const QString &message, const QString &checkId);

private:
    void scan(int firstRow, int lastRow, bool initial);
    void refreshSummary();
    void notify(const QStringList &ids, const QList<CheckFilter::StatusFlag> &flags);
    QMenu *buildMenu();

    ChecksTableModel *m_model = nullptr;
    AppSettings *m_settings = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QMenu *m_menu = nullptr;
    QHash<QString, CheckFilter::StatusFlag> m_last;
    QString m_lastNotifiedId;
    QString m_toolTip;
    CheckFilter::StatusFlag m_worst = CheckFilter::StatusFlag(0);
    Snooze m_snooze = Snooze::Off;
    QDateTime m_snoozeUntil;
    QTimer m_summaryTimer;
};

} // namespace HealthDesk
