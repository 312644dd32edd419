// SPDX-License-Identifier: MIT
#include "checkdialog.h"

#include "check/goduration.h"
#include "coreclient.h"
#include "httpcheckpage.h"
#include "model/checkfilter.h"
#include "statusstyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
QLabel *makeErrorLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(u"fieldError"_s);
    label->setStyleSheet(u"color: #c62828;"_s);
    label->setWordWrap(true);
    label->hide();
    return label;
}

/// "10s", "1m30s": Go's own formatting, which operators know from Consul.
QString goText(qint64 ns)
{
    return formatGoDuration(ns);
}
} // namespace

CheckDialog::CheckDialog(CoreClient *core, Mode mode, QWidget *parent)
    : QDialog(parent)
    , m_core(core)
    , m_mode(mode)
{
    setWindowTitle(mode == Mode::Add ? tr("Add check") : tr("Edit check"));
    setObjectName(u"checkDialog"_s);

    auto *columns = new QHBoxLayout;
    columns->addWidget(buildTypePages(), 1);
    columns->addSpacing(8);
    columns->addWidget(buildCommon(), 1);

    m_generalError = makeErrorLabel(this);
    m_test = new QPushButton(tr("&Test now"), this);
    m_test->setObjectName(u"testNow"_s);
    m_test->setToolTip(tr("Run this check once, without saving it, and show the result"));
    m_testResult = new QLabel(this);
    m_testResult->setObjectName(u"testResult"_s);
    m_testResult->setWordWrap(true);
    m_testResult->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testResult->setMinimumHeight(36);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_test, 0, Qt::AlignTop);
    testRow->addWidget(m_testResult, 1);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(mode == Mode::Add ? tr("Add check") : tr("Save"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &CheckDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &CheckDialog::reject);
    connect(m_test, &QPushButton::clicked, this, &CheckDialog::runTest);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(columns, 1);
    layout->addLayout(testRow);
    layout->addWidget(m_generalError);
    layout->addWidget(m_buttons);

    CheckDefinition initial;
    initial.interval = std::chrono::seconds(10);
    initial.timeout = std::chrono::seconds(5);
    initial.source = CheckSource::Local;
    setDefinition(initial);
    m_name->setFocus();
}

