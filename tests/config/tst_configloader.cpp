// SPDX-License-Identifier: MIT
// Loading a Consul agent config directory: what an operator who points HealthDesk at their
// existing `consul.d` gets — merged settings, every check and service, warnings for Consul
// settings that do not apply here, and errors that name the file (and line) to fix.
#include "config/configloader.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace HealthDesk;
using namespace Qt::StringLiterals;

class TestConfigLoader : public QObject
{
    Q_OBJECT

private slots:
    void mergesFilesInLexicalOrder();
    void directoriesInGivenOrder();
    void onlyJsonFilesAreRead();
    void agentSettings_data();
    void agentSettings();
    void aclBlockWinsOverLegacyKeys();
    void malformedJson_data();
    void malformedJson();
    void unusedConsulSettingsWarn();
    void unknownKeys_data();
    void unknownKeys();
    void wrongTypes_data();
    void wrongTypes();
    void definitionErrors_data();
    void definitionErrors();
    void definitionsGetConfigSourceAndDefaults();
    void scriptSwitchComesFromTheMergedSettings_data();
    void scriptSwitchComesFromTheMergedSettings();
    void checksMayReferToServicesOfOtherFiles();
    void laterDefinitionReplacesEarlier();
    void missingDirectoryIsAnError();
    void emptyDirectoryIsFine();
    void singleFile();

private:
    static QString write(const QTemporaryDir &dir, const QString &name, const QByteArray &content);
};

QString TestConfigLoader::write(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void TestConfigLoader::mergesFilesInLexicalOrder()
{
    QTemporaryDir dir;
    const QString a = write(dir, u"10-base.json"_s, R"({"node_name":"first","datacenter":"DC1",
        "check":{"id":"a","name":"a","ttl":"10s"}})");
    const QString b = write(dir, u"2-override.json"_s, R"({"node_name":"second",
        "checks":[{"id":"b","name":"b","ttl":"10s"},{"id":"c","name":"c","ttl":"10s"}],
        "service":{"name":"web","port":80}})");
    const QString c = write(dir, u"B-upper.json"_s, R"({"services":[{"name":"db"}]})");

    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    // Byte-wise order: "1" < "2" < "B", whatever the locale says.
    QCOMPARE(loaded->files, (QStringList { a, b, c }));
    QCOMPARE(loaded->agent.nodeName, u"second"_s); // later files win for settings
    QCOMPARE(loaded->agent.datacenter, u"dc1"_s); // Consul lower-cases the datacenter
    QStringList ids;
    for (const CheckDefinition &check : loaded->checks)
        ids << check.id;
    QCOMPARE(ids, (QStringList { u"a"_s, u"b"_s, u"c"_s })); // lists accumulate in file order
    QCOMPARE(loaded->services.size(), 2);
    QCOMPARE(loaded->services.at(0).name, u"web"_s);
    QCOMPARE(loaded->services.at(1).name, u"db"_s);
    QVERIFY(loaded->warnings.isEmpty());
}

