// SPDX-License-Identifier: MIT
#include "engine/scheduler.h"
#include "fakeclock.h"

#include <QSignalSpy>
#include <QTest>

using namespace HealthDesk;

class TestScheduler : public QObject
{
    Q_OBJECT

private slots:
    void firesInDueOrderOnlyWhenDue();
    void entriesScheduledWhileProcessingRunInTheSamePassWhenDue();
};

namespace {
struct Fired
{
    quint32 key;
    quint32 token;
};
constexpr qint64 kMs = 1'000'000;
} // namespace

void TestScheduler::firesInDueOrderOnlyWhenDue()
{
    Test::FakeClock clock;
    QList<quint32> fired;
    Scheduler scheduler(clock, [&](quint32 key, quint32, qint64) { fired.append(key); });
    const qint64 t0 = clock.monotonicNs();
    scheduler.schedule(t0 + 300 * kMs, 3, 1);
    scheduler.schedule(t0 + 100 * kMs, 1, 1);
    scheduler.schedule(t0 + 200 * kMs, 2, 1);

    scheduler.processDue();
    QVERIFY(fired.isEmpty());
    clock.advanceMs(150);
    scheduler.processDue();
    QCOMPARE(fired, (QList<quint32>{1}));
    clock.advanceMs(1000);
    scheduler.processDue();
    QCOMPARE(fired, (QList<quint32>{1, 2, 3}));
    QCOMPARE(scheduler.pendingCount(), 0u);
}

void TestScheduler::entriesScheduledWhileProcessingRunInTheSamePassWhenDue()
{
    Test::FakeClock clock;
    QList<quint32> fired;
    Scheduler *self = nullptr;
    Scheduler scheduler(clock, [&](quint32 key, quint32, qint64 due) {
        fired.append(key);
        if (key == 1) {
            self->schedule(due, 10, 1);                // already due: runs in this pass
            self->schedule(due + 500 * kMs, 11, 1);    // later: waits
        }
    });
    self = &scheduler;
    scheduler.schedule(clock.monotonicNs(), 1, 1);
    scheduler.processDue();
    QCOMPARE(fired, (QList<quint32>{1, 10}));
    QCOMPARE(scheduler.pendingCount(), 1u);
}

QTEST_GUILESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
