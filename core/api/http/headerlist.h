// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <utility>

namespace HealthDesk::Http {

/// Ordered HTTP header fields as (name, value) pairs. Names keep the case they were sent or set
/// with; every lookup compares them case-insensitively (RFC 9110 §5.1). A name may repeat.
class HeaderList
{
public:
    using Field = std::pair<QByteArray, QByteArray>;
    using const_iterator = QList<Field>::const_iterator;

    HeaderList() = default;
    HeaderList(std::initializer_list<Field> fields);

    bool isEmpty() const { return m_fields.isEmpty(); }
    qsizetype size() const { return m_fields.size(); }
    const_iterator begin() const { return m_fields.cbegin(); }
    const_iterator end() const { return m_fields.cend(); }
    const QList<Field> &fields() const { return m_fields; }

    bool contains(QByteArrayView name) const;
    /// First value of `name`, or an empty array when absent.
    QByteArray value(QByteArrayView name) const;
    QList<QByteArray> values(QByteArrayView name) const;
    /// All values of `name` joined with ", " — the list form RFC 9110 §5.3 allows for most fields.
    QByteArray combinedValue(QByteArrayView name) const;
    /// True when a comma-separated field (Connection, Accept-Encoding, …) lists `token`,
    /// ignoring case and parameters.
    bool hasToken(QByteArrayView name, QByteArrayView token) const;

    void add(QByteArray name, QByteArray value);
    /// Replaces every field called `name` by one (added at the end when absent).
    void set(QByteArray name, QByteArray value);
    /// Returns how many fields were removed.
    qsizetype remove(QByteArrayView name);
    void clear() { m_fields.clear(); }
    void reserve(qsizetype size) { m_fields.reserve(size); }

    /// RFC 9110 token: what a field name may consist of.
    static bool isValidName(QByteArrayView name);

    friend bool operator==(const HeaderList &, const HeaderList &) = default;

private:
    QList<Field> m_fields;
};

} // namespace HealthDesk::Http
