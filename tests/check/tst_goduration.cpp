// SPDX-License-Identifier: MIT
// Go's time.ParseDuration and Duration.String(), value for value: what an operator types in a
// config file or an API body must mean the same here as in Consul, and durations shown back
// (`/v1/agent/checks`, the table, exports) must read exactly as Consul prints them.
#include "check/goduration.h"

#include <QJsonArray>
#include <QJsonValue>
#include <QRandomGenerator>
#include <QTest>

#include <limits>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

class TestGoDuration : public QObject
{
    Q_OBJECT

private slots:
    void parse_data();
    void parse();
    void parseErrors_data();
    void parseErrors();
    void format_data();
    void format();
    void roundTrip_data();
    void roundTrip();
    void fromJson_data();
    void fromJson();
    void toJsonIsTheGoString();
};

namespace {
constexpr qint64 kSec = 1'000'000'000;
constexpr qint64 kMin = 60 * kSec;
constexpr qint64 kHour = 60 * kMin;
} // namespace

void TestGoDuration::parse_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("ns");

    // Simple forms.
    QTest::newRow("bare zero needs no unit") << u"0"_s << qint64(0);
    QTest::newRow("+0") << u"+0"_s << qint64(0);
    QTest::newRow("-0") << u"-0"_s << qint64(0);
    QTest::newRow("0s") << u"0s"_s << qint64(0);
    QTest::newRow("5s") << u"5s"_s << 5 * kSec;
    QTest::newRow("30s") << u"30s"_s << 30 * kSec;
    QTest::newRow("1478s") << u"1478s"_s << 1478 * kSec;
    QTest::newRow("leading minus") << u"-5s"_s << -5 * kSec;
    QTest::newRow("leading plus") << u"+5s"_s << 5 * kSec;
    QTest::newRow("-0s") << u"-0s"_s << qint64(0);
    // Decimals.
    QTest::newRow("5.6s") << u"5.6s"_s << 5 * kSec + 600'000'000;
    QTest::newRow("trailing dot") << u"5.s"_s << 5 * kSec;
    QTest::newRow("leading dot") << u".5s"_s << 500'000'000LL;
    QTest::newRow("1.0s") << u"1.0s"_s << kSec;
    QTest::newRow("1.00s") << u"1.00s"_s << kSec;
    QTest::newRow("1.004s") << u"1.004s"_s << kSec + 4'000'000;
    QTest::newRow("1.0040s") << u"1.0040s"_s << kSec + 4'000'000;
    QTest::newRow("100.00100s") << u"100.00100s"_s << 100 * kSec + 1'000'000;
    QTest::newRow("1.5s") << u"1.5s"_s << 1'500'000'000LL;
    // Every unit.
    QTest::newRow("ns") << u"10ns"_s << qint64(10);
    QTest::newRow("us") << u"11us"_s << qint64(11'000);
    QTest::newRow("µs micro sign U+00B5") << u"12\u00b5s"_s << qint64(12'000);
    QTest::newRow("μs greek mu U+03BC") << u"12\u03bcs"_s << qint64(12'000);
    QTest::newRow("ms") << u"13ms"_s << qint64(13'000'000);
    QTest::newRow("s") << u"14s"_s << 14 * kSec;
    QTest::newRow("m") << u"15m"_s << 15 * kMin;
    QTest::newRow("h") << u"16h"_s << 16 * kHour;
    // Composites, in any order, with decimals anywhere.
    QTest::newRow("1m30s") << u"1m30s"_s << 90 * kSec;
    QTest::newRow("3h30m") << u"3h30m"_s << 3 * kHour + 30 * kMin;
    QTest::newRow("out of order with decimal") << u"10.5s4m"_s << 4 * kMin + 10 * kSec + 500'000'000;
    QTest::newRow("negative composite") << u"-2m3.4s"_s << -(2 * kMin + 3 * kSec + 400'000'000);
    QTest::newRow("all units") << u"1h2m3s4ms5us6ns"_s << kHour + 2 * kMin + 3 * kSec + 4'000'000 + 5'000 + 6;
    QTest::newRow("39h9m14.425s") << u"39h9m14.425s"_s << 39 * kHour + 9 * kMin + 14 * kSec + 425'000'000;
    // Precision and range edges (Go's own test table).
    QTest::newRow("float64 rounding of a long fraction") << u".3333333333333333333h"_s << 20 * kMin;
    QTest::newRow("large integer exact") << u"9007199254740993ns"_s << 9007199254740993LL;
    QTest::newRow("max int64 in ns") << u"9223372036854775807ns"_s << std::numeric_limits<qint64>::max();
    QTest::newRow("max int64 in us") << u"9223372036854775.807us"_s << std::numeric_limits<qint64>::max();
    QTest::newRow("max int64 composite") << u"9223372036s854ms775us807ns"_s << std::numeric_limits<qint64>::max();
    QTest::newRow("min int64 in ns") << u"-9223372036854775808ns"_s << std::numeric_limits<qint64>::min();
    QTest::newRow("min int64 in us") << u"-9223372036854775.808us"_s << std::numeric_limits<qint64>::min();
    QTest::newRow("long zero fraction") << u"0.100000000000000000000h"_s << 6 * kMin;
    QTest::newRow("long fraction digits ignored past precision")
        << u"0.830103483285477580700h"_s << 49 * kMin + 48 * kSec + 372'539'827;
}

void TestGoDuration::parse()
{
    QFETCH(QString, text);
    QFETCH(qint64, ns);
    QString error;
    const auto parsed = parseGoDuration(text, &error);
    QVERIFY2(parsed.has_value(), qPrintable(error));
    QCOMPARE(*parsed, ns);
}

void TestGoDuration::parseErrors_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error");

    QTest::newRow("empty") << u""_s << uR"(time: invalid duration "")"_s;
    QTest::newRow("number without unit") << u"10"_s << uR"(time: missing unit in duration "10")"_s;
    QTest::newRow("negative number without unit") << u"-3"_s << uR"(time: missing unit in duration "-3")"_s;
    QTest::newRow("00 is not the bare zero") << u"00"_s << uR"(time: missing unit in duration "00")"_s;
    QTest::newRow("words") << u"abc"_s << uR"(time: invalid duration "abc")"_s;
    QTest::newRow("sign only") << u"-"_s << uR"(time: invalid duration "-")"_s;
    QTest::newRow("unit only") << u"s"_s << uR"(time: invalid duration "s")"_s;
    QTest::newRow("dot only") << u"."_s << uR"(time: invalid duration ".")"_s;
    QTest::newRow("signed dot") << u"-."_s << uR"(time: invalid duration "-.")"_s;
    QTest::newRow("dot unit") << u".s"_s << uR"(time: invalid duration ".s")"_s;
    QTest::newRow("signed dot unit") << u"+.s"_s << uR"(time: invalid duration "+.s")"_s;
    QTest::newRow("days are not a unit") << u"1d"_s << uR"(time: unknown unit "d" in duration "1d")"_s;
    QTest::newRow("unknown unit") << u"1x"_s << uR"(time: unknown unit "x" in duration "1x")"_s;
    QTest::newRow("unit is case-sensitive") << u"1S"_s << uR"(time: unknown unit "S" in duration "1S")"_s;
    QTest::newRow("space is part of the unit") << u"1 s"_s << uR"(time: unknown unit " s" in duration "1 s")"_s;
    QTest::newRow("trailing garbage after a valid part") << u"1s2"_s << uR"(time: missing unit in duration "1s2")"_s;
    QTest::newRow("non-ASCII quoted as bytes")
        << u"1\u00b5x"_s << uR"(time: unknown unit "\xc2\xb5x" in duration "1\xc2\xb5x")"_s;
    QTest::newRow("quote and backslash escaped") << u"1\"\\"_s << uR"(time: unknown unit "\"\\" in duration "1\"\\")"_s;
    QTest::newRow("control character") << u"1\ns"_s << uR"(time: unknown unit "\x0as" in duration "1\x0as")"_s;
    QTest::newRow("one past max int64") << u"9223372036854775808ns"_s
                                        << uR"(time: invalid duration "9223372036854775808ns")"_s;
    QTest::newRow("one past max in us") << u"9223372036854775.808us"_s
                                        << uR"(time: invalid duration "9223372036854775.808us")"_s;
    QTest::newRow("one past max composite")
        << u"9223372036854ms775us808ns"_s << uR"(time: invalid duration "9223372036854ms775us808ns")"_s;
    QTest::newRow("one past min int64") << u"-9223372036854775809ns"_s
                                        << uR"(time: invalid duration "-9223372036854775809ns")"_s;
    QTest::newRow("hours overflow") << u"3000000h"_s << uR"(time: invalid duration "3000000h")"_s;
    QTest::newRow("integer part overflow")
        << u"99999999999999999999s"_s << uR"(time: invalid duration "99999999999999999999s")"_s;
}

