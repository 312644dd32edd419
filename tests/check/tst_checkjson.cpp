// SPDX-License-Identifier: MIT
// The Consul JSON codec for checks and services: which spellings a Consul client or config file
// may use, the exact decode errors it gets back, and that what HealthDesk writes reads back
// unchanged (persistence, "copy definition").
#include "check/checkjson.h"
#include "check/goduration.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <limits>

using namespace HealthDesk;
using namespace HealthDesk::CheckJson;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(HealthDesk::CheckDefinition)
Q_DECLARE_METATYPE(HealthDesk::ServiceDefinition)
Q_DECLARE_METATYPE(HealthDesk::CheckJson::Dialect)

class TestCheckJson : public QObject
{
    Q_OBJECT

private slots:
    void decodeSpellings_data();
    void decodeSpellings();
    void decodeErrors_data();
    void decodeErrors();
    void statusIsKeptNotRejected_data();
    void statusIsKeptNotRejected();
    void h2pingUseTlsDefault_data();
    void h2pingUseTlsDefault();
    void tokenIsDecodedButNeverEncoded();
    void encodeOmitsEmptyFields();
    void roundTrip_data();
    void roundTrip();
    void serviceChecks_data();
    void serviceChecks();
    void serviceFields();
    void serviceErrors_data();
    void serviceErrors();
    void serviceErrorFieldNamesTheCheck_data();
    void serviceErrorFieldNamesTheCheck();
    void serviceIgnoredKeysAreReported();
    void serviceRoundTrip();
};

namespace {
QJsonObject parse(const char *json)
{
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError)
        qFatal("bad test JSON %s: %s", json, qPrintable(error.errorString()));
    return document.object();
}

QString compact(const QJsonObject &object)
{
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

CheckDefinition decoded(const char *json, Dialect dialect = Dialect::Api)
{
    auto result = decodeCheck(parse(json), dialect);
    if (!result)
        qFatal("decode of %s failed: %s", json, qPrintable(result.error().message));
    return result.value();
}
} // namespace

