// SPDX-License-Identifier: MIT
// A process for tst_storefailures to kill -9 at a random moment: it registers and removes checks
// one durable mutation after the other, publishes status changes and records runs in between,
// and prints on stdout what it has been told is committed and which index it has handed out.
//   committed <id> <index>   putChecks' Completion ran
//   removing <id>            removeChecks was called
//   removed <id> <index>     removeChecks' Completion ran
//   index <n>                an index handed out by a publish

#include "engine/clock.h"
#include "store/statestore.h"

#include <QCoreApplication>
#include <QTimer>

#include <cstdio>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {
void say(const QString &line)
{
    std::fputs(qPrintable(line + u'\n'), stdout);
    std::fflush(stdout);
}

CheckState check(const QString &id)
{
    CheckState state;
    state.definition.id = id;
    state.definition.name = id;
    state.definition.tcp = u"127.0.0.1:9"_s;
    state.definition.interval = std::chrono::seconds(10);
    state.definition.token = u"secret"_s;
    return state;
}
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc < 3) {
        std::fputs("usage: store_crash_helper <database> <id-prefix>\n", stderr);
        return 2;
    }
    const QString path = QString::fromLocal8Bit(argv[1]);
    const QString prefix = QString::fromLocal8Bit(argv[2]);
    auto opened = StateStore::open(path, SystemClock::instance());
    if (!opened) {
        std::fputs(qPrintable(opened.error().message + u'\n'), stderr);
        return 3;
    }
    StateStore &store = *opened.value();
    store.setCheckUpdateInterval(0);
    say(u"ready %1"_s.arg(store.index()));

    int step = 0;
    std::function<void()> next;
    next = [&] {
        const QString id = u"%1-%2"_s.arg(prefix).arg(step);
        store.putChecks({check(id)}, &app, [&, id](const std::optional<Error> &error) {
            if (error) {
                std::fputs(qPrintable(error->message + u'\n'), stderr);
                QCoreApplication::exit(4);
                return;
            }
            say(u"committed %1 %2"_s.arg(id).arg(store.index()));
            for (int i = 0; i < 25; ++i) {
                store.recordRun(id, ProbeResult{CheckStatus::Passing, u"run %1"_s.arg(i), 100, -1, false},
                    SystemClock::instance().wallMs());
                store.publish(id, i % 2 ? CheckStatus::Passing : CheckStatus::Warning, u"output %1"_s.arg(i));
                say(u"index %1"_s.arg(store.index()));
            }
            if (step % 4 == 3) {
                const QString previous = u"%1-%2"_s.arg(prefix).arg(step - 1);
                say(u"removing %1"_s.arg(previous));
                store.removeChecks({previous}, &app, [&, previous](const std::optional<Error> &removeError) {
                    if (!removeError)
                        say(u"removed %1 %2"_s.arg(previous).arg(store.index()));
                });
            }
            ++step;
            QTimer::singleShot(0, &app, next);
        });
    };
    next();
    return app.exec();
}
