// SPDX-License-Identifier: MIT
#pragma once

#include "httpdispatcher.h"
#include "httpexchange.h"
#include "probe.h"

#include <QByteArray>
#include <QMap>
#include <QString>
#include <QStringList>

#include <memory>

namespace HealthDesk {

struct CheckDefinition;

/// Consul's HTTP check (CONSUL.md §1.1): one request per run on a new connection, 2xx passing,
/// 429 warning, anything else critical; the output is `HTTP <METHOD> <URL>: <status> Output:
/// <tail of the body>`, and transport failures read like Go's client errors.
///
/// Redirects are followed as Go's client follows them (nine hops at most; 301/302/303 turn the
/// method into GET and drop the body; Referer added; credentials dropped across hosts), each hop
/// through the dispatcher; one deadline covers the whole chain. At most kMaxBodyBytes of body
/// are read; only the tail the output limit allows is kept.
///
/// Idle probes hold only the definition's (implicitly shared) strings; the connection, parser and
/// body buffer exist only while a run is in flight. The timeout starts when the first request is
/// really sent, not while it waits for a connection slot.
class HttpProbe final : public Probe, private HttpDispatcher::Client, private HttpExchange::Receiver
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpProbe)

public:
    static constexpr qint64 kDefaultTimeoutMs = 10'000;
    /// Body bytes read at most; past this the response is judged on what was read.
    static constexpr qint64 kMaxBodyBytes = 4 * 1024 * 1024;
    /// Go's client gives up on the 10th redirect response, i.e. follows nine.
    static constexpr int kMaxRedirects = 9;

    /// `outputLimit` is the effective limit: the agent's, lowered by the check's OutputMaxSize.
    HttpProbe(const CheckDefinition &definition, HttpDispatcher &dispatcher, int outputLimit,
              QObject *parent = nullptr);
    ~HttpProbe() override;

    void start() override;
    void cancel() override;

protected:
    void timerEvent(QTimerEvent *event) override;

private:
    struct Run;

    void dispatched() override;
    bool handleExchangeBody(QByteArrayView data) override;
    void handleExchangeEnded() override;
    void completeHop();
    /// Starts the next hop when the response is a redirect to follow; true when the run goes on.
    bool followRedirect();
    void handleTimeout();
    ProbeResult responseResult() const;
    QString urlError(const QString &url, const QString &reason) const;
    /// The URL Go names in errors: as configured on the first hop, the resolved one after.
    QString currentUrlText() const;
    void fail(const QString &output);
    void finish(ProbeResult result);

    HttpDispatcher &m_dispatcher;
    QString m_url; ///< as configured; outputs show it verbatim
    QString m_method;
    QMap<QString, QStringList> m_header;
    QByteArray m_body;
    QString m_tlsServerName;
    QString m_invalid; ///< Go's error when no request can be built; empty otherwise
    std::unique_ptr<Run> m_run;
    qint64 m_timeoutMs;
    int m_outputLimit;
    quint32 m_generation = 0;
    bool m_followRedirects;
    bool m_skipVerify;
    bool m_redirected = false; ///< the dispatcher's host key is a redirect target's
};

} // namespace HealthDesk
