// SPDX-License-Identifier: MIT
#pragma once

#include <memory>

namespace HealthDesk {

class HttpDispatcher;
class Probe;
struct CheckDefinition;

/// What probes share beyond their own definition.
struct ProbeContext
{
    /// Required for HTTP checks; HTTP checks get no probe without it.
    HttpDispatcher *dispatcher = nullptr;
    /// The agent's check_output_max_size; a check's OutputMaxSize may only lower it.
    int outputLimit = 4096;
};

/// Consul's output limit for one check: the agent limit unless OutputMaxSize is smaller.
int effectiveOutputLimit(int agentLimit, int checkOutputMaxSize);

/// The probe for a definition, chosen in Consul's Agent.addCheck order (TTL, HTTP, TCP, UDP,
/// gRPC, Docker, OSService, script, …). nullptr for kinds that are not probed (TTL, alias) or
/// not supported (gRPC, H2PING, Docker, OSService).
std::unique_ptr<Probe> createProbe(const CheckDefinition &definition, const ProbeContext &context);

} // namespace HealthDesk
