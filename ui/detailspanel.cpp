// SPDX-License-Identifier: MIT
#include "detailspanel.h"

#include "check/checkjson.h"
#include "coreclient.h"
#include "historychart.h"
#include "model/checkstablemodel.h"
#include "model/historysummary.h"
#include "statusstyle.h"

#include <QApplication>
#include <QButtonGroup>
#include <QClipboard>
#include <QDateTime>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace HealthDesk {

namespace {
QString exactTime(qint64 ms)
{
    if (ms <= 0)
        return QCoreApplication::translate("DetailsPanel", "never");
    return QLocale().toString(QDateTime::fromMSecsSinceEpoch(ms), u"yyyy-MM-dd HH:mm:ss"_s);
}

QLabel *valueLabel(QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}
} // namespace

DetailsPanel::DetailsPanel(ChecksTableModel *model, CoreClient *core, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_core(core)
{
    m_badge = new QLabel(this);
    m_title = new QLabel(this);
    m_title->setObjectName(u"detailsTitle"_s);
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.3);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle = new QLabel(this);
    m_subtitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_subtitle->setStyleSheet(u"color: palette(placeholder-text);"_s);
    auto *header = new QHBoxLayout;
    header->addWidget(m_badge);
    auto *titles = new QVBoxLayout;
    titles->setSpacing(0);
    titles->addWidget(m_title);
    titles->addWidget(m_subtitle);
    header->addLayout(titles, 1);

    m_tabs = new QTabWidget(this);
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(buildOverview(), tr("Overview"));
    m_tabs->addTab(buildHistory(), tr("History"));
    m_tabs->addTab(buildDefinition(), tr("Definition"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 6, 4, 0);
    layout->addLayout(header);
    layout->addWidget(m_tabs, 1);

    connect(model, &QAbstractItemModel::dataChanged, this, &DetailsPanel::handleModelChanged);
    connect(model, &QAbstractItemModel::modelReset, this, &DetailsPanel::refreshState);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &DetailsPanel::refreshState);
    // New runs extend the history, but re-query at most every 10 s.
    m_historyTimer.setSingleShot(true);
    m_historyTimer.setInterval(10'000);
    connect(&m_historyTimer, &QTimer::timeout, this, &DetailsPanel::requestHistory);
    setCheckId({});
}

QWidget *DetailsPanel::buildOverview()
{
    auto *page = new QWidget(this);
    m_output = new QPlainTextEdit(page);
    m_output->setObjectName(u"detailsOutput"_s);
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_output->setPlaceholderText(tr("No output yet."));
    m_output->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    auto *copy = new QPushButton(tr("Copy output"), page);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(m_output->toPlainText()); });

    m_notes = valueLabel(page);
    m_notes->setWordWrap(true);
    m_lastRun = valueLabel(page);
    m_nextRun = valueLabel(page);
    m_lastChange = valueLabel(page);
    m_latency = valueLabel(page);
    m_indexes = valueLabel(page);
    auto *form = new QFormLayout;
    form->setLabelAlignment(Qt::AlignRight);
    form->addRow(tr("Notes:"), m_notes);
    form->addRow(tr("Last run:"), m_lastRun);
    form->addRow(tr("Next run:"), m_nextRun);
    form->addRow(tr("Last change:"), m_lastChange);
    form->addRow(tr("Latency / code:"), m_latency);
    form->addRow(tr("Index:"), m_indexes);

    auto *left = new QVBoxLayout;
    auto *outputHeader = new QHBoxLayout;
    outputHeader->addWidget(new QLabel(tr("<b>Output</b>"), page));
    outputHeader->addStretch(1);
    outputHeader->addWidget(copy);
    left->addLayout(outputHeader);
    left->addWidget(m_output, 1);
    auto *layout = new QHBoxLayout(page);
    layout->addLayout(left, 3);
    layout->addSpacing(12);
    auto *right = new QVBoxLayout;
    right->addLayout(form);
    right->addStretch(1);
    layout->addLayout(right, 2);
    return page;
}

