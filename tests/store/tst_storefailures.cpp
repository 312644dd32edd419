// SPDX-License-Identifier: MIT
#include "fakeclock.h"
#include "storetestutils.h"

#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSet>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <unistd.h>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {
/// Makes files unwritable even for root (the immutable attribute); false where the filesystem or
/// the missing capability does not allow it.
bool setImmutable(const QStringList &paths, bool immutable)
{
    for (const QString &path : paths) {
        if (!QFile::exists(path))
            continue;
        QProcess chattr;
        chattr.start(u"chattr"_s, {immutable ? u"+i"_s : u"-i"_s, path});
        if (!chattr.waitForFinished(10'000) || chattr.exitStatus() != QProcess::NormalExit || chattr.exitCode() != 0)
            return false;
    }
    return true;
}

bool immutableSupported(const QString &dir)
{
    const QString scratch = dir + u"/immutable-probe"_s;
    QFile file(scratch);
    if (!file.open(QIODevice::WriteOnly))
        return false;
    file.close();
    const bool supported = setImmutable({scratch}, true);
    setImmutable({scratch}, false);
    QFile::remove(scratch);
    return supported;
}
} // namespace

class TestStoreFailures : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void lockedDatabase();
    void readOnlyWhileRunning();
    void readOnlyAtOpen();
    void queuedHistoryIsBounded();
    void indexSurvivesSimulatedCrash();
    void killNine();

private:
    Result<std::unique_ptr<StateStore>> openStore(const StoreOptions &options = Test::fastStoreOptions())
    {
        return StateStore::open(m_path, m_clock, options);
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    Test::FakeClock m_clock;
};

void TestStoreFailures::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"healthdesk.db"_s);
}

void TestStoreFailures::cleanup()
{
    setImmutable({m_path, m_path + u"-wal"_s}, false);
    m_dir.reset();
}

void TestStoreFailures::lockedDatabase()
{
    auto store = openStore();
    QVERIFY2(store.ok(), qPrintable(store.error().message));
    StateStore &s = *store.value();
    s.setCheckUpdateInterval(0);
    QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"a"_s)}).ok());
    QVERIFY(s.flush());

    // Another process holds the write lock, as `sqlite3 healthdesk.db 'BEGIN EXCLUSIVE'` would.
    Test::SqlProbe other(m_path);
    QVERIFY2(other.exec(u"BEGIN EXCLUSIVE"_s), qPrintable(other.lastError()));
    QSignalSpy failed(&s, &StateStore::storageErrorOccurred);
    QSignalSpy recovered(&s, &StateStore::storageRecovered);
    QSignalSpy changes(&s, &StateStore::indexChanged);
    QSignalSpy added(&s, &StateStore::checksAdded);
    const quint64 before = s.index();

    // A durable mutation fails with SQLite's reason, and nothing changes.
    const Test::Outcome put = Test::putChecksAndWait(s, {Test::httpCheck(u"b"_s)});
    QVERIFY(put.finished);
    QVERIFY(put.error);
    QCOMPARE(put.error->httpStatus, 500);
    QVERIFY2(put.error->message.contains(m_path) && put.error->message.contains(u"database is locked"),
        qPrintable(put.error->message));
    QVERIFY(!s.check(u"b"_s));
    QCOMPARE(s.index(), before);
    QCOMPARE(changes.count(), 0);
    QCOMPARE(added.count(), 0);
    const Test::Outcome removal
        = Test::waitForCompletion([&](const StateStore::Completion &done) { s.removeChecks({u"a"_s}, nullptr, done); });
    QVERIFY(removal.finished && removal.error);
    QVERIFY(s.check(u"a"_s));

    // Write-behind updates are visible at once and wait for the lock.
    const qint64 t0 = m_clock.wallMs();
    s.recordRun(u"a"_s, Test::probeResult(CheckStatus::Passing, u"up"_s), t0);
    s.publish(u"a"_s, CheckStatus::Passing, u"up"_s);
    QCOMPARE(s.check(u"a"_s)->status, CheckStatus::Passing);
    QCOMPARE(changes.count(), 1);
    QVERIFY(failed.wait(5000));
    QCOMPARE(failed.count(), 1);
    const QString message = failed.at(0).at(0).toString();
    QVERIFY2(message.contains(m_path) && message.contains(u"database is locked"), qPrintable(message));
    QCOMPARE(s.storageError(), message);
    for (int i = 1; i <= 20; ++i)
        s.recordRun(u"a"_s, Test::probeResult(CheckStatus::Passing, u"up %1"_s.arg(i)), t0 + i);
    QVERIFY(!s.flush());
    const auto history = Test::queryHistoryAndWait(s, u"a"_s, t0, t0 + 100);
    QVERIFY(history); // reads still work, and see what is queued
    QCOMPARE(history->size(), 21);
    QCOMPARE(failed.count(), 1); // one report per episode

    QVERIFY2(other.exec(u"ROLLBACK"_s), qPrintable(other.lastError()));
    QVERIFY(recovered.wait(10'000));
    QCOMPARE(recovered.count(), 1);
    QVERIFY(s.storageError().isEmpty());
    QVERIFY(s.flush());
    QCOMPARE(other.scalar(u"SELECT count(*) FROM history WHERE check_id = 'a'"_s).toInt(), 21);
    QCOMPARE(other.scalar(u"SELECT status FROM check_state WHERE check_id = 'a'"_s).toInt(), 0);
    QCOMPARE(other.scalar(u"SELECT modify_index FROM checks WHERE id = 'a'"_s).toULongLong(), s.index());
    QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"b"_s)}).ok());
}

