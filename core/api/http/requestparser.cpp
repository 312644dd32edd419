// SPDX-License-Identifier: MIT
#include "requestparser.h"

namespace HealthDesk::Http {

namespace {

// Bodies are appended as they arrive; reserving up to this much from Content-Length saves
// reallocations without letting a client that announces 1 MiB and then stalls cost 1 MiB.
constexpr qsizetype kMaxBodyReserve = 64 * 1024;

RequestParser *self(http_parser *parser)
{
    return static_cast<RequestParser *>(parser->data);
}

} // namespace

RequestParser::RequestParser(qsizetype maxHeaderBytes, qsizetype maxBodyBytes)
    : m_maxHeaderBytes(maxHeaderBytes)
    , m_maxBodyBytes(maxBodyBytes)
{
    http_parser_init(&m_parser, HTTP_REQUEST);
    m_parser.data = this;
}

void RequestParser::setLimits(qsizetype maxHeaderBytes, qsizetype maxBodyBytes)
{
    m_maxHeaderBytes = maxHeaderBytes;
    m_maxBodyBytes = maxBodyBytes;
}

const http_parser_settings &RequestParser::settings()
{
    static const http_parser_settings settings = [] {
        http_parser_settings s;
        http_parser_settings_init(&s);
        s.on_message_begin = &RequestParser::handleMessageBegin;
        s.on_url = &RequestParser::handleUrl;
        s.on_header_field = &RequestParser::handleHeaderField;
        s.on_header_value = &RequestParser::handleHeaderValue;
        s.on_headers_complete = &RequestParser::handleHeadersComplete;
        s.on_body = &RequestParser::handleBody;
        s.on_message_complete = &RequestParser::handleMessageComplete;
        return s;
    }();
    return settings;
}

RequestParser::Step RequestParser::feed(const char *data, qsizetype size)
{
    if (m_errorStatus != 0)
        return {Event::Error, 0};
    if (size <= 0)
        return {Event::NeedMoreData, 0}; // a zero length would mean EOF to http_parser
    m_pausedAt = Event::NeedMoreData;
    const size_t consumed = http_parser_execute(&m_parser, &settings(), data, size_t(size));
    const http_errno error = HTTP_PARSER_ERRNO(&m_parser);
    if (error == HPE_PAUSED) {
        http_parser_pause(&m_parser, 0);
        return {m_pausedAt, qsizetype(consumed)};
    }
    if (error != HPE_OK) {
        if (m_errorStatus == 0) {
            m_errorStatus = error == HPE_HEADER_OVERFLOW ? 431 : 400;
            m_errorReason = http_errno_description(error);
        }
        return {Event::Error, qsizetype(consumed)};
    }
    return {Event::NeedMoreData, qsizetype(consumed)};
}

void RequestParser::startNextMessage()
{
    m_request.clear();
    m_phase = Phase::Idle;
    m_expectContinue = false;
    m_bodyBytes = 0;
}

int RequestParser::fail(int status, QByteArray reason)
{
    m_errorStatus = status;
    m_errorReason = std::move(reason);
    return -1; // any other value means something to on_headers_complete
}

bool RequestParser::addHeaderBytes(qsizetype count)
{
    m_headerBytes += count;
    return m_headerBytes <= m_maxHeaderBytes;
}

void RequestParser::finishHeaderField()
{
    m_value = std::move(m_value).trimmed();
    m_request.headers().add(std::move(m_field), std::move(m_value));
    m_field = QByteArray();
    m_value = QByteArray();
    m_inValue = false;
}

int RequestParser::handleMessageBegin(http_parser *parser)
{
    RequestParser *p = self(parser);
    ++p->m_messagesBegun;
    p->m_phase = Phase::Headers;
    p->m_headerBytes = 0;
    p->m_bodyBytes = 0;
    p->m_url.clear();
    p->m_field.clear();
    p->m_value.clear();
    p->m_inValue = false;
    p->m_expectContinue = false;
    return 0;
}

int RequestParser::handleUrl(http_parser *parser, const char *at, size_t length)
{
    RequestParser *p = self(parser);
    if (!p->addHeaderBytes(qsizetype(length)))
        return p->fail(431, "request line and header fields too large");
    p->m_url.append(at, qsizetype(length));
    return 0;
}

int RequestParser::handleHeaderField(http_parser *parser, const char *at, size_t length)
{
    RequestParser *p = self(parser);
    if (p->m_inValue)
        p->finishHeaderField();
    // ": " and CRLF count too, once per field.
    if (!p->addHeaderBytes(qsizetype(length) + (p->m_field.isEmpty() ? 4 : 0)))
        return p->fail(431, "request line and header fields too large");
    p->m_field.append(at, qsizetype(length));
    return 0;
}

int RequestParser::handleHeaderValue(http_parser *parser, const char *at, size_t length)
{
    RequestParser *p = self(parser);
    p->m_inValue = true;
    if (!p->addHeaderBytes(qsizetype(length)))
        return p->fail(431, "request line and header fields too large");
    p->m_value.append(at, qsizetype(length));
    return 0;
}

int RequestParser::handleHeadersComplete(http_parser *parser)
{
    RequestParser *p = self(parser);
    if (p->m_inValue || !p->m_field.isEmpty())
        p->finishHeaderField();
    Request &request = p->m_request;
    // Debian builds libhttp-parser non-strict, which lets a space into header names; Go (and
    // so Consul) answers such requests with 400.
    for (const HeaderList::Field &field : request.headers()) {
        if (!HeaderList::isValidName(field.first))
            return p->fail(400, "invalid header field name");
    }
    // The parser only accepts methods it knows, spelled as its static table spells them, so
    // the name can be shared instead of copied per request.
    const char *method = http_method_str(http_method(parser->method));
    request.setMethod(QByteArray::fromRawData(method, qsizetype(qstrlen(method))));
    request.setVersion(parser->http_major, parser->http_minor);
    if (!request.setTarget(std::move(p->m_url)))
        return p->fail(400, "invalid percent-encoding in the request target");
    p->m_url = QByteArray();
    if (parser->http_major != 1)
        return p->fail(505, "only HTTP/1.x is served here");
    if (request.isHttp11OrLater() && !request.headers().contains("Host"))
        return p->fail(400, "missing required Host header");
    request.setWantsKeepAlive(http_should_keep_alive(parser) != 0);

    const bool chunked = (parser->flags & F_CHUNKED) != 0;
    const bool hasLength = (parser->flags & F_CONTENTLENGTH) != 0;
    // Refuse before reading a byte of the body: the client may be waiting for 100 Continue.
    if (hasLength && parser->content_length > quint64(p->m_maxBodyBytes))
        return p->fail(413, "request body too large");

    const QList<QByteArray> expect = request.headers().values("Expect");
    if (!expect.isEmpty()) {
        if (expect.size() != 1 || expect.first().compare("100-continue", Qt::CaseInsensitive) != 0)
            return p->fail(417, "unsupported Expect");
        // HTTP/1.0 clients do not understand 1xx replies (RFC 9110 §10.1.1), so they get none.
        p->m_expectContinue = request.isHttp11OrLater() && (chunked || (hasLength && parser->content_length > 0));
    }

    if (hasLength && parser->content_length > 0)
        request.body().reserve(qsizetype(std::min<quint64>(parser->content_length, kMaxBodyReserve)));

    // This server never switches protocols; without this, a request carrying "Connection:
    // upgrade" (or a CONNECT) would have its body taken for the next request.
    parser->upgrade = 0;

    p->m_phase = Phase::Body;
    p->m_pausedAt = Event::HeadersComplete;
    http_parser_pause(parser, 1);
    return 0;
}

int RequestParser::handleBody(http_parser *parser, const char *at, size_t length)
{
    RequestParser *p = self(parser);
    p->m_bodyBytes += qsizetype(length);
    if (p->m_bodyBytes > p->m_maxBodyBytes)
        return p->fail(413, "request body too large");
    p->m_request.body().append(at, qsizetype(length));
    return 0;
}

int RequestParser::handleMessageComplete(http_parser *parser)
{
    RequestParser *p = self(parser);
    p->m_phase = Phase::Idle;
    p->m_pausedAt = Event::MessageComplete;
    http_parser_pause(parser, 1);
    return 0;
}

} // namespace HealthDesk::Http