QWidget *CheckDialog::buildTypePages()
{
    auto *box = new QGroupBox(tr("What to check"), this);
    m_type = new QComboBox(box);
    m_type->setObjectName(u"checkType"_s);
    m_type->addItem(tr("HTTP — request a URL, 2xx passes, 429 warns"));
    m_type->addItem(tr("TCP — connect to host:port"));
    m_type->addItem(tr("UDP — send a datagram to host:port"));
    m_type->addItem(tr("TTL — something else reports the state"));
    m_type->addItem(tr("Script — run a command, exit code decides"));
    m_pages = new QStackedWidget(box);
    m_http = new HttpCheckPage(box);
    m_pages->addWidget(m_http);
    connect(m_http, &HttpCheckPage::edited, this, &CheckDialog::revalidate);

    const auto addressPage = [this, box](QLineEdit *&field, const QString &name, const QString &placeholder,
                                         const QString &help, QCheckBox *extra) {
        auto *page = new QWidget(box);
        field = new QLineEdit(page);
        field->setObjectName(name);
        field->setPlaceholderText(placeholder);
        auto *form = new QFormLayout(page);
        form->setContentsMargins(0, 0, 0, 0);
        form->addRow(tr("&Address:"), field);
        QLabel *error = makeErrorLabel(page);
        m_errorLabels.insert(name == u"tcpAddress" ? u"TCP"_s : u"UDP"_s, error);
        form->addRow(QString(), error);
        if (extra)
            form->addRow(QString(), extra);
        auto *note = new QLabel(help, page);
        note->setWordWrap(true);
        note->setStyleSheet(u"color: palette(placeholder-text);"_s);
        form->addRow(QString(), note);
        connect(field, &QLineEdit::textChanged, this, &CheckDialog::revalidate);
        m_pages->addWidget(page);
    };
    m_tcpTls = new QCheckBox(tr("Use TLS (verify the certificate)"));
    connect(m_tcpTls, &QCheckBox::toggled, this, &CheckDialog::revalidate);
    addressPage(m_tcp, u"tcpAddress"_s, u"db.internal:5432"_s,
                tr("Passing when a TCP connection is accepted within the timeout, critical otherwise."), m_tcpTls);
    addressPage(m_udp, u"udpAddress"_s, u"127.0.0.1:53"_s,
                tr("Sends a datagram; passing unless the host answers with ICMP port unreachable."), nullptr);

    auto *ttlPage = new QWidget(box);
    m_ttl = new QLineEdit(ttlPage);
    m_ttl->setObjectName(u"ttl"_s);
    m_ttl->setPlaceholderText(u"30s"_s);
    auto *ttlForm = new QFormLayout(ttlPage);
    ttlForm->setContentsMargins(0, 0, 0, 0);
    ttlForm->addRow(tr("&TTL:"), m_ttl);
    QLabel *ttlError = makeErrorLabel(ttlPage);
    m_errorLabels.insert(u"TTL"_s, ttlError);
    ttlForm->addRow(QString(), ttlError);
    auto *ttlHelp = new QLabel(tr("Critical unless something reports within the TTL, e.g.<br><code>curl -X PUT "
                                  "http://127.0.0.1:8500/v1/agent/check/pass/&lt;id&gt;</code>"),
                               ttlPage);
    ttlHelp->setWordWrap(true);
    ttlForm->addRow(QString(), ttlHelp);
    connect(m_ttl, &QLineEdit::textChanged, this, &CheckDialog::revalidate);
    m_pages->addWidget(ttlPage);

    auto *scriptPage = new QWidget(box);
    m_args = new QPlainTextEdit(scriptPage);
    m_args->setObjectName(u"scriptArgs"_s);
    m_args->setPlaceholderText(tr("One argument per line, e.g.\n/usr/local/bin/check_disk\n-w\n90"));
    m_scriptDisabled = new QLabel(scriptPage);
    m_scriptDisabled->setWordWrap(true);
    auto *scriptForm = new QFormLayout(scriptPage);
    scriptForm->setContentsMargins(0, 0, 0, 0);
    scriptForm->addRow(m_scriptDisabled);
    scriptForm->addRow(tr("Arguments:"), m_args);
    QLabel *argsError = makeErrorLabel(scriptPage);
    m_errorLabels.insert(u"ScriptArgs"_s, argsError);
    scriptForm->addRow(QString(), argsError);
    connect(m_args, &QPlainTextEdit::textChanged, this, &CheckDialog::revalidate);
    m_pages->addWidget(scriptPage);
    const bool scriptsAllowed = m_core->agentConfig().localScriptChecksAllowed();
    m_args->setEnabled(scriptsAllowed);
    m_scriptDisabled->setVisible(!scriptsAllowed);
    m_scriptDisabled->setText(tr("<b>Script checks are disabled.</b> They run commands on this machine, so "
                                 "Consul keeps them off unless <code>enable_local_script_checks</code> is set. "
                                 "Turn on \"Enable local script checks\" in Settings (restart required) or in "
                                 "a config file."));

    connect(m_type, &QComboBox::currentIndexChanged, this, [this](int index) {
        m_pages->setCurrentIndex(index);
        revalidate();
    });
    auto *layout = new QVBoxLayout(box);
    auto *typeRow = new QFormLayout;
    typeRow->addRow(tr("T&ype:"), m_type);
    layout->addLayout(typeRow);
    layout->addWidget(m_pages, 1);
    return box;
}

