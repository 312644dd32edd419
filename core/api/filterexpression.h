// SPDX-License-Identifier: MIT
#pragma once

#include "check/result.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <functional>
#include <memory>
#include <variant>

namespace HealthDesk {

/// The selectors one endpoint's `?filter=` may use, and their types.
class FilterSchema
{
public:
    enum class Type : quint8 { String, StringList, Integer, Boolean, StringMap };

    /// `selector` is dotted (`ServiceTags`, `Service.Meta`); a StringMap also accepts one more
    /// element (`Service.Meta.env`). `fieldId` is what the record accessor is asked for.
    void addField(const QString &selector, Type type, int fieldId);

    struct Field
    {
        Type type;
        int fieldId;
    };
    const Field *find(const QString &selector) const;

private:
    QHash<QString, Field> m_fields;
};

/// A field value as the record accessor returns it.
using FilterValue = std::variant<QString, QStringList, qint64, bool, QHash<QString, QString>>;

/// A go-bexpr expression (the subset Consul documents for `?filter=`): `==`, `!=`, `contains`,
/// `not contains`, `in`, `not in`, `matches`, `not matches`, `is empty`, `is not empty`,
/// `and`, `or`, `not`, parentheses; values quoted ("…" or `…`) or bare. Selectors are checked
/// against a schema when parsing, so evaluation cannot fail.
class FilterExpression
{
public:
    using Record = std::function<FilterValue(int fieldId)>;

    /// Errors read like Consul's: `Failed to create boolean expression evaluator: 1:6 (5): …`.
    static Result<FilterExpression> parse(const QString &text, const FilterSchema &schema);

    bool matches(const Record &record) const;

    struct Node;

private:
    std::shared_ptr<const Node> m_root;
};

} // namespace HealthDesk
