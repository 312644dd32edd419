// SPDX-License-Identifier: MIT
#include "checkjson.h"
#include "checkjsoninternal.h"

#include "checkvalidator.h"
#include "goquote.h"

#include <QJsonArray>

#include <array>

using namespace Qt::StringLiterals;

namespace HealthDesk::CheckJson {

using namespace Internal;

namespace {

    enum ServiceField : quint8 {
        SId,
        SName,
        STags,
        SAddress,
        SPort,
        SMeta,
        SEnableTagOverride,
        SToken,
        SCheck,
        SChecks,
        SIgnored
    };

    struct ServiceKey
    {
        QStringView name;
        ServiceField field;
        QStringView goType;
        bool configOnly = false;
    };

    // Consul's ServiceDefinition fields; the last group is accepted and reported as unused.
    constexpr std::array kServiceKeys = {
        ServiceKey { u"ID", SId, u"string" },
        ServiceKey { u"Name", SName, u"string" },
        ServiceKey { u"Tags", STags, u"[]string" },
        ServiceKey { u"Address", SAddress, u"string" },
        ServiceKey { u"Port", SPort, u"int" },
        ServiceKey { u"Meta", SMeta, u"map[string]string" },
        ServiceKey { u"EnableTagOverride", SEnableTagOverride, u"bool" },
        ServiceKey { u"enable_tag_override", SEnableTagOverride, u"bool", true },
        ServiceKey { u"Token", SToken, u"string" },
        ServiceKey { u"Check", SCheck, u"structs.CheckType" },
        ServiceKey { u"Checks", SChecks, u"structs.CheckTypes" },
        ServiceKey { u"Kind", SIgnored, {} },
        ServiceKey { u"TaggedAddresses", SIgnored, {} },
        ServiceKey { u"tagged_addresses", SIgnored, {}, true },
        ServiceKey { u"SocketPath", SIgnored, {} },
        ServiceKey { u"socket_path", SIgnored, {}, true },
        ServiceKey { u"Weights", SIgnored, {} },
        ServiceKey { u"Proxy", SIgnored, {} },
        ServiceKey { u"Connect", SIgnored, {} },
        ServiceKey { u"Locality", SIgnored, {} },
    };

    const QList<ServiceKey> &serviceKeys(Dialect dialect)
    {
        static const auto build = [](Dialect d) {
            QList<ServiceKey> keys;
            for (const ServiceKey &key : kServiceKeys) {
                if (!key.configOnly || d == Dialect::Config)
                    keys.append(key);
            }
            return keys;
        };
        static const QList<ServiceKey> api = build(Dialect::Api);
        static const QList<ServiceKey> config = build(Dialect::Config);
        return dialect == Dialect::Config ? config : api;
    }

    std::optional<Error> checkServiceType(const ServiceKey &key, const QJsonValue &value)
    {
        constexpr QStringView kStruct = u"ServiceDefinition";
        const QStringView dialogField = key.name;
        if (value.isNull())
            return std::nullopt;
        switch (key.field) {
        case SId:
        case SName:
        case SAddress:
        case SToken:
            return value.isString()
                ? std::nullopt
                : std::optional(unmarshalError(jsonTypeName(value), kStruct, key.name, key.goType, dialogField));
        case STags:
            return checkStringList(value, kStruct, key.name, dialogField);
        case SPort:
            if (!value.isDouble())
                return unmarshalError(jsonTypeName(value), kStruct, key.name, key.goType, dialogField);
            return isInt(value) ? std::nullopt
                                : std::optional(unmarshalError(
                                    numberText(value.toDouble()), kStruct, key.name, key.goType, dialogField));
        case SMeta: {
            if (!value.isObject())
                return unmarshalError(jsonTypeName(value), kStruct, key.name, key.goType, dialogField);
            const QJsonObject meta = value.toObject();
            for (auto it = meta.constBegin(); it != meta.constEnd(); ++it) {
                if (!it.value().isString() && !it.value().isNull())
                    return unmarshalError(jsonTypeName(it.value()), kStruct, key.name, u"string", dialogField);
            }
            return std::nullopt;
        }
        case SEnableTagOverride:
            return value.isBool()
                ? std::nullopt
                : std::optional(unmarshalError(jsonTypeName(value), kStruct, key.name, key.goType, dialogField));
        case SCheck:
            return value.isObject()
                ? std::nullopt
                : std::optional(unmarshalError(jsonTypeName(value), kStruct, key.name, key.goType, dialogField));
        case SChecks:
            if (!value.isArray())
                return unmarshalError(jsonTypeName(value), kStruct, key.name, key.goType, dialogField);
            for (const QJsonValue &element : value.toArray()) {
                if (!element.isObject() && !element.isNull())
                    return unmarshalError(jsonTypeName(element), kStruct, key.name, u"structs.CheckType", dialogField);
            }
            return std::nullopt;
        case SIgnored:
            return std::nullopt;
        }
        return std::nullopt;
    }

} // namespace

Result<ServiceDefinition> decodeService(const QJsonObject &object, Dialect dialect)
{
    return decodeService(object, dialect, nullptr);
}

Result<ServiceDefinition> decodeService(const QJsonObject &object, Dialect dialect, QStringList *ignoredKeys)
{
    std::array<QList<Hit>, SIgnored> hits;
    const QList<ServiceKey> &keys = serviceKeys(dialect);
    for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
        const ServiceKey *key = findKey(keys, it.key());
        if (!key)
            return Error { 400, u"json: unknown field "_s + goQuote(it.key()), it.key() };
        if (auto error = checkServiceType(*key, it.value()))
            return *error;
        if (key->field == SIgnored) {
            if (ignoredKeys)
                ignoredKeys->append(it.key());
            continue;
        }
        hits[key->field].append({ quint8(key->configOnly ? 1 : 0), it.value() });
    }
    const auto value = [&hits](ServiceField field) {
        const QJsonValue *v = pick(hits[field], [](const QJsonValue &x) { return !x.isNull(); });
        return v ? *v : QJsonValue();
    };