QWidget *CheckDialog::buildCommon()
{
    auto *panel = new QWidget(this);
    auto *checkBox = new QGroupBox(tr("Check"), panel);
    m_name = new QLineEdit(checkBox);
    m_name->setObjectName(u"name"_s);
    m_name->setPlaceholderText(tr("What an operator reads, e.g. \"Billing API answers\""));
    m_id = new QLineEdit(checkBox);
    m_id->setObjectName(u"checkId"_s);
    m_id->setPlaceholderText(tr("defaults to the name"));
    m_id->setReadOnly(m_mode == Mode::Edit);
    m_notes = new QLineEdit(checkBox);
    m_notes->setPlaceholderText(tr("Runbook hint for whoever sees it fail"));
    m_service = new QComboBox(checkBox);
    m_service->setObjectName(u"service"_s);
    m_service->setEditable(true);
    m_service->addItem(QString());
    for (const ServiceState &service : m_core->services())
        m_service->addItem(service.definition.id);
    m_service->lineEdit()->setPlaceholderText(tr("none (a node-level check)"));
    m_initialStatus = new QComboBox(checkBox);
    m_initialStatus->addItem(StatusStyle::icon(CheckFilter::Critical), tr("Critical until the first result"),
                             int(CheckStatus::Critical));
    m_initialStatus->addItem(StatusStyle::icon(CheckFilter::Warning), tr("Warning"), int(CheckStatus::Warning));
    m_initialStatus->addItem(StatusStyle::icon(CheckFilter::Passing), tr("Passing"), int(CheckStatus::Passing));
    auto *checkForm = new QFormLayout(checkBox);
    const auto addField = [this](QFormLayout *form, const QString &label, QWidget *field, const QString &consulField) {
        form->addRow(label, field);
        QLabel *error = makeErrorLabel(field->parentWidget());
        m_errorLabels.insert(consulField, error);
        form->addRow(QString(), error);
    };
    addField(checkForm, tr("&Name:"), m_name, u"Name"_s);
    addField(checkForm, tr("&ID:"), m_id, u"ID"_s);
    checkForm->addRow(tr("N&otes:"), m_notes);
    addField(checkForm, tr("&Service:"), m_service, u"ServiceID"_s);
    addField(checkForm, tr("Initial status:"), m_initialStatus, u"Status"_s);

    auto *runBox = new QGroupBox(tr("Schedule and thresholds"), panel);
    m_interval = new QLineEdit(runBox);
    m_interval->setObjectName(u"interval"_s);
    m_interval->setPlaceholderText(u"10s"_s);
    m_timeout = new QLineEdit(runBox);
    m_timeout->setObjectName(u"timeout"_s);
    m_timeout->setPlaceholderText(tr("10s (HTTP, TCP, UDP), 30s (script)"));
    const auto spin = [runBox](const QString &name, int max, const QString &special) {
        auto *box = new QSpinBox(runBox);
        box->setObjectName(name);
        box->setRange(0, max);
        box->setSpecialValueText(special);
        return box;
    };
    m_successPassing = spin(u"successBeforePassing"_s, 1000, tr("1 (immediately)"));
    m_failuresWarning = spin(u"failuresBeforeWarning"_s, 1000, tr("same as critical"));
    m_failuresCritical = spin(u"failuresBeforeCritical"_s, 1000, tr("1 (immediately)"));
    m_outputMaxSize = spin(u"outputMaxSize"_s, 1 << 20, tr("agent default (%1 bytes)").arg(m_core->agentConfig().checkOutputMaxSize));
    m_outputMaxSize->setSuffix(tr(" bytes"));
    m_preview = new QLabel(runBox);
    m_preview->setObjectName(u"thresholdPreview"_s);
    m_preview->setWordWrap(true);
    m_preview->setStyleSheet(u"color: palette(placeholder-text);"_s);
    auto *runForm = new QFormLayout(runBox);
    addField(runForm, tr("Inter&val:"), m_interval, u"Interval"_s);
    addField(runForm, tr("Ti&meout:"), m_timeout, u"Timeout"_s);
    runForm->addRow(tr("Successes before passing:"), m_successPassing);
    addField(runForm, tr("Failures before warning:"), m_failuresWarning, u"FailuresBeforeWarning"_s);
    addField(runForm, tr("Failures before critical:"), m_failuresCritical, u"FailuresBeforeCritical"_s);
    runForm->addRow(QString(), m_preview);
    addField(runForm, tr("Output max size:"), m_outputMaxSize, u"OutputMaxSize"_s);

    for (QLineEdit *field : {m_name, m_id, m_notes, m_interval, m_timeout})
        connect(field, &QLineEdit::textChanged, this, &CheckDialog::revalidate);
    connect(m_service, &QComboBox::currentTextChanged, this, &CheckDialog::revalidate);
    connect(m_initialStatus, &QComboBox::currentIndexChanged, this, &CheckDialog::revalidate);
    for (QSpinBox *box : {m_successPassing, m_failuresWarning, m_failuresCritical, m_outputMaxSize})
        connect(box, &QSpinBox::valueChanged, this, &CheckDialog::revalidate);

    auto *layout = new QVBoxLayout(panel);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(checkBox);
    layout->addWidget(runBox);
    layout->addStretch(1);
    return panel;
}

