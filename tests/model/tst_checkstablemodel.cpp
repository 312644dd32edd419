// SPDX-License-Identifier: MIT
#include "fakeclock.h"
#include "model/checkfilterproxy.h"
#include "model/checkstablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {
CheckState makeState(const QString &id, CheckStatus status, const QString &service = {}, const QString &output = {})
{
    CheckState state;
    state.definition.id = id;
    state.definition.name = u"Name of "_s + id;
    state.definition.serviceName = service;
    state.definition.http = u"http://127.0.0.1/"_s + id;
    state.definition.interval = std::chrono::seconds(10);
    state.status = status;
    state.output = output;
    return state;
}

CheckBatch resetWith(QList<CheckState> states)
{
    CheckBatch batch;
    batch.reset = true;
    batch.upserts = std::move(states);
    return batch;
}

QStringList column(const QAbstractItemModel &model, int col)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row)
        values << model.index(row, col).data().toString();
    return values;
}
} // namespace

class TestChecksTableModel : public QObject
{
    Q_OBJECT

private slots:
    void updatesInPlaceWithoutReset();
    void removalsAndInsertionsKeepOtherRows();
    void filter_data();
    void filter();
    void defaultSortIsSeverityThenName();
    void sortsLatencyNumericallyNotAsText();
    void relativeTimes_data();
    void relativeTimes();
};

void TestChecksTableModel::updatesInPlaceWithoutReset()
{
    Test::FakeClock clock;
    ChecksTableModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applyBatch(resetWith({makeState(u"a"_s, CheckStatus::Passing), makeState(u"b"_s, CheckStatus::Passing)}));

    const QPersistentModelIndex selected = model.index(1, ChecksTableModel::NameColumn);
    QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
    QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
    CheckBatch update;
    update.upserts = {makeState(u"b"_s, CheckStatus::Critical, {}, u"down"_s)};
    model.applyBatch(update);

    QCOMPARE(resets.size(), 0);
    QCOMPARE(changes.size(), 1);
    QVERIFY(selected.isValid());
    QCOMPARE(selected.row(), 1);
    QCOMPARE(model.index(1, ChecksTableModel::StatusColumn).data().toString(), u"critical"_s);
    QCOMPARE(model.index(1, ChecksTableModel::OutputColumn).data().toString(), u"down"_s);
}