void TestCheckJson::decodeSpellings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("encoded"); // what the definition writes back, in Consul's spelling

    const auto row = [](const char *name, const char *json, Dialect dialect, const char *encoded) {
        QTest::newRow(name) << QByteArray(json) << dialect << QString::fromUtf8(encoded);
    };
    const auto api = Dialect::Api;
    const auto config = Dialect::Config;

    row("Consul's spelling", R"({"Name":"web","HTTP":"http://x","Interval":"10s"})", api,
        R"({"HTTP":"http://x","Interval":"10s","Name":"web"})");
    row("lower-case keys", R"({"name":"web","http":"http://x","interval":"10s"})", api,
        R"({"HTTP":"http://x","Interval":"10s","Name":"web"})");
    row("upper-case keys", R"({"NAME":"web","TTL":"1m"})", api, R"({"Name":"web","TTL":"1m0s"})");
    row("serviceid in any case", R"({"serviceid":"db","name":"n","ttl":"1s"})", api,
        R"({"Name":"n","ServiceID":"db","TTL":"1s"})");
    row("args alias", R"({"name":"n","args":["/bin/true","-v"],"interval":"5s"})", api,
        R"({"Interval":"5s","Name":"n","ScriptArgs":["/bin/true","-v"]})");
    row("script_args alias", R"({"name":"n","script_args":["x"],"interval":"5s"})", api,
        R"({"Interval":"5s","Name":"n","ScriptArgs":["x"]})");
    row("ScriptArgs wins over args", R"({"ScriptArgs":["a"],"args":["b"]})", api, R"({"ScriptArgs":["a"]})");
    row("args wins over script_args", R"({"args":["b"],"script_args":["c"]})", api, R"({"ScriptArgs":["b"]})");
    row("empty ScriptArgs falls back to args", R"({"ScriptArgs":[],"args":["b"]})", api, R"({"ScriptArgs":["b"]})");
    row("deregister_critical_service_after", R"({"deregister_critical_service_after":"90m"})", api,
        R"({"DeregisterCriticalServiceAfter":"1h30m0s"})");
    row("camel duration wins", R"({"DeregisterCriticalServiceAfter":"1m","deregister_critical_service_after":"2m"})",
        api, R"({"DeregisterCriticalServiceAfter":"1m0s"})");
    row("docker_container_id", R"({"docker_container_id":"c1"})", api, R"({"DockerContainerID":"c1"})");
    row("tls_server_name", R"({"tls_server_name":"example.org"})", api, R"({"TLSServerName":"example.org"})");
    row("camel string wins", R"({"TLSServerName":"a","tls_server_name":"b"})", api, R"({"TLSServerName":"a"})");
    row("empty camel string falls back", R"({"TLSServerName":"","tls_server_name":"b"})", api,
        R"({"TLSServerName":"b"})");
    row("tls_skip_verify", R"({"tls_skip_verify":true})", api, R"({"TLSSkipVerify":true})");
    row("snake true wins over camel false", R"({"TLSSkipVerify":false,"tls_skip_verify":true})", api,
        R"({"TLSSkipVerify":true})");
    row("snake false cannot switch camel true off", R"({"TLSSkipVerify":true,"tls_skip_verify":false})", api,
        R"({"TLSSkipVerify":true})");
    row("grpc_use_tls", R"({"grpc_use_tls":true})", api, R"({"GRPCUseTLS":true})");
    row("service_id", R"({"service_id":"db"})", api, R"({"ServiceID":"db"})");
    row("disable_redirects", R"({"disable_redirects":true})", api, R"({"DisableRedirects":true})");
    row("header map", R"({"Header":{"X-A":["1","2"],"x-b":[]}})", api, R"({"Header":{"X-A":["1","2"],"x-b":[]}})");
    row("null header value is an empty list", R"({"Header":{"X":null}})", api, R"({"Header":{"X":[]}})");
    row("durations as numbers are nanoseconds", R"({"Interval":1500000000,"Timeout":30000000000})", api,
        R"({"Interval":"1.5s","Timeout":"30s"})");
    row("null is unset", R"({"Name":"n","TTL":null,"Notes":null})", api, R"({"Name":"n"})");
    row("bare zero", R"({"Name":"n","Interval":"0"})", api, R"({"Name":"n"})");
    row("composite durations", R"({"Interval":"1m30s","Timeout":".5s","TTL":"1h"})", api,
        R"({"Interval":"1m30s","TTL":"1h0m0s","Timeout":"500ms"})");
    row("every simple field",
        R"({"ID":"i","Notes":"note","Method":"POST","Body":"b","TCP":"h:1","TCPUseTLS":true,"UDP":"h:2",
            "GRPC":"h:3/svc","OSService":"sshd","Shell":"/bin/sh","AliasNode":"n1","AliasService":"s1",
            "SuccessBeforePassing":2,"FailuresBeforeWarning":1,"FailuresBeforeCritical":3,"OutputMaxSize":512})",
        api,
        R"({"AliasNode":"n1","AliasService":"s1","Body":"b","FailuresBeforeCritical":3,"FailuresBeforeWarning":1,)"
        R"("GRPC":"h:3/svc","ID":"i","Method":"POST","Notes":"note","OSService":"sshd","OutputMaxSize":512,)"
        R"("Shell":"/bin/sh","SuccessBeforePassing":2,"TCP":"h:1","TCPUseTLS":true,"UDP":"h:2"})");
    // The config-file dialect: every field in snake_case as well.
    row("config snake_case fields",
        R"({"id":"c","name":"n","success_before_passing":2,"failures_before_warning":1,
            "failures_before_critical":3,"output_max_size":100,"tcp":"h:1","tcp_use_tls":true,"interval":"5s",
            "alias_node":"an","alias_service":"as","os_service":"cron"})",
        config,
        R"({"AliasNode":"an","AliasService":"as","FailuresBeforeCritical":3,"FailuresBeforeWarning":1,"ID":"c",)"
        R"("Interval":"5s","Name":"n","OSService":"cron","OutputMaxSize":100,"SuccessBeforePassing":2,"TCP":"h:1",)"
        R"("TCPUseTLS":true})");
    row("config check_id", R"({"check_id":"c","name":"n"})", config, R"({"ID":"c","Name":"n"})");
    row("config CheckID", R"({"CheckID":"c","name":"n"})", config, R"({"ID":"c","Name":"n"})");
    row("config camel case still works", R"({"ID":"c","Name":"n","TTL":"1s"})", config,
        R"({"ID":"c","Name":"n","TTL":"1s"})");
    row("config snake case in any case", R"({"Output_Max_Size":7})", config, R"({"OutputMaxSize":7})");
}