QLineEdit *CheckDialog::addressField(TypePage page) const
{
    return page == TcpPage ? m_tcp : page == UdpPage ? m_udp : page == HttpPage ? m_http->urlField() : nullptr;
}

QPushButton *CheckDialog::okButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

void CheckDialog::setTypePage(TypePage page)
{
    m_type->setCurrentIndex(page);
}

void CheckDialog::setDefinition(const CheckDefinition &definition)
{
    m_loading = true;
    m_loaded = definition;
    const CheckKind kind = definition.kind();
    const TypePage page = kind == CheckKind::Tcp      ? TcpPage
                        : kind == CheckKind::Udp      ? UdpPage
                        : kind == CheckKind::Ttl      ? TtlPage
                        : kind == CheckKind::Script   ? ScriptPage
                                                      : HttpPage;
    m_http->load(definition);
    m_tcp->setText(definition.tcp);
    m_tcpTls->setChecked(definition.tcpUseTls);
    m_udp->setText(definition.udp);
    m_ttl->setText(definition.ttl.count() > 0 ? goText(definition.ttl.count()) : QString());
    m_args->setPlainText(definition.scriptArgs.join(u'\n'));
    m_name->setText(definition.name);
    m_id->setText(definition.id);
    m_notes->setText(definition.notes);
    m_service->setCurrentText(definition.serviceId);
    m_initialStatus->setCurrentIndex(
        std::max(0, m_initialStatus->findData(int(definition.initialStatus.value_or(CheckStatus::Critical)))));
    m_interval->setText(definition.interval.count() > 0 ? goText(definition.interval.count()) : QString());
    m_timeout->setText(definition.timeout.count() > 0 ? goText(definition.timeout.count()) : QString());
    m_successPassing->setValue(definition.successBeforePassing);
    m_failuresWarning->setValue(definition.failuresBeforeWarning);
    m_failuresCritical->setValue(definition.failuresBeforeCritical);
    m_outputMaxSize->setValue(definition.outputMaxSize);
    m_type->setCurrentIndex(page);
    m_pages->setCurrentIndex(page);
    revalidate();
    m_loading = false;
    // An edited or duplicated definition is shown with its problems at once.
    m_touched = m_mode == Mode::Edit || !definition.name.isEmpty();
    if (m_error && m_touched)
        showError(*m_error);
}

