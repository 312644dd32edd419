// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkdefinition.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QTableWidget;

namespace HealthDesk {

/// The HTTP page of the check dialog: URL, method, headers table, body, TLS server name and
/// skip-verify, redirects. Reads and writes only the HTTP fields of a CheckDefinition.
class HttpCheckPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(HttpCheckPage)

public:
    explicit HttpCheckPage(QWidget *parent = nullptr);

    void load(const CheckDefinition &definition);
    void store(CheckDefinition &definition) const;

    QLineEdit *urlField() const { return m_url; }
    QComboBox *methodField() const { return m_method; }
    QTableWidget *headersTable() const { return m_headers; }
    /// Where messages about a field of this page go (`HTTP`, `Method`, `Header`, `Body`, …);
    /// nullptr when the field is not on this page.
    QLabel *errorLabelFor(const QString &field) const;
    void clearErrors();

signals:
    void edited();

private:
    void addHeaderRow(const QString &name = {}, const QString &value = {});

    QLineEdit *m_url = nullptr;
    QComboBox *m_method = nullptr;
    QTableWidget *m_headers = nullptr;
    QPlainTextEdit *m_body = nullptr;
    QLineEdit *m_tlsServerName = nullptr;
    QCheckBox *m_tlsSkipVerify = nullptr;
    QCheckBox *m_disableRedirects = nullptr;
    QLabel *m_urlError = nullptr;
    QLabel *m_headerError = nullptr;
};

} // namespace HealthDesk
