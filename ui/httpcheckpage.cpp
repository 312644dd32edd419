// SPDX-License-Identifier: MIT
#include "httpcheckpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
QLabel *errorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(u"fieldError"_s);
    label->setStyleSheet(u"color: #c62828;"_s);
    label->setWordWrap(true);
    label->hide();
    return label;
}
} // namespace

HttpCheckPage::HttpCheckPage(QWidget *parent)
    : QWidget(parent)
{
    m_url = new QLineEdit(this);
    m_url->setObjectName(u"httpUrl"_s);
    m_url->setPlaceholderText(u"https://example.com/health"_s);
    m_method = new QComboBox(this);
    m_method->setObjectName(u"httpMethod"_s);
    m_method->setEditable(true);
    m_method->addItems({u"GET"_s, u"HEAD"_s, u"POST"_s, u"PUT"_s, u"PATCH"_s, u"DELETE"_s, u"OPTIONS"_s});
    m_method->setMinimumContentsLength(7);
    m_method->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_method->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    m_urlError = errorLabel(this);

    m_headers = new QTableWidget(0, 2, this);
    m_headers->setObjectName(u"httpHeaders"_s);
    m_headers->setHorizontalHeaderLabels({tr("Header"), tr("Value")});
    m_headers->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_headers->verticalHeader()->hide();
    m_headers->setMinimumHeight(90);
    m_headers->setMaximumHeight(120);
    auto *addHeader = new QPushButton(tr("Add header"), this);
    auto *removeHeader = new QPushButton(tr("Remove"), this);
    connect(addHeader, &QPushButton::clicked, this, [this] {
        addHeaderRow();
        m_headers->editItem(m_headers->item(m_headers->rowCount() - 1, 0));
    });
    connect(removeHeader, &QPushButton::clicked, this, [this] {
        if (m_headers->currentRow() >= 0)
            m_headers->removeRow(m_headers->currentRow());
        emit edited();
    });
    connect(m_headers, &QTableWidget::itemChanged, this, &HttpCheckPage::edited);
    m_headerError = errorLabel(this);
    auto *headerButtons = new QVBoxLayout;
    headerButtons->addWidget(addHeader);
    headerButtons->addWidget(removeHeader);
    headerButtons->addStretch(1);
    auto *headerRow = new QHBoxLayout;
    headerRow->addWidget(m_headers, 1);
    headerRow->addLayout(headerButtons);

    m_body = new QPlainTextEdit(this);
    m_body->setObjectName(u"httpBody"_s);
    m_body->setPlaceholderText(tr("Request body (optional)"));
    m_body->setMaximumHeight(60);
    m_tlsServerName = new QLineEdit(this);
    m_tlsServerName->setPlaceholderText(tr("from the URL"));
    m_tlsSkipVerify = new QCheckBox(tr("Skip TLS certificate verification (insecure)"), this);
    m_disableRedirects = new QCheckBox(tr("Do not follow redirects"), this);

    auto *urlRow = new QHBoxLayout;
    urlRow->addWidget(m_method);
    urlRow->addWidget(m_url, 1);
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    auto *urlLabel = new QLabel(tr("&URL:"), this);
    urlLabel->setBuddy(m_url);
    form->addRow(urlLabel, urlRow);
    form->addRow(QString(), m_urlError);
    form->addRow(tr("Headers:"), headerRow);
    form->addRow(QString(), m_headerError);
    form->addRow(tr("Body:"), m_body);
    form->addRow(tr("TLS server name:"), m_tlsServerName);
    form->addRow(QString(), m_tlsSkipVerify);
    form->addRow(QString(), m_disableRedirects);

    connect(m_url, &QLineEdit::textChanged, this, &HttpCheckPage::edited);
    connect(m_method, &QComboBox::currentTextChanged, this, &HttpCheckPage::edited);
    connect(m_body, &QPlainTextEdit::textChanged, this, &HttpCheckPage::edited);
    connect(m_tlsServerName, &QLineEdit::textChanged, this, &HttpCheckPage::edited);
    connect(m_tlsSkipVerify, &QCheckBox::toggled, this, &HttpCheckPage::edited);
    connect(m_disableRedirects, &QCheckBox::toggled, this, &HttpCheckPage::edited);
}

void HttpCheckPage::addHeaderRow(const QString &name, const QString &value)
{
    const QSignalBlocker blocker(m_headers);
    const int row = m_headers->rowCount();
    m_headers->insertRow(row);
    m_headers->setItem(row, 0, new QTableWidgetItem(name));
    m_headers->setItem(row, 1, new QTableWidgetItem(value));
}

void HttpCheckPage::load(const CheckDefinition &definition)
{
    m_url->setText(definition.http);
    m_method->setCurrentText(definition.method.isEmpty() ? u"GET"_s : definition.method);
    m_headers->setRowCount(0);
    for (auto it = definition.header.cbegin(); it != definition.header.cend(); ++it) {
        for (const QString &value : it.value())
            addHeaderRow(it.key(), value);
    }
    m_body->setPlainText(definition.body);
    m_tlsServerName->setText(definition.tlsServerName);
    m_tlsSkipVerify->setChecked(definition.tlsSkipVerify);
    m_disableRedirects->setChecked(definition.disableRedirects);
}

void HttpCheckPage::store(CheckDefinition &definition) const
{
    definition.http = m_url->text().trimmed();
    const QString method = m_method->currentText().trimmed();
    definition.method = method == u"GET" ? QString() : method; // Consul's default stays implicit
    definition.header.clear();
    for (int row = 0; row < m_headers->rowCount(); ++row) {
        const QString name = m_headers->item(row, 0) ? m_headers->item(row, 0)->text().trimmed() : QString();
        const QString value = m_headers->item(row, 1) ? m_headers->item(row, 1)->text() : QString();
        if (!name.isEmpty())
            definition.header[name].append(value);
    }
    definition.body = m_body->toPlainText();
    definition.tlsServerName = m_tlsServerName->text().trimmed();
    definition.tlsSkipVerify = m_tlsSkipVerify->isChecked();
    definition.disableRedirects = m_disableRedirects->isChecked();
}

QLabel *HttpCheckPage::errorLabelFor(const QString &field) const
{
    if (field == u"HTTP" || field == u"Method" || field == u"TLSServerName" || field == u"Body")
        return m_urlError;
    if (field == u"Header")
        return m_headerError;
    return nullptr;
}

void HttpCheckPage::clearErrors()
{
    m_urlError->hide();
    m_headerError->hide();
}

} // namespace HealthDesk
