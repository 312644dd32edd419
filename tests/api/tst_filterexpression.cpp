// SPDX-License-Identifier: MIT
#include "api/filterexpression.h"

#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

class TestFilterExpression : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void matching_data();
    void matching();
    void errors_data();
    void errors();

private:
    enum Field { Name, Status, ServiceTags, ExposedPort, Meta, Output };
    FilterSchema m_schema;
    FilterExpression::Record m_record;
};

void TestFilterExpression::initTestCase()
{
    m_schema.addField(u"Name"_s, FilterSchema::Type::String, Name);
    m_schema.addField(u"Status"_s, FilterSchema::Type::String, Status);
    m_schema.addField(u"ServiceTags"_s, FilterSchema::Type::StringList, ServiceTags);
    m_schema.addField(u"ExposedPort"_s, FilterSchema::Type::Integer, ExposedPort);
    m_schema.addField(u"Service.Meta"_s, FilterSchema::Type::StringMap, Meta);
    m_schema.addField(u"Output"_s, FilterSchema::Type::String, Output);
    m_record = [](int field) -> FilterValue {
        switch (field) {
        case Name:
            return u"redis primary"_s;
        case Status:
            return u"passing"_s;
        case ServiceTags:
            return QStringList{u"db"_s, u"primary"_s};
        case ExposedPort:
            return qint64(8080);
        case Meta:
            return QHash<QString, QString>{{u"env"_s, u"prod"_s}};
        default:
            return QString();
        }
    };
}

void TestFilterExpression::matching_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<bool>("matches");

    QTest::newRow("== quoted") << u"Name == \"redis primary\""_s << true;
    QTest::newRow("== backtick") << u"Name == `redis primary`"_s << true;
    QTest::newRow("== bare") << u"Status == passing"_s << true;
    QTest::newRow("!=") << u"Status != passing"_s << false;
    QTest::newRow("contains on a string") << u"Name contains \"prim\""_s << true;
    QTest::newRow("not contains on a string") << u"Name not contains prim"_s << false;
    QTest::newRow("contains on a list") << u"ServiceTags contains db"_s << true;
    QTest::newRow("list element must match whole") << u"ServiceTags contains d"_s << false;
    QTest::newRow("in") << u"\"db\" in ServiceTags"_s << true;
    QTest::newRow("not in") << u"cache not in ServiceTags"_s << true;
    QTest::newRow("matches") << u"Name matches \"^re.*ry$\""_s << true;
    QTest::newRow("not matches") << u"Name not matches \"^x\""_s << true;
    QTest::newRow("is empty") << u"Output is empty"_s << true;
    QTest::newRow("is not empty list") << u"ServiceTags is not empty"_s << true;
    QTest::newRow("integer ==") << u"ExposedPort == 8080"_s << true;
    QTest::newRow("map key") << u"Service.Meta.env == prod"_s << true;
    QTest::newRow("map key in") << u"env in Service.Meta"_s << true;
    QTest::newRow("and") << u"Status == passing and ServiceTags contains db"_s << true;
    QTest::newRow("or") << u"Status == critical or Name contains redis"_s << true;
    QTest::newRow("not") << u"not Status == passing"_s << false;
    QTest::newRow("and binds tighter than or") << u"Status == critical and Name == x or ExposedPort == 8080"_s << true;
    QTest::newRow("parentheses") << u"Status == critical and (Name == x or ExposedPort == 8080)"_s << false;
    QTest::newRow("escaped quote") << u"Name != \"a\\\"b\""_s << true;
}

void TestFilterExpression::matching()
{
    QFETCH(QString, expression);
    QFETCH(bool, matches);
    const auto parsed = FilterExpression::parse(expression, m_schema);
    QVERIFY2(parsed.ok(), qPrintable(parsed.error().message));
    QCOMPARE(parsed.value().matches(m_record), matches);
}

void TestFilterExpression::errors_data()
{
    QTest::addColumn<QString>("expression");
    QTest::addColumn<QString>("message");

    QTest::newRow("unknown selector") << u"Nmae == x"_s << u"1:1 (0): Selector \"Nmae\" is not valid"_s;
    QTest::newRow("missing operator") << u"Name x"_s << u"1:6 (5): no match found"_s;
    QTest::newRow("missing value") << u"Name =="_s << u"1:8 (7): expected a value"_s;
    QTest::newRow("unbalanced parenthesis") << u"(Name == x"_s << u"1:11 (10): expected \")\""_s;
    QTest::newRow("unterminated string") << u"Name == \"abc"_s << u"1:9 (8): unterminated string"_s;
    QTest::newRow("== on a list") << u"ServiceTags == db"_s << u"Invalid match operator for selector \"ServiceTags\""_s;
    QTest::newRow("bad integer") << u"ExposedPort == abc"_s << u"Failed to coerce value \"abc\""_s;
    QTest::newRow("bad regex") << u"Name matches \"(\""_s << u"Invalid regular expression"_s;
    QTest::newRow("trailing garbage") << u"Name == x y"_s << u"1:11 (10): unexpected \"y\""_s;
    QTest::newRow("dangling and") << u"Name == x and"_s << u"unexpected end of expression"_s;
}

void TestFilterExpression::errors()
{
    QFETCH(QString, expression);
    QFETCH(QString, message);
    const auto parsed = FilterExpression::parse(expression, m_schema);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().httpStatus, 400);
    QVERIFY2(parsed.error().message.startsWith(u"Failed to create boolean expression evaluator: "),
             qPrintable(parsed.error().message));
    QVERIFY2(parsed.error().message.contains(message), qPrintable(parsed.error().message));
}

QTEST_APPLESS_MAIN(TestFilterExpression)
#include "tst_filterexpression.moc"
