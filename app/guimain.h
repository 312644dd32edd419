// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace HealthDesk {

struct CommandLineOptions;
struct LoadedConfig;

/// Whether `healthdesk` without a mode should open the desktop UI: a display exists
/// ($DISPLAY or $WAYLAND_DISPLAY) or a QPA platform was chosen explicitly ($QT_QPA_PLATFORM,
/// e.g. offscreen or vnc). Call before constructing the application object.
bool guiAvailable();

/// Runs the desktop app (a QApplication must exist): the core on its own thread, the main
/// window, the tray; returns the exit code. Settings from the desktop's AppSettings fill in
/// the agent settings that neither config files nor the command line set.
int runGui(LoadedConfig config, const CommandLineOptions &options, const QString &dataDir);

} // namespace HealthDesk
