// SPDX-License-Identifier: MIT
// The one validator behind config files, the API and the dialogs: every rule, its order, its
// HTTP status and exact text, the field a dialog highlights, and the script-check switches.
#include "check/checkjson.h"
#include "check/checkvalidator.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(HealthDesk::CheckSource)

class TestCheckValidator : public QObject
{
    Q_OBJECT

private slots:
    void rules_data();
    void rules();
    void scriptSwitches_data();
    void scriptSwitches();
    void defaults();
    void defaultsNotAppliedToAFailedCheck();
    void unsetServiceLookupSkipsTheCheck();
    void service_data();
    void service();
    void serviceDefaultsForDialogBuiltServices();
};

namespace {
CheckDefinition check(const QByteArray &json, CheckSource source = CheckSource::Remote)
{
    auto decoded = CheckJson::decodeCheck(QJsonDocument::fromJson(json).object(), CheckJson::Dialect::Api);
    if (!decoded)
        qFatal("decode of %s failed: %s", json.constData(), qPrintable(decoded.error().message));
    CheckDefinition definition = decoded.value();
    definition.source = source;
    return definition;
}

ServiceDefinition decodedService(const QByteArray &json, CheckSource source = CheckSource::Remote)
{
    auto decoded = CheckJson::decodeService(QJsonDocument::fromJson(json).object(), CheckJson::Dialect::Api);
    if (!decoded)
        qFatal("decode of %s failed: %s", json.constData(), qPrintable(decoded.error().message));
    ServiceDefinition definition = decoded.value();
    for (CheckDefinition &c : definition.checks)
        c.source = source;
    return definition;
}

ValidationContext withServices(const QStringList &ids)
{
    ValidationContext context;
    context.serviceExists = [ids](const QString &id) { return ids.contains(id); };
    return context;
}

const QString kLocalScripts = u"Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or "
                              "'enable_local_script_checks' to true"_s;
const QString kRemoteScripts
    = u"Scripts are disabled on this agent from remote calls; to enable, configure 'enable_script_checks' to true"_s;
} // namespace

