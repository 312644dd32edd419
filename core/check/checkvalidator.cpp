// SPDX-License-Identifier: MIT
#include "checkvalidator.h"

#include "goquote.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {

    Error invalidCheck(const QString &reason, const QString &field)
    {
        return { 400, u"Invalid check: "_s + reason, field };
    }

    /// Consul's CheckType.Validate, rule by rule in its order.
    std::optional<Error> typeError(const CheckDefinition &d)
    {
        const bool intervalKind = d.isIntervalKind();
        if (d.interval.count() > 0 && d.ttl.count() > 0)
            return invalidCheck(u"Interval and TTL cannot both be specified"_s, u"Interval"_s);
        if (intervalKind && d.interval.count() <= 0)
            return invalidCheck(
                u"Interval must be > 0 for Script, HTTP, H2PING, TCP, UDP or OSService checks"_s, u"Interval"_s);
        if (intervalKind && d.isAlias())
            return invalidCheck(u"Interval cannot be set for Alias checks"_s, u"AliasService"_s);
        if (d.isAlias() && d.ttl.count() > 0)
            return invalidCheck(u"TTL must be not be set for Alias checks"_s, u"TTL"_s); // sic, Consul's text
        if (!intervalKind && !d.isAlias() && d.ttl.count() <= 0)
            return invalidCheck(u"TTL must be > 0 for TTL checks"_s, u"TTL"_s);
        if (d.outputMaxSize < 0)
            return invalidCheck(u"MaxOutputMaxSize must be positive"_s, u"OutputMaxSize"_s); // sic
        if (d.failuresBeforeWarning > d.failuresBeforeCritical)
            return invalidCheck(
                u"FailuresBeforeWarning can't be higher than FailuresBeforeCritical"_s, u"FailuresBeforeWarning"_s);
        return std::nullopt;
    }

    /// The script switch (CONSUL.md §7). Consul tests for ScriptArgs before dispatching, so it also
    /// covers Docker checks (which need Args) and a definition that would actually run as HTTP.
    std::optional<Error> scriptError(const CheckDefinition &d, const AgentConfig &agent)
    {
        if (d.scriptArgs.isEmpty())
            return std::nullopt;
        if (d.source == CheckSource::Remote) {
            if (!agent.remoteScriptChecksAllowed())
                return Error { 500,
                    u"Scripts are disabled on this agent from remote calls; to enable, configure "
                    "'enable_script_checks' to true"_s,
                    u"ScriptArgs"_s };
        } else if (!agent.localScriptChecksAllowed()) {
            return Error { 500,
                u"Scripts are disabled on this agent; to enable, configure 'enable_script_checks' or "
                "'enable_local_script_checks' to true"_s,
                u"ScriptArgs"_s };
        }
        return std::nullopt;
    }

    /// What the definition would run as, in Consul's Agent.addCheck dispatch order (which differs
    /// from the Type() precedence: HTTP + GRPC runs as HTTP). Unsupported kinds are rejected
    /// explicitly rather than registered and never run.
    std::optional<Error> unsupportedError(const CheckDefinition &d)
    {
        const auto unsupported = [](const QString &kind, const QString &field) {
            return invalidCheck(u"HealthDesk does not run %1 checks"_s.arg(kind), field);
        };
        if (d.ttl.count() > 0 || !d.http.isEmpty() || !d.tcp.isEmpty() || !d.udp.isEmpty())
            return std::nullopt;
        if (!d.grpc.isEmpty())
            return unsupported(u"gRPC"_s, u"GRPC"_s);
        if (!d.scriptArgs.isEmpty() && !d.dockerContainerId.isEmpty())
            return unsupported(u"Docker"_s, u"DockerContainerID"_s);
        if (!d.osService.isEmpty())
            return unsupported(u"OSService"_s, u"OSService"_s);
        if (!d.scriptArgs.isEmpty())
            return std::nullopt;
        if (!d.h2ping.isEmpty())
            return unsupported(u"H2PING"_s, u"H2PING"_s);
        if (d.isAlias())
            return unsupported(u"alias"_s, u"AliasService"_s);
        return std::nullopt;
    }

    /// Consul rejects a service that advertises the unspecified address (ipaddr.IsAny).
    bool isAnyAddress(const QString &address)
    {
        QString host = address;
        if (host.startsWith(u'[') && host.endsWith(u']'))
            host = host.mid(1, host.size() - 2);
        const QHostAddress parsed(host);
        return !parsed.isNull() && (parsed == QHostAddress::AnyIPv4 || parsed == QHostAddress::AnyIPv6);
    }

    Error withCheckField(Error error, qsizetype index)
    {
        error.field = u"Checks[%1]."_s.arg(index) + error.field;
        return error;
    }

} // namespace