void TestGoDuration::parseErrors()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QString actual;
    const auto parsed = parseGoDuration(text, &actual);
    QVERIFY2(!parsed.has_value(), qPrintable(QString::number(parsed.value_or(0))));
    QCOMPARE(actual, error);
}

void TestGoDuration::format_data()
{
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << u"0s"_s;
    QTest::newRow("1ns") << qint64(1) << u"1ns"_s;
    QTest::newRow("999ns") << qint64(999) << u"999ns"_s;
    QTest::newRow("1µs") << qint64(1000) << u"1\u00b5s"_s;
    QTest::newRow("1.1µs") << qint64(1100) << u"1.1\u00b5s"_s;
    QTest::newRow("1.5µs") << qint64(1500) << u"1.5\u00b5s"_s;
    QTest::newRow("1ms") << qint64(1'000'000) << u"1ms"_s;
    QTest::newRow("2.2ms") << qint64(2'200'000) << u"2.2ms"_s;
    QTest::newRow("500ms") << qint64(500'000'000) << u"500ms"_s;
    QTest::newRow("999.999999ms") << qint64(999'999'999) << u"999.999999ms"_s;
    QTest::newRow("1.5s") << 1'500'000'000LL << u"1.5s"_s;
    QTest::newRow("3.3s") << 3'300'000'000LL << u"3.3s"_s;
    QTest::newRow("10s") << 10 * kSec << u"10s"_s;
    QTest::newRow("1m0s") << kMin << u"1m0s"_s;
    QTest::newRow("1m30s") << 90 * kSec << u"1m30s"_s;
    QTest::newRow("4m5.001s") << 4 * kMin + 5 * kSec + 1'000'000 << u"4m5.001s"_s;
    QTest::newRow("8m0.000000001s") << 8 * kMin + 1 << u"8m0.000000001s"_s;
    QTest::newRow("1h0m0s") << kHour << u"1h0m0s"_s;
    QTest::newRow("5h6m7.001s") << 5 * kHour + 6 * kMin + 7 * kSec + 1'000'000 << u"5h6m7.001s"_s;
    QTest::newRow("-1s") << -kSec << u"-1s"_s;
    QTest::newRow("-1.5µs") << qint64(-1500) << u"-1.5\u00b5s"_s;
    QTest::newRow("max int64") << std::numeric_limits<qint64>::max() << u"2562047h47m16.854775807s"_s;
    QTest::newRow("min int64") << std::numeric_limits<qint64>::min() << u"-2562047h47m16.854775808s"_s;
}

