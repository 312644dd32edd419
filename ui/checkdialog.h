// SPDX-License-Identifier: MIT
#pragma once

#include "check/checkdefinition.h"
#include "check/result.h"
#include "store/checkstate.h"

#include <QDialog>
#include <QHash>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace HealthDesk {

class CoreClient;
class HttpCheckPage;

/// Add or edit one check: a type selector with one page per type (HTTP, TCP, UDP, TTL, Script),
/// the common fields, the thresholds with a plain-words preview, validation by the core
/// validator with its message next to the field, and "Test now" (one run on the core thread
/// before saving). OK registers through CoreClient and closes only when the core accepted it.
class CheckDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CheckDialog)

public:
    enum class Mode { Add, Edit };
    enum TypePage { HttpPage, TcpPage, UdpPage, TtlPage, ScriptPage, PageCount };

    CheckDialog(CoreClient *core, Mode mode, QWidget *parent = nullptr);

    /// Fills the fields (Edit: the ID is fixed; Add from a duplicate: give a new ID).
    void setDefinition(const CheckDefinition &definition);
    /// The definition as the fields describe it (before validation's defaulting).
    CheckDefinition definition() const;
    /// The current problem, if any (what disables OK).
    std::optional<Error> currentError() const { return m_error; }

    void setTypePage(TypePage page);
    QLineEdit *nameField() const { return m_name; }
    QLineEdit *idField() const { return m_id; }
    QLineEdit *intervalField() const { return m_interval; }
    QLineEdit *timeoutField() const { return m_timeout; }
    QLineEdit *addressField(TypePage page) const;
    QLineEdit *ttlField() const { return m_ttl; }
    HttpCheckPage *httpPage() const { return m_http; }
    QSpinBox *failuresBeforeCriticalField() const { return m_failuresCritical; }
    QPushButton *okButton() const;
    QPushButton *testButton() const { return m_test; }
    QLabel *testResultLabel() const { return m_testResult; }
    QLabel *thresholdPreviewLabel() const { return m_preview; }
    /// The visible error next to `field` (Consul's field name), nullptr when none is shown.
    QLabel *visibleErrorFor(const QString &field) const;

    /// "Critical after 3 failures × 10s = 30s …", from a definition's thresholds.
    static QString thresholdPreview(const CheckDefinition &definition);

signals:
    /// A run started by Test now finished (also shown in the dialog).
    void testFinished(const HealthDesk::CheckState &state);
    /// The core registered the definition; the dialog closes right after.
    void registered(const QString &checkId);

public slots:
    void accept() override;

private:
    QWidget *buildTypePages();
    QWidget *buildCommon();
    void revalidate();
    void showError(const Error &error);
    void clearErrors();
    QLabel *errorLabelFor(const QString &field) const;
    std::optional<Error> parseDurations(CheckDefinition &definition) const;
    void runTest();
    void setBusy(bool busy);

    CoreClient *m_core = nullptr;
    Mode m_mode;
    bool m_busy = false;
    bool m_loading = false;
    bool m_touched = false; ///< messages show once the operator started editing
    std::optional<Error> m_error;
    CheckDefinition m_loaded; ///< fields the dialog has no widget for are kept from here

    QComboBox *m_type = nullptr;
    QStackedWidget *m_pages = nullptr;
    HttpCheckPage *m_http = nullptr;
    QLineEdit *m_tcp = nullptr;
    QCheckBox *m_tcpTls = nullptr;
    QLineEdit *m_udp = nullptr;
    QLineEdit *m_ttl = nullptr;
    QPlainTextEdit *m_args = nullptr;
    QLabel *m_scriptDisabled = nullptr;

    QLineEdit *m_name = nullptr;
    QLineEdit *m_id = nullptr;
    QLineEdit *m_notes = nullptr;
    QComboBox *m_service = nullptr;
    QComboBox *m_initialStatus = nullptr;
    QLineEdit *m_interval = nullptr;
    QLineEdit *m_timeout = nullptr;
    QSpinBox *m_successPassing = nullptr;
    QSpinBox *m_failuresWarning = nullptr;
    QSpinBox *m_failuresCritical = nullptr;
    QSpinBox *m_outputMaxSize = nullptr;
    QLabel *m_preview = nullptr;

    QHash<QString, QLabel *> m_errorLabels; ///< Consul field name → label under the field
    QLabel *m_generalError = nullptr;
    QPushButton *m_test = nullptr;
    QLabel *m_testResult = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace HealthDesk
