// SPDX-License-Identifier: MIT
#pragma once

#include <QDialog>

class QCheckBox;
class QLineEdit;
class QSpinBox;

namespace HealthDesk {

class AppSettings;

/// Edits AppSettings: API address and port, token, allowed origins, history retention,
/// notifications per state, sound, start minimised, local script checks (with a warning).
/// Shows the data directory. Values apply on OK; API and script settings on the next start.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(AppSettings *settings, const QString &dataDirectory, QWidget *parent = nullptr);

public slots:
    void accept() override;

private:
    AppSettings *m_settings = nullptr;
    QLineEdit *m_address = nullptr;
    QSpinBox *m_port = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_origins = nullptr;
    QSpinBox *m_retention = nullptr;
    QCheckBox *m_notifyCritical = nullptr;
    QCheckBox *m_notifyWarning = nullptr;
    QCheckBox *m_notifyMaintenance = nullptr;
    QCheckBox *m_notifyRecovery = nullptr;
    QCheckBox *m_sound = nullptr;
    QCheckBox *m_startMinimized = nullptr;
    QCheckBox *m_scripts = nullptr;
};

} // namespace HealthDesk