CheckDefinition CheckDialog::definition() const
{
    CheckDefinition d = m_loaded;
    // Only the fields of the chosen type survive: a TCP check carries no leftover URL.
    d.http.clear();
    d.header.clear();
    d.method.clear();
    d.body.clear();
    d.tcp.clear();
    d.udp.clear();
    d.scriptArgs.clear();
    d.ttl = {};
    switch (m_type->currentIndex()) {
    case HttpPage:
        m_http->store(d);
        break;
    case TcpPage:
        d.tcp = m_tcp->text().trimmed();
        d.tcpUseTls = m_tcpTls->isChecked();
        break;
    case UdpPage:
        d.udp = m_udp->text().trimmed();
        break;
    case TtlPage:
        break; // parsed with the other durations
    case ScriptPage:
        for (const QString &line : m_args->toPlainText().split(u'\n')) {
            if (!line.trimmed().isEmpty())
                d.scriptArgs.append(line.trimmed());
        }
        break;
    }
    d.name = m_name->text().trimmed();
    d.id = m_id->text().trimmed();
    d.notes = m_notes->text().trimmed();
    d.serviceId = m_service->currentText().trimmed();
    d.initialStatus = CheckStatus(m_initialStatus->currentData().toInt());
    d.successBeforePassing = m_successPassing->value();
    d.failuresBeforeWarning = m_failuresWarning->value();
    d.failuresBeforeCritical = m_failuresCritical->value();
    d.outputMaxSize = m_outputMaxSize->value();
    d.source = CheckSource::Local;
    if (d.initialStatus == CheckStatus::Critical)
        d.initialStatus.reset(); // Consul's default stays implicit in the JSON
    return d;
}

std::optional<Error> CheckDialog::parseDurations(CheckDefinition &d) const
{
    const bool ttlPage = m_type->currentIndex() == TtlPage;
    const struct
    {
        QLineEdit *field;
        Nanoseconds *target;
        QString name;
    } fields[] = {{m_interval, &d.interval, u"Interval"_s}, {m_timeout, &d.timeout, u"Timeout"_s},
                  {m_ttl, &d.ttl, u"TTL"_s}};
    for (const auto &f : fields) {
        const QString text = f.field->text().trimmed();
        *f.target = Nanoseconds(0);
        if ((f.name == u"TTL") != ttlPage && f.name != u"Timeout")
            continue; // interval for probes, TTL for TTL checks
        if (ttlPage && f.name == u"Timeout")
            continue;
        if (text.isEmpty())
            continue;
        QString message;
        const auto ns = parseGoDuration(text, &message);
        if (!ns)
            return Error{400, message, f.name};
        *f.target = Nanoseconds(*ns);
    }
    return std::nullopt;
}

void CheckDialog::revalidate()
{
    if (!m_loading)
        m_touched = true;
    const int page = m_type->currentIndex();
    m_interval->setEnabled(page != TtlPage);
    m_timeout->setEnabled(page != TtlPage);
    m_successPassing->setEnabled(page != TtlPage);
    m_failuresWarning->setEnabled(page != TtlPage);
    m_failuresCritical->setEnabled(page != TtlPage);

    CheckDefinition d = definition();
    std::optional<Error> error = parseDurations(d);
    // A page left empty: say what is missing instead of the validator's generic TTL message.
    if (!error) {
        if (page == HttpPage && d.http.isEmpty())
            error = Error{400, tr("Enter the URL to request."), u"HTTP"_s};
        else if (page == TcpPage && d.tcp.isEmpty())
            error = Error{400, tr("Enter host:port to connect to."), u"TCP"_s};
        else if (page == UdpPage && d.udp.isEmpty())
            error = Error{400, tr("Enter host:port to send to."), u"UDP"_s};
        else if (page == ScriptPage && d.scriptArgs.isEmpty() && m_args->isEnabled())
            error = Error{400, tr("Enter the command to run, one argument per line."), u"ScriptArgs"_s};
    }
    if (!error && m_mode == Mode::Add && d.name.isEmpty() && d.id.isEmpty())
        error = Error{400, tr("Missing check name"), u"Name"_s};
    if (!error)
        error = m_core->validate(d); // the core validator: Consul's rules and messages
    m_error = error;
    clearErrors();
    if (error && m_touched)
        showError(*error);
    m_preview->setText(thresholdPreview(d));
    okButton()->setEnabled(!error && !m_busy);
    m_test->setEnabled(!error && !m_busy);
}

