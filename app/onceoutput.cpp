// SPDX-License-Identifier: MIT
#include "onceoutput.h"

#include "api/healthcheckjson.h"
#include "api/jsonwriter.h"
#include "store/checkstate.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace HealthDesk {

QByteArray formatOnceTable(const QList<CheckState> &states)
{
    qsizetype idWidth = 8;
    qsizetype typeWidth = 4;
    for (const CheckState &state : states) {
        idWidth = std::max(idWidth, state.id().size());
        typeWidth = std::max(typeWidth, checkKindName(state.definition.kind()).size());
    }
    idWidth = std::min<qsizetype>(idWidth, 40);
    auto row = [&](const QString &status, const QString &id, const QString &type, const QString &output) -> QString {
        return status.leftJustified(9) + u' ' + id.leftJustified(idWidth) + u' ' + type.leftJustified(typeWidth)
            + u' ' + output + u'\n';
    };
    QString text = row(u"STATUS"_s, u"CHECK ID"_s, u"TYPE"_s, u"OUTPUT"_s);
    for (const CheckState &state : states) {
        QString firstLine = state.output.section(u'\n', 0, 0).trimmed();
        if (firstLine.size() > 100)
            firstLine = firstLine.left(99) + u'…';
        text += row(checkStatusName(state.status), state.id(), checkKindName(state.definition.kind()), firstLine);
    }
    return text.toUtf8();
}

QByteArray formatOnceJson(const QList<CheckState> &states, const QString &node)
{
    JsonWriter writer(true);
    writer.beginArray();
    for (const CheckState &state : states)
        writeHealthCheck(writer, state, node, HealthCheckView::Agent);
    writer.endArray();
    return writer.finish();
}

int onceExitCode(const QList<CheckState> &states)
{
    int code = 0;
    for (const CheckState &state : states) {
        if (state.status == CheckStatus::Critical)
            return 2;
        if (state.status == CheckStatus::Warning)
            code = 1;
    }
    return code;
}

} // namespace HealthDesk
