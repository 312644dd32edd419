// SPDX-License-Identifier: MIT
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace HealthDesk::Http::Testing {

struct ProgramResult
{
    int exitCode = -1; ///< -1 when it could not start or crashed
    QByteArray out;
    QByteArray err;
    qint64 elapsedMs = 0;
};

/// Runs a program to completion while the event loop keeps serving: QProcess::waitForFinished
/// would block the server under test, which shares the thread.
ProgramResult runProgram(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                         int timeoutMs = 30000);

/// This process's resident set size in KiB, or -1.
qint64 residentKiB();

/// A minimal HTTP/1.1 GET for localhost.
QByteArray getRequest(const QByteArray &target, const QByteArray &extraHeaders = {});

} // namespace HealthDesk::Http::Testing
