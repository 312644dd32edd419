// SPDX-License-Identifier: MIT
#include "agentruntime.h"
#include "commandline.h"
#include "guimain.h"
#include "onceoutput.h"
#include "signalwatcher.h"

#include "api/apiserver.h"
#include "config/configloader.h"
#include "engine/clock.h"
#include "engine/oncerunner.h"

#include <QApplication>
#include <QCoreApplication>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QStandardPaths>
#include <QSysInfo>

#include <cstdio>
#include <memory>

using namespace Qt::StringLiterals;
using namespace HealthDesk;

Q_LOGGING_CATEGORY(lcMain, "healthdesk")

namespace {

void printError(const QString &text)
{
    std::fputs(QString(u"healthdesk: "_s + text + u'\n').toLocal8Bit().constData(), stderr);
}

/// Command-line values override the config files'.
std::optional<QString> applyOverrides(const CommandLineOptions &options, AgentConfig &agent)
{
    if (!options.nodeName.isEmpty())
        agent.nodeName = options.nodeName;
    if (agent.nodeName.isEmpty())
        agent.nodeName = QSysInfo::machineHostName();
    if (!options.httpAddress.isEmpty()) {
        const qsizetype colon = options.httpAddress.lastIndexOf(u':');
        bool ok = false;
        const int port = colon > 0 ? options.httpAddress.mid(colon + 1).toInt(&ok) : 0;
        QString host = colon > 0 ? options.httpAddress.left(colon) : QString();
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        if (!ok || port < 0 || port > 65535 || QHostAddress(host).isNull())
            return u"--http-addr must be HOST:PORT with an IP address, not '%1'"_s.arg(options.httpAddress);
        agent.httpAddress = host;
        agent.httpPort = port;
    }
    return std::nullopt;
}

int runOnce(const LoadedConfig &config, const CommandLineOptions &options)
{
    QList<CheckDefinition> checks = config.checks;
    for (const ServiceDefinition &service : config.services)
        checks += service.checks;
    OnceRunner runner(config.agent.checkOutputMaxSize, SystemClock::instance());
    int exitCode = 0;
    QObject::connect(&runner, &OnceRunner::finished, &runner, [&] {
        const QList<CheckState> results = runner.results();
        const QByteArray text = options.format == CommandLineOptions::OnceFormat::Json
            ? formatOnceJson(results, config.agent.nodeName)
            : formatOnceTable(results);
        std::fwrite(text.constData(), 1, size_t(text.size()), stdout);
        std::fflush(stdout);
        exitCode = onceExitCode(results);
        QCoreApplication::exit(exitCode);
    });
    runner.run(checks);
    QCoreApplication::exec();
    return exitCode;
}

QString dataDirectory(const CommandLineOptions &options)
{
    return options.dataDir.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
                                     : options.dataDir;
}

/// `healthdesk` without a mode opens the desktop UI when there is a display (or an explicit
/// QT_QPA_PLATFORM); modes, --help/--version and subcommands never need one.
bool wantsGui(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const QByteArrayView arg(argv[i]);
        if (arg == "--headless" || arg == "--once" || arg == "-h" || arg == "--help" || arg == "-v"
            || arg == "--version" || arg == "export")
            return false;
    }
    return guiAvailable();
}

int runAgent(const LoadedConfig &config, const CommandLineOptions &options)
{
    const QString dataDir = dataDirectory(options);
    auto runtime = AgentRuntime::create(dataDir, config.agent, SystemClock::instance());
    if (!runtime) {
        printError(runtime.error().message);
        return 1;
    }
    AgentRuntime &agent = *runtime.value();
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &agent, [&agent](int signalNumber) {
        qCInfo(lcMain) << "signal" << signalNumber << "received, flushing state and stopping";
        QCoreApplication::exit(agent.shutdown() ? 0 : 1);
    });
    bool startFailed = false;
    agent.start(config, [&](const std::optional<Error> &error) {
        if (error) {
            printError(error->message);
            startFailed = true;
            QCoreApplication::exit(1);
            return;
        }
        QString apiError;
        if (!agent.startApi(&apiError)) {
            printError(apiError);
            startFailed = true;
            QCoreApplication::exit(1);
            return;
        }
        qCInfo(lcMain).noquote() << u"API listening on http://%1:%2"_s.arg(
            config.agent.httpAddress, QString::number(agent.api()->port()));
        qCInfo(lcMain).noquote() << u"agent started: node \"%1\", %2 checks, data in %3"_s.arg(
            config.agent.nodeName, QString::number(agent.store().checks().size()), dataDir);
    });
    const int code = QCoreApplication::exec();
    return startFailed ? 1 : code;
}

} // namespace

int main(int argc, char *argv[])
{
    const std::unique_ptr<QCoreApplication> app = wantsGui(argc, argv)
        ? std::make_unique<QApplication>(argc, argv)
        : std::make_unique<QCoreApplication>(argc, argv);
    QCoreApplication::setApplicationName(u"healthdesk"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(HEALTHDESK_VERSION));
    if (qEnvironmentVariableIsEmpty("QT_MESSAGE_PATTERN"))
        qSetMessagePattern(u"%{time yyyy-MM-ddThh:mm:ss.zzz} %{type} %{category}: %{message}"_s);

    const ParsedCommandLine parsed = parseCommandLine(QCoreApplication::arguments());
    if (parsed.exitCode)
        return *parsed.exitCode;
    const CommandLineOptions &options = parsed.options;

    auto loaded = loadConfigDirectories(options.configDirs);
    if (!loaded) {
        printError(loaded.error().message);
        return 1;
    }
    LoadedConfig config = std::move(loaded).value();
    for (const QString &warning : std::as_const(config.warnings))
        qCWarning(lcMain).noquote() << warning;
    if (const auto error = applyOverrides(options, config.agent)) {
        printError(*error);
        return 64;
    }

    if (options.mode == CommandLineOptions::Mode::Once)
        return runOnce(config, options);
    if (options.mode == CommandLineOptions::Mode::Default && qobject_cast<QApplication *>(app.get()))
        return runGui(std::move(config), options, dataDirectory(options));
    return runAgent(config, options);
}