void TestChecksTableModel::removalsAndInsertionsKeepOtherRows()
{
    Test::FakeClock clock;
    ChecksTableModel model(clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applyBatch(resetWith({makeState(u"a"_s, CheckStatus::Passing), makeState(u"b"_s, CheckStatus::Passing),
                                makeState(u"c"_s, CheckStatus::Passing), makeState(u"d"_s, CheckStatus::Passing)}));
    const QPersistentModelIndex d = model.index(3, 0);

    CheckBatch batch;
    batch.removed = {u"b"_s, u"c"_s, u"missing"_s};
    batch.upserts = {makeState(u"e"_s, CheckStatus::Warning)};
    model.applyBatch(batch);
    QCOMPARE(column(model, ChecksTableModel::CheckIdColumn), (QStringList{u"a"_s, u"d"_s, u"e"_s}));
    QCOMPARE(d.row(), 1); // the persistent index followed its row
    QCOMPARE(model.rowOf(u"e"_s), 2);

    CheckBatch all;
    all.removed = {u"a"_s, u"d"_s, u"e"_s};
    model.applyBatch(all);
    QCOMPARE(model.rowCount(), 0);
}

void TestChecksTableModel::filter_data()
{
    QTest::addColumn<int>("statuses");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("service");
    QTest::addColumn<QStringList>("expected");

    const int all = CheckFilter::AllStatuses;
    QTest::newRow("everything") << all << QString() << QString()
                                << QStringList{u"api"_s, u"db"_s, u"disk"_s, u"maint"_s, u"web"_s};
    QTest::newRow("critical only") << int(CheckFilter::Critical) << QString() << QString() << QStringList{u"db"_s};
    QTest::newRow("warning and critical") << int(CheckFilter::Warning | CheckFilter::Critical) << QString() << QString()
                                          << QStringList{u"db"_s, u"disk"_s};
    QTest::newRow("maintenance is apart from critical") << int(CheckFilter::Maintenance) << QString() << QString()
                                                        << QStringList{u"maint"_s};
    QTest::newRow("no button pressed shows all") << 0 << QString() << QString()
                                                 << QStringList{u"api"_s, u"db"_s, u"disk"_s, u"maint"_s, u"web"_s};
    QTest::newRow("text in output, any case") << all << u"REFUSED"_s << QString() << QStringList{u"db"_s};
    QTest::newRow("text in service") << all << u"shop"_s << QString() << QStringList{u"api"_s, u"web"_s};
    QTest::newRow("service filter") << all << QString() << u"storage"_s << QStringList{u"db"_s, u"disk"_s};
    QTest::newRow("combined") << int(CheckFilter::Passing) << u"api"_s << u"shop"_s << QStringList{u"api"_s};
}

void TestChecksTableModel::filter()
{
    QFETCH(int, statuses);
    QFETCH(QString, text);
    QFETCH(QString, service);
    QFETCH(QStringList, expected);

    Test::FakeClock clock;
    ChecksTableModel model(clock);
    CheckFilterProxy proxy;
    proxy.setChecksModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    CheckState maint = makeState(u"maint"_s, CheckStatus::Critical);
    maint.definition.http.clear();
    maint.definition.maintenance = true;
    model.applyBatch(resetWith({makeState(u"web"_s, CheckStatus::Passing, u"shop"_s),
                                makeState(u"api"_s, CheckStatus::Passing, u"shop"_s),
                                makeState(u"db"_s, CheckStatus::Critical, u"storage"_s, u"connection refused"_s),
                                makeState(u"disk"_s, CheckStatus::Warning, u"storage"_s), maint}));
    proxy.setStatuses(quint8(statuses));
    proxy.setText(text);
    proxy.setService(service);
    proxy.sort(ChecksTableModel::CheckIdColumn);
    QCOMPARE(column(proxy, ChecksTableModel::CheckIdColumn), expected);
}

void TestChecksTableModel::defaultSortIsSeverityThenName()
{
    Test::FakeClock clock;
    ChecksTableModel model(clock);
    CheckFilterProxy proxy;
    proxy.setChecksModel(&model);
    QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.applyBatch(resetWith({makeState(u"b-ok"_s, CheckStatus::Passing), makeState(u"z-crit"_s, CheckStatus::Critical),
                                makeState(u"a-ok"_s, CheckStatus::Passing), makeState(u"c-warn"_s, CheckStatus::Warning),
                                makeState(u"a-crit"_s, CheckStatus::Critical)}));
    proxy.sort(ChecksTableModel::StatusColumn, Qt::AscendingOrder);
    QCOMPARE(column(proxy, ChecksTableModel::CheckIdColumn),
             (QStringList{u"a-crit"_s, u"z-crit"_s, u"c-warn"_s, u"a-ok"_s, u"b-ok"_s}));

    // A live update re-sorts in place: b-ok turning critical moves up.
    CheckBatch update;
    update.upserts = {makeState(u"b-ok"_s, CheckStatus::Critical)};
    model.applyBatch(update);
    QCOMPARE(column(proxy, ChecksTableModel::CheckIdColumn),
             (QStringList{u"a-crit"_s, u"b-ok"_s, u"z-crit"_s, u"c-warn"_s, u"a-ok"_s}));
}

void TestChecksTableModel::sortsLatencyNumericallyNotAsText()
{
    Test::FakeClock clock;
    ChecksTableModel model(clock);
    CheckFilterProxy proxy;
    proxy.setChecksModel(&model);
    QList<CheckState> states;
    for (const auto &[id, latencyUs] : {std::pair{u"slow"_s, 120000}, std::pair{u"fast"_s, 900}, std::pair{u"mid"_s, 15000}}) {
        CheckState s = makeState(id, CheckStatus::Passing);
        s.lastRunMs = clock.wallMs();
        s.latencyUs = latencyUs;
        states << s;
    }
    model.applyBatch(resetWith(states));
    proxy.sort(ChecksTableModel::LatencyColumn, Qt::AscendingOrder);
    QCOMPARE(column(proxy, ChecksTableModel::CheckIdColumn), (QStringList{u"fast"_s, u"mid"_s, u"slow"_s}));
}

void TestChecksTableModel::relativeTimes_data()
{
    QTest::addColumn<qint64>("agoMs");
    QTest::addColumn<QString>("text");
    QTest::newRow("never") << qint64(-1) << u"never"_s;
    QTest::newRow("seconds") << qint64(12'400) << u"12 s ago"_s;
    QTest::newRow("minutes") << qint64(185'000) << u"3 min ago"_s;
    QTest::newRow("hours") << qint64(2 * 3600'000 + 5) << u"2 h ago"_s;
    QTest::newRow("days") << qint64(3 * 86400'000) << u"3 d ago"_s;
}

void TestChecksTableModel::relativeTimes()
{
    QFETCH(qint64, agoMs);
    QFETCH(QString, text);
    const qint64 now = 1'700'000'000'000;
    QCOMPARE(ChecksTableModel::relativeTime(agoMs < 0 ? 0 : now - agoMs, now), text);
}

QTEST_GUILESS_MAIN(TestChecksTableModel)
#include "tst_checkstablemodel.moc"
