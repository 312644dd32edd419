// SPDX-License-Identifier: MIT
// libFuzzer target: raw bytes → the HTTP request parser → the API router and controllers, backed
// by a real store and registry. Every complete request is dispatched; nothing may crash, hang or
// trip a sanitizer. The engine's clock never moves, so registered checks never run (the runner
// script also isolates the process from the network).
#include "agentruntime.h"
#include "api/apiserver.h"
#include "api/http/requestparser.h"
#include "fakeclock.h"
#include "registry/checkregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

using namespace HealthDesk;

namespace {
struct Harness
{
    Harness()
    {
        static int argc = 1;
        static char name[] = "fuzz_http_api";
        static char *argv[] = {name, nullptr};
        app = std::make_unique<QCoreApplication>(argc, argv);
        config.nodeName = QStringLiteral("fuzz");
        runtime = std::move(AgentRuntime::create(dir.path(), config, clock)).value();
        api = std::make_unique<ApiServer>(runtime->store(), runtime->registry(), runtime->engine(), config);
    }
    void drainEvents()
    {
        QElapsedTimer timer;
        timer.start();
        while (timer.elapsed() < 5)
            QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }

    std::unique_ptr<QCoreApplication> app;
    QTemporaryDir dir;
    Test::FakeClock clock;
    AgentConfig config;
    std::unique_ptr<AgentRuntime> runtime;
    std::unique_ptr<ApiServer> api;
};
} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Harness harness;
    Http::RequestParser parser(64 * 1024, 1024 * 1024);
    const char *bytes = reinterpret_cast<const char *>(data);
    qsizetype offset = 0;
    for (int guard = 0; guard < 64 && offset <= qsizetype(size); ++guard) {
        const auto step = parser.feed(bytes + offset, qsizetype(size) - offset);
        offset += step.consumed;
        if (step.event == Http::RequestParser::Event::MessageComplete) {
            harness.api->handleRequest(parser.request(), Http::PendingReply{});
            parser.startNextMessage();
            continue;
        }
        if (step.event != Http::RequestParser::Event::HeadersComplete)
            break;
    }
    harness.drainEvents();
    return 0;
}
