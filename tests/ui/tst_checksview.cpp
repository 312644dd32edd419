// SPDX-License-Identifier: MIT
#include "checksview.h"
#include "fakeclock.h"
#include "model/checkfilterproxy.h"
#include "model/checkstablemodel.h"
#include "summarybar.h"

#include <QComboBox>
#include <QElapsedTimer>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

namespace {
CheckState makeState(const QString &id, CheckStatus status, const QString &service, const QString &output = {})
{
    CheckState state;
    state.definition.id = id;
    state.definition.name = u"Name of "_s + id;
    state.definition.serviceId = service;
    state.definition.serviceName = service;
    state.definition.tcp = u"127.0.0.1:1"_s;
    state.definition.interval = std::chrono::seconds(10);
    state.status = status;
    state.output = output;
    return state;
}

QStringList visibleIds(const QAbstractItemModel &model)
{
    QStringList ids;
    for (int row = 0; row < model.rowCount(); ++row)
        ids << model.index(row, 0).data(ChecksTableModel::CheckIdRole).toString();
    return ids;
}
} // namespace

class TestChecksView : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void emptyStateUntilTheFirstCheck();
    void searchIsDebounced();
    void statusButtonsCombine();
    void serviceAndTypeFilters();
    void selectionSurvivesBatches();

private:
    Test::FakeClock m_clock;
    std::unique_ptr<ChecksTableModel> m_model;
    std::unique_ptr<ChecksView> m_view;

    void fill()
    {
        CheckBatch batch;
        batch.reset = true;
        batch.upserts = {makeState(u"web"_s, CheckStatus::Passing, u"shop"_s, u"HTTP GET: 200 OK"_s),
                         makeState(u"db"_s, CheckStatus::Critical, u"shop"_s, u"dial tcp: connection refused"_s),
                         makeState(u"cache"_s, CheckStatus::Warning, u"infra"_s, u"slow"_s),
                         makeState(u"dns"_s, CheckStatus::Passing, QString(), u"ok"_s)};
        m_model->applyBatch(batch);
    }
};

void TestChecksView::init()
{
    QStandardPaths::setTestModeEnabled(true);
    m_view.reset();
    m_model = std::make_unique<ChecksTableModel>(m_clock);
    m_view = std::make_unique<ChecksView>(m_model.get());
    m_view->resize(1000, 500);
    m_view->show();
}

void TestChecksView::emptyStateUntilTheFirstCheck()
{
    auto *stack = m_view->findChild<QStackedWidget *>();
    QVERIFY(stack);
    QCOMPARE(stack->currentWidget()->objectName(), u"emptyState"_s);
    QVERIFY(m_view->emptyAddButton()->isVisible());
    QVERIFY(m_view->emptyImportButton()->isVisible());
    QSignalSpy spy(m_view.get(), &ChecksView::emptyChanged);
    fill();
    QCOMPARE(stack->currentWidget(), m_view->table());
    QCOMPARE(spy.count(), 1);
}

void TestChecksView::searchIsDebounced()
{
    fill();
    const CheckFilterProxy *proxy = m_view->proxy();
    QCOMPARE(proxy->rowCount(), 4);
    QElapsedTimer timer;
    timer.start();
    QTest::keyClicks(m_view->searchField(), u"refused"_s);
    // Typing filters nothing yet: one pass after the last keystroke, not one per key.
    QCOMPARE(proxy->rowCount(), 4);
    QTRY_COMPARE_WITH_TIMEOUT(proxy->rowCount(), 1, 2000);
    QVERIFY2(timer.elapsed() >= ChecksView::kSearchDelayMs - 20, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(visibleIds(*proxy), QStringList{u"db"_s});
    m_view->searchField()->clear();
    QTRY_COMPARE(proxy->rowCount(), 4);
}

void TestChecksView::statusButtonsCombine()
{
    fill();
    SummaryBar bar;
    connect(&bar, &SummaryBar::statusesChanged, m_view.get(), &ChecksView::setStatuses);
    bar.button(CheckFilter::Critical)->click();
    QCOMPARE(visibleIds(*m_view->proxy()), QStringList{u"db"_s});
    bar.button(CheckFilter::Warning)->click();
    QCOMPARE(visibleIds(*m_view->proxy()), (QStringList{u"db"_s, u"cache"_s})); // worst first
    bar.button(CheckFilter::Critical)->click();
    bar.button(CheckFilter::Warning)->click();
    QCOMPARE(m_view->proxy()->rowCount(), 4); // none pressed shows all
}

void TestChecksView::serviceAndTypeFilters()
{
    fill();
    QComboBox *service = m_view->serviceFilter();
    QTRY_COMPARE(service->count(), 3); // All services, infra, shop
    service->setCurrentIndex(service->findData(u"shop"_s));
    QCOMPARE(visibleIds(*m_view->proxy()), (QStringList{u"db"_s, u"web"_s}));
    QComboBox *type = m_view->typeFilter();
    QCOMPARE(type->findData(u"tcp"_s) > 0, true);
    type->setCurrentIndex(type->findData(u"tcp"_s));
    QCOMPARE(m_view->proxy()->rowCount(), 2);
}

void TestChecksView::selectionSurvivesBatches()
{
    fill();
    m_view->selectCheck(u"cache"_s);
    QCOMPARE(m_view->currentId(), u"cache"_s);
    QSignalSpy resets(m_model.get(), &QAbstractItemModel::modelReset);
    CheckBatch batch;
    batch.upserts = {makeState(u"web"_s, CheckStatus::Critical, u"shop"_s, u"down"_s),
                     makeState(u"new"_s, CheckStatus::Passing, u"shop"_s)};
    m_model->applyBatch(batch);
    QCOMPARE(resets.count(), 0);
    QCOMPARE(m_view->currentId(), u"cache"_s);
    QCOMPARE(m_view->selectedIds(), QStringList{u"cache"_s});
}

QTEST_MAIN(TestChecksView)
#include "tst_checksview.moc"
