// SPDX-License-Identifier: MIT
#include "filterexpression.h"

#include <QRegularExpression>

#include <optional>

using namespace Qt::StringLiterals;

namespace HealthDesk {

void FilterSchema::addField(const QString &selector, Type type, int fieldId)
{
    m_fields.insert(selector, Field{type, fieldId});
}

const FilterSchema::Field *FilterSchema::find(const QString &selector) const
{
    const auto it = m_fields.constFind(selector);
    return it == m_fields.cend() ? nullptr : &*it;
}

struct FilterExpression::Node
{
    enum class Kind : quint8 { And, Or, Not, Match };
    enum class Op : quint8 { Equal, NotEqual, IsEmpty, IsNotEmpty, Contains, NotContains, In, NotIn, Matches, NotMatches };

    Kind kind = Kind::Match;
    std::shared_ptr<const Node> left;
    std::shared_ptr<const Node> right;
    // Match
    Op op = Op::Equal;
    FilterSchema::Type type = FilterSchema::Type::String;
    int fieldId = 0;
    QString mapKey;  ///< set when the selector went one level into a StringMap
    bool hasMapKey = false;
    QString value;
    qint64 number = 0;
    bool flag = false;
    QRegularExpression regex;
};

namespace {

using Node = FilterExpression::Node;
using Type = FilterSchema::Type;

struct Token
{
    enum class Kind : quint8 { End, LParen, RParen, Equal, NotEqual, Word, Quoted };
    Kind kind = Kind::End;
    QString text;
    qsizetype offset = 0;
};

class Parser
{
public:
    Parser(const QString &text, const FilterSchema &schema)
        : m_text(text)
        , m_schema(schema)
    {
    }

    std::shared_ptr<const Node> parse()
    {
        advance();
        auto root = parseOr();
        if (root && m_token.kind != Token::Kind::End)
            fail(m_token.offset, u"unexpected \"%1\" after a complete expression"_s.arg(m_token.text));
        return m_error.isEmpty() ? root : nullptr;
    }

    QString error() const { return m_error; }

private:
    void fail(qsizetype offset, const QString &message)
    {
        if (!m_error.isEmpty())
            return;
        int line = 1;
        int column = 1;
        for (qsizetype i = 0; i < offset && i < m_text.size(); ++i) {
            if (m_text.at(i) == u'\n') {
                ++line;
                column = 1;
            } else {
                ++column;
            }
        }
        m_error = u"%1:%2 (%3): %4"_s.arg(line).arg(column).arg(offset).arg(message);
    }

    void advance()
    {
        while (m_pos < m_text.size() && m_text.at(m_pos).isSpace())
            ++m_pos;
        m_token = Token{};
        m_token.offset = m_pos;
        if (m_pos >= m_text.size())
            return;
        const QChar c = m_text.at(m_pos);
        if (c == u'(' || c == u')') {
            m_token.kind = c == u'(' ? Token::Kind::LParen : Token::Kind::RParen;
            m_token.text = c;
            ++m_pos;
            return;
        }
        if ((c == u'=' || c == u'!') && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == u'=') {
            m_token.kind = c == u'=' ? Token::Kind::Equal : Token::Kind::NotEqual;
            m_token.text = m_text.mid(m_pos, 2);
            m_pos += 2;
            return;
        }
        if (c == u'"' || c == u'`') {
            readQuoted(c);
            return;
        }
        const qsizetype start = m_pos;
        while (m_pos < m_text.size()) {
            const QChar w = m_text.at(m_pos);
            if (w.isSpace() || w == u'(' || w == u')' || w == u'"' || w == u'`')
                break;
            if ((w == u'=' || w == u'!') && m_pos + 1 < m_text.size() && m_text.at(m_pos + 1) == u'=')
                break;
            ++m_pos;
        }
        m_token.kind = Token::Kind::Word;
        m_token.text = m_text.mid(start, m_pos - start);
        if (m_token.text.isEmpty()) {
            fail(start, u"unexpected character \"%1\""_s.arg(c));
            m_token.kind = Token::Kind::End;
            ++m_pos;
        }
    }

    void readQuoted(QChar quote)
    {
        const qsizetype start = m_pos++;
        QString value;
        while (m_pos < m_text.size()) {
            const QChar c = m_text.at(m_pos++);
            if (c == quote) {
                m_token.kind = Token::Kind::Quoted;
                m_token.text = value;
                return;
            }
            if (c == u'\\' && quote == u'"' && m_pos < m_text.size()) {
                const QChar e = m_text.at(m_pos++);
                value += e == u'n' ? u'\n' : e == u't' ? u'\t' : e == u'r' ? u'\r' : e;
                continue;
            }
            value += c;
        }
        fail(start, u"unterminated string"_s);
        m_token.kind = Token::Kind::End;
    }

    bool isWord(const char16_t *word) const
    {
        return m_token.kind == Token::Kind::Word && m_token.text == QStringView(word);
    }

    std::shared_ptr<const Node> parseOr()
    {
        auto left = parseAnd();
        while (left && isWord(u"or")) {
            advance();
            auto right = parseAnd();
            if (!right)
                return nullptr;
            left = combine(Node::Kind::Or, left, right);
        }
        return left;
    }

