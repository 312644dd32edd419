// SPDX-License-Identifier: MIT
#include "clientfleet.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;

namespace HealthDesk::Http::Testing {

ClientFleet::~ClientFleet()
{
    if (m_process.state() != QProcess::Running)
        return;
    command({{u"op"_s, u"quit"_s}}, 3000);
    if (!m_process.waitForFinished(3000))
        m_process.kill();
}

bool ClientFleet::start(quint16 port)
{
    const QString script = qEnvironmentVariable("HEALTHDESK_HTTP_TEST_DIR") + u"/clientfleet.py"_s;
    if (!QFile::exists(script) || !QFile::exists(u"/usr/bin/python3"_s))
        return false;
    m_process.start(u"/usr/bin/python3"_s, {script, QString::number(port)});
    return m_process.waitForStarted(5000);
}

QJsonObject ClientFleet::command(const QJsonObject &request, int timeoutMs)
{
    m_process.write(QJsonDocument(request).toJson(QJsonDocument::Compact) + '\n');
    if (!QTest::qWaitFor([this] { return m_process.canReadLine(); }, timeoutMs))
        return {};
    return QJsonDocument::fromJson(m_process.readLine()).object();
}

bool ClientFleet::open(const QString &group, int count)
{
    return command({{u"op"_s, u"open"_s}, {u"group"_s, group}, {u"count"_s, count}}).value(u"ok"_s).toBool();
}

bool ClientFleet::send(const QString &group, const QByteArray &data)
{
    return command({{u"op"_s, u"send"_s}, {u"group"_s, group}, {u"data"_s, QString::fromLatin1(data)}})
        .value(u"ok"_s)
        .toBool();
}

bool ClientFleet::trickle(const QString &group, const QByteArray &data, double intervalSeconds)
{
    return command({{u"op"_s, u"trickle"_s},
                    {u"group"_s, group},
                    {u"data"_s, QString::fromLatin1(data)},
                    {u"interval"_s, intervalSeconds}})
        .value(u"ok"_s)
        .toBool();
}

QStringList ClientFleet::read(const QString &group, double timeoutSeconds)
{
    QStringList result;
    const QJsonObject answer = command({{u"op"_s, u"read"_s}, {u"group"_s, group}, {u"timeout"_s, timeoutSeconds}},
                                       int(timeoutSeconds * 1000) + 30000);
    for (const QJsonValue &value : answer.value(u"responses"_s).toArray())
        result.append(value.toString());
    return result;
}

bool ClientFleet::close(const QString &group)
{
    return command({{u"op"_s, u"close"_s}, {u"group"_s, group}}).value(u"ok"_s).toBool();
}

} // namespace HealthDesk::Http::Testing
