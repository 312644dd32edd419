// SPDX-License-Identifier: MIT
#pragma once

#include "request.h"

#include <QByteArray>

#include <http_parser.h>

namespace HealthDesk::Http {

/// Incremental HTTP/1.x request parser over libhttp-parser, without sockets: feed() bytes as they
/// arrive, and it stops at each point where the transport has something to decide (headers
/// complete: limits, 100-continue; message complete: dispatch). Enforces the header and body
/// limits and the request rules the transport relies on (Host in HTTP/1.1, known Expect).
class RequestParser
{
public:
    enum class Event {
        NeedMoreData,    ///< everything fed was consumed
        HeadersComplete, ///< request() has method, target, headers; the body may follow
        MessageComplete, ///< request() is complete; call startNextMessage() once done with it
        Error,           ///< errorStatus() says which reply to send before closing
    };
    enum class Phase { Idle, Headers, Body };

    struct Step
    {
        Event event;
        qsizetype consumed; ///< bytes of the fed data used; feed the rest again
    };

    RequestParser(qsizetype maxHeaderBytes, qsizetype maxBodyBytes);
    RequestParser(const RequestParser &) = delete;
    RequestParser &operator=(const RequestParser &) = delete;

    void setLimits(qsizetype maxHeaderBytes, qsizetype maxBodyBytes);

    Step feed(const char *data, qsizetype size);

    Request &request() { return m_request; }
    const Request &request() const { return m_request; }
    /// Clears the request (keeping its buffers) after a MessageComplete.
    void startNextMessage();

    Phase phase() const { return m_phase; }
    /// Whether any byte of the current message has been seen (a fresh keep-alive connection
    /// in Idle has none).
    bool hasPartialMessage() const { return m_phase != Phase::Idle; }
    /// Counts requests whose first byte has been seen; tells two back-to-back messages apart.
    quint64 messagesBegun() const { return m_messagesBegun; }
    /// The request asked for `100 Continue` before sending its body, and is entitled to it.
    bool expectsContinue() const { return m_expectContinue; }
    qsizetype bodyBytesReceived() const { return m_bodyBytes; }

    /// After an Error event: the status to answer (400, 413, 417, 431, 505) and why.
    int errorStatus() const { return m_errorStatus; }
    const QByteArray &errorReason() const { return m_errorReason; }

private:
    static int handleMessageBegin(http_parser *parser);
    static int handleUrl(http_parser *parser, const char *at, size_t length);
    static int handleHeaderField(http_parser *parser, const char *at, size_t length);
    static int handleHeaderValue(http_parser *parser, const char *at, size_t length);
    static int handleHeadersComplete(http_parser *parser);
    static int handleBody(http_parser *parser, const char *at, size_t length);
    static int handleMessageComplete(http_parser *parser);
    static const http_parser_settings &settings();

    bool addHeaderBytes(qsizetype count);
    void finishHeaderField();
    int fail(int status, QByteArray reason);

    http_parser m_parser{};
    Request m_request;
    QByteArray m_url;
    QByteArray m_field;
    QByteArray m_value;
    qsizetype m_maxHeaderBytes;
    qsizetype m_maxBodyBytes;
    qsizetype m_headerBytes = 0;
    qsizetype m_bodyBytes = 0;
    quint64 m_messagesBegun = 0;
    QByteArray m_errorReason;
    int m_errorStatus = 0;
    Event m_pausedAt = Event::NeedMoreData;
    Phase m_phase = Phase::Idle;
    bool m_inValue = false;
    bool m_expectContinue = false;
};

} // namespace HealthDesk::Http
