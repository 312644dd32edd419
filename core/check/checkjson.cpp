// SPDX-License-Identifier: MIT
#include "checkjson.h"
#include "checkjsoninternal.h"

#include "goduration.h"
#include "goquote.h"

#include <QJsonArray>

#include <algorithm>
#include <array>
#include <cmath>

using namespace Qt::StringLiterals;

namespace HealthDesk::CheckJson {

namespace Internal {

    QString jsonTypeName(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::String:
            return u"string"_s;
        case QJsonValue::Double:
            return u"number"_s;
        case QJsonValue::Bool:
            return u"bool"_s;
        case QJsonValue::Array:
            return u"array"_s;
        case QJsonValue::Object:
            return u"object"_s;
        default:
            return u"null"_s;
        }
    }

    QString numberText(double number)
    {
        return u"number "_s + QString::number(number, 'g', QLocale::FloatingPointShortest);
    }

    Error unmarshalError(
        const QString &what, QStringView structName, QStringView fieldName, QStringView goType, QStringView dialogField)
    {
        return { 400,
            u"json: cannot unmarshal %1 into Go struct field %2.%3 of type %4"_s.arg(
                what, structName, fieldName, goType),
            dialogField.toString() };
    }

    bool isInt(const QJsonValue &value)
    {
        const double number = value.toDouble();
        return std::isfinite(number) && std::trunc(number) == number && number >= INT_MIN && number <= INT_MAX;
    }

    /// Which JSON values fit a string list (elements may be null, which Go leaves empty).
    std::optional<Error> checkStringList(
        const QJsonValue &value, QStringView structName, QStringView name, QStringView dialogField)
    {
        if (!value.isArray())
            return unmarshalError(jsonTypeName(value), structName, name, u"[]string", dialogField);
        for (const QJsonValue &element : value.toArray()) {
            if (!element.isString() && !element.isNull())
                return unmarshalError(jsonTypeName(element), structName, name, u"string", dialogField);
        }
        return std::nullopt;
    }

    QStringList toStringList(const QJsonValue &value)
    {
        QStringList list;
        for (const QJsonValue &element : value.toArray())
            list.append(element.toString());
        return list;
    }

    void putString(QJsonObject &object, QStringView key, const QString &value)
    {
        if (!value.isEmpty())
            object.insert(key, value);
    }

    void putBool(QJsonObject &object, QStringView key, bool value)
    {
        if (value)
            object.insert(key, true);
    }

    void putInt(QJsonObject &object, QStringView key, int value)
    {
        if (value != 0)
            object.insert(key, value);
    }

} // namespace Internal

using namespace Internal;

namespace {

    void putDuration(QJsonObject &object, QStringView key, Nanoseconds value)
    {
        if (value.count() != 0)
            object.insert(key, goDurationToJson(value.count()));
    }

    enum class Kind : quint8 { String, CheckId, StringList, Header, Bool, Int, Duration };

    enum Field : quint8 {
        FId,
        FName,
        FNotes,
        FServiceId,
        FToken,
        FStatus,
        FScriptArgs,
        FHttp,
        FMethod,
        FHeader,
        FBody,
        FDisableRedirects,
        FTlsServerName,
        FTlsSkipVerify,
        FTcp,
        FTcpUseTls,
        FUdp,
        FGrpc,
        FGrpcUseTls,
        FH2Ping,
        FH2PingUseTls,
        FOsService,
        FDockerContainerId,
        FShell,
        FAliasNode,
        FAliasService,
        FInterval,
        FTimeout,
        FTtl,
        FDeregisterCriticalServiceAfter,
        FSuccessBeforePassing,
        FFailuresBeforeWarning,
        FFailuresBeforeCritical,
        FOutputMaxSize,
        FieldCount
    };

    struct FieldSpec
    {
        QStringView goName; ///< Consul's Go field name: the key encodeCheck writes
        QStringView snake; ///< the agent config-file spelling
        Kind kind;
    };