    std::shared_ptr<const Node> parseAnd()
    {
        auto left = parseUnary();
        while (left && isWord(u"and")) {
            advance();
            auto right = parseUnary();
            if (!right)
                return nullptr;
            left = combine(Node::Kind::And, left, right);
        }
        return left;
    }

    static std::shared_ptr<const Node> combine(Node::Kind kind, std::shared_ptr<const Node> l,
                                               std::shared_ptr<const Node> r)
    {
        auto node = std::make_shared<Node>();
        node->kind = kind;
        node->left = std::move(l);
        node->right = std::move(r);
        return node;
    }

    std::shared_ptr<const Node> parseUnary()
    {
        if (isWord(u"not")) {
            advance();
            auto inner = parseUnary();
            if (!inner)
                return nullptr;
            auto node = std::make_shared<Node>();
            node->kind = Node::Kind::Not;
            node->left = std::move(inner);
            return node;
        }
        if (m_token.kind == Token::Kind::LParen) {
            advance();
            auto inner = parseOr();
            if (!inner)
                return nullptr;
            if (m_token.kind != Token::Kind::RParen) {
                fail(m_token.offset, u"expected \")\""_s);
                return nullptr;
            }
            advance();
            return inner;
        }
        return parseMatch();
    }

    std::shared_ptr<const Node> parseMatch()
    {
        if (m_token.kind != Token::Kind::Word && m_token.kind != Token::Kind::Quoted) {
            fail(m_token.offset, m_token.kind == Token::Kind::End ? u"unexpected end of expression"_s
                                                                   : u"unexpected \"%1\""_s.arg(m_token.text));
            return nullptr;
        }
        const Token first = m_token;
        advance();

        // `<value> [not] in <selector>`
        bool negated = false;
        if (isWord(u"not")) {
            negated = true;
            advance();
        }
        if (isWord(u"in")) {
            advance();
            if (m_token.kind != Token::Kind::Word) {
                fail(m_token.offset, u"expected a selector after \"in\""_s);
                return nullptr;
            }
            const Token selector = m_token;
            advance();
            auto node = makeMatch(selector, negated ? Node::Op::NotIn : Node::Op::In);
            if (node && !setValue(*node, first))
                return nullptr;
            return node;
        }
        if (first.kind != Token::Kind::Word) {
            fail(first.offset, u"a quoted value must be followed by \"in\" or \"not in\""_s);
            return nullptr;
        }

        std::optional<Node::Op> op;
        if (negated) {
            if (isWord(u"contains"))
                op = Node::Op::NotContains;
            else if (isWord(u"matches"))
                op = Node::Op::NotMatches;
        } else if (m_token.kind == Token::Kind::Equal) {
            op = Node::Op::Equal;
        } else if (m_token.kind == Token::Kind::NotEqual) {
            op = Node::Op::NotEqual;
        } else if (isWord(u"contains")) {
            op = Node::Op::Contains;
        } else if (isWord(u"matches")) {
            op = Node::Op::Matches;
        } else if (isWord(u"is")) {
            advance();
            bool isNot = false;
            if (isWord(u"not")) {
                isNot = true;
                advance();
            }
            if (!isWord(u"empty")) {
                fail(m_token.offset, u"expected \"empty\""_s);
                return nullptr;
            }
            advance();
            return makeMatch(first, isNot ? Node::Op::IsNotEmpty : Node::Op::IsEmpty);
        }
        if (!op) {
            fail(m_token.offset,
                 u"no match found, expected: \"!=\", \"==\", \"contains\", \"in\", \"is\", \"matches\", \"not\""_s);
            return nullptr;
        }
        advance();
        if (m_token.kind != Token::Kind::Word && m_token.kind != Token::Kind::Quoted) {
            fail(m_token.offset, u"expected a value"_s);
            return nullptr;
        }
        const Token valueToken = m_token;
        advance();
        auto node = makeMatch(first, *op);
        if (node && !setValue(*node, valueToken))
            return nullptr;
        return node;
    }

    std::shared_ptr<Node> makeMatch(const Token &selector, Node::Op op)
    {
        auto node = std::make_shared<Node>();
        node->op = op;
        const FilterSchema::Field *field = m_schema.find(selector.text);
        if (!field) {
            const qsizetype dot = selector.text.lastIndexOf(u'.');
            const FilterSchema::Field *parent = dot > 0 ? m_schema.find(selector.text.left(dot)) : nullptr;
            if (parent && parent->type == Type::StringMap) {
                node->type = Type::String;
                node->fieldId = parent->fieldId;
                node->mapKey = selector.text.mid(dot + 1);
                node->hasMapKey = true;
                return checkOperator(*node, selector) ? node : nullptr;
            }
            fail(selector.offset, u"Selector \"%1\" is not valid"_s.arg(selector.text));
            return nullptr;
        }
        node->type = field->type;
        node->fieldId = field->fieldId;
        return checkOperator(*node, selector) ? node : nullptr;
    }

