// SPDX-License-Identifier: MIT
#include "goquote.h"

#include <QList>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
    QString hex(char32_t value, int digits)
    {
        return QString::number(quint32(value), 16).rightJustified(digits, u'0');
    }

    // Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space only;
    // Qt also counts the other space separators as printable.
    bool isGoPrintable(char32_t c)
    {
        if (c == U' ')
            return true;
        if (!QChar::isPrint(c))
            return false;
        const QChar::Category category = QChar::category(c);
        return category != QChar::Separator_Space && category != QChar::Separator_Line
            && category != QChar::Separator_Paragraph;
    }
} // namespace

QString goQuote(QStringView text)
{
    QString out;
    out.reserve(text.size() + 2);
    out += u'"';
    for (const char32_t c : text.toUcs4()) {
        switch (c) {
        case U'"':
            out += u"\\\""_s;
            continue;
        case U'\\':
            out += u"\\\\"_s;
            continue;
        case U'\a':
            out += u"\\a"_s;
            continue;
        case U'\b':
            out += u"\\b"_s;
            continue;
        case U'\f':
            out += u"\\f"_s;
            continue;
        case U'\n':
            out += u"\\n"_s;
            continue;
        case U'\r':
            out += u"\\r"_s;
            continue;
        case U'\t':
            out += u"\\t"_s;
            continue;
        case U'\v':
            out += u"\\v"_s;
            continue;
        default:
            break;
        }
        if (isGoPrintable(c)) {
            out += QString::fromUcs4(&c, 1);
        } else if (c < 0x80) {
            out += u"\\x"_s + hex(c, 2);
        } else if (c < 0x10000) {
            out += u"\\u"_s + hex(c, 4);
        } else {
            out += u"\\U"_s + hex(c, 8);
        }
    }
    out += u'"';
    return out;
}

} // namespace HealthDesk