void TestCheckJson::decodeSpellings()
{
    QFETCH(QByteArray, json);
    QFETCH(Dialect, dialect);
    QFETCH(QString, encoded);
    const auto result = decodeCheck(parse(json.constData()), dialect);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(compact(encodeCheck(result.value())), encoded);
}

void TestCheckJson::decodeErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QString>("message");
    QTest::addColumn<QString>("field");

    const auto row
        = [](const char *name, const char *json, Dialect dialect, const QString &message, const QString &field) {
              QTest::newRow(name) << QByteArray(json) << dialect << message << field;
          };
    const auto api = Dialect::Api;

    row("unknown field", R"({"Name":"n","Foo":1})", api, uR"(json: unknown field "Foo")"_s, u"Foo"_s);
    row("removed script field", R"({"Name":"n","script":"x"})", api, uR"(json: unknown field "script")"_s, u"script"_s);
    row("CheckID outside a service", R"({"CheckID":"c","Name":"n"})", api, uR"(json: unknown field "CheckID")"_s,
        u"CheckID"_s);
    row("Namespace (Enterprise only)", R"({"Namespace":"x"})", api, uR"(json: unknown field "Namespace")"_s,
        u"Namespace"_s);
    row("config-only snake_case in the API", R"({"success_before_passing":1})", api,
        uR"(json: unknown field "success_before_passing")"_s, u"success_before_passing"_s);
    row("unknown field is Go-quoted", R"({"a\"b":1})", api, uR"(json: unknown field "a\"b")"_s, u"a\"b"_s);
    row("script is unknown in config files too", R"({"script":"x"})", Dialect::Config,
        uR"(json: unknown field "script")"_s, u"script"_s);
    row("header value not a list", R"({"Header":{"X":"a"}})", api,
        u"json: cannot unmarshal string into Go struct field CheckDefinition.Header of type []string"_s, u"Header"_s);
    row("header element not a string", R"({"Header":{"X":[1]}})", api,
        u"json: cannot unmarshal number into Go struct field CheckDefinition.Header of type string"_s, u"Header"_s);
    row("header not an object", R"({"Header":["X"]})", api,
        u"json: cannot unmarshal array into Go struct field CheckDefinition.Header of type map[string][]string"_s,
        u"Header"_s);
    row("name not a string", R"({"Name":5})", api,
        u"json: cannot unmarshal number into Go struct field CheckDefinition.Name of type string"_s, u"Name"_s);
    row("ID not a string", R"({"ID":true})", api,
        u"json: cannot unmarshal bool into Go struct field CheckDefinition.ID of type types.CheckID"_s, u"ID"_s);
    row("status not a string", R"({"Status":1})", api,
        u"json: cannot unmarshal number into Go struct field CheckDefinition.Status of type string"_s, u"Status"_s);
    row("interval is a bool", R"({"Interval":true})", api,
        u"json: cannot unmarshal bool into Go struct field CheckDefinition.Interval of type time.Duration"_s,
        u"Interval"_s);
    row("ttl is an object", R"({"TTL":{}})", api,
        u"json: cannot unmarshal object into Go struct field CheckDefinition.TTL of type time.Duration"_s, u"TTL"_s);
    row("interval number beyond int64", R"({"Interval":1e20})", api,
        u"json: cannot unmarshal number 1e+20 into Go struct field CheckDefinition.Interval of type time.Duration"_s,
        u"Interval"_s);
    row("bool given as a string", R"({"TLSSkipVerify":"yes"})", api,
        u"json: cannot unmarshal string into Go struct field CheckDefinition.TLSSkipVerify of type bool"_s,
        u"TLSSkipVerify"_s);
    row("int given as a string", R"({"OutputMaxSize":"10"})", api,
        u"json: cannot unmarshal string into Go struct field CheckDefinition.OutputMaxSize of type int"_s,
        u"OutputMaxSize"_s);
    row("int with a fraction", R"({"FailuresBeforeCritical":1.5})", api,
        u"json: cannot unmarshal number 1.5 into Go struct field CheckDefinition.FailuresBeforeCritical of type int"_s,
        u"FailuresBeforeCritical"_s);
    row("ScriptArgs not a list", R"({"ScriptArgs":"ls -l"})", api,
        u"json: cannot unmarshal string into Go struct field CheckDefinition.ScriptArgs of type []string"_s,
        u"ScriptArgs"_s);
    row("args alias named as written", R"({"args":"ls"})", api,
        u"json: cannot unmarshal string into Go struct field CheckDefinition.args of type []string"_s, u"ScriptArgs"_s);
    row("config snake key named as written", R"({"output_max_size":"x"})", Dialect::Config,
        u"json: cannot unmarshal string into Go struct field CheckDefinition.output_max_size of type int"_s,
        u"OutputMaxSize"_s);
    row("interval without unit", R"({"Name":"n","Interval":"10"})", api, uR"(time: missing unit in duration "10")"_s,
        u"Interval"_s);
    row("interval not a duration", R"({"Interval":"abc"})", api, uR"(time: invalid duration "abc")"_s, u"Interval"_s);
    row("empty ttl string", R"({"TTL":""})", api, uR"(time: invalid duration "")"_s, u"TTL"_s);
    row("unknown unit in timeout", R"({"Timeout":"1x"})", api, uR"(time: unknown unit "x" in duration "1x")"_s,
        u"Timeout"_s);
    row("bad snake duration", R"({"deregister_critical_service_after":"5"})", api,
        uR"(time: missing unit in duration "5")"_s, u"DeregisterCriticalServiceAfter"_s);
}

