// SPDX-License-Identifier: MIT
#include "configloader.h"

#include "configkeys.h"

#include "check/checkjson.h"
#include "check/goduration.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {

    using ConfigKeys::KeySpec;
    using ConfigKeys::Target;
    using ConfigKeys::Type;

    QString quoted(const QString &text)
    {
        return u'"' + text + u'"';
    }

    /// 1-based line and column (in characters) of a byte offset, for editors' `file:line:col`.
    std::pair<qsizetype, qsizetype> lineAndColumn(const QByteArray &data, qsizetype offset)
    {
        offset = std::clamp<qsizetype>(offset, 0, data.size());
        const auto begin = data.cbegin();
        const qsizetype line = std::count(begin, begin + offset, '\n') + 1;
        const qsizetype lineStart = QByteArrayView(data).first(offset).lastIndexOf('\n') + 1;
        const qsizetype column = QString::fromUtf8(data.mid(lineStart, offset - lineStart)).toUcs4().size() + 1;
        return { line, column };
    }

    QString jsonTypeName(const QJsonValue &value)
    {
        switch (value.type()) {
        case QJsonValue::String:
            return u"a string"_s;
        case QJsonValue::Double:
            return u"number "_s + QString::number(value.toDouble(), 'g', QLocale::FloatingPointShortest);
        case QJsonValue::Bool:
            return value.toBool() ? u"true"_s : u"false"_s;
        case QJsonValue::Array:
            return u"a list"_s;
        case QJsonValue::Object:
            return u"an object"_s;
        default:
            return u"null"_s;
        }
    }

    /// A definition as the operator wrote it: its ID or name when it has one, else its position.
    QString labelOf(const QJsonObject &object, int position)
    {
        for (const QStringView wanted : { u"id", u"checkid", u"check_id", u"name" }) {
            for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
                if (it.key().compare(wanted, Qt::CaseInsensitive) == 0 && it.value().isString()
                    && !it.value().toString().isEmpty())
                    return quoted(it.value().toString());
            }
        }
        return u"#%1"_s.arg(position);
    }

    QString labelOf(const QString &id, int position)
    {
        return id.isEmpty() ? u"#%1"_s.arg(position) : quoted(id);
    }

    struct PendingCheck
    {
        CheckDefinition definition;
        QString file;
        int position; ///< among the file's checks, from 1
    };

    struct PendingService
    {
        ServiceDefinition definition;
        QString file;
        int position;
    };

    /// Agent settings as read so far; unset = no file has mentioned them yet.
    struct Settings
    {
        std::optional<QString> nodeName;
        std::optional<QString> datacenter;
        std::optional<bool> enableScriptChecks;
        std::optional<bool> enableLocalScriptChecks;
        std::optional<int> checkOutputMaxSize;
        std::optional<qint64> checkUpdateInterval;
        std::optional<QString> httpAddress;
        std::optional<int> httpPort;
        std::optional<bool> aclEnabled;
        std::optional<QString> aclDefaultPolicy;
        std::optional<QString> aclAgentToken;
        std::optional<QString> aclDefaultToken;
        std::optional<QString> legacyAclToken;
        std::optional<QString> legacyAclAgentToken;
        std::optional<QString> legacyAclDefaultPolicy;
        QStringList allowedOrigins;
    };

    class Loader
    {
    public:
        explicit Loader(const ValidationContext &outside)
            : m_outside(outside)
        {
        }

        std::optional<Error> readFile(const QString &path);
        void warn(const QString &text) { m_loaded.warnings.append(text); }
        Result<LoadedConfig> finish();

    private:
        Error fileError(const QString &message) const { return { 400, m_file + u": "_s + message, {} }; }
        Error typeError(const QString &key, const QString &expected, const QJsonValue &value) const
        {
            return fileError(u"config key %1: expected %2, got %3"_s.arg(key, expected, jsonTypeName(value)));
        }
        std::optional<Error> readObject(
            const QJsonObject &object, std::span<const KeySpec> keys, const QString &prefix);
        std::optional<Error> readValue(const KeySpec &spec, const QJsonValue &value, const QString &key);
        std::optional<Error> readString(Target target, const QString &value, const QString &key);
        std::optional<Error> readDefinitions(Target target, const QJsonValue &value, const QString &key);
        AgentConfig agentConfig() const;

        const ValidationContext &m_outside;
        QString m_file;
        int m_checkPosition = 0;
        int m_servicePosition = 0;
        Settings m_settings;
        QList<PendingCheck> m_checks;
        QList<PendingService> m_services;
        LoadedConfig m_loaded;
    };

    std::optional<Error> Loader::readFile(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Error { 400, path + u": "_s + file.errorString(), {} };
        const QByteArray data = file.readAll();
        QJsonParseError parseError {};
        const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
        if (parseError.error != QJsonParseError::NoError) {
            const auto [line, column] = lineAndColumn(data, parseError.offset);
            return Error { 400,
                u"%1:%2:%3: %4"_s.arg(path, QString::number(line), QString::number(column), parseError.errorString()),
                {} };
        }
        m_file = path;
        m_checkPosition = 0;
        m_servicePosition = 0;
        if (!document.isObject())
            return fileError(u"expected a JSON object at the top level"_s);
        m_loaded.files.append(path);
        return readObject(document.object(), ConfigKeys::topLevel(), {});
    }

    std::optional<Error> Loader::readObject(
        const QJsonObject &object, std::span<const KeySpec> keys, const QString &prefix)
    {
        for (auto it = object.constBegin(); it != object.constEnd(); ++it) {
            const QString key = prefix.isEmpty() ? it.key() : prefix + u'.' + it.key();
            const KeySpec *spec = ConfigKeys::find(keys, it.key());
            if (!spec)
                return fileError(u"invalid config key "_s + key);
            if (auto error = readValue(*spec, it.value(), key))
                return error;
        }
        return std::nullopt;
    }

    std::optional<Error> Loader::readValue(const KeySpec &spec, const QJsonValue &value, const QString &key)
    {
        if (value.isNull())
            return std::nullopt; // as in Consul: null leaves the setting unset
        switch (spec.type) {
        case Type::Ignored:
            warn(u"%1: ignoring Consul setting %2 (not used by HealthDesk)"_s.arg(m_file, quoted(key)));
            return std::nullopt;
        case Type::Object:
            if (!value.isObject())
                return typeError(key, u"an object"_s, value);
            return readObject(value.toObject(), spec.children, key);
        case Type::Definitions:
            return readDefinitions(spec.target, value, key);
        case Type::String:
            if (!value.isString())
                return typeError(key, u"a string"_s, value);
            return readString(spec.target, value.toString(), key);
        case Type::Bool: {
            if (!value.isBool())
                return typeError(key, u"true or false"_s, value);
            const bool on = value.toBool();
            if (spec.target == Target::EnableScriptChecks)
                m_settings.enableScriptChecks = on;
            else if (spec.target == Target::EnableLocalScriptChecks)
                m_settings.enableLocalScriptChecks = on;
            else if (spec.target == Target::AclEnabled)
                m_settings.aclEnabled = on;
            return std::nullopt;
        }
        case Type::Int: {
            const double number = value.toDouble();
            if (!value.isDouble() || std::trunc(number) != number || std::abs(number) > 2147483647.0)
                return typeError(key, u"an integer"_s, value);
            const int integer = int(number);
            if (spec.target == Target::CheckOutputMaxSize) {
                if (integer < 1) // Consul's own wording
                    return fileError(u"check_output_max_size must be positive, to discard check output use the "
                                     "discard_check_output flag"_s);
                m_settings.checkOutputMaxSize = integer;
            } else if (spec.target == Target::HttpPort) {
                if (integer < 0 || integer > 65535)
                    return typeError(key, u"a port number from 0 to 65535"_s, value);
                m_settings.httpPort = integer;
            }
            return std::nullopt;
        }
        case Type::Duration: {
            const auto parsed = goDurationFromJson(value);
            if (!parsed)
                return fileError(u"config key %1: %2"_s.arg(key, parsed.error().message));
            if (parsed.value().value_or(0) < 0)
                return typeError(key, u"a duration of 0 or more"_s, value);
            if (spec.target == Target::CheckUpdateInterval)
                m_settings.checkUpdateInterval = parsed.value();
            return std::nullopt;
        }
        case Type::StringList: {
            const QJsonArray array = value.toArray();
            if (!value.isArray()
                || std::any_of(array.begin(), array.end(), [](const QJsonValue &v) { return !v.isString(); }))
                return typeError(key, u"a list of strings"_s, value);
            for (const QJsonValue &item : array) {
                if (!m_settings.allowedOrigins.contains(item.toString()))
                    m_settings.allowedOrigins.append(item.toString());
            }
            return std::nullopt;
        }
        }
        return std::nullopt;
    }

    std::optional<Error> Loader::readString(Target target, const QString &value, const QString &key)
    {
        switch (target) {
        case Target::NodeName:
            m_settings.nodeName = value;
            break;
        case Target::Datacenter: {
            // Consul lower-cases the datacenter and then insists on DNS-safe characters.
            const QString lower = value.toLower();
            const bool valid = !lower.isEmpty() && std::all_of(lower.cbegin(), lower.cend(), [](QChar c) {
                return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_';
            });
            if (!valid)
                return typeError(key, u"lowercase letters, digits, - or _"_s, QJsonValue(value));
            m_settings.datacenter = lower;
            break;
        }
        case Target::HttpAddress: {
            QString host = value;
            if (host.startsWith(u'[') && host.endsWith(u']'))
                host = host.mid(1, host.size() - 2);
            if (QHostAddress(host).isNull())
                return fileError(u"config key %1: expected an IP address, got %2"_s.arg(key, quoted(value)));
            m_settings.httpAddress = host;
            break;
        }
        case Target::AclDefaultPolicy:
        case Target::LegacyAclDefaultPolicy:
            if (value != u"allow" && value != u"deny")
                return fileError(u"config key %1: expected \"allow\" or \"deny\", got %2"_s.arg(key, quoted(value)));
            (target == Target::AclDefaultPolicy ? m_settings.aclDefaultPolicy : m_settings.legacyAclDefaultPolicy)
                = value;
            break;
        case Target::AclAgentToken:
            m_settings.aclAgentToken = value;
            break;
        case Target::AclDefaultToken:
            m_settings.aclDefaultToken = value;
            break;
        case Target::LegacyAclToken:
            m_settings.legacyAclToken = value;
            break;
        case Target::LegacyAclAgentToken:
            m_settings.legacyAclAgentToken = value;
            break;
        default:
            break;
        }
        return std::nullopt;
    }

    std::optional<Error> Loader::readDefinitions(Target target, const QJsonValue &value, const QString &key)
    {
        // `check` and `checks` (and the service pair) each take one object or a list of them.
        const QJsonArray items = value.isArray() ? value.toArray() : QJsonArray { value };
        for (const QJsonValue &item : items) {
            if (item.isNull())
                continue;
            if (!item.isObject())
                return typeError(key, u"an object or a list of objects"_s, item);
            const QJsonObject object = item.toObject();
            if (target == Target::Check) {
                const int position = ++m_checkPosition;
                auto decoded = CheckJson::decodeCheck(object, CheckJson::Dialect::Config);
                if (!decoded)
                    return fileError(u"check %1: %2"_s.arg(labelOf(object, position), decoded.error().message));
                CheckDefinition definition = std::move(decoded).value();
                definition.source = CheckSource::Config;
                m_checks.append({ std::move(definition), m_file, position });
            } else {
                const int position = ++m_servicePosition;
                QStringList ignored;
                auto decoded = CheckJson::decodeService(object, CheckJson::Dialect::Config, &ignored);
                if (!decoded)
                    return fileError(u"service %1: %2"_s.arg(labelOf(object, position), decoded.error().message));
                ServiceDefinition service = std::move(decoded).value();
                for (const QString &name : std::as_const(ignored)) {
                    warn(u"%1: service %2: ignoring Consul setting %3 (not used by HealthDesk)"_s.arg(
                        m_file, labelOf(service.id, position), quoted(name)));
                }
                service.source = CheckSource::Config;
                for (CheckDefinition &check : service.checks)
                    check.source = CheckSource::Config;
                m_services.append({ std::move(service), m_file, position });
            }
        }
        return std::nullopt;
    }

    AgentConfig Loader::agentConfig() const
    {
        const Settings &s = m_settings;
        AgentConfig agent;
        agent.nodeName = s.nodeName.value_or(agent.nodeName);
        agent.datacenter = s.datacenter.value_or(agent.datacenter);
        agent.enableScriptChecks = s.enableScriptChecks.value_or(agent.enableScriptChecks);
        agent.enableLocalScriptChecks = s.enableLocalScriptChecks;
        agent.checkOutputMaxSize = s.checkOutputMaxSize.value_or(agent.checkOutputMaxSize);
        if (s.checkUpdateInterval)
            agent.checkUpdateInterval = std::chrono::nanoseconds(*s.checkUpdateInterval);
        agent.httpAddress = s.httpAddress.value_or(agent.httpAddress);
        agent.httpPort = s.httpPort.value_or(agent.httpPort);
        agent.aclEnabled = s.aclEnabled.value_or(agent.aclEnabled);
        // The acl block wins over the legacy top-level keys wherever they appear, as in Consul.
        agent.aclDefaultPolicy = s.aclDefaultPolicy.value_or(s.legacyAclDefaultPolicy.value_or(agent.aclDefaultPolicy));
        agent.aclAgentToken = s.aclAgentToken.value_or(s.legacyAclAgentToken.value_or(QString()));
        agent.aclDefaultToken = s.aclDefaultToken.value_or(s.legacyAclToken.value_or(QString()));
        agent.allowedOrigins = s.allowedOrigins;
        return agent;
    }

    /// Keeps the last definition of each ID in the place of the first, with a warning.
    template <typename Pending, typename IdOf>
    QList<Pending> dedupe(const QList<Pending> &items, IdOf idOf, QStringView what, QStringList &warnings)
    {
        QList<Pending> result;
        QHash<QString, qsizetype> index;
        for (const Pending &item : items) {
            const QString id = idOf(item);
            if (const auto it = index.constFind(id); !id.isEmpty() && it != index.constEnd()) {
                warnings.append(
                    u"%1: %2 %3 replaces the definition in %4"_s.arg(item.file, what, quoted(id), result.at(*it).file));
                result[*it] = item;
                continue;
            }
            index.insert(id, result.size());
            result.append(item);
        }
        return result;
    }

    Result<LoadedConfig> Loader::finish()
    {
        m_loaded.agent = agentConfig();

        for (PendingService &service : m_services)
            applyServiceDefaults(service.definition);
        const auto services = dedupe(
            m_services, [](const PendingService &s) { return s.definition.id; }, u"service", m_loaded.warnings);
        const auto checks = dedupe(
            m_checks,
            [](const PendingCheck &c) { return c.definition.id.isEmpty() ? c.definition.name : c.definition.id; },
            u"check", m_loaded.warnings);

        QSet<QString> serviceIds;
        for (const PendingService &service : services)
            serviceIds.insert(service.definition.id);
        ValidationContext context;
        context.serviceExists = [&serviceIds, this](const QString &id) {
            return serviceIds.contains(id) || (m_outside.serviceExists && m_outside.serviceExists(id));
        };

        // Consul registers config services before config checks; the first failure stops the load.
        for (PendingService pending : services) {
            ServiceDefinition &service = pending.definition;
            qsizetype failed = -1;
            if (auto error = validateService(service, m_loaded.agent, context, &failed)) {
                QString where = u"%1: service %2: "_s.arg(pending.file, labelOf(service.id, pending.position));
                if (failed >= 0)
                    where += u"check %1: "_s.arg(quoted(service.checks.at(failed).id));
                return Error { error->httpStatus, where + error->message, error->field };
            }
            m_loaded.services.append(std::move(service));
        }
        for (PendingCheck pending : checks) {
            CheckDefinition &check = pending.definition;
            if (auto error = validateCheck(check, m_loaded.agent, context)) {
                return Error { error->httpStatus,
                    u"%1: check %2: %3"_s.arg(pending.file, labelOf(check.id, pending.position), error->message),
                    error->field };
            }
            m_loaded.checks.append(std::move(check));
        }
        return std::move(m_loaded);
    }

} // namespace

