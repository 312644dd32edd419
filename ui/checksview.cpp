// SPDX-License-Identifier: MIT
#include "checksview.h"

#include "model/checkfilterproxy.h"
#include "model/checkstablemodel.h"
#include "statusdelegate.h"
#include "statusstyle.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QSet>
#include <QSettings>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace HealthDesk {

ChecksView::ChecksView(ChecksTableModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    m_proxy = new CheckFilterProxy(this);
    m_proxy->setChecksModel(model);

    m_filterBar = new QWidget(this);
    auto *filterRow = new QHBoxLayout(m_filterBar);
    filterRow->setContentsMargins(0, 0, 0, 0);
    filterRow->setSpacing(8);
    m_search = new QLineEdit(this);
    m_search->setObjectName(u"search"_s);
    m_search->setPlaceholderText(tr("Search name, ID, service, notes, output…"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(320);
    m_service = new QComboBox(this);
    m_service->setObjectName(u"serviceFilter"_s);
    m_service->setMinimumContentsLength(14);
    m_service->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_type = new QComboBox(this);
    m_type->setObjectName(u"typeFilter"_s);
    m_type->setMinimumContentsLength(8);
    filterRow->addWidget(m_search, 2);
    filterRow->addWidget(new QLabel(tr("Service:"), this));
    filterRow->addWidget(m_service, 1);
    filterRow->addWidget(new QLabel(tr("Type:"), this));
    filterRow->addWidget(m_type);

    m_table = new QTableView(this);
    m_table->setObjectName(u"checksTable"_s);
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ChecksTableModel::StatusColumn, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->setItemDelegateForColumn(ChecksTableModel::StatusColumn, new StatusDelegate(m_table));
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(26);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionsMovable(true);
    header->setHighlightSections(false);
    header->setStretchLastSection(true);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    const QList<std::pair<int, int>> widths = {
        {ChecksTableModel::StatusColumn, 128}, {ChecksTableModel::NameColumn, 205},
        {ChecksTableModel::CheckIdColumn, 135}, {ChecksTableModel::ServiceColumn, 90},
        {ChecksTableModel::NodeColumn, 90}, {ChecksTableModel::TypeColumn, 94},
        {ChecksTableModel::TargetColumn, 168}, {ChecksTableModel::IntervalColumn, 96},
        {ChecksTableModel::LastCheckedColumn, 88}, {ChecksTableModel::LastChangeColumn, 88},
        {ChecksTableModel::LatencyColumn, 86}};
    for (const auto &[column, width] : widths)
        header->resizeSection(column, width);
    // Right-click on the header shows or hides columns (persisted with the header state).
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this, header](const QPoint &pos) {
        QMenu menu;
        for (int column = 0; column < ChecksTableModel::ColumnCount; ++column) {
            QAction *action = menu.addAction(m_model->headerData(column, Qt::Horizontal).toString());
            action->setCheckable(true);
            action->setChecked(!header->isSectionHidden(column));
            action->setEnabled(column != ChecksTableModel::NameColumn);
            connect(action, &QAction::toggled, header,
                    [header, column](bool shown) { header->setSectionHidden(column, !shown); });
        }
        menu.exec(header->mapToGlobal(pos));
    });
    header->setSectionHidden(ChecksTableModel::NodeColumn, true); // one node: shown in the title

    m_stack = new QStackedWidget(this);
    m_stack->addWidget(buildEmptyPage());
    m_stack->addWidget(m_table);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterBar);
    layout->addWidget(m_stack, 1);

    // Search: one filter pass 300 ms after the last keystroke, not one per key.
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(kSearchDelayMs);
    connect(m_search, &QLineEdit::textChanged, &m_searchTimer, qOverload<>(&QTimer::start));
    connect(&m_searchTimer, &QTimer::timeout, this, [this] { m_proxy->setText(m_search->text()); });
    connect(m_service, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setService(m_service->currentData().toString()); });
    connect(m_type, &QComboBox::currentIndexChanged, this,
            [this] { m_proxy->setType(m_type->currentData().toString()); });

    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ChecksView::selectionChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &ChecksView::selectionChanged);
    connect(m_table, &QTableView::doubleClicked, this, [this](const QModelIndex &index) {
        emit activated(index.data(ChecksTableModel::CheckIdRole).toString());
    });
    connect(m_table, &QWidget::customContextMenuRequested, this,
            [this](const QPoint &pos) { emit contextMenuRequested(m_table->viewport()->mapToGlobal(pos)); });

    // Service/type choices follow the data, but at most twice a second.
    m_choicesTimer.setSingleShot(true);
    m_choicesTimer.setInterval(500);
    connect(&m_choicesTimer, &QTimer::timeout, this, &ChecksView::refreshFilterChoices);
    for (const auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(model, signal, this, [this] { updateEmptyState(); m_choicesTimer.start(); });
    connect(model, &QAbstractItemModel::modelReset, this, [this] { updateEmptyState(); m_choicesTimer.start(); });
    refreshFilterChoices();
    updateEmptyState();
}