void TestStoreFailures::readOnlyWhileRunning()
{
    // An open connection keeps writing through its descriptors whatever chmod says, and root
    // ignores modes anyway: the immutable attribute is what makes the files refuse writes here.
    if (!immutableSupported(m_dir->path()))
        QSKIP("cannot make files immutable here (needs chattr, CAP_LINUX_IMMUTABLE and ext4/xfs/btrfs)");
    auto store = openStore();
    QVERIFY2(store.ok(), qPrintable(store.error().message));
    StateStore &s = *store.value();
    s.setCheckUpdateInterval(0);
    QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"a"_s)}).ok());
    QVERIFY(s.flush());
    QVERIFY(QFile::exists(m_path + u"-wal"_s));
    QVERIFY(setImmutable({m_path, m_path + u"-wal"_s}, true));
    auto restore = qScopeGuard([&] { setImmutable({m_path, m_path + u"-wal"_s}, false); });

    QSignalSpy failed(&s, &StateStore::storageErrorOccurred);
    QSignalSpy recovered(&s, &StateStore::storageRecovered);
    s.recordRun(u"a"_s, Test::probeResult(CheckStatus::Passing, u"up"_s), m_clock.wallMs());
    s.publish(u"a"_s, CheckStatus::Passing, u"up"_s);
    QVERIFY(failed.wait(5000));
    QVERIFY2(failed.at(0).at(0).toString().contains(m_path), qPrintable(failed.at(0).at(0).toString()));
    QCOMPARE(s.check(u"a"_s)->status, CheckStatus::Passing);

    const quint64 before = s.index();
    const Test::Outcome put = Test::putChecksAndWait(s, {Test::httpCheck(u"b"_s)});
    QVERIFY(put.finished && put.error);
    QVERIFY2(put.error->message.contains(m_path)
            && (put.error->message.contains(u"readonly") || put.error->message.contains(u"I/O")),
        qPrintable(put.error->message));
    QVERIFY(!s.check(u"b"_s));
    QCOMPARE(s.index(), before);
    qInfo().noquote() << "episode:" << failed.at(0).at(0).toString() << "| durable:" << put.error->message;

    restore.dismiss();
    QVERIFY(setImmutable({m_path, m_path + u"-wal"_s}, false));
    QVERIFY(recovered.wait(15'000));
    QVERIFY(s.flush());
    Test::SqlProbe probe(m_path);
    QCOMPARE(probe.scalar(u"SELECT status FROM check_state WHERE check_id = 'a'"_s).toInt(), 0);
    QCOMPARE(probe.scalar(u"SELECT count(*) FROM history"_s).toInt(), 1);
    QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"b"_s)}).ok());
}

