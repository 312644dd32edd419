// SPDX-License-Identifier: MIT
#include "servicejson.h"

#include "config/agentconfig.h"
#include "jsonwriter.h"
#include "store/checkstate.h"

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
void writeMeta(JsonWriter &w, const QMap<QString, QString> &meta)
{
    w.beginObject();
    for (auto it = meta.cbegin(); it != meta.cend(); ++it) {
        w.key(it.key());
        w.value(it.value());
    }
    w.endObject();
}

void writeWeights(JsonWriter &w)
{
    w.beginObject();
    w.key(u"Passing");
    w.value(1);
    w.key(u"Warning");
    w.value(1);
    w.endObject();
}
} // namespace

void writeAgentService(JsonWriter &w, const ServiceState &service, const AgentConfig &agent)
{
    const ServiceDefinition &d = service.definition;
    w.beginObject();
    w.key(u"ID");
    w.value(d.id);
    w.key(u"Service");
    w.value(d.name);
    w.key(u"Tags");
    w.stringArray(d.tags);
    w.key(u"Meta");
    writeMeta(w, d.meta);
    w.key(u"Port");
    w.value(d.port);
    w.key(u"Address");
    w.value(d.address);
    w.key(u"Weights");
    writeWeights(w);
    w.key(u"EnableTagOverride");
    w.value(d.enableTagOverride);
    w.key(u"Datacenter");
    w.value(agent.datacenter);
    w.endObject();
}

void writeCatalogService(JsonWriter &w, const ServiceState &service)
{
    const ServiceDefinition &d = service.definition;
    w.beginObject();
    w.key(u"ID");
    w.value(d.id);
    w.key(u"Service");
    w.value(d.name);
    w.key(u"Tags");
    w.stringArray(d.tags);
    w.key(u"Address");
    w.value(d.address);
    w.key(u"Meta");
    writeMeta(w, d.meta);
    w.key(u"Port");
    w.value(d.port);
    w.key(u"Weights");
    writeWeights(w);
    w.key(u"EnableTagOverride");
    w.value(d.enableTagOverride);
    w.key(u"CreateIndex");
    w.value(service.createIndex);
    w.key(u"ModifyIndex");
    w.value(service.modifyIndex);
    w.endObject();
}

void writeCatalogNode(JsonWriter &w, const AgentConfig &agent, quint64 index)
{
    w.beginObject();
    w.key(u"ID");
    w.value(QString());
    w.key(u"Node");
    w.value(agent.nodeName);
    w.key(u"Address");
    w.value(agent.httpAddress);
    w.key(u"Datacenter");
    w.value(agent.datacenter);
    w.key(u"TaggedAddresses");
    w.beginObject();
    w.endObject();
    w.key(u"Meta");
    w.beginObject();
    w.endObject();
    w.key(u"CreateIndex");
    w.value(quint64(1));
    w.key(u"ModifyIndex");
    w.value(std::max<quint64>(index, 1));
    w.endObject();
}

} // namespace HealthDesk
