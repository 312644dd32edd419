// SPDX-License-Identifier: MIT
#pragma once

#include <QSslCertificate>
#include <QSslKey>
#include <QString>

namespace HealthDesk::Test {

/// A throw-away self-signed certificate (EC P-256) for `localhost`, `127.0.0.1` and `::1`,
/// generated with the openssl command line into a temporary directory.
class TestCertificate final
{
public:
    /// Generated on first use and shared by the whole test process.
    static const TestCertificate &localhost();

    bool isValid() const { return !m_certificate.isNull() && !m_key.isNull(); }
    /// Why generation failed (for QSKIP).
    const QString &errorString() const { return m_error; }
    const QSslCertificate &certificate() const { return m_certificate; }
    const QSslKey &key() const { return m_key; }

private:
    TestCertificate();

    QSslCertificate m_certificate;
    QSslKey m_key;
    QString m_error;
};

} // namespace HealthDesk::Test