    // Indexed by Field.
    constexpr std::array<FieldSpec, FieldCount> kFields = { {
        { u"ID", u"id", Kind::CheckId },
        { u"Name", u"name", Kind::String },
        { u"Notes", u"notes", Kind::String },
        { u"ServiceID", u"service_id", Kind::String },
        { u"Token", u"token", Kind::String },
        { u"Status", u"status", Kind::String },
        { u"ScriptArgs", u"script_args", Kind::StringList },
        { u"HTTP", u"http", Kind::String },
        { u"Method", u"method", Kind::String },
        { u"Header", u"header", Kind::Header },
        { u"Body", u"body", Kind::String },
        { u"DisableRedirects", u"disable_redirects", Kind::Bool },
        { u"TLSServerName", u"tls_server_name", Kind::String },
        { u"TLSSkipVerify", u"tls_skip_verify", Kind::Bool },
        { u"TCP", u"tcp", Kind::String },
        { u"TCPUseTLS", u"tcp_use_tls", Kind::Bool },
        { u"UDP", u"udp", Kind::String },
        { u"GRPC", u"grpc", Kind::String },
        { u"GRPCUseTLS", u"grpc_use_tls", Kind::Bool },
        { u"H2PING", u"h2ping", Kind::String },
        { u"H2PingUseTLS", u"h2ping_use_tls", Kind::Bool },
        { u"OSService", u"os_service", Kind::String },
        { u"DockerContainerID", u"docker_container_id", Kind::String },
        { u"Shell", u"shell", Kind::String },
        { u"AliasNode", u"alias_node", Kind::String },
        { u"AliasService", u"alias_service", Kind::String },
        { u"Interval", u"interval", Kind::Duration },
        { u"Timeout", u"timeout", Kind::Duration },
        { u"TTL", u"ttl", Kind::Duration },
        { u"DeregisterCriticalServiceAfter", u"deregister_critical_service_after", Kind::Duration },
        { u"SuccessBeforePassing", u"success_before_passing", Kind::Int },
        { u"FailuresBeforeWarning", u"failures_before_warning", Kind::Int },
        { u"FailuresBeforeCritical", u"failures_before_critical", Kind::Int },
        { u"OutputMaxSize", u"output_max_size", Kind::Int },
    } };

    /// One accepted key spelling. Rank orders competing spellings of one field the way Consul's
    /// UnmarshalJSON resolves them: the Go name first, then its aliases in Consul's order, then the
    /// config-only snake_case forms.
    struct KeyName
    {
        QStringView name;
        Field field;
        quint8 rank;
        bool ignored = false; ///< accepted for compatibility, value dropped
    };

    QList<KeyName> buildKeyNames(Dialect dialect, Context context)
    {
        QList<KeyName> names;
        const bool inService = context == InService;
        for (int f = 0; f < FieldCount; ++f) {
            const auto field = Field(f);
            if (field == FId)
                continue; // spelled differently per context, below
            if (field == FToken && inService && dialect == Dialect::Api)
                continue; // Consul's CheckType has no Token
            // Service checks always belong to their service; CheckType decodes ServiceID only to
            // tolerate it.
            names.append({ kFields[f].goName, field, 0, inService && field == FServiceId });
        }
        // Consul's own aliases (CheckDefinition/CheckType.UnmarshalJSON), in both dialects.
        names.append({ u"args", FScriptArgs, 1 });
        names.append({ u"script_args", FScriptArgs, 2 });
        names.append({ u"deregister_critical_service_after", FDeregisterCriticalServiceAfter, 1 });
        names.append({ u"docker_container_id", FDockerContainerId, 1 });
        names.append({ u"tls_server_name", FTlsServerName, 1 });
        names.append({ u"tls_skip_verify", FTlsSkipVerify, 1 });
        names.append({ u"grpc_use_tls", FGrpcUseTls, 1 });
        names.append({ u"h2ping_use_tls", FH2PingUseTls, 1 });
        names.append({ u"disable_redirects", FDisableRedirects, 1 });
        names.append({ u"service_id", FServiceId, 1, inService });
        if (inService) {
            names.append({ u"CheckID", FId, 0 });
            names.append({ u"ID", FId, 1 });
        } else {
            names.append({ u"ID", FId, 0 }); // a top-level `CheckID` is an unknown field, as in Consul
        }
        if (dialect == Dialect::Config) {
            if (!inService)
                names.append({ u"CheckID", FId, 3 });
            names.append({ u"check_id", FId, 3 });
            for (int f = 0; f < FieldCount; ++f) {
                const QStringView snake = kFields[f].snake;
                const bool known = std::any_of(names.cbegin(), names.cend(),
                    [snake](const KeyName &n) { return n.name.compare(snake, Qt::CaseInsensitive) == 0; });
                if (!known)
                    names.append({ snake, Field(f), 3 });
            }
        }
        return names;
    }

