// SPDX-License-Identifier: MIT
#include "guimain.h"

#include "commandline.h"
#include "config/configloader.h"
#include "coreclient.h"
#include "engine/clock.h"
#include "guicore.h"
#include "mainwindow.h"
#include "settings/appsettings.h"
#include "signalwatcher.h"
#include "statusstyle.h"
#include "traycontroller.h"

#include <QApplication>
#include <QMessageBox>
#include <QStatusBar>

using namespace Qt::StringLiterals;

namespace HealthDesk {

bool guiAvailable()
{
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
        || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
}

namespace {
/// Desktop settings apply where the config files kept Consul's defaults and the command line
/// said nothing.
void applySettings(const AppSettings &settings, AgentConfig &agent, const CommandLineOptions &options)
{
    using Key = AppSettings::Key;
    const AgentConfig defaults;
    if (options.httpAddress.isEmpty() && agent.httpAddress == defaults.httpAddress && agent.httpPort == defaults.httpPort) {
        agent.httpAddress = settings.stringValue(Key::ApiAddress);
        agent.httpPort = settings.intValue(Key::ApiPort);
    }
    if (agent.aclAgentToken.isEmpty() && !settings.stringValue(Key::ApiToken).isEmpty()) {
        agent.aclEnabled = true;
        agent.aclAgentToken = settings.stringValue(Key::ApiToken);
    }
    if (agent.allowedOrigins.isEmpty())
        agent.allowedOrigins = settings.value(Key::AllowedOrigins).toStringList();
    if (!agent.enableLocalScriptChecks && settings.boolValue(Key::EnableLocalScriptChecks))
        agent.enableLocalScriptChecks = true;
}
} // namespace

int runGui(LoadedConfig config, const CommandLineOptions &options, const QString &dataDir)
{
    QApplication::setQuitOnLastWindowClosed(false); // the tray keeps running
    QApplication::setWindowIcon(StatusStyle::appIcon());
    AppSettings settings;
    applySettings(settings, config.agent, options);

    GuiCore core(SystemClock::instance());
    // SIGTERM/SIGINT (logout, systemd, Ctrl+C) end the program the way Quit does: window
    // state saved, pending writes committed.
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &core, [] { QApplication::quit(); });
    MainWindow *window = nullptr;
    int exitCode = 0;
    core.start(dataDir, config, true, [&](const std::optional<Error> &error) {
        if (error) {
            QMessageBox::critical(nullptr, QApplication::translate("main", "HealthDesk cannot start"), error->message);
            exitCode = 1;
            QApplication::exit(1);
            return;
        }
        window = new MainWindow(core.model(), core.client(), &settings);
        window->setAttribute(Qt::WA_DeleteOnClose, false);
        if (!core.apiError().isEmpty())
            window->statusBar()->showMessage(
                QApplication::translate("main", "The HTTP API is not running: %1").arg(core.apiError()));
        const bool minimized = settings.boolValue(AppSettings::Key::StartMinimized);
        if (!minimized || !window->tray()->available())
            window->show();
    });
    const int code = QApplication::exec();
    if (window)
        window->saveState();
    delete window;
    core.shutdown();
    return exitCode ? exitCode : code;
}

} // namespace HealthDesk
