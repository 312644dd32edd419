// SPDX-License-Identifier: MIT
// healthdesk-ui-bench [--checks N] [--rate R] [--seconds S]
//
// The GUI thread runs the real main window (table, proxy, summary bar, details, tray logic)
// offscreen. A "core" thread runs a real StateStore (SQLite in a temporary directory) and a
// StoreFeed; a timer there publishes R results per second spread over the N checks, with some
// status changes, exactly as the engine would. Measured on the GUI thread:
//  - time to first paint: from process start to the first paint of the table with N rows;
//  - event-loop stalls: a 5 ms precise timer; a stall is how late a tick came (max, p99).
#include "checksview.h"
#include "coreclient.h"
#include "engine/clock.h"
#include "mainwindow.h"
#include "model/checkstablemodel.h"
#include "model/storefeed.h"
#include "settings/appsettings.h"
#include "store/statestore.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPointer>
#include <QRandomGenerator>
#include <QTableView>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cstdio>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {

QElapsedTimer g_processClock;

/// Records the first paint of the table's viewport once it has rows.
class PaintWatcher final : public QObject
{
public:
    PaintWatcher(QTableView *view, QObject *parent) : QObject(parent), m_view(view) {}
    qint64 firstPaintMs = -1;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint && firstPaintMs < 0 && m_view->model()->rowCount() > 0)
            firstPaintMs = g_processClock.elapsed();
        return QObject::eventFilter(watched, event);
    }

private:
    QTableView *m_view;
};

struct Core
{
    std::unique_ptr<StateStore> store;
    StoreFeed *feed = nullptr;
    QTimer *producer = nullptr;
    qint64 published = 0;
};

} // namespace