    bool checkOperator(const Node &node, const Token &selector)
    {
        const bool collection = node.type == Type::StringList || node.type == Type::StringMap;
        switch (node.op) {
        case Node::Op::Equal:
        case Node::Op::NotEqual:
        case Node::Op::Matches:
        case Node::Op::NotMatches:
            if (!collection)
                return true;
            break;
        case Node::Op::IsEmpty:
        case Node::Op::IsNotEmpty:
            if (node.type != Type::Integer && node.type != Type::Boolean)
                return true;
            break;
        case Node::Op::Contains:
        case Node::Op::NotContains:
        case Node::Op::In:
        case Node::Op::NotIn:
            if (node.type != Type::Integer && node.type != Type::Boolean)
                return true;
            break;
        }
        fail(selector.offset, u"Invalid match operator for selector \"%1\""_s.arg(selector.text));
        return false;
    }

    bool setValue(Node &node, const Token &token)
    {
        node.value = token.text;
        if (node.type == Type::Integer) {
            bool ok = false;
            node.number = token.text.toLongLong(&ok);
            if (!ok) {
                fail(token.offset, u"Failed to coerce value \"%1\" to an integer"_s.arg(token.text));
                return false;
            }
        } else if (node.type == Type::Boolean) {
            if (token.text != u"true" && token.text != u"false") {
                fail(token.offset, u"Failed to coerce value \"%1\" to a boolean"_s.arg(token.text));
                return false;
            }
            node.flag = token.text == u"true";
        }
        if (node.op == Node::Op::Matches || node.op == Node::Op::NotMatches) {
            node.regex = QRegularExpression(token.text);
            if (!node.regex.isValid()) {
                fail(token.offset, u"Invalid regular expression \"%1\": %2"_s.arg(token.text, node.regex.errorString()));
                return false;
            }
            node.regex.optimize();
        }
        return true;
    }

    const QString &m_text;
    const FilterSchema &m_schema;
    qsizetype m_pos = 0;
    Token m_token;
    QString m_error;
};

QString stringOf(const FilterValue &value, const Node &node)
{
    if (node.hasMapKey) {
        const auto *map = std::get_if<QHash<QString, QString>>(&value);
        return map ? map->value(node.mapKey) : QString();
    }
    if (const auto *text = std::get_if<QString>(&value))
        return *text;
    return {};
}

bool evaluate(const Node &node, const FilterExpression::Record &record)
{
    switch (node.kind) {
    case Node::Kind::And:
        return evaluate(*node.left, record) && evaluate(*node.right, record);
    case Node::Kind::Or:
        return evaluate(*node.left, record) || evaluate(*node.right, record);
    case Node::Kind::Not:
        return !evaluate(*node.left, record);
    case Node::Kind::Match:
        break;
    }
    const FilterValue value = record(node.fieldId);
    switch (node.op) {
    case Node::Op::Equal:
    case Node::Op::NotEqual: {
        bool equal = false;
        if (node.type == Type::Integer)
            equal = std::get_if<qint64>(&value) && *std::get_if<qint64>(&value) == node.number;
        else if (node.type == Type::Boolean)
            equal = std::get_if<bool>(&value) && *std::get_if<bool>(&value) == node.flag;
        else
            equal = stringOf(value, node) == node.value;
        return (node.op == Node::Op::Equal) == equal;
    }
    case Node::Op::IsEmpty:
    case Node::Op::IsNotEmpty: {
        bool empty = true;
        if (node.hasMapKey)
            empty = stringOf(value, node).isEmpty();
        else if (const auto *list = std::get_if<QStringList>(&value))
            empty = list->isEmpty();
        else if (const auto *map = std::get_if<QHash<QString, QString>>(&value))
            empty = map->isEmpty();
        else
            empty = stringOf(value, node).isEmpty();
        return (node.op == Node::Op::IsEmpty) == empty;
    }
    case Node::Op::Contains:
    case Node::Op::NotContains:
    case Node::Op::In:
    case Node::Op::NotIn: {
        bool found = false;
        if (node.hasMapKey)
            found = stringOf(value, node).contains(node.value);
        else if (const auto *list = std::get_if<QStringList>(&value))
            found = list->contains(node.value);
        else if (const auto *map = std::get_if<QHash<QString, QString>>(&value))
            found = map->contains(node.value);
        else
            found = stringOf(value, node).contains(node.value);
        return (node.op == Node::Op::Contains || node.op == Node::Op::In) == found;
    }
    case Node::Op::Matches:
    case Node::Op::NotMatches:
        return (node.op == Node::Op::Matches) == node.regex.match(stringOf(value, node)).hasMatch();
    }
    return false;
}

} // namespace

Result<FilterExpression> FilterExpression::parse(const QString &text, const FilterSchema &schema)
{
    Parser parser(text, schema);
    auto root = parser.parse();
    if (!root)
        return Error{400, u"Failed to create boolean expression evaluator: "_s + parser.error(), u"filter"_s};
    FilterExpression expression;
    expression.m_root = std::move(root);
    return expression;
}

bool FilterExpression::matches(const Record &record) const
{
    return !m_root || evaluate(*m_root, record);
}

} // namespace HealthDesk
