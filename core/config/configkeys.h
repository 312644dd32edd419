// SPDX-License-Identifier: MIT
#pragma once

#include <QString>
#include <QStringView>

#include <span>

namespace HealthDesk::ConfigKeys {

/// How a Consul agent-config key is treated.
enum class Type : quint8 {
    String,
    Bool,
    Int,
    Duration,
    StringList,
    Object, ///< a block whose own keys are listed in KeySpec::children
    Definitions, ///< `check`/`checks`/`service`/`services`: one object or an array of them
    Ignored, ///< a real Consul setting HealthDesk does not use: warned about, not an error
};

/// Where a value goes once read.
enum class Target : quint8 {
    None,
    NodeName,
    Datacenter,
    EnableScriptChecks,
    EnableLocalScriptChecks,
    CheckOutputMaxSize,
    CheckUpdateInterval,
    HttpAddress,
    HttpPort,
    AclEnabled,
    AclDefaultPolicy,
    AclAgentToken,
    AclDefaultToken,
    LegacyAclToken, ///< `acl_token`: the default token when acl.tokens.default is unset
    LegacyAclAgentToken, ///< `acl_agent_token`
    LegacyAclDefaultPolicy, ///< `acl_default_policy`
    AllowedOrigins,
    Check,
    Service,
};

struct KeySpec
{
    QStringView name; ///< Consul's snake_case spelling
    Type type;
    Target target = Target::None;
    std::span<const KeySpec> children = {};
};

/// The top level of Consul's agent configuration as HealthDesk reads it.
std::span<const KeySpec> topLevel();

/// Keys match case-insensitively and with or without underscores, so `node_name`, `NodeName`
/// and `nodename` are the same key.
const KeySpec *find(std::span<const KeySpec> keys, QStringView key);

} // namespace HealthDesk::ConfigKeys
