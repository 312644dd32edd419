// SPDX-License-Identifier: MIT
#pragma once

#include "checkdefinition.h"

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>

namespace HealthDesk {

/// A service as registered through `service`/`services` in config files or
/// `PUT /v1/agent/service/register`. Its embedded checks are registered as separate checks with
/// Consul's generated IDs (`service:<id>` or `service:<id>:<n>`).
struct ServiceDefinition
{
    QString id; ///< defaults to name
    QString name;
    QStringList tags;
    QString address;
    int port = 0;
    QMap<QString, QString> meta;
    bool enableTagOverride = false;
    QList<CheckDefinition> checks;

    CheckSource source = CheckSource::Remote;
    QString token;

    friend bool operator==(const ServiceDefinition &, const ServiceDefinition &) = default;
};

} // namespace HealthDesk