QWidget *ChecksView::buildEmptyPage()
{
    auto *page = new QWidget(this);
    page->setObjectName(u"emptyState"_s);
    auto *layout = new QVBoxLayout(page);
    layout->addStretch(2);
    auto *icon = new QLabel(page);
    icon->setPixmap(StatusStyle::appIcon().pixmap(64, 64));
    icon->setAlignment(Qt::AlignCenter);
    auto *title = new QLabel(tr("No checks yet"), page);
    QFont font = title->font();
    font.setPointSizeF(font.pointSizeF() * 1.6);
    font.setBold(true);
    title->setFont(font);
    title->setAlignment(Qt::AlignCenter);
    // Lines broken by hand: a word-wrapped label inside a stacked page gets too little height.
    auto *text = new QLabel(tr("HealthDesk runs Consul-style health checks: HTTP, TCP, UDP, TTL and scripts.<br>"
                               "Add a first check, import an existing Consul agent config file,<br>"
                               "or register checks through the Consul-compatible API "
                               "(<code>PUT /v1/agent/check/register</code>)."),
                            page);
    text->setAlignment(Qt::AlignCenter);
    text->setTextFormat(Qt::RichText);
    m_emptyAdd = new QPushButton(tr("Add a check…"), page);
    m_emptyAdd->setDefault(true);
    m_emptyImport = new QPushButton(tr("Import a Consul config file…"), page);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_emptyAdd);
    buttons->addWidget(m_emptyImport);
    buttons->addStretch(1);
    layout->addWidget(icon);
    layout->addWidget(title);
    layout->addWidget(text, 0, Qt::AlignHCenter);
    layout->addSpacing(12);
    layout->addLayout(buttons);
    layout->addStretch(3);
    return page;
}

