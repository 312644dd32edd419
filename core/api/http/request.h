// SPDX-License-Identifier: MIT
#pragma once

#include "headerlist.h"

#include <QByteArray>
#include <QHostAddress>
#include <QList>
#include <QString>

#include <optional>
#include <utility>

namespace HealthDesk::Http {

/// One HTTP request as received: the transport fills it from the wire, tests build it directly.
/// A plain value; the byte arrays are implicitly shared, so copying it is cheap.
class Request
{
public:
    using QueryItem = std::pair<QString, QString>;

    const QByteArray &method() const { return m_method; }
    void setMethod(QByteArray method) { m_method = std::move(method); }

    /// The request-target exactly as sent ("/v1/agent/checks?pretty").
    const QByteArray &target() const { return m_target; }
    /// Sets the target and derives path() and queryItems() from it. Returns false (and leaves
    /// the path empty) when the path holds an invalid percent escape, which Go rejects with 400.
    bool setTarget(QByteArray target);

    /// Percent-decoded path; '+' stays '+'. Invalid UTF-8 becomes U+FFFD.
    const QString &path() const { return m_path; }
    /// Decoded query items in order, the way Go's url.ParseQuery reads them.
    const QList<QueryItem> &queryItems() const { return m_query; }
    bool hasQueryItem(QStringView key) const;
    /// First value; empty when absent or given without a value (`?pretty`).
    QString queryValue(QStringView key) const;
    QStringList queryValues(QStringView key) const;

    const HeaderList &headers() const { return m_headers; }
    HeaderList &headers() { return m_headers; }
    /// First value of a header (case-insensitive name), empty when absent.
    QByteArray header(QByteArrayView name) const { return m_headers.value(name); }

    const QByteArray &body() const { return m_body; }
    QByteArray &body() { return m_body; }
    void setBody(QByteArray body) { m_body = std::move(body); }

    int versionMajor() const { return m_versionMajor; }
    int versionMinor() const { return m_versionMinor; }
    void setVersion(int major, int minor);
    bool isHttp11OrLater() const { return m_versionMajor > 1 || (m_versionMajor == 1 && m_versionMinor >= 1); }

    const QHostAddress &peerAddress() const { return m_peerAddress; }
    quint16 peerPort() const { return m_peerPort; }
    void setPeer(const QHostAddress &address, quint16 port);

    /// What the client asked for: HTTP/1.1 without `Connection: close`, or HTTP/1.0 with
    /// `Connection: keep-alive`. The server may still close.
    bool wantsKeepAlive() const { return m_keepAlive; }
    void setWantsKeepAlive(bool keepAlive) { m_keepAlive = keepAlive; }

    /// True when Accept-Encoding allows gzip (a `gzip` or `*` coding whose q is not 0).
    bool acceptsGzip() const;

    /// Empties every field but keeps the allocated capacity for the next request on the same
    /// connection.
    void clear();

    /// Percent-decodes `input`; nullopt on a malformed escape. `plusIsSpace` is the query rule.
    static std::optional<QByteArray> percentDecode(QByteArrayView input, bool plusIsSpace);
    /// Go's url.ParseQuery: '&'-separated, '+' is a space, pairs with bad escapes or a ';' are
    /// dropped, a key without '=' has an empty value.
    static QList<QueryItem> parseQuery(QByteArrayView query);

private:
    QByteArray m_method;
    QByteArray m_target;
    QString m_path;
    QList<QueryItem> m_query;
    HeaderList m_headers;
    QByteArray m_body;
    QHostAddress m_peerAddress;
    quint16 m_peerPort = 0;
    quint8 m_versionMajor = 1;
    quint8 m_versionMinor = 1;
    bool m_keepAlive = true;
};

} // namespace HealthDesk::Http
