// SPDX-License-Identifier: MIT
#pragma once

#include <QString>

namespace HealthDesk {

class JsonWriter;
struct ServiceState;
struct AgentConfig;

/// Writes a service as Consul's `api.AgentService` (/v1/agent/services, /v1/agent/service/:id).
void writeAgentService(JsonWriter &writer, const ServiceState &service, const AgentConfig &agent);
/// Writes a service as the catalog's `Service` object inside /v1/health/service entries.
void writeCatalogService(JsonWriter &writer, const ServiceState &service);
/// Writes this agent as the catalog's `Node` object.
void writeCatalogNode(JsonWriter &writer, const AgentConfig &agent, quint64 index);

} // namespace HealthDesk