void TestCheckValidator::rules_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<bool>("scripts");
    QTest::addColumn<int>("status"); // 0 = valid
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("field");

    const auto ok = [](const char *name, const char *json, bool scripts = false) {
        QTest::newRow(name) << QByteArray(json) << scripts << 0 << QString() << QString();
    };
    const auto bad = [](const char *name, const char *json, int status, const QString &message, const QString &field,
                         bool scripts = false) {
        QTest::newRow(name) << QByteArray(json) << scripts << status << message << field;
    };
    const QString interval0
        = u"Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks"_s;
    const QString ttl0 = u"Invalid check: TTL must be > 0 for TTL checks"_s;

    ok("ttl check", R"({"Name":"t","TTL":"10s"})");
    ok("http check", R"({"Name":"h","HTTP":"http://127.0.0.1/","Interval":"10s"})");
    ok("tcp check", R"({"Name":"t","TCP":"127.0.0.1:22","Interval":"10s"})");
    ok("udp check", R"({"Name":"u","UDP":"127.0.0.1:53","Interval":"10s"})");
    ok("script check with scripts on", R"({"Name":"s","Args":["/bin/true"],"Interval":"10s"})", true);
    ok("interval below a second is not an error", R"({"Name":"h","HTTP":"http://x/","Interval":"100ms"})");
    ok("HTTP and GRPC together run as HTTP", R"({"Name":"h","HTTP":"http://x/","GRPC":"x:1","Interval":"1s"})");
    ok("existing service", R"({"Name":"t","TTL":"1s","ServiceID":"web"})");
    ok("every status name", R"({"Name":"t","TTL":"1s","Status":"warning"})");

    // 1. Name
    bad("missing name", R"({"TTL":"10s"})", 400, u"Missing check name"_s, u"Name"_s);
    bad("missing name comes before a bad status", R"({"Status":"bogus"})", 400, u"Missing check name"_s, u"Name"_s);
    // 2. Status
    bad("status is case-sensitive", R"({"Name":"n","TTL":"1s","Status":"PASSING"})", 400, u"Bad check status"_s,
        u"Status"_s);
    bad("bad status comes before type rules", R"({"Name":"n","Status":"up"})", 400, u"Bad check status"_s, u"Status"_s);
    // 3. CheckType.Validate, in Consul's order
    bad("interval and ttl", R"({"Name":"n","Interval":"10s","TTL":"10s"})", 400,
        u"Invalid check: Interval and TTL cannot both be specified"_s, u"Interval"_s);
    bad("interval and ttl comes first", R"({"Name":"n","HTTP":"http://x","Interval":"10s","TTL":"5s"})", 400,
        u"Invalid check: Interval and TTL cannot both be specified"_s, u"Interval"_s);
    bad("http without interval", R"({"Name":"n","HTTP":"http://x"})", 400, interval0, u"Interval"_s);
    bad("http with TTL but no interval", R"({"Name":"n","HTTP":"http://x","TTL":"5s"})", 400, interval0, u"Interval"_s);
    bad("tcp without interval", R"({"Name":"n","TCP":"h:1"})", 400, interval0, u"Interval"_s);
    bad("udp without interval", R"({"Name":"n","UDP":"h:1"})", 400, interval0, u"Interval"_s);
    bad("args without interval", R"({"Name":"n","Args":["x"]})", 400, interval0, u"Interval"_s);
    bad("grpc without interval", R"({"Name":"n","GRPC":"h:1"})", 400, interval0, u"Interval"_s);
    bad("h2ping without interval", R"({"Name":"n","H2PING":"h:1"})", 400, interval0, u"Interval"_s);
    bad("os service without interval", R"({"Name":"n","OSService":"sshd"})", 400, interval0, u"Interval"_s);
    bad("negative interval", R"({"Name":"n","HTTP":"http://x","Interval":"-1s"})", 400, interval0, u"Interval"_s);
    bad("interval kind with alias", R"({"Name":"n","TCP":"h:1","Interval":"1s","AliasService":"web"})", 400,
        u"Invalid check: Interval cannot be set for Alias checks"_s, u"AliasService"_s);
    bad("alias with ttl", R"({"Name":"n","AliasService":"web","TTL":"1s"})", 400,
        u"Invalid check: TTL must be not be set for Alias checks"_s, u"TTL"_s);
    bad("only a name", R"({"Name":"n"})", 400, ttl0, u"TTL"_s);
    bad("only an interval", R"({"Name":"n","Interval":"10s"})", 400, ttl0, u"TTL"_s);
    bad("negative ttl", R"({"Name":"n","TTL":"-1s"})", 400, ttl0, u"TTL"_s);
    bad("docker without args is no interval kind", R"({"Name":"n","DockerContainerID":"c","Interval":"1s"})", 400, ttl0,
        u"TTL"_s);
    bad("negative output size", R"({"Name":"n","TTL":"1s","OutputMaxSize":-1})", 400,
        u"Invalid check: MaxOutputMaxSize must be positive"_s, u"OutputMaxSize"_s);
    bad("output size comes before thresholds",
        R"({"Name":"n","TTL":"1s","OutputMaxSize":-1,"FailuresBeforeWarning":5})", 400,
        u"Invalid check: MaxOutputMaxSize must be positive"_s, u"OutputMaxSize"_s);
    bad("warning threshold alone", R"({"Name":"n","TTL":"1s","FailuresBeforeWarning":2})", 400,
        u"Invalid check: FailuresBeforeWarning can't be higher than FailuresBeforeCritical"_s,
        u"FailuresBeforeWarning"_s);
    bad("warning above critical", R"({"Name":"n","TTL":"1s","FailuresBeforeWarning":4,"FailuresBeforeCritical":3})",
        400, u"Invalid check: FailuresBeforeWarning can't be higher than FailuresBeforeCritical"_s,
        u"FailuresBeforeWarning"_s);
    // 4. ServiceID
    bad("unknown service", R"({"Name":"n","TTL":"1s","ServiceID":"nope"})", 404,
        uR"(ServiceID "nope" does not exist)"_s, u"ServiceID"_s);
    bad("service id is Go-quoted", R"({"Name":"n","TTL":"1s","ServiceID":"a\"b"})", 404,
        uR"(ServiceID "a\"b" does not exist)"_s, u"ServiceID"_s);
    bad("type rules come before the service lookup", R"({"Name":"n","ServiceID":"nope"})", 400, ttl0, u"TTL"_s);
    bad("service lookup comes before the script switch",
        R"({"Name":"n","Args":["x"],"Interval":"1s","ServiceID":"nope"})", 404, uR"(ServiceID "nope" does not exist)"_s,
        u"ServiceID"_s);
    // 5. Script switch
    bad("script check from the API with scripts off", R"({"Name":"n","Args":["x"],"Interval":"1s"})", 500,
        kRemoteScripts, u"ScriptArgs"_s);
    bad("Args next to HTTP still needs the switch", R"({"Name":"n","HTTP":"http://x","Args":["x"],"Interval":"1s"})",
        500, kRemoteScripts, u"ScriptArgs"_s);
    bad("docker with scripts off", R"({"Name":"n","DockerContainerID":"c","Args":["x"],"Interval":"1s"})", 500,
        kRemoteScripts, u"ScriptArgs"_s);
    // 6. What HealthDesk does not run
    bad("grpc", R"({"Name":"n","GRPC":"h:1","Interval":"1s"})", 400,
        u"Invalid check: HealthDesk does not run gRPC checks"_s, u"GRPC"_s);
    bad("h2ping", R"({"Name":"n","H2PING":"h:1","Interval":"1s"})", 400,
        u"Invalid check: HealthDesk does not run H2PING checks"_s, u"H2PING"_s);
    bad("os service", R"({"Name":"n","OSService":"sshd","Interval":"1s"})", 400,
        u"Invalid check: HealthDesk does not run OSService checks"_s, u"OSService"_s);
    bad("alias", R"({"Name":"n","AliasService":"web"})", 400, u"Invalid check: HealthDesk does not run alias checks"_s,
        u"AliasService"_s);
    bad("alias with an ignored interval", R"({"Name":"n","AliasNode":"n1","Interval":"10s"})", 400,
        u"Invalid check: HealthDesk does not run alias checks"_s, u"AliasService"_s);
    bad("docker with scripts on", R"({"Name":"n","DockerContainerID":"c","Args":["x"],"Interval":"1s"})", 400,
        u"Invalid check: HealthDesk does not run Docker checks"_s, u"DockerContainerID"_s, true);
}

void TestCheckValidator::rules()
{
    QFETCH(QByteArray, json);
    QFETCH(bool, scripts);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QString, field);

    CheckDefinition definition = check(json);
    AgentConfig agent;
    agent.enableScriptChecks = scripts;
    const auto error = validateCheck(definition, agent, withServices({ u"web"_s }));
    if (status == 0) {
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        return;
    }
    QVERIFY(error);
    QCOMPARE(error->message, message);
    QCOMPARE(error->httpStatus, status);
    QCOMPARE(error->field, field);
}

void TestCheckValidator::scriptSwitches_data()
{
    QTest::addColumn<CheckSource>("source");
    QTest::addColumn<bool>("enableScript");
    QTest::addColumn<int>("enableLocal"); // -1 = not configured
    QTest::addColumn<QString>("message"); // empty = allowed

    const CheckSource sources[] = { CheckSource::Config, CheckSource::Local, CheckSource::Remote };
    for (const CheckSource source : sources) {
        for (const bool script : { false, true }) {
            for (const int local : { -1, 0, 1 }) {
                // CONSUL.md §7: local inherits enable_script_checks unless set; remote only
                // follows enable_script_checks, so script=true, local=false allows remote only.
                const bool localAllowed = local < 0 ? script : local == 1;
                QString message;
                if (source == CheckSource::Remote)
                    message = script ? QString() : kRemoteScripts;
                else
                    message = localAllowed ? QString() : kLocalScripts;
                QTest::addRow("%s, enable_script_checks=%s, enable_local_script_checks=%s",
                    qPrintable(checkSourceName(source)), script ? "true" : "false",
                    local < 0   ? "unset"
                        : local ? "true"
                                : "false")
                    << source << script << local << message;
            }
        }
    }
}

void TestCheckValidator::scriptSwitches()
{
    QFETCH(CheckSource, source);
    QFETCH(bool, enableScript);
    QFETCH(int, enableLocal);
    QFETCH(QString, message);

    AgentConfig agent;
    agent.enableScriptChecks = enableScript;
    if (enableLocal >= 0)
        agent.enableLocalScriptChecks = enableLocal == 1;
    CheckDefinition definition = check(R"({"Name":"s","Args":["/bin/true"],"Interval":"10s"})", source);
    const auto error = validateCheck(definition, agent, {});
    if (message.isEmpty()) {
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        return;
    }
    QVERIFY(error);
    QCOMPARE(error->httpStatus, 500);
    QCOMPARE(error->message, message);

    // The same switch guards checks embedded in a service.
    ServiceDefinition svc = decodedService(R"({"Name":"web","Check":{"Args":["/bin/true"],"Interval":"10s"}})", source);
    const auto serviceError = validateService(svc, agent, {});
    QVERIFY(serviceError);
    QCOMPARE(serviceError->httpStatus, 500);
    QCOMPARE(serviceError->message, message);
}

void TestCheckValidator::defaults()
{
    CheckDefinition byName = check(R"({"Name":"web","TTL":"1s","FailuresBeforeCritical":3})");
    QVERIFY(!validateCheck(byName, {}, {}));
    QCOMPARE(byName.id, u"web"_s); // ID := Name
    QCOMPARE(byName.failuresBeforeWarning, 3); // FailuresBeforeWarning := FailuresBeforeCritical
    QCOMPARE(byName.timeout.count(), qint64(0)); // the engine picks the per-kind default

    CheckDefinition explicitValues = check(R"({"ID":"w1","Name":"web","TTL":"1s","FailuresBeforeWarning":1,
                                               "FailuresBeforeCritical":3})");
    QVERIFY(!validateCheck(explicitValues, {}, {}));
    QCOMPARE(explicitValues.id, u"w1"_s);
    QCOMPARE(explicitValues.failuresBeforeWarning, 1);

    CheckDefinition fast = check(R"({"Name":"h","HTTP":"http://x","Interval":"100ms"})");
    QVERIFY(!validateCheck(fast, {}, {}));
    QCOMPARE(fast.interval.count(), qint64(100'000'000)); // shown as requested; the engine clamps
}

void TestCheckValidator::defaultsNotAppliedToAFailedCheck()
{
    CheckDefinition definition = check(R"({"Name":"n","HTTP":"http://x","FailuresBeforeCritical":3})");
    QVERIFY(validateCheck(definition, {}, {}));
    QCOMPARE(definition.failuresBeforeWarning, 0);
}

void TestCheckValidator::unsetServiceLookupSkipsTheCheck()
{
    CheckDefinition definition = check(R"({"Name":"n","TTL":"1s","ServiceID":"anything"})");
    QVERIFY(!validateCheck(definition, {}, ValidationContext {}));
}

void TestCheckValidator::service_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("failedCheck");

    const auto row = [](const char *name, const char *json, int status, const QString &message, const QString &field,
                         int failedCheck) {
        QTest::newRow(name) << QByteArray(json) << status << message << field << failedCheck;
    };
    row("valid service with checks", R"({"Name":"web","Checks":[{"TTL":"1s"},{"HTTP":"http://x","Interval":"1s"}]})", 0,
        {}, {}, -1);
    row("service without checks", R"({"Name":"web"})", 0, {}, {}, -1);
    row("missing name", R"({"ID":"web","Check":{"TTL":"1s"}})", 400, u"Missing service name"_s, u"Name"_s, -1);
    row("any IPv4 address", R"({"Name":"web","Address":"0.0.0.0"})", 400, u"Invalid service address"_s, u"Address"_s,
        -1);
    row("any IPv6 address", R"({"Name":"web","Address":"::"})", 400, u"Invalid service address"_s, u"Address"_s, -1);
    row("bracketed any IPv6 address", R"({"Name":"web","Address":"[::]"})", 400, u"Invalid service address"_s,
        u"Address"_s, -1);
    row("a host name is fine", R"({"Name":"web","Address":"web.internal"})", 0, {}, {}, -1);
    row("invalid embedded check", R"({"Name":"web","Checks":[{"TTL":"1s"},{"Interval":"1s"}]})", 400,
        u"Invalid check: TTL must be > 0 for TTL checks"_s, u"Checks[1].TTL"_s, 1);
    row("type errors of all checks come before statuses",
        R"({"Name":"web","Checks":[{"TTL":"1s","Status":"up"},{"HTTP":"http://x"}]})", 400,
        u"Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks"_s,
        u"Checks[1].Interval"_s, 1);
    row("bad embedded status", R"({"Name":"web","Check":{"TTL":"1s","Status":"PASSING"}})", 400,
        u"Status for checks must 'passing', 'warning', 'critical'"_s, u"Checks[0].Status"_s, 0);
    row("embedded script check from the API",
        R"({"Name":"web","Checks":[{"TTL":"1s"},{"Args":["x"],"Interval":"1s"}]})", 500, kRemoteScripts,
        u"Checks[1].ScriptArgs"_s, 1);
    row("embedded grpc check", R"({"Name":"web","Check":{"GRPC":"h:1","Interval":"1s"}})", 400,
        u"Invalid check: HealthDesk does not run gRPC checks"_s, u"Checks[0].GRPC"_s, 0);
}

void TestCheckValidator::service()
{
    QFETCH(QByteArray, json);
    QFETCH(int, status);
    QFETCH(QString, message);
    QFETCH(QString, field);
    QFETCH(int, failedCheck);

    ServiceDefinition svc = decodedService(json);
    qsizetype failed = -2;
    const auto error = validateService(svc, AgentConfig {}, withServices({}), &failed);
    QCOMPARE(failed, qsizetype(failedCheck));
    if (status == 0) {
        QVERIFY2(!error, qPrintable(error ? error->message : QString()));
        for (const CheckDefinition &c : std::as_const(svc.checks))
            QCOMPARE(c.failuresBeforeWarning, c.failuresBeforeCritical);
        return;
    }
    QVERIFY(error);
    QCOMPARE(error->httpStatus, status);
    QCOMPARE(error->message, message);
    QCOMPARE(error->field, field);
}

void TestCheckValidator::serviceDefaultsForDialogBuiltServices()
{
    ServiceDefinition svc;
    svc.name = u"api"_s;
    svc.tags = { u"v2"_s };
    CheckDefinition a;
    a.ttl = std::chrono::seconds(10);
    CheckDefinition b;
    b.tcp = u"127.0.0.1:80"_s;
    b.interval = std::chrono::seconds(10);
    b.name = u"port"_s;
    svc.checks = { a, b };

    QVERIFY(!validateService(svc, AgentConfig {}, {}));
    QCOMPARE(svc.id, u"api"_s);
    QCOMPARE(svc.checks.at(0).id, u"service:api:1"_s);
    QCOMPARE(svc.checks.at(0).name, u"Service 'api' check"_s);
    QCOMPARE(svc.checks.at(1).id, u"service:api:2"_s);
    QCOMPARE(svc.checks.at(1).name, u"port"_s);
    for (const CheckDefinition &c : std::as_const(svc.checks)) {
        QCOMPARE(c.serviceId, u"api"_s);
        QCOMPARE(c.serviceName, u"api"_s);
        QCOMPARE(c.serviceTags, svc.tags);
    }

    // Applying the defaults again changes nothing.
    const ServiceDefinition before = svc;
    applyServiceDefaults(svc);
    QVERIFY(svc == before);
}

QTEST_APPLESS_MAIN(TestCheckValidator)
#include "tst_checkvalidator.moc"