QLabel *CheckDialog::errorLabelFor(const QString &field) const
{
    if (QLabel *label = m_errorLabels.value(field))
        return label;
    if (m_type->currentIndex() == HttpPage)
        return m_http->errorLabelFor(field);
    return nullptr;
}

QLabel *CheckDialog::visibleErrorFor(const QString &field) const
{
    QLabel *label = errorLabelFor(field);
    return label && !label->isHidden() ? label : nullptr;
}

void CheckDialog::showError(const Error &error)
{
    QLabel *label = errorLabelFor(error.field);
    if (!label)
        label = m_generalError;
    label->setText(error.message);
    label->show();
}

void CheckDialog::clearErrors()
{
    for (QLabel *label : std::as_const(m_errorLabels))
        label->hide();
    m_http->clearErrors();
    m_generalError->hide();
}

QString CheckDialog::thresholdPreview(const CheckDefinition &d)
{
    if (d.kind() == CheckKind::Ttl) {
        return d.ttl.count() > 0 ? tr("Critical when no update arrives within %1.").arg(goText(d.ttl.count()))
                                 : QString();
    }
    const qint64 interval = std::max<qint64>(d.interval.count(), 1'000'000'000);
    if (d.interval.count() <= 0)
        return {};
    const int critical = std::max(1, d.failuresBeforeCritical);
    const int warning = std::max(1, d.failuresBeforeWarning > 0 ? d.failuresBeforeWarning : critical);
    const int passing = std::max(1, d.successBeforePassing);
    const auto after = [interval](int n) { return goText(interval * n); };
    const auto failures = [](int n) { return n == 1 ? tr("1 failure") : tr("%1 failures").arg(n); };
    const auto successes = [](int n) { return n == 1 ? tr("1 success") : tr("%1 successes").arg(n); };
    QString text = tr("Critical after %1 × %2 = %3").arg(failures(critical), goText(interval), after(critical));
    if (warning < critical)
        text += tr("; warning after %1 = %2").arg(failures(warning), after(warning));
    text += tr("; passing again after %1 = %2.").arg(successes(passing), after(passing));
    return text;
}

void CheckDialog::setBusy(bool busy)
{
    m_busy = busy;
    revalidate();
}

void CheckDialog::runTest()
{
    if (m_error)
        return;
    CheckDefinition d = definition();
    parseDurations(d);
    if (m_core->validate(d))
        return;
    m_testResult->setText(tr("Testing %1…").arg(d.target()));
    m_testResult->setStyleSheet({});
    m_test->setEnabled(false);
    m_core->testCheck(d, this, [this](const CheckState &state) {
        const auto flag = CheckFilter::statusFlagOf(state);
        QString text = u"<b style=\"color:%1\">%2</b>"_s.arg(StatusStyle::color(flag).name(), StatusStyle::label(flag));
        if (state.lastRunMs > 0)
            text += tr(" in %1 ms").arg(QLocale().toString(state.latencyUs / 1000.0, 'f', 1));
        if (state.lastCode >= 0)
            text += tr(" (code %1)").arg(state.lastCode);
        const QString output = state.output.left(300).toHtmlEscaped();
        m_testResult->setText(text + (output.isEmpty() ? QString() : u": <code>"_s + output + u"</code>"_s));
        m_testResult->setToolTip(state.output);
        m_test->setEnabled(!m_error && !m_busy);
        emit testFinished(state);
    });
}

void CheckDialog::accept()
{
    if (m_error || m_busy)
        return;
    CheckDefinition d = definition();
    parseDurations(d);
    setBusy(true);
    m_core->registerCheck(d, this, [this, d](const std::optional<Error> &error) {
        setBusy(false);
        if (error) {
            clearErrors();
            showError(*error);
            return;
        }
        emit registered(d.id.isEmpty() ? d.name : d.id);
        QDialog::accept();
    });
}

} // namespace HealthDesk
