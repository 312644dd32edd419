// SPDX-License-Identifier: MIT
#include "request.h"

#include <QStringList>
#include <algorithm>


namespace HealthDesk::Http {

namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Splits an absolute-form target ("http://host/p?q") down to its origin form ("/p?q"), which is
// all a server needs once it has decided the request is for itself.
QByteArrayView originForm(QByteArrayView target)
{
    if (target.startsWith('/') || target == "*")
        return target;
    const qsizetype scheme = target.indexOf("://");
    if (scheme < 0)
        return {}; // authority-form (CONNECT host:port): no path
    const QByteArrayView afterAuthority = target.sliced(scheme + 3);
    const qsizetype slash = afterAuthority.indexOf('/');
    const qsizetype question = afterAuthority.indexOf('?');
    if (slash >= 0 && (question < 0 || slash < question))
        return afterAuthority.sliced(slash);
    if (question >= 0)
        return afterAuthority.sliced(question); // "http://host?x" has the path "/" implied
    return "/";
}

} // namespace

bool Request::setTarget(QByteArray target)
{
    m_target = std::move(target);
    m_path.clear();
    m_query.clear();

    QByteArrayView rest = originForm(m_target);
    if (const qsizetype hash = rest.indexOf('#'); hash >= 0)
        rest = rest.first(hash);
    QByteArrayView rawPath = rest;
    if (const qsizetype question = rest.indexOf('?'); question >= 0) {
        rawPath = rest.first(question);
        m_query = parseQuery(rest.sliced(question + 1));
    }
    if (rawPath.isEmpty() && rest.startsWith('?'))
        rawPath = "/";

    // The common case has nothing to decode: skip the intermediate byte array.
    if (!rawPath.contains('%')) {
        m_path = QString::fromUtf8(rawPath);
        return true;
    }
    const std::optional<QByteArray> decoded = percentDecode(rawPath, false);
    if (!decoded)
        return false;
    m_path = QString::fromUtf8(*decoded);
    return true;
}

bool Request::hasQueryItem(QStringView key) const
{
    for (const QueryItem &item : m_query) {
        if (item.first == key)
            return true;
    }
    return false;
}

QString Request::queryValue(QStringView key) const
{
    for (const QueryItem &item : m_query) {
        if (item.first == key)
            return item.second;
    }
    return {};
}

QStringList Request::queryValues(QStringView key) const
{
    QStringList result;
    for (const QueryItem &item : m_query) {
        if (item.first == key)
            result.append(item.second);
    }
    return result;
}

void Request::setVersion(int major, int minor)
{
    m_versionMajor = quint8(major);
    m_versionMinor = quint8(minor);
}

void Request::setPeer(const QHostAddress &address, quint16 port)
{
    m_peerAddress = address;
    m_peerPort = port;
}

bool Request::acceptsGzip() const
{
    // q-values decide: "gzip;q=0" refuses gzip even when "*" would allow it.
    double gzipQ = -1;
    double anyQ = -1;
    for (const HeaderList::Field &field : m_headers) {
        if (field.first.compare("accept-encoding", Qt::CaseInsensitive) != 0)
            continue;
        QByteArrayView rest(field.second);
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            QByteArrayView item = comma < 0 ? rest : rest.first(comma);
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
            double q = 1;
            if (const qsizetype semicolon = item.indexOf(';'); semicolon >= 0) {
                QByteArrayView params = item.sliced(semicolon + 1).trimmed();
                item = item.first(semicolon);
                if (params.size() > 2 && (params[0] == 'q' || params[0] == 'Q') && params[1] == '=') {
                    bool ok = false;
                    q = params.sliced(2).trimmed().toByteArray().toDouble(&ok);
                    if (!ok)
                        q = 0;
                }
            }
            item = item.trimmed();
            if (item.compare("gzip", Qt::CaseInsensitive) == 0 || item.compare("x-gzip", Qt::CaseInsensitive) == 0)
                gzipQ = std::max(gzipQ, q);
            else if (item == "*")
                anyQ = std::max(anyQ, q);
        }
    }
    return gzipQ >= 0 ? gzipQ > 0 : anyQ > 0;
}

void Request::clear()
{
    m_method.clear();
    m_target.clear();
    m_path.clear();
    m_query.clear();
    m_headers.clear();
    m_body.clear();
    m_versionMajor = 1;
    m_versionMinor = 1;
    m_keepAlive = true;
}

std::optional<QByteArray> Request::percentDecode(QByteArrayView input, bool plusIsSpace)
{
    QByteArray out;
    out.reserve(input.size());
    for (qsizetype i = 0; i < input.size(); ++i) {
        const char c = input[i];
        if (c == '%') {
            if (i + 2 >= input.size())
                return std::nullopt;
            const int high = hexValue(input[i + 1]);
            const int low = hexValue(input[i + 2]);
            if (high < 0 || low < 0)
                return std::nullopt;
            out.append(char(high * 16 + low));
            i += 2;
        } else if (c == '+' && plusIsSpace) {
            out.append(' ');
        } else {
            out.append(c);
        }
    }
    return out;
}

QList<Request::QueryItem> Request::parseQuery(QByteArrayView query)
{
    QList<QueryItem> items;
    while (!query.isEmpty()) {
        const qsizetype amp = query.indexOf('&');
        const QByteArrayView pair = amp < 0 ? query : query.first(amp);
        query = amp < 0 ? QByteArrayView() : query.sliced(amp + 1);
        if (pair.isEmpty() || pair.contains(';'))
            continue;
        const qsizetype equals = pair.indexOf('=');
        const QByteArrayView rawKey = equals < 0 ? pair : pair.first(equals);
        const QByteArrayView rawValue = equals < 0 ? QByteArrayView() : pair.sliced(equals + 1);
        const std::optional<QByteArray> key = percentDecode(rawKey, true);
        const std::optional<QByteArray> value = percentDecode(rawValue, true);
        if (!key || !value)
            continue;
        items.emplaceBack(QString::fromUtf8(*key), QString::fromUtf8(*value));
    }
    return items;
}

} // namespace HealthDesk::Http