void TestStoreFailures::readOnlyAtOpen()
{
    {
        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        QVERIFY(Test::putChecksAndWait(*store.value(), {Test::httpCheck(u"a"_s)}).ok());
    }
    auto restore = qScopeGuard([&] {
        setImmutable({m_path}, false);
        QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QFile::setPermissions(m_path, QFile::ReadOwner | QFile::WriteOwner);
    });
    if (::geteuid() == 0) {
        if (!immutableSupported(m_dir->path()))
            QSKIP("running as root without chattr: cannot make the database read-only");
        QVERIFY(setImmutable({m_path}, true));
    } else {
        QVERIFY(QFile::setPermissions(m_path, QFile::ReadOwner));
        QVERIFY(QFile::setPermissions(m_dir->path(), QFile::ReadOwner | QFile::ExeOwner));
    }
    auto store = openStore();
    QVERIFY(!store.ok());
    qInfo().noquote() << store.error().message;
    QCOMPARE(store.error().httpStatus, 500);
    QVERIFY2(store.error().message.contains(m_path), qPrintable(store.error().message));
    QVERIFY2(store.error().message.contains(u"readonly") || store.error().message.contains(u"unable to open"),
        qPrintable(store.error().message));
}

void TestStoreFailures::queuedHistoryIsBounded()
{
    StoreOptions options = Test::fastStoreOptions();
    options.maxQueuedHistoryRows = 1000;
    auto store = openStore(options);
    QVERIFY2(store.ok(), qPrintable(store.error().message));
    StateStore &s = *store.value();
    QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"a"_s)}).ok());
    QVERIFY(s.flush());

    Test::SqlProbe other(m_path);
    QVERIFY(other.exec(u"BEGIN EXCLUSIVE"_s));
    QSignalSpy failed(&s, &StateStore::storageErrorOccurred);
    const qint64 t0 = m_clock.wallMs();
    s.recordRun(u"a"_s, Test::probeResult(CheckStatus::Warning, u"first"_s), t0);
    QVERIFY(failed.wait(5000));
    for (int i = 1; i <= 3000; ++i)
        s.recordRun(u"a"_s, Test::probeResult(CheckStatus::Passing, u"run"_s), t0 + i);
    QVERIFY(!s.flush());
    QTRY_COMPARE(s.droppedHistoryRows(), 2001);
    QCOMPARE(s.check(u"a"_s)->lastRunMs, t0 + 3000);

    QSignalSpy recovered(&s, &StateStore::storageRecovered);
    QVERIFY(other.exec(u"ROLLBACK"_s));
    QVERIFY(recovered.wait(10'000));
    QVERIFY(s.flush());
    // The newest rows and the current state made it.
    QCOMPARE(other.scalar(u"SELECT count(*) FROM history"_s).toInt(), 1000);
    QCOMPARE(other.scalar(u"SELECT min(time_ms) FROM history"_s).toLongLong(), t0 + 2001);
    QCOMPARE(other.scalar(u"SELECT last_run_ms FROM check_state WHERE check_id = 'a'"_s).toLongLong(), t0 + 3000);
}

void TestStoreFailures::indexSurvivesSimulatedCrash()
{
    StoreOptions options = Test::fastStoreOptions();
    options.flushIntervalMs = 60'000; // nothing reaches the database on its own
    auto store = openStore(options);
    QVERIFY2(store.ok(), qPrintable(store.error().message));
    StateStore &s = *store.value();
    s.setCheckUpdateInterval(0);
    QVERIFY(Test::putChecksAndWait(s, {Test::httpCheck(u"a"_s), Test::httpCheck(u"b"_s)}).ok());
    const quint64 registered = s.index();
    for (int i = 0; i < 500; ++i) {
        s.recordRun(u"a"_s, Test::probeResult(CheckStatus::Passing, u"ok"_s), m_clock.wallMs() + i);
        s.publish(u"a"_s, i % 2 ? CheckStatus::Passing : CheckStatus::Critical, u"flap %1"_s.arg(i));
    }
    const quint64 handedOut = s.index();
    QVERIFY(handedOut >= registered + 500);

    // What a kill -9 would leave on disk right now.
    const QString copy = m_dir->filePath(u"crashed.db"_s);
    QVERIFY(Test::copyDatabaseFiles(m_path, copy));
    auto recovered = StateStore::open(copy, m_clock, options);
    QVERIFY2(recovered.ok(), qPrintable(recovered.error().message));
    StateStore &r = *recovered.value();
    QVERIFY2(r.index() >= handedOut, qPrintable(u"%1 < %2"_s.arg(r.index()).arg(handedOut)));
    QVERIFY(r.tableIndex(StoreTable::Checks) >= handedOut);
    QVERIFY(r.check(u"a"_s));
    QVERIFY(r.check(u"b"_s));
    QCOMPARE(r.check(u"a"_s)->createIndex, registered);
    QVERIFY(Test::putChecksAndWait(r, {Test::httpCheck(u"c"_s)}).ok());
    QVERIFY(r.check(u"c"_s)->createIndex > handedOut);
}

void TestStoreFailures::killNine()
{
    const QString helper = qEnvironmentVariable("STORE_CRASH_HELPER");
    if (helper.isEmpty() || !QFile::exists(helper))
        QSKIP("STORE_CRASH_HELPER does not name the helper program");
    quint64 lastIndex = 0;
    QSet<QString> mustExist;
    QSet<QString> mustBeGone;
    for (int round = 0; round < 4; ++round) {
        QProcess process;
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        process.start(helper, {m_path, u"r%1"_s.arg(round)});
        QVERIFY(process.waitForStarted());
        QByteArray output;
        const int wanted = 2 + round * 5; // kill at different moments
        while (output.count("committed ") < wanted) {
            QVERIFY2(process.waitForReadyRead(20'000), output.constData());
            output += process.readAllStandardOutput();
        }
        process.kill(); // SIGKILL
        QVERIFY(process.waitForFinished(10'000));
        output += process.readAllStandardOutput();

        QSet<QString> removing;
        for (const QByteArray &raw : output.split('\n')) {
            const QStringList fields = QString::fromUtf8(raw).split(u' ');
            if (fields.size() < 2)
                continue; // the line the kill cut short
            if (fields.at(0) == u"ready") {
                QVERIFY2(fields.at(1).toULongLong() >= lastIndex, raw.constData());
            } else if (fields.at(0) == u"committed" && fields.size() == 3) {
                mustExist.insert(fields.at(1));
                lastIndex = std::max(lastIndex, fields.at(2).toULongLong());
            } else if (fields.at(0) == u"removing") {
                removing.insert(fields.at(1));
            } else if (fields.at(0) == u"removed" && fields.size() == 3) {
                mustBeGone.insert(fields.at(1));
                lastIndex = std::max(lastIndex, fields.at(2).toULongLong());
            } else if (fields.at(0) == u"index") {
                lastIndex = std::max(lastIndex, fields.at(1).toULongLong());
            }
        }
        // A removal whose Completion never ran may or may not have committed.
        mustExist -= removing;

        auto store = openStore();
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        const StateStore &s = *store.value();
        QVERIFY2(s.index() >= lastIndex, qPrintable(u"round %1: %2 < %3"_s.arg(round).arg(s.index()).arg(lastIndex)));
        for (const QString &id : std::as_const(mustExist))
            QVERIFY2(s.check(id), qPrintable(u"round %1: committed check %2 is missing"_s.arg(round).arg(id)));
        for (const QString &id : std::as_const(mustBeGone))
            QVERIFY2(!s.check(id), qPrintable(u"round %1: removed check %2 is back"_s.arg(round).arg(id)));
        qInfo().noquote() << u"round %1: killed after %2 committed registrations; %3 checks, index %4 >= %5"_s
                                 .arg(round)
                                 .arg(output.count("committed "))
                                 .arg(s.checks().size())
                                 .arg(s.index())
                                 .arg(lastIndex);
        lastIndex = s.index();
    }
}

QTEST_GUILESS_MAIN(TestStoreFailures)
#include "tst_storefailures.moc"