void ChecksView::updateEmptyState()
{
    const bool empty = m_model->rowCount() == 0;
    // Something is always selected once there are checks: the details are never blank.
    if (!empty && !m_table->selectionModel()->hasSelection() && m_proxy->rowCount() > 0) {
        QTimer::singleShot(0, this, [this] {
            if (!m_table->selectionModel()->hasSelection() && m_proxy->rowCount() > 0)
                m_table->selectionModel()->setCurrentIndex(
                    m_proxy->index(0, ChecksTableModel::NameColumn),
                    QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        });
    }
    m_filterBar->setVisible(!empty); // nothing to search yet
    QWidget *target = empty ? m_stack->widget(0) : m_table;
    if (m_stack->currentWidget() == target)
        return;
    m_stack->setCurrentWidget(target);
    emit emptyChanged(empty);
}

void ChecksView::refreshFilterChoices()
{
    QSet<QString> services;
    QSet<QString> types;
    for (const CheckState &state : m_model->states()) {
        const QString service = state.definition.serviceName.isEmpty() ? state.definition.serviceId
                                                                        : state.definition.serviceName;
        if (!service.isEmpty())
            services.insert(service);
        types.insert(checkKindName(state.definition.kind()));
    }
    const auto refill = [](QComboBox *box, QSet<QString> values, const QString &anyText) {
        const QString current = box->currentData().toString();
        QStringList sorted(values.cbegin(), values.cend());
        if (!current.isEmpty() && !values.contains(current))
            sorted.append(current); // keep a chosen filter even when its last check went away
        sorted.sort(Qt::CaseInsensitive);
        QStringList existing;
        for (int i = 1; i < box->count(); ++i)
            existing.append(box->itemData(i).toString());
        if (existing == sorted && box->count() > 0)
            return;
        const QSignalBlocker blocker(box);
        box->clear();
        box->addItem(anyText, QString());
        for (const QString &value : std::as_const(sorted))
            box->addItem(value, value);
        box->setCurrentIndex(std::max(0, box->findData(current)));
    };
    refill(m_service, services, tr("All services"));
    refill(m_type, types, tr("All types"));
}

QStringList ChecksView::selectedIds() const
{
    QModelIndexList rows = m_table->selectionModel()->selectedRows();
    std::sort(rows.begin(), rows.end(), [](const QModelIndex &a, const QModelIndex &b) { return a.row() < b.row(); });
    QStringList ids;
    for (const QModelIndex &index : std::as_const(rows))
        ids.append(index.data(ChecksTableModel::CheckIdRole).toString());
    return ids;
}

QString ChecksView::currentId() const
{
    const QModelIndex current = m_table->selectionModel()->currentIndex();
    if (current.isValid() && m_table->selectionModel()->isRowSelected(current.row(), {}))
        return current.data(ChecksTableModel::CheckIdRole).toString();
    const QStringList ids = selectedIds();
    return ids.isEmpty() ? QString() : ids.constFirst();
}

void ChecksView::selectCheck(const QString &id)
{
    const int sourceRow = m_model->rowOf(id);
    if (sourceRow < 0)
        return;
    QModelIndex index = m_proxy->mapFromSource(m_model->index(sourceRow, ChecksTableModel::NameColumn));
    if (!index.isValid()) { // hidden by a filter: show it anyway
        m_search->clear();
        m_searchTimer.stop();
        m_proxy->setText({});
        m_service->setCurrentIndex(0);
        m_type->setCurrentIndex(0);
        setStatuses(0);
        index = m_proxy->mapFromSource(m_model->index(sourceRow, ChecksTableModel::NameColumn));
    }
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
}

void ChecksView::setStatuses(quint8 flags)
{
    m_proxy->setStatuses(flags);
}

void ChecksView::saveState(QSettings &settings) const
{
    settings.setValue(u"checks/header"_s, m_table->horizontalHeader()->saveState());
    settings.setValue(u"checks/search"_s, m_search->text());
    settings.setValue(u"checks/service"_s, m_service->currentData().toString());
    settings.setValue(u"checks/type"_s, m_type->currentData().toString());
}

void ChecksView::restoreState(QSettings &settings)
{
    const QByteArray header = settings.value(u"checks/header"_s).toByteArray();
    if (!header.isEmpty())
        m_table->horizontalHeader()->restoreState(header);
    m_search->setText(settings.value(u"checks/search"_s).toString());
    m_searchTimer.stop();
    m_proxy->setText(m_search->text());
    const auto choose = [](QComboBox *box, const QString &value) {
        if (value.isEmpty())
            return;
        if (box->findData(value) < 0)
            box->addItem(value, value);
        box->setCurrentIndex(box->findData(value));
    };
    choose(m_service, settings.value(u"checks/service"_s).toString());
    choose(m_type, settings.value(u"checks/type"_s).toString());
}

} // namespace HealthDesk
