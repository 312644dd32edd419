// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>

namespace HealthDesk {

/// What a controller answers; the HTTP layer adds framing (Content-Length, Date, gzip).
struct ApiResponse
{
    int status = 200;
    QList<QPair<QByteArray, QByteArray>> headers;
    QByteArray body;

    void setHeader(const QByteArray &name, const QByteArray &value);
    std::optional<QByteArray> header(QByteArrayView name) const;

    /// Consul answers errors as plain text with the status code (`HTTPHandlers.wrap`).
    static ApiResponse text(int status, const QString &message);
    static ApiResponse json(QByteArray body, int status = 200);
    /// 405 with `Allow`, body `method <M> not allowed` like Consul.
    static ApiResponse methodNotAllowed(const QByteArray &method, const QByteArray &allow);
};

} // namespace HealthDesk
