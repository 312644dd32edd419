// SPDX-License-Identifier: MIT
#pragma once

#include "agentconfig.h"

#include "check/checkdefinition.h"
#include "check/checkvalidator.h"
#include "check/result.h"
#include "check/servicedefinition.h"

#include <QList>
#include <QStringList>

namespace HealthDesk {

/// Everything a set of Consul agent-config files defines, validated and ready to register.
struct LoadedConfig
{
    AgentConfig agent;
    QList<CheckDefinition> checks; ///< source Config; IDs defaulted; in file order
    QList<ServiceDefinition> services; ///< source Config; embedded checks with generated IDs
    QStringList warnings; ///< settings ignored, definitions replaced by later files
    QStringList files; ///< the files read, in the order read
};

/// Reads every `*.json` file of each directory (directories in the given order, files in
/// lexical order), as Consul's `-config-dir` does. Agent settings of later files override
/// earlier ones; checks and services accumulate (a later definition with the same ID replaces an
/// earlier one, with a warning). Keys match Consul's in snake_case or CamelCase, any case.
///
/// All or nothing: the first problem fails the whole load, its message naming the file:
///  - `<file>:<line>:<column>: <parse error>` for malformed JSON;
///  - `<file>: invalid config key <key>` for keys that are not Consul settings (real Consul
///    settings HealthDesk does not use only warn: `<file>: ignoring Consul setting "<key>" (not
///    used by HealthDesk)`);
///  - `<file>: config key <key>: expected …` for values of the wrong type;
///  - `<file>: check "<id>": <validator message>` / `<file>: service "<id>": [check "<id>": ]…`
///    when a definition fails decoding or CheckValidator (with source Config, against the
///    merged agent settings, so a later file's enable_local_script_checks counts).
/// A directory that does not exist is an error; an empty one is fine. `outside` lets checks refer
/// to services registered elsewhere (the running agent); services of the files always count.
Result<LoadedConfig> loadConfigDirectories(const QStringList &dirs, const ValidationContext &outside = {});

/// The same for one file ("Import a Consul config file"): as if it were alone in a directory,
/// whatever its name ends with.
Result<LoadedConfig> loadConfigFile(const QString &path, const ValidationContext &outside = {});

} // namespace HealthDesk
