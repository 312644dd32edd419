// SPDX-License-Identifier: MIT
#include "jsonwriter.h"

namespace HealthDesk {

JsonWriter::JsonWriter(bool pretty)
    : m_pretty(pretty)
{
    m_out.reserve(256);
}

void JsonWriter::newline()
{
    if (!m_pretty)
        return;
    m_out += '\n';
    m_out.append(m_depth * 4, ' ');
}

void JsonWriter::beforeValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_needComma)
        m_out += ',';
    if (m_depth > 0)
        newline();
}

void JsonWriter::beginObject()
{
    beforeValue();
    m_out += '{';
    ++m_depth;
    m_needComma = false;
    m_emptyContainer = true;
}

void JsonWriter::endObject()
{
    --m_depth;
    if (!m_emptyContainer)
        newline();
    m_out += '}';
    m_needComma = true;
    m_emptyContainer = false;
}

void JsonWriter::beginArray()
{
    beforeValue();
    m_out += '[';
    ++m_depth;
    m_needComma = false;
    m_emptyContainer = true;
}

void JsonWriter::endArray()
{
    endObject();
    m_out[m_out.size() - 1] = ']';
}

void JsonWriter::key(QStringView name)
{
    beforeValue();
    appendEscaped(name);
    m_out += m_pretty ? ": " : ":";
    m_afterKey = true;
    m_emptyContainer = false;
}

void JsonWriter::value(QStringView text)
{
    beforeValue();
    appendEscaped(text);
    m_needComma = true;
    m_emptyContainer = false;
}

void JsonWriter::value(qint64 number)
{
    beforeValue();
    m_out += QByteArray::number(number);
    m_needComma = true;
    m_emptyContainer = false;
}

void JsonWriter::value(quint64 number)
{
    beforeValue();
    m_out += QByteArray::number(number);
    m_needComma = true;
    m_emptyContainer = false;
}

void JsonWriter::value(bool flag)
{
    beforeValue();
    m_out += flag ? "true" : "false";
    m_needComma = true;
    m_emptyContainer = false;
}

void JsonWriter::null()
{
    beforeValue();
    m_out += "null";
    m_needComma = true;
    m_emptyContainer = false;
}

void JsonWriter::stringArray(const QStringList &items)
{
    beginArray();
    for (const QString &item : items)
        value(item);
    endArray();
}

void JsonWriter::raw(const QByteArray &json)
{
    beforeValue();
    m_out += json;
    m_needComma = true;
    m_emptyContainer = false;
}

QByteArray JsonWriter::finish()
{
    if (m_pretty)
        m_out += '\n';
    return std::move(m_out);
}

void JsonWriter::appendEscaped(QStringView text)
{
    static constexpr char kHex[] = "0123456789abcdef";
    m_out += '"';
    const QByteArray utf8 = text.toUtf8(); // unpaired surrogates become U+FFFD, as Go does
    const qsizetype n = utf8.size();
    for (qsizetype i = 0; i < n; ++i) {
        const auto u = static_cast<unsigned char>(utf8[i]);
        switch (u) {
        case '"':
            m_out += "\\\"";
            break;
        case '\\':
            m_out += "\\\\";
            break;
        case '\n':
            m_out += "\\n";
            break;
        case '\r':
            m_out += "\\r";
            break;
        case '\t':
            m_out += "\\t";
            break;
        case 0xE2:
            // Go escapes U+2028 and U+2029 (line/paragraph separators) for JavaScript safety.
            if (i + 2 < n && static_cast<unsigned char>(utf8[i + 1]) == 0x80
                && (static_cast<unsigned char>(utf8[i + 2]) & 0xFE) == 0xA8) {
                m_out += static_cast<unsigned char>(utf8[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else {
                m_out += char(u);
            }
            break;
        default:
            if (u < 0x20 || u == '<' || u == '>' || u == '&') {
                m_out += "\\u00";
                m_out += kHex[u >> 4];
                m_out += kHex[u & 0xF];
            } else {
                m_out += char(u);
            }
        }
    }
    m_out += '"';
}

} // namespace HealthDesk
