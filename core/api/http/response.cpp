// SPDX-License-Identifier: MIT
#include "response.h"

namespace HealthDesk::Http {

Response::Response(int statusCode, QByteArray body)
    : m_statusCode(statusCode)
    , m_body(std::move(body))
{
}

Response Response::text(int statusCode, const QString &text)
{
    Response response(statusCode, text.toUtf8());
    response.setContentType("text/plain; charset=utf-8");
    return response;
}

Response Response::json(QByteArray body, int statusCode)
{
    Response response(statusCode, std::move(body));
    response.setContentType("application/json");
    return response;
}

void Response::setStatusCode(int statusCode, QByteArray reason)
{
    m_statusCode = statusCode;
    m_reason = std::move(reason);
}

QByteArray Response::reasonPhrase() const
{
    return m_reason.isEmpty() ? standardReasonPhrase(m_statusCode) : m_reason;
}

QByteArray Response::standardReasonPhrase(int statusCode)
{
    switch (statusCode) {
    case 100: return "Continue";
    case 101: return "Switching Protocols";
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 206: return "Partial Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 303: return "See Other";
    case 304: return "Not Modified";
    case 307: return "Temporary Redirect";
    case 308: return "Permanent Redirect";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 406: return "Not Acceptable";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 410: return "Gone";
    case 411: return "Length Required";
    case 412: return "Precondition Failed";
    case 413: return "Payload Too Large";
    case 414: return "URI Too Long";
    case 415: return "Unsupported Media Type";
    case 416: return "Range Not Satisfiable";
    case 417: return "Expectation Failed";
    case 422: return "Unprocessable Entity";
    case 429: return "Too Many Requests";
    case 431: return "Request Header Fields Too Large";
    case 500: return "Internal Server Error";
    case 501: return "Not Implemented";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    case 505: return "HTTP Version Not Supported";
    default: break;
    }
    // Unknown codes still need a reason-phrase token on the status line; RFC 9112 allows any.
    if (statusCode >= 100 && statusCode < 200)
        return "Informational";
    if (statusCode < 300)
        return "Success";
    if (statusCode < 400)
        return "Redirection";
    if (statusCode < 500)
        return "Client Error";
    return "Server Error";
}

} // namespace HealthDesk::Http
