// SPDX-License-Identifier: MIT
#include "checkdialog.h"
#include "checksview.h"
#include "coreclient.h"
#include "detailspanel.h"
#include "engine/clock.h"
#include "guicore.h"
#include "httpcheckpage.h"
#include "httptestserver.h"
#include "mainwindow.h"
#include "model/checkfilterproxy.h"
#include "model/checkstablemodel.h"
#include "settings/appsettings.h"
#include "summarybar.h"

#include <QAction>
#include <QFile>
#include <QApplication>
#include <QLineEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QJsonDocument>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {
/// Reads a CSV file with Python's csv module and prints one JSON object per row.
QList<QVariantMap> readCsvWithPython(const QString &path)
{
    QProcess python;
    python.start(u"/usr/bin/python3"_s,
                 {u"-c"_s, u"import csv, json, sys\n"
                           u"with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n"
                           u"    print(json.dumps(list(csv.DictReader(f))))\n"_s,
                  path});
    if (!python.waitForFinished(20000) || python.exitCode() != 0)
        return {};
    QList<QVariantMap> rows;
    for (const QVariant &row : QJsonDocument::fromJson(python.readAllStandardOutput()).toVariant().toList())
        rows.append(row.toMap());
    return rows;
}
} // namespace

class TestGuiEndToEnd : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void addCheckSeeItPassAndExportIt();
    void cleanupTestCase();

private:
    QTemporaryDir m_dir;
};

void TestGuiEndToEnd::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(u"healthdesk-tests"_s);
    if (!QFile::exists(u"/usr/bin/python3"_s))
        QSKIP("needs /usr/bin/python3 to read the CSV back");
    QVERIFY(m_dir.isValid());
}

void TestGuiEndToEnd::cleanupTestCase()
{
}

void TestGuiEndToEnd::addCheckSeeItPassAndExportIt()
{
    Test::HttpTestServer target;
    QVERIFY(target.start());
    Test::CannedResponse ok;
    ok.body = "=1+1 looks like a formula";
    target.setResponse(u"/health"_s, ok);

    GuiCore core(SystemClock::instance());
    LoadedConfig config;
    config.agent.nodeName = u"e2e-node"_s;
    bool started = false;
    core.start(m_dir.filePath(u"data"_s), config, false, [&](const std::optional<Error> &error) {
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        started = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(started, 10000);

    AppSettings settings(m_dir.filePath(u"settings.ini"_s));
    MainWindow window(core.model(), core.client(), &settings);
    window.resize(1280, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(core.model()->rowCount(), 0);
    QVERIFY(window.checksView()->emptyAddButton()->isVisible()); // first start: what to do

    // Add a check through the dialog, as an operator would.
    CheckDialog *dialog = window.openAddDialog();
    QVERIFY(dialog);
    QTest::keyClicks(dialog->nameField(), u"Local web"_s);
    dialog->idField()->setText(u"local-web"_s);
    dialog->httpPage()->urlField()->setText(target.url(u"/health"_s));
    dialog->intervalField()->setText(u"1s"_s);
    QVERIFY(dialog->okButton()->isEnabled());
    QSignalSpy registered(dialog, &CheckDialog::registered);
    QTest::mouseClick(dialog->okButton(), Qt::LeftButton);
    QVERIFY(registered.wait(10000));
    QCOMPARE(registered.first().at(0).toString(), u"local-web"_s);

    // The row appears through the store feed, then turns passing against the local server.
    QTRY_COMPARE_WITH_TIMEOUT(core.model()->rowOf(u"local-web"_s) >= 0, true, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(core.model()->stateAt(core.model()->rowOf(u"local-web"_s))->status,
                              CheckStatus::Passing, 15000);
    QTRY_COMPARE_WITH_TIMEOUT(window.summaryBar()->count(CheckFilter::Passing), 1, 2000);
    QVERIFY(target.requestCount() >= 1);

    // Selected (by the dialog's follow-up) and shown in the details.
    QTRY_COMPARE_WITH_TIMEOUT(window.details()->checkId(), u"local-web"_s, 3000);
    QVERIFY(window.details()->definitionJson().contains(u"\"HTTP\""_s));

    // The CSV export of the current view contains it, read back by Python's csv module.
    const QString path = m_dir.filePath(u"checks.csv"_s);
    QSignalSpy exported(&window, &MainWindow::exportFinished);
    window.exportViewTo(path, true);
    QVERIFY(exported.wait(10000));
    QCOMPARE(exported.first().at(1).toString(), QString());
    const QList<QVariantMap> rows = readCsvWithPython(path);
    QCOMPARE(rows.size(), 1);
    const QVariantMap row = rows.constFirst();
    QCOMPARE(row.value(u"CheckID"_s).toString(), u"local-web"_s);
    QCOMPARE(row.value(u"Name"_s).toString(), u"Local web"_s);
    QCOMPARE(row.value(u"Status"_s).toString(), u"passing"_s);
    QCOMPARE(row.value(u"Node"_s).toString(), u"e2e-node"_s);
    QVERIFY(row.value(u"Output"_s).toString().startsWith(u"HTTP GET"_s));

    // Delete it again through the core: the row goes away without a model reset.
    QSignalSpy resets(core.model(), &QAbstractItemModel::modelReset);
    bool removed = false;
    core.client()->deregisterChecks({u"local-web"_s}, this, [&](const std::optional<Error> &error) {
        QVERIFY(!error);
        removed = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(removed, 5000);
    QTRY_COMPARE_WITH_TIMEOUT(core.model()->rowCount(), 0, 5000);
    QCOMPARE(resets.count(), 0);

    // Import a Consul config file (a service with an embedded check and a TTL check).
    const QString configPath = m_dir.filePath(u"import.json"_s);
    QFile file(configPath);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QStringLiteral(R"({"service": {"name": "web", "port": 80,
                                   "check": {"http": "%1", "interval": "1s"}},
                                  "checks": [{"id": "nightly", "name": "Nightly job", "ttl": "24h",
                                              "service_id": "web"}]})")
                   .arg(target.url(u"/health"_s))
                   .toUtf8());
    file.close();
    int imported = -1;
    core.client()->importConfigFile(configPath, this, [&](const Result<int> &result) {
        QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
        imported = result.value();
    });
    QTRY_COMPARE_WITH_TIMEOUT(imported, 2, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(core.model()->rowCount(), 2, 5000);
    QVERIFY(core.model()->rowOf(u"service:web"_s) >= 0);
    QVERIFY(core.model()->rowOf(u"nightly"_s) >= 0);
    QTRY_COMPARE_WITH_TIMEOUT(core.client()->services().size(), qsizetype(1), 5000);
    window.close();
    QVERIFY(core.shutdown());
}

QTEST_MAIN(TestGuiEndToEnd)
#include "tst_guiendtoend.moc"
