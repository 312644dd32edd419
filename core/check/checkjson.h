// SPDX-License-Identifier: MIT
#pragma once

#include "checkdefinition.h"
#include "result.h"
#include "servicedefinition.h"

#include <QJsonObject>

namespace HealthDesk::CheckJson {

/// Which key spellings are accepted.
/// Api: Consul's `CheckDefinition.UnmarshalJSON` — case-insensitive field names plus the listed
///      snake_case aliases, unknown keys rejected (`json: unknown field "<key>"`), `CheckID` rejected.
/// Config: the agent config-file format — additionally every field's snake_case form
///      (`success_before_passing`, `output_max_size`, …) and `id`/`check_id`.
enum class Dialect { Api, Config };

/// Decodes one check object. Errors carry Consul's text without the "Request decode failed: "
/// prefix (the API adds it), e.g. `json: unknown field "script"`,
/// `time: missing unit in duration "10"`, `json: cannot unmarshal string into Go struct field
/// CheckDefinition.Header of type []string`. Does not validate semantics (see CheckValidator).
Result<CheckDefinition> decodeCheck(const QJsonObject &object, Dialect dialect);

/// Decodes one service object with embedded `Check`/`Checks`; embedded checks get Consul's
/// generated IDs (`service:<id>` for one, `service:<id>:<n>` from 1 for several) and names
/// (`Service '<name>' check`) when they carry none, and ServiceID/ServiceName of the service.
Result<ServiceDefinition> decodeService(const QJsonObject &object, Dialect dialect);

/// The definition as Consul JSON (CamelCase keys, durations as Go strings, empty fields omitted).
/// decodeCheck(encodeCheck(d), Dialect::Api) yields d back for every field except source/token.
/// Used for persistence and for "copy definition" in the UI.
QJsonObject encodeCheck(const CheckDefinition &definition);
QJsonObject encodeService(const ServiceDefinition &definition);

} // namespace HealthDesk::CheckJson
