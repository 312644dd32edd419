// SPDX-License-Identifier: MIT
#pragma once

#include "checkdefinition.h"
#include "result.h"
#include "servicedefinition.h"

#include <QJsonObject>
#include <QStringList>

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
/// A `Status` that is not passing/warning/critical is kept in rawStatus, not rejected here.
/// Error::field names the offending key (Go spelling) so dialogs can point at it.
Result<CheckDefinition> decodeCheck(const QJsonObject &object, Dialect dialect);

/// Decodes one service object with embedded `Check`/`Checks`; embedded checks get Consul's
/// generated IDs (`service:<id>` for one, `service:<id>:<n>` from 1 for several) and names
/// (`Service '<name>' check`) when they carry none, and ServiceID/ServiceName of the service.
/// Inside a service a check may carry its own `CheckID` (or `ID`). An empty `"Check": {}` is
/// ignored, as Consul does.
Result<ServiceDefinition> decodeService(const QJsonObject &object, Dialect dialect);

/// As above; Consul service keys HealthDesk accepts but does not use (`Weights`,
/// `TaggedAddresses`, `Kind`, `Proxy`, `Connect`, `SocketPath`, `Locality`) are appended to
/// *ignoredKeys, spelled as given, so the config loader can warn about them.
Result<ServiceDefinition> decodeService(const QJsonObject &object, Dialect dialect, QStringList *ignoredKeys);

/// The definition as Consul JSON (CamelCase keys, durations as Go strings, empty fields omitted).
/// decodeCheck(encodeCheck(d), Dialect::Api) yields d back for every field except source and
/// token (never written, so a copied definition carries no secret) and serviceName/serviceTags
/// (not part of Consul's check definition; registration fills them from the service).
/// Used for persistence and for "copy definition" in the UI.
QJsonObject encodeCheck(const CheckDefinition &definition);
/// Embedded checks are written under `Checks` with their `CheckID`, so decodeService() of the
/// result gives the service back (except source and tokens).
QJsonObject encodeService(const ServiceDefinition &definition);

} // namespace HealthDesk::CheckJson