int main(int argc, char *argv[])
{
    g_processClock.start();
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(u"healthdesk-bench"_s);
    QCommandLineParser parser;
    parser.addOption({u"checks"_s, u"Number of checks."_s, u"N"_s, u"10000"_s});
    parser.addOption({u"rate"_s, u"Results per second."_s, u"R"_s, u"1000"_s});
    parser.addOption({u"seconds"_s, u"How long to run the load."_s, u"S"_s, u"10"_s});
    parser.addHelpOption();
    parser.process(app);
    const int checks = parser.value(u"checks"_s).toInt();
    const int rate = parser.value(u"rate"_s).toInt();
    const int seconds = parser.value(u"seconds"_s).toInt();

    QTemporaryDir dir;
    const Clock &clock = SystemClock::instance();
    QThread coreThread;
    coreThread.setObjectName(u"core"_s);
    auto *anchor = new QObject;
    anchor->moveToThread(&coreThread);
    coreThread.start();
    Core core;

    ChecksTableModel model(clock);
    CoreClient client; // not attached: the benchmark measures the views, not commands
    AppSettings settings(dir.filePath(u"settings.ini"_s));
    MainWindow window(&model, &client, &settings);
    window.resize(1440, 900);
    auto *watcher = new PaintWatcher(window.checksView()->table(), &window);
    window.checksView()->table()->viewport()->installEventFilter(watcher);
    QObject::connect(&model, &QAbstractItemModel::modelReset, &window, [&window] { window.show(); });

    QList<double> batchTimes;
    // Core thread: open the store, register N checks durably, then publish the snapshot.
    bool failed = false;
    QMetaObject::invokeMethod(anchor, [&] {
        auto opened = StateStore::open(dir.filePath(u"bench.db"_s), clock);
        if (!opened) {
            std::fprintf(stderr, "store: %s\n", qPrintable(opened.error().message));
            failed = true;
            QMetaObject::invokeMethod(&app, [] { QCoreApplication::exit(1); }, Qt::QueuedConnection);
            return;
        }
        core.store = std::move(opened).value();
        QList<CheckState> states;
        states.reserve(checks);
        for (int i = 0; i < checks; ++i) {
            CheckState s;
            s.definition.id = u"check-%1"_s.arg(i, 5, 10, QChar(u'0'));
            s.definition.name = u"Service %1 health"_s.arg(i);
            s.definition.serviceId = u"svc-%1"_s.arg(i % 40);
            s.definition.http = u"http://10.0.%1.%2:8080/health"_s.arg(i / 250).arg(i % 250);
            s.definition.interval = std::chrono::seconds(10);
            s.definition.source = CheckSource::Local;
            s.status = CheckStatus::Passing;
            s.output = u"HTTP GET: 200 OK"_s;
            states.append(s);
        }
        core.feed = new StoreFeed(*core.store, 10, anchor);
        // Applied on the GUI thread, timed: what one coalesced batch costs the views.
        QObject::connect(
            core.feed, &StoreFeed::batchReady, &model,
            [&model, &batchTimes](const CheckBatch &batch) {
                QElapsedTimer timer;
                timer.start();
                model.applyBatch(batch);
                if (!batch.reset)
                    batchTimes.append(double(timer.nsecsElapsed()) / 1e6);
            },
            Qt::QueuedConnection);
        core.store->putChecks(states, nullptr, [&](const std::optional<Error> &error) {
            if (error) {
                std::fprintf(stderr, "putChecks: %s\n", qPrintable(error->message));
                failed = true;
                return;
            }
            core.feed->publishSnapshot();
            // R results per second in 10 ms ticks, spread over the checks, ~3 % status changes.
            core.producer = new QTimer(anchor);
            core.producer->setTimerType(Qt::PreciseTimer);
            core.producer->setInterval(10);
            QObject::connect(core.producer, &QTimer::timeout, anchor, [&core, checks, rate] {
                auto *rng = QRandomGenerator::global();
                const int perTick = std::max(1, rate / 100);
                for (int n = 0; n < perTick; ++n) {
                    const QString id = u"check-%1"_s.arg(int(rng->bounded(checks)), 5, 10, QChar(u'0'));
                    ProbeResult result;
                    const bool bad = rng->bounded(100) < 3;
                    result.status = bad ? CheckStatus::Critical : CheckStatus::Passing;
                    result.latencyUs = 2000 + rng->bounded(50000);
                    result.code = bad ? 503 : 200;
                    result.output = bad ? u"HTTP GET: 503 Service Unavailable"_s : u"HTTP GET: 200 OK"_s;
                    const qint64 now = SystemClock::instance().wallMs();
                    core.store->recordRun(id, result, now);
                    core.store->publish(id, result.status, result.output);
                    ++core.published;
                }
            });
            core.producer->start();
        });
    }, Qt::QueuedConnection);

    // GUI thread: a 5 ms precise tick; lateness = stall.
    QList<double> stalls;
    QList<std::pair<double, qint64>> stallTimes; // (stall ms, ms since measuring started)
    QElapsedTimer tickClock;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(5);
    qint64 lastTick = -1;
    QObject::connect(&ticker, &QTimer::timeout, &app, [&] {
        const qint64 now = tickClock.nsecsElapsed();
        if (lastTick >= 0)
        {
            const double stall = std::max(0.0, double(now - lastTick) / 1e6 - 5.0);
            stalls.append(stall);
            stallTimes.append({stall, now / 1'000'000});
        }
        lastTick = now;
    });
    // Measure once the first paint happened; halfway, an operator types a search.
    QTimer startMeasuring;
    startMeasuring.setInterval(20);
    QObject::connect(&startMeasuring, &QTimer::timeout, &app, [&] {
        if (watcher->firstPaintMs < 0)
            return;
        startMeasuring.stop();
        tickClock.start();
        ticker.start();
        QTimer::singleShot(seconds * 500, &window, [&window] {
            window.checksView()->searchField()->setText(u"Service 12"_s);
        });
        QTimer::singleShot(seconds * 750, &window, [&window] {
            window.checksView()->searchField()->clear();
            window.checksView()->table()->sortByColumn(ChecksTableModel::LatencyColumn, Qt::DescendingOrder);
        });
        QTimer::singleShot(seconds * 1000, &app, [] { QCoreApplication::quit(); });
    });
    startMeasuring.start();

    const int code = app.exec();
    qint64 published = 0;
    QMetaObject::invokeMethod(anchor, [&] {
        delete core.producer;
        delete core.feed;
        published = core.published;
        core.store.reset();
    }, Qt::BlockingQueuedConnection);
    coreThread.quit();
    coreThread.wait();
    delete anchor;
    if (failed || code != 0)
        return 1;

    std::sort(stalls.begin(), stalls.end());
    const double maxStall = stalls.isEmpty() ? 0 : stalls.constLast();
    const double p99 = stalls.isEmpty() ? 0 : stalls.at(qsizetype(double(stalls.size() - 1) * 0.99));
    std::printf("checks: %d, target rate: %d results/s, measured for %d s\n", checks, rate, seconds);
    std::printf("results published by the core: %lld (%.0f/s)\n", published, double(published) / seconds);
    std::printf("rows in the model: %d\n", model.rowCount());
    std::printf("time to first paint: %lld ms (target < 1000)\n", watcher->firstPaintMs);
    std::printf("event-loop stall: max %.1f ms, p99 %.1f ms over %lld ticks (target max < 50)\n", maxStall, p99,
                qint64(stalls.size()));
    std::sort(stallTimes.begin(), stallTimes.end(), std::greater<>());
    std::printf("worst stalls (ms @ s): ");
    for (qsizetype i = 0; i < std::min<qsizetype>(5, stallTimes.size()); ++i)
        std::printf("%.1f @ %.2f  ", stallTimes.at(i).first, double(stallTimes.at(i).second) / 1000.0);
    std::printf("\n(search typed at %.1f s, cleared and sorted by latency at %.1f s)\n", seconds * 0.5, seconds * 0.75);
    std::sort(batchTimes.begin(), batchTimes.end());
    std::printf("batches applied: %lld, longest %.1f ms, median %.1f ms\n", qint64(batchTimes.size()),
                batchTimes.isEmpty() ? 0.0 : batchTimes.constLast(),
                batchTimes.isEmpty() ? 0.0 : batchTimes.at(batchTimes.size() / 2));
    return watcher->firstPaintMs < 1000 && maxStall < 50 ? 0 : 2;
}
