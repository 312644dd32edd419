// SPDX-License-Identifier: MIT
#include "checkdialog.h"
#include "coreclient.h"
#include "engine/clock.h"
#include "guicore.h"
#include "httpcheckpage.h"
#include "httptestserver.h"
#include "model/checkstablemodel.h"

#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

class TestCheckDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void okDisabledWhileInvalid();
    void validatorMessagesSitNextToTheField_data();
    void validatorMessagesSitNextToTheField();
    void scriptPageDisabledWithReason();
    void thresholdPreview_data();
    void thresholdPreview();
    void testNowTcpAgainstLocalServer();
    void testNowHttp();
    void definitionRoundTrip();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<GuiCore> m_core;
};

void TestCheckDialog::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    m_core = std::make_unique<GuiCore>(SystemClock::instance());
    LoadedConfig config;
    config.agent.nodeName = u"test-node"_s;
    bool started = false;
    m_core->start(m_dir.path(), config, false, [&](const std::optional<Error> &error) {
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        started = true;
    });
    QTRY_VERIFY_WITH_TIMEOUT(started, 10000);
}

void TestCheckDialog::cleanupTestCase()
{
    m_core.reset();
}

void TestCheckDialog::okDisabledWhileInvalid()
{
    CheckDialog dialog(m_core->client(), CheckDialog::Mode::Add);
    dialog.show();
    QVERIFY(!dialog.okButton()->isEnabled()); // nothing entered yet
    dialog.httpPage()->urlField()->setText(u"http://127.0.0.1:1/"_s);
    QVERIFY(!dialog.okButton()->isEnabled()); // still no name
    QVERIFY(dialog.visibleErrorFor(u"Name"_s));
    QCOMPARE(dialog.visibleErrorFor(u"Name"_s)->text(), u"Missing check name"_s);
    QTest::keyClicks(dialog.nameField(), u"Web"_s);
    QVERIFY(dialog.okButton()->isEnabled());
    QVERIFY(!dialog.visibleErrorFor(u"Name"_s));
    QVERIFY(dialog.testButton()->isEnabled());
}

void TestCheckDialog::validatorMessagesSitNextToTheField_data()
{
    QTest::addColumn<int>("page");
    QTest::addColumn<QString>("interval");
    QTest::addColumn<int>("failuresWarning");
    QTest::addColumn<int>("failuresCritical");
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("message");
    QTest::newRow("interval without unit (Go's parser)")
        << int(CheckDialog::TcpPage) << u"10"_s << 0 << 0 << u"Interval"_s << u"time: missing unit in duration \"10\""_s;
    QTest::newRow("interval zero (Consul's validator)")
        << int(CheckDialog::TcpPage) << u"0s"_s << 0 << 0 << u"Interval"_s
        << u"Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks"_s;
    QTest::newRow("warning above critical")
        << int(CheckDialog::TcpPage) << u"10s"_s << 5 << 2 << u"FailuresBeforeWarning"_s
        << u"Invalid check: FailuresBeforeWarning can't be higher than FailuresBeforeCritical"_s;
    QTest::newRow("empty address") << int(CheckDialog::UdpPage) << u"10s"_s << 0 << 0 << u"UDP"_s
                                   << u"Enter host:port to send to."_s;
}

void TestCheckDialog::validatorMessagesSitNextToTheField()
{
    QFETCH(int, page);
    QFETCH(QString, interval);
    QFETCH(int, failuresWarning);
    QFETCH(int, failuresCritical);
    QFETCH(QString, field);
    QFETCH(QString, message);
    CheckDialog dialog(m_core->client(), CheckDialog::Mode::Add);
    dialog.show();
    dialog.setTypePage(CheckDialog::TypePage(page));
    dialog.nameField()->setText(u"check"_s);
    if (QLineEdit *address = dialog.addressField(CheckDialog::TypePage(page)); address && field != u"UDP")
        address->setText(u"127.0.0.1:9"_s);
    dialog.intervalField()->setText(interval);
    dialog.findChild<QSpinBox *>(u"failuresBeforeWarning"_s)->setValue(failuresWarning);
    dialog.failuresBeforeCriticalField()->setValue(failuresCritical);
    QVERIFY(!dialog.okButton()->isEnabled());
    QVERIFY(!dialog.testButton()->isEnabled());
    QLabel *label = dialog.visibleErrorFor(field);
    QVERIFY2(label, qPrintable(u"no error shown next to "_s + field + u"; current: "_s
                               + (dialog.currentError() ? dialog.currentError()->message : QString())));
    QCOMPARE(label->text(), message);
}

void TestCheckDialog::scriptPageDisabledWithReason()
{
    CheckDialog dialog(m_core->client(), CheckDialog::Mode::Add);
    dialog.show();
    dialog.setTypePage(CheckDialog::ScriptPage);
    auto *args = dialog.findChild<QPlainTextEdit *>(u"scriptArgs"_s);
    QVERIFY(args);
    QVERIFY(!args->isEnabled());
    bool reasonShown = false;
    for (QLabel *label : dialog.findChildren<QLabel *>()) {
        if (label->isVisible() && label->text().contains(u"enable_local_script_checks"_s))
            reasonShown = true;
    }
    QVERIFY(reasonShown);
}