void TestConfigLoader::directoriesInGivenOrder()
{
    QTemporaryDir first;
    QTemporaryDir second;
    const QString z = write(first, u"z.json"_s, R"({"node_name":"from-first"})");
    const QString a = write(second, u"a.json"_s, R"({"node_name":"from-second"})");
    const auto loaded = loadConfigDirectories({ first.path(), second.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE(loaded->files, (QStringList { z, a }));
    QCOMPARE(loaded->agent.nodeName, u"from-second"_s);
}

void TestConfigLoader::onlyJsonFilesAreRead()
{
    QTemporaryDir dir;
    const QString json = write(dir, u"checks.json"_s, R"({"check":{"name":"t","ttl":"1s"}})");
    write(dir, u"README.txt"_s, "not json at all {");
    write(dir, u"checks.json.bak"_s, "{broken");
    write(dir, u"upper.JSON"_s, "{broken");
    const QString hcl = write(dir, u"consul.hcl"_s, "server = true");
    QVERIFY(QDir(dir.path()).mkdir(u"sub.json"_s));
    write(dir, u"sub.json/inner.json"_s, "{broken");

    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE(loaded->files, QStringList { json });
    QCOMPARE(loaded->warnings,
        QStringList { hcl + u": ignoring HCL config file (HealthDesk reads JSON config files only)"_s });
}

void TestConfigLoader::agentSettings_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("setting");
    QTest::addColumn<QString>("value");

    const auto row = [](const char *name, const char *json, const char *setting, const QString &value) {
        QTest::newRow(name) << QByteArray(json) << QString::fromUtf8(setting) << value;
    };
    row("defaults: node name", "{}", "nodeName", QString());
    row("defaults: datacenter", "{}", "datacenter", u"dc1"_s);
    row("defaults: scripts", "{}", "scripts", u"local=false remote=false"_s);
    row("defaults: output size", "{}", "outputMax", u"4096"_s);
    row("defaults: update interval", "{}", "updateInterval", u"300000000000"_s);
    row("defaults: http", "{}", "http", u"127.0.0.1:8500"_s);
    row("defaults: acl", "{}", "acl", u"enabled=false policy=allow agent= default="_s);
    row("node_name", R"({"node_name":"desk"})", "nodeName", u"desk"_s);
    row("NodeName in CamelCase", R"({"NodeName":"desk"})", "nodeName", u"desk"_s);
    row("NODE_NAME in upper case", R"({"NODE_NAME":"desk"})", "nodeName", u"desk"_s);
    row("enable_script_checks", R"({"enable_script_checks":true})", "scripts", u"local=true remote=true"_s);
    row("EnableScriptChecks", R"({"EnableScriptChecks":true})", "scripts", u"local=true remote=true"_s);
    row("enable_local_script_checks", R"({"enable_local_script_checks":true})", "scripts",
        u"local=true remote=false"_s);
    row("explicit local false wins (Consul's quirk)",
        R"({"enable_script_checks":true,"enable_local_script_checks":false})", "scripts", u"local=false remote=true"_s);
    row("check_output_max_size", R"({"check_output_max_size":100})", "outputMax", u"100"_s);
    row("check_update_interval", R"({"check_update_interval":"30s"})", "updateInterval", u"30000000000"_s);
    row("check_update_interval zero", R"({"check_update_interval":"0"})", "updateInterval", u"0"_s);
    row("addresses.http and ports.http", R"({"addresses":{"http":"::1"},"ports":{"http":8501}})", "http",
        u"::1:8501"_s);
    row("bracketed IPv6 address", R"({"Addresses":{"HTTP":"[::1]"}})", "http", u"::1:8500"_s);
    row("port 0 picks a free port", R"({"ports":{"http":0}})", "http", u"127.0.0.1:0"_s);
    row("acl block", R"({"acl":{"enabled":true,"default_policy":"deny","tokens":{"agent":"a","default":"d"}}})", "acl",
        u"enabled=true policy=deny agent=a default=d"_s);
    row("legacy acl keys", R"({"acl_token":"d","acl_agent_token":"a","acl_default_policy":"deny"})", "acl",
        u"enabled=false policy=deny agent=a default=d"_s);
    row("allowed origins", R"({"http_config":{"allowed_origins":["http://localhost:3000"]}})", "origins",
        u"http://localhost:3000"_s);
    row("null leaves the default", R"({"node_name":null,"check_output_max_size":null})", "outputMax", u"4096"_s);
}

void TestConfigLoader::agentSettings()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, setting);
    QFETCH(QString, value);

    QTemporaryDir dir;
    write(dir, u"agent.json"_s, json);
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    const AgentConfig &agent = loaded->agent;
    const auto yesNo = [](bool on) { return on ? u"true"_s : u"false"_s; };
    QString actual;
    if (setting == u"nodeName")
        actual = agent.nodeName;
    else if (setting == u"datacenter")
        actual = agent.datacenter;
    else if (setting == u"scripts")
        actual = u"local=%1 remote=%2"_s.arg(
            yesNo(agent.localScriptChecksAllowed()), yesNo(agent.remoteScriptChecksAllowed()));
    else if (setting == u"outputMax")
        actual = QString::number(agent.checkOutputMaxSize);
    else if (setting == u"updateInterval")
        actual = QString::number(agent.checkUpdateInterval.count());
    else if (setting == u"http")
        actual = agent.httpAddress + u':' + QString::number(agent.httpPort);
    else if (setting == u"acl")
        actual = u"enabled=%1 policy=%2 agent=%3 default=%4"_s.arg(
            yesNo(agent.aclEnabled), agent.aclDefaultPolicy, agent.aclAgentToken, agent.aclDefaultToken);
    else if (setting == u"origins")
        actual = agent.allowedOrigins.join(u' ');
    QCOMPARE(actual, value);
}

