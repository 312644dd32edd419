// SPDX-License-Identifier: MIT
#include "engine/statushandler.h"

#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

/// Sequences are written one character per probe result: P passing, W warning, C critical.
/// The expectation has one character per result too: what was published, or '-' for nothing.
class TestStatusHandler : public QObject
{
    Q_OBJECT

private slots:
    void thresholds_data();
    void thresholds();
    void warningCarriesTheFailureOutput();
    void negativeThresholdsBehaveLikeZero();
};

namespace {
CheckStatus statusOf(QChar c)
{
    return c == u'P' ? CheckStatus::Passing : c == u'W' ? CheckStatus::Warning : CheckStatus::Critical;
}

QChar letterOf(CheckStatus status)
{
    return status == CheckStatus::Passing ? u'P' : status == CheckStatus::Warning ? u'W' : u'C';
}
} // namespace

void TestStatusHandler::thresholds_data()
{
    QTest::addColumn<int>("successBeforePassing");
    QTest::addColumn<int>("failuresBeforeWarning");
    QTest::addColumn<int>("failuresBeforeCritical");
    QTest::addColumn<QString>("results");
    QTest::addColumn<QString>("published");

    QTest::newRow("no thresholds: everything published") << 0 << 0 << 0 << u"PCPWC"_s << u"PCPWC"_s;
    QTest::newRow("first result always published, even critical") << 3 << 0 << 3 << u"C"_s << u"C"_s;
    QTest::newRow("first result always published, even passing") << 3 << 0 << 3 << u"P"_s << u"P"_s;
    QTest::newRow("critical after 3 consecutive failures") << 0 << 0 << 3 << u"PCCCC"_s << u"P--CC"_s;
    QTest::newRow("a success resets the failure streak") << 0 << 0 << 2 << u"PCPCPCC"_s << u"P-P-P-C"_s;
    QTest::newRow("passing after 2 consecutive successes") << 2 << 0 << 0 << u"CPPP"_s << u"C-PP"_s;
    QTest::newRow("a failure resets the success streak") << 2 << 0 << 0 << u"CPCPP"_s << u"C-C-P"_s;
    QTest::newRow("warning phase between W and C") << 0 << 1 << 3 << u"PCCCC"_s << u"PWWCC"_s;
    QTest::newRow("W == C has no warning phase") << 0 << 2 << 2 << u"PCCC"_s << u"P-CC"_s;
    QTest::newRow("warning counts as a success") << 2 << 0 << 0 << u"CWW"_s << u"C-W"_s;
    QTest::newRow("429-like warning resets failures") << 0 << 0 << 2 << u"PCWC"_s << u"P-W-"_s;
    // Consul's TestStatusHandlerMaintainWarningStatusWhenCheckIsFlapping
    QTest::newRow("flapping keeps warning") << 3 << 3 << 5 << u"PCCCPCCC"_s << u"P--W---W"_s;
}

void TestStatusHandler::thresholds()
{
    QFETCH(int, successBeforePassing);
    QFETCH(int, failuresBeforeWarning);
    QFETCH(int, failuresBeforeCritical);
    QFETCH(QString, results);
    QFETCH(QString, published);

    StatusHandler handler(successBeforePassing, failuresBeforeWarning, failuresBeforeCritical);
    QString actual;
    for (const QChar c : std::as_const(results)) {
        const auto out = handler.handle(statusOf(c), u"output"_s);
        actual += out ? letterOf(out->status) : u'-';
    }
    QCOMPARE(actual, published);
}

void TestStatusHandler::warningCarriesTheFailureOutput()
{
    StatusHandler handler(0, 1, 3);
    handler.handle(CheckStatus::Passing, u"fine"_s);
    const auto out = handler.handle(CheckStatus::Critical, u"connection refused"_s);
    QVERIFY(out);
    QCOMPARE(out->status, CheckStatus::Warning);
    QCOMPARE(out->output, u"connection refused"_s);
}

void TestStatusHandler::negativeThresholdsBehaveLikeZero()
{
    StatusHandler handler(-2, -1, -5);
    QCOMPARE(handler.handle(CheckStatus::Critical, u"x"_s)->status, CheckStatus::Critical);
    QCOMPARE(handler.handle(CheckStatus::Passing, u"y"_s)->status, CheckStatus::Passing);
}

QTEST_APPLESS_MAIN(TestStatusHandler)
#include "tst_statushandler.moc"