void TestCheckJson::decodeErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(Dialect, dialect);
    QFETCH(QString, message);
    QFETCH(QString, field);
    const auto result = decodeCheck(parse(json.constData()), dialect);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, message);
    QCOMPARE(result.error().httpStatus, 400);
    QCOMPARE(result.error().field, field);
}

void TestCheckJson::statusIsKeptNotRejected_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<int>("status"); // -1 = none
    QTest::addColumn<QString>("raw");

    QTest::newRow("passing") << QByteArray(R"({"Status":"passing"})") << int(CheckStatus::Passing) << QString();
    QTest::newRow("warning") << QByteArray(R"({"Status":"warning"})") << int(CheckStatus::Warning) << QString();
    QTest::newRow("critical") << QByteArray(R"({"status":"critical"})") << int(CheckStatus::Critical) << QString();
    QTest::newRow("absent") << QByteArray(R"({})") << -1 << QString();
    QTest::newRow("empty means default") << QByteArray(R"({"Status":""})") << -1 << QString();
    QTest::newRow("values are case-sensitive") << QByteArray(R"({"Status":"PASSING"})") << -1 << u"PASSING"_s;
    QTest::newRow("anything else") << QByteArray(R"({"Status":"maintenance"})") << -1 << u"maintenance"_s;
}

void TestCheckJson::statusIsKeptNotRejected()
{
    QFETCH(QByteArray, json);
    QFETCH(int, status);
    QFETCH(QString, raw);
    const CheckDefinition d = decoded(json.constData());
    QCOMPARE(d.initialStatus.has_value(), status >= 0);
    if (status >= 0)
        QCOMPARE(int(*d.initialStatus), status);
    QCOMPARE(d.rawStatus, raw);
}