void TestGoDuration::format()
{
    QFETCH(qint64, ns);
    QFETCH(QString, text);
    QCOMPARE(formatGoDuration(ns), text);
}

void TestGoDuration::roundTrip_data()
{
    QTest::addColumn<qint64>("ns");
    const qint64 edges[] = { 0, 1, -1, 999, 1000, 1001, 999'999, 1'000'000, 999'999'999, kSec, kSec + 1, kMin - 1, kMin,
        kHour - 1, kHour, 100 * kHour, std::numeric_limits<qint64>::max(), std::numeric_limits<qint64>::min(),
        std::numeric_limits<qint64>::max() - 1, std::numeric_limits<qint64>::min() + 1 };
    for (const qint64 ns : edges)
        QTest::addRow("%lld", static_cast<long long>(ns)) << ns;
    // Deterministic spread over the whole range and over typical check intervals.
    QRandomGenerator random(20240607);
    for (int i = 0; i < 200; ++i) {
        const qint64 any = qint64(random.generate64());
        QTest::addRow("random %d: %lld", i, static_cast<long long>(any)) << any;
        const qint64 typical = random.bounded(qint64(0), 48 * kHour);
        QTest::addRow("typical %d: %lld", i, static_cast<long long>(typical)) << typical;
    }
}

void TestGoDuration::roundTrip()
{
    QFETCH(qint64, ns);
    const QString text = formatGoDuration(ns);
    QString error;
    const auto parsed = parseGoDuration(text, &error);
    QVERIFY2(parsed.has_value(), qPrintable(text + u": "_s + error));
    QCOMPARE(*parsed, ns);
}

