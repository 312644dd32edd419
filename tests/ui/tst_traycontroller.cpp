// SPDX-License-Identifier: MIT
#include "fakeclock.h"
#include "model/checkstablemodel.h"
#include "settings/appsettings.h"
#include "traycontroller.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {
CheckState makeState(const QString &id, CheckStatus status, const QString &output = {})
{
    CheckState state;
    state.definition.id = id;
    state.definition.name = u"Name of "_s + id;
    state.definition.tcp = u"127.0.0.1:1"_s;
    state.definition.interval = std::chrono::seconds(10);
    state.status = status;
    state.output = output;
    return state;
}

CheckBatch update(const QList<CheckState> &states, bool reset = false)
{
    CheckBatch batch;
    batch.reset = reset;
    batch.upserts = states;
    return batch;
}
} // namespace

/// Notifications are decided without a tray too (offscreen has none): `notified` is emitted.
class TestTrayController : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void notifiesWhenACheckGetsWorse();
    void perStateOptIn();
    void snoozeUntilRecovery();
    void tooltipCounts();

private:
    QTemporaryDir m_dir;
    Test::FakeClock m_clock;
    std::unique_ptr<ChecksTableModel> m_model;
    std::unique_ptr<AppSettings> m_settings;
    std::unique_ptr<TrayController> m_tray;
};

void TestTrayController::init()
{
    m_tray.reset();
    m_model = std::make_unique<ChecksTableModel>(m_clock);
    m_settings = std::make_unique<AppSettings>(m_dir.filePath(u"s%1.ini"_s.arg(QDateTime::currentMSecsSinceEpoch())));
    m_model->applyBatch(update({makeState(u"web"_s, CheckStatus::Passing), makeState(u"db"_s, CheckStatus::Critical)}, true));
    m_tray = std::make_unique<TrayController>(m_model.get(), m_settings.get());
}

void TestTrayController::notifiesWhenACheckGetsWorse()
{
    QSignalSpy spy(m_tray.get(), &TrayController::notified);
    // A new check starts critical by Consul's rules: no news.
    m_model->applyBatch(update({makeState(u"new"_s, CheckStatus::Critical)}));
    QCOMPARE(spy.count(), 0);
    m_model->applyBatch(update({makeState(u"web"_s, CheckStatus::Critical, u"connection refused"_s)}));
    QCOMPARE(spy.count(), 1);
    QCOMPARE(spy.at(0).at(0).toString(), u"Name of web is critical"_s);
    QCOMPARE(spy.at(0).at(1).toString(), u"connection refused"_s);
    QCOMPARE(spy.at(0).at(2).toString(), u"web"_s); // clicking opens this check
    // Getting better is not news unless recovery notifications are on.
    m_model->applyBatch(update({makeState(u"web"_s, CheckStatus::Passing)}));
    QCOMPARE(spy.count(), 1);
}

void TestTrayController::perStateOptIn()
{
    QSignalSpy spy(m_tray.get(), &TrayController::notified);
    m_settings->setValue(AppSettings::Key::NotifyWarning, false);
    m_model->applyBatch(update({makeState(u"web"_s, CheckStatus::Warning)}));
    QCOMPARE(spy.count(), 0);
    m_settings->setValue(AppSettings::Key::NotifyRecovery, true);
    m_model->applyBatch(update({makeState(u"db"_s, CheckStatus::Passing)}));
    QCOMPARE(spy.count(), 1);
}

void TestTrayController::snoozeUntilRecovery()
{
    QSignalSpy spy(m_tray.get(), &TrayController::notified);
    m_tray->snooze(TrayController::Snooze::UntilRecovery);
    QVERIFY(m_tray->snoozed());
    m_model->applyBatch(update({makeState(u"web"_s, CheckStatus::Critical)}));
    QCOMPARE(spy.count(), 0);
    // Everything recovers: the snooze ends by itself.
    m_model->applyBatch(update({makeState(u"web"_s, CheckStatus::Passing), makeState(u"db"_s, CheckStatus::Passing)}));
    QTRY_VERIFY(!m_tray->snoozed());
    m_model->applyBatch(update({makeState(u"db"_s, CheckStatus::Critical)}));
    QCOMPARE(spy.count(), 1);
    m_tray->snooze(TrayController::Snooze::Minutes15);
    m_model->applyBatch(update({makeState(u"web"_s, CheckStatus::Critical)}));
    QCOMPARE(spy.count(), 1);
}

void TestTrayController::tooltipCounts()
{
    QTRY_COMPARE(m_tray->toolTip(), u"HealthDesk — 1 critical, 1 passing"_s);
    QCOMPARE(m_tray->worst(), CheckFilter::Critical);
}

QTEST_MAIN(TestTrayController)
#include "tst_traycontroller.moc"