void TestCheckJson::h2pingUseTlsDefault_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<bool>("useTls");

    const auto row = [](const char *name, const char *json, Dialect dialect, bool useTls) {
        QTest::newRow(name) << QByteArray(json) << dialect << useTls;
    };
    row("true when H2PING is set", R"({"H2PING":"h:1"})", Dialect::Api, true);
    row("false without H2PING", R"({"HTTP":"http://x"})", Dialect::Api, false);
    row("explicit false kept", R"({"H2PING":"h:1","H2PingUseTLS":false})", Dialect::Api, false);
    row("snake false turns it off", R"({"H2PING":"h:1","h2ping_use_tls":false})", Dialect::Api, false);
    row("explicit true without H2PING", R"({"H2PingUseTLS":true})", Dialect::Api, true);
    row("snake true without H2PING", R"({"h2ping_use_tls":true})", Dialect::Api, true);
    row("config file explicit false", R"({"h2ping":"h:1","h2ping_use_tls":false})", Dialect::Config, false);
    row("config file default", R"({"h2ping":"h:1"})", Dialect::Config, true);
}

void TestCheckJson::h2pingUseTlsDefault()
{
    QFETCH(QByteArray, json);
    QFETCH(Dialect, dialect);
    QFETCH(bool, useTls);
    QCOMPARE(decoded(json.constData(), dialect).h2pingUseTls, useTls);
}

void TestCheckJson::tokenIsDecodedButNeverEncoded()
{
    const CheckDefinition d = decoded(R"({"Name":"n","TTL":"1s","Token":"secret"})");
    QCOMPARE(d.token, u"secret"_s);
    QVERIFY(!compact(encodeCheck(d)).contains(u"secret"));
}