void TestGoDuration::fromJson_data()
{
    QTest::addColumn<QJsonValue>("value");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("set");
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<QString>("error");

    QTest::newRow("string") << QJsonValue(u"10s"_s) << true << true << 10 * kSec << QString();
    QTest::newRow("number is nanoseconds") << QJsonValue(1e9) << true << true << kSec << QString();
    QTest::newRow("fractional number truncates") << QJsonValue(1.9) << true << true << qint64(1) << QString();
    QTest::newRow("negative number truncates toward zero")
        << QJsonValue(-2.7) << true << true << qint64(-2) << QString();
    QTest::newRow("null is unset") << QJsonValue(QJsonValue::Null) << true << false << qint64(0) << QString();
    QTest::newRow("absent is unset") << QJsonValue(QJsonValue::Undefined) << true << false << qint64(0) << QString();
    QTest::newRow("bare zero string") << QJsonValue(u"0"_s) << true << true << qint64(0) << QString();
    QTest::newRow("bad string keeps Go's text")
        << QJsonValue(u"10"_s) << false << false << qint64(0) << uR"(time: missing unit in duration "10")"_s;
    QTest::newRow("empty string") << QJsonValue(u""_s) << false << false << qint64(0)
                                  << uR"(time: invalid duration "")"_s;
    QTest::newRow("bool") << QJsonValue(true) << false << false << qint64(0)
                          << u"json: cannot unmarshal bool into Go value of type time.Duration"_s;
    QTest::newRow("array") << QJsonValue(QJsonArray {}) << false << false << qint64(0)
                           << u"json: cannot unmarshal array into Go value of type time.Duration"_s;
    QTest::newRow("number beyond int64")
        << QJsonValue(1e19) << false << false << qint64(0)
        << u"json: cannot unmarshal number 1e+19 into Go value of type time.Duration"_s;
}

void TestGoDuration::fromJson()
{
    QFETCH(QJsonValue, value);
    QFETCH(bool, ok);
    QFETCH(bool, set);
    QFETCH(qint64, ns);
    QFETCH(QString, error);

    const auto result = goDurationFromJson(value);
    QCOMPARE(result.ok(), ok);
    if (!ok) {
        QCOMPARE(result.error().message, error);
        return;
    }
    QCOMPARE(result.value().has_value(), set);
    if (set)
        QCOMPARE(*result.value(), ns);
}

void TestGoDuration::toJsonIsTheGoString()
{
    QCOMPARE(goDurationToJson(90 * kSec), QJsonValue(u"1m30s"_s));
    QCOMPARE(goDurationToJson(0), QJsonValue(u"0s"_s));
}

QTEST_APPLESS_MAIN(TestGoDuration)
#include "tst_goduration.moc"
