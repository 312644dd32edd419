// SPDX-License-Identifier: MIT
#include "testcertificate.h"

#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;

namespace HealthDesk::Test {

const TestCertificate &TestCertificate::localhost()
{
    static const TestCertificate certificate;
    return certificate;
}

TestCertificate::TestCertificate()
{
    const QString openssl = QStandardPaths::findExecutable(u"openssl"_s);
    if (openssl.isEmpty()) {
        m_error = u"openssl not found in PATH"_s;
        return;
    }
    QTemporaryDir dir;
    if (!dir.isValid()) {
        m_error = dir.errorString();
        return;
    }
    const QString keyPath = dir.filePath(u"key.pem"_s);
    const QString certPath = dir.filePath(u"cert.pem"_s);
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(openssl,
                  {u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s, u"ec_paramgen_curve:prime256v1"_s,
                   u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s, u"/CN=localhost"_s, u"-addext"_s,
                   u"subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1"_s, u"-keyout"_s, keyPath, u"-out"_s,
                   certPath});
    if (!process.waitForFinished(30'000) || process.exitStatus() != QProcess::NormalExit
        || process.exitCode() != 0) {
        m_error = u"openssl failed: "_s + QString::fromLocal8Bit(process.readAll());
        return;
    }
    QFile keyFile(keyPath);
    QFile certFile(certPath);
    if (!keyFile.open(QIODevice::ReadOnly) || !certFile.open(QIODevice::ReadOnly)) {
        m_error = u"cannot read the generated files"_s;
        return;
    }
    m_key = QSslKey(keyFile.readAll(), QSsl::Ec);
    m_certificate = QSslCertificate(certFile.readAll());
    if (!isValid())
        m_error = u"cannot parse the generated certificate or key"_s;
}

} // namespace HealthDesk::Test
