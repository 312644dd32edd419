// SPDX-License-Identifier: MIT
#include "guicore.h"

#include "agentruntime.h"
#include "api/apiserver.h"
#include "coreclient.h"
#include "model/checkstablemodel.h"
#include "model/storefeed.h"
#include "store/statestore.h"

#include <QLoggingCategory>
#include <QMetaObject>
#include <QPointer>

using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcGuiCore, "healthdesk.gui")

namespace HealthDesk {

GuiCore::GuiCore(const Clock &clock, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
{
    qRegisterMetaType<HealthDesk::CheckBatch>();
    m_thread.setObjectName(u"core"_s);
    m_anchor = new QObject;
    m_anchor->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_anchor, &QObject::deleteLater);
    m_thread.start();
    m_client = new CoreClient(this);
    m_model = new ChecksTableModel(clock, this);
}

GuiCore::~GuiCore()
{
    shutdown();
}

void GuiCore::start(const QString &dataDir, const LoadedConfig &config, bool startApi,
                    std::function<void(const std::optional<Error> &)> done)
{
    const QPointer<GuiCore> self(this);
    QMetaObject::invokeMethod(m_anchor, [this, self, dataDir, config, startApi, done] {
        // Core thread from here on.
        auto reply = [this, self, done](const std::optional<Error> &error, const CoreServices &services) {
            QMetaObject::invokeMethod(this, [self, this, done, error, services] {
                if (!self)
                    return;
                if (!error)
                    m_client->attach(services);
                done(error);
            }, Qt::QueuedConnection);
        };
        auto runtime = AgentRuntime::create(dataDir, config.agent, m_clock);
        if (!runtime)
            return reply(runtime.error(), {});
        m_runtime = std::move(runtime).value();
        m_feed = new StoreFeed(m_runtime->store(), 10, m_anchor);
        // Queued across threads: the model applies each batch on the GUI thread.
        connect(m_feed, &StoreFeed::batchReady, m_model, &ChecksTableModel::applyBatch, Qt::QueuedConnection);
        const QString node = config.agent.nodeName;
        QMetaObject::invokeMethod(m_model, [model = m_model, node] { model->setNodeName(node); }, Qt::QueuedConnection);
        m_feed->publishSnapshot(); // restored checks show at once, before config registration ends

        CoreServices services;
        services.store = &m_runtime->store();
        services.engine = &m_runtime->engine();
        services.registry = &m_runtime->registry();
        services.clock = &m_clock;
        services.context = m_anchor;
        services.config = config.agent;
        services.dataDirectory = dataDir;
        m_runtime->start(config, [this, reply, services, startApi](const std::optional<Error> &error) {
            if (!error && startApi) {
                QString apiError;
                if (!m_runtime->startApi(&apiError)) {
                    qCWarning(lcGuiCore).noquote() << apiError;
                    QMetaObject::invokeMethod(this, [this, apiError] { m_apiError = apiError; }, Qt::QueuedConnection);
                }
            }
            reply(error, services);
        });
    }, Qt::QueuedConnection);
}

bool GuiCore::shutdown()
{
    if (m_stopped)
        return true;
    m_stopped = true;
    bool flushed = true;
    if (m_thread.isRunning()) {
        QMetaObject::invokeMethod(m_anchor, [this, &flushed] {
            delete m_feed;
            m_feed = nullptr;
            if (m_runtime)
                flushed = m_runtime->shutdown();
            m_runtime.reset(); // the store and its writer thread end on the thread that made them
        }, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }
    return flushed;
}

} // namespace HealthDesk
