// SPDX-License-Identifier: MIT
#pragma once

#include "store/checkstate.h"

#include <QObject>
#include <QThreadPool>

#include <atomic>
#include <memory>

class QSaveFile;

namespace HealthDesk {

class CoreClient;

/// Writes a CSV export off the GUI thread: encoding and file I/O run on a one-thread pool in
/// order, history comes from the store's writer thread through CoreClient. Cancelling leaves
/// the target file untouched (QSaveFile). Deletes itself after finished().
class CsvExportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CsvExportJob)

public:
    static constexpr int kRowsPerChunk = 500;

    explicit CsvExportJob(const QString &path, bool byteOrderMark, QObject *parent = nullptr);
    ~CsvExportJob() override;

    /// The checks table as shown: `states` in view order (filters and sort applied).
    void startStates(const QList<CheckState> &states, const QString &node);
    /// Every run of `checkIds` in [fromMs, toMs).
    void startHistory(CoreClient *core, const QStringList &checkIds, qint64 fromMs, qint64 toMs);
    void cancel();
    int total() const { return m_total; }

signals:
    void progressed(int done, int total);
    /// `error` is empty on success; `cancelled` when the user stopped it.
    void finished(const QString &error, bool cancelled, qint64 rows);

private:
    struct Shared;
    void open(); ///< queued on the pool first
    void writeChunk(std::function<QByteArray()> encode, int rows);
    void commit();
    void requestNextHistory();

    std::shared_ptr<Shared> m_shared;
    QThreadPool m_pool;
    int m_total = 0;
    int m_done = 0;
    // History state
    CoreClient *m_core = nullptr;
    QStringList m_pendingIds;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace HealthDesk
