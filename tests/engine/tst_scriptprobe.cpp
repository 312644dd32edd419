// SPDX-License-Identifier: MIT
#include "check/checkdefinition.h"
#include "engine/scriptprobe.h"
#include "runprobe.h"

#include <QElapsedTimer>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <signal.h>

using namespace HealthDesk;
using namespace HealthDesk::Test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {
CheckDefinition scriptCheck(const QStringList &args)
{
    CheckDefinition definition;
    definition.id = definition.name = u"script"_s;
    definition.scriptArgs = args;
    definition.interval = 10s;
    return definition;
}

CheckDefinition shell(const QString &command)
{
    return scriptCheck({u"/bin/sh"_s, u"-c"_s, command});
}

std::optional<ProbeResult> run(const CheckDefinition &definition, int outputLimit = 4096)
{
    ScriptProbe probe(definition, outputLimit);
    return runProbe(probe);
}

/// Gone, or a zombie waiting for an init that does not reap: either way no longer running.
bool processGone(qint64 pid)
{
    QFile stat(u"/proc/%1/stat"_s.arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return true;
    const QByteArray line = stat.readAll();
    const qsizetype close = line.lastIndexOf(')');
    return close > 0 && line.mid(close + 2, 1) == "Z";
}

qint64 readPid(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return file.readAll().trimmed().toLongLong();
}
} // namespace

class tst_ScriptProbe : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase() { qRegisterMetaType<ProbeResult>(); }
    void exitCodes_data();
    void exitCodes();
    void stdoutAndStderrMerged();
    void argumentsNotInterpreted();
    void stdinIsEmpty();
    void killedBySignal();
    void notFound_data();
    void notFound();
    void notExecutable();
    void timeoutKillsProcessGroup();
    void timeoutWithoutOutput();
    void outputTruncated();
    void cancelKillsAndReaps();
};

void tst_ScriptProbe::exitCodes_data()
{
    QTest::addColumn<int>("code");
    QTest::addColumn<CheckStatus>("status");
    QTest::newRow("0 passing") << 0 << CheckStatus::Passing;
    QTest::newRow("1 warning") << 1 << CheckStatus::Warning;
    QTest::newRow("2 critical") << 2 << CheckStatus::Critical;
    QTest::newRow("127 critical") << 127 << CheckStatus::Critical;
}

void tst_ScriptProbe::exitCodes()
{
    QFETCH(int, code);
    QFETCH(CheckStatus, status);
    const auto result = run(shell(u"echo code %1; exit %1"_s.arg(code)));
    QVERIFY(result);
    QCOMPARE(result->status, status);
    QCOMPARE(result->code, code);
    QCOMPARE(result->output, u"code %1\n"_s.arg(code));
    QVERIFY(!result->bypassThresholds);
}

void tst_ScriptProbe::stdoutAndStderrMerged()
{
    const auto result = run(shell(u"echo out; echo err >&2; echo again"_s));
    QVERIFY(result);
    QCOMPARE(result->output, u"out\nerr\nagain\n"_s);
}

void tst_ScriptProbe::argumentsNotInterpreted()
{
    const auto result = run(scriptCheck({u"/bin/echo"_s, u"a  b"_s, u"$HOME"_s, u"*"_s}));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"a  b $HOME *\n"_s);
}

void tst_ScriptProbe::stdinIsEmpty()
{
    CheckDefinition definition = scriptCheck({u"/bin/cat"_s});
    definition.timeout = 5s;
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, QString());
}

void tst_ScriptProbe::killedBySignal()
{
    const auto result = run(shell(u"echo dying; kill -9 $$"_s));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->code, -1);
    QCOMPARE(result->output, u"dying\n"_s);
    QVERIFY(!result->bypassThresholds);
}

void tst_ScriptProbe::notFound_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("output");
    QTest::newRow("not in PATH") << u"foobarbaz"_s << u"exec: \"foobarbaz\": executable file not found in $PATH"_s;
    QTest::newRow("no such path") << u"/nonexistent/check"_s
                                  << u"fork/exec /nonexistent/check: no such file or directory"_s;
}

