// SPDX-License-Identifier: MIT
#include "csvexportjob.h"

#include "coreclient.h"
#include "export/checkexport.h"

#include <QMetaObject>
#include <QPointer>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace HealthDesk {

/// What the pool thread and the GUI thread share.
struct CsvExportJob::Shared
{
    QString path;
    bool byteOrderMark = false;
    std::atomic_bool cancelled = false;
    std::unique_ptr<QSaveFile> file; ///< used on the pool thread only
    QString error;                   ///< pool thread writes, read after the last task
    qint64 rows = 0;
};

CsvExportJob::CsvExportJob(const QString &path, bool byteOrderMark, QObject *parent)
    : QObject(parent)
    , m_shared(std::make_shared<Shared>())
{
    m_shared->path = path;
    m_shared->byteOrderMark = byteOrderMark;
    m_pool.setMaxThreadCount(1); // tasks run one after the other, in order
}

CsvExportJob::~CsvExportJob()
{
    m_shared->cancelled = true;
    m_pool.waitForDone();
}

void CsvExportJob::cancel()
{
    m_shared->cancelled = true;
}

void CsvExportJob::open()
{
    m_pool.start([shared = m_shared] {
        shared->file = std::make_unique<QSaveFile>(shared->path);
        if (!shared->file->open(QIODevice::WriteOnly))
            shared->error = shared->file->errorString();
    });
}

void CsvExportJob::writeChunk(std::function<QByteArray()> encode, int rows)
{
    const QPointer<CsvExportJob> self(this);
    m_pool.start([this, self, shared = m_shared, encode = std::move(encode), rows] {
        if (shared->cancelled || !shared->error.isEmpty())
            return;
        const QByteArray bytes = encode();
        if (shared->file->write(bytes) != bytes.size()) {
            shared->error = shared->file->errorString();
            return;
        }
        shared->rows += rows;
        QMetaObject::invokeMethod(
            this,
            [this, self] {
                if (self)
                    emit progressed(++m_done, m_total);
            },
            Qt::QueuedConnection);
    });
}

void CsvExportJob::commit()
{
    const QPointer<CsvExportJob> self(this);
    m_pool.start([this, self, shared = m_shared] {
        bool cancelled = shared->cancelled;
        if (cancelled || !shared->error.isEmpty())
            shared->file->cancelWriting();
        else if (!shared->file->commit())
            shared->error = shared->file->errorString();
        const QString error = cancelled ? QString() : shared->error;
        const qint64 rows = shared->rows;
        QMetaObject::invokeMethod(
            this,
            [this, self, error, cancelled, rows] {
                if (!self)
                    return;
                emit finished(error, cancelled, rows);
                deleteLater();
            },
            Qt::QueuedConnection);
    });
}

void CsvExportJob::startStates(const QList<CheckState> &states, const QString &node)
{
    open();
    m_total = std::max<int>(1, int((states.size() + kRowsPerChunk - 1) / kRowsPerChunk));
    const bool bom = m_shared->byteOrderMark;
    if (states.isEmpty())
        writeChunk([node, bom] { return CheckExport::stateCsv({}, node, bom); }, 0);
    for (qsizetype first = 0; first < states.size(); first += kRowsPerChunk) {
        const QList<CheckState> chunk = states.mid(first, kRowsPerChunk);
        const bool withHeader = first == 0;
        writeChunk(
            [chunk, node, bom, withHeader] {
                QByteArray bytes = CheckExport::stateCsv(chunk, node, withHeader && bom);
                if (!withHeader) // the header row goes out once, with the first chunk
                    bytes.remove(0, bytes.indexOf("\r\n") + 2);
                return bytes;
            },
            int(chunk.size()));
    }
    commit();
}

void CsvExportJob::startHistory(CoreClient *core, const QStringList &checkIds, qint64 fromMs, qint64 toMs)
{
    open();
    m_core = core;
    m_pendingIds = checkIds;
    m_fromMs = fromMs;
    m_toMs = toMs;
    m_total = int(checkIds.size());
    const bool bom = m_shared->byteOrderMark;
    writeChunk([bom] { return CheckExport::historyHeader(bom); }, 0);
    m_done = -1; // the header chunk does not count
    requestNextHistory();
}

void CsvExportJob::requestNextHistory()
{
    if (m_pendingIds.isEmpty() || m_shared->cancelled) {
        commit();
        return;
    }
    const QString id = m_pendingIds.takeFirst();
    // One check at a time keeps memory to one check's history.
    m_core->queryHistory(id, m_fromMs, m_toMs, this, [this](const Result<QList<HistoryEntry>> &result) {
        if (!result) {
            const QString message = result.error().message;
            m_pool.start([shared = m_shared, message] { shared->error = message; });
            commit();
            return;
        }
        const QList<HistoryEntry> entries = result.value();
        writeChunk([entries] { return CheckExport::historyRows(entries); }, int(entries.size()));
        requestNextHistory();
    });
}

} // namespace HealthDesk
