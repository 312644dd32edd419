// SPDX-License-Identifier: MIT
#include "apirequest.h"

#include <QStringList>

namespace HealthDesk {

std::optional<QByteArray> ApiRequest::header(QByteArrayView name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return std::nullopt;
}

bool ApiRequest::hasQuery(QStringView key) const
{
    for (const auto &item : query) {
        if (item.first == key)
            return true;
    }
    return false;
}

QString ApiRequest::queryValue(QStringView key) const
{
    for (const auto &item : query) {
        if (item.first == key)
            return item.second;
    }
    return {};
}

QStringList ApiRequest::queryValues(QStringView key) const
{
    QStringList values;
    for (const auto &item : query) {
        if (item.first == key)
            values.append(item.second);
    }
    return values;
}

} // namespace HealthDesk
