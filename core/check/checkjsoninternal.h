// SPDX-License-Identifier: MIT
#pragma once

// Shared by checkjson.cpp (check objects) and checkjsonservice.cpp (service objects); not API.

#include "checkjson.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QList>

#include <climits>
#include <optional>

namespace HealthDesk::CheckJson::Internal {

/// A top-level check is Consul's CheckDefinition; a check inside a service is its CheckType,
/// which spells the ID `CheckID`, has no Token and ignores ServiceID.
enum Context : quint8 { TopLevel, InService };

Result<CheckDefinition> decodeCheckIn(const QJsonObject &object, Dialect dialect, Context context);
QJsonObject encodeCheckIn(const CheckDefinition &definition, Context context);

/// Go's names for JSON value types in unmarshal errors: string, number, bool, array, object.
QString jsonTypeName(const QJsonValue &value);
/// `number 1.5`: how Go names a number that does not fit the target type.
QString numberText(double number);
/// `json: cannot unmarshal <what> into Go struct field <struct>.<field> of type <goType>`;
/// Error::field is `dialogField`.
Error unmarshalError(
    const QString &what, QStringView structName, QStringView fieldName, QStringView goType, QStringView dialogField);
/// An integral JSON number that fits an int.
bool isInt(const QJsonValue &value);
std::optional<Error> checkStringList(
    const QJsonValue &value, QStringView structName, QStringView name, QStringView dialogField);
QStringList toStringList(const QJsonValue &value);

void putString(QJsonObject &object, QStringView key, const QString &value);
void putBool(QJsonObject &object, QStringView key, bool value);
void putInt(QJsonObject &object, QStringView key, int value);

/// Go's encoding/json: an exact match wins, otherwise the first case-insensitive one.
template <typename Entry> const Entry *findKey(const QList<Entry> &names, const QString &key)
{
    for (const Entry &entry : names) {
        if (entry.name == key)
            return &entry;
    }
    for (const Entry &entry : names) {
        if (key.compare(entry.name, Qt::CaseInsensitive) == 0)
            return &entry;
    }
    return nullptr;
}

struct Hit
{
    quint8 rank;
    QJsonValue value;
};

/// The winning value among competing spellings: lowest rank first, a later key of the same rank
/// overriding an earlier one (Go's decoder overwrites). Only values `usable` accepts compete, which
/// gives Consul's "camel unless empty" rule for strings and lists.
template <typename Usable> const QJsonValue *pick(const QList<Hit> &hits, Usable usable)
{
    const QJsonValue *best = nullptr;
    int bestRank = INT_MAX;
    for (const Hit &hit : hits) {
        if (usable(hit.value) && hit.rank <= bestRank) {
            best = &hit.value;
            bestRank = hit.rank;
        }
    }
    return best;
}

} // namespace HealthDesk::CheckJson::Internal
