// SPDX-License-Identifier: MIT
// libFuzzer target: bytes → JSON → the Consul check/service decoders (both dialects) → the
// validator → encode → decode again. A definition that does not survive its own round trip is
// a finding (abort), as is any crash or sanitizer report.
#include "check/checkjson.h"
#include "check/checkvalidator.h"
#include "config/agentconfig.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <cstdlib>

using namespace HealthDesk;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QJsonDocument document =
        QJsonDocument::fromJson(QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size)));
    if (!document.isObject())
        return 0;
    static const AgentConfig agent;
    for (const auto dialect : {CheckJson::Dialect::Api, CheckJson::Dialect::Config}) {
        auto decoded = CheckJson::decodeCheck(document.object(), dialect);
        if (decoded) {
            CheckDefinition definition = decoded.value();
            validateCheck(definition, agent, {});
            const auto again = CheckJson::decodeCheck(CheckJson::encodeCheck(decoded.value()), CheckJson::Dialect::Api);
            if (!again) {
                std::fprintf(stderr, "round trip failed: %s\n", qPrintable(again.error().message));
                std::abort();
            }
            CheckDefinition expected = decoded.value();
            CheckDefinition actual = again.value();
            expected.source = actual.source = CheckSource::Remote;
            expected.token = actual.token = QString();
            expected.serviceName = actual.serviceName = QString();
            expected.serviceTags = actual.serviceTags = QStringList();
            if (!(expected == actual)) {
                std::fprintf(stderr, "round trip changed the definition\n");
                std::abort();
            }
        }
        auto service = CheckJson::decodeService(document.object(), dialect);
        if (service) {
            ServiceDefinition definition = service.value();
            validateService(definition, agent, {});
        }
    }
    return 0;
}