    ServiceDefinition service;
    service.id = value(SId).toString();
    service.name = value(SName).toString();
    service.tags = toStringList(value(STags));
    service.address = value(SAddress).toString();
    service.port = int(value(SPort).toDouble());
    const QJsonObject meta = value(SMeta).toObject();
    for (auto it = meta.constBegin(); it != meta.constEnd(); ++it)
        service.meta.insert(it.key(), it.value().toString());
    service.enableTagOverride = value(SEnableTagOverride).toBool();
    service.token = value(SToken).toString();

    // Error::field uses the check's index in service.checks, as validateService() does, so a
    // dialog can point at the same entry whichever of the two found the problem.
    const auto decodeEmbedded = [&](const QJsonValue &v) -> std::optional<Error> {
        auto check = decodeCheckIn(v.toObject(), dialect, InService);
        if (!check) {
            Error error = check.error();
            error.field = u"Checks[%1]."_s.arg(service.checks.size()) + error.field;
            return error;
        }
        service.checks.append(std::move(check).value());
        return std::nullopt;
    };
    if (const QJsonValue check = value(SCheck); check.isObject()) {
        // Consul drops an empty `Check` object (CheckType.Empty) rather than validating it.
        const auto decoded = decodeCheckIn(check.toObject(), dialect, InService);
        if (!decoded || !(decoded.value() == CheckDefinition {})) {
            if (auto error = decodeEmbedded(check))
                return *error;
        }
    }
    const QJsonArray checks = value(SChecks).toArray();
    for (const QJsonValue &check : checks) {
        if (check.isNull())
            continue;
        if (auto error = decodeEmbedded(check))
            return *error;
    }
    for (CheckDefinition &check : service.checks) {
        if (check.token.isEmpty())
            check.token = service.token;
    }
    applyServiceDefaults(service);
    return service;
}

QJsonObject encodeService(const ServiceDefinition &definition)
{
    QJsonObject o;
    putString(o, u"ID", definition.id);
    putString(o, u"Name", definition.name);
    if (!definition.tags.isEmpty())
        o.insert(u"Tags", QJsonArray::fromStringList(definition.tags));
    putString(o, u"Address", definition.address);
    putInt(o, u"Port", definition.port);
    if (!definition.meta.isEmpty()) {
        QJsonObject meta;
        for (auto it = definition.meta.constBegin(); it != definition.meta.constEnd(); ++it)
            meta.insert(it.key(), it.value());
        o.insert(u"Meta", meta);
    }
    putBool(o, u"EnableTagOverride", definition.enableTagOverride);
    if (!definition.checks.isEmpty()) {
        QJsonArray checks;
        for (const CheckDefinition &check : definition.checks)
            checks.append(encodeCheckIn(check, InService));
        o.insert(u"Checks", checks);
    }
    return o;
}

} // namespace HealthDesk::CheckJson
