// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace HealthDesk {

/// One API request as the controllers see it, independent of the transport: the HTTP layer
/// fills it from the wire, tests build it directly.
struct ApiRequest
{
    QByteArray method;
    QString path;                             ///< percent-decoded
    QList<QPair<QString, QString>> query;     ///< decoded, in order
    QList<QPair<QByteArray, QByteArray>> headers; ///< names as sent
    QByteArray body;
    QHostAddress peer;

    /// Case-insensitive header lookup (first value).
    std::optional<QByteArray> header(QByteArrayView name) const;
    bool hasQuery(QStringView key) const;
    /// First value; empty when absent or given without a value (`?pretty`).
    QString queryValue(QStringView key) const;
    QStringList queryValues(QStringView key) const;
};

} // namespace HealthDesk
