// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <memory>

namespace HealthDesk::Http {

/// gzip (RFC 1952) compression with one reused zlib stream: deflateInit allocates about
/// 256 KiB of state, which is worth keeping across responses on the server's thread.
/// Not thread-safe; one instance per thread.
class GzipEncoder
{
public:
    explicit GzipEncoder(int level = 1);
    ~GzipEncoder();
    GzipEncoder(const GzipEncoder &) = delete;
    GzipEncoder &operator=(const GzipEncoder &) = delete;

    int level() const { return m_level; }
    void setLevel(int level);

    /// Returns the gzip member for `data`, or an empty array if zlib failed.
    QByteArray compress(QByteArrayView data);

private:
    struct Stream;
    bool ensureStream();

    std::unique_ptr<Stream> m_stream;
    int m_level;
};

} // namespace HealthDesk::Http
