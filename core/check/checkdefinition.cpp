// SPDX-License-Identifier: MIT
#include "checkdefinition.h"

#include <array>
#include <utility>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
constexpr std::array kKindNames = {
    std::pair{CheckKind::None, u""},           std::pair{CheckKind::Http, u"http"},
    std::pair{CheckKind::Tcp, u"tcp"},         std::pair{CheckKind::Udp, u"udp"},
    std::pair{CheckKind::Ttl, u"ttl"},         std::pair{CheckKind::Script, u"script"},
    std::pair{CheckKind::Grpc, u"grpc"},       std::pair{CheckKind::H2Ping, u"h2ping"},
    std::pair{CheckKind::Alias, u"alias"},     std::pair{CheckKind::Docker, u"docker"},
    std::pair{CheckKind::OsService, u"os_service"}, std::pair{CheckKind::Maintenance, u"maintenance"},
};
} // namespace

QString checkKindName(CheckKind kind)
{
    for (const auto &[k, name] : kKindNames) {
        if (k == kind)
            return QString::fromUtf16(name);
    }
    return {};
}

std::optional<CheckKind> checkKindFromName(QStringView name)
{
    for (const auto &[k, n] : kKindNames) {
        if (name == QStringView(n))
            return k;
    }
    return std::nullopt;
}

QString checkSourceName(CheckSource source)
{
    switch (source) {
    case CheckSource::Config:
        return u"config"_s;
    case CheckSource::Local:
        return u"local"_s;
    case CheckSource::Remote:
        return u"remote"_s;
    }
    return u"remote"_s;
}

std::optional<CheckSource> checkSourceFromName(QStringView name)
{
    if (name == u"config")
        return CheckSource::Config;
    if (name == u"local")
        return CheckSource::Local;
    if (name == u"remote")
        return CheckSource::Remote;
    return std::nullopt;
}

CheckKind CheckDefinition::kind() const
{
    if (maintenance)
        return CheckKind::Maintenance;
    if (!grpc.isEmpty())
        return CheckKind::Grpc;
    if (!http.isEmpty())
        return CheckKind::Http;
    if (ttl.count() > 0)
        return CheckKind::Ttl;
    if (!tcp.isEmpty())
        return CheckKind::Tcp;
    if (!udp.isEmpty())
        return CheckKind::Udp;
    if (isAlias())
        return CheckKind::Alias;
    if (!dockerContainerId.isEmpty())
        return CheckKind::Docker;
    if (!scriptArgs.isEmpty())
        return CheckKind::Script;
    if (!h2ping.isEmpty())
        return CheckKind::H2Ping;
    if (!osService.isEmpty())
        return CheckKind::OsService;
    return CheckKind::None;
}

bool CheckDefinition::isIntervalKind() const
{
    return !scriptArgs.isEmpty() || !http.isEmpty() || !tcp.isEmpty() || !udp.isEmpty() || !grpc.isEmpty()
        || !h2ping.isEmpty() || !osService.isEmpty();
}

QString CheckDefinition::target() const
{
    switch (kind()) {
    case CheckKind::Http:
        return http;
    case CheckKind::Tcp:
        return tcp;
    case CheckKind::Udp:
        return udp;
    case CheckKind::Script:
        return scriptArgs.join(u' ');
    case CheckKind::Grpc:
        return grpc;
    case CheckKind::H2Ping:
        return h2ping;
    case CheckKind::OsService:
        return osService;
    case CheckKind::Alias:
        return aliasNode.isEmpty() ? aliasService : aliasNode + u'/' + aliasService;
    case CheckKind::Docker:
        return dockerContainerId;
    default:
        return {};
    }
}

} // namespace HealthDesk