void tst_ScriptProbe::notFound()
{
    QFETCH(QString, program);
    QFETCH(QString, output);
    const auto result = run(scriptCheck({program, u"arg"_s}));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, output);
    QVERIFY(result->bypassThresholds);
}

void tst_ScriptProbe::notExecutable()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(u"check.sh"_s);
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("#!/bin/sh\nexit 0\n");
    file.close();
    QVERIFY(file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner));
    const auto result = run(scriptCheck({path}));
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"fork/exec "_s + path + u": permission denied"_s);
    QVERIFY(result->bypassThresholds);
}

void tst_ScriptProbe::timeoutKillsProcessGroup()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pids = dir.filePath(u"pids"_s);
    // The shell starts a child and waits for it; both must die with the group.
    CheckDefinition definition = shell(u"sleep 30 & echo $! > '%1.child'; echo $$ > '%1.shell'; echo started; wait"_s.arg(pids));
    definition.timeout = 300ms;
    ScriptProbe probe(definition, 4096);
    QSignalSpy spy(&probe, &Probe::finished);
    QElapsedTimer elapsed;
    elapsed.start();
    probe.start();
    QVERIFY(spy.wait(10'000));
    const qint64 took = elapsed.elapsed();
    const auto result = spy.constFirst().constFirst().value<ProbeResult>();
    QCOMPARE(result.status, CheckStatus::Critical);
    QCOMPARE(result.output, u"Timed out (300ms) running check\n\nstarted\n"_s);
    QVERIFY(result.bypassThresholds);
    QVERIFY2(took >= 290 && took < 5000, QByteArray::number(took));

    const qint64 shellPid = readPid(pids + u".shell"_s);
    const qint64 childPid = readPid(pids + u".child"_s);
    QVERIFY(shellPid > 0);
    QVERIFY(childPid > 0);
    // The shell was our child: reaped before finished() was emitted.
    QVERIFY(!QFile::exists(u"/proc/%1"_s.arg(shellPid)));
    // The grandchild belongs to init now; it is dead, though perhaps not yet reaped.
    QTRY_VERIFY_WITH_TIMEOUT(processGone(childPid), 5000);
}

void tst_ScriptProbe::timeoutWithoutOutput()
{
    CheckDefinition definition = scriptCheck({u"/bin/sleep"_s, u"5"_s});
    definition.timeout = 25ms; // Consul's TestCheckMonitor_Timeout
    const auto result = run(definition);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Critical);
    QCOMPARE(result->output, u"Timed out (25ms) running check"_s);
    QVERIFY(result->bypassThresholds);
}

void tst_ScriptProbe::outputTruncated()
{
    const auto result = run(shell(u"head -c 10000 /dev/zero | tr '\\0' a; printf END"_s), 100);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
    QCOMPARE(result->output, u"Captured 100 of 10003 bytes\n...\n"_s + QString(97, u'a') + u"END"_s);

    // Exactly the limit: no marker.
    const auto exact = run(shell(u"printf 0123456789"_s), 10);
    QVERIFY(exact);
    QCOMPARE(exact->output, u"0123456789"_s);
}

void tst_ScriptProbe::cancelKillsAndReaps()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString pidFile = dir.filePath(u"pid"_s);
    ScriptProbe probe(shell(u"echo $$ > '%1'; exec sleep 30"_s.arg(pidFile)), 4096);
    QSignalSpy spy(&probe, &Probe::finished);
    probe.start();
    QTRY_VERIFY_WITH_TIMEOUT(readPid(pidFile) > 0, 5000);
    const qint64 pid = readPid(pidFile);
    probe.cancel();
    QVERIFY(!QFile::exists(u"/proc/%1"_s.arg(pid)));
    QVERIFY(!spy.wait(200));
    QVERIFY(spy.isEmpty());
    // And it runs again afterwards.
    QFile::remove(pidFile);
    CheckDefinition quick = shell(u"exit 0"_s);
    ScriptProbe again(quick, 4096);
    const auto result = runProbe(again);
    QVERIFY(result);
    QCOMPARE(result->status, CheckStatus::Passing);
}

QTEST_GUILESS_MAIN(tst_ScriptProbe)
#include "tst_scriptprobe.moc"