void TestConfigLoader::aclBlockWinsOverLegacyKeys()
{
    QTemporaryDir dir;
    write(dir, u"a.json"_s, R"({"acl":{"tokens":{"default":"new"}},"http_config":{"allowed_origins":["http://a"]}})");
    write(dir, u"b.json"_s, R"({"acl_token":"legacy","http_config":{"allowed_origins":["http://b","http://a"]}})");
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE(loaded->agent.aclDefaultToken, u"new"_s);
    QCOMPARE(loaded->agent.allowedOrigins, (QStringList { u"http://a"_s, u"http://b"_s }));
}

void TestConfigLoader::malformedJson_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("where"); // what follows "<path>:"

    QTest::newRow("double comma") << QByteArray("{\n  \"checks\": [\n    {\"id\": \"x\",, }\n  ]\n}\n")
                                  << u"3:17: unterminated object"_s;
    QTest::newRow("missing colon") << QByteArray("{\"node_name\" \"x\"}") << u"1:15: missing name separator"_s;
    QTest::newRow("trailing comma") << QByteArray("{\n\"a\": 1,\n}") << u"3:2: object is missing after a comma"_s;
    QTest::newRow("unterminated string") << QByteArray("{\"node_name\": \"desk") << u"1:20: unterminated string"_s;
    // Bytes would put the error at column 11: the two é are two bytes each.
    QTest::newRow("columns count characters, not bytes")
        << QByteArray("{\"n\u00e9\u00e9\": x}") << u"1:9: illegal number"_s;
    QTest::newRow("empty file") << QByteArray() << u"1:1: illegal value"_s;
    QTest::newRow("two documents") << QByteArray("{}\n{}") << u"2:1: garbage at the end of the document"_s;
}

void TestConfigLoader::malformedJson()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, where);

    QTemporaryDir dir;
    write(dir, u"a-good.json"_s, R"({"check":{"name":"ok","ttl":"10s"}})");
    const QString bad = write(dir, u"b-bad.json"_s, content);
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY(!loaded.ok()); // nothing half-loaded: the good file does not come through alone
    QCOMPARE(loaded.error().message, bad + u':' + where);
}

void TestConfigLoader::unusedConsulSettingsWarn()
{
    QTemporaryDir dir;
    const QString path = write(dir, u"consul.json"_s, R"({"server":true,"bootstrap_expect":3,"data_dir":"/opt/consul",
        "retry_join":["10.0.0.1"],"ui_config":{"enabled":true},"ports":{"dns":8600,"http":8600},
        "acl":{"down_policy":"extend-cache","tokens":{"initial_management":"x"}},
        "check":{"name":"t","ttl":"1s"}})");
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    const auto warning = [&path](const char *key) -> QString {
        return path + u": ignoring Consul setting \"%1\" (not used by HealthDesk)"_s.arg(QString::fromUtf8(key));
    };
    QCOMPARE(loaded->warnings,
        (QStringList { warning("acl.down_policy"), warning("acl.tokens.initial_management"),
            warning("bootstrap_expect"), warning("data_dir"), warning("ports.dns"), warning("retry_join"),
            warning("server"), warning("ui_config") }));
    QCOMPARE(loaded->agent.httpPort, 8600);
    QCOMPARE(loaded->checks.size(), 1);
}

