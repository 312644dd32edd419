// SPDX-License-Identifier: MIT
#pragma once

#include "headerlist.h"

#include <QByteArray>
#include <QString>

namespace HealthDesk::Http {

/// What a handler answers. The transport owns the framing: it sets Content-Length, Date and
/// Connection itself (values set here for those are replaced) and may gzip the body.
class Response
{
public:
    Response() = default;
    explicit Response(int statusCode, QByteArray body = {});

    /// Plain text, `text/plain; charset=utf-8` — Consul's error bodies.
    static Response text(int statusCode, const QString &text);
    static Response json(QByteArray body, int statusCode = 200);

    int statusCode() const { return m_statusCode; }
    /// An empty `reason` means the standard phrase for the code.
    void setStatusCode(int statusCode, QByteArray reason = {});
    QByteArray reasonPhrase() const;
    static QByteArray standardReasonPhrase(int statusCode);

    const HeaderList &headers() const { return m_headers; }
    HeaderList &headers() { return m_headers; }
    void setHeader(QByteArray name, QByteArray value) { m_headers.set(std::move(name), std::move(value)); }
    void addHeader(QByteArray name, QByteArray value) { m_headers.add(std::move(name), std::move(value)); }
    QByteArray header(QByteArrayView name) const { return m_headers.value(name); }

    QByteArray contentType() const { return m_headers.value("Content-Type"); }
    void setContentType(QByteArray contentType) { m_headers.set("Content-Type", std::move(contentType)); }

    const QByteArray &body() const { return m_body; }
    void setBody(QByteArray body) { m_body = std::move(body); }

private:
    int m_statusCode = 200;
    QByteArray m_reason;
    HeaderList m_headers;
    QByteArray m_body;
};

} // namespace HealthDesk::Http
