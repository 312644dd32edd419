// SPDX-License-Identifier: MIT
#include "probefactory.h"

#include "check/checkdefinition.h"
#include "httpprobe.h"
#include "scriptprobe.h"
#include "tcpprobe.h"
#include "udpprobe.h"

namespace HealthDesk {

int effectiveOutputLimit(int agentLimit, int checkOutputMaxSize)
{
    return checkOutputMaxSize > 0 && checkOutputMaxSize < agentLimit ? checkOutputMaxSize : agentLimit;
}

std::unique_ptr<Probe> createProbe(const CheckDefinition &definition, const ProbeContext &context)
{
    const int limit = effectiveOutputLimit(context.outputLimit, definition.outputMaxSize);
    // Consul's dispatch order, which differs from CheckDefinition::kind()'s Type() precedence:
    // a definition with both HTTP and GRPC runs as HTTP.
    if (definition.ttl.count() > 0)
        return nullptr;
    if (!definition.http.isEmpty())
        return context.dispatcher ? std::make_unique<HttpProbe>(definition, *context.dispatcher, limit) : nullptr;
    if (!definition.tcp.isEmpty())
        return std::make_unique<TcpProbe>(definition);
    if (!definition.udp.isEmpty())
        return std::make_unique<UdpProbe>(definition);
    if (!definition.grpc.isEmpty() || !definition.dockerContainerId.isEmpty() || !definition.osService.isEmpty())
        return nullptr;
    if (!definition.scriptArgs.isEmpty())
        return std::make_unique<ScriptProbe>(definition, limit);
    return nullptr;
}

} // namespace HealthDesk
