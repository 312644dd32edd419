// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringList>

#include <optional>

namespace HealthDesk {

/// What the user asked for on the command line.
struct CommandLineOptions
{
    enum class Mode { Default, Headless, Once };
    enum class OnceFormat { Table, Json };

    Mode mode = Mode::Default;
    OnceFormat format = OnceFormat::Table;
    QStringList configDirs;
    QString dataDir; ///< empty = the XDG data location
    QString nodeName;
    QString httpAddress; ///< host:port, empty = config or default
};

/// Parses argv; on --help/--version or an error it prints and returns the exit code to use.
struct ParsedCommandLine
{
    CommandLineOptions options;
    std::optional<int> exitCode;
};

ParsedCommandLine parseCommandLine(const QStringList &arguments);

} // namespace HealthDesk
