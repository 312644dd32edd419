// SPDX-License-Identifier: MIT
// healthdesk-bench: the engine benchmark contract (see docs/benchmarks.md) on the real engine and
// the real SQLite store:
//   healthdesk-bench --checks-file F --warmup-s W --duration-s T --stats-out S
#include "agentruntime.h"
#include "benchstats.h"
#include "signalwatcher.h"

#include "engine/checkengine.h"
#include "engine/clock.h"
#include "store/statestore.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTimer>

#include <chrono>
#include <cstdio>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {

QList<CheckDefinition> readChecks(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    const QJsonArray array = QJsonDocument::fromJson(file.readAll()).object().value(u"checks").toArray();
    QList<CheckDefinition> checks;
    checks.reserve(array.size());
    for (const QJsonValue &value : array) {
        const QJsonObject o = value.toObject();
        CheckDefinition d;
        d.id = o.value(u"id").toString();
        d.name = d.id;
        d.http = o.value(u"http").toString();
        d.method = o.value(u"method").toString();
        d.tcp = o.value(u"tcp").toString();
        d.interval = std::chrono::milliseconds(o.value(u"interval_ms").toInteger());
        d.timeout = std::chrono::milliseconds(o.value(u"timeout_ms").toInteger());
        d.source = CheckSource::Config;
        checks.append(d);
    }
    return checks;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption checksFile(u"checks-file"_s, u"Checks JSON"_s, u"F"_s);
    const QCommandLineOption warmup(u"warmup-s"_s, u"Warm-up seconds"_s, u"W"_s, u"10"_s);
    const QCommandLineOption duration(u"duration-s"_s, u"Window seconds"_s, u"T"_s, u"30"_s);
    const QCommandLineOption statsOut(u"stats-out"_s, u"Stats file"_s, u"S"_s);
    parser.addOptions({checksFile, warmup, duration, statsOut});
    parser.addHelpOption();
    parser.process(app);

    QString error;
    const QList<CheckDefinition> checks = readChecks(parser.value(checksFile), &error);
    if (!error.isEmpty()) {
        std::fprintf(stderr, "healthdesk-bench: %s\n", qPrintable(error));
        return 1;
    }
    const double warmupS = parser.value(warmup).toDouble();
    const double durationS = parser.value(duration).toDouble();

    QTemporaryDir dataDir;
    AgentConfig config;
    config.nodeName = u"bench"_s;
    EngineOptions engineOptions;
    engineOptions.scheduling = SchedulingMode::FixedRate;
    auto created = AgentRuntime::create(dataDir.path(), config, SystemClock::instance(), engineOptions);
    if (!created) {
        std::fprintf(stderr, "healthdesk-bench: %s\n", qPrintable(created.error().message));
        return 1;
    }
    AgentRuntime &runtime = *created.value();
    Bench::BenchStats stats;
    runtime.engine().setObserver(&stats);

    // Registration goes through the store's durable path like any config-dir check.
    QList<CheckState> states;
    states.reserve(checks.size());
    for (const CheckDefinition &definition : checks) {
        CheckState state;
        state.definition = definition;
        states.append(state);
    }
    bool stored = false;
    runtime.store().putChecks(states, &app, [&](const std::optional<Error> &e) {
        if (e)
            std::fprintf(stderr, "healthdesk-bench: %s\n", qPrintable(e->message));
        stored = !e;
        QCoreApplication::exit(e ? 1 : 0);
    });
    if (QCoreApplication::exec() != 0 || !stored)
        return 1;

    const qint64 t0 = SystemClock::instance().monotonicNs();
    const qint64 n = checks.size();
    for (qint64 k = 0; k < n; ++k) {
        const CheckDefinition &definition = checks.at(k);
        CheckEngine::StartOptions options;
        options.firstDueNs = t0 + k * qint64(definition.interval.count()) / n;
        runtime.engine().addCheck(definition, options);
    }
    std::printf("READY %lld\n", static_cast<long long>(t0));
    std::fflush(stdout);

    const qint64 windowFrom = t0 + qint64(warmupS * 1e9);
    const qint64 windowTo = windowFrom + qint64(durationS * 1e9);
    stats.setWindow(windowFrom, windowTo);
    const auto msUntil = [](qint64 ns) {
        return int(std::max<qint64>(0, (ns - SystemClock::instance().monotonicNs()) / 1'000'000));
    };

    auto finish = [&] {
        runtime.engine().removeAll();
        QFile out(parser.value(statsOut));
        if (out.open(QIODevice::WriteOnly))
            out.write(stats.toJson(int(n), durationS));
        QCoreApplication::exit(0);
    };
    QTimer::singleShot(msUntil(windowFrom), Qt::PreciseTimer, &app, [&] { stats.markCpuStart(); });
    QTimer::singleShot(msUntil(windowTo), Qt::PreciseTimer, &app, [&] {
        stats.markCpuEnd();
        // Drain: wait up to 2 s for runs due inside the window.
        auto *drain = new QTimer(&app);
        const qint64 deadline = windowTo + 2'000'000'000;
        QObject::connect(drain, &QTimer::timeout, &app, [&, drain, deadline] {
            if (!stats.anyWindowRunInFlight() || SystemClock::instance().monotonicNs() >= deadline) {
                drain->stop();
                finish();
            }
        });
        drain->start(20);
    });
    SignalWatcher signalWatcher;
    QObject::connect(&signalWatcher, &SignalWatcher::terminationRequested, &app, [&](int) {
        stats.markCpuEnd();
        finish();
    });
    return QCoreApplication::exec();
}
