// SPDX-License-Identifier: MIT
#pragma once

#include "filterexpression.h"

#include <QString>

namespace HealthDesk {

class JsonWriter;
struct CheckState;

/// Which copy of a check's state to show (CONSUL.md §4, §10.3).
enum class HealthCheckView : quint8 {
    Agent,   ///< /v1/agent/checks: latest output, CreateIndex/ModifyIndex 0
    Catalog, ///< /v1/health/*: synced output, real indexes
};

/// Writes one check as Consul's `structs.HealthCheck` object, fields in Consul's order.
void writeHealthCheck(JsonWriter &writer, const CheckState &state, const QString &node, HealthCheckView view);

/// `?filter=` selectors over a HealthCheck (CONSUL.md §4.1; Definition excluded).
const FilterSchema &healthCheckFilterSchema();
/// The record a filter reads for one check, in the given view.
FilterExpression::Record healthCheckFilterRecord(const CheckState &state, const QString &node, HealthCheckView view);

} // namespace HealthDesk
