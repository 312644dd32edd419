// SPDX-License-Identifier: MIT
#pragma once

#include <QAbstractSocket>
#include <QList>
#include <QSslError>
#include <QString>

#include <optional>

/// Error texts shaped like the Go errors Consul prints as check output, so that outputs (and the
/// habits of operators who grep them) carry over. Shared by the network probes.
namespace HealthDesk::GoErrorText {

/// A parsed `host:port` dial address, or Go's reason why it is not one.
struct DialAddress
{
    QString host; ///< without brackets; empty means the local system, as in Go
    quint16 port = 0;
    QString error; ///< e.g. `address foo: missing port in address`; empty when valid
};

/// Go's net.SplitHostPort plus port validation; `network` is "tcp" or "udp" (for the texts).
DialAddress splitHostPort(const QString &address, QStringView network);

/// `host:port`, bracketing IPv6 literals.
QString joinHostPort(const QString &host, quint16 port);

/// Go's url.Error op word: the method with only the first letter upper-cased (`Get`, `Post`).
QString urlErrorOp(QStringView method);

/// The syscall part of a failed connect, e.g. `connect: connection refused`.
QString connectFailure(QAbstractSocket::SocketError error, const QString &qtText);

/// `tls: failed to verify certificate: x509: …` for the first verification error, with Qt's own
/// explanation in parentheses; `host` is the name that was verified.
QString certificateFailure(const QList<QSslError> &errors, const QString &host);

/// Go's "no such host" resolver error for `host`.
QString lookupFailure(const QString &host);

} // namespace HealthDesk::GoErrorText
