// SPDX-License-Identifier: MIT
#pragma once

#include "apicall.h"
#include "apirouter.h"
#include "check/result.h"
#include "store/statestore.h"

#include <QJsonObject>

#include <functional>

namespace HealthDesk {

class BlockingQueries;
class CheckEngine;
class CheckRegistry;
class JsonWriter;
struct AgentConfig;

/// What the controllers work with; built once by the API server.
struct ApiServices
{
    StateStore &store;
    CheckRegistry &registry;
    CheckEngine &engine;
    BlockingQueries &blocking;
    const AgentConfig &config;
};

/// Shared plumbing of the Consul-compatible controllers: strict body decoding with Consul's
/// error texts, JSON with `?pretty`, Consul's query-meta headers and blocking queries.
class ApiController
{
public:
    virtual ~ApiController() = default;
    virtual void registerRoutes(ApiRouter &router) = 0;

protected:
    explicit ApiController(ApiServices &services);

    /// Decodes a JSON object body; errors are 400 `Request decode failed: …` like Consul.
    static Result<QJsonObject> decodeObject(const QByteArray &body, const QString &goType);
    /// An error as Consul's plain-text response.
    static Http::Response errorResponse(const Error &error);
    /// 200 with an empty JSON body, what Consul's write endpoints answer on success.
    static Http::Response emptyOk();
    /// A registry completion that answers `call`: emptyOk(), or the error as Consul's text.
    static std::function<void(const std::optional<Error> &)> answerWhenDone(const ApiCall &call);
    static Http::Response json(const ApiCall &call, const std::function<void(JsonWriter &)> &write);

    /// `X-Consul-Index` (never 0), `X-Consul-KnownLeader`, `X-Consul-LastContact`, …
    static void addQueryMeta(Http::Response &response, quint64 index);

    /// Parses `index`/`wait` (400 `Invalid index` / `Invalid wait time`); on success runs
    /// `query` at once or after the table's index moved past `index` or the wait ran out.
    void answerBlocking(const ApiCall &call, quint8 tables, std::function<Http::Response()> query);

    const QString &nodeName() const;

    ApiServices &m_services;
};

} // namespace HealthDesk