void TestCheckJson::encodeOmitsEmptyFields()
{
    CheckDefinition d;
    d.id = u"beat"_s;
    d.name = u"Heartbeat"_s;
    d.ttl = std::chrono::seconds(30);
    QCOMPARE(compact(encodeCheck(d)), uR"({"ID":"beat","Name":"Heartbeat","TTL":"30s"})"_s);

    d.initialStatus = CheckStatus::Passing;
    d.interval = std::chrono::milliseconds(90'000);
    d.failuresBeforeCritical = 3;
    QCOMPARE(compact(encodeCheck(d)),
        uR"({"FailuresBeforeCritical":3,"ID":"beat","Interval":"1m30s","Name":"Heartbeat","Status":"passing","TTL":"30s"})"_s);
    QCOMPARE(compact(encodeCheck(CheckDefinition {})), u"{}"_s);
}

void TestCheckJson::roundTrip_data()
{
    QTest::addColumn<CheckDefinition>("definition");

    CheckDefinition http;
    http.id = u"web"_s;
    http.name = u"Web front page"_s;
    http.notes = u"checks the landing page"_s;
    http.serviceId = u"web-1"_s;
    http.initialStatus = CheckStatus::Warning;
    http.http = u"https://example.org/health?x=1&y=<2>"_s;
    http.method = u"POST"_s;
    http.header = { { u"X-Token"_s, { u"a"_s, u"b"_s } }, { u"accept"_s, {} } };
    http.body = u"{\"ping\":true}"_s;
    http.disableRedirects = true;
    http.tlsServerName = u"example.org"_s;
    http.tlsSkipVerify = true;
    http.interval = std::chrono::seconds(10);
    http.timeout = std::chrono::milliseconds(1500);
    http.deregisterCriticalServiceAfter = std::chrono::minutes(90);
    http.successBeforePassing = 2;
    http.failuresBeforeWarning = 1;
    http.failuresBeforeCritical = 3;
    http.outputMaxSize = 1024;
    QTest::newRow("http with everything") << http;

    CheckDefinition tcp;
    tcp.name = u"db"_s;
    tcp.tcp = u"[::1]:5432"_s;
    tcp.tcpUseTls = true;
    tcp.interval = std::chrono::nanoseconds(1);
    QTest::newRow("tcp, 1ns interval") << tcp;

    CheckDefinition udp;
    udp.name = u"dns"_s;
    udp.udp = u"127.0.0.1:53"_s;
    udp.interval = std::chrono::nanoseconds(std::numeric_limits<qint64>::max());
    QTest::newRow("udp, max interval") << udp;

    CheckDefinition script;
    script.name = u"disk"_s;
    script.scriptArgs = { u"/usr/lib/nagios/check_disk"_s, u""_s, u"-w 10%"_s, u"ünïcode"_s };
    script.interval = std::chrono::seconds(30);
    script.timeout = -std::chrono::seconds(1);
    QTest::newRow("script with odd arguments and a negative timeout") << script;

    CheckDefinition ttl;
    ttl.id = u"beat"_s;
    ttl.name = u"beat"_s;
    ttl.ttl = std::chrono::minutes(1);
    ttl.rawStatus = u"PASSING"_s;
    QTest::newRow("ttl with an invalid status text") << ttl;

    CheckDefinition grpc;
    grpc.name = u"grpc"_s;
    grpc.grpc = u"h:1/svc"_s;
    grpc.grpcUseTls = true;
    grpc.interval = std::chrono::seconds(5);
    QTest::newRow("grpc") << grpc;

    CheckDefinition h2;
    h2.name = u"h2"_s;
    h2.h2ping = u"h:443"_s;
    h2.h2pingUseTls = false;
    h2.interval = std::chrono::seconds(5);
    QTest::newRow("h2ping without TLS") << h2;
    h2.h2pingUseTls = true;
    QTest::newRow("h2ping with TLS") << h2;

    CheckDefinition stray;
    stray.name = u"stray"_s;
    stray.h2pingUseTls = true; // meaningless without H2PING, but it must survive
    stray.ttl = std::chrono::seconds(1);
    QTest::newRow("H2PingUseTLS without H2PING") << stray;

    CheckDefinition alias;
    alias.name = u"alias"_s;
    alias.aliasNode = u"n1"_s;
    alias.aliasService = u"web"_s;
    QTest::newRow("alias") << alias;

    CheckDefinition docker;
    docker.name = u"docker"_s;
    docker.dockerContainerId = u"f00"_s;
    docker.shell = u"/bin/bash"_s;
    docker.scriptArgs = { u"true"_s };
    docker.osService = u"docker"_s;
    docker.interval = std::chrono::seconds(10);
    QTest::newRow("docker and os service") << docker;

    CheckDefinition negatives;
    negatives.name = u"negatives"_s;
    negatives.ttl = std::chrono::nanoseconds(std::numeric_limits<qint64>::min());
    negatives.successBeforePassing = -1;
    negatives.outputMaxSize = -5;
    QTest::newRow("negative values") << negatives;
}

void TestCheckJson::roundTrip()
{
    QFETCH(CheckDefinition, definition);
    // Through bytes, as persistence and the clipboard do.
    const QByteArray bytes = QJsonDocument(encodeCheck(definition)).toJson();
    const auto back = decodeCheck(QJsonDocument::fromJson(bytes).object(), Dialect::Api);
    QVERIFY2(back.ok(), qPrintable(back.error().message));
    QCOMPARE(compact(encodeCheck(back.value())), compact(encodeCheck(definition)));
    QVERIFY(back.value() == definition);
}

void TestCheckJson::serviceChecks_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<Dialect>("dialect");
    QTest::addColumn<QStringList>("ids");
    QTest::addColumn<QStringList>("names");

    const auto row
        = [](const char *name, const char *json, Dialect dialect, const QStringList &ids, const QStringList &names) {
              QTest::newRow(name) << QByteArray(json) << dialect << ids << names;
          };
    const QString defaultName = u"Service 'web' check"_s;
    row("one Check", R"({"Name":"web","Check":{"TTL":"10s"}})", Dialect::Api, { u"service:web"_s }, { defaultName });
    row("one entry in Checks", R"({"Name":"web","Checks":[{"TTL":"10s"}]})", Dialect::Api, { u"service:web"_s },
        { defaultName });
    row("several Checks are numbered from 1", R"({"Name":"web","Checks":[{"TTL":"10s"},{"TTL":"20s"}]})", Dialect::Api,
        { u"service:web:1"_s, u"service:web:2"_s }, { defaultName, defaultName });
    row("Check comes first, then Checks",
        R"({"Name":"web","Check":{"TTL":"1s","Name":"first"},"Checks":[{"TTL":"2s"},{"TTL":"3s"}]})", Dialect::Api,
        { u"service:web:1"_s, u"service:web:2"_s, u"service:web:3"_s }, { u"first"_s, defaultName, defaultName });
    row("own CheckID kept, position still counts",
        R"({"Name":"web","Checks":[{"CheckID":"mine","TTL":"1s"},{"TTL":"2s"}]})", Dialect::Api,
        { u"mine"_s, u"service:web:2"_s }, { defaultName, defaultName });
    row("ID accepted inside a service", R"({"Name":"web","Check":{"ID":"own","TTL":"1s"}})", Dialect::Api, { u"own"_s },
        { defaultName });
    row("service ID is used, not the name", R"({"ID":"web-2","Name":"web","Check":{"TTL":"1s"}})", Dialect::Api,
        { u"service:web-2"_s }, { defaultName });
    row("empty Check object is ignored", R"({"Name":"web","Check":{}})", Dialect::Api, {}, {});
    row("null entries are skipped", R"({"Name":"web","Checks":[null,{"TTL":"1s"}]})", Dialect::Api,
        { u"service:web"_s }, { defaultName });
    row("config dialect ids", R"({"name":"web","checks":[{"id":"c1","ttl":"1s"},{"check_id":"c2","ttl":"1s"}]})",
        Dialect::Config, { u"c1"_s, u"c2"_s }, { defaultName, defaultName });
}

