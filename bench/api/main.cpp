// SPDX-License-Identifier: MIT
// healthdesk-api-bench: measures the real `healthdesk --headless` API from outside the process.
//   healthdesk-api-bench --binary build/app/healthdesk [--checks 1000] [--waiters 1000] [--idle 500]
// Prints: wake-up latency of held blocking queries after one status change, RSS per held
// connection, request latency while idle and slow connections are open, and (when wrk is
// installed) keep-alive throughput of GET /v1/health/state/any.
#include "apiclient.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <vector>

using namespace HealthDesk::Bench;
using namespace Qt::StringLiterals;

namespace {
qint64 rssKiB(qint64 pid)
{
    QFile status(u"/proc/%1/status"_s.arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QRegularExpression rss(u"VmRSS:\\s+(\\d+) kB"_s);
    const auto match = rss.match(QString::fromLatin1(status.readAll()));
    return match.hasMatch() ? match.captured(1).toLongLong() : -1;
}

double percentile(std::vector<double> values, double p)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    return values[std::min(values.size() - 1, size_t(p * double(values.size())))];
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption binary(u"binary"_s, u"healthdesk binary"_s, u"PATH"_s, u"build/app/healthdesk"_s);
    const QCommandLineOption checks(u"checks"_s, u"checks to register"_s, u"N"_s, u"1000"_s);
    const QCommandLineOption waiters(u"waiters"_s, u"held blocking queries"_s, u"N"_s, u"1000"_s);
    const QCommandLineOption idle(u"idle"_s, u"idle plus slow-sending connections"_s, u"N"_s, u"500"_s);
    const QCommandLineOption wrkSeconds(u"wrk-seconds"_s, u"wrk duration"_s, u"S"_s, u"10"_s);
    parser.addOptions({binary, checks, waiters, idle, wrkSeconds});
    parser.addHelpOption();
    parser.process(app);

    QTemporaryDir dir;
    QProcess agent;
    // A file, not a pipe: an unread pipe would fill up and stall the agent's logging.
    const QString logPath = dir.filePath(u"agent.log"_s);
    agent.setStandardErrorFile(logPath);
    agent.setStandardOutputFile(QProcess::nullDevice());
    agent.start(parser.value(binary), {u"--headless"_s, u"--data-dir"_s, dir.path(), u"--http-addr"_s,
                                       u"127.0.0.1:0"_s, u"--node"_s, u"bench"_s});
    quint16 port = 0;
    QByteArray log;
    QElapsedTimer startup;
    startup.start();
    while (port == 0 && startup.elapsed() < 20000 && agent.state() != QProcess::NotRunning) {
        QThread::msleep(50);
        QFile file(logPath);
        if (file.open(QIODevice::ReadOnly))
            log = file.readAll();
        const auto match = QRegularExpression(u"API listening on http://127\\.0\\.0\\.1:(\\d+)"_s).match(QString::fromUtf8(log));
        if (match.hasMatch())
            port = quint16(match.captured(1).toUInt());
    }
    if (port == 0) {
        std::fprintf(stderr, "agent did not start:\n%s\n", log.constData());
        return 1;
    }
    const qint64 pid = agent.processId();
    std::printf("agent pid %lld on port %u\n", pid, port);

    ApiClient client(port);
    const int checkCount = parser.value(checks).toInt();
    QElapsedTimer timer;
    timer.start();
    for (int i = 0; i < checkCount; ++i) {
        const QByteArray body = R"({"ID":"c)" + QByteArray::number(i) + R"(","Name":"check )" + QByteArray::number(i)
            + R"(","TTL":"10m","Status":"passing"})";
        const ApiClient::Reply reply = client.request("PUT", "/v1/agent/check/register", body);
        if (reply.status != 200) {
            std::fprintf(stderr, "registration failed: %d %s\n", reply.status, reply.body.constData());
            return 1;
        }
    }
    std::printf("registered %d checks in %.0f ms\n", checkCount, double(timer.elapsed()));
    const ApiClient::Reply any = client.request("GET", "/v1/health/state/any");
    std::printf("GET /v1/health/state/any: %lld bytes, X-Consul-Index %s\n", qint64(any.body.size()),
                any.index.constData());

    // 1. Held blocking queries and one change.
    const int waiterCount = parser.value(waiters).toInt();
    const qint64 rssBefore = rssKiB(pid);
    std::vector<std::unique_ptr<QTcpSocket>> held;
    const QByteArray blocking = "GET /v1/health/state/critical?index=" + any.index
        + "&wait=5m HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    for (int i = 0; i < waiterCount; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        if (!socket->waitForConnected(5000))
            return 1;
        socket->write(blocking);
        socket->flush();
        held.push_back(std::move(socket));
    }
    // Let the agent read and park every query (bounded: nothing answers before the change).
    QThread::msleep(1500);
    const qint64 rssHeld = rssKiB(pid);
    std::printf("held %d blocking queries: RSS %lld -> %lld KiB, %.1f KiB per held connection\n", waiterCount,
                rssBefore, rssHeld, double(rssHeld - rssBefore) / waiterCount);

    // Readiness through the event loop (epoll), so the client's own polling does not add delay.
    QElapsedTimer change;
    std::vector<double> wakeMs;
    wakeMs.reserve(held.size());
    QEventLoop loop;
    for (auto &socket : held) {
        QObject::connect(socket.get(), &QTcpSocket::readyRead, &loop, [&, s = socket.get()] {
            if (s->property("woken").toBool())
                return;
            s->setProperty("woken", true);
            wakeMs.push_back(double(change.nsecsElapsed()) / 1e6);
            if (wakeMs.size() == held.size())
                loop.quit();
        });
    }
    QTimer::singleShot(20000, &loop, &QEventLoop::quit);
    ApiClient changer(port);
    change.start();
    changer.request("PUT", "/v1/agent/check/fail/c0?note=bench");
    loop.exec();
    std::printf("one status change woke %zu of %d held queries: p50 %.1f ms, p99 %.1f ms, max %.1f ms after the PUT\n",
                wakeMs.size(), waiterCount, percentile(wakeMs, 0.5), percentile(wakeMs, 0.99), percentile(wakeMs, 1.0));
    held.clear();

    // 2. Responsiveness with idle and slow-sending connections open.
    const int idleCount = parser.value(idle).toInt();
    std::vector<std::unique_ptr<QTcpSocket>> slow;
    for (int i = 0; i < idleCount; ++i) {
        auto socket = std::make_unique<QTcpSocket>();
        socket->connectToHost(QHostAddress::LocalHost, port);
        if (!socket->waitForConnected(5000))
            return 1;
        if (i % 2) // half send a header slowly and never finish it
            socket->write("GET /v1/agent/self HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        socket->flush();
        slow.push_back(std::move(socket));
    }
    std::vector<double> latencies;
    for (int i = 0; i < 50; ++i) {
        for (size_t s = 1; s < slow.size(); s += 2)
            slow[s]->write("x");
        QElapsedTimer one;
        one.start();
        client.request("GET", "/v1/agent/self");
        latencies.push_back(double(one.nsecsElapsed()) / 1e6);
    }
    std::printf("with %d idle/slow connections open: GET /v1/agent/self p50 %.2f ms, max %.2f ms (50 requests)\n",
                idleCount, percentile(latencies, 0.5), percentile(latencies, 1.0));
    slow.clear();

    // 3. Keep-alive throughput with wrk, a client nobody here wrote.
    QProcess wrk;
    wrk.start(u"wrk"_s, {u"-t2"_s, u"-c32"_s, u"-d%1s"_s.arg(parser.value(wrkSeconds)), u"--latency"_s,
                        u"http://127.0.0.1:%1/v1/health/state/any"_s.arg(port)});
    if (wrk.waitForFinished(120000)) {
        std::printf("wrk -t2 -c32 GET /v1/health/state/any (%d checks):\n%s", checkCount,
                    wrk.readAllStandardOutput().constData());
    } else {
        std::printf("wrk not available: install the Debian package wrk\n");
    }

    agent.terminate();
    agent.waitForFinished(10000);
    return 0;
}
