// SPDX-License-Identifier: MIT
#include "healthcheckjson.h"

#include "check/goduration.h"
#include "jsonwriter.h"
#include "store/checkstate.h"

using namespace Qt::StringLiterals;

namespace HealthDesk {

void writeHealthCheck(JsonWriter &w, const CheckState &state, const QString &node, HealthCheckView view)
{
    const CheckDefinition &d = state.definition;
    const bool catalog = view == HealthCheckView::Catalog;
    w.beginObject();
    w.key(u"Node");
    w.value(node);
    w.key(u"CheckID");
    w.value(d.id);
    w.key(u"Name");
    w.value(d.name);
    w.key(u"Status");
    w.value(checkStatusName(state.status));
    w.key(u"Notes");
    w.value(d.notes);
    w.key(u"Output");
    w.value(catalog ? state.catalogOutput : state.output);
    w.key(u"ServiceID");
    w.value(d.serviceId);
    w.key(u"ServiceName");
    w.value(d.serviceName);
    w.key(u"ServiceTags");
    w.stringArray(d.serviceTags);
    w.key(u"Type");
    w.value(checkKindName(d.kind()));
    w.key(u"Interval");
    w.value(formatGoDuration(d.interval.count()));
    w.key(u"Timeout");
    w.value(formatGoDuration(d.timeout.count()));
    w.key(u"ExposedPort");
    w.value(0);
    w.key(u"Definition");
    w.beginObject();
    w.endObject();
    w.key(u"CreateIndex");
    w.value(catalog ? state.createIndex : quint64(0));
    w.key(u"ModifyIndex");
    w.value(catalog ? state.modifyIndex : quint64(0));
    w.endObject();
}

} // namespace HealthDesk