void TestCheckJson::serviceChecks()
{
    QFETCH(QByteArray, json);
    QFETCH(Dialect, dialect);
    QFETCH(QStringList, ids);
    QFETCH(QStringList, names);
    const auto result = decodeService(parse(json.constData()), dialect);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QStringList actualIds;
    QStringList actualNames;
    for (const CheckDefinition &check : result->checks) {
        actualIds << check.id;
        actualNames << check.name;
        QCOMPARE(check.serviceId, result->id);
        QCOMPARE(check.serviceName, result->name);
    }
    QCOMPARE(actualIds, ids);
    QCOMPARE(actualNames, names);
}

void TestCheckJson::serviceFields()
{
    const auto result
        = decodeService(parse(R"({"id":"r1","name":"redis","tags":["primary","v1"],"address":"10.0.0.5","port":6379,
                 "meta":{"version":"7"},"EnableTagOverride":true,"Token":"t",
                 "Check":{"ServiceID":"ignored","Name":"ping","TCP":"10.0.0.5:6379","Interval":"10s"}})"),
            Dialect::Api);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    const ServiceDefinition &s = result.value();
    QCOMPARE(s.id, u"r1"_s);
    QCOMPARE(s.name, u"redis"_s);
    QCOMPARE(s.tags, (QStringList { u"primary"_s, u"v1"_s }));
    QCOMPARE(s.address, u"10.0.0.5"_s);
    QCOMPARE(s.port, 6379);
    QCOMPARE(s.meta.value(u"version"_s), u"7"_s);
    QVERIFY(s.enableTagOverride);
    QCOMPARE(s.token, u"t"_s);
    QCOMPARE(s.checks.size(), 1);
    QCOMPARE(s.checks.first().serviceId, u"r1"_s); // a check inside a service belongs to it
    QCOMPARE(s.checks.first().serviceTags, s.tags);
    QCOMPARE(s.checks.first().token, u"t"_s);

    const auto config = decodeService(parse(R"({"name":"web","enable_tag_override":true})"), Dialect::Config);
    QVERIFY2(config.ok(), qPrintable(config.error().message));
    QVERIFY(config->enableTagOverride);
    QCOMPARE(config->id, u"web"_s);
}

