// SPDX-License-Identifier: MIT
#include "httpprobe.h"

#include "check/checkdefinition.h"
#include "clock.h"
#include "goerrortext.h"
#include "outputtail.h"

#include <QTimerEvent>
#include <QUrl>

#include <chrono>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
// RFC 9110 token characters; Go's client rejects any other method before dialling.
bool isToken(QStringView text)
{
    if (text.isEmpty())
        return false;
    for (const QChar c : text) {
        const char16_t u = c.unicode();
        const bool alnum = (u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9');
        if (!alnum && !QStringView(u"!#$%&'*+-.^_`|~").contains(c))
            return false;
    }
    return true;
}

bool isHttpScheme(const QString &scheme)
{
    return scheme.compare(u"http", Qt::CaseInsensitive) == 0 || scheme.compare(u"https", Qt::CaseInsensitive) == 0;
}

QString hostKeyFor(const QUrl &url)
{
    return HttpDispatcher::hostKey(url.scheme(), url.host(), url.port());
}

// Go forwards credentials on a redirect only to the same host or one of its subdomains.
bool isDomainOrSubdomain(const QString &child, const QString &parent)
{
    return child.compare(parent, Qt::CaseInsensitive) == 0
        || (child.endsWith(parent, Qt::CaseInsensitive) && child.size() > parent.size()
            && child.at(child.size() - parent.size() - 1) == u'.' && !parent.contains(u':'));
}

bool isSensitiveHeader(const QString &name)
{
    for (const QStringView sensitive : {u"Authorization", u"Www-Authenticate", u"Cookie", u"Cookie2"}) {
        if (name.compare(sensitive, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}
} // namespace

/// Everything a run needs beyond the definition; exists only while a run is in flight.
struct HttpProbe::Run
{
    explicit Run(qsizetype outputLimit) : tail(outputLimit) {}

    OutputTail tail;
    std::unique_ptr<HttpExchange> exchange;
    QUrl url; ///< the current hop's
    QByteArray verb;
    QByteArray referer;
    qint64 sentNs = 0;
    int timerId = 0;
    int redirects = 0;
    bool sendBody = true;
    bool keepHostHeader = true;
    bool keepCredentials = true;
    bool starting = false;        ///< inside exchange->start()
    bool endedWhileStarting = false;
};

HttpProbe::HttpProbe(const CheckDefinition &definition, HttpDispatcher &dispatcher, int outputLimit,
                     QObject *parent)
    : Probe(parent)
    , HttpDispatcher::Client(hostKeyFor(QUrl(definition.http)))
    , m_dispatcher(dispatcher)
    , m_url(definition.http)
    , m_method(definition.method.isEmpty() ? u"GET"_s : definition.method)
    , m_header(definition.header)
    , m_body(definition.body.toUtf8())
    , m_tlsServerName(definition.tlsServerName)
    , m_timeoutMs(definition.timeout.count() > 0 ? std::max<qint64>(1, definition.timeout.count() / 1'000'000)
                                                 : kDefaultTimeoutMs)
    , m_outputLimit(outputLimit)
    , m_followRedirects(!definition.disableRedirects)
    , m_skipVerify(definition.tlsSkipVerify)
{
    // Everything Go's http.NewRequest or Client.Do rejects before dialling is decided once here.
    const QUrl url(m_url);
    if (!isToken(m_method))
        m_invalid = u"net/http: invalid method \""_s + m_method + u'"';
    else if (!url.isValid())
        m_invalid = u"parse \""_s + m_url + u"\": "_s + url.errorString();
    else if (!isHttpScheme(url.scheme()))
        m_invalid = urlError(m_url, u"unsupported protocol scheme \""_s + url.scheme().toLower() + u'"');
    else if (url.host().isEmpty())
        m_invalid = urlError(m_url, u"http: no Host in request URL"_s);
}

HttpProbe::~HttpProbe()
{
    cancel();
}

QString HttpProbe::urlError(const QString &url, const QString &reason) const
{
    return GoErrorText::urlErrorOp(m_method) + u" \""_s + url + u"\": "_s + reason;
}

QString HttpProbe::currentUrlText() const
{
    return m_run->redirects == 0 ? m_url : m_run->url.toString(QUrl::RemoveUserInfo);
}

void HttpProbe::start()
{
    Q_ASSERT(!m_run);
    m_run = std::make_unique<Run>(m_outputLimit);
    if (!m_invalid.isEmpty()) {
        // Results are never emitted from inside start(): callers expect the run to be in flight.
        QMetaObject::invokeMethod(
            this,
            [this, generation = m_generation] {
                if (generation == m_generation && m_run)
                    fail(m_invalid);
            },
            Qt::QueuedConnection);
        return;
    }
    m_run->url = QUrl(m_url);
    m_run->verb = m_method.toLatin1();
    if (m_redirected) {
        setHostKey(hostKeyFor(m_run->url));
        m_redirected = false;
    }
    m_dispatcher.submit(*this);
}

void HttpProbe::cancel()
{
    ++m_generation;
    if (!m_run)
        return;
    m_dispatcher.release(*this);
    if (m_run->timerId)
        killTimer(m_run->timerId);
    m_run.reset();
}

void HttpProbe::dispatched()
{
    Run &run = *m_run;
    HttpExchange::Request request;
    request.url = run.url;
    request.method = run.verb;
    bool hasUserAgent = false;
    bool hasAccept = false;
    request.headers.reserve(m_header.size() + 3);
    for (auto it = m_header.cbegin(); it != m_header.cend(); ++it) {
        const QString &name = it.key();
        if (name.compare(u"Host", Qt::CaseInsensitive) == 0) {
            // The virtual host; Go keeps it across a redirect only when the Location is relative.
            if (run.keepHostHeader && !it.value().isEmpty())
                request.host = it.value().constFirst().toUtf8();
            continue;
        }
        if (name.compare(u"Connection", Qt::CaseInsensitive) == 0)
            continue; // always "close": keep-alives are off, as in Consul's transport
        if (!run.keepCredentials && isSensitiveHeader(name))
            continue;
        hasUserAgent = hasUserAgent || name.compare(u"User-Agent", Qt::CaseInsensitive) == 0;
        hasAccept = hasAccept || name.compare(u"Accept", Qt::CaseInsensitive) == 0;
        // Like Go: one header line per value, the name exactly as configured.
        const QByteArray latin1Name = name.toLatin1();
        for (const QString &value : it.value())
            request.headers.emplaceBack(latin1Name, value.toUtf8());
    }
    if (!hasUserAgent)
        request.headers.emplaceBack(QByteArrayLiteral("User-Agent"), QByteArrayLiteral("Consul Health Check"));
    if (!hasAccept)
        request.headers.emplaceBack(QByteArrayLiteral("Accept"), QByteArrayLiteral("text/plain, text/*, */*"));
    if (!run.referer.isEmpty() && !m_header.contains(u"Referer"_s))
        request.headers.emplaceBack(QByteArrayLiteral("Referer"), run.referer);
    if (run.sendBody && !m_body.isEmpty() && run.verb != "HEAD")
        request.body = m_body;
    // Go announces an empty body for these methods.
    request.announceEmptyBody = run.verb == "POST" || run.verb == "PUT" || run.verb == "PATCH";
    request.peerVerifyName = m_tlsServerName;
    request.ssl = m_dispatcher.sslConfiguration(m_skipVerify);
    request.proxy = m_dispatcher.proxyFor(run.url);

    if (run.timerId == 0) {
        // One deadline for the whole redirect chain, counted from the first request sent.
        run.sentNs = SystemClock::instance().monotonicNs();
        run.timerId = startTimer(std::chrono::milliseconds(m_timeoutMs), Qt::PreciseTimer);
    }
    run.exchange = std::make_unique<HttpExchange>(static_cast<HttpExchange::Receiver &>(*this));
    run.starting = true;
    run.exchange->start(request);
    run.starting = false;
    if (run.endedWhileStarting) {
        // An immediate refusal: report it from the event loop, never from inside start() or
        // from inside another client's release().
        run.endedWhileStarting = false;
        QMetaObject::invokeMethod(
            this,
            [this, generation = m_generation] {
                if (generation == m_generation && m_run)
                    completeHop();
            },
            Qt::QueuedConnection);
    }
}

bool HttpProbe::handleExchangeBody(QByteArrayView data)
{
    OutputTail &tail = m_run->tail;
    const qint64 room = kMaxBodyBytes - tail.total();
    tail.append(data.first(std::min<qsizetype>(data.size(), room)));
    return tail.total() < kMaxBodyBytes;
}

void HttpProbe::handleExchangeEnded()
{
    if (m_run->starting) {
        m_run->endedWhileStarting = true;
        return;
    }
    completeHop();
}

void HttpProbe::completeHop()
{
    m_dispatcher.release(*this);
    const HttpExchange &exchange = *m_run->exchange;
    if (!exchange.headersComplete()) {
        fail(urlError(currentUrlText(), exchange.failure()));
        return;
    }
    if (followRedirect())
        return;
    finish(responseResult());
}

bool HttpProbe::followRedirect()
{
    Run &run = *m_run;
    const HttpExchange &exchange = *run.exchange;
    const int code = exchange.statusCode();
    if (!m_followRedirects || (code != 301 && code != 302 && code != 303 && code != 307 && code != 308))
        return false;
    // A 3xx without Location is the response itself, as in Go.
    const QByteArray location = exchange.location().trimmed();
    if (location.isEmpty())
        return false;
    // 307/308 must repeat the method and body; Go can (its body is a bytes buffer), and so can we.
    if (code != 307 && code != 308) {
        if (run.verb != "GET" && run.verb != "HEAD")
            run.verb = QByteArrayLiteral("GET");
        run.sendBody = false;
    }
    const QUrl reference = QUrl::fromEncoded(location);
    if (!reference.isValid()) {
        fail(urlError(currentUrlText(), u"failed to parse Location header \""_s + QString::fromLatin1(location)
                                            + u"\": "_s + reference.errorString()));
        return true;
    }
    if (run.redirects >= kMaxRedirects) {
        // Go names the URL whose response was one redirect too many.
        fail(urlError(currentUrlText(), u"stopped after 10 redirects"_s));
        return true;
    }
    const QUrl previous = run.url;
    run.url = previous.resolved(reference);
    ++run.redirects;
    run.keepHostHeader = reference.isRelative();
    run.keepCredentials = isDomainOrSubdomain(run.url.host(), previous.host());
    run.referer = previous.scheme() == u"https" && run.url.scheme() == u"http"
        ? QByteArray()
        : previous.toEncoded(QUrl::RemoveUserInfo | QUrl::RemoveFragment);
    run.tail.clear(); // only the final response's body is the output
    if (!isHttpScheme(run.url.scheme())) {
        fail(urlError(currentUrlText(), u"unsupported protocol scheme \""_s + run.url.scheme() + u'"'));
        return true;
    }
    run.exchange.reset();
    setHostKey(hostKeyFor(run.url));
    m_redirected = true;
    m_dispatcher.submit(*this);
    return true;
}

void HttpProbe::timerEvent(QTimerEvent *event)
{
    if (!m_run || event->timerId() != m_run->timerId) {
        Probe::timerEvent(event);
        return;
    }
    handleTimeout();
}

void HttpProbe::handleTimeout()
{
    m_dispatcher.release(*this);
    if (m_run->exchange && m_run->exchange->headersComplete()) {
        // Go logs a body read that hits the deadline and judges the response on its status.
        finish(responseResult());
        return;
    }
    fail(urlError(currentUrlText(), u"context deadline exceeded (Client.Timeout exceeded while awaiting headers)"_s));
}

ProbeResult HttpProbe::responseResult() const
{
    const HttpExchange &exchange = *m_run->exchange;
    ProbeResult result;
    const int code = exchange.statusCode();
    result.code = code;
    if (code >= 200 && code <= 299)
        result.status = CheckStatus::Passing;
    else if (code == 429)
        result.status = CheckStatus::Warning;
    else
        result.status = CheckStatus::Critical;
    // Go's resp.Status is the status line after the version: the code, then the reason if any.
    QString status = QString::number(code);
    if (!exchange.reasonPhrase().isEmpty())
        status += u' ' + QString::fromLatin1(exchange.reasonPhrase());
    result.output = u"HTTP "_s + m_method + u' ' + m_url + u": "_s + status + u" Output: "_s
        + QString::fromUtf8(m_run->tail.bytes());
    return result;
}

void HttpProbe::fail(const QString &output)
{
    ProbeResult result;
    result.output = output;
    finish(std::move(result));
}

void HttpProbe::finish(ProbeResult result)
{
    m_dispatcher.release(*this);
    result.latencyUs = m_run->sentNs ? (SystemClock::instance().monotonicNs() - m_run->sentNs) / 1000 : 0;
    if (m_run->timerId)
        killTimer(m_run->timerId);
    m_run.reset(); // closes the connection if it is still open
    ++m_generation;
    // Last statement: a receiver may delete this probe.
    emit finished(result);
}

} // namespace HealthDesk