std::optional<Error> validateCheck(
    CheckDefinition &definition, const AgentConfig &agent, const ValidationContext &context)
{
    if (definition.id.isEmpty())
        definition.id = definition.name;
    if (definition.name.isEmpty())
        return Error { 400, u"Missing check name"_s, u"Name"_s };
    if (!definition.rawStatus.isEmpty() && !checkStatusFromName(definition.rawStatus))
        return Error { 400, u"Bad check status"_s, u"Status"_s };
    if (auto error = typeError(definition))
        return error;
    if (!definition.serviceId.isEmpty() && context.serviceExists && !context.serviceExists(definition.serviceId))
        return Error { 404, u"ServiceID %1 does not exist"_s.arg(goQuote(definition.serviceId)), u"ServiceID"_s };
    if (auto error = scriptError(definition, agent))
        return error;
    if (auto error = unsupportedError(definition))
        return error;
    if (definition.failuresBeforeWarning == 0)
        definition.failuresBeforeWarning = definition.failuresBeforeCritical;
    return std::nullopt;
}

std::optional<Error> validateService(
    ServiceDefinition &service, const AgentConfig &agent, const ValidationContext &context, qsizetype *failedCheck)
{
    Q_UNUSED(context) // embedded checks always belong to the service being validated
    if (failedCheck)
        *failedCheck = -1;
    applyServiceDefaults(service);
    if (service.name.isEmpty())
        return Error { 400, u"Missing service name"_s, u"Name"_s };
    if (isAnyAddress(service.address))
        return Error { 400, u"Invalid service address"_s, u"Address"_s };

    const auto fail = [failedCheck](Error error, qsizetype index) {
        if (failedCheck)
            *failedCheck = index;
        return std::optional(withCheckField(std::move(error), index));
    };
    // Consul validates all check types, then all statuses, then adds the checks one by one.
    for (qsizetype i = 0; i < service.checks.size(); ++i) {
        if (auto error = typeError(service.checks.at(i)))
            return fail(*error, i);
    }
    for (qsizetype i = 0; i < service.checks.size(); ++i) {
        const QString &status = service.checks.at(i).rawStatus;
        if (!status.isEmpty() && !checkStatusFromName(status))
            return fail({ 400, u"Status for checks must 'passing', 'warning', 'critical'"_s, u"Status"_s }, i);
    }
    for (qsizetype i = 0; i < service.checks.size(); ++i) {
        const CheckDefinition &check = service.checks.at(i);
        if (auto error = scriptError(check, agent))
            return fail(*error, i);
        if (auto error = unsupportedError(check))
            return fail(*error, i);
    }
    for (CheckDefinition &check : service.checks) {
        if (check.failuresBeforeWarning == 0)
            check.failuresBeforeWarning = check.failuresBeforeCritical;
    }
    return std::nullopt;
}

void applyServiceDefaults(ServiceDefinition &service)
{
    if (service.id.isEmpty())
        service.id = service.name;
    const qsizetype count = service.checks.size();
    for (qsizetype i = 0; i < count; ++i) {
        CheckDefinition &check = service.checks[i];
        if (check.id.isEmpty()) {
            check.id = u"service:"_s + service.id;
            if (count > 1)
                check.id += u':' + QString::number(i + 1);
        }
        if (check.name.isEmpty())
            check.name = u"Service '"_s + service.name + u"' check"_s;
        check.serviceId = service.id;
        check.serviceName = service.name;
        check.serviceTags = service.tags;
    }
}

} // namespace HealthDesk
