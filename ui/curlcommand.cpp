// SPDX-License-Identifier: MIT
#include "curlcommand.h"

#include "check/checkjson.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace HealthDesk::CurlCommand {

QString shellQuote(const QString &text)
{
    QString quoted = text;
    quoted.replace(u'\'', u"'\\''"_s);
    return u'\'' + quoted + u'\'';
}

QString registerCheck(const CheckDefinition &definition, const QString &address, int port, bool tokenHeader)
{
    const QString json = QString::fromUtf8(QJsonDocument(CheckJson::encodeCheck(definition)).toJson(QJsonDocument::Compact));
    const QString host = address.contains(u':') ? u'[' + address + u']' : address; // IPv6 literal
    QString command = u"curl --request PUT"_s;
    if (tokenHeader)
        command += u" --header \"X-Consul-Token: $CONSUL_HTTP_TOKEN\""_s;
    command += u" --data "_s + shellQuote(json) + u" http://%1:%2/v1/agent/check/register"_s.arg(host).arg(port);
    return command;
}

} // namespace HealthDesk::CurlCommand
