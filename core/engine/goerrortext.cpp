// SPDX-License-Identifier: MIT
#include "goerrortext.h"

#include <QHostAddress>
#include <QSslCertificate>

using namespace Qt::StringLiterals;

namespace HealthDesk::GoErrorText {

DialAddress splitHostPort(const QString &address, QStringView network)
{
    DialAddress result;
    const auto fail = [&](QStringView why) {
        result.error = u"address "_s + address + u": "_s + why;
        return result;
    };
    const qsizetype colon = address.lastIndexOf(u':');
    if (colon < 0)
        return fail(u"missing port in address");
    QStringView host = QStringView(address).first(colon);
    const QStringView port = QStringView(address).sliced(colon + 1);
    if (address.startsWith(u'[')) {
        const qsizetype end = address.indexOf(u']');
        if (end < 0)
            return fail(u"missing ']' in address");
        if (end + 1 == address.size())
            return fail(u"missing port in address");
        if (end + 1 != colon)
            return fail(address.at(end + 1) == u':' ? u"too many colons in address" : u"missing port in address");
        host = QStringView(address).sliced(1, end - 1);
    } else if (host.contains(u':')) {
        return fail(u"too many colons in address");
    }
    bool ok = port.isEmpty(); // Go dials port 0 for an empty port
    const uint value = ok ? 0 : port.toUInt(&ok);
    if (!ok) {
        result.error = u"lookup "_s + network + u'/' + port + u": unknown port"_s;
        return result;
    }
    if (value > 65535)
        return fail(u"invalid port");
    result.host = host.toString();
    result.port = quint16(value);
    return result;
}

QString joinHostPort(const QString &host, quint16 port)
{
    if (host.contains(u':'))
        return u'[' + host + u"]:"_s + QString::number(port);
    return host + u':' + QString::number(port);
}

QString urlErrorOp(QStringView method)
{
    if (method.isEmpty())
        return u"Get"_s;
    return method.first(1).toString().toUpper() + method.sliced(1).toString().toLower();
}

QString connectFailure(QAbstractSocket::SocketError error, const QString &qtText)
{
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return u"connect: connection refused"_s;
    case QAbstractSocket::SocketAccessError:
        return u"connect: permission denied"_s;
    case QAbstractSocket::NetworkError:
        // Qt folds ENETUNREACH and EHOSTUNREACH into one code; its text still tells them apart.
        if (qtText.contains(u"host"_s, Qt::CaseInsensitive))
            return u"connect: no route to host"_s;
        return u"connect: network is unreachable"_s;
    case QAbstractSocket::RemoteHostClosedError:
        return u"read: connection reset by peer"_s;
    default:
        break;
    }
    QString text = qtText;
    if (!text.isEmpty())
        text[0] = text[0].toLower();
    return u"connect: "_s + text;
}

namespace {
QString certificateNames(const QSslCertificate &certificate)
{
    QStringList names;
    const auto alternates = certificate.subjectAlternativeNames();
    for (auto it = alternates.cbegin(); it != alternates.cend(); ++it)
        names.append(it.value());
    return names.join(u", "_s);
}
} // namespace

QString certificateFailure(const QList<QSslError> &errors, const QString &host)
{
    if (errors.isEmpty())
        return u"tls: handshake failure"_s;
    const QSslError &first = errors.constFirst();
    QString x509;
    switch (first.error()) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
        x509 = u"certificate signed by unknown authority"_s;
        break;
    case QSslError::CertificateExpired:
    case QSslError::CertificateNotYetValid:
        x509 = u"certificate has expired or is not yet valid"_s;
        break;
    case QSslError::HostNameMismatch: {
        const QString names = certificateNames(first.certificate());
        x509 = names.isEmpty() ? QString(u"certificate is not valid for any names, but wanted to match "_s + host)
                               : QString(u"certificate is valid for "_s + names + u", not "_s + host);
        break;
    }
    default:
        x509 = u"certificate verification failed"_s;
        break;
    }
    return u"tls: failed to verify certificate: x509: "_s + x509 + u" ("_s + first.errorString() + u')';
}

QString lookupFailure(const QString &host)
{
    return u"lookup "_s + host + u": no such host"_s;
}

} // namespace HealthDesk::GoErrorText
