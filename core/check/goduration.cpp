// SPDX-License-Identifier: MIT
#include "goduration.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {

    constexpr quint64 kSignBit = quint64(1) << 63; // Go's 1<<63: the magnitude of the most negative value

    constexpr quint64 kNanosecond = 1;
    constexpr quint64 kMicrosecond = 1000 * kNanosecond;
    constexpr quint64 kMillisecond = 1000 * kMicrosecond;
    constexpr quint64 kSecond = 1000 * kMillisecond;
    constexpr quint64 kMinute = 60 * kSecond;
    constexpr quint64 kHour = 60 * kMinute;

    bool isDigit(QChar c)
    {
        return c >= u'0' && c <= u'9';
    }

    quint64 unitNanoseconds(QStringView unit)
    {
        if (unit == u"ns")
            return kNanosecond;
        if (unit == u"us" || unit == u"\u00b5s" || unit == u"\u03bcs")
            return kMicrosecond;
        if (unit == u"ms")
            return kMillisecond;
        if (unit == u"s")
            return kSecond;
        if (unit == u"m")
            return kMinute;
        if (unit == u"h")
            return kHour;
        return 0;
    }

    // The time package quotes differently from strconv.Quote: every byte of a non-ASCII or control
    // character becomes \xNN, so `1µx` reads back as "1\xc2\xb5x" in the error.
    QString timeQuote(QStringView text)
    {
        static constexpr char kHex[] = "0123456789abcdef";
        QString out = u"\""_s;
        for (const char byte : text.toUtf8()) {
            const auto b = static_cast<unsigned char>(byte);
            if (b >= 0x80 || b < 0x20) {
                out += u"\\x"_s;
                out += QLatin1Char(kHex[b >> 4]);
                out += QLatin1Char(kHex[b & 0xf]);
            } else {
                if (b == '"' || b == '\\')
                    out += u'\\';
                out += QLatin1Char(char(b));
            }
        }
        out += u'"';
        return out;
    }

    // `value` scaled by 10^precision, written with the fraction's trailing zeros (and a bare
    // decimal point) dropped, as Go's fmtFrac/fmtInt pair does.
    QString fixedPoint(quint64 value, int precision)
    {
        quint64 divisor = 1;
        for (int i = 0; i < precision; ++i)
            divisor *= 10;
        QString text = QString::number(value / divisor);
        if (const quint64 fraction = value % divisor) {
            QString digits = QString::number(fraction).rightJustified(precision, u'0');
            while (digits.endsWith(u'0'))
                digits.chop(1);
            text += u'.' + digits;
        }
        return text;
    }

} // namespace