void TestConfigLoader::unknownKeys_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    QTest::newRow("top level") << QByteArray(R"({"nonsense":1})") << u"invalid config key nonsense"_s;
    QTest::newRow("typo of a real key") << QByteArray(R"({"enable_scripts_checks":true})")
                                        << u"invalid config key enable_scripts_checks"_s;
    QTest::newRow("nested") << QByteArray(R"({"ports":{"htp":1}})") << u"invalid config key ports.htp"_s;
    QTest::newRow("deeper, spelled as written")
        << QByteArray(R"({"ACL":{"Tokens":{"bogus":"x"}}})") << u"invalid config key ACL.Tokens.bogus"_s;
    QTest::newRow("inside a check") << QByteArray(R"({"check":{"name":"web","ttl":"1s","bogus":1}})")
                                    << uR"(check "web": json: unknown field "bogus")"_s;
    QTest::newRow("inside a service") << QByteArray(R"({"service":{"name":"web","bogus":1}})")
                                      << uR"(service "web": json: unknown field "bogus")"_s;
}

void TestConfigLoader::unknownKeys()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = write(dir, u"x.json"_s, json);
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().message, path + u": "_s + message);
}

void TestConfigLoader::wrongTypes_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    const auto row = [](const char *name, const char *json, const QString &message) {
        QTest::newRow(name) << QByteArray(json) << message;
    };
    row("bool as a string", R"({"enable_script_checks":"yes"})",
        u"config key enable_script_checks: expected true or false, got a string"_s);
    row("port as a string", R"({"ports":{"http":"8500"}})",
        u"config key ports.http: expected an integer, got a string"_s);
    row("port out of range", R"({"ports":{"http":70000}})",
        u"config key ports.http: expected a port number from 0 to 65535, got number 70000"_s);
    row("name as a number", R"({"node_name":5})", u"config key node_name: expected a string, got number 5"_s);
    row("block as a list", R"({"acl":[]})", u"config key acl: expected an object, got a list"_s);
    row("bad duration", R"({"check_update_interval":"5x"})",
        uR"(config key check_update_interval: time: unknown unit "x" in duration "5x")"_s);
    row("negative duration", R"({"check_update_interval":"-1s"})",
        u"config key check_update_interval: expected a duration of 0 or more, got a string"_s);
    row("output size must be positive", R"({"check_output_max_size":0})",
        u"check_output_max_size must be positive, to discard check output use the discard_check_output flag"_s);
    row("policy", R"({"acl":{"default_policy":"maybe"}})",
        uR"(config key acl.default_policy: expected "allow" or "deny", got "maybe")"_s);
    row("address", R"({"addresses":{"http":"localhost"}})",
        uR"(config key addresses.http: expected an IP address, got "localhost")"_s);
    row("datacenter characters", R"({"datacenter":"dc 1"})",
        u"config key datacenter: expected lowercase letters, digits, - or _, got a string"_s);
    row("origins", R"({"http_config":{"allowed_origins":"http://x"}})",
        u"config key http_config.allowed_origins: expected a list of strings, got a string"_s);
    row("checks as a string", R"({"checks":"x"})",
        u"config key checks: expected an object or a list of objects, got a string"_s);
    row("top level a list", "[]", u"expected a JSON object at the top level"_s);
}

void TestConfigLoader::wrongTypes()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QTemporaryDir dir;
    const QString path = write(dir, u"x.json"_s, json);
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().message, path + u": "_s + message);
}