    const QList<KeyName> &keyNames(Dialect dialect, Context context)
    {
        static const std::array<QList<KeyName>, 4> tables = {
            buildKeyNames(Dialect::Api, TopLevel),
            buildKeyNames(Dialect::Api, InService),
            buildKeyNames(Dialect::Config, TopLevel),
            buildKeyNames(Dialect::Config, InService),
        };
        return tables[(dialect == Dialect::Config ? 2 : 0) + (context == InService ? 1 : 0)];
    }

    std::optional<Error> checkType(
        Kind kind, const QJsonValue &value, QStringView structName, QStringView name, QStringView dialogField)
    {
        if (value.isNull())
            return std::nullopt; // Go leaves the field as it was
        switch (kind) {
        case Kind::String:
        case Kind::CheckId:
            if (!value.isString())
                return unmarshalError(jsonTypeName(value), structName, name,
                    kind == Kind::CheckId ? u"types.CheckID" : u"string", dialogField);
            return std::nullopt;
        case Kind::StringList:
            return checkStringList(value, structName, name, dialogField);
        case Kind::Header: {
            if (!value.isObject())
                return unmarshalError(jsonTypeName(value), structName, name, u"map[string][]string", dialogField);
            const QJsonObject header = value.toObject();
            for (auto it = header.constBegin(); it != header.constEnd(); ++it) {
                if (!it.value().isNull()) {
                    if (auto error = checkStringList(it.value(), structName, name, dialogField))
                        return error;
                }
            }
            return std::nullopt;
        }
        case Kind::Bool:
            if (!value.isBool())
                return unmarshalError(jsonTypeName(value), structName, name, u"bool", dialogField);
            return std::nullopt;
        case Kind::Int:
            if (!value.isDouble())
                return unmarshalError(jsonTypeName(value), structName, name, u"int", dialogField);
            if (!isInt(value))
                return unmarshalError(numberText(value.toDouble()), structName, name, u"int", dialogField);
            return std::nullopt;
        case Kind::Duration:
            // Consul reads these as interface{} and only looks at strings and numbers; anything else
            // would be dropped without a word, which hides typos, so HealthDesk reports it.
            if (value.isString())
                return std::nullopt;
            if (!value.isDouble())
                return unmarshalError(jsonTypeName(value), structName, name, u"time.Duration", dialogField);
            if (!goDurationFromJson(value))
                return unmarshalError(numberText(value.toDouble()), structName, name, u"time.Duration", dialogField);
            return std::nullopt;
        }
        return std::nullopt;
    }

    class CheckDecoder
    {
    public:
        explicit CheckDecoder(Context context)
            : m_structName(context == InService ? u"CheckType" : u"CheckDefinition")
        {
        }

        std::optional<Error> collect(const QJsonObject &object, const QList<KeyName> &names)
        {
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                const KeyName *key = findKey(names, it.key());
                if (!key)
                    return Error { 400, u"json: unknown field "_s + goQuote(it.key()), it.key() };
                const FieldSpec &spec = kFields[key->field];
                if (auto error = checkType(spec.kind, it.value(), m_structName, key->name, spec.goName))
                    return error;
                if (!key->ignored)
                    m_hits[key->field].append({ key->rank, it.value() });
            }
            return std::nullopt;
        }

