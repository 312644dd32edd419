// SPDX-License-Identifier: MIT
#pragma once

#include "result.h"

#include <QJsonValue>
#include <QString>
#include <QStringView>

#include <optional>

namespace HealthDesk {

/// Go's time.ParseDuration, to the letter: an optional sign, then one or more decimal numbers
/// (`1`, `1.5`, `.5`, `1.`) each followed by a unit `ns`, `us`, `µs` (U+00B5 or U+03BC), `ms`,
/// `s`, `m` or `h` (`1h30m`, `-1.5s`); a bare `0` needs no unit. Returns nanoseconds, or nullopt
/// with Go's message in *error: `time: invalid duration "abc"`, `time: missing unit in duration
/// "10"`, `time: unknown unit "x" in duration "1x"`; values beyond ±2^63 ns are invalid.
std::optional<qint64> parseGoDuration(QStringView text, QString *error = nullptr);

/// Go's Duration.String(): `0s`, `1ns`, `1.5µs`, `500ms`, `10s`, `1m30s`, `1h0m0s`, `-1s`,
/// `2562047h47m16.854775807s`. parseGoDuration(formatGoDuration(n)) == n for every n.
QString formatGoDuration(qint64 ns);

/// A duration field of Consul's JSON: a string in Go syntax, a number of nanoseconds, or
/// null/absent (nullopt = unset). Errors: Go's parse error for bad strings;
/// `json: cannot unmarshal <type> into Go value of type time.Duration` for other JSON types or
/// numbers outside the int64 range. Numbers are truncated toward zero like Go's conversion.
Result<std::optional<qint64>> goDurationFromJson(const QJsonValue &value);

/// How HealthDesk writes durations back: always the Go string form.
inline QJsonValue goDurationToJson(qint64 ns)
{
    return QJsonValue(formatGoDuration(ns));
}

} // namespace HealthDesk
