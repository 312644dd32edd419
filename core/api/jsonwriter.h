// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace HealthDesk {

/// A streaming JSON writer that produces what Go's encoding/json produces: fields in the order
/// written (Consul's struct order), `<`, `>` and `&` escaped as \u003c, \u003e, \u0026, and
/// optionally Consul's `?pretty` layout (4-space indent, trailing newline). Much cheaper than
/// building a QJsonDocument for every response.
class JsonWriter
{
public:
    explicit JsonWriter(bool pretty = false);

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    void key(QStringView name);
    void value(QStringView text);
    void value(const QString &text) { value(QStringView(text)); }
    void value(const char *latin1) { value(QString::fromLatin1(latin1)); }
    void value(qint64 number);
    void value(quint64 number);
    void value(int number) { value(qint64(number)); }
    void value(bool flag);
    void null();
    void stringArray(const QStringList &items);
    /// Inserts already-encoded JSON as a value.
    void raw(const QByteArray &json);

    /// The document; with pretty output a trailing newline is added like Consul's.
    QByteArray finish();
    QByteArray &buffer() { return m_out; }

private:
    void beforeValue();
    void newline();
    void appendEscaped(QStringView text);

    QByteArray m_out;
    bool m_pretty;
    int m_depth = 0;
    bool m_needComma = false;
    bool m_afterKey = false;
    bool m_emptyContainer = false;
};

} // namespace HealthDesk
