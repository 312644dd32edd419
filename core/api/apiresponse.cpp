// SPDX-License-Identifier: MIT
#include "apiresponse.h"

#include <optional>

namespace HealthDesk {

void ApiResponse::setHeader(const QByteArray &name, const QByteArray &value)
{
    for (auto &[key, existing] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0) {
            existing = value;
            return;
        }
    }
    headers.append({name, value});
}

std::optional<QByteArray> ApiResponse::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

ApiResponse ApiResponse::text(int status, const QString &message)
{
    ApiResponse response;
    response.status = status;
    response.setHeader("Content-Type", "text/plain; charset=utf-8");
    response.body = message.toUtf8();
    return response;
}

ApiResponse ApiResponse::json(QByteArray body, int status)
{
    ApiResponse response;
    response.status = status;
    response.setHeader("Content-Type", "application/json");
    response.body = std::move(body);
    return response;
}

ApiResponse ApiResponse::methodNotAllowed(const QByteArray &method, const QByteArray &allow)
{
    ApiResponse response = text(405, QStringLiteral("method %1 not allowed").arg(QString::fromLatin1(method)));
    response.setHeader("Allow", allow);
    return response;
}

} // namespace HealthDesk