QWidget *DetailsPanel::buildHistory()
{
    auto *page = new QWidget(this);
    m_chart = new HistoryChart(page);
    m_rangeButtons = new QButtonGroup(page);
    auto *ranges = new QHBoxLayout;
    ranges->setSpacing(2);
    const QStringList names = {tr("1 h"), tr("24 h"), tr("7 d"), tr("30 d")};
    for (int i = 0; i < names.size(); ++i) {
        auto *button = new QToolButton(page);
        button->setText(names.at(i));
        button->setCheckable(true);
        button->setAutoRaise(false);
        button->setMinimumWidth(48);
        m_rangeButtons->addButton(button, i);
        ranges->addWidget(button);
    }
    m_rangeButtons->button(m_range)->setChecked(true);
    connect(m_rangeButtons, &QButtonGroup::idClicked, this, [this](int id) {
        m_range = Range(id);
        applyHistory();
    });
    ranges->addSpacing(24);
    for (const QString &label : {tr("Uptime 24 h:"), tr("7 d:"), tr("30 d:")}) {
        ranges->addWidget(new QLabel(label, page));
        auto *value = new QLabel(u"–"_s, page);
        QFont bold = value->font();
        bold.setBold(true);
        value->setFont(bold);
        value->setMinimumWidth(64);
        m_uptime.append(value);
        ranges->addWidget(value);
    }
    ranges->addStretch(1);

    m_transitions = new QTreeWidget(page);
    m_transitions->setObjectName(u"transitions"_s);
    m_transitions->setRootIsDecorated(false);
    m_transitions->setHeaderLabels({tr("Time"), tr("From"), tr("To"), tr("Output")});
    m_transitions->header()->resizeSection(0, 150);
    m_transitions->header()->resizeSection(1, 90);
    m_transitions->header()->resizeSection(2, 90);
    m_transitions->setMinimumWidth(260);

    auto *body = new QHBoxLayout;
    body->addWidget(m_chart, 3);
    body->addWidget(m_transitions, 2);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(ranges);
    layout->addLayout(body, 1);
    return page;
}

QWidget *DetailsPanel::buildDefinition()
{
    auto *page = new QWidget(this);
    m_definition = new QPlainTextEdit(page);
    m_definition->setObjectName(u"definitionJson"_s);
    m_definition->setReadOnly(true);
    m_definition->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    auto *copy = new QPushButton(tr("Copy JSON"), page);
    connect(copy, &QPushButton::clicked, this, [this] { QApplication::clipboard()->setText(definitionJson()); });
    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("As Consul JSON (<code>PUT /v1/agent/check/register</code>)"), page));
    row->addStretch(1);
    row->addWidget(copy);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(row);
    layout->addWidget(m_definition, 1);
    return page;
}

qint64 DetailsPanel::rangeMs(Range range)
{
    switch (range) {
    case Hour:
        return 3600LL * 1000;
    case Day:
        return 24 * 3600LL * 1000;
    case Week:
        return 7 * 24 * 3600LL * 1000;
    case Month:
        return 30 * 24 * 3600LL * 1000;
    }
    return 0;
}

void DetailsPanel::setCheckId(const QString &id)
{
    const bool changed = id != m_id;
    m_id = id;
    m_tabs->setEnabled(!id.isEmpty());
    if (changed) {
        m_history.clear();
        m_lastRunSeen = -1;
        m_historyTimer.stop();
        m_chart->setMessage(id.isEmpty() ? QString() : tr("Loading history…"));
    }
    refreshState();
    if (changed && !id.isEmpty())
        requestHistory();
}

QString DetailsPanel::definitionJson() const
{
    return QString::fromUtf8(QJsonDocument(CheckJson::encodeCheck(m_state.definition)).toJson(QJsonDocument::Indented));
}

void DetailsPanel::handleModelChanged(const QModelIndex &topLeft, const QModelIndex &bottomRight)
{
    const int row = m_model->rowOf(m_id);
    if (row >= topLeft.row() && row <= bottomRight.row())
        refreshState();
}