void TestCheckDialog::thresholdPreview_data()
{
    QTest::addColumn<qint64>("intervalS");
    QTest::addColumn<int>("warning");
    QTest::addColumn<int>("critical");
    QTest::addColumn<int>("passing");
    QTest::addColumn<QString>("expected");
    QTest::newRow("defaults") << qint64(10) << 0 << 0 << 0
                              << u"Critical after 1 failure × 10s = 10s; passing again after 1 success = 10s."_s;
    QTest::newRow("three failures") << qint64(10) << 0 << 3 << 2
                                    << u"Critical after 3 failures × 10s = 30s; passing again after 2 successes = 20s."_s;
    QTest::newRow("warning first") << qint64(60) << 1 << 3 << 0
                                   << u"Critical after 3 failures × 1m0s = 3m0s; warning after 1 failure = 1m0s; "
                                      u"passing again after 1 success = 1m0s."_s;
}

void TestCheckDialog::thresholdPreview()
{
    QFETCH(qint64, intervalS);
    QFETCH(int, warning);
    QFETCH(int, critical);
    QFETCH(int, passing);
    QFETCH(QString, expected);
    CheckDefinition d;
    d.tcp = u"127.0.0.1:1"_s;
    d.interval = std::chrono::seconds(intervalS);
    d.failuresBeforeWarning = warning;
    d.failuresBeforeCritical = critical;
    d.successBeforePassing = passing;
    QCOMPARE(CheckDialog::thresholdPreview(d), expected);
}

void TestCheckDialog::testNowTcpAgainstLocalServer()
{
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, &server, [&server] {
        while (QTcpSocket *socket = server.nextPendingConnection())
            socket->disconnectFromHost();
    });
    CheckDialog dialog(m_core->client(), CheckDialog::Mode::Add);
    dialog.show();
    dialog.setTypePage(CheckDialog::TcpPage);
    dialog.nameField()->setText(u"local tcp"_s);
    dialog.addressField(CheckDialog::TcpPage)->setText(u"127.0.0.1:%1"_s.arg(server.serverPort()));
    QVERIFY(dialog.testButton()->isEnabled());
    QSignalSpy spy(&dialog, &CheckDialog::testFinished);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(spy.wait(10000));
    auto state = spy.takeFirst().at(0).value<CheckState>();
    QCOMPARE(state.status, CheckStatus::Passing);
    QVERIFY2(dialog.testResultLabel()->text().contains(u"Passing"_s), qPrintable(dialog.testResultLabel()->text()));

    // Nothing listens any more: the same test turns critical, and nothing was registered.
    const quint16 port = server.serverPort();
    server.close();
    dialog.addressField(CheckDialog::TcpPage)->setText(u"127.0.0.1:%1"_s.arg(port));
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(spy.wait(10000));
    state = spy.takeFirst().at(0).value<CheckState>();
    QCOMPARE(state.status, CheckStatus::Critical);
    QVERIFY(dialog.testResultLabel()->text().contains(u"Critical"_s));
    QCOMPARE(m_core->model()->rowCount(), 0);
}

void TestCheckDialog::testNowHttp()
{
    Test::HttpTestServer server;
    QVERIFY(server.start());
    Test::CannedResponse ok;
    ok.body = "all good";
    server.setResponse(u"/health"_s, ok);
    CheckDialog dialog(m_core->client(), CheckDialog::Mode::Add);
    dialog.show();
    dialog.nameField()->setText(u"local http"_s);
    dialog.httpPage()->urlField()->setText(server.url(u"/health"_s));
    QSignalSpy spy(&dialog, &CheckDialog::testFinished);
    dialog.testButton()->click();
    QVERIFY(spy.wait(10000));
    const auto state = spy.takeFirst().at(0).value<CheckState>();
    QCOMPARE(state.status, CheckStatus::Passing);
    QCOMPARE(state.lastCode, 200);
    QVERIFY(state.output.contains(u"all good"_s));
    QCOMPARE(server.requestCount(), 1);
}

void TestCheckDialog::definitionRoundTrip()
{
    CheckDefinition d;
    d.id = u"api"_s;
    d.name = u"API"_s;
    d.notes = u"call on-call"_s;
    d.http = u"https://example.invalid/health"_s;
    d.method = u"POST"_s;
    d.header.insert(u"X-Probe"_s, {u"1"_s, u"2"_s});
    d.body = u"{}"_s;
    d.tlsSkipVerify = true;
    d.disableRedirects = true;
    d.interval = std::chrono::seconds(30);
    d.timeout = std::chrono::seconds(3);
    d.failuresBeforeCritical = 3;
    d.successBeforePassing = 2;
    d.outputMaxSize = 1024;
    d.source = CheckSource::Local;
    CheckDialog dialog(m_core->client(), CheckDialog::Mode::Edit);
    dialog.setDefinition(d);
    QVERIFY(dialog.idField()->isReadOnly());
    QCOMPARE(dialog.definition(), d);
    QVERIFY(dialog.okButton()->isEnabled());
}

QTEST_MAIN(TestCheckDialog)
#include "tst_checkdialog.moc"