Result<LoadedConfig> loadConfigDirectories(const QStringList &dirs, const ValidationContext &outside)
{
    Loader loader(outside);
    for (const QString &dirPath : dirs) {
        const QFileInfo info(dirPath);
        if (!info.exists())
            return Error { 400, dirPath + u": config directory does not exist"_s, {} };
        if (!info.isDir())
            return Error { 400, dirPath + u": not a directory"_s, {} };
        const QDir dir(dirPath);
        QStringList names = dir.entryList(QDir::Files | QDir::Hidden, QDir::NoSort);
        // Byte-wise order like Consul's sort.Strings, not the locale's collation.
        std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) { return a.compare(b) < 0; });
        for (const QString &name : std::as_const(names)) {
            const QString path = dir.filePath(name);
            if (name.endsWith(u".hcl")) {
                loader.warn(u"%1: ignoring HCL config file (HealthDesk reads JSON config files only)"_s.arg(path));
                continue;
            }
            if (!name.endsWith(u".json"))
                continue;
            if (auto error = loader.readFile(path))
                return *error;
        }
    }
    return loader.finish();
}

Result<LoadedConfig> loadConfigFile(const QString &path, const ValidationContext &outside)
{
    const QFileInfo info(path);
    if (!info.exists())
        return Error { 400, path + u": no such file"_s, {} };
    if (info.isDir())
        return Error { 400, path + u": is a directory"_s, {} };
    Loader loader(outside);
    if (auto error = loader.readFile(path))
        return *error;
    return loader.finish();
}

} // namespace HealthDesk
