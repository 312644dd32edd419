// SPDX-License-Identifier: MIT
#include "commandline.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <cstdio>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
void print(FILE *stream, const QString &text)
{
    std::fputs(text.toLocal8Bit().constData(), stream);
    std::fflush(stream);
}
} // namespace

ParsedCommandLine parseCommandLine(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("main",
                                    "HealthDesk runs Consul-style health checks and serves Consul's agent and health "
                                    "API.\n\nWithout a mode option it opens the desktop window when a display is "
                                    "available, and runs the agent headless otherwise."));
    const QCommandLineOption help(QStringList{u"h"_s, u"help"_s},
                                  QCoreApplication::translate("main", "Show this help and exit."));
    const QCommandLineOption version(QStringList{u"v"_s, u"version"_s},
                                     QCoreApplication::translate("main", "Show the version and exit."));
    const QCommandLineOption headless(
        u"headless"_s, QCoreApplication::translate("main", "Run as an agent without a window (servers, CI)."));
    const QCommandLineOption once(
        u"once"_s, QCoreApplication::translate(
                       "main", "Run every configured check once, print the results and exit: 0 when all are "
                               "passing, 1 when any is warning, 2 when any is critical."));
    const QCommandLineOption format(u"format"_s,
                                    QCoreApplication::translate("main", "Output of --once: table (default) or json."),
                                    u"table|json"_s, u"table"_s);
    const QCommandLineOption configDir(
        u"config-dir"_s,
        QCoreApplication::translate("main", "Load every *.json file of DIR in Consul's config format (repeatable)."),
        u"DIR"_s);
    const QCommandLineOption dataDir(
        u"data-dir"_s, QCoreApplication::translate("main", "Where the state database lives (default: the XDG data location)."),
        u"DIR"_s);
    const QCommandLineOption node(u"node"_s,
                                  QCoreApplication::translate("main", "Node name (default: the host name)."),
                                  u"NAME"_s);
    const QCommandLineOption httpAddr(
        u"http-addr"_s, QCoreApplication::translate("main", "Address of the HTTP API (default 127.0.0.1:8500)."),
        u"HOST:PORT"_s);
    parser.addOptions({help, version, headless, once, format, configDir, dataDir, node, httpAddr});

    ParsedCommandLine result;
    if (!parser.parse(arguments)) {
        print(stderr, u"healthdesk: %1\nTry 'healthdesk --help'.\n"_s.arg(parser.errorText()));
        result.exitCode = 64; // EX_USAGE
        return result;
    }
    if (parser.isSet(help)) {
        print(stdout, parser.helpText());
        result.exitCode = 0;
        return result;
    }
    if (parser.isSet(version)) {
        print(stdout, u"healthdesk %1\n"_s.arg(QCoreApplication::applicationVersion()));
        result.exitCode = 0;
        return result;
    }
    if (!parser.positionalArguments().isEmpty()) {
        print(stderr, u"healthdesk: unexpected argument '%1'\n"_s.arg(parser.positionalArguments().constFirst()));
        result.exitCode = 64;
        return result;
    }
    if (parser.isSet(headless) && parser.isSet(once)) {
        print(stderr, u"healthdesk: --headless and --once cannot be combined\n"_s);
        result.exitCode = 64;
        return result;
    }

    CommandLineOptions &options = result.options;
    if (parser.isSet(headless))
        options.mode = CommandLineOptions::Mode::Headless;
    else if (parser.isSet(once))
        options.mode = CommandLineOptions::Mode::Once;
    const QString formatValue = parser.value(format);
    if (formatValue == u"json") {
        options.format = CommandLineOptions::OnceFormat::Json;
    } else if (formatValue != u"table") {
        print(stderr, u"healthdesk: --format must be table or json, not '%1'\n"_s.arg(formatValue));
        result.exitCode = 64;
        return result;
    }
    options.configDirs = parser.values(configDir);
    options.dataDir = parser.value(dataDir);
    options.nodeName = parser.value(node);
    options.httpAddress = parser.value(httpAddr);
    return result;
}

} // namespace HealthDesk