std::optional<qint64> parseGoDuration(QStringView text, QString *error)
{
    const auto fail = [error](const QString &message) -> std::optional<qint64> {
        if (error)
            *error = message;
        return std::nullopt;
    };
    const auto invalid = [&] { return fail(u"time: invalid duration "_s + timeQuote(text)); };

    QStringView rest = text;
    bool negative = false;
    if (!rest.isEmpty() && (rest.front() == u'-' || rest.front() == u'+')) {
        negative = rest.front() == u'-';
        rest = rest.mid(1);
    }
    if (rest == u"0")
        return 0;
    if (rest.isEmpty())
        return invalid();

    // Unsigned arithmetic with Go's bounds, including its wrap-around on the running total, so
    // that every input gets exactly the answer Go gives.
    quint64 total = 0;
    while (!rest.isEmpty()) {
        if (!(rest.front() == u'.' || isDigit(rest.front())))
            return invalid();

        quint64 whole = 0;
        qsizetype i = 0;
        for (; i < rest.size() && isDigit(rest[i]); ++i) {
            if (whole > kSignBit / 10)
                return invalid();
            whole = whole * 10 + quint64(rest[i].unicode() - u'0');
            if (whole > kSignBit)
                return invalid();
        }
        const bool hasWhole = i > 0;
        rest = rest.mid(i);

        quint64 fraction = 0;
        double scale = 1;
        bool hasFraction = false;
        if (!rest.isEmpty() && rest.front() == u'.') {
            rest = rest.mid(1);
            qsizetype j = 0;
            bool saturated = false; // digits past int64 precision are read but ignored
            for (; j < rest.size() && isDigit(rest[j]); ++j) {
                if (saturated)
                    continue;
                if (fraction > (kSignBit - 1) / 10) {
                    saturated = true;
                    continue;
                }
                const quint64 next = fraction * 10 + quint64(rest[j].unicode() - u'0');
                if (next > kSignBit) {
                    saturated = true;
                    continue;
                }
                fraction = next;
                scale *= 10;
            }
            hasFraction = j > 0;
            rest = rest.mid(j);
        }
        if (!hasWhole && !hasFraction)
            return invalid(); // "." or ".s"

        qsizetype unitLength = 0;
        while (unitLength < rest.size() && rest[unitLength] != u'.' && !isDigit(rest[unitLength]))
            ++unitLength;
        if (unitLength == 0)
            return fail(u"time: missing unit in duration "_s + timeQuote(text));
        const QStringView unitText = rest.first(unitLength);
        rest = rest.mid(unitLength);
        const quint64 unit = unitNanoseconds(unitText);
        if (unit == 0)
            return fail(u"time: unknown unit "_s + timeQuote(unitText) + u" in duration "_s + timeQuote(text));

        if (whole > kSignBit / unit)
            return invalid();
        whole *= unit;
        if (fraction > 0) {
            // Go computes the fractional part in float64; so do we, for identical rounding.
            whole += quint64(double(fraction) * (double(unit) / scale));
            if (whole > kSignBit)
                return invalid();
        }
        total += whole;
        if (total > kSignBit)
            return invalid();
    }
    if (negative)
        return qint64(0 - total); // modular: a total of 2^63 becomes INT64_MIN
    if (total > kSignBit - 1)
        return invalid();
    return qint64(total);
}

QString formatGoDuration(qint64 ns)
{
    if (ns == 0)
        return u"0s"_s;
    const bool negative = ns < 0;
    const quint64 magnitude = negative ? 0 - quint64(ns) : quint64(ns);

    QString text;
    if (magnitude < kSecond) {
        // Below a second Go picks the largest unit that keeps the integer part non-zero.
        if (magnitude < kMicrosecond)
            text = fixedPoint(magnitude, 0) + u"ns"_s;
        else if (magnitude < kMillisecond)
            text = fixedPoint(magnitude, 3) + u"\u00b5s"_s;
        else
            text = fixedPoint(magnitude, 6) + u"ms"_s;
    } else {
        const quint64 hours = magnitude / kHour;
        const quint64 minutes = magnitude / kMinute % 60;
        text = fixedPoint(magnitude % kMinute, 9) + u's';
        if (hours > 0 || minutes > 0)
            text = QString::number(minutes) + u'm' + text;
        if (hours > 0)
            text = QString::number(hours) + u'h' + text;
    }
    return negative ? u'-' + text : text;
}

Result<std::optional<qint64>> goDurationFromJson(const QJsonValue &value)
{
    const auto wrongType = [](const QString &what) {
        return Error { 400, u"json: cannot unmarshal %1 into Go value of type time.Duration"_s.arg(what), {} };
    };
    switch (value.type()) {
    case QJsonValue::Null:
    case QJsonValue::Undefined:
        return std::optional<qint64>();
    case QJsonValue::String: {
        QString error;
        if (const auto ns = parseGoDuration(value.toString(), &error))
            return std::optional<qint64>(*ns);
        return Error { 400, error, {} };
    }
    case QJsonValue::Double: {
        const double number = value.toDouble();
        // [-2^63, 2^63): what a float64 → int64 conversion can represent.
        if (!std::isfinite(number) || number >= 9223372036854775808.0 || number < -9223372036854775808.0)
            return wrongType(u"number "_s + QString::number(number, 'g', QLocale::FloatingPointShortest));
        return std::optional<qint64>(qint64(std::trunc(number)));
    }
    case QJsonValue::Bool:
        return wrongType(u"bool"_s);
    case QJsonValue::Array:
        return wrongType(u"array"_s);
    case QJsonValue::Object:
        return wrongType(u"object"_s);
    }
    return wrongType(u"value"_s);
}

} // namespace HealthDesk
