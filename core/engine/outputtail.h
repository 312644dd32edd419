// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

namespace HealthDesk {

/// Keeps the last `limit` bytes of everything appended and counts the total: Consul's circular
/// output buffer, whose *tail* becomes a check's output. No memory is reserved until data arrives.
class OutputTail final
{
public:
    explicit OutputTail(qsizetype limit) : m_limit(limit > 0 ? limit : 0) {}

    void append(QByteArrayView data);
    /// Forgets everything, keeping the allocation.
    void clear()
    {
        m_buffer.truncate(0);
        m_total = 0;
    }

    /// The kept bytes, oldest first.
    const QByteArray &bytes() const { return m_buffer; }
    qsizetype limit() const { return m_limit; }
    /// Everything ever appended, kept or not.
    qint64 total() const { return m_total; }
    bool truncated() const { return m_total > m_buffer.size(); }

private:
    QByteArray m_buffer;
    qsizetype m_limit;
    qint64 m_total = 0;
};

} // namespace HealthDesk
