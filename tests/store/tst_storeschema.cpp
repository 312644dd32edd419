// SPDX-License-Identifier: MIT
#include "fakeclock.h"
#include "store/deadlinequeue.h"
#include "store/storeschema.h"
#include "storetestutils.h"

#include <QFile>
#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

class TestStoreSchema : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void migratesAnEmptyFile();
    void migrationIsIdempotent();
    void refusesANewerSchema();
    void storeOpensAnEmptyFile();
    void storeRefusesANewerSchema();
    void storeRefusesGarbage_data();
    void storeRefusesGarbage();
    void storeReportsACorruptPage();
    void deadlineQueueOrder();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    Test::FakeClock m_clock;
};

void TestStoreSchema::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"healthdesk.db"_s);
}

void TestStoreSchema::cleanup()
{
    m_dir.reset();
}

void TestStoreSchema::migratesAnEmptyFile()
{
    QFile empty(m_path);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"schema-test"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QString error;
        QCOMPARE(StoreSchema::storedVersion(db, &error), 0);
        QCOMPARE(StoreSchema::migrate(db), QString());
        QCOMPARE(StoreSchema::storedVersion(db, &error), StoreSchema::currentVersion());
        QCOMPARE(StoreSchema::currentVersion(), 1);
        db.close();
    }
    QSqlDatabase::removeDatabase(u"schema-test"_s);
    Test::SqlProbe probe(m_path);
    QStringList tables;
    for (const QVariant &name : probe.column(u"SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"_s))
        tables.append(name.toString());
    QCOMPARE(tables, (QStringList{u"check_state"_s, u"checks"_s, u"history"_s, u"meta"_s, u"services"_s}));
    QCOMPARE(
        probe.scalar(u"SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'history_by_check_time'"_s)
            .toInt(),
        1);
}

void TestStoreSchema::migrationIsIdempotent()
{
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"schema-test"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        QCOMPARE(StoreSchema::migrate(db), QString());
        QCOMPARE(StoreSchema::migrate(db), QString());
        db.close();
    }
    QSqlDatabase::removeDatabase(u"schema-test"_s);
    Test::SqlProbe probe(m_path);
    QCOMPARE(probe.scalar(u"SELECT value FROM meta WHERE key = 'schema_version'"_s).toInt(), 1);
}

void TestStoreSchema::refusesANewerSchema()
{
    {
        Test::SqlProbe probe(m_path);
        QVERIFY(probe.exec(u"CREATE TABLE meta (key TEXT PRIMARY KEY, value)"_s));
        QVERIFY(probe.exec(u"INSERT INTO meta VALUES ('schema_version', 99)"_s));
    }
    {
        auto db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"schema-test"_s);
        db.setDatabaseName(m_path);
        QVERIFY(db.open());
        const QString error = StoreSchema::migrate(db);
        QVERIFY2(error.contains(u"schema version 99 is newer"), qPrintable(error));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"schema-test"_s);
}

void TestStoreSchema::storeOpensAnEmptyFile()
{
    QFile empty(m_path);
    QVERIFY(empty.open(QIODevice::WriteOnly));
    empty.close();
    {
        auto store = StateStore::open(m_path, m_clock, Test::fastStoreOptions());
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        QCOMPARE(store.value()->index(), 1u);
    }
    Test::SqlProbe probe(m_path);
    QCOMPARE(probe.scalar(u"SELECT value FROM meta WHERE key = 'schema_version'"_s).toInt(), 1);
    QVERIFY(probe.scalar(u"SELECT value FROM meta WHERE key = 'index_reserved'"_s).toULongLong() > 1);
    QCOMPARE(probe.scalar(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
}

void TestStoreSchema::storeRefusesANewerSchema()
{
    {
        auto store = StateStore::open(m_path, m_clock, Test::fastStoreOptions());
        QVERIFY2(store.ok(), qPrintable(store.error().message));
    }
    {
        Test::SqlProbe probe(m_path);
        QVERIFY(probe.exec(u"UPDATE meta SET value = 7 WHERE key = 'schema_version'"_s));
    }
    auto store = StateStore::open(m_path, m_clock, Test::fastStoreOptions());
    QVERIFY(!store.ok());
    QCOMPARE(store.error().httpStatus, 500);
    QCOMPARE(store.error().message,
        u"database %1: schema version 7 is newer than this HealthDesk supports (1); use a newer HealthDesk or"
        " another data directory"_s.arg(m_path));
}

void TestStoreSchema::storeRefusesGarbage_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::newRow("text file") << QByteArray("this is not a database\n").repeated(200);
    QTest::newRow("truncated header") << QByteArray("SQLite format 3\0", 16);
}

void TestStoreSchema::storeRefusesGarbage()
{
    QFETCH(QByteArray, content);
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(content);
    file.close();
    auto store = StateStore::open(m_path, m_clock, Test::fastStoreOptions());
    QVERIFY(!store.ok());
    qInfo().noquote() << store.error().message;
    QVERIFY2(store.error().message.startsWith(u"database %1: "_s.arg(m_path)), qPrintable(store.error().message));
    QVERIFY2(store.error().message.contains(u"not a database") || store.error().message.contains(u"malformed"),
        qPrintable(store.error().message));
}

void TestStoreSchema::storeReportsACorruptPage()
{
    {
        auto store = StateStore::open(m_path, m_clock, Test::fastStoreOptions());
        QVERIFY2(store.ok(), qPrintable(store.error().message));
        QList<CheckState> states;
        for (int i = 0; i < 300; ++i)
            states.append(Test::httpCheck(u"check-%1"_s.arg(i)));
        QVERIFY(Test::putChecksAndWait(*store.value(), states).ok());
    } // closing checkpoints everything into the main file
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    const qint64 pageSize = 4096;
    QVERIFY(file.size() > 6 * pageSize);
    // Scribble over interior b-tree pages, leaving the header (page 1) intact.
    file.seek(3 * pageSize);
    file.write(QByteArray(2 * pageSize, '\x5a'));
    file.close();
    auto store = StateStore::open(m_path, m_clock, Test::fastStoreOptions());
    QVERIFY(!store.ok());
    qInfo().noquote() << store.error().message;
    QVERIFY2(store.error().message.startsWith(u"database %1: "_s.arg(m_path)), qPrintable(store.error().message));
}

void TestStoreSchema::deadlineQueueOrder()
{
    DeadlineQueue queue;
    QVERIFY(!queue.earliest());
    QVERIFY(queue.insert(u"c"_s, 30));
    QVERIFY(queue.insert(u"a"_s, 10));
    QVERIFY(queue.insert(u"b"_s, 20));
    QVERIFY(queue.insert(u"b2"_s, 20));
    QVERIFY(!queue.insert(u"a"_s, 5)); // a pending deadline stays
    QCOMPARE(queue.earliest(), 10);
    QCOMPARE(queue.size(), 4);
    QVERIFY(queue.remove(u"b2"_s));
    QVERIFY(!queue.remove(u"b2"_s));
    QCOMPARE(queue.takeDue(9), QStringList());
    QCOMPARE(queue.takeDue(20), (QStringList{u"a"_s, u"b"_s}));
    QVERIFY(!queue.contains(u"a"_s));
    QVERIFY(queue.insert(u"a"_s, 40));
    QCOMPARE(queue.earliest(), 30);
    QCOMPARE(queue.takeAll(), (QStringList{u"c"_s, u"a"_s}));
    QVERIFY(queue.isEmpty());
}

QTEST_GUILESS_MAIN(TestStoreSchema)
#include "tst_storeschema.moc"
