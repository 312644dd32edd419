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

namespace {
enum HealthCheckField { Node, CheckID, Name, Status, Notes, Output, ServiceID, ServiceName, ServiceTags, Type, Interval,
                        Timeout, ExposedPort };
} // namespace

const FilterSchema &healthCheckFilterSchema()
{
    static const FilterSchema schema = [] {
        FilterSchema s;
        using T = FilterSchema::Type;
        s.addField(u"Node"_s, T::String, Node);
        s.addField(u"CheckID"_s, T::String, CheckID);
        s.addField(u"Name"_s, T::String, Name);
        s.addField(u"Status"_s, T::String, Status);
        s.addField(u"Notes"_s, T::String, Notes);
        s.addField(u"Output"_s, T::String, Output);
        s.addField(u"ServiceID"_s, T::String, ServiceID);
        s.addField(u"ServiceName"_s, T::String, ServiceName);
        s.addField(u"ServiceTags"_s, T::StringList, ServiceTags);
        s.addField(u"Type"_s, T::String, Type);
        s.addField(u"Interval"_s, T::String, Interval);
        s.addField(u"Timeout"_s, T::String, Timeout);
        s.addField(u"ExposedPort"_s, T::Integer, ExposedPort);
        return s;
    }();
    return schema;
}

FilterExpression::Record healthCheckFilterRecord(const CheckState &state, const QString &node, HealthCheckView view)
{
    return [&state, &node, view](int field) -> FilterValue {
        const CheckDefinition &d = state.definition;
        switch (field) {
        case Node:
            return node;
        case CheckID:
            return d.id;
        case Name:
            return d.name;
        case Status:
            return checkStatusName(state.status);
        case Notes:
            return d.notes;
        case Output:
            return view == HealthCheckView::Catalog ? state.catalogOutput : state.output;
        case ServiceID:
            return d.serviceId;
        case ServiceName:
            return d.serviceName;
        case ServiceTags:
            return d.serviceTags;
        case Type:
            return checkKindName(d.kind());
        case Interval:
            return formatGoDuration(d.interval.count());
        case Timeout:
            return formatGoDuration(d.timeout.count());
        case ExposedPort:
            return qint64(0);
        }
        return QString();
    };
}

} // namespace HealthDesk