void TestCheckJson::serviceErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    const auto row = [](const char *name, const char *json, const QString &message) {
        QTest::newRow(name) << QByteArray(json) << message;
    };
    row("unknown service field", R"({"Name":"web","Foo":1})", uR"(json: unknown field "Foo")"_s);
    row("snake_case is config-only", R"({"Name":"web","enable_tag_override":true})",
        uR"(json: unknown field "enable_tag_override")"_s);
    row("port as a string", R"({"Name":"web","Port":"80"})",
        u"json: cannot unmarshal string into Go struct field ServiceDefinition.Port of type int"_s);
    row("tags not a list", R"({"Name":"web","Tags":"a"})",
        u"json: cannot unmarshal string into Go struct field ServiceDefinition.Tags of type []string"_s);
    row("meta values are strings", R"({"Name":"web","Meta":{"a":1}})",
        u"json: cannot unmarshal number into Go struct field ServiceDefinition.Meta of type string"_s);
    row("Check not an object", R"({"Name":"web","Check":"x"})",
        u"json: cannot unmarshal string into Go struct field ServiceDefinition.Check of type structs.CheckType"_s);
    row("Checks entry not an object", R"({"Name":"web","Checks":[1]})",
        u"json: cannot unmarshal number into Go struct field ServiceDefinition.Checks of type structs.CheckType"_s);
    row("Checks not a list", R"({"Name":"web","Checks":{}})",
        u"json: cannot unmarshal object into Go struct field ServiceDefinition.Checks of type structs.CheckTypes"_s);
    row("embedded check type error", R"({"Name":"web","Check":{"Header":{"X":"a"}}})",
        u"json: cannot unmarshal string into Go struct field CheckType.Header of type []string"_s);
    row("embedded check has no Token", R"({"Name":"web","Checks":[{"Token":"x"}]})",
        uR"(json: unknown field "Token")"_s);
    row("embedded check bad duration", R"({"Name":"web","Check":{"Interval":"10"}})",
        uR"(time: missing unit in duration "10")"_s);
}

void TestCheckJson::serviceErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    const auto result = decodeService(parse(json.constData()), Dialect::Api);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, message);
}

void TestCheckJson::serviceErrorFieldNamesTheCheck_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("field");

    // The same index the validator reports, so a dialog highlights the right check either way.
    QTest::newRow("the single Check") << QByteArray(R"({"Name":"web","Check":{"TTL":true}})") << u"Checks[0].TTL"_s;
    QTest::newRow("Checks after a Check")
        << QByteArray(R"({"Name":"web","Check":{"TTL":"1s"},"Checks":[{"TTL":"1s"},{"Interval":"x"}]})")
        << u"Checks[2].Interval"_s;
    QTest::newRow("an ignored empty Check does not count")
        << QByteArray(R"({"Name":"web","Check":{},"Checks":[{"Method":1}]})") << u"Checks[0].Method"_s;
    QTest::newRow("service field") << QByteArray(R"({"Name":"web","Port":"80"})") << u"Port"_s;
}

void TestCheckJson::serviceErrorFieldNamesTheCheck()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, field);
    const auto result = decodeService(parse(json.constData()), Dialect::Api);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().field, field);
}

void TestCheckJson::serviceIgnoredKeysAreReported()
{
    QStringList ignored;
    const auto result
        = decodeService(parse(R"({"Name":"web","Weights":{"Passing":10,"Warning":1},"TaggedAddresses":{},"Kind":""})"),
            Dialect::Api, &ignored);
    QVERIFY2(result.ok(), qPrintable(result.error().message));
    QCOMPARE(ignored, (QStringList { u"Kind"_s, u"TaggedAddresses"_s, u"Weights"_s }));
}

void TestCheckJson::serviceRoundTrip()
{
    const auto original = decodeService(
        parse(R"({"ID":"web-1","Name":"web","Tags":["a"],"Address":"127.0.0.1","Port":8080,"Meta":{"k":"v"},
                 "EnableTagOverride":true,
                 "Check":{"HTTP":"http://127.0.0.1:8080/","Interval":"10s","Status":"passing"},
                 "Checks":[{"CheckID":"own","Name":"beat","TTL":"30s","Notes":"n"}]})"),
        Dialect::Api);
    QVERIFY2(original.ok(), qPrintable(original.error().message));
    const QJsonObject encoded = encodeService(original.value());
    const auto back = decodeService(encoded, Dialect::Api);
    QVERIFY2(back.ok(), qPrintable(back.error().message));
    QVERIFY(back.value() == original.value());
    QCOMPARE(back->checks.at(0).id, u"service:web-1:1"_s);
}

QTEST_APPLESS_MAIN(TestCheckJson)
#include "tst_checkjson.moc"
