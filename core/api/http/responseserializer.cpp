// SPDX-License-Identifier: MIT
#include "responseserializer.h"

#include "response.h"
#include "serveroptions.h"

namespace HealthDesk::Http {

namespace {

bool isFramingHeader(QByteArrayView name)
{
    for (QByteArrayView owned : {QByteArrayView("Content-Length"), QByteArrayView("Transfer-Encoding"),
                                 QByteArrayView("Connection"), QByteArrayView("Keep-Alive"), QByteArrayView("Date")}) {
        if (name.size() == owned.size() && name.compare(owned, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

// A value that echoes client input must not be able to start a new header line or a second
// response; Go's net/http turns the line breaks into spaces the same way.
void appendFieldValue(QByteArray &out, QByteArrayView value)
{
    if (!value.contains('\r') && !value.contains('\n') && !value.contains('\0')) {
        out.append(value);
        return;
    }
    for (char c : value)
        out.append(c == '\r' || c == '\n' || c == '\0' ? ' ' : c);
}

bool bodyForbidden(int status)
{
    return (status >= 100 && status < 200) || status == 204 || status == 304;
}

} // namespace

ResponseSerializer::ResponseSerializer(const ServerOptions &options)
    : m_gzip(options.gzipLevel)
    , m_gzipMinBytes(options.gzipMinBytes)
{
}

void ResponseSerializer::setOptions(const ServerOptions &options)
{
    m_gzip.setLevel(options.gzipLevel);
    m_gzipMinBytes = options.gzipMinBytes;
}

QByteArray ResponseSerializer::serialize(const Response &response, const ReplyContext &context, bool *keepAlive)
{
    const int status = response.statusCode();
    const HeaderList &headers = response.headers();
    const bool noBody = bodyForbidden(status);
    const bool stayOpen = context.keepAlive && !headers.hasToken("Connection", "close");
    if (keepAlive)
        *keepAlive = stayOpen;

    QByteArray body = noBody ? QByteArray() : response.body();
    bool gzipped = false;
    bool varies = false;
    if (!noBody && m_gzipMinBytes >= 0 && body.size() >= m_gzipMinBytes && !headers.contains("Content-Encoding")) {
        varies = !headers.hasToken("Vary", "Accept-Encoding");
        if (context.acceptsGzip && !context.head) {
            QByteArray compressed = m_gzip.compress(body);
            if (!compressed.isEmpty() && compressed.size() < body.size()) {
                body = std::move(compressed);
                gzipped = true;
            }
        }
    }

    QByteArray out;
    qsizetype headerEstimate = 160;
    for (const HeaderList::Field &field : headers)
        headerEstimate += field.first.size() + field.second.size() + 4;
    out.reserve(headerEstimate + (context.head ? 0 : body.size()));

    out.append("HTTP/1.1 ");
    out.append(QByteArray::number(status));
    out.append(' ');
    appendFieldValue(out, response.reasonPhrase());
    out.append("\r\n");
    for (const HeaderList::Field &field : headers) {
        if (isFramingHeader(field.first) || !HeaderList::isValidName(field.first))
            continue;
        out.append(field.first);
        out.append(": ");
        appendFieldValue(out, field.second);
        out.append("\r\n");
    }
    if (gzipped)
        out.append("Content-Encoding: gzip\r\n");
    if (varies)
        out.append("Vary: Accept-Encoding\r\n");
    if (!noBody) {
        out.append("Content-Length: ");
        out.append(QByteArray::number(body.size()));
        out.append("\r\n");
    }
    out.append("Date: ");
    out.append(m_date.current());
    out.append("\r\n");
    if (!stayOpen)
        out.append("Connection: close\r\n");
    else if (context.http10)
        out.append("Connection: keep-alive\r\n");
    out.append("\r\n");
    if (!context.head)
        out.append(body);
    return out;
}

} // namespace HealthDesk::Http
