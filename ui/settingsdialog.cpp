// SPDX-License-Identifier: MIT
#include "settingsdialog.h"

#include "settings/appsettings.h"

#include <QCheckBox>
#include <QDesktopServices>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHostAddress>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace HealthDesk {

using Key = AppSettings::Key;

SettingsDialog::SettingsDialog(AppSettings *settings, const QString &dataDirectory, QWidget *parent)
    : QDialog(parent)
    , m_settings(settings)
{
    setWindowTitle(tr("Settings"));

    auto *api = new QGroupBox(tr("Consul-compatible API (applies on the next start)"), this);
    m_address = new QLineEdit(settings->stringValue(Key::ApiAddress), api);
    m_port = new QSpinBox(api);
    m_port->setRange(0, 65535);
    m_port->setValue(settings->intValue(Key::ApiPort));
    m_token = new QLineEdit(settings->stringValue(Key::ApiToken), api);
    m_token->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_token->setPlaceholderText(tr("none: writes need no token"));
    m_origins = new QLineEdit(settings->value(Key::AllowedOrigins).toStringList().join(u", "_s), api);
    m_origins->setPlaceholderText(tr("none: browsers on other sites cannot change anything"));
    auto *apiForm = new QFormLayout(api);
    apiForm->addRow(tr("Address:"), m_address);
    apiForm->addRow(tr("Port:"), m_port);
    apiForm->addRow(tr("Agent token:"), m_token);
    apiForm->addRow(tr("Allowed origins:"), m_origins);

    auto *data = new QGroupBox(tr("Data"), this);
    m_retention = new QSpinBox(data);
    m_retention->setRange(0, 3650);
    m_retention->setSuffix(tr(" days"));
    m_retention->setSpecialValueText(tr("keep forever"));
    m_retention->setValue(settings->intValue(Key::HistoryRetentionDays));
    auto *dir = new QLabel(u"<a href=\"%1\">%2</a>"_s.arg(QUrl::fromLocalFile(dataDirectory).toString(),
                                                          dataDirectory.toHtmlEscaped()),
                           data);
    dir->setTextInteractionFlags(Qt::TextBrowserInteraction);
    dir->setOpenExternalLinks(true);
    auto *dataForm = new QFormLayout(data);
    dataForm->addRow(tr("History retention:"), m_retention);
    dataForm->addRow(tr("Data directory:"), dir);

    auto *notify = new QGroupBox(tr("Notifications"), this);
    m_notifyCritical = new QCheckBox(tr("When a check turns critical"), notify);
    m_notifyWarning = new QCheckBox(tr("When a check turns warning"), notify);
    m_notifyMaintenance = new QCheckBox(tr("When maintenance mode starts"), notify);
    m_notifyRecovery = new QCheckBox(tr("When a check recovers (turns passing)"), notify);
    m_sound = new QCheckBox(tr("Play a sound"), notify);
    m_startMinimized = new QCheckBox(tr("Start minimised to the tray"), notify);
    m_notifyCritical->setChecked(settings->boolValue(Key::NotifyCritical));
    m_notifyWarning->setChecked(settings->boolValue(Key::NotifyWarning));
    m_notifyMaintenance->setChecked(settings->boolValue(Key::NotifyMaintenance));
    m_notifyRecovery->setChecked(settings->boolValue(Key::NotifyRecovery));
    m_sound->setChecked(settings->boolValue(Key::NotificationSound));
    m_startMinimized->setChecked(settings->boolValue(Key::StartMinimized));
    auto *notifyLayout = new QVBoxLayout(notify);
    for (QCheckBox *box : {m_notifyCritical, m_notifyWarning, m_notifyMaintenance, m_notifyRecovery, m_sound,
                           m_startMinimized})
        notifyLayout->addWidget(box);

    auto *checks = new QGroupBox(tr("Checks"), this);
    m_scripts = new QCheckBox(tr("Enable local script checks (applies on the next start)"), checks);
    m_scripts->setChecked(settings->boolValue(Key::EnableLocalScriptChecks));
    auto *warning = new QLabel(tr("Script checks run commands with your user's rights. Only checks added here or "
                                  "in config files may use them, never the HTTP API, as with Consul's "
                                  "<code>enable_local_script_checks</code>."),
                               checks);
    warning->setWordWrap(true);
    warning->setStyleSheet(u"color: #8a5a00;"_s);
    auto *checksLayout = new QVBoxLayout(checks);
    checksLayout->addWidget(m_scripts);
    checksLayout->addWidget(warning);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(api);
    layout->addWidget(data);
    layout->addWidget(notify);
    layout->addWidget(checks);
    layout->addWidget(buttons);
    setMinimumWidth(520);
}

void SettingsDialog::accept()
{
    if (QHostAddress(m_address->text().trimmed()).isNull()) {
        QMessageBox::warning(this, windowTitle(), tr("The API address must be an IP address, e.g. 127.0.0.1."));
        m_address->setFocus();
        return;
    }
    if (m_scripts->isChecked() && !m_settings->boolValue(Key::EnableLocalScriptChecks)) {
        const auto answer = QMessageBox::warning(
            this, tr("Enable script checks?"),
            tr("Script checks run any command they are given on this machine. Enable them?"),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    QStringList origins;
    for (const QString &origin : m_origins->text().split(u',', Qt::SkipEmptyParts))
        origins.append(origin.trimmed());
    m_settings->setValue(Key::ApiAddress, m_address->text().trimmed());
    m_settings->setValue(Key::ApiPort, m_port->value());
    m_settings->setValue(Key::ApiToken, m_token->text());
    m_settings->setValue(Key::AllowedOrigins, origins);
    m_settings->setValue(Key::HistoryRetentionDays, m_retention->value());
    m_settings->setValue(Key::NotifyCritical, m_notifyCritical->isChecked());
    m_settings->setValue(Key::NotifyWarning, m_notifyWarning->isChecked());
    m_settings->setValue(Key::NotifyMaintenance, m_notifyMaintenance->isChecked());
    m_settings->setValue(Key::NotifyRecovery, m_notifyRecovery->isChecked());
    m_settings->setValue(Key::NotificationSound, m_sound->isChecked());
    m_settings->setValue(Key::StartMinimized, m_startMinimized->isChecked());
    m_settings->setValue(Key::EnableLocalScriptChecks, m_scripts->isChecked());
    m_settings->sync();
    QDialog::accept();
}

} // namespace HealthDesk
