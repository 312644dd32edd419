// SPDX-License-Identifier: MIT
#include "gzipencoder.h"

#include <zlib.h>
#include <algorithm>


namespace HealthDesk::Http {

struct GzipEncoder::Stream
{
    z_stream z{};
    bool initialised = false;
};

GzipEncoder::GzipEncoder(int level)
    : m_level(std::clamp(level, 1, 9))
{
}

GzipEncoder::~GzipEncoder()
{
    if (m_stream && m_stream->initialised)
        deflateEnd(&m_stream->z);
}

void GzipEncoder::setLevel(int level)
{
    level = std::clamp(level, 1, 9);
    if (level == m_level)
        return;
    m_level = level;
    if (m_stream && m_stream->initialised) {
        deflateEnd(&m_stream->z);
        m_stream->initialised = false;
    }
}

bool GzipEncoder::ensureStream()
{
    if (!m_stream)
        m_stream = std::make_unique<Stream>();
    if (m_stream->initialised)
        return deflateReset(&m_stream->z) == Z_OK;
    m_stream->z = z_stream{};
    // windowBits 15 + 16 asks zlib for the gzip wrapper instead of the zlib one.
    m_stream->initialised = deflateInit2(&m_stream->z, m_level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
    return m_stream->initialised;
}

QByteArray GzipEncoder::compress(QByteArrayView data)
{
    if (!ensureStream())
        return {};
    z_stream &z = m_stream->z;
    QByteArray out(qsizetype(deflateBound(&z, uLong(data.size()))), Qt::Uninitialized);
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data());
    z.avail_out = uInt(out.size());
    // deflateBound guarantees one Z_FINISH call completes.
    if (deflate(&z, Z_FINISH) != Z_STREAM_END) {
        deflateEnd(&z);
        m_stream->initialised = false;
        return {};
    }
    out.truncate(qsizetype(z.total_out));
    return out;
}

} // namespace HealthDesk::Http
