// SPDX-License-Identifier: MIT
#include "agentselfcontroller.h"

#include "config/agentconfig.h"
#include "jsonwriter.h"

using namespace Qt::StringLiterals;

namespace HealthDesk {

AgentSelfController::AgentSelfController(ApiServices &services)
    : ApiController(services)
{
}

void AgentSelfController::registerRoutes(ApiRouter &router)
{
    using A = ApiRouter::Access;
    router.add("GET", u"/v1/agent/self"_s, A::Read, [this](const ApiCall &call, const QString &) { self(call); });
    router.add("GET", u"/v1/agent/members"_s, A::Read, [this](const ApiCall &call, const QString &) { members(call); });
    router.add("GET", u"/v1/status/leader"_s, A::Read, [this](const ApiCall &call, const QString &) {
        call.respond(json(call, [&](JsonWriter &w) { w.value(serverAddress()); }));
    });
    router.add("GET", u"/v1/status/peers"_s, A::Read, [this](const ApiCall &call, const QString &) {
        call.respond(json(call, [&](JsonWriter &w) { w.stringArray({serverAddress()}); }));
    });
}

QString AgentSelfController::serverAddress() const
{
    // Consul reports its server RPC address; HealthDesk's "server" is itself.
    return m_services.config.httpAddress + u":8300"_s;
}

void AgentSelfController::writeMember(JsonWriter &w) const
{
    const AgentConfig &config = m_services.config;
    w.beginObject();
    w.key(u"Name");
    w.value(config.nodeName);
    w.key(u"Addr");
    w.value(config.httpAddress);
    w.key(u"Port");
    w.value(8301);
    w.key(u"Tags");
    w.beginObject();
    w.key(u"dc");
    w.value(config.datacenter);
    w.key(u"role");
    w.value(u"node"_s);
    w.key(u"build");
    w.value(QStringLiteral(HEALTHDESK_VERSION));
    w.endObject();
    w.key(u"Status");
    w.value(1); // alive
    w.key(u"ProtocolMin");
    w.value(1);
    w.key(u"ProtocolMax");
    w.value(5);
    w.key(u"ProtocolCur");
    w.value(2);
    w.key(u"DelegateMin");
    w.value(2);
    w.key(u"DelegateMax");
    w.value(5);
    w.key(u"DelegateCur");
    w.value(4);
    w.endObject();
}

void AgentSelfController::self(const ApiCall &call)
{
    const AgentConfig &config = m_services.config;
    call.respond(json(call, [&](JsonWriter &w) {
        w.beginObject();
        w.key(u"Config");
        w.beginObject();
        w.key(u"Datacenter");
        w.value(config.datacenter);
        w.key(u"PrimaryDatacenter");
        w.value(config.datacenter);
        w.key(u"NodeName");
        w.value(config.nodeName);
        w.key(u"NodeID");
        w.value(QString());
        w.key(u"Revision");
        w.value(u"healthdesk"_s);
        w.key(u"Server");
        w.value(false);
        w.key(u"Version");
        w.value(QStringLiteral(HEALTHDESK_VERSION));
        w.key(u"BuildDate");
        w.value(QString());
        w.endObject();
        w.key(u"DebugConfig");
        w.beginObject();
        w.key(u"EnableScriptChecks");
        w.value(config.remoteScriptChecksAllowed());
        w.key(u"EnableLocalScriptChecks");
        w.value(config.localScriptChecksAllowed());
        w.key(u"CheckOutputMaxSize");
        w.value(config.checkOutputMaxSize);
        w.endObject();
        w.key(u"Member");
        writeMember(w);
        w.key(u"Meta");
        w.beginObject();
        w.endObject();
        w.endObject();
    }));
}

void AgentSelfController::members(const ApiCall &call)
{
    call.respond(json(call, [&](JsonWriter &w) {
        w.beginArray();
        writeMember(w);
        w.endArray();
    }));
}

} // namespace HealthDesk