void TestConfigLoader::definitionErrors_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("message");

    const auto row = [](const char *name, const char *json, const QString &message) {
        QTest::newRow(name) << QByteArray(json) << message;
    };
    row("invalid check", R"({"check":{"name":"web","http":"http://x"}})",
        uR"(check "web": Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks)"_s);
    row("TTL check without TTL", R"({"checks":[{"id":"ok","name":"ok","ttl":"1s"},{"id":"web","name":"Web"}]})",
        uR"(check "web": Invalid check: TTL must be > 0 for TTL checks)"_s);
    row("nameless check by position", R"({"checks":[{"name":"a","ttl":"1s"},{"ttl":"1s"}]})",
        u"check #2: Missing check name"_s);
    row("bad status", R"({"check":{"name":"a","ttl":"1s","status":"up"}})", uR"(check "a": Bad check status)"_s);
    row("decode error names the check", R"({"check":{"id":"c1","interval":"10"}})",
        uR"(check "c1": time: missing unit in duration "10")"_s);
    row("unknown service", R"({"check":{"name":"a","ttl":"1s","service_id":"nope"}})",
        uR"(check "a": ServiceID "nope" does not exist)"_s);
    row("script checks are off by default", R"({"check":{"name":"s","args":["/bin/true"],"interval":"5s"}})",
        uR"(check "s": Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or 'enable_local_script_checks' to true)"_s);
    row("unsupported kind", R"({"check":{"name":"g","grpc":"h:1","interval":"5s"}})",
        uR"(check "g": Invalid check: HealthDesk does not run gRPC checks)"_s);
    row("service without a name", R"({"services":[{"id":"x"}]})", uR"(service "x": Missing service name)"_s);
    row("service check", R"({"service":{"name":"web","check":{"http":"http://x"}}})",
        uR"(service "web": check "service:web": Invalid check: Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks)"_s);
    row("second service check", R"({"service":{"name":"web","checks":[{"ttl":"1s"},{"id":"c2"}]}})",
        uR"(service "web": check "c2": Invalid check: TTL must be > 0 for TTL checks)"_s);
}

void TestConfigLoader::definitionErrors()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, message);
    QTemporaryDir dir;
    write(dir, u"a.json"_s, R"({"check":{"name":"fine","ttl":"1s"}})");
    const QString path = write(dir, u"b.json"_s, json);
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().message, path + u": "_s + message);
}

void TestConfigLoader::definitionsGetConfigSourceAndDefaults()
{
    QTemporaryDir dir;
    write(dir, u"a.json"_s, R"({"check":{"name":"beat","ttl":"30s","failures_before_critical":2},
        "service":{"name":"web","tags":["v1"],"checks":[{"tcp":"127.0.0.1:80","interval":"10s"},{"ttl":"1m"}]}})");
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE(loaded->checks.size(), 1);
    const CheckDefinition &beat = loaded->checks.first();
    QCOMPARE(beat.source, CheckSource::Config);
    QCOMPARE(beat.id, u"beat"_s);
    QCOMPARE(beat.failuresBeforeWarning, 2);
    QCOMPARE(loaded->services.size(), 1);
    const ServiceDefinition &web = loaded->services.first();
    QCOMPARE(web.source, CheckSource::Config);
    QCOMPARE(web.id, u"web"_s);
    QCOMPARE(web.checks.size(), 2);
    QCOMPARE(web.checks.at(0).id, u"service:web:1"_s);
    QCOMPARE(web.checks.at(1).id, u"service:web:2"_s);
    for (const CheckDefinition &check : web.checks) {
        QCOMPARE(check.source, CheckSource::Config);
        QCOMPARE(check.serviceId, u"web"_s);
        QCOMPARE(check.name, u"Service 'web' check"_s);
    }
}

void TestConfigLoader::scriptSwitchComesFromTheMergedSettings_data()
{
    QTest::addColumn<QByteArray>("settings");
    QTest::addColumn<bool>("allowed");

    QTest::newRow("off by default") << QByteArray("{}") << false;
    QTest::newRow("enable_local_script_checks in a later file")
        << QByteArray(R"({"enable_local_script_checks":true})") << true;
    QTest::newRow("enable_script_checks covers config files") << QByteArray(R"({"enable_script_checks":true})") << true;
    QTest::newRow("explicit local false wins over enable_script_checks")
        << QByteArray(R"({"enable_script_checks":true,"enable_local_script_checks":false})") << false;
}

void TestConfigLoader::scriptSwitchComesFromTheMergedSettings()
{
    QFETCH(QByteArray, settings);
    QFETCH(bool, allowed);
    QTemporaryDir dir;
    write(dir, u"a-checks.json"_s, R"({"check":{"name":"s","args":["/bin/true"],"interval":"5s"},
        "service":{"name":"web","check":{"args":["/bin/true"],"interval":"5s"}}})");
    write(dir, u"z-agent.json"_s, settings);
    const auto loaded = loadConfigDirectories({ dir.path() });
    QCOMPARE(loaded.ok(), allowed);
    if (!allowed)
        QVERIFY(loaded.error().message.contains(u"Scripts are disabled on this agent;"));
}

