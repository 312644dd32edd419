// SPDX-License-Identifier: MIT
#include "outputtail.h"

namespace HealthDesk {

void OutputTail::append(QByteArrayView data)
{
    m_total += data.size();
    if (m_limit == 0 || data.isEmpty())
        return;
    if (data.size() >= m_limit) {
        m_buffer.truncate(0); // keeps the allocation
        m_buffer.append(data.last(m_limit));
        return;
    }
    const qsizetype overflow = m_buffer.size() + data.size() - m_limit;
    if (overflow > 0)
        m_buffer.remove(0, overflow);
    m_buffer.append(data);
}

} // namespace HealthDesk
