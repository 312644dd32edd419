// SPDX-License-Identifier: MIT
#pragma once

#include "checkstatus.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

#include <chrono>
#include <optional>

namespace HealthDesk {

using Nanoseconds = std::chrono::nanoseconds;

/// What a check probes. The order of Consul's `CheckType.Type()` precedence lives in
/// CheckDefinition::type(), not here.
enum class CheckKind : quint8 {
    None,
    Http,
    Tcp,
    Udp,
    Ttl,
    Script,
    Grpc,
    H2Ping,
    Alias,
    Docker,
    OsService,
    Maintenance,
};

/// Consul's `Type` strings: "http", "tcp", "ttl", "script", "maintenance", … ("" for None).
QString checkKindName(CheckKind kind);
std::optional<CheckKind> checkKindFromName(QStringView name);

/// Where a registration came from; decides which script-check switch applies (CONSUL.md §7)
/// and whether a config reload may remove it.
enum class CheckSource : quint8 {
    Config, ///< a --config-dir file: Consul's "local"
    Local,  ///< the desktop UI: also "local" for the script switch
    Remote, ///< the HTTP API: Consul's "remote"
};

QString checkSourceName(CheckSource source);
std::optional<CheckSource> checkSourceFromName(QStringView name);

/// One check as registered: Consul's CheckDefinition/CheckType in one value type.
/// Durations are nanoseconds; zero means "not set" exactly where Consul treats 0 that way.
struct CheckDefinition
{
    QString id; ///< defaults to name at validation
    QString name;
    QString notes;
    QString serviceId;
    QString serviceName; ///< filled from the service at registration
    QStringList serviceTags;
    std::optional<CheckStatus> initialStatus; ///< `Status` in the request; critical when absent
    /// A `Status` text that is none of passing/warning/critical, kept as received: decoding
    /// accepts it and validation rejects it (`Bad check status`), in Consul's order. Empty when
    /// the status was valid or absent.
    QString rawStatus;

    Nanoseconds interval{0};
    Nanoseconds timeout{0};
    Nanoseconds ttl{0};
    Nanoseconds deregisterCriticalServiceAfter{0};

    // HTTP
    QString http;
    QString method;
    QMap<QString, QStringList> header; ///< keys kept verbatim, as Consul does
    QString body;
    bool disableRedirects = false;
    QString tlsServerName;
    bool tlsSkipVerify = false;

    // TCP / UDP
    QString tcp;
    bool tcpUseTls = false;
    QString udp;

    // Script
    QStringList scriptArgs;

    // Kinds HealthDesk decodes and validates but does not probe (yet); kept so that a
    // definition round-trips and the error is explicit.
    QString grpc;
    bool grpcUseTls = false;
    QString h2ping;
    bool h2pingUseTls = false; ///< decoding makes it true when H2PING is set, unless given false
    QString osService;
    QString dockerContainerId;
    QString shell;
    QString aliasNode;
    QString aliasService;

    int successBeforePassing = 0;
    int failuresBeforeWarning = 0;
    int failuresBeforeCritical = 0;
    int outputMaxSize = 0; ///< 0 = the agent's check_output_max_size

    /// Consul's maintenance mode: a critical check of type "maintenance" that nothing probes
    /// (`_node_maintenance`, `_service_maintenance:<id>`). Set only by CheckRegistry.
    bool maintenance = false;

    CheckSource source = CheckSource::Remote;
    QString token; ///< ACL token the registration carried

    /// Consul's `CheckType.Type()` precedence: grpc, http, ttl, tcp, udp, alias, docker,
    /// script, h2ping, os_service.
    CheckKind kind() const;
    /// Any of Args, HTTP, TCP, UDP, GRPC, H2PING or OSService present (CONSUL.md §3.3).
    bool isIntervalKind() const;
    bool isAlias() const { return !aliasService.isEmpty() || !aliasNode.isEmpty(); }
    /// The URL, address or command line an operator recognises the check by.
    QString target() const;

    friend bool operator==(const CheckDefinition &, const CheckDefinition &) = default;
};

} // namespace HealthDesk