void TestConfigLoader::checksMayReferToServicesOfOtherFiles()
{
    QTemporaryDir dir;
    write(dir, u"a.json"_s, R"({"check":{"name":"extra","ttl":"1s","service_id":"web-1"}})");
    write(dir, u"b.json"_s, R"({"service":{"id":"web-1","name":"web"}})");
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE(loaded->checks.first().serviceId, u"web-1"_s);

    // ...and to services the running agent has, when the caller says which.
    QTemporaryDir other;
    write(other, u"a.json"_s, R"({"check":{"name":"extra","ttl":"1s","service_id":"api"}})");
    QVERIFY(!loadConfigDirectories({ other.path() }).ok());
    ValidationContext outside;
    outside.serviceExists = [](const QString &id) { return id == u"api"; };
    QVERIFY(loadConfigDirectories({ other.path() }, outside).ok());
}

void TestConfigLoader::laterDefinitionReplacesEarlier()
{
    QTemporaryDir dir;
    const QString a = write(dir, u"a.json"_s, R"({"checks":[{"name":"web","ttl":"10s"},{"name":"db","ttl":"10s"}],
        "service":{"name":"api","port":1}})");
    const QString b = write(dir, u"b.json"_s, R"({"check":{"id":"web","name":"web","ttl":"20s"},
        "service":{"name":"api","port":2}})");
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE(loaded->checks.size(), 2);
    QCOMPARE(loaded->checks.at(0).id, u"web"_s);
    QCOMPARE(loaded->checks.at(0).ttl, std::chrono::seconds(20));
    QCOMPARE(loaded->services.size(), 1);
    QCOMPARE(loaded->services.first().port, 2);
    QCOMPARE(loaded->warnings,
        (QStringList { b + u": service \"api\" replaces the definition in "_s + a,
            b + u": check \"web\" replaces the definition in "_s + a }));
}

void TestConfigLoader::missingDirectoryIsAnError()
{
    QTemporaryDir dir;
    const QString missing = dir.filePath(u"nope"_s);
    const auto loaded = loadConfigDirectories({ dir.path(), missing });
    QVERIFY(!loaded.ok());
    QCOMPARE(loaded.error().message, missing + u": config directory does not exist"_s);

    const QString file = write(dir, u"file.json"_s, "{}");
    const auto notADir = loadConfigDirectories({ file });
    QVERIFY(!notADir.ok());
    QCOMPARE(notADir.error().message, file + u": not a directory"_s);
}

void TestConfigLoader::emptyDirectoryIsFine()
{
    QTemporaryDir dir;
    const auto loaded = loadConfigDirectories({ dir.path() });
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QVERIFY(loaded->checks.isEmpty());
    QVERIFY(loaded->files.isEmpty());
    QCOMPARE(loaded->agent.datacenter, u"dc1"_s);

    const auto none = loadConfigDirectories({});
    QVERIFY(none.ok());
}

void TestConfigLoader::singleFile()
{
    QTemporaryDir dir;
    const QString path = write(dir, u"exported-from-consul.conf"_s,
        R"({"enable_local_script_checks":true,
                                   "checks":[{"name":"s","args":["/bin/true"],"interval":"5s"}]})");
    const auto loaded = loadConfigFile(path);
    QVERIFY2(loaded.ok(), qPrintable(loaded.error().message));
    QCOMPARE(loaded->files, QStringList { path });
    QCOMPARE(loaded->checks.size(), 1);
    QCOMPARE(loaded->checks.first().source, CheckSource::Config);

    const auto missing = loadConfigFile(dir.filePath(u"missing.json"_s));
    QVERIFY(!missing.ok());
    QCOMPARE(missing.error().message, dir.filePath(u"missing.json"_s) + u": no such file"_s);

    const QString broken
        = write(dir, u"broken.json"_s, "{\n  \"check\": {\n    \"name\": \"x\"\n    \"ttl\": \"1s\"}}");
    const auto bad = loadConfigFile(broken);
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().message, broken + u":4:6: unterminated object"_s);
}

QTEST_GUILESS_MAIN(TestConfigLoader)
#include "tst_configloader.moc"