        Result<CheckDefinition> build() const
        {
            CheckDefinition d;
            d.id = string(FId);
            d.name = string(FName);
            d.notes = string(FNotes);
            d.serviceId = string(FServiceId);
            d.token = string(FToken);
            if (const QString status = string(FStatus); !status.isEmpty()) {
                if (const auto parsed = checkStatusFromName(status))
                    d.initialStatus = parsed;
                else
                    d.rawStatus = status;
            }
            d.scriptArgs = stringList(FScriptArgs);
            d.http = string(FHttp);
            d.method = string(FMethod);
            d.header = header();
            d.body = string(FBody);
            d.disableRedirects = boolean(FDisableRedirects);
            d.tlsServerName = string(FTlsServerName);
            d.tlsSkipVerify = boolean(FTlsSkipVerify);
            d.tcp = string(FTcp);
            d.tcpUseTls = boolean(FTcpUseTls);
            d.udp = string(FUdp);
            d.grpc = string(FGrpc);
            d.grpcUseTls = boolean(FGrpcUseTls);
            d.h2ping = string(FH2Ping);
            d.h2pingUseTls = h2pingUseTls(!d.h2ping.isEmpty());
            d.osService = string(FOsService);
            d.dockerContainerId = string(FDockerContainerId);
            d.shell = string(FShell);
            d.aliasNode = string(FAliasNode);
            d.aliasService = string(FAliasService);
            d.successBeforePassing = integer(FSuccessBeforePassing);
            d.failuresBeforeWarning = integer(FFailuresBeforeWarning);
            d.failuresBeforeCritical = integer(FFailuresBeforeCritical);
            d.outputMaxSize = integer(FOutputMaxSize);

            // Consul parses the duration strings after decoding, in this order.
            const std::array<std::pair<Field, Nanoseconds *>, 4> durations = { {
                { FInterval, &d.interval },
                { FTimeout, &d.timeout },
                { FTtl, &d.ttl },
                { FDeregisterCriticalServiceAfter, &d.deregisterCriticalServiceAfter },
            } };
            for (const auto &[field, target] : durations) {
                const QJsonValue *value = pick(m_hits[field], [](const QJsonValue &v) { return !v.isNull(); });
                if (!value)
                    continue;
                const auto parsed = goDurationFromJson(*value);
                if (!parsed)
                    return Error { 400, parsed.error().message, kFields[field].goName.toString() };
                *target = Nanoseconds(parsed.value().value_or(0));
            }
            return d;
        }

    private:
        QString string(Field field) const
        {
            const QJsonValue *value = pick(m_hits[field], [](const QJsonValue &v) { return !v.toString().isEmpty(); });
            return value ? value->toString() : QString();
        }

        QStringList stringList(Field field) const
        {
            const QJsonValue *value = pick(m_hits[field], [](const QJsonValue &v) { return !v.toArray().isEmpty(); });
            return value ? toStringList(*value) : QStringList();
        }

        // The Go-named key sets the value; a snake_case alias can only switch it on.
        bool boolean(Field field) const
        {
            const QJsonValue *primary = pick(m_hits[field], [](const QJsonValue &v) { return v.isBool(); });
            bool result = primary && primary->toBool();
            for (const Hit &hit : m_hits[field])
                result = result || (hit.rank > 0 && hit.value.toBool());
            return result;
        }

        // Consul defaults H2PingUseTLS to true when H2PING is set: then only an explicit false turns
        // it off; without H2PING only an explicit true turns it on.
        bool h2pingUseTls(bool h2pingSet) const
        {
            std::optional<bool> primary;
            std::optional<bool> alias;
            for (const Hit &hit : m_hits[FH2PingUseTls]) {
                if (hit.value.isBool())
                    (hit.rank == 0 ? primary : alias) = hit.value.toBool();
            }
            if (h2pingSet)
                return alias == false ? false : primary.value_or(true);
            return alias == true ? true : primary.value_or(false);
        }