void DetailsPanel::refreshState()
{
    const int row = m_model->rowOf(m_id);
    const CheckState *state = m_model->stateAt(row);
    if (!state) {
        m_state = {};
        m_badge->clear();
        m_title->setText(m_id.isEmpty() ? tr("No check selected") : tr("Check %1 was removed").arg(m_id));
        m_subtitle->setText(tr("Select a check in the table to see its output, history and definition."));
        m_output->clear();
        m_definition->clear();
        for (QLabel *label : {m_notes, m_lastRun, m_nextRun, m_lastChange, m_latency, m_indexes})
            label->clear();
        return;
    }
    const bool definitionChanged = !(state->definition == m_state.definition);
    const bool ran = state->lastRunMs != m_state.lastRunMs;
    m_state = *state;
    const auto flag = CheckFilter::statusFlagOf(m_state);
    m_badge->setPixmap(StatusStyle::icon(flag, 32).pixmap(32, 32));
    m_title->setText(m_state.definition.name);
    QStringList parts = {m_state.id(), checkKindName(m_state.definition.kind())};
    if (!m_state.definition.target().isEmpty())
        parts.append(m_state.definition.target());
    if (!m_state.definition.serviceId.isEmpty())
        parts.append(tr("service %1").arg(m_state.definition.serviceId));
    m_subtitle->setText(StatusStyle::label(flag) + u" · "_s + parts.join(u" · "_s));
    if (m_output->toPlainText() != m_state.output)
        m_output->setPlainText(m_state.output);
    m_notes->setText(m_state.definition.notes.isEmpty() ? tr("—") : m_state.definition.notes);
    m_lastRun->setText(exactTime(m_state.lastRunMs));
    m_lastChange->setText(exactTime(m_state.lastChangeMs));
    m_latency->setText(m_state.lastRunMs > 0
                           ? tr("%1 ms / %2").arg(QLocale().toString(m_state.latencyUs / 1000.0, 'f', 1),
                                                  m_state.lastCode >= 0 ? QString::number(m_state.lastCode) : tr("—"))
                           : tr("—"));
    m_indexes->setText(tr("created %1, modified %2").arg(m_state.createIndex).arg(m_state.modifyIndex));
    if (definitionChanged)
        m_definition->setPlainText(definitionJson());
    if (ran || definitionChanged) {
        m_core->nextRun(m_id, this, [this, id = m_id](qint64 wallMs) {
            if (id != m_id)
                return;
            m_nextRun->setText(wallMs > 0 ? exactTime(wallMs)
                                          : (m_state.definition.kind() == CheckKind::Maintenance
                                                 ? tr("held until maintenance ends")
                                                 : tr("not scheduled")));
        });
    }
    if (ran && m_lastRunSeen >= 0 && !m_historyTimer.isActive())
        m_historyTimer.start();
}

void DetailsPanel::requestHistory()
{
    if (m_id.isEmpty())
        return;
    const quint64 generation = ++m_historyGeneration;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_lastRunSeen = m_state.lastRunMs;
    // One query for the widest range; the ranges and uptimes are cut from it locally.
    m_core->queryHistory(m_id, now - rangeMs(Month), now + 1, this,
                         [this, generation, now](const Result<QList<HistoryEntry>> &result) {
                             if (generation != m_historyGeneration)
                                 return; // an answer for an earlier selection
                             if (!result) {
                                 m_chart->setMessage(tr("History unavailable: %1").arg(result.error().message));
                                 return;
                             }
                             m_history = result.value();
                             m_historyToMs = now;
                             applyHistory();
                         });
}

void DetailsPanel::applyHistory()
{
    const qint64 now = m_historyToMs > 0 ? m_historyToMs : QDateTime::currentMSecsSinceEpoch();
    m_chart->setHistory(m_history, now - rangeMs(m_range), now);
    const Range uptimeRanges[] = {Day, Week, Month};
    for (int i = 0; i < 3; ++i) {
        const auto uptime = HistorySummary::uptimePercent(m_history, now - rangeMs(uptimeRanges[i]), now + 1);
        QLabel *label = m_uptime.at(i);
        label->setText(uptime ? QLocale().toString(*uptime, 'f', *uptime >= 99.95 || *uptime < 10 ? 1 : 2) + u" %"_s
                              : tr("no runs"));
        const auto flag = !uptime ? CheckFilter::StatusFlag(0)
                        : *uptime >= 99.0 ? CheckFilter::Passing
                        : *uptime >= 95.0 ? CheckFilter::Warning
                                          : CheckFilter::Critical;
        label->setStyleSheet(uptime ? u"color: %1;"_s.arg(StatusStyle::color(flag).name()) : QString());
    }
    m_transitions->clear();
    QList<QTreeWidgetItem *> items;
    const auto flagOf = [](CheckStatus s) {
        return s == CheckStatus::Passing ? CheckFilter::Passing
             : s == CheckStatus::Warning ? CheckFilter::Warning
                                         : CheckFilter::Critical;
    };
    for (const HistorySummary::Transition &t : HistorySummary::transitions(m_history)) {
        auto *item = new QTreeWidgetItem({exactTime(t.timeMs), checkStatusName(t.from), checkStatusName(t.to), t.output});
        item->setIcon(1, StatusStyle::icon(flagOf(t.from), 12));
        item->setIcon(2, StatusStyle::icon(flagOf(t.to), 12));
        item->setToolTip(3, t.output);
        items.append(item);
    }
    if (items.isEmpty()) {
        auto *item = new QTreeWidgetItem({tr("No state changes in the last 30 days.")});
        item->setFlags(Qt::NoItemFlags);
        item->setFirstColumnSpanned(true);
        items.append(item);
    }
    m_transitions->addTopLevelItems(items);
    if (items.constFirst()->flags() == Qt::NoItemFlags)
        items.constFirst()->setFirstColumnSpanned(true);
}

} // namespace HealthDesk
