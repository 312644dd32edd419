// SPDX-License-Identifier: MIT
#include "headerlist.h"

namespace HealthDesk::Http {

namespace {

bool sameName(QByteArrayView a, QByteArrayView b)
{
    return a.size() == b.size() && a.compare(b, Qt::CaseInsensitive) == 0;
}

} // namespace

HeaderList::HeaderList(std::initializer_list<Field> fields)
    : m_fields(fields)
{
}

bool HeaderList::isValidName(QByteArrayView name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

bool HeaderList::contains(QByteArrayView name) const
{
    for (const Field &field : m_fields) {
        if (sameName(field.first, name))
            return true;
    }
    return false;
}

QByteArray HeaderList::value(QByteArrayView name) const
{
    for (const Field &field : m_fields) {
        if (sameName(field.first, name))
            return field.second;
    }
    return {};
}

QList<QByteArray> HeaderList::values(QByteArrayView name) const
{
    QList<QByteArray> result;
    for (const Field &field : m_fields) {
        if (sameName(field.first, name))
            result.append(field.second);
    }
    return result;
}

QByteArray HeaderList::combinedValue(QByteArrayView name) const
{
    QByteArray result;
    bool first = true;
    for (const Field &field : m_fields) {
        if (!sameName(field.first, name))
            continue;
        if (first)
            result = field.second; // shares the data in the usual single-field case
        else
            result += ", " + field.second;
        first = false;
    }
    return result;
}

bool HeaderList::hasToken(QByteArrayView name, QByteArrayView token) const
{
    for (const Field &field : m_fields) {
        if (!sameName(field.first, name))
            continue;
        QByteArrayView rest(field.second);
        while (!rest.isEmpty()) {
            const qsizetype comma = rest.indexOf(',');
            QByteArrayView item = comma < 0 ? rest : rest.first(comma);
            rest = comma < 0 ? QByteArrayView() : rest.sliced(comma + 1);
            const qsizetype semicolon = item.indexOf(';');
            if (semicolon >= 0)
                item = item.first(semicolon);
            if (sameName(item.trimmed(), token))
                return true;
        }
    }
    return false;
}

void HeaderList::add(QByteArray name, QByteArray value)
{
    m_fields.emplaceBack(std::move(name), std::move(value));
}

void HeaderList::set(QByteArray name, QByteArray value)
{
    for (auto it = m_fields.begin(); it != m_fields.end(); ++it) {
        if (!sameName(it->first, name))
            continue;
        it->second = std::move(value);
        // Later duplicates would contradict the value just set.
        ++it;
        while (it != m_fields.end()) {
            if (sameName(it->first, name))
                it = m_fields.erase(it);
            else
                ++it;
        }
        return;
    }
    add(std::move(name), std::move(value));
}

qsizetype HeaderList::remove(QByteArrayView name)
{
    return m_fields.removeIf([name](const Field &field) { return sameName(field.first, name); });
}

} // namespace HealthDesk::Http