        int integer(Field field) const
        {
            const QJsonValue *value = pick(m_hits[field], [](const QJsonValue &v) { return !v.isNull(); });
            return value ? int(value->toDouble()) : 0;
        }

        QMap<QString, QStringList> header() const
        {
            QMap<QString, QStringList> result;
            const QJsonValue *value = pick(m_hits[FHeader], [](const QJsonValue &v) { return !v.isNull(); });
            if (!value)
                return result;
            const QJsonObject object = value->toObject();
            for (auto it = object.constBegin(); it != object.constEnd(); ++it)
                result.insert(it.key(), toStringList(it.value()));
            return result;
        }

        QStringView m_structName;
        std::array<QList<Hit>, FieldCount> m_hits;
    };

} // namespace

Result<CheckDefinition> Internal::decodeCheckIn(const QJsonObject &object, Dialect dialect, Context context)
{
    CheckDecoder decoder(context);
    if (auto error = decoder.collect(object, keyNames(dialect, context)))
        return *error;
    return decoder.build();
}

QJsonObject Internal::encodeCheckIn(const CheckDefinition &d, Context context)
{
    QJsonObject o;
    putString(o, context == InService ? u"CheckID" : u"ID", d.id);
    putString(o, u"Name", d.name);
    putString(o, u"Notes", d.notes);
    if (context == TopLevel)
        putString(o, u"ServiceID", d.serviceId);
    if (d.initialStatus)
        o.insert(u"Status", checkStatusName(*d.initialStatus));
    else
        putString(o, u"Status", d.rawStatus);
    if (!d.scriptArgs.isEmpty())
        o.insert(u"ScriptArgs", QJsonArray::fromStringList(d.scriptArgs));
    putString(o, u"HTTP", d.http);
    putString(o, u"Method", d.method);
    if (!d.header.isEmpty()) {
        QJsonObject header;
        for (auto it = d.header.constBegin(); it != d.header.constEnd(); ++it)
            header.insert(it.key(), QJsonArray::fromStringList(it.value()));
        o.insert(u"Header", header);
    }
    putString(o, u"Body", d.body);
    putBool(o, u"DisableRedirects", d.disableRedirects);
    putString(o, u"TLSServerName", d.tlsServerName);
    putBool(o, u"TLSSkipVerify", d.tlsSkipVerify);
    putString(o, u"TCP", d.tcp);
    putBool(o, u"TCPUseTLS", d.tcpUseTls);
    putString(o, u"UDP", d.udp);
    putString(o, u"GRPC", d.grpc);
    putBool(o, u"GRPCUseTLS", d.grpcUseTls);
    putString(o, u"H2PING", d.h2ping);
    // Written only when it differs from what decoding would default it to.
    if (d.h2pingUseTls != !d.h2ping.isEmpty())
        o.insert(u"H2PingUseTLS", d.h2pingUseTls);
    putString(o, u"OSService", d.osService);
    putString(o, u"DockerContainerID", d.dockerContainerId);
    putString(o, u"Shell", d.shell);
    putString(o, u"AliasNode", d.aliasNode);
    putString(o, u"AliasService", d.aliasService);
    putDuration(o, u"Interval", d.interval);
    putDuration(o, u"Timeout", d.timeout);
    putDuration(o, u"TTL", d.ttl);
    putDuration(o, u"DeregisterCriticalServiceAfter", d.deregisterCriticalServiceAfter);
    putInt(o, u"SuccessBeforePassing", d.successBeforePassing);
    putInt(o, u"FailuresBeforeWarning", d.failuresBeforeWarning);
    putInt(o, u"FailuresBeforeCritical", d.failuresBeforeCritical);
    putInt(o, u"OutputMaxSize", d.outputMaxSize);
    return o;
}

Result<CheckDefinition> decodeCheck(const QJsonObject &object, Dialect dialect)
{
    return decodeCheckIn(object, dialect, TopLevel);
}

QJsonObject encodeCheck(const CheckDefinition &definition)
{
    return encodeCheckIn(definition, TopLevel);
}

} // namespace HealthDesk::CheckJson
